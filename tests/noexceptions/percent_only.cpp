// Compiled with -fno-exceptions by ctest: percent.hpp throws (apply() on
// overflow), so it too must stop at the #error that says why.
#include <tally/percent.hpp>

int main() {
    using namespace tally::literals;
    return tally::compound(10_pct, 10_pct).value() > 20.0 ? 0 : 1;
}
