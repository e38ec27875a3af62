// Must not compile: 1e400 is beyond double, and tally's percent literals
// refuse it at compile time (tests/CMakeLists.txt expects this to fail).
// With TALLY_IN_RANGE the same program with 1e300 compiles, so the failure
// is the literal's and not the build's.
#include <tally/percent.hpp>

using namespace tally::literals;

#if defined(TALLY_IN_RANGE)
int main() { return static_cast<int>((1e300_pct).value() > 0 && (1e300_pp).value() > 0 ? 0 : 1); }
#else
int main() { return static_cast<int>((1e400_pct).value()); }
#endif
