#include <tally/percent.hpp>
