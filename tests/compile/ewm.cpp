#include <tally/ewm.hpp>
