// Tests for tally/transform.hpp: pct_change, diff, shift, rebase, cumsum,
// cumprod, cagr and yoy, calendar and by observation.
#include <tally/transform.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <span>
#include <vector>

using tally::by_observation;
using tally::no_value_reason;
using tally::time_series;
using tally_test::same_values;

namespace {
// Social media accounts removed at the request of prison authorities, England
// and Wales (MoJ answer to a PA freedom-of-information request, 2019; HMPPS
// release, 2020), with 2017 left out to make a gap.
const time_series<int, int> gapped{{2015, 153}, {2016, 462}, {2018, 594}, {2019, 387}};
const time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
} // namespace

TEST_CASE("pct_change: the calendar compares each year with the year before, and a gap stays a gap") {
    const auto pc = tally::pct_change(gapped);
    // 2016: 462 / 153 - 1 = 309/153; 2018: there is no 2017; 2019: 387 / 594 - 1 = -207/594.
    CHECK(same_values(pc.values(), std::array{nan_v, 309.0 / 153, nan_v, -207.0 / 594}));
    CHECK(pc.at(2016) == doctest::Approx(309.0 / 153));
    CHECK(pc.percent(2019).value() == doctest::Approx(-34.848484848));
    REQUIRE(pc.undefined().size() == 2);
    CHECK(pc.undefined()[0] == tally::no_value<int>{2015, no_value_reason::missing_base});
    CHECK(pc.undefined()[1] == tally::no_value<int>{2018, no_value_reason::missing_base});
    CHECK(pc.reason(2018) == no_value_reason::missing_base);
    CHECK_FALSE(pc.reason(2019).has_value());
    CHECK(pc.has_value(2019));
    CHECK_THROWS_WITH_AS((void)pc.at(2018),
                         "the percent change at 2018 has no value: the series has no observation at 2017.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)pc.reason(2017), "no observation at 2017 in a series covering 2015..2019.",
                         tally::missing_observation);
}

TEST_CASE("pct_change: by observation compares with the row before, as pandas does") {
    const auto pc = tally::pct_change(gapped, by_observation);
    // 2018 against the row before it, 2016: 594 / 462 - 1 = 132/462.
    CHECK(same_values(pc.values(), std::array{nan_v, 309.0 / 153, 132.0 / 462, -207.0 / 594}));
    CHECK_THROWS_WITH_AS((void)pc.at(2015),
                         "the percent change at 2015 has no value: there is no observation 1 row earlier.",
                         tally::undefined_result);
    const auto later = tally::pct_change(gapped, -2, by_observation);
    CHECK_THROWS_WITH_AS((void)later.at(2019),
                         "the percent change at 2019 has no value: there is no observation 2 rows later.",
                         tally::undefined_result);
    // 2015 against 2018 (two rows later): 153 / 594 - 1 = -441/594.
    CHECK(later.at(2015) == doctest::Approx(-441.0 / 594));
}

TEST_CASE("pct_change: k periods back, and forward for negative k") {
    // 2017 against 2015: 527 / 153 - 1 = 374/153; 2019 against 2017: 387/527 - 1 = -140/527.
    CHECK(same_values(tally::pct_change(removals, 2).values(),
                      std::array{nan_v, nan_v, 374.0 / 153, 132.0 / 462, -140.0 / 527}));
    // k = -1: each year against the next: 2015: 153/462 - 1 = -309/462; 2019 has no 2020.
    CHECK(same_values(tally::pct_change(removals, -1).values(),
                      std::array{-309.0 / 462, -65.0 / 527, -67.0 / 594, 207.0 / 387, nan_v}));
    // k = 0 compares each value with itself.
    CHECK(same_values(tally::pct_change(removals, 0).values(), std::array{0.0, 0.0, 0.0, 0.0, 0.0}));
}

