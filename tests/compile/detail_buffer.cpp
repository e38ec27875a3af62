#include <tally/detail/buffer.hpp>
