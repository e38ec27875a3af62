// A consumer of tally: computes the article's fall from 594 to 387 and
// exits non-zero unless the library gives the hand-derived figures
// (387 - 594 = -207; 207 / 594 = 0.34848..., so -34.8% to one decimal).
#include <tally/tally.hpp>

#include <iostream>
#include <sstream>

int main() {
    constexpr tally::change fall{594, 387};
    static_assert(fall.difference() == -207);
    std::ostringstream text;
    text << fall.percent();
    std::cout << "594 -> 387: " << text.str() << '\n';
    return text.str() == "-34.8%" ? 0 : 1;
}
