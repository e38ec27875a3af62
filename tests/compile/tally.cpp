#include <tally/tally.hpp>