TEST_CASE("pct_change: a zero, negative or NaN base gives no value and says why") {
    const time_series<int, double> s{{2015, 0.0}, {2016, 5.0}, {2017, -2.0}, {2018, 3.0}, {2019, nan_v}, {2020, 1.0}};
    const auto pc = tally::pct_change(s);
    CHECK(same_values(pc.values(), std::array{nan_v, nan_v, -1.4, nan_v, nan_v, nan_v}));  // 2017: -2/5 - 1
    CHECK(pc.reason(2015) == no_value_reason::missing_base);
    CHECK(pc.reason(2016) == no_value_reason::zero_base);
    CHECK(pc.reason(2018) == no_value_reason::negative_base);
    CHECK(pc.reason(2019) == no_value_reason::not_a_number);
    CHECK(pc.reason(2020) == no_value_reason::not_a_number);
    CHECK_THROWS_WITH_AS((void)pc.at(2016), "the percent change at 2016 has no value: the base is zero.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)pc.at(2018),
                         "the percent change at 2018 has no value: the base is negative (base_policy::signed_value "
                         "or base_policy::magnitude computes one).",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)pc.at(2019), "the percent change at 2019 has no value: a value is not a number.",
                         tally::undefined_result);

    // From -2 to 3: signed (pandas) 3 / -2 - 1 = -2.5; by magnitude (3 - -2) / 2 = +2.5.
    CHECK(tally::pct_change(s, 1, {tally::base_policy::signed_value}).at(2018) == doctest::Approx(-2.5));
    CHECK(tally::pct_change(s, 1, {tally::base_policy::magnitude}).at(2018) == doctest::Approx(2.5));
}

TEST_CASE("pct_change: pandas_compatible reproduces pandas' inf and still lists the point") {
    // pandas 1.5: pd.Series([1, nan_v, 3, 4, 0, -2, 5]).pct_change(fill_method=None)
    //   -> [nan_v, nan_v, nan_v, 0.3333333333333333, -1.0, -inf, -3.5]
    //  .pct_change(periods=-1, fill_method=None) -> [nan_v, nan_v, -0.25, inf, -1.0, -1.4, nan_v]
    std::vector<double> v{1, nan_v, 3, 4, 0, -2, 5};
    std::vector<int> years{2000, 2001, 2002, 2003, 2004, 2005, 2006};
    const time_series<int, double> s(years, v);
    const auto pc = tally::pct_change(s, by_observation, tally::pandas_compatible);
    CHECK(same_values(pc.values(), std::array{nan_v, nan_v, nan_v, 1.0 / 3, -1.0, -inf, -3.5}));
    CHECK(pc.reason(2005) == no_value_reason::zero_base);  // -inf: the base, 2004, is 0
    CHECK_THROWS_AS((void)pc.at(2005), tally::undefined_result);
    CHECK(pc.at(2006) == doctest::Approx(-3.5));  // a negative base is pandas' signed value
    CHECK(same_values(tally::pct_change(s, -1, by_observation, tally::pandas_compatible).values(),
                      std::array{nan_v, nan_v, -0.25, inf, -1.0, -1.4, nan_v}));
    // The default refuses the zero and the negative bases.
    CHECK(same_values(tally::pct_change(s, by_observation).values(), std::array{nan_v, nan_v, nan_v, 1.0 / 3, -1.0, nan_v, nan_v}));
    // 0 / 0: NaN in pandas too, with the reason zero_base.
    const time_series<int, double> zeros{{2000, 0.0}, {2001, 0.0}};
    const auto z = tally::pct_change(zeros, by_observation, tally::pandas_compatible);
    CHECK(std::isnan(z.values()[1]));
    CHECK(z.reason(2001) == no_value_reason::zero_base);
}

TEST_CASE_TEMPLATE("pct_change: every value type gives fractions", T, int, unsigned, std::int64_t, double, long double) {
    const time_series<int, T> s{{2015, T(4)}, {2016, T(5)}, {2017, T(6)}};
    const auto pc = tally::pct_change(s);
    CHECK(pc.at(2016) == doctest::Approx(0.25));  // 5/4 - 1
    CHECK(pc.at(2017) == doctest::Approx(0.2));   // 6/5 - 1
    // k = -2: 2015 against 2017, 6 -> 4 read backwards: 4/6 - 1 = -1/3, and 4 - 6 = -2
    // (a fall in unsigned values is a fall, not a wrap-around).
    CHECK(tally::pct_change(s, -2).at(2015) == doctest::Approx(-1.0 / 3));
    CHECK(tally::diff(s, -2).at(2015) == doctest::Approx(-2.0));
    CHECK(tally::diff(s, 2).at(2017) == doctest::Approx(2.0));
}

TEST_CASE("pct_change: std::chrono::year times, and a base outside the type's range") {
    using std::chrono::year;
    const time_series<year, double> s{{year{2015}, 100.0}, {year{2017}, 121.0}};
    const auto pc = tally::pct_change(s, 2);
    CHECK(pc.at(year{2017}) == doctest::Approx(0.21));  // 121/100 - 1
    const time_series<year, double> edge{{year{-32767}, 1.0}};
    CHECK_THROWS_WITH_AS((void)tally::pct_change(edge).at(year{-32767}),
                         "the percent change at -32767 has no value: the time 1 period earlier than -32767 is outside "
                         "the range of its type.",
                         tally::undefined_result);
}

