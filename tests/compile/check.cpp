#include <tally/check.hpp>
