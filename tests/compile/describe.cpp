#include <tally/describe.hpp>