TEST_CASE("pct_change: an empty series gives an empty result") {
    const time_series<int, double> empty;
    CHECK(tally::pct_change(empty).empty());
    CHECK(tally::pct_change(empty, by_observation).undefined().empty());
    CHECK(tally::diff(empty).empty());
}

TEST_CASE("pct_change: the span kernel writes what the series form computes") {
    const std::vector<double> in{100, 110, 0, 5, -5, 10};
    std::vector<double> out(in.size());
    tally::pct_change(std::span<const double>(in), std::span<double>(out));
    // 110/100 - 1 = 0.1; 0/110 - 1 = -1; base 0 refused; 5 -> -5: -2; base -5 refused.
    CHECK(same_values(out, std::array{nan_v, 0.1, -1.0, nan_v, -2.0, nan_v}));
    CHECK(same_values(tally::pct_change(in, 1, tally::pandas_compatible), std::array{nan_v, 0.1, -1.0, inf, -2.0, -3.0}));
    std::vector<double> short_out(2);
    CHECK_THROWS_WITH_AS(
        tally::pct_change(std::span<const double>(in), std::span<double>(short_out)),
        "pct_change writes one value per input value, but the input holds 6 values and the output 2.",
        tally::invalid_argument);
    const std::vector<int> counts{153, 462, 527};
    CHECK(same_values(tally::pct_change(counts), std::array{nan_v, 309.0 / 153, 65.0 / 462}));
}

TEST_CASE("pct_change: the calendar result equals a naive lookup of t - k, with gaps or without") {
    std::mt19937_64 rng(2024);
    std::uniform_real_distribution<double> value(-5.0, 100.0);
    std::bernoulli_distribution keep(0.7);
    for (int round = 0; round < 200; ++round) {
        time_series<int, double> s;
        const bool gap_free = round % 4 == 0;
        for (int year = 1900; year < 1900 + round % 60; ++year) {
            if (gap_free || keep(rng)) s.insert(year, round % 7 == 0 ? std::round(value(rng) / 20) : value(rng));
        }
        for (std::int64_t k : {1, 2, 3, -1, -4}) {
            const auto pc = tally::pct_change(s, k);
            const auto d = tally::diff(s, k);
            for (const auto [t, v] : s) {
                const double* base = s.find(static_cast<int>(t - k));
                if (base == nullptr) {
                    CHECK(pc.reason(t) == no_value_reason::missing_base);
                    CHECK(d.reason(t) == no_value_reason::missing_base);
                    continue;
                }
                CHECK(d.at(t) == doctest::Approx(v - *base));
                if (*base > 0) {
                    CHECK(pc.at(t) == doctest::Approx(v / *base - 1));
                } else {
                    CHECK(pc.reason(t) == (*base == 0 ? no_value_reason::zero_base : no_value_reason::negative_base));
                }
            }
        }
    }
}

TEST_CASE("pct_change: applying each change to the value before gives the values back") {
    std::mt19937_64 rng(7);
    std::lognormal_distribution<double> value(3.0, 1.0);
    std::vector<int> years;
    std::vector<double> values;
    for (int i = 0; i < 500; ++i) {
        years.push_back(1500 + i);
        values.push_back(value(rng));
    }
    const time_series<int, double> s(years, values);
    const auto pc = tally::pct_change(s);
    for (std::size_t i = 1; i < values.size(); ++i) {
        CHECK(values[i - 1] * (1 + pc.values()[i]) == doctest::Approx(values[i]).epsilon(1e-13));
    }
}

TEST_CASE("diff: calendar and by observation; integers exactly") {
    CHECK(same_values(tally::diff(gapped).values(), std::array{nan_v, 309.0, nan_v, -207.0}));
    CHECK(same_values(tally::diff(gapped, by_observation).values(), std::array{nan_v, 309.0, 132.0, -207.0}));
    CHECK(same_values(tally::diff(gapped, -1, by_observation).values(), std::array{-309.0, -132.0, 207.0, nan_v}));
    CHECK_THROWS_WITH_AS((void)tally::diff(gapped).at(2018),
                         "the difference at 2018 has no value: the series has no observation at 2017.",
                         tally::undefined_result);
    // -9e18 to 9e18 is 1.8e19, more than int64 holds: exact in 128 bits, then rounded.
    const time_series<int, std::int64_t> wide{{2000, -9'000'000'000'000'000'000}, {2001, 9'000'000'000'000'000'000}};
    CHECK(tally::diff(wide).at(2001) == doctest::Approx(1.8e19));
    const time_series<int, double> with_nan{{2000, 1.0}, {2001, nan_v}, {2002, inf}};
    CHECK(tally::diff(with_nan).reason(2001) == no_value_reason::not_a_number);
    CHECK(tally::diff(with_nan, 1).reason(2002) == no_value_reason::not_a_number);
    CHECK(tally::diff(with_nan, 2).reason(2002) == no_value_reason::infinite);
    CHECK(same_values(tally::diff(std::vector<int>{3, 1, 4, 1, 5}, 2), std::array{nan_v, nan_v, 1.0, 0.0, 1.0}));
}

