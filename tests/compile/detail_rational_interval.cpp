// detail headers compile on their own too.
#include <tally/detail/rational_interval.hpp>
