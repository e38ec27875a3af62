#include <tally/aggregate.hpp>
