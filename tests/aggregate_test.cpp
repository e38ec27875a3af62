#include <tally/aggregate.hpp>
#include <tally/stats.hpp>  // the statistics tally::sum, mean, min and max, given as methods

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

using namespace std::chrono;
using tally::incomplete_periods;
using tally::time_series;
using tally::uk_fiscal_year;
using tally::year_quarter;
namespace agg = tally::aggregation;

namespace {

/// A monthly series of `values`, one a month from `first`.
template <class Value>
time_series<year_month, Value> monthly(year_month first, const std::vector<Value>& values) {
    std::vector<year_month> times;
    for (std::size_t i = 0; i < values.size(); ++i) times.push_back(tally::advance(first, static_cast<std::int64_t>(i)));
    return time_series<year_month, Value>(times, values);
}

template <class Coarse, class S, class M>
concept can_aggregate = requires(const S& s, M how) { tally::aggregate<Coarse>(s, how); };

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

} // namespace

// ---------------------------------------------------------------------------
// What compiles
// ---------------------------------------------------------------------------
TEST_CASE("aggregate: only to a coarser calendar that the series' periods nest in") {
    using monthly_t = time_series<year_month, int>;
    using quarterly_t = time_series<year_quarter, int>;
    using yearly_t = time_series<int, int>;
    static_assert(can_aggregate<year_quarter, monthly_t, tally::sum_fn>);
    static_assert(can_aggregate<int, monthly_t, tally::mean_fn>);
    static_assert(can_aggregate<tally::fiscal_year<2>, monthly_t, agg::count_t>);
    static_assert(can_aggregate<uk_fiscal_year, quarterly_t, tally::sum_fn>);
    static_assert(!can_aggregate<tally::fiscal_year<2>, quarterly_t, tally::sum_fn>);  // quarters straddle it
    static_assert(!can_aggregate<year_quarter, yearly_t, tally::sum_fn>);              // finer, not coarser
    static_assert(!can_aggregate<year_month, monthly_t, tally::sum_fn>);               // the same
    static_assert(!can_aggregate<year_quarter, monthly_t, int>);                    // not a method
}

TEST_CASE("aggregate: the statistics tally::sum, mean, min and max are methods; other callables are not") {
    using monthly_t = time_series<year_month, int>;
    static_assert(can_aggregate<year_quarter, monthly_t, decltype(tally::sum)>);
    static_assert(can_aggregate<year_quarter, monthly_t, decltype(tally::mean)>);
    static_assert(can_aggregate<int, monthly_t, decltype(tally::min)>);
    static_assert(can_aggregate<uk_fiscal_year, monthly_t, decltype(tally::max)>);
    static_assert(!can_aggregate<year_month, monthly_t, decltype(tally::sum)>);  // still only to a coarser calendar
    const auto total = [](std::span<const int> v) { return tally::sum(v); };
    static_assert(!can_aggregate<year_quarter, monthly_t, decltype(total)>);  // a callable, but not a method
    static_assert(!can_aggregate<year_quarter, monthly_t, std::plus<>>);
    // The same value types as the tags' (an integer sum stays an exact std::int64_t).
    static_assert(std::same_as<tally::aggregate_value_t<decltype(tally::sum), int>, std::int64_t>);
    static_assert(std::same_as<tally::aggregate_value_t<decltype(tally::sum), float>, float>);
    static_assert(std::same_as<tally::aggregate_value_t<decltype(tally::mean), unsigned>, double>);
    static_assert(std::same_as<tally::aggregate_value_t<decltype(tally::min), std::int16_t>, std::int16_t>);
    static_assert(std::same_as<tally::aggregate_value_t<decltype(tally::max), long double>, long double>);
    static_assert(tally::aggregation::method<decltype(tally::sum)>);
    static_assert(tally::aggregation::method<agg::first_t>);
    static_assert(!tally::aggregation::method<std::plus<>>);
    // January..June 2019 = 1..6: Q1 sums to 1 + 2 + 3 = 6, and the greatest month of Q2 is 6.
    const auto s = monthly<int>(2019y / January, {1, 2, 3, 4, 5, 6});
    CHECK(tally::aggregate<year_quarter>(s, tally::sum).series.at(year_quarter{2019, 1}) == 6);
    CHECK(tally::aggregate<year_quarter>(s, tally::max).series.at(year_quarter{2019, 2}) == 6);
}

TEST_CASE("aggregate: the result value type depends on the method and the value type") {
    static_assert(std::same_as<tally::aggregate_value_t<tally::sum_fn, int>, std::int64_t>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::sum_fn, unsigned>, std::int64_t>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::sum_fn, std::int16_t>, std::int64_t>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::sum_fn, double>, double>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::sum_fn, float>, float>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::mean_fn, int>, double>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::mean_fn, long double>, long double>);
    static_assert(std::same_as<tally::aggregate_value_t<agg::first_t, std::int16_t>, std::int16_t>);
    static_assert(std::same_as<tally::aggregate_value_t<agg::last_t, unsigned>, unsigned>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::min_fn, float>, float>);
    static_assert(std::same_as<tally::aggregate_value_t<tally::max_fn, int>, int>);
    static_assert(std::same_as<tally::aggregate_value_t<agg::count_t, double>, std::int64_t>);
}

