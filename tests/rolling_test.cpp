// Tests for tally/rolling.hpp: rolling windows by count and by time span,
// expanding windows, and their reductions.
#include <tally/rolling.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <span>
#include <type_traits>
#include <vector>

using tally::time_series;
using tally::window_options;
using tally_test::same_bits;
using tally_test::same_values;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();

time_series<int, double> years_from(int first, const std::vector<double>& values) {
    std::vector<int> times;
    for (std::size_t i = 0; i < values.size(); ++i) times.push_back(first + static_cast<int>(i));
    return {times, values};
}

template <class S, class D>
concept can_roll = requires(const S& s, D d) { tally::rolling(s, d); };

const std::vector<double> one_to_seven{1, 2, 3, 4, 5, 6, 7};
} // namespace

static_assert(can_roll<time_series<int, int>, std::chrono::years>);
static_assert(can_roll<time_series<int, int>, std::chrono::months>);
static_assert(can_roll<time_series<std::chrono::year, int>, std::chrono::years>);
static_assert(can_roll<time_series<int, int>, tally::periods>);
static_assert(!can_roll<time_series<int, int>, std::chrono::days>, "integral years have no calendar of days");
static_assert(!can_roll<time_series<std::chrono::year, int>, std::chrono::weeks>);
static_assert(!can_roll<time_series<int, int>, std::chrono::duration<double, std::ratio<31556952>>>,
              "a fractional number of years is not a window");
static_assert(!can_roll<std::vector<double>, std::chrono::years>, "a range has no times");

TEST_CASE("rolling: sums, means and spreads of the last n observations") {
    const auto r = tally::rolling(years_from(2001, one_to_seven), 3);
    // Windows {1,2,3}, {2,3,4}, ...: sums 6, 9, 12, 15, 18; means 2..6; variance of
    // three consecutive integers with ddof 1: ((-1)^2 + 0 + 1^2) / 2 = 1.
    CHECK(same_values(r.sum().values(), std::array{nan_v, nan_v, 6.0, 9.0, 12.0, 15.0, 18.0}));
    CHECK(same_values(r.mean().values(), std::array{nan_v, nan_v, 2.0, 3.0, 4.0, 5.0, 6.0}));
    CHECK(same_values(r.variance().values(), std::array{nan_v, nan_v, 1.0, 1.0, 1.0, 1.0, 1.0}));
    CHECK(same_values(r.stddev().values(), std::array{nan_v, nan_v, 1.0, 1.0, 1.0, 1.0, 1.0}));
    // ddof 0: 2/3.
    CHECK(same_values(r.variance(0).values(), std::array{nan_v, nan_v, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0}));
    CHECK(same_values(r.count().values(), std::array{nan_v, nan_v, 3.0, 3.0, 3.0, 3.0, 3.0}));
    CHECK(std::ranges::equal(r.sum().times(), std::array{2001, 2002, 2003, 2004, 2005, 2006, 2007}));
}

TEST_CASE("rolling: min, max, median and quantile") {
    const std::vector<double> v{5, 1, 4, 2, 8, 3};
    const auto r = tally::rolling(v, 3);
    // Windows {5,1,4} {1,4,2} {4,2,8} {2,8,3}.
    CHECK(same_values(r.min(), std::array{nan_v, nan_v, 1.0, 1.0, 2.0, 2.0}));
    CHECK(same_values(r.max(), std::array{nan_v, nan_v, 5.0, 4.0, 8.0, 8.0}));
    CHECK(same_values(r.median(), std::array{nan_v, nan_v, 4.0, 2.0, 4.0, 3.0}));
    // Type 7, q = 0.25 of 3 sorted values: h = 0.5, halfway between the first two:
    // {1,4,5} -> 2.5, {1,2,4} -> 1.5, {2,4,8} -> 3, {2,3,8} -> 2.5.
    CHECK(same_values(r.quantile(0.25), std::array{nan_v, nan_v, 2.5, 1.5, 3.0, 2.5}));
    CHECK(same_values(r.quantile(0.0), r.min()));
    CHECK(same_values(r.quantile(1.0), r.max()));
    // An even window's median is the mean of the middle two: {5,1,4,2} -> 3, {1,4,2,8} -> 3, {4,2,8,3} -> 3.5.
    CHECK(same_values(tally::rolling(v, 4).median(), std::array{nan_v, nan_v, nan_v, 3.0, 3.0, 3.5}));
}

