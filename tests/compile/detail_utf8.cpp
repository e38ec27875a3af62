// detail headers compile on their own too.
#include <tally/detail/utf8.hpp>
