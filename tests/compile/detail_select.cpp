#include <tally/detail/select.hpp>