TEST_CASE("rolling: NaN values are skipped and min_periods counts the valid ones, as pandas") {
    const std::vector<double> v{1, nan_v, 3, 4, 0, -2, 5};
    // pandas 1.5: pd.Series(v).rolling(3, min_periods=1).quantile(0.3)
    //   -> [1.0, 1.0, 1.6, 3.3, 1.8, -0.8, -0.8]
    CHECK(same_values(tally::rolling(v, 3, {.min_periods = 1}).quantile(0.3),
                      std::array{1.0, 1.0, 1.6, 3.3, 1.8, -0.8, -0.8}));
    // pd.Series(v).rolling(3).sum() -> NaN until a window holds 3 valid values.
    CHECK(same_values(tally::rolling(v, 3).sum(), std::array{nan_v, nan_v, nan_v, nan_v, 7.0, 2.0, 3.0}));
    // count: min_periods compares with the window's rows, NaN or not, as pandas:
    // pd.Series(v).rolling(3, min_periods=0).count() -> [1, 1, 2, 2, 3, 3, 3].
    CHECK(same_values(tally::rolling(v, 3, {.min_periods = 0}).count(), std::array{1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0}));
    CHECK(same_values(tally::rolling(v, 3).count(), std::array{nan_v, nan_v, 2.0, 2.0, 3.0, 3.0, 3.0}));
    // min_periods 0 and a window of only NaN: count 0, sum 0, mean NaN (pandas too).
    const std::vector<double> gaps{nan_v, nan_v};
    CHECK(same_values(tally::rolling(gaps, 2, {.min_periods = 0}).sum(), std::array{0.0, 0.0}));
    CHECK(same_values(tally::rolling(gaps, 2, {.min_periods = 0}).count(), std::array{0.0, 0.0}));
    CHECK(same_values(tally::rolling(gaps, 2, {.min_periods = 0}).mean(), std::array{nan_v, nan_v}));
}

TEST_CASE("rolling: center labels each window at its middle, pandas' convention for even windows") {
    // Window 4 centered: the window of row i is rows i-2 .. i+1.
    // Row 2: {1,2,3,4} -> median 2.5; row 5: {4,5,6,7} -> 5.5; row 6: only 3 rows -> NaN.
    CHECK(same_values(tally::rolling(one_to_seven, 4, {.center = true}).median(),
                      std::array{nan_v, nan_v, 2.5, 3.5, 4.5, 5.5, nan_v}));
    // min_periods 1: row 0 is {1,2} -> 1.5; row 6 is {5,6,7} -> 6.
    CHECK(same_values(tally::rolling(one_to_seven, 4, {.min_periods = 1, .center = true}).mean(),
                      std::array{1.5, 2.0, 2.5, 3.5, 4.5, 5.5, 6.0}));
    // Window 3 centered: row i is i-1 .. i+1; sums 3+... : {1,2,3} = 6 at row 1.
    CHECK(same_values(tally::rolling(one_to_seven, 3, {.center = true}).sum(),
                      std::array{nan_v, 6.0, 9.0, 12.0, 15.0, 18.0, nan_v}));
}

TEST_CASE("rolling: bad inputs throw naming the value, or give the documented NaN") {
    const auto s = years_from(2001, one_to_seven);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 0), "a rolling window of 0 observations is empty; it needs at least 1.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(one_to_seven, -2),
                         "a rolling window of -2 observations is empty; it needs at least 1.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 3).quantile(1.5), "the quantile q = 1.5 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 3).quantile(-0.25), "the quantile q = -0.25 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 3).quantile(nan_v), "the quantile q = nan is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 3, {.min_periods = 5}),
                         "min_periods 5 is larger than the window of 3 observations.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, tally::periods{0}),
                         "a rolling window of 0 periods is empty; it needs at least 1.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, std::chrono::years{0}),
                         "a rolling window of 0 years is empty; it needs a positive span.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, std::chrono::months{-12}),
                         "a rolling window of -12 months is empty; it needs a positive span.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, std::chrono::months{6}),
                         "a rolling window of 6 months is not a whole number of periods of this series, which has 1 "
                         "a year.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, std::chrono::years{2}, {.center = true}),
                         "center applies to windows of a number of observations, not to a window of 2 years.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::expanding(s, {.center = true}),
                         "center applies to windows of a number of observations, not to an expanding window.",
                         tally::invalid_argument);

    // A window longer than the series: all NaN, as pandas.
    CHECK(same_values(tally::rolling(s, 10).mean().values(), std::array{nan_v, nan_v, nan_v, nan_v, nan_v, nan_v, nan_v}));
    // ddof at or above the valid count: NaN, as pandas.
    CHECK(same_values(tally::rolling(s, 2).variance(2).values(), std::array{nan_v, nan_v, nan_v, nan_v, nan_v, nan_v, nan_v}));
    CHECK(same_values(tally::expanding(s).variance().values(), std::array{nan_v, 0.5, 1.0, 5 / 3.0, 2.5, 3.5, 14 / 3.0}));
    CHECK(tally::expanding(s).variance(0).values()[0] == doctest::Approx(0.0));
    // a negative ddof is refused, with the message of tally::variance
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 3).variance(-1), "ddof -1 is negative; it must be 0 or more.",
                         tally::invalid_argument);
    const std::vector<double> plain{1.0, 2.0, 4.0};
    CHECK_THROWS_WITH_AS((void)tally::expanding(plain).stddev(-2), "ddof -2 is negative; it must be 0 or more.",
                         tally::invalid_argument);
    // An empty series: an empty result.
    const time_series<int, double> empty;
    CHECK(tally::rolling(empty, 3).mean().empty());
    CHECK(tally::rolling(empty, std::chrono::years{3}).median().empty());
    CHECK(tally::expanding(empty).stddev().empty());
}

