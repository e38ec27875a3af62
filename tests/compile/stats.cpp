#include <tally/stats.hpp>
