#include <tally/rolling.hpp>
