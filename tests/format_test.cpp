// Tests of tally/format.hpp and tally/fmt.hpp: operator<< for every type,
// and the {fmt} and std::format formatters where those are available.
//
// {fmt} is used header-only here (FMT_HEADER_ONLY), so this test needs no
// library to link; it is skipped where <fmt/format.h> is missing.
// Expected texts are derived by hand in the comments.
#if __has_include(<fmt/format.h>)
#define FMT_HEADER_ONLY
#include <tally/fmt.hpp>
#endif

#include <tally/format.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <iomanip>
#include <limits>
#include <sstream>
#include <string>

using namespace tally::literals;

namespace {

template <class T>
std::string streamed(const T& value) {
    std::ostringstream os;
    os << value;
    return os.str();
}

// Removals of accounts, 2015..2019 (the worked examples' series).
const tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

} // namespace

TEST_CASE("operator<<: a series is written as {time: value, ...} in time order") {
    CHECK(streamed(removals) == "{2015: 153, 2016: 462, 2017: 527, 2018: 594, 2019: 387}");
    // Given out of order, it is still written in time order.
    const tally::time_series<int, int> unsorted{{2019, 387}, {2015, 153}};
    CHECK(streamed(unsorted) == "{2015: 153, 2019: 387}");
}

TEST_CASE("operator<<: an empty series is written as {}") {
    CHECK(streamed(tally::time_series<int, int>{}) == "{}");
}

TEST_CASE("operator<<: one observation is written as time: value") {
    CHECK(streamed(removals[4]) == "2019: 387");
    CHECK(streamed(tally::observation<int, double>{2020, 0.25}) == "2020: 0.25");
}

TEST_CASE("operator<<: floating values are shortest, or fixed when the stream is std::fixed") {
    const tally::time_series<int, double> rates{{2015, 0.5}, {2016, 1.26}, {2017, 12.0}};
    CHECK(streamed(rates) == "{2015: 0.5, 2016: 1.26, 2017: 12}");
    std::ostringstream os;
    os << std::fixed << std::setprecision(1) << rates;
    // 1.26 to one decimal is 1.3; 12 is 12.0.
    CHECK(os.str() == "{2015: 0.5, 2016: 1.3, 2017: 12.0}");
}

TEST_CASE("operator<<: a NaN value in a series is written as nan") {
    const tally::time_series<int, double> gap{{2015, 1.0}, {2016, std::numeric_limits<double>::quiet_NaN()}};
    CHECK(streamed(gap) == "{2015: 1, 2016: nan}");
}

TEST_CASE("operator<<: a series with std::chrono::year times writes the years") {
    using std::chrono::year;
    const tally::time_series<year, int> s{{year{2018}, 594}, {year{2019}, 387}};
    CHECK(streamed(s) == "{2018: 594, 2019: 387}");
}

TEST_CASE("operator<<: quarters, months, days and fiscal years are written as their calendar writes them") {
    using namespace std::chrono;
    const tally::time_series<tally::year_quarter, int> quarters{{tally::year_quarter{2019, 1}, 5},
                                                                {tally::year_quarter{2019, 2}, 7}};
    CHECK(streamed(quarters) == "{2019 Q1: 5, 2019 Q2: 7}");
    const tally::time_series<year_month, int> months{{year{2019} / March, 12}};
    CHECK(streamed(months) == "{2019-03: 12}");
    const tally::time_series<year_month_day, int> days{{year{2019} / March / 31, 1}};
    CHECK(streamed(days) == "{2019-03-31: 1}");
    const tally::time_series<tally::fiscal_year<4>, int> fiscal{{tally::fiscal_year<4>{2018}, 10213}};
    CHECK(streamed(fiscal) == "{2018/19: 10213}");
}

TEST_CASE("operator<<: a claim is written as to_string gives it, a verdict as explain gives it") {
    const auto c = tally::claim::percent_change("110", tally::direction::rise);
    CHECK(streamed(c) == tally::to_string(c));
    const auto v = tally::check(tally::change{4963, 10213}, c);
    CHECK(streamed(v) == v.explain());
    CHECK_FALSE(streamed(v).empty());
}

#if __has_include(<fmt/format.h>)

TEST_CASE("fmt: a percent with no specification is written as operator<< writes it") {
    CHECK(fmt::format("{}", 110_pct) == "+110%");
    CHECK(fmt::format("{}", tally::percent{-34.848484}) == "-34.8%");
    CHECK(fmt::format("{}", 0_pct) == "0%");
    CHECK(fmt::format("{}", 105.8_pct) == streamed(105.8_pct));
}

