#include <tally/detail/numeric.hpp>