// ---------------------------------------------------------------------------
// Fixed cases
// ---------------------------------------------------------------------------
TEST_CASE("aggregate: months to quarters, every method, by hand") {
    // January..June 2019 = 1..6. Q1 = {1, 2, 3}, Q2 = {4, 5, 6}.
    const auto s = monthly<int>(2019y / January, {1, 2, 3, 4, 5, 6});
    const year_quarter q1{2019, 1};
    const year_quarter q2{2019, 2};

    const auto sum = tally::aggregate<year_quarter>(s, tally::sum);
    static_assert(std::same_as<decltype(sum.series), time_series<year_quarter, std::int64_t>>);
    CHECK(sum.series.size() == 2);
    CHECK(sum.series.at(q1) == 6);   // 1 + 2 + 3
    CHECK(sum.series.at(q2) == 15);  // 4 + 5 + 6
    CHECK(sum.incomplete.empty());

    const auto mean = tally::aggregate<year_quarter>(s, tally::mean);
    CHECK(mean.series.at(q1) == doctest::Approx(2.0));  // 6 / 3
    CHECK(mean.series.at(q2) == doctest::Approx(5.0));  // 15 / 3

    const auto first = tally::aggregate<year_quarter>(s, agg::first);
    CHECK(first.series.at(q1) == 1);
    CHECK(first.series.at(q2) == 4);
    const auto lasts = tally::aggregate<year_quarter>(s, agg::last);
    CHECK(lasts.series.at(q1) == 3);
    CHECK(lasts.series.at(q2) == 6);
    const auto min = tally::aggregate<year_quarter>(s, tally::min);
    CHECK(min.series.at(q1) == 1);
    CHECK(min.series.at(q2) == 4);
    const auto max = tally::aggregate<year_quarter>(s, tally::max);
    CHECK(max.series.at(q1) == 3);
    CHECK(max.series.at(q2) == 6);
    const auto count = tally::aggregate<year_quarter>(s, agg::count);
    CHECK(count.series.at(q1) == 3);
    CHECK(count.series.at(q2) == 3);
}

TEST_CASE("aggregate: tally::sum, mean, min and max as methods give the values by hand") {
    // January..July 2019 = 7, -2, 5, 4, 6, 11, 9.
    // Q1 = {7, -2, 5}: sum 10, mean 10/3, min -2, max 7.
    // Q2 = {4, 6, 11}: sum 21, mean 7, min 4, max 11.
    // Q3 = {9} of three months: incomplete; included on request: sum 9, mean 9, min 9, max 9.
    const auto s = monthly<int>(2019y / January, {7, -2, 5, 4, 6, 11, 9});
    const year_quarter q1{2019, 1};
    const year_quarter q2{2019, 2};
    const year_quarter q3{2019, 3};
    const auto include = incomplete_periods::include;

    // The contract's spelling.
    const auto sum = tally::aggregate<tally::year_quarter>(s, tally::sum);
    static_assert(std::same_as<decltype(sum), const tally::aggregate_result<year_quarter, std::int64_t>>);
    CHECK(sum.series.at(q1) == 10);
    CHECK(sum.series.at(q2) == 21);
    CHECK(!sum.series.contains(q3));
    CHECK(sum.incomplete == std::vector<year_quarter>{q3});

    const auto sum_all = tally::aggregate<year_quarter>(s, tally::sum, include);
    CHECK(sum_all.series.at(q3) == 9);

    const auto min = tally::aggregate<year_quarter>(s, tally::min, include);
    CHECK(min.series.at(q1) == -2);
    CHECK(min.series.at(q2) == 4);
    CHECK(min.series.at(q3) == 9);

    const auto max = tally::aggregate<year_quarter>(s, tally::max, include);
    CHECK(max.series.at(q1) == 7);
    CHECK(max.series.at(q2) == 11);
    CHECK(max.series.at(q3) == 9);

    // Means are doubles, against the values derived above.
    const auto mean = tally::aggregate<year_quarter>(s, tally::mean, include);
    CHECK(mean.series.times().size() == 3);
    CHECK(mean.series.at(q1) == doctest::Approx(10.0 / 3.0));
    CHECK(mean.series.at(q2) == doctest::Approx(7.0));
    CHECK(mean.series.at(q3) == doctest::Approx(9.0));
    CHECK(mean.incomplete == std::vector<year_quarter>{q3});
}

