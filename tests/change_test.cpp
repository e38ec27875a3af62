// Tests for tally/change.hpp. Expected values come from hand derivations in
// the comments, or from exact 128-bit integer arithmetic.
#include <tally/change.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <iomanip>
#include <limits>
#include <random>
#include <sstream>

using tally::base_policy;
using tally::change;
using tally::direction;
using tally::undefined_reason;
using wide = tally::detail::int128;  // exact reference arithmetic

// --- compile-time rules -------------------------------------------------------
static_assert(change(153, 387).ratio() > 2);  // 387 / 153 = 2.529...
static_assert(change(594u, 387u).difference() == -207);
static_assert(change(594, 387).direction() == direction::fall);
static_assert(std::same_as<change<unsigned>::difference_type, std::int64_t>);
static_assert(std::same_as<change<std::uint8_t>::difference_type, int>);
static_assert(std::same_as<change<std::int64_t>::difference_type, std::int64_t>);
static_assert(std::same_as<change<float>::difference_type, float>);
static_assert(std::same_as<decltype(change(1, 2).ratio()), double>);
static_assert(std::same_as<decltype(change(1, 2).ratio<long double>()), long double>);
static_assert(std::same_as<decltype(change(1.0f, 2.0f).percent()), tally::percent<float>>);
namespace {
template <class A, class B>
concept constructible_change = requires(A a, B b) { change(a, b); };
}
static_assert(!constructible_change<int, unsigned>, "mixed ends must say which type they mean");
static_assert(!constructible_change<bool, bool>, "bool is not a count");

TEST_CASE_TEMPLATE("change: the article's fall from 594 to 387", T, int, unsigned, std::int64_t, double, long double) {
    const change<T> c{T(594), T(387)};
    // 387 - 594 = -207
    CHECK(c.difference() == -207);
    // 387 / 594 = 0.651515... (= 43/66)
    CHECK(static_cast<double>(c.ratio()) == doctest::Approx(43.0 / 66.0));
    // -207 / 594 * 100 = -34.8484...% (= -1150/33 %)
    CHECK(static_cast<double>(c.percent().value()) == doctest::Approx(-1150.0 / 33.0));
    CHECK(c.direction() == direction::fall);
    CHECK(c.from() == T(594));
    CHECK(c.to() == T(387));
}

TEST_CASE_TEMPLATE("change: more than twice as high as 153", T, int, unsigned, std::int64_t, double, long double) {
    const change<T> c{T(153), T(387)};
    // 387 / 153 = 2.5294... (= 43/17); (387 - 153) / 153 = 152.94...% (= 2600/17 %)
    CHECK(static_cast<double>(c.ratio()) == doctest::Approx(43.0 / 17.0));
    CHECK(static_cast<double>(c.percent().value()) == doctest::Approx(2600.0 / 17.0));
    CHECK(c.difference() == 234);
    CHECK(c.direction() == direction::rise);
}

TEST_CASE_TEMPLATE("change: a zero base has no percent change", T, int, unsigned, std::int64_t, double, long double) {
    const change<T> c{T(0), T(5)};
    CHECK(c.difference() == 5);
    CHECK(c.why_undefined() == undefined_reason::zero_base);
    CHECK_FALSE(c.try_percent().has_value());
    CHECK_FALSE(c.try_ratio().has_value());
    CHECK_THROWS_WITH_AS((void)c.percent(), "a percent change from 0 to 5 is undefined: the base is zero.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)c.ratio(), "the ratio of a change from 0 to 5 is undefined: the base is zero.",
                         tally::undefined_result);
    // every policy agrees: there is nothing to divide by
    CHECK_FALSE(c.try_percent(base_policy::signed_value).has_value());
    CHECK_FALSE(c.try_percent(base_policy::magnitude).has_value());
}

TEST_CASE("change: from zero to zero is unchanged but still has no percent") {
    const change c{0, 0};
    CHECK(c.direction() == direction::unchanged);
    CHECK(c.difference() == 0);
    CHECK(c.why_undefined() == undefined_reason::zero_base);
}

TEST_CASE_TEMPLATE("change: a negative base is not meaningful unless a policy is asked for", T, int, std::int64_t,
                   double) {
    const change<T> c{T(-5), T(10)};
    CHECK(c.why_undefined() == undefined_reason::negative_base);
    CHECK_FALSE(c.try_percent().has_value());
    CHECK_THROWS_WITH_AS((void)c.percent(),
                         "a percent change from -5 to 10 is undefined: the base is negative "
                         "(base_policy::signed_value or base_policy::magnitude computes one).",
                         tally::undefined_result);
    // pandas divides by the signed base: (10 - -5) / -5 = -3, i.e. -300%
    CHECK(c.percent(base_policy::signed_value).value() == doctest::Approx(-300));
    CHECK(c.ratio(base_policy::signed_value) == doctest::Approx(-2));  // 10 / -5
    // the magnitude base makes a move upwards a rise: 15 / 5 = +300%
    CHECK(c.percent(base_policy::magnitude).value() == doctest::Approx(300));
    CHECK(c.ratio(base_policy::magnitude) == doctest::Approx(4));  // 1 + 15 / 5
    CHECK(c.direction() == direction::rise);
}

