#include <tally/detail/quote.hpp>