TEST_CASE("aggregate: with floating values and NaN, the statistics agree with the values by hand") {
    // Q1 = {1.5, 2.25, 4}: sum 7.75, mean 7.75 / 3 = 2.58333..., min 1.5, max 4.
    // Q2 = {NaN, 8, 1}: incomplete (the NaN is missing); with include: sum 9, mean 4.5, min 1, max 8.
    const auto s = monthly<double>(2019y / January, {1.5, 2.25, 4.0, nan_v, 8.0, 1.0});
    const year_quarter q1{2019, 1};
    const year_quarter q2{2019, 2};
    const auto include = incomplete_periods::include;
    const auto check = [&](auto statistic, double expected_q1, double expected_q2) {
        const auto r = tally::aggregate<year_quarter>(s, statistic, include);
        CHECK(r.series.size() == 2);
        CHECK(r.series.at(q1) == doctest::Approx(expected_q1));
        CHECK(r.series.at(q2) == doctest::Approx(expected_q2));
        CHECK(r.incomplete == std::vector<year_quarter>{q2});
        // Without include, only the complete Q1.
        CHECK(tally::aggregate<year_quarter>(s, statistic).series.times().size() == 1);
    };
    check(tally::sum, 7.75, 9.0);
    check(tally::mean, 7.75 / 3.0, 4.5);
    check(tally::min, 1.5, 1.0);
    check(tally::max, 4.0, 8.0);
}

TEST_CASE("aggregate: a sum beyond 64 bits and a mean of inf with -inf throw naming the period") {
    constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
    // 2 * (2^63 - 1) = 18446744073709551614.
    const auto s = monthly<std::int64_t>(2019y / January, {big, big, 0});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(s, tally::sum),
                         "the sum of the values in 2019 Q1, 18446744073709551614, does not fit in a 64-bit signed "
                         "integer.",
                         tally::overflow_error);
    const auto d = monthly<double>(2019y / January, {inf_v, -inf_v, 1.0});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(d, tally::mean),
                         "the mean of the values in 2019 Q1 is undefined: it adds inf to -inf.",
                         tally::undefined_result);
}

TEST_CASE("aggregate: min, max, first and last follow the values, not the order of months") {
    // Q1 = {7, -2, 5}: first 7, last 5, min -2, max 7, mean 10 / 3.
    const auto s = monthly<int>(2019y / January, {7, -2, 5});
    const year_quarter q1{2019, 1};
    CHECK(tally::aggregate<year_quarter>(s, agg::first).series.at(q1) == 7);
    CHECK(tally::aggregate<year_quarter>(s, agg::last).series.at(q1) == 5);
    CHECK(tally::aggregate<year_quarter>(s, tally::min).series.at(q1) == -2);
    CHECK(tally::aggregate<year_quarter>(s, tally::max).series.at(q1) == 7);
    CHECK(tally::aggregate<year_quarter>(s, tally::sum).series.at(q1) == 10);
    CHECK(tally::aggregate<year_quarter>(s, tally::mean).series.at(q1) == doctest::Approx(10.0 / 3.0));
}

TEST_CASE("aggregate: an incomplete period is left out by default, listed, and included on request") {
    // 2019-01, 2019-02, (no March), 2019-04..2019-06, 2019-07 (Q3 has one month of three).
    const time_series<year_month, int> s{{2019y / January, 1}, {2019y / February, 2}, {2019y / April, 4},
                                         {2019y / May, 5},     {2019y / June, 6},     {2019y / July, 7}};
    const auto excluded = tally::aggregate<year_quarter>(s, tally::sum);
    CHECK(excluded.series.size() == 1);
    CHECK(excluded.series.at(year_quarter{2019, 2}) == 15);
    CHECK(excluded.incomplete == std::vector<year_quarter>{{2019, 1}, {2019, 3}});

    const auto included = tally::aggregate<year_quarter>(s, tally::sum, incomplete_periods::include);
    CHECK(included.series.size() == 3);
    CHECK(included.series.at(year_quarter{2019, 1}) == 3);  // 1 + 2
    CHECK(included.series.at(year_quarter{2019, 2}) == 15);
    CHECK(included.series.at(year_quarter{2019, 3}) == 7);
    CHECK(included.incomplete == excluded.incomplete);

    const auto counts = tally::aggregate<year_quarter>(s, agg::count, incomplete_periods::include);
    CHECK(counts.series.at(year_quarter{2019, 1}) == 2);
    CHECK(counts.series.at(year_quarter{2019, 3}) == 1);
    // A quarter the series has no month in (2019 Q4) is in neither list.
    CHECK(!counts.series.contains(year_quarter{2019, 4}));
}

