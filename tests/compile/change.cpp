#include <tally/change.hpp>