TEST_CASE("rolling: a span of time follows the calendar, so a gap in the series is a gap in the window") {
    const time_series<int, double> s{{2015, 1.0}, {2016, 2.0}, {2018, 4.0}, {2019, 8.0}};
    // Two years to 2018 is 2017..2018, which holds only 4; to 2019: 4 + 8 = 12.
    const std::array want{1.0, 3.0, 4.0, 12.0};
    CHECK(same_values(tally::rolling(s, std::chrono::years{2}).sum().values(), want));
    CHECK(same_values(tally::rolling(s, std::chrono::months{24}).sum().values(), want));
    CHECK(same_values(tally::rolling(s, tally::periods{2}).sum().values(), want));
    // Two observations to 2018 are 2016 and 2018: 6. Rows are not years.
    CHECK(same_values(tally::rolling(s, 2).sum().values(), std::array{nan_v, 3.0, 6.0, 12.0}));
    // min_periods 2 with a span window: 2018's window has one value.
    CHECK(same_values(tally::rolling(s, std::chrono::years{2}, {.min_periods = 2}).mean().values(),
                      std::array{nan_v, 1.5, nan_v, 6.0}));

    using std::chrono::year;
    const time_series<year, int> y{{year{2010}, 10}, {year{2011}, 20}, {year{2012}, 30}, {year{2014}, 40}};
    // Three years to 2014: 2012..2014 -> 30, 40 -> median 35.
    CHECK(same_values(tally::rolling(y, std::chrono::years{3}).median().values(), std::array{10.0, 15.0, 20.0, 35.0}));
}

TEST_CASE("expanding: everything up to each observation") {
    const auto e = tally::expanding(years_from(2001, {2, 4, nan_v, 6}));
    // means: 2, 3, 3 (NaN skipped), 4; sums 2, 6, 6, 12; std of {2,4,6} = 2.
    CHECK(same_values(e.mean().values(), std::array{2.0, 3.0, 3.0, 4.0}));
    CHECK(same_values(e.sum().values(), std::array{2.0, 6.0, 6.0, 12.0}));
    CHECK(same_values(e.count().values(), std::array{1.0, 2.0, 2.0, 3.0}));
    CHECK(e.stddev().values()[3] == doctest::Approx(2.0));
    CHECK(same_values(e.max().values(), std::array{2.0, 4.0, 4.0, 6.0}));
    CHECK(same_values(tally::expanding(one_to_seven, {.min_periods = 3}).median(),
                      std::array{nan_v, nan_v, 2.0, 2.5, 3.0, 3.5, 4.0}));
}

TEST_CASE_TEMPLATE("rolling: every value type gives the same sums", T, int, unsigned, std::int64_t, double, long double) {
    const time_series<int, T> s{{2015, T(1)}, {2016, T(2)}, {2017, T(3)}};
    const auto r = tally::rolling(s, 2);
    CHECK(same_values(r.sum().values(), std::array{nan_v, 3.0, 5.0}));
    CHECK(same_values(r.variance().values(), std::array{nan_v, 0.5, 0.5}));
    CHECK(same_values(r.min().values(), std::array{nan_v, 1.0, 2.0}));
    CHECK(same_values(r.median().values(), std::array{nan_v, 1.5, 2.5}));
}

