#include <tally/detail/text.hpp>
