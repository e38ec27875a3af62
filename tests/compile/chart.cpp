#include <tally/chart.hpp>