TEST_CASE("aggregate: a NaN value counts as missing, so its period is incomplete") {
    // Q1 = {1, NaN, 3}; Q2 = {NaN, NaN, NaN}; Q3 = {7, 8, 9}.
    const auto s = monthly<double>(2019y / January, {1.0, nan_v, 3.0, nan_v, nan_v, nan_v, 7.0, 8.0, 9.0});
    const year_quarter q1{2019, 1};
    const year_quarter q2{2019, 2};
    const year_quarter q3{2019, 3};

    const auto excluded = tally::aggregate<year_quarter>(s, tally::sum);
    CHECK(excluded.series.size() == 1);
    CHECK(excluded.series.at(q3) == doctest::Approx(24.0));  // 7 + 8 + 9
    CHECK(excluded.incomplete == std::vector<year_quarter>{q1, q2});

    // Included: the NaN values are left out; Q2 has no value at all and stays out.
    const auto sum = tally::aggregate<year_quarter>(s, tally::sum, incomplete_periods::include);
    CHECK(sum.series.size() == 2);
    CHECK(sum.series.at(q1) == doctest::Approx(4.0));  // 1 + 3
    CHECK(!sum.series.contains(q2));
    CHECK(sum.incomplete == std::vector<year_quarter>{q1, q2});
    const auto inc = incomplete_periods::include;
    CHECK(tally::aggregate<year_quarter>(s, tally::mean, inc).series.at(q1) == doctest::Approx(2.0));  // 4 / 2
    CHECK(tally::aggregate<year_quarter>(s, agg::count, inc).series.at(q1) == 2);
    CHECK(tally::aggregate<year_quarter>(s, agg::first, inc).series.at(q1) == doctest::Approx(1.0));
    CHECK(tally::aggregate<year_quarter>(s, agg::last, inc).series.at(q1) == doctest::Approx(3.0));
    CHECK(tally::aggregate<year_quarter>(s, tally::min, inc).series.at(q1) == doctest::Approx(1.0));
    CHECK(tally::aggregate<year_quarter>(s, tally::max, inc).series.at(q1) == doctest::Approx(3.0));
    // A NaN at the start or end does not become first or last.
    const auto edges = monthly<double>(2019y / January, {nan_v, 2.0, nan_v});
    CHECK(tally::aggregate<year_quarter>(edges, agg::first, inc).series.at(q1) == doctest::Approx(2.0));
    CHECK(tally::aggregate<year_quarter>(edges, agg::last, inc).series.at(q1) == doctest::Approx(2.0));
}

TEST_CASE("aggregate: days to months counts the days of each month from the calendar") {
    // Every day of February 2019 (28 days) and of February 2020 but the 29th (28 of 29 days), value 1.
    std::vector<year_month_day> dates;
    for (year_month_day d = 2019y / February / 1d; d != 2019y / March / 1d; d = tally::next_period(d)) dates.push_back(d);
    for (year_month_day d = 2020y / February / 1d; d != 2020y / February / 29d; d = tally::next_period(d)) {
        dates.push_back(d);
    }
    const std::vector<int> ones(dates.size(), 1);
    const time_series<year_month_day, int> s(dates, ones);

    const auto r = tally::aggregate<year_month>(s, tally::sum);
    CHECK(r.series.size() == 1);
    CHECK(r.series.at(2019y / February) == 28);
    CHECK(r.incomplete == std::vector<year_month>{2020y / February});
    CHECK(tally::aggregate<year_month>(s, agg::count, incomplete_periods::include).series.at(2020y / February) == 28);
}

TEST_CASE("aggregate: days to quarters and years, by hand") {
    // Every day of 2019, valued by its number in the year (1..365).
    std::vector<year_month_day> dates;
    std::vector<std::int64_t> numbers;
    std::int64_t n = 0;
    for (year_month_day d = 2019y / January / 1d; d != 2020y / January / 1d; d = tally::next_period(d)) {
        dates.push_back(d);
        numbers.push_back(++n);
    }
    const time_series<year_month_day, std::int64_t> s(dates, numbers);
    // Q1 is days 1..90: 90 * 91 / 2 = 4095. Q4 is days 274..365: (274 + 365) * 92 / 2 = 29394.
    const auto q = tally::aggregate<year_quarter>(s, tally::sum);
    CHECK(q.series.at(year_quarter{2019, 1}) == 4095);
    CHECK(q.series.at(year_quarter{2019, 4}) == 29394);
    CHECK(tally::aggregate<year_quarter>(s, agg::count).series.at(year_quarter{2019, 2}) == 91);
    // The year: 365 * 366 / 2 = 66795; the mean day is 183.
    CHECK(tally::aggregate<int>(s, tally::sum).series.at(2019) == 66795);
    CHECK(tally::aggregate<year>(s, tally::mean).series.at(2019y) == doctest::Approx(183.0));
    // The UK fiscal years 2018/19 and 2019/20 hold 2019 only in part.
    const auto fy = tally::aggregate<uk_fiscal_year>(s, tally::sum);
    CHECK(fy.series.empty());
    CHECK(fy.incomplete == std::vector<uk_fiscal_year>{uk_fiscal_year{2018}, uk_fiscal_year{2019}});
    // Jan 1..Mar 31 2019 are days 1..90 of 2018/19: 4095 again.
    CHECK(tally::aggregate<uk_fiscal_year>(s, tally::sum, incomplete_periods::include).series.at(uk_fiscal_year{2018}) ==
          4095);
}