TEST_CASE("rolling: a constant window has a variance of exactly 0") {
    const std::vector<double> v(50, 0.1);
    for (const double x : tally::rolling(v, 7).variance()) {
        if (!std::isnan(x)) CHECK(std::fpclassify(x) == FP_ZERO);  // the contract is exactly zero
    }
    const std::vector<double> mixed{3.7, 0.1, 0.1, 0.1, 0.1, 9.2, 0.1, 0.1, 0.1};
    const auto var = tally::rolling(mixed, 3).variance();
    CHECK(std::fpclassify(var[4]) == FP_ZERO);  // {0.1, 0.1, 0.1} after 3.7 left the window
    CHECK(std::fpclassify(var[8]) == FP_ZERO);  // after 9.2 left it
}

TEST_CASE("rolling: values near 1e9 with small offsets keep full precision, wherever the series starts") {
    // 1e9 + k/1024 is exact in a double. Offsets {0, 1, 2}/1024: variance 1/1024^2 (ddof 1).
    std::vector<double> v;
    for (int k = 0; k < 200; ++k) v.push_back(1e9 + (k % 3) / 1024.0);
    const double want = 1.0 / (1024.0 * 1024.0);
    const auto var = tally::rolling(v, 3).variance();
    for (std::size_t i = 2; i < v.size(); ++i) CHECK(var[i] == doctest::Approx(want).epsilon(1e-12));
    // The same last window after huge values: the result must not remember them.
    std::vector<double> after_huge{1e15, -3e14, 7e15, 1e9, 1e9 + 1 / 1024.0, 1e9 + 2 / 1024.0};
    const auto late = tally::rolling(after_huge, 3).variance();
    CHECK(late[5] == doctest::Approx(want).epsilon(1e-12));
    const auto mean = tally::rolling(after_huge, 3).mean();
    CHECK(mean[5] == doctest::Approx(1e9 + 1 / 1024.0).epsilon(1e-15));
}

TEST_CASE("rolling: every reduction equals a naive recomputation of each window") {
    std::mt19937_64 rng(11);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int round = 0; round < 150; ++round) {
        const std::size_t n = static_cast<std::size_t>(round % 50);
        const double shift = round % 3 == 0 ? 1e6 : 0.0;
        std::vector<double> v(n);
        for (auto& x : v) x = unit(rng) < 0.15 ? nan_v : (round % 5 == 0 ? std::round(normal(rng) * 2) : shift + normal(rng));
        const std::size_t w = 1 + static_cast<std::size_t>(round % 9);
        const bool center = round % 4 == 1;
        const std::size_t min_periods = round % 2 == 0 ? w : 1 + static_cast<std::size_t>(round) % w;
        const auto r = tally::rolling(v, w, {.min_periods = min_periods, .center = center});
        const auto sum = r.sum(), mean = r.mean(), var = r.variance(), sd = r.stddev(), lo = r.min(), hi = r.max();
        const auto med = r.median(), q = r.quantile(0.3), count = r.count();
        const std::size_t offset = center ? (w - 1) / 2 : 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t end = std::min(n, i + offset + 1);
            const std::size_t begin = i + offset + 1 > w ? i + offset + 1 - w : 0;
            std::vector<long double> valid;
            for (std::size_t j = begin; j < end; ++j) {
                if (!std::isnan(v[j])) valid.push_back(v[j]);
            }
            CHECK(same_values(std::array{count[i]}, std::array{end - begin >= min_periods ? double(valid.size()) : nan_v}));
            if (valid.size() < min_periods || valid.empty()) {
                CHECK(std::isnan(mean[i]));
                CHECK(std::isnan(med[i]));
                continue;
            }
            long double s = 0;
            for (auto x : valid) s += x;
            const long double m = s / static_cast<long double>(valid.size());
            long double ss = 0;
            for (auto x : valid) ss += (x - m) * (x - m);
            std::sort(valid.begin(), valid.end());
            const std::size_t k = valid.size();
            const long double median = k % 2 ? valid[k / 2] : (valid[k / 2 - 1] + valid[k / 2]) / 2;
            const long double h = 0.3L * static_cast<long double>(k - 1);
            const auto fl = static_cast<std::size_t>(h);
            const long double quantile = fl + 1 < k ? valid[fl] + (h - fl) * (valid[fl + 1] - valid[fl]) : valid[fl];
            CHECK(same_values(std::array{sum[i], mean[i], lo[i], hi[i], med[i], q[i]},
                              std::array{s, m, valid.front(), valid.back(), median, quantile}));
            if (k >= 2) {
                const long double variance = ss / static_cast<long double>(k - 1);
                // Relative to the window's spread; absolute allowance for a spread near 0.
                CHECK(std::fabs(var[i] - variance) <= 1e-9L * variance + 1e-20L);
                CHECK(std::fabs(sd[i] - std::sqrt(variance)) <= 1e-9L * std::sqrt(variance) + 1e-10L);
            } else {
                CHECK(std::isnan(var[i]));
            }
        }
    }
}

