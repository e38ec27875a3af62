// Compiled with -fno-exceptions by ctest: must fail with tally's #error.
#include <tally/tally.hpp>

int main() { return 0; }
