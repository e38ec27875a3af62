#include <tally/transform.hpp>
