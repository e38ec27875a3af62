// tally/fmt.hpp requires {fmt}; where it is missing there is nothing to check.
#if __has_include(<fmt/format.h>)
#include <tally/fmt.hpp>
#endif
