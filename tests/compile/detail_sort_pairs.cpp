#include <tally/detail/sort_pairs.hpp>
