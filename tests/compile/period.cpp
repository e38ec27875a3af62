#include <tally/period.hpp>
