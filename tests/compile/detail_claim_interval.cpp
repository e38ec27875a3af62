// detail headers compile on their own too.
#include <tally/detail/claim_interval.hpp>
