// Tests for tally/percent.hpp. Expected values are derived by hand in the
// comments beside them.
#include <tally/percent.hpp>

#include <doctest/doctest.h>

#include <iomanip>
#include <sstream>
#include <string>

using namespace tally::literals;
using tally::percent;
using tally::percentage_points;

namespace {
template <class A, class B>
concept addable = requires(A a, B b) { a + b; };
template <class A, class B>
concept subtractable = requires(A a, B b) { a - b; };

template <class T>
std::string streamed(const T& value) {
    std::ostringstream out;
    out << value;
    return out.str();
}
} // namespace

// --- the unit rules, checked at compile time --------------------------------
static_assert(!addable<percent<>, percent<>>, "percent + percent must not compile");
static_assert(subtractable<percent<>, percent<>>);
static_assert(std::same_as<decltype(percent<>{} - percent<>{}), percentage_points<>>);
static_assert(addable<percent<>, percentage_points<>>);
static_assert(addable<percentage_points<>, percentage_points<>>);
static_assert(std::same_as<decltype(percent<>{} + percentage_points<>{}), percent<>>);
static_assert(!addable<percent<>, double>, "a bare number is not a percent");
static_assert(!std::is_convertible_v<double, percent<>>, "percent{x} is explicit");
static_assert(!std::is_convertible_v<percent<>, percentage_points<>>);

// constexpr throughout
static_assert(110_pct .value() == 110.0);
static_assert(110_pct .fraction() == 1.1);
static_assert(34.8_pct .value() == 34.8);
static_assert(1.1_pp .value() == 1.1);
static_assert((29.8_pct - 28.6_pct).value() > 1.19 && (29.8_pct - 28.6_pct).value() < 1.21);
static_assert(percent<>::from_fraction(0.25) == 25_pct);
static_assert(-(10_pct) == percent<>{-10});
static_assert(10_pct < 20_pct);

TEST_CASE("percent: value is the number of percent and fraction the share of one") {
    constexpr percent<> p{110};
    CHECK(p.value() == doctest::Approx(110));
    CHECK(p.fraction() == doctest::Approx(1.10));
    CHECK(percent<long double>{12.5L}.fraction() == doctest::Approx(0.125));
}

TEST_CASE("percent: subtracting two percents gives percentage points") {
    // 29.8% - 28.6% = 1.2 pp
    const percentage_points<> d = 29.8_pct - 28.6_pct;
    CHECK(d.value() == doctest::Approx(1.2));
    // and adding the points back gives the later percent
    CHECK((28.6_pct + d).value() == doctest::Approx(29.8));
    CHECK((29.8_pct - d).value() == doctest::Approx(28.6));
}

TEST_CASE("percent: compounding is explicit and multiplies the factors") {
    // (1.10)(1.10) - 1 = 0.21
    CHECK(tally::compound(10_pct, 10_pct).value() == doctest::Approx(21));
    // a 50% fall then a 100% rise gets back to the start: 0.5 * 2 - 1 = 0
    CHECK(tally::compound(-50_pct, 100_pct).value() == doctest::Approx(0));
    // three steps: 1.1 * 1.2 * 0.9 - 1 = 0.188
    CHECK(tally::compound(10_pct, 20_pct, -10_pct).value() == doctest::Approx(18.8));
    static_assert(tally::compound(100_pct, 100_pct) == 300_pct);  // 2 * 2 - 1 = 3
}

TEST_CASE("percent: applying a change to a value is explicit") {
    // 4,963 * 2.10 = 10,422.3
    CHECK(tally::apply(110_pct, 4963) == doctest::Approx(10422.3));
    // 594 * (1 - 0.348) = 387.288
    CHECK(tally::apply(-34.8_pct, 594) == doctest::Approx(387.288));
    static_assert(tally::apply(10_pct, 200.0) > 219.999 && tally::apply(10_pct, 200.0) < 220.001);
}

TEST_CASE("percent: scaling by a number") {
    CHECK((10_pct * 0.5).value() == doctest::Approx(5));
    CHECK((2.0 * 10_pct).value() == doctest::Approx(20));
    CHECK((10_pct / 4.0).value() == doctest::Approx(2.5));
    CHECK((1.1_pp * 2.0).value() == doctest::Approx(2.2));
}