TEST_CASE("change: a sign change under the magnitude policy keeps the direction") {
    // -10 -> -5: up by 5 on a base of magnitude 10 = +50%; pandas: 5 / -10 = -50%
    const change c{-10, -5};
    CHECK(c.percent(base_policy::magnitude).value() == doctest::Approx(50));
    CHECK(c.percent(base_policy::signed_value).value() == doctest::Approx(-50));
    // 10 -> -5: down 15 on a positive base = -150% under every policy
    CHECK(change(10, -5).percent().value() == doctest::Approx(-150));
}

TEST_CASE("change: an unsigned fall never wraps") {
    CHECK(change(594u, 387u).difference() == -207);
    CHECK(change<std::uint8_t>(255, 0).difference() == -255);
    CHECK(change<std::uint16_t>(0, 65535).difference() == 65535);
    CHECK(change<std::uint32_t>(4294967295u, 0u).difference() == -4294967295LL);
    CHECK(change<std::uint64_t>(10, 3).difference() == -7);
    CHECK(change(594u, 387u).percent().value() == doctest::Approx(-1150.0 / 33.0));
}

TEST_CASE("change: 64-bit extremes are exact or refused, never wrapped") {
    constexpr auto min64 = std::numeric_limits<std::int64_t>::min();
    constexpr auto max64 = std::numeric_limits<std::int64_t>::max();
    constexpr auto umax64 = std::numeric_limits<std::uint64_t>::max();
    CHECK(change<std::int64_t>(max64, 0).difference() == -max64);
    CHECK_THROWS_AS((void)change<std::int64_t>(-1, max64).difference(), tally::overflow_error);  // 2^63
    CHECK(change<std::int64_t>(min64, -1).difference() == max64);  // -1 - (-2^63) = 2^63 - 1
    CHECK(change<std::uint64_t>(umax64, umax64 - 5).difference() == -5);
    CHECK_THROWS_WITH_AS((void)change<std::int64_t>(min64, max64).difference(),
                         "the difference from -9223372036854775808 to 9223372036854775807 does not fit in a "
                         "64-bit signed integer.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)change<std::uint64_t>(0, umax64).difference(),
                         "the difference from 0 to 18446744073709551615 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)change<std::int64_t>(max64, -2).difference(),
                         "the difference from 9223372036854775807 to -2 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    // the percent of such a change is still computed from the exact difference:
    // (2^64 - 1 - 1) / 1 * 100
    CHECK(change<std::uint64_t>(1, umax64).percent().value() == doctest::Approx(1.8446744073709552e21));
    // INT64_MIN as a base: negative, so no percent by default; pandas' policy divides
    CHECK(change<std::int64_t>(min64, 0).why_undefined() == undefined_reason::negative_base);
    CHECK(change<std::int64_t>(min64, 0).percent(base_policy::signed_value).value() == doctest::Approx(-100));
}

TEST_CASE("change: differences of every width agree with exact 128-bit arithmetic") {
    std::mt19937_64 rng(20200207);
    const auto check_width = [&](auto tag) {
        using T = decltype(tag);
        std::uniform_int_distribution<long long> pick(0, 3);
        for (int i = 0; i < 2000; ++i) {
            // mix the extremes in with random values
            const auto draw = [&]() -> T {
                switch (pick(rng)) {
                case 0: return std::numeric_limits<T>::min();
                case 1: return std::numeric_limits<T>::max();
                default: return static_cast<T>(rng());
                }
            };
            const T a = draw(), b = draw();
            const wide exact = static_cast<wide>(b) - static_cast<wide>(a);
            const bool fits = exact >= std::numeric_limits<std::int64_t>::min() &&
                              exact <= std::numeric_limits<std::int64_t>::max();
            if (fits) {
                REQUIRE(static_cast<wide>(change<T>(a, b).difference()) == exact);
            } else {
                REQUIRE_THROWS_AS((void)change<T>(a, b).difference(), tally::overflow_error);
            }
            REQUIRE((change<T>(a, b).direction() == direction::rise) == (exact > 0));
            REQUIRE((change<T>(a, b).direction() == direction::fall) == (exact < 0));
        }
    };
    check_width(std::int8_t{});
    check_width(std::uint8_t{});
    check_width(std::int16_t{});
    check_width(std::uint16_t{});
    check_width(std::int32_t{});
    check_width(std::uint32_t{});
    check_width(std::int64_t{});
    check_width(std::uint64_t{});
}

TEST_CASE("change: not-a-number and infinite ends give no relative change") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(change(nan, 5.0).why_undefined() == undefined_reason::not_a_number);
    CHECK(change(nan, 5.0).direction() == direction::undefined);
    CHECK(change(5.0, nan).direction() == direction::undefined);
    CHECK_THROWS_WITH_AS((void)change(nan, 5.0).percent(),
                         "a percent change from nan to 5 is undefined: a value is not a number.",
                         tally::undefined_result);
    CHECK(change(inf, 5.0).why_undefined() == undefined_reason::infinite);
    CHECK_THROWS_WITH_AS((void)change(5.0, inf).ratio(),
                         "the ratio of a change from 5 to inf is undefined: a value is infinite.",
                         tally::undefined_result);
    CHECK(change(5.0, inf).direction() == direction::rise);
}

