#include <tally/detail/rolling_kernels.hpp>
