#include <tally/fwd.hpp>