TEST_CASE("rolling: median and quantile of long windows, each holding every residue mod 100") {
    // v[i] = 37 i mod 100 runs through 0..99 in any 100 consecutive rows (37
    // is prime to 100). 99 is made NaN and 98 +inf, so any 100 consecutive
    // rows hold 0..97 and +inf: 99 valid values, sorted s[k] = k for k < 98.
    // Windows longer than 32 values and 10^4 rows: the ranked kernel, over
    // more than one chunk.
    constexpr std::size_t n = 10'000;
    constexpr double inf = std::numeric_limits<double>::infinity();
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<double>((37 * i) % 100);
        v[i] = r == 99 ? nan_v : r == 98 ? inf : r;
    }
    // 100 rows: the median is s[49] = 49; q = 0.25: h = 0.25 * 98 = 24.5 ->
    // 24.5; q = 0.99: h = 97.02, between s[97] = 97 and +inf -> +inf.
    // 200 rows: each value twice, s[k] = floor(k / 2) for k < 196: the median
    // is (s[98] + s[99]) / 2 = 49; q = 0.25: h = 0.25 * 197 = 49.25 -> s[49] +
    // 0.25 (s[50] - s[49]) = 24.25.
    // Compared exactly: each result is a value of the window or an
    // interpolation that is exact in binary.
    const auto check_full = [&](const std::vector<double>& got, std::size_t from, std::size_t to, double want) {
        std::size_t wrong = 0;
        for (std::size_t i = from; i < to; ++i) wrong += got[i] == want ? 0U : 1U;
        CHECK(wrong == 0);
    };
    // min_periods: the 99 (198) valid values of a whole window of 100 (200) rows.
    const auto r100 = tally::rolling(v, 100, {.min_periods = 99});
    check_full(r100.median(), 99, n, 49.0);
    check_full(r100.quantile(0.25), 99, n, 24.5);
    check_full(r100.quantile(0.99), 99, n, inf);
    check_full(r100.quantile(0.0), 99, n, 0.0);
    // Rows 0..98 lack residue 63 (row 99) and hold NaN: 98 valid values.
    CHECK(std::isnan(r100.median()[98]));
    const auto r200 = tally::rolling(v, 200, {.min_periods = 198});
    check_full(r200.median(), 199, n, 49.0);
    check_full(r200.quantile(0.25), 199, n, 24.25);
    // Centerd: the window of row i is rows i - 50 .. i + 49, whole for 50 <= i
    // < n - 49; that of row n - 49, rows n - 99 .. n - 1, lacks residue 0 (row
    // n - 100) and holds NaN: 98 valid values.
    const auto centered = tally::rolling(v, 100, {.min_periods = 99, .center = true}).median();
    check_full(centered, 50, n - 49, 49.0);
    CHECK(std::isnan(centered[n - 49]));
    // The same windows by time: 200 periods of a series at every other year
    // are its last 100 rows.
    std::vector<int> times(n);
    for (std::size_t i = 0; i < n; ++i) times[i] = 2 * static_cast<int>(i);
    const time_series<int, double> spaced(times, v);
    const auto by_time = tally::rolling(spaced, tally::periods{200}, {.min_periods = 99}).median();
    check_full(std::vector<double>(by_time.values().begin(), by_time.values().end()), 99, n, 49.0);
    CHECK(std::isnan(by_time.values()[97]));  // 98 rows, 98 valid values at most: below min_periods
}