TEST_CASE("percent: converting between floating types keeps the value") {
    const percent<long double> wide{percent<double>{12.5}};
    CHECK(wide.value() == doctest::Approx(12.5L));
    const percentage_points<float> narrow{1.5_pp};
    CHECK(narrow.value() == doctest::Approx(1.5f));
}

TEST_CASE("percent: text has a sign, one decimal by default, and trailing zeros dropped") {
    CHECK(tally::to_string(110_pct) == "+110%");
    CHECK(tally::to_string(percent<>{-34.848484}) == "-34.8%");
    CHECK(tally::to_string(percent<>{105.8154}) == "+105.8%");
    CHECK(tally::to_string(0_pct) == "0%");
    // -0.04 rounds to zero at one decimal, and zero has no sign
    CHECK(tally::to_string(percent<>{-0.04}) == "0%");
    CHECK(tally::to_string(1.1_pp) == "+1.1 pp");
    CHECK(tally::to_string(-0.5_pp) == "-0.5 pp");
}

TEST_CASE("percent: text with a chosen precision keeps exactly that many decimals") {
    CHECK(tally::to_string(percent<>{-34.848484}, 2) == "-34.85%");
    CHECK(tally::to_string(110_pct, 1) == "+110.0%");
    CHECK(tally::to_string(percent<>{152.94}, 0) == "+153%");
    CHECK(tally::to_string(1.1_pp, 2) == "+1.10 pp");
}

TEST_CASE("percent: streaming follows the stream's fixed precision when set") {
    CHECK(streamed(110_pct) == "+110%");
    CHECK(streamed(percent<>{-34.848484}) == "-34.8%");
    CHECK(streamed(1.1_pp) == "+1.1 pp");
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << percent<>{-34.848484} << ' ' << 1.1_pp;
    CHECK(out.str() == "-34.848% +1.100 pp");
    std::wostringstream wide;
    wide << 110_pct;
    CHECK(wide.str() == L"+110%");
}

TEST_CASE("percent: non-finite values print as nan and inf, never as a number") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(tally::to_string(percent<>{nan}) == "nan%");
    CHECK(tally::to_string(percent<>{inf}) == "+inf%");
    CHECK(tally::to_string(percent<>{-inf}) == "-inf%");
}

TEST_CASE("percent: streaming honours the stream's width and alignment as one field") {
    std::ostringstream out;
    out << '[' << std::setw(10) << 110_pct << "][" << std::left << std::setw(8) << percent<>{-34.8} << "]["
        << std::right << std::setfill('.') << std::setw(9) << 1.1_pp << ']';
    CHECK(out.str() == "[     +110%][-34.8%  ][..+1.1 pp]");
}

TEST_CASE("percent: text rounds a tie half away from zero, as a stated figure is read") {
    // 0.25, 2.25 and 0.125 are exact in binary, so each is a true tie
    CHECK(tally::to_string(percent<>{0.25}) == "+0.3%");
    CHECK(tally::to_string(percent<>{-2.25}) == "-2.3%");
    CHECK(tally::to_string(percent<>{0.125}, 2) == "+0.13%");
    CHECK(tally::to_string(percent<>{2.5}, 0) == "+3%");
    CHECK(tally::to_string(percent<>{-0.5}, 0) == "-1%");
    CHECK(tally::to_string(percent<>{99.95}, 1) == "+100.0%");  // 99.95 is just above the tie in binary
    // 0.35 is 0.34999999999999997779... in binary: below the tie, so it rounds down
    CHECK(tally::to_string(percent<>{0.35}) == "+0.3%");
    // 0.15 is 0.14999999999999999445... in binary: below the tie
    CHECK(tally::to_string(percent<>{0.15}) == "+0.1%");
    CHECK(tally::to_string(percent<long double>{0.25L}) == "+0.3%");
    CHECK(tally::to_string(percent<float>{0.25f}) == "+0.3%");
}
