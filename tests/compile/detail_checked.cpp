#include <tally/detail/checked.hpp>