TEST_CASE("rolling: 12 months of a quarterly series are its last 4 quarters, labelled at the end") {
    using tally::year_quarter;
    const time_series<year_quarter, int> q{{year_quarter{2018, 2}, 10}, {year_quarter{2018, 3}, 20},
                                           {year_quarter{2018, 4}, 30}, {year_quarter{2019, 1}, 40},
                                           {year_quarter{2019, 2}, 50}};
    // "12 months to 2019 Q1" is 2018 Q2..2019 Q1: 10 + 20 + 30 + 40 = 100; to 2019 Q2: 140.
    const auto year_to = tally::rolling(q, std::chrono::months{12}).sum();
    CHECK(same_values(year_to.values(), std::array{10.0, 30.0, 60.0, 100.0, 140.0}));
    CHECK(year_to.at(year_quarter{2019, 1}) == doctest::Approx(100.0));
    CHECK(same_values(tally::rolling(q, std::chrono::years{1}).sum().values(), year_to.values()));
    CHECK(same_values(tally::rolling(q, tally::periods{4}).sum().values(), year_to.values()));
    CHECK(same_values(tally::rolling(q, std::chrono::months{12}, {.min_periods = 4}).sum().values(),
                      std::array{nan_v, nan_v, nan_v, 100.0, 140.0}));
    // 6 months are 2 quarters: 10, 10 + 20, 20 + 30, ...
    CHECK(same_values(tally::rolling(q, std::chrono::months{6}).sum().values(),
                      std::array{10.0, 30.0, 50.0, 70.0, 90.0}));
    CHECK_THROWS_WITH_AS((void)tally::rolling(q, std::chrono::months{4}),
                         "a rolling window of 4 months is not a whole number of periods of this series, which has 4 "
                         "a year.",
                         tally::invalid_argument);
}

TEST_CASE("rolling: months on a monthly series and days on a daily one") {
    using namespace std::chrono;
    std::vector<year_month> months;
    std::vector<double> values;
    for (int i = 0; i < 14; ++i) {
        months.push_back(year_month{year{2019}, January} + std::chrono::months{i});
        values.push_back(i + 1);
    }
    const time_series<year_month, double> m(months, values);
    const auto r = tally::rolling(m, std::chrono::months{12}).sum();
    // 12 months to December 2019: 1 + ... + 12 = 78; to February 2020: 3 + ... + 14 = 102.
    CHECK(r.at(year{2019} / December) == doctest::Approx(78.0));
    CHECK(r.at(year{2020} / February) == doctest::Approx(102.0));

    const time_series<year_month_day, double> d{{year{2020} / February / 27, 1.0}, {year{2020} / February / 28, 2.0},
                                                {year{2020} / February / 29, 3.0}, {year{2020} / March / 1, 4.0},
                                                {year{2020} / March / 3, 5.0}};
    const auto three_days = tally::rolling(d, days{3}).sum();
    // To 1 March 2020 (a leap year): 28 and 29 February and 1 March, 2 + 3 + 4 = 9;
    // to 3 March: 1 and 3 March (2 March is missing), 4 + 5 = 9.
    CHECK(same_values(three_days.values(), std::array{1.0, 3.0, 6.0, 9.0, 9.0}));
}

static_assert(!can_roll<time_series<std::chrono::year_month, int>, std::chrono::days>,
              "a monthly series has no calendar of days");
static_assert(can_roll<time_series<tally::year_quarter, int>, std::chrono::months>);

// ---------------------------------------------------------------------------
// Where the series starts
// ---------------------------------------------------------------------------
namespace {
/// Values whose sums round differently in different orders: a wide spread
/// of magnitudes around an offset, with NaN gaps.
std::vector<double> awkward_values(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_int_distribution<int> scale(-6, 9);
    std::vector<double> v(n);
    for (auto& x : v) {
        x = (rng() % 17 == 0) ? nan_v : 1e6 + normal(rng) * std::pow(10.0, scale(rng));
    }
    return v;
}

/// For every way of dropping the first k observations, each reduction of a
/// window that holds the same observations is the same, bit for bit.
/// `window` returns the rolling windows of a series; `complete(i)` says
/// whether the window ending at row i of the full series lies wholly inside
/// the shorter one (starts at row k or later).
template <class Time, class Roll, class Starts>
void check_start_invariance(const time_series<Time, double>& full, Roll roll, Starts first_row, std::size_t max_drop) {
    const auto reductions = [](const auto& r) {
        const auto copy = [](const auto& series) {
            return std::vector<double>(series.values().begin(), series.values().end());
        };
        return std::array{copy(r.sum()), copy(r.mean()), copy(r.variance()), copy(r.stddev())};
    };
    const auto whole = reductions(roll(full));
    const auto times = full.times();
    const auto values = full.values();
    std::size_t compared = 0;
    for (std::size_t k = 1; k <= max_drop && k < times.size(); ++k) {
        const time_series<Time, double> later(std::vector<Time>(times.begin() + static_cast<std::ptrdiff_t>(k), times.end()),
                                              std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(k), values.end()));
        const auto part = reductions(roll(later));
        for (std::size_t i = k; i < times.size(); ++i) {
            if (first_row(i) < k) continue;  // the window reaches back before row k
            for (std::size_t r = 0; r < whole.size(); ++r) {
                CHECK_MESSAGE(same_bits(whole[r][i], part[r][i - k]), "reduction ", r, ", drop ", k, ", row ", i);
                ++compared;
            }
        }
    }
    CHECK(compared > 100);
}
} // namespace

