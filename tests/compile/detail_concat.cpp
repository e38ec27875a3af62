#include <tally/detail/concat.hpp>
