#include <tally/format.hpp>