TEST_CASE("change: a result too large for the floating type throws instead of becoming inf") {
    // (1 - 1e-320) / 1e-320 * 100 is about 1e322, beyond double's 1.8e308
    CHECK_THROWS_WITH_AS((void)change(1e-320, 1.0).percent(), "a percent change from 1e-320 to 1 overflows double.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)change(1e-320, 1.0).ratio(), "the ratio of a change from 1e-320 to 1 overflows double.",
                         tally::overflow_error);
    CHECK_FALSE(change(1e-320, 1.0).try_percent().has_value());
    CHECK_THROWS_WITH_AS((void)change(-1e308, 1e308).difference(),
                         "the difference from -1e+308 to 1e+308 overflows double.", tally::overflow_error);
    // the same change in long double is representable
    CHECK(change(1e-320L, 1.0L).percent().value() > 1e300L);
}

TEST_CASE("change: long double results on request") {
    const auto p = change(3, 4).percent<long double>();
    static_assert(std::same_as<decltype(p), const tally::percent<long double>>);
    // (4 - 3) / 3 * 100 = 33.333...
    CHECK(static_cast<double>(p.value()) == doctest::Approx(100.0 / 3.0));
}

TEST_CASE("change: applying the percent change to from gives back to") {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> values(1, 1'000'000'000);
    for (int i = 0; i < 10000; ++i) {
        const std::int64_t from = values(rng), to = values(rng);
        const double back = tally::apply(change(from, to).percent(), from);
        // relative error of a few ulps from one division, one multiplication and one addition
        REQUIRE(back == doctest::Approx(static_cast<double>(to)).epsilon(1e-12));
    }
}

TEST_CASE("change: streaming shows both ends, the difference and the percent") {
    std::ostringstream out;
    out << change(594, 387) << " | " << change(153u, 387u) << " | " << change(0, 5) << " | " << change(1.5, 3.0);
    CHECK(out.str() ==
          "594 -> 387 (-207, -34.8%) | 153 -> 387 (+234, +152.9%) | 0 -> 5 (+5, no percent: the base is zero) | "
          "1.5 -> 3 (+1.5, +100%)");
}

TEST_CASE("change: equality compares both ends") {
    CHECK(change(1, 2) == change(1, 2));
    CHECK(change(1, 2) != change(2, 1));
}

TEST_CASE("change: a narrower result type sees only the result, and a result beyond it throws") {
    // (2e39 - 1e39) / 1e39 = 1, i.e. +100%, which a float holds even though the ends do not
    CHECK(static_cast<double>(change(1e39, 2e39).percent<float>().value()) == doctest::Approx(100));
    CHECK(static_cast<double>(change(1e39, 2e39).ratio<float>()) == doctest::Approx(2));
    // 1e39 / 1e-39 overflows float: an error, never inf or NaN
    CHECK_THROWS_WITH_AS((void)change(1e-39, 1e39).percent<float>(), "a percent change from 1e-39 to 1e+39 overflows float.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)change(1e-39, 1e39).ratio<float>(), "the ratio of a change from 1e-39 to 1e+39 overflows float.",
                         tally::overflow_error);
    CHECK_FALSE(change(1e-39, 1e39).try_percent<float>().has_value());
    // ends near the top of double whose difference overflows: -1e308 -> 1e308 is -200% on the signed base
    CHECK(change(-1e308, 1e308).percent(base_policy::signed_value).value() == doctest::Approx(-200));
    CHECK(change(-1e308, 1e308).percent(base_policy::magnitude).value() == doctest::Approx(200));
}

TEST_CASE("change: streaming honours the stream's width as one field") {
    std::ostringstream out;
    out << '[' << std::setw(30) << change(594, 387) << ']';
    CHECK(out.str() == "[     594 -> 387 (-207, -34.8%)]");
}