TEST_CASE("aggregate: months and quarters to UK fiscal years, April to March") {
    // January 2018 .. March 2020, value 1 a month: 2017/18 has 3 months (Jan..Mar 2018),
    // 2018/19 and 2019/20 all 12.
    const auto s = monthly<int>(2018y / January, std::vector<int>(27, 1));
    const auto fy = tally::aggregate<uk_fiscal_year>(s, tally::sum);
    CHECK(fy.series.size() == 2);
    CHECK(fy.series.at(uk_fiscal_year{2018}) == 12);
    CHECK(fy.series.at(uk_fiscal_year{2019}) == 12);
    CHECK(fy.incomplete == std::vector<uk_fiscal_year>{uk_fiscal_year{2017}});
    CHECK(tally::time_text(fy.incomplete.front()) == "2017/18");

    // Quarters: 2018 Q2..2019 Q1 is 2018/19; 2019 Q2 alone is part of 2019/20.
    const time_series<year_quarter, int> q{{{2018, 2}, 10}, {{2018, 3}, 20}, {{2018, 4}, 30}, {{2019, 1}, 40},
                                           {{2019, 2}, 50}};
    const auto fq = tally::aggregate<uk_fiscal_year>(q, tally::sum);
    CHECK(fq.series.size() == 1);
    CHECK(fq.series.at(uk_fiscal_year{2018}) == 100);  // 10 + 20 + 30 + 40
    CHECK(fq.incomplete == std::vector<uk_fiscal_year>{uk_fiscal_year{2019}});
}

TEST_CASE("aggregate: an empty series gives an empty result") {
    const time_series<year_month, double> s;
    const auto r = tally::aggregate<year_quarter>(s, tally::mean);
    CHECK(r.series.empty());
    CHECK(r.incomplete.empty());
}

TEST_CASE_TEMPLATE("aggregate: months to years by sum, across value types", T, int, unsigned, std::int64_t, double,
                   long double) {
    // 2019: 1..12 sums to 78; its mean is 6.5.
    std::vector<T> values;
    for (int i = 1; i <= 12; ++i) values.push_back(static_cast<T>(i));
    const auto s = monthly<T>(2019y / January, values);
    const auto sum = tally::aggregate<int>(s, tally::sum);
    CHECK(static_cast<double>(sum.series.at(2019)) == doctest::Approx(78.0));
    CHECK(static_cast<double>(tally::aggregate<int>(s, tally::mean).series.at(2019)) == doctest::Approx(6.5));
    CHECK(tally::aggregate<int>(s, agg::count).series.at(2019) == 12);
    CHECK(tally::aggregate<int>(s, tally::max).series.at(2019) == T(12));
    if constexpr (std::integral<T>) {
        CHECK(sum.series.at(2019) == 78);
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------
TEST_CASE("aggregate: an integer sum outside std::int64_t throws overflow_error naming the period") {
    constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max();
    // 2 * (2^63 - 1) = 18446744073709551614.
    const auto s = monthly<std::int64_t>(2019y / January, {big, big, 0});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(s, tally::sum),
                         "the sum of the values in 2019 Q1, 18446744073709551614, does not fit in a 64-bit signed "
                         "integer.",
                         tally::overflow_error);
    // The mean exists: (2^64 - 2) / 3 = 6148914691236517204.67; no integer overflow on the way.
    CHECK(tally::aggregate<year_quarter>(s, tally::mean).series.at(year_quarter{2019, 1}) ==
          doctest::Approx(6148914691236517204.67));
    // Unsigned 64-bit values: 2^64 - 1 alone does not fit either.
    const auto u = monthly<std::uint64_t>(2019y / April, {std::numeric_limits<std::uint64_t>::max(), 0, 0});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(u, tally::sum),
                         "the sum of the values in 2019 Q2, 18446744073709551615, does not fit in a 64-bit signed "
                         "integer.",
                         tally::overflow_error);
    // The most negative sum: 3 * -2^63 = -27670116110564327424.
    constexpr std::int64_t low = std::numeric_limits<std::int64_t>::min();
    const auto n = monthly<std::int64_t>(2019y / January, {low, low, low});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<int>(n, tally::sum, incomplete_periods::include),
                         "the sum of the values in 2019, -27670116110564327424, does not fit in a 64-bit signed "
                         "integer.",
                         tally::overflow_error);
}

TEST_CASE("aggregate: a floating sum beyond its type throws overflow_error; the mean is still found") {
    const auto s = monthly<double>(2019y / January, {1e308, 1e308, 1e308});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(s, tally::sum),
                         "the sum of the values in 2019 Q1 is beyond the range of double.", tally::overflow_error);
    CHECK(tally::aggregate<year_quarter>(s, tally::mean).series.at(year_quarter{2019, 1}) == doctest::Approx(1e308));
    // float: 3 * 3e38 = 9e38 > FLT_MAX (3.4e38), though a double holds it.
    const auto f = monthly<float>(2019y / January, {3e38F, 3e38F, 3e38F});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(f, tally::sum),
                         "the sum of the values in 2019 Q1 is beyond the range of float.", tally::overflow_error);
    CHECK(static_cast<double>(tally::aggregate<year_quarter>(f, tally::mean).series.at(year_quarter{2019, 1})) ==
          doctest::Approx(3e38));
}

TEST_CASE("aggregate: inf and -inf in one period throw undefined_result; inf alone stays inf") {
    const auto s = monthly<double>(2019y / January, {inf_v, 1.0, -inf_v});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(s, tally::sum),
                         "the sum of the values in 2019 Q1 is undefined: it adds inf to -inf.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_quarter>(s, tally::mean),
                         "the mean of the values in 2019 Q1 is undefined: it adds inf to -inf.",
                         tally::undefined_result);
    CHECK(tally::aggregate<year_quarter>(s, tally::max).series.at(year_quarter{2019, 1}) == inf_v);
    const auto one = monthly<double>(2019y / January, {inf_v, 1.0, 2.0});
    CHECK(tally::aggregate<year_quarter>(one, tally::sum).series.at(year_quarter{2019, 1}) == inf_v);
}