TEST_CASE("shift: the calendar moves times, by observation moves values") {
    const auto later = tally::shift(gapped, 2);
    CHECK(std::ranges::equal(later.times(), std::array{2017, 2018, 2020, 2021}));
    CHECK(std::ranges::equal(later.values(), std::array{153, 462, 594, 387}));
    CHECK(std::ranges::equal(tally::shift(gapped, -1).times(), std::array{2014, 2015, 2017, 2018}));
    // pandas: pd.Series([153, 462, 594, 387]).shift(1) -> [nan_v, 153.0, 462.0, 594.0]
    CHECK(same_values(tally::shift(gapped, 1, by_observation).values(), std::array{nan_v, 153.0, 462.0, 594.0}));
    CHECK(same_values(tally::shift(gapped, -3, by_observation).values(), std::array{387.0, nan_v, nan_v, nan_v}));
    CHECK(same_values(tally::shift(gapped, 9, by_observation).values(), std::array{nan_v, nan_v, nan_v, nan_v}));
    // The extreme lags: every row is beyond the ends, nothing wraps.
    constexpr auto lowest = std::numeric_limits<std::int64_t>::min();
    constexpr auto highest = std::numeric_limits<std::int64_t>::max();
    CHECK(same_values(tally::shift(gapped, lowest, by_observation).values(), std::array{nan_v, nan_v, nan_v, nan_v}));
    CHECK(same_values(tally::shift(gapped, highest, by_observation).values(), std::array{nan_v, nan_v, nan_v, nan_v}));
    for (const std::int64_t k : {lowest, highest}) {
        const auto pc = tally::pct_change(gapped, k);  // the calendar path: gapped has a gap
        CHECK(same_values(pc.values(), std::array{nan_v, nan_v, nan_v, nan_v}));
        REQUIRE(pc.undefined().size() == 4);
        for (const auto& u : pc.undefined()) CHECK(u.reason == no_value_reason::missing_base);
        CHECK(same_values(tally::pct_change(gapped, k, by_observation).values(), std::array{nan_v, nan_v, nan_v, nan_v}));
    }
    using std::chrono::year;
    const time_series<year, int> edge{{year{32767}, 1}};
    CHECK_THROWS_WITH_AS((void)tally::shift(edge, 1),
                         "the year 32768, 1 period from 32767, is outside the range of std::chrono::year.",
                         tally::overflow_error);
}

TEST_CASE("rebase: index numbers with the base time at 100") {
    const auto index = tally::rebase(removals, 2015);
    // 2019: 387 / 153 * 100 = 252.9411764...
    CHECK(index.at(2015) == doctest::Approx(100.0));
    CHECK(index.at(2019) == doctest::Approx(38700.0 / 153));
    CHECK(tally::rebase(removals, 2018, 1.0).at(2019) == doctest::Approx(387.0 / 594));
    CHECK_THROWS_WITH_AS((void)tally::rebase(removals, 2014), "no observation at 2014 in a series covering 2015..2019.",
                         tally::missing_observation);
    const time_series<int, double> bad{{2015, 0.0}, {2016, -3.0}, {2017, nan_v}, {2018, 2.0}};
    CHECK_THROWS_WITH_AS((void)tally::rebase(bad, 2015), "cannot rebase to 2015: its value 0 is not a positive number.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::rebase(bad, 2016), "cannot rebase to 2016: its value -3 is not a positive number.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::rebase(bad, 2017),
                         "cannot rebase to 2017: its value nan is not a positive number.", tally::undefined_result);
    CHECK(std::isnan(tally::rebase(bad, 2018).at(2017)));
}

