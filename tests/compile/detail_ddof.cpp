#include <tally/detail/ddof.hpp>