TEST_CASE("aggregate: an invalid date or a year too wide for the coarse type throws, naming it") {
    const time_series<year_month_day, int> s{{2019y / February / 28d, 1}, {2019y / February / 30d, 2}};
    CHECK_THROWS_WITH_AS((void)tally::aggregate<year_month>(s, tally::sum), "the time 2019-02-30 is not a valid date.",
                         tally::invalid_argument);
    const auto m = monthly<int>(2019y / January, {1, 2, 3});
    CHECK_THROWS_WITH_AS((void)tally::aggregate<std::int8_t>(m, tally::sum),
                         "the year 2019 is outside the range of the series' time type.", tally::overflow_error);
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------
namespace {

/// Deterministic pseudo-random values in -500..999 (a linear congruential generator).
std::vector<std::int64_t> pseudo_random(std::size_t n, std::uint64_t seed) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        out.push_back(static_cast<std::int64_t>((seed >> 33) % 1500) - 500);
    }
    return out;
}

} // namespace

TEST_CASE("aggregate: a complete monthly series summed to years equals summing its 12 values") {
    const std::vector<std::int64_t> values = pseudo_random(5 * 12, 42);  // 2015-01 .. 2019-12
    const auto s = monthly<std::int64_t>(2015y / January, values);
    const auto annual = tally::aggregate<int>(s, tally::sum);
    CHECK(annual.incomplete.empty());
    REQUIRE(annual.series.size() == 5);
    for (int y = 0; y < 5; ++y) {
        std::int64_t expected = 0;
        for (std::size_t m = 0; m < 12; ++m) expected += values[static_cast<std::size_t>(y) * 12 + m];
        CHECK(annual.series.at(2015 + y) == expected);
    }
}

TEST_CASE("aggregate: months to quarters to years equals months to years") {
    // 2015-03 .. 2019-10 with some months removed: incomplete years at both ends and in between.
    const std::vector<std::int64_t> values = pseudo_random(56, 7);
    time_series<year_month, std::int64_t> s = monthly<std::int64_t>(2015y / March, values);
    time_series<year_month, std::int64_t> gappy;
    for (const auto [t, v] : s) {
        if (t != 2017y / May) gappy.insert(t, v);
    }
    for (const auto& series : {s, gappy}) {
        const auto qs = tally::aggregate<year_quarter>(series, tally::sum);
        CHECK(tally::aggregate<int>(qs.series, tally::sum) == tally::aggregate<int>(series, tally::sum));
        const auto qmin = tally::aggregate<year_quarter>(series, tally::min);
        CHECK(tally::aggregate<int>(qmin.series, tally::min) == tally::aggregate<int>(series, tally::min));
        const auto qmax = tally::aggregate<year_quarter>(series, tally::max);
        CHECK(tally::aggregate<int>(qmax.series, tally::max) == tally::aggregate<int>(series, tally::max));
        const auto qfirst = tally::aggregate<year_quarter>(series, agg::first);
        CHECK(tally::aggregate<int>(qfirst.series, agg::first) == tally::aggregate<int>(series, agg::first));
        const auto qlast = tally::aggregate<year_quarter>(series, agg::last);
        CHECK(tally::aggregate<int>(qlast.series, agg::last) == tally::aggregate<int>(series, agg::last));
        // The count of counts is the sum of counts.
        const auto qcount = tally::aggregate<year_quarter>(series, agg::count);
        CHECK(tally::aggregate<int>(qcount.series, tally::sum).series == tally::aggregate<int>(series, agg::count).series);
        // Complete quarters hold equally many months, so the mean of their means is the mean.
        const auto qmean = tally::aggregate<year_quarter>(series, tally::mean);
        const auto direct = tally::aggregate<int>(series, tally::mean);
        const auto via = tally::aggregate<int>(qmean.series, tally::mean);
        CHECK(via.incomplete == direct.incomplete);
        REQUIRE(via.series.size() == direct.series.size());
        for (const auto [y, m] : direct.series) CHECK(via.series.at(y) == doctest::Approx(m));
    }
    // 56 months from 2015-03 end at 2019-10 (2015-03 + 55 months). Complete years: 2016..2018
    // in s; 2016 and 2018 in gappy.
    CHECK(tally::aggregate<int>(s, tally::sum).series.size() == 3);
    CHECK(tally::aggregate<int>(s, tally::sum).incomplete == std::vector<int>{2015, 2019});
    CHECK(tally::aggregate<int>(gappy, tally::sum).incomplete == std::vector<int>{2015, 2017, 2019});
}