TEST_CASE("rolling: a window's result does not depend on where the series starts, to the last bit") {
    using namespace std::chrono;
    SUBCASE("count windows over a yearly series without gaps") {
        const auto v = awkward_values(400, 3);
        const auto s = years_from(1700, v);
        for (const std::size_t w : {2U, 5U, 12U, 31U}) {
            check_start_invariance(s, [w](const auto& x) { return tally::rolling(x, w, {.min_periods = 1}); },
                                   [w](std::size_t i) { return i + 1 >= w ? i + 1 - w : 0; }, 2 * w + 1);
        }
    }
    SUBCASE("12-month windows over months with gaps") {
        const auto v = awkward_values(500, 5);
        std::vector<year_month> times;
        year_month t = 1990y / March;
        for (std::size_t i = 0; i < v.size(); ++i) {
            times.push_back(t);
            t += months{i % 7 == 3 ? 2 : 1};  // a missing month now and then
        }
        const time_series<year_month, double> s(times, v);
        const auto starts_of = [&](std::size_t i) {
            std::size_t lo = 0;
            while (tally::periods_between(times[lo], times[i]) >= 12) ++lo;
            return lo;
        };
        check_start_invariance(s, [](const auto& x) { return tally::rolling(x, months{12}); }, starts_of, 30);
        check_start_invariance(s, [](const auto& x) { return tally::rolling(x, tally::periods{5}); },
                               [&](std::size_t i) {
                                   std::size_t lo = 0;
                                   while (tally::periods_between(times[lo], times[i]) >= 5) ++lo;
                                   return lo;
                               },
                               15);
    }
    SUBCASE("365-day and 3-month windows over days with gaps") {
        const auto v = awkward_values(1500, 7);
        std::vector<year_month_day> times;
        sys_days t = sys_days{2015y / December / 20d};
        for (std::size_t i = 0; i < v.size(); ++i) {
            times.emplace_back(t);
            t += days{i % 5 == 0 ? 3 : 1};
        }
        const time_series<year_month_day, double> s(times, v);
        const auto first_after = [&](std::size_t i, auto span) {
            std::size_t lo = 0;
            if constexpr (std::same_as<decltype(span), days>) {
                while (!(sys_days{times[i]} - span < sys_days{times[lo]})) ++lo;
            } else {
                while (!(times[i] - span < times[lo])) ++lo;
            }
            return lo;
        };
        check_start_invariance(s, [](const auto& x) { return tally::rolling(x, days{365}); },
                               [&](std::size_t i) { return first_after(i, days{365}); }, 12);
        check_start_invariance(s, [](const auto& x) { return tally::rolling(x, months{3}); },
                               [&](std::size_t i) { return first_after(i, months{3}); }, 12);
    }
}

namespace {
/// Runs detail::sliding_fixed_grid (full windows four groups at a time) and
/// the general detail::sliding_on_grid on the same bounds and finish, and
/// counts the outputs whose bits differ.
template <class Agg, class T, class Finish>
std::size_t grouped_pass_differences(const std::vector<T>& x, const tally::detail::window_bounds& b,
                                     Finish finish) {
    std::vector<double> grouped, general(x.size(), -2.0);
    grouped.reserve(x.size());
    tally::detail::sliding_fixed_grid<Agg>(x.data(), b, grouped, finish);
    tally::detail::sliding_on_grid<Agg>(x.data(), b, general.data(), finish, 0, x.size());
    if (grouped.size() != x.size()) return x.size() + 1;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        differ += std::memcmp(&grouped[i], &general[i], sizeof(double)) != 0 ? 1U : 0U;
    }
    return differ;
}
} // namespace

