#include <tally/detail/int128.hpp>
