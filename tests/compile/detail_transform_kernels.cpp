#include <tally/detail/transform_kernels.hpp>