TEST_CASE("aggregate: days to months to UK fiscal years equals days to fiscal years") {
    std::vector<year_month_day> dates;
    for (year_month_day d = 2018y / February / 11d; d != 2021y / June / 3d; d = tally::next_period(d)) {
        dates.push_back(d);
    }
    const std::vector<std::int64_t> values = pseudo_random(dates.size(), 2024);
    const time_series<year_month_day, std::int64_t> s(dates, values);
    const auto by_month = tally::aggregate<year_month>(s, tally::sum);
    CHECK(by_month.incomplete == std::vector<year_month>{2018y / February, 2021y / June});
    const auto via = tally::aggregate<uk_fiscal_year>(by_month.series, tally::sum);
    const auto direct = tally::aggregate<uk_fiscal_year>(s, tally::sum);
    CHECK(via == direct);
    // 2018/19, 2019/20 and 2020/21 are complete; 2017/18 and 2021/22 are not.
    CHECK(direct.series.size() == 3);
    CHECK(direct.incomplete == std::vector<uk_fiscal_year>{uk_fiscal_year{2017}, uk_fiscal_year{2021}});
    // 2019/20 (with 29 February 2020) summed naively.
    std::int64_t expected = 0;
    for (std::size_t i = 0; i < dates.size(); ++i) {
        if (dates[i] >= 2019y / April / 1d && dates[i] <= 2020y / March / 31d) expected += values[i];
    }
    CHECK(direct.series.at(uk_fiscal_year{2019}) == expected);
}

// ---------------------------------------------------------------------------
// User time types
// ---------------------------------------------------------------------------
namespace {
/// Half-years: January–June is half 1, July–December half 2.
struct half_year {
    int year = 0;
    int half = 1;
    friend constexpr bool operator==(const half_year&, const half_year&) = default;
    friend constexpr auto operator<=>(const half_year&, const half_year&) = default;
};

/// Weeks numbered from an arbitrary origin, and blocks of four of them
/// (weeks 0..3 are block 0, weeks -4..-1 block -1).
struct week {
    std::int64_t number = 0;
    friend constexpr bool operator==(const week&, const week&) = default;
    friend constexpr auto operator<=>(const week&, const week&) = default;
};
struct four_weeks {
    std::int64_t number = 0;
    friend constexpr bool operator==(const four_weeks&, const four_weeks&) = default;
    friend constexpr auto operator<=>(const four_weeks&, const four_weeks&) = default;
};
} // namespace

template <>
struct tally::period_traits<half_year> {
    static constexpr int periods_per_year = 2;
    static constexpr half_year advance(half_year t, std::int64_t n) {
        const std::int64_t index = std::int64_t{t.year} * 2 + (t.half - 1) + n;
        const std::int64_t y = index >= 0 ? index / 2 : -((1 - index) / 2);  // floor(index / 2)
        return {static_cast<int>(y), static_cast<int>(index - y * 2) + 1};
    }
    static constexpr std::int64_t distance(half_year from, half_year to) {
        return (std::int64_t{to.year} * 2 + to.half) - (std::int64_t{from.year} * 2 + from.half);
    }
    static constexpr double years_between(half_year from, half_year to) {
        return static_cast<double>(distance(from, to)) / 2.0;
    }
    static std::string to_string(half_year t) { return std::to_string(t.year) + " H" + std::to_string(t.half); }
};

template <>
struct tally::month_span_traits<half_year> {
    static constexpr int length = 6;
    static constexpr int start = 1;
    static constexpr year_month first_month(half_year t) {
        return year{t.year} / month{t.half == 1 ? 1U : 7U};
    }
    static constexpr half_year containing(year_month ym) {
        return {static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()) <= 6U ? 1 : 2};
    }
};

template <>
struct tally::period_traits<week> {
    static constexpr week advance(week t, std::int64_t n) { return {t.number + n}; }
    static constexpr std::int64_t distance(week from, week to) { return to.number - from.number; }
    static constexpr double years_between(week from, week to) {
        return static_cast<double>(distance(from, to)) * 7.0 / 365.2425;
    }
    static std::string to_string(week t) { return "week " + std::to_string(t.number); }
};

template <>
struct tally::period_traits<four_weeks> {
    static constexpr four_weeks advance(four_weeks t, std::int64_t n) { return {t.number + n}; }
    static constexpr std::int64_t distance(four_weeks from, four_weeks to) { return to.number - from.number; }
    static constexpr double years_between(four_weeks from, four_weeks to) {
        return static_cast<double>(distance(from, to)) * 28.0 / 365.2425;
    }
    static std::string to_string(four_weeks t) { return "block " + std::to_string(t.number); }
};

template <>
struct tally::nesting_traits<week, four_weeks> {
    static constexpr four_weeks period_of(week t) {
        // Floor division: week -1 is in block -1, not block 0.
        return {t.number >= 0 ? t.number / 4 : -((-t.number + 3) / 4)};
    }
    static constexpr std::int64_t periods_in(four_weeks) { return 4; }
};

