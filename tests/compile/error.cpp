#include <tally/error.hpp>