TEST_CASE("cumsum and cumprod: exact for integers, NaN left out for floating values") {
    // 153, 153+462 = 615, +527 = 1142, +594 = 1736, +387 = 2123.
    CHECK(std::ranges::equal(tally::cumsum(removals).values(), std::array<std::int64_t, 5>{153, 615, 1142, 1736, 2123}));
    const time_series<int, int> small{{1, 2}, {2, 3}, {3, 4}};
    CHECK(std::ranges::equal(tally::cumprod(small).values(), std::array<std::int64_t, 3>{2, 6, 24}));
    // pandas: pd.Series([1, nan_v, 3, 4]).cumsum() -> [1, nan_v, 4, 8]; cumprod -> [1, nan_v, 3, 12]
    const time_series<int, double> f{{1, 1.0}, {2, nan_v}, {3, 3.0}, {4, 4.0}};
    CHECK(same_values(tally::cumsum(f).values(), std::array{1.0, nan_v, 4.0, 8.0}));
    CHECK(same_values(tally::cumprod(f).values(), std::array{1.0, nan_v, 3.0, 12.0}));
    // Compensated: 1e16 + 1 - 1e16 is 1, where a plain running sum gives 0.
    const time_series<int, double> cancel{{1, 1e16}, {2, 1.0}, {3, -1e16}};
    CHECK(tally::cumsum(cancel).at(3) == doctest::Approx(1.0));

    const time_series<int, std::int64_t> big{{2015, std::numeric_limits<std::int64_t>::max()}, {2016, 1}};
    CHECK_THROWS_WITH_AS((void)tally::cumsum(big), "the cumulative sum at 2016 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    const time_series<int, std::uint64_t> huge{{2015, std::numeric_limits<std::uint64_t>::max()}};
    CHECK_THROWS_WITH_AS((void)tally::cumsum(huge), "the cumulative sum at 2015 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    const time_series<int, std::int64_t> many{{1, 1'000'000'000'000}, {2, 1'000'000'000'000}};
    CHECK_THROWS_WITH_AS((void)tally::cumprod(many),
                         "the cumulative product at 2 does not fit in a 64-bit signed integer.", tally::overflow_error);
    const time_series<int, double> grows{{2015, 1e200}, {2016, 1e200}};
    CHECK_THROWS_WITH_AS((void)tally::cumprod(grows), "the cumulative product at 2016 overflows double.",
                         tally::overflow_error);
    const time_series<int, double> given_inf{{2015, inf}, {2016, 1.0}};
    CHECK(same_values(tally::cumsum(given_inf).values(), std::array{inf, inf}));  // an input inf is not an overflow
}

TEST_CASE("cagr: the compound annual growth rate, in percent per year") {
    const time_series<int, int> s{{2015, 100}, {2017, 121}, {2018, 0}, {2019, -5}};
    // 100 -> 121 over 2 years: sqrt(1.21) = 1.1, so 10% a year.
    CHECK(tally::cagr(s, 2015, 2017).value() == doctest::Approx(10.0));
    // 8 -> 27 over 3 years: cube root of 27/8 = 1.5, so 50% a year.
    const time_series<int, double> t{{2000, 8.0}, {2003, 27.0}};
    CHECK(tally::cagr(t, 2000, 2003).value() == doctest::Approx(50.0));
    CHECK(tally::cagr(s, 2015, 2018).value() == doctest::Approx(-100.0));  // falling to 0 is -100%
    CHECK_THROWS_WITH_AS((void)tally::cagr(s, 2017, 2017), "a growth rate from 2017 to 2017 needs a later end than its start.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::cagr(s, 2018, 2015), "a growth rate from 2018 to 2015 needs a later end than its start.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::cagr(s, 2018, 2019), "a growth rate from 2018 is undefined: its value 0 is not a positive number.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::cagr(s, 2015, 2019),
                         "a growth rate to 2019 is undefined: its value -5 is not a number at or above zero.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::cagr(s, 2015, 2016), "no observation at 2016 in a series covering 2015..2019.",
                         tally::missing_observation);
}

TEST_CASE("yoy: the change on the same period a year earlier") {
    CHECK(same_values(tally::yoy(gapped).values(), tally::pct_change(gapped).values()));
    // A series with 4 periods a year, written as consecutive integers: 8 against 4 is +100%.
    const time_series<int, double> quarters{{0, 1.0}, {1, 2.0}, {2, 3.0}, {3, 4.0}, {4, 2.0}, {5, 4.0}, {6, 6.0}, {7, 8.0}};
    CHECK(tally::yoy(quarters, 4).at(7) == doctest::Approx(1.0));
    CHECK(tally::yoy(quarters, 4).reason(3) == no_value_reason::missing_base);
    CHECK_THROWS_WITH_AS((void)tally::yoy(quarters, 0), "a year-on-year change needs at least 1 period a year, not 0.",
                         tally::invalid_argument);
}

namespace {
template <class S>
concept can_yoy = requires(const S& s) { tally::yoy(s); };
} // namespace

static_assert(can_yoy<time_series<tally::year_quarter, int>>);
static_assert(can_yoy<time_series<std::chrono::year_month, int>>);
static_assert(!can_yoy<time_series<std::chrono::year_month_day, int>>, "a year is not a whole number of days");

TEST_CASE("yoy and pct_change: quarters against the same quarter a year earlier, by the calendar") {
    using tally::year_quarter;
    const time_series<year_quarter, int> q{{year_quarter{2018, 1}, 10}, {year_quarter{2018, 2}, 20},
                                           {year_quarter{2018, 4}, 40}, {year_quarter{2019, 1}, 15},
                                           {year_quarter{2019, 2}, 50}, {year_quarter{2019, 3}, 60}};
    const auto y = tally::yoy(q);
    // 2019 Q1 against 2018 Q1: 15/10 - 1 = 0.5; 2019 Q2: 50/20 - 1 = 1.5; 2019 Q3: no 2018 Q3.
    CHECK(y.at(year_quarter{2019, 1}) == doctest::Approx(0.5));
    CHECK(y.at(year_quarter{2019, 2}) == doctest::Approx(1.5));
    CHECK_THROWS_WITH_AS((void)y.at(year_quarter{2019, 3}),
                         "the percent change at 2019 Q3 has no value: the series has no observation at 2018 Q3.",
                         tally::undefined_result);
    // Quarter on quarter: 2018 Q4 has no 2018 Q3; 2019 Q1 against 2018 Q4: 15/40 - 1.
    const auto qoq = tally::pct_change(q);
    CHECK(qoq.reason(year_quarter{2018, 4}) == no_value_reason::missing_base);
    CHECK(qoq.at(year_quarter{2019, 1}) == doctest::Approx(15.0 / 40 - 1));

    using namespace std::chrono;
    std::vector<year_month> months;
    std::vector<double> values;
    for (int i = 0; i < 15; ++i) {
        months.push_back(year_month{year{2019}, January} + std::chrono::months{i});
        values.push_back(100 + i);
    }
    const time_series<year_month, double> m(months, values);
    // March 2020 (114) against March 2019 (102): 114/102 - 1.
    CHECK(tally::yoy(m).at(year{2020} / March) == doctest::Approx(114.0 / 102 - 1));
    CHECK(tally::yoy(m).reason(year{2019} / December) == no_value_reason::missing_base);
}

TEST_CASE("no_value_reason: each reason reads as a clause") {
    CHECK(tally::to_string(no_value_reason::missing_base) == "there is no observation to compare it with");
    CHECK(tally::to_string(no_value_reason::zero_base) == "the base is zero");
    CHECK(tally::to_string(no_value_reason::not_a_number) == "a value is not a number");
    CHECK(tally::to_string(no_value_reason::infinite) == "a value or the result is infinite");
}

namespace {

/// Why no relative change from b to a exists, read from the documented rules
/// (the header comment of tally/transform.hpp and no_value_reason), or
/// nothing. The data below never has two of the conditions in one pair.
std::optional<no_value_reason> naive_pct_reason(double a, double b, bool pandas) {
    if (std::isnan(a) || std::isnan(b)) return no_value_reason::not_a_number;
    if (std::isinf(a) || std::isinf(b)) return no_value_reason::infinite;
    if (b == 0) return no_value_reason::zero_base;
    if (b < 0 && !pandas) return no_value_reason::negative_base;  // pandas divides by a negative base
    if (!std::isfinite(a / b - 1)) return no_value_reason::infinite;  // the result overflows
    return std::nullopt;
}

std::optional<no_value_reason> naive_diff_reason(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return no_value_reason::not_a_number;
    if (std::isinf(a) || std::isinf(b)) return no_value_reason::infinite;
    if (!std::isfinite(a - b)) return no_value_reason::infinite;
    return std::nullopt;
}

/// 530,000 values (4.24 MB, above the 4 MiB = 4,194,304 bytes from which
/// result buffers are advised to use huge pages) at the years 0, 1, 2, ...: 100 + (i % 97),
/// except for isolated values that leave changes undefined. With `clean`,
/// none of those.
time_series<int, double> long_series(bool clean) {
    constexpr std::size_t n = 530'000;
    std::vector<int> times(n);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) {
        times[i] = static_cast<int>(i);
        values[i] = 100.0 + static_cast<double>(i % 97);
    }
    if (!clean) {
        values[1000] = 0.0;
        values[2000] = -3.0;
        values[3000] = nan_v;
        values[4000] = inf;
        values[200'000] = -inf;
        // 1e300 over a base of 1e-300 overflows, whichever of k = 1, 3, -2 pairs them.
        values[5000] = 1e300;
        for (std::size_t i : {4999U, 4997U, 5002U}) values[i] = 1e-300;
        // 1e308 - -1e308 overflows too.
        values[6000] = -1e308;
        for (std::size_t i : {6001U, 6003U, 5998U}) values[i] = 1e308;
        values[n - 1] = nan_v;
    }
    return time_series<int, double>(tally::sorted_unique, std::move(times), std::move(values));
}

/// The points without a value of a change of s with lag k (by row, which is
/// the calendar too for a gap-free series), and the expected values.
template <class Reason>
std::vector<tally::no_value<int>> naive_undefined(const time_series<int, double>& s, std::int64_t k, Reason reason,
                                                  std::vector<double>* expected_values = nullptr,
                                                  bool pandas = false) {
    std::vector<tally::no_value<int>> out;
    const auto v = s.values();
    const auto n = static_cast<std::int64_t>(v.size());
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t j = i - k;
        const auto t = s.times()[static_cast<std::size_t>(i)];
        if (j < 0 || j >= n) {
            out.push_back({t, no_value_reason::missing_base});
            if (expected_values) expected_values->push_back(nan_v);
            continue;
        }
        const double a = v[static_cast<std::size_t>(i)];
        const double b = v[static_cast<std::size_t>(j)];
        const auto why = reason(a, b);
        if (why) out.push_back({t, *why});
        if (expected_values) expected_values->push_back(why && !pandas ? nan_v : a / b - 1);
    }
    return out;
}

} // namespace

TEST_CASE("pct_change and diff: on a long series every point without a value is listed with its documented reason") {
    // A gap-free series: the calendar and by_observation both run the kernel.
    const auto s = long_series(false);
    for (const std::int64_t k : {1, -2}) {
        CAPTURE(k);
        std::vector<double> want_values;
        const auto want = naive_undefined(
            s, k, [](double a, double b) { return naive_pct_reason(a, b, false); }, &want_values);
        const auto pc = tally::pct_change(s, k);
        CHECK(std::ranges::equal(pc.undefined(), want));
        CHECK(same_values(pc.values(), want_values));
        CHECK(std::ranges::equal(pc.times(), s.times()));
        CHECK(std::ranges::equal(tally::diff(s, k, by_observation).undefined(), naive_undefined(s, k, naive_diff_reason)));

        // pandas_compatible: a / b - 1 everywhere (inf for a zero base), and
        // still the list of the points that are not values.
        std::vector<double> pandas_values;
        const auto want_pandas = naive_undefined(
            s, k, [](double a, double b) { return naive_pct_reason(a, b, true); }, &pandas_values, true);
        const auto pandas = tally::pct_change(s, k, by_observation, tally::pandas_compatible);
        CHECK(std::ranges::equal(pandas.undefined(), want_pandas));
        CHECK(same_values(pandas.values(), pandas_values));
    }
    CHECK(std::ranges::equal(tally::pct_change(s, 3).undefined(),
                             naive_undefined(s, 3, [](double a, double b) { return naive_pct_reason(a, b, false); })));
    // Without an undefined change, only the |k| ends are listed.
    const auto clean = long_series(true);
    const auto pc = tally::pct_change(clean, -2);
    CHECK(std::ranges::equal(pc.undefined(), std::array{tally::no_value<int>{529'998, no_value_reason::missing_base},
                                                         tally::no_value<int>{529'999, no_value_reason::missing_base}}));
    const auto d = tally::diff(clean, 1);
    CHECK(std::ranges::equal(d.undefined(), std::array{tally::no_value<int>{0, no_value_reason::missing_base}}));
}

TEST_CASE("pct_change: the messages of a long series name the point and the reason, as for a short one") {
    const auto pc = tally::pct_change(long_series(false));
    CHECK_THROWS_WITH_AS((void)pc.at(1001), "the percent change at 1001 has no value: the base is zero.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)pc.at(5000),
                         "the percent change at 5000 has no value: a value or the result is infinite.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)pc.at(0),
                         "the percent change at 0 has no value: the series has no observation at -1.",
                         tally::undefined_result);
    // 5001 against 5000: (100 + 5001 % 97) / 1e300 - 1 = 154 / 1e300 - 1, which rounds to -1.
    CHECK(pc.values()[5001] == doctest::Approx(-1.0));
}

TEST_CASE("pct_change and diff: a series with gaps lists what a lookup of t - k finds") {
    // The first 7,000 years of the long series (all its undefined changes but
    // one), with gaps: the point-by-point path.
    const auto full = long_series(false);
    std::vector<int> times;
    std::vector<double> values;
    for (std::size_t i = 0; i < 7000; ++i) {
        if (i % 7 == 3) continue;  // a gap every 7 years
        times.push_back(full.times()[i]);
        values.push_back(full.values()[i]);
    }
    const time_series<int, double> s(tally::sorted_unique, std::move(times), std::move(values));
    for (const std::int64_t k : {1, 3, -2}) {
        CAPTURE(k);
        std::vector<tally::no_value<int>> want;
        std::vector<tally::no_value<int>> want_diff;
        for (const auto [t, v] : s) {
            const double* base = s.find(static_cast<int>(t - k));
            if (base == nullptr) {
                want.push_back({t, no_value_reason::missing_base});
                want_diff.push_back({t, no_value_reason::missing_base});
                continue;
            }
            if (const auto why = naive_pct_reason(v, *base, false)) want.push_back({t, *why});
            if (const auto why = naive_diff_reason(v, *base)) want_diff.push_back({t, *why});
        }
        CHECK(std::ranges::equal(tally::pct_change(s, k).undefined(), want));
        CHECK(std::ranges::equal(tally::diff(s, k).undefined(), want_diff));
        CHECK(std::ranges::equal(tally::pct_change(s, k).times(), s.times()));
    }
}

TEST_CASE("pct_change and diff: results computed a piece at a time equal each point's own computation") {
    // The results are made in pieces of 2,048 values; lengths and lags
    // around that size put a piece boundary inside the partnered rows, at
    // their first row and past their last. Each point is checked, bit for
    // bit, against a / b - 1 (b > 0) and a - b computed here, and the series
    // forms against the vector forms (with the count of points listed).
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    const std::int64_t small = std::numeric_limits<std::int64_t>::min();
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2047}, std::size_t{2048}, std::size_t{2049},
                                std::size_t{6000}}) {
        std::vector<double> v(n);
        for (auto& x : v) {
            const double u = unit(rng);
            x = u < 0.01 ? 0.0 : u < 0.02 ? -1.0 : u < 0.03 ? nan_v : 1.0 + u;
        }
        std::vector<int> years(n);
        for (std::size_t i = 0; i < n; ++i) years[i] = 1000 + static_cast<int>(i);
        const time_series<int, double> s(tally::sorted_unique, years, v);
        for (const std::int64_t k : {std::int64_t{1}, std::int64_t{-1}, std::int64_t{3}, std::int64_t{-3},
                                     std::int64_t{2047}, std::int64_t{-2048}, std::int64_t{2049}, std::int64_t{5999},
                                     std::int64_t{-6000}, std::int64_t{7000}, big, small}) {
            CAPTURE(n);
            CAPTURE(k);
            const auto pct = tally::pct_change(v, k);
            const auto dif = tally::diff(v, k);
            REQUIRE(pct.size() == n);
            REQUIRE(dif.size() == n);
            std::size_t wrong = 0;
            std::size_t undefined = 0;
            for (std::size_t i = 0; i < n; ++i) {
                // The partner of i: i - k, when it is a position.
                const long double j = static_cast<long double>(i) - static_cast<long double>(k);
                double want_pct = nan_v;
                double want_diff = nan_v;
                if (j >= 0 && j < static_cast<long double>(n)) {
                    const double a = v[i];
                    const double b = v[static_cast<std::size_t>(j)];
                    want_pct = b > 0 && std::isfinite(a) ? a / b - 1.0 : nan_v;
                    want_diff = std::isfinite(a - b) ? a - b : nan_v;
                }
                undefined += std::isnan(want_pct) ? 1U : 0U;
                const bool same_pct = std::isnan(want_pct) ? std::isnan(pct[i]) : pct[i] == want_pct;
                const bool same_diff = std::isnan(want_diff) ? std::isnan(dif[i]) : dif[i] == want_diff;
                wrong += same_pct && same_diff ? 0U : 1U;
            }
            CHECK(wrong == 0);
            const auto series_pct = tally::pct_change(s, k, by_observation);
            CHECK(std::ranges::equal(series_pct.series().values(), pct, [](double a, double b) {
                return a == b || (std::isnan(a) && std::isnan(b));
            }));
            CHECK(series_pct.undefined().size() == undefined);
            const auto series_diff = tally::diff(s, k, by_observation);
            CHECK(std::ranges::equal(series_diff.series().values(), dif, [](double a, double b) {
                return a == b || (std::isnan(a) && std::isnan(b));
            }));
        }
    }
}
