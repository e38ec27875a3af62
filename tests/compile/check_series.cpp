#include <tally/check_series.hpp>
