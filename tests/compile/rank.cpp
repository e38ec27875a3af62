#include <tally/rank.hpp>