TEST_CASE("fmt: {:+.1f} writes a percent with its sign and one decimal") {
    // 10213 / 4963 - 1 = 0.057828... -> +105.8% (4963 * 2.058 = 10213.9 > 10213 > 4963 * 2.0575 = 10211.4).
    const auto p = tally::change{4963, 10213}.percent();
    CHECK(fmt::format("{:+.1f}", p) == "+105.8%");
    CHECK(fmt::format("{:.2f}", p) == "+105.78%");
    CHECK(fmt::format("{:.0f}", p) == "+106%");
    CHECK(fmt::format("{:+.1f}", 110_pct) == "+110.0%");
    CHECK(fmt::format("{:.1f}", -0.04_pct) == "0.0%");  // rounds to zero: no sign
}

TEST_CASE("fmt: the '-' sign writes a share without a plus") {
    CHECK(fmt::format("{:-}", 11_pct) == "11%");
    CHECK(fmt::format("{:-.2f}", 11_pct) == "11.00%");
    CHECK(fmt::format("{:-}", -2.5_pct) == "-2.5%");
}

TEST_CASE("fmt: ',' puts commas between thousands in a percent") {
    // 1234.56 to one decimal is 1234.6.
    CHECK(fmt::format("{:,.1f}", tally::percent{1234.56}) == "+1,234.6%");
    CHECK(fmt::format("{:,}", tally::percent{-1234567.0}) == "-1,234,567%");
    CHECK(fmt::format("{:,}", 999_pct) == "+999%");
}

TEST_CASE("fmt: percentage points are written with ' pp'") {
    CHECK(fmt::format("{}", 1.1_pp) == "+1.1 pp");
    CHECK(fmt::format("{:.2f}", 1.1_pp) == "+1.10 pp");
    CHECK(fmt::format("{:-}", -0.5_pp) == "-0.5 pp");
    CHECK(fmt::format("{:-}", 0.5_pp) == "0.5 pp");
    CHECK(fmt::format("{}", 29.8_pct - 28.6_pct) == streamed(29.8_pct - 28.6_pct));
}

TEST_CASE("fmt: width, fill and align pad a percent, right-aligned by default") {
    CHECK(fmt::format("{:8}", 11_pct) == "    +11%");
    CHECK(fmt::format("{:<8}", 11_pct) == "+11%    ");
    CHECK(fmt::format("{:*^9}", 11_pct) == "**+11%***");
    CHECK(fmt::format("{:>3}", 110_pct) == "+110%");  // narrower than the text: not cut
    CHECK(fmt::format("{:_>10.1f}", 11_pct) == "____+11.0%");
}

TEST_CASE("fmt: a change is written as operator<< writes it") {
    CHECK(fmt::format("{}", tally::change{594, 387}) == "594 -> 387 (-207, -34.8%)");
    CHECK(fmt::format("{}", tally::change{594, 387}) == streamed(tally::change{594, 387}));
    CHECK(fmt::format("{}", tally::change{153.0, 387.0}) == "153 -> 387 (+234, +152.9%)");
    CHECK(fmt::format("{}", tally::change{153.0, 387.0}) == streamed(tally::change{153.0, 387.0}));
}

TEST_CASE("fmt: ',' groups the counts of a change and precision sets its percent's decimals") {
    CHECK(fmt::format("{:,}", tally::change{4963, 10213}) == "4,963 -> 10,213 (+5,250, +105.8%)");
    CHECK(fmt::format("{:.2f}", tally::change{4963, 10213}) == "4963 -> 10213 (+5250, +105.78%)");
    CHECK(fmt::format("{:,.0f}", tally::change{14247, 24138}) == "14,247 -> 24,138 (+9,891, +69%)");
}

TEST_CASE("fmt: a change with no percent says why") {
    CHECK(fmt::format("{}", tally::change{0, 5}) == "0 -> 5 (+5, no percent: the base is zero)");
}

TEST_CASE("fmt: the difference of a 64-bit change is exact and grouped") {
    // INT64_MIN -> INT64_MAX: the difference is 2^64 - 1 = 18446744073709551615.
    constexpr auto lo = std::numeric_limits<std::int64_t>::min();
    constexpr auto hi = std::numeric_limits<std::int64_t>::max();
    CHECK(fmt::format("{:,}", tally::change{lo, hi}) ==
          "-9,223,372,036,854,775,808 -> 9,223,372,036,854,775,807 (+18,446,744,073,709,551,615, "
          "no percent: the base is negative (base_policy::signed_value or base_policy::magnitude computes one))");
}

