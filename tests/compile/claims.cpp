#include <tally/claims.hpp>
