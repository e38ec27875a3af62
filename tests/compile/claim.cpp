#include <tally/claim.hpp>
