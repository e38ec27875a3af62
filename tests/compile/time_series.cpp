#include <tally/time_series.hpp>