TEST_CASE("aggregate: a user type made of whole months nests through month_span_traits") {
    static_assert(tally::nests_in<year_month, half_year>);
    static_assert(tally::nests_in<year_quarter, half_year>);
    static_assert(tally::nests_in<year_month_day, half_year>);
    static_assert(tally::nests_in<half_year, int>);
    static_assert(tally::nests_in<half_year, year>);
    static_assert(tally::nests_in<half_year, tally::fiscal_year<7>>);  // July–June holds both halves whole
    static_assert(!tally::nests_in<half_year, uk_fiscal_year>);        // April–March cuts the halves
    static_assert(!tally::nests_in<half_year, year_quarter>);          // finer, not coarser
    static_assert(tally::periods_per_year<half_year> == 2);

    CHECK(tally::period_of<half_year>(2019y / March) == half_year{2019, 1});
    CHECK(tally::period_of<half_year>(2019y / July / 1d) == half_year{2019, 2});
    CHECK(tally::period_of<int>(half_year{2019, 2}) == 2019);
    CHECK(tally::period_of<tally::fiscal_year<7>>(half_year{2019, 1}) == tally::fiscal_year<7>(2018));
    // Days by hand: January–June 2019 is 31+28+31+30+31+30 = 181, 182 in 2020;
    // July–December is 31+31+30+31+30+31 = 184.
    CHECK(tally::periods_in<year_month_day>(half_year{2019, 1}) == 181);
    CHECK(tally::periods_in<year_month_day>(half_year{2020, 1}) == 182);
    CHECK(tally::periods_in<year_month_day>(half_year{2019, 2}) == 184);
    CHECK(tally::periods_in<year_month>(half_year{2019, 2}) == 6);
    CHECK(tally::periods_in<half_year>(2019) == 2);

    // Months 2019-01..2019-09: values 1..9. H1 = 1+..+6 = 21, H2 has 3 of 6 months.
    const auto m = monthly<int>(2019y / January, {1, 2, 3, 4, 5, 6, 7, 8, 9});
    const auto h = tally::aggregate<half_year>(m, tally::sum);
    CHECK(h.series.size() == 1);
    CHECK(h.series.at(half_year{2019, 1}) == 21);
    REQUIRE(h.incomplete.size() == 1);
    CHECK(h.incomplete[0] == half_year{2019, 2});
    const auto all = tally::aggregate<half_year>(m, tally::sum, incomplete_periods::include);
    CHECK(all.series.at(half_year{2019, 2}) == 7 + 8 + 9);

    // Half-years to years: 2019 H1 + H2 complete, 2020 H1 alone is not.
    const time_series<half_year, double> halves{
        {half_year{2019, 1}, 1.5}, {half_year{2019, 2}, 2.25}, {half_year{2020, 1}, 4.0}};
    const auto y = tally::aggregate<int>(halves, tally::sum);
    CHECK(y.series.size() == 1);
    CHECK(y.series.at(2019) == 3.75);
    REQUIRE(y.incomplete.size() == 1);
    CHECK(y.incomplete[0] == 2020);
}

TEST_CASE("aggregate: any other pair of user types nests through nesting_traits") {
    static_assert(tally::nests_in<week, four_weeks>);
    static_assert(!tally::nests_in<four_weeks, week>);
    static_assert(!tally::nests_in<week, int>);  // nothing says how weeks sit in years
    static_assert(!can_aggregate<int, time_series<week, int>, tally::sum_fn>);

    CHECK(tally::period_of<four_weeks>(week{-1}) == four_weeks{-1});
    CHECK(tally::period_of<four_weeks>(week{0}) == four_weeks{0});
    CHECK(tally::next_period(week{3}) == week{4});
    CHECK(tally::periods_in<week>(four_weeks{7}) == 4);

    // Weeks -2..5 with values 10, 20, ..., 80; week 3 is NaN.
    // Block -1 (weeks -4..-1) has 2 of 4 weeks; block 0 (weeks 0..3) has 3 values
    // and a NaN, so it is incomplete; block 1 (weeks 4..7) has 2 of 4.
    time_series<week, double> weekly{{week{-2}, 10.0}, {week{-1}, 20.0}, {week{0}, 30.0}, {week{1}, 40.0},
                                     {week{2}, 50.0},  {week{3}, nan_v}, {week{4}, 70.0}, {week{5}, 80.0}};
    const auto strict = tally::aggregate<four_weeks>(weekly, tally::sum);
    CHECK(strict.series.empty());
    CHECK(strict.incomplete == std::vector<four_weeks>{four_weeks{-1}, four_weeks{0}, four_weeks{1}});
    const auto loose = tally::aggregate<four_weeks>(weekly, tally::mean, incomplete_periods::include);
    CHECK(loose.series.at(four_weeks{-1}) == 15.0);
    CHECK(loose.series.at(four_weeks{0}) == 40.0);
    CHECK(loose.series.at(four_weeks{1}) == 75.0);
    const auto counted = tally::aggregate<four_weeks>(weekly, agg::count, incomplete_periods::include);
    CHECK(counted.series.at(four_weeks{0}) == 3);

    // Weeks 8..11 complete: the block is in the strict result.
    time_series<week, int> full{{week{8}, 1}, {week{9}, 2}, {week{10}, 3}, {week{11}, 4}};
    const auto b = tally::aggregate<four_weeks>(full, agg::last);
    CHECK(b.series.at(four_weeks{2}) == 4);
    CHECK(b.incomplete.empty());
}