TEST_CASE("fmt: a series is written as operator<< writes it, with ',' and precision for its values") {
    CHECK(fmt::format("{}", removals) == streamed(removals));
    const tally::time_series<int, int> assaults{{2015, 4963}, {2018, 10213}};
    CHECK(fmt::format("{:,}", assaults) == "{2015: 4,963, 2018: 10,213}");
    const tally::time_series<int, double> rates{{2015, 0.5}, {2016, 1.26}};
    CHECK(fmt::format("{:.1f}", rates) == "{2015: 0.5, 2016: 1.3}");
    CHECK(fmt::format("{:.1f}", assaults) == "{2015: 4963, 2018: 10213}");  // integers in full
    // "{2019: 387}" is 11 characters: 13 spaces pad it to 24.
    CHECK(fmt::format("{:>24}", tally::time_series<int, int>{{2019, 387}}) == std::string(13, ' ') + "{2019: 387}");
    CHECK(fmt::format("{}", tally::time_series<int, int>{}) == "{}");
}

TEST_CASE("fmt: a series of quarters is written with its quarters and grouped values") {
    const tally::time_series<tally::year_quarter, int> quarters{{tally::year_quarter{2018, 4}, 2500},
                                                                {tally::year_quarter{2019, 1}, 2613}};
    CHECK(fmt::format("{:,}", quarters) == "{2018 Q4: 2,500, 2019 Q1: 2,613}");
}

TEST_CASE("fmt: one observation is written as time: value") {
    CHECK(fmt::format("{}", removals[0]) == "2015: 153");
    CHECK(fmt::format("{:,}", tally::observation<int, long>{2018, 10213}) == "2018: 10,213");
}

TEST_CASE("fmt: a claim and a verdict are written as to_string and explain give them") {
    const auto c = tally::claim::percent_change("110", tally::direction::rise);
    CHECK(fmt::format("{}", c) == tally::to_string(c));
    const auto v = tally::check(tally::change{4963, 10213}, c);
    CHECK(fmt::format("{}", v) == v.explain());
}

TEST_CASE("fmt: a specification a type does not take is a format_error with one sentence") {
    const auto c = tally::change{594, 387};
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:+}"), c),
                         "a sign in a format specification applies only to percent and percentage_points.",
                         fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:x}"), 11_pct),
                         "a tally format specification is [[fill]align][sign][width][,][.precision][f], and this "
                         "one has more.",
                         fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:.f}"), 11_pct),
                         "a '.' in a tally format specification must be followed by the number of decimals.",
                         fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:08}"), 11_pct),
                         "a tally format specification takes no zero padding; use a fill character, as in "
                         "\"{:0>8}\".",
                         fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:{}}"), 11_pct, 8),
                         "a tally format specification takes no nested replacement field; write the width and "
                         "precision as numbers.",
                         fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:.101f}"), 11_pct),
                         "the precision in a tally format specification must be at most 100.", fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:1001}"), 11_pct),
                         "the width in a tally format specification must be at most 1000.", fmt::format_error);
    CHECK_THROWS_WITH_AS((void)fmt::format(fmt::runtime("{:,}"), tally::claim::direction_of(tally::direction::fall)),
                         "a claim or verdict takes only fill, align and width in a format specification.",
                         fmt::format_error);
}

TEST_CASE("fmt: a zero fill is accepted where it is written as fill and align") {
    CHECK(fmt::format("{:0>6}", 11_pct) == "00+11%");
}

#endif  // fmt

#if defined(__cpp_lib_format)
// Not compiled with libstdc++ 12 or libc++ 14, which lack <format>.
#include <format>

TEST_CASE("std::format: gives the same text as the {fmt} formatter") {
    CHECK(std::format("{:+.1f}", tally::change{4963, 10213}.percent()) == "+105.8%");
    CHECK(std::format("{:-.2f}", 11_pct) == "11.00%");
    CHECK(std::format("{:,}", tally::change{4963, 10213}) == "4,963 -> 10,213 (+5,250, +105.8%)");
    CHECK(std::format("{}", removals) == "{2015: 153, 2016: 462, 2017: 527, 2018: 594, 2019: 387}");
    CHECK(std::format("{}", 1.1_pp) == "+1.1 pp");
    CHECK_THROWS_WITH_AS((void)std::vformat("{:+}", std::make_format_args(removals)),
                         "a sign in a format specification applies only to percent and percentage_points.",
                         std::format_error);
}
#endif