TEST_CASE("rolling: full windows in groups give the general pass's results, to the last bit") {
    // Both passes make the same additions in the same order, so any
    // difference in a bit is a wrong window, split or output position.
    using namespace tally::detail;
    std::mt19937_64 rng(2026);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto mean_of = [](const sum_aggregate<double>& a) {
        return a.count > 0 ? a.value() / static_cast<double>(a.count) : nan_v;
    };
    const auto count_of = [](const count_aggregate<double>& a) { return static_cast<double>(a.count * 1000 + a.rows); };
    const auto sd_of = [](const moments_aggregate<double>& a) {
        return a.count > 1 ? std::sqrt(a.m2 / static_cast<double>(a.count - 1)) : nan_v;
    };
    const auto min_of = [](const extreme_aggregate<double, false>& a) { return a.count > 0 ? a.value : nan_v; };
    const auto max_of = [](const extreme_aggregate<double, true>& a) { return a.count > 0 ? a.value : nan_v; };
    std::size_t cases = 0;
    for (int round = 0; round < 400; ++round) {
        const std::size_t n = static_cast<std::size_t>(round % 97) * (round % 7 == 0 ? 50U : 1U);
        std::vector<double> x(n);
        const double nan_share = round % 3 == 0 ? 0.0 : 0.05;  // a third of the rounds take the NaN-free path throughout
        for (auto& v : x) {
            const double u = unit(rng);
            v = u < nan_share ? nan_v : u < 0.07 ? (u < 0.06 ? -0.0 : 0.0) : 1e6 + normal(rng);
        }
        if (round % 11 == 0 && n > 3) x[n / 2] = std::numeric_limits<double>::infinity();
        window_bounds b;
        b.n = n;
        b.width = 1 + static_cast<std::size_t>(round % 13) * (round % 3 == 0 ? 7U : 1U);
        b.offset = round % 4 == 1 ? (b.width - 1) / 2 : (round % 4 == 2 ? b.width - 1 : 0);
        b.capacity = std::min(b.width, n);
        b.fixed_grid = true;
        b.phase = static_cast<std::size_t>(round) % b.width;
        CAPTURE(n);
        CAPTURE(b.width);
        CAPTURE(b.offset);
        CAPTURE(b.phase);
        CHECK(grouped_pass_differences<sum_aggregate<double>>(x, b, mean_of) == 0);
        CHECK(grouped_pass_differences<count_aggregate<double>>(x, b, count_of) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, sd_of) == 0);
        // Every part of the aggregates, not only what a reduction shows.
        CHECK(grouped_pass_differences<sum_aggregate<double>>(x, b, [](const sum_aggregate<double>& a) {
                  return a.compensation;
              }) == 0);
        CHECK(grouped_pass_differences<sum_aggregate<double>>(x, b, [](const sum_aggregate<double>& a) {
                  return a.sum;
              }) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, [](const moments_aggregate<double>& a) {
                  return a.m2;
              }) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, [](const moments_aggregate<double>& a) {
                  return a.mean;
              }) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, [](const moments_aggregate<double>& a) {
                  return a.shift;
              }) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, [](const moments_aggregate<double>& a) {
                  return static_cast<double>(a.count);
              }) == 0);
        CHECK(grouped_pass_differences<extreme_aggregate<double, false>>(x, b, min_of) == 0);
        CHECK(grouped_pass_differences<extreme_aggregate<double, true>>(x, b, max_of) == 0);
        ++cases;
    }
    CHECK(cases == 400);
}

TEST_CASE_TEMPLATE("rolling: wide windows and other value types in groups give the general pass's results", T, float,
                   long long) {
    // Windows wider than 4,096 take the one-group-at-a-time path; float and
    // integer values are converted as they are added. Bit for bit, as above.
    using namespace tally::detail;
    std::mt19937_64 rng(77);
    std::uniform_int_distribution<int> digits(-1000000, 1000000);
    const auto mean_of = [](const sum_aggregate<double>& a) {
        return a.count > 0 ? a.value() / static_cast<double>(a.count) : nan_v;
    };
    const auto m2_of = [](const moments_aggregate<double>& a) { return a.m2; };
    const auto max_of = [](const extreme_aggregate<double, true>& a) { return a.count > 0 ? a.value : nan_v; };
    for (const std::size_t w : {std::size_t{4096}, std::size_t{4097}, std::size_t{6000}}) {
        const std::size_t n = 3 * w + 123;
        std::vector<T> x(n);
        for (auto& v : x) v = static_cast<T>(digits(rng)) / static_cast<T>(std::is_floating_point_v<T> ? 7 : 1);
        if constexpr (std::is_floating_point_v<T>) x[n / 3] = std::numeric_limits<T>::quiet_NaN();
        window_bounds b;
        b.n = n;
        b.width = w;
        b.offset = w == 6000 ? (w - 1) / 2 : 0;
        b.capacity = w;
        b.fixed_grid = true;
        b.phase = w / 3;
        CAPTURE(w);
        CHECK(grouped_pass_differences<sum_aggregate<double>>(x, b, mean_of) == 0);
        CHECK(grouped_pass_differences<moments_aggregate<double>>(x, b, m2_of) == 0);
        CHECK(grouped_pass_differences<extreme_aggregate<double, true>>(x, b, max_of) == 0);
    }
}
