#include <tally/detail/stats_impl.hpp>
