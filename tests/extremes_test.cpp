// tests/extremes_test.cpp: the extremes matrix. Every public function, for
// every value type it accepts, over the extreme inputs of tests/extremes.hpp:
// the outcome is a value the header documents or a tally::error whose
// message is a sentence (the rows of the failures check the exact
// text). tests/extremes/public_names.py fails the suite when a public
// function has no row here or in extremes_claims_test.cpp: a row is a
// TEST_CASE whose title names the function.

#include "extremes.hpp"

#include <tally/tally.hpp>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <list>
#include <sstream>
#include <string>
#include <vector>

namespace {

using extremes::finite;
using extremes::outcome;
using std::chrono::days;
using std::chrono::months;
using std::chrono::year;
using std::chrono::year_month;
using std::chrono::year_month_day;
using std::chrono::years;
constexpr auto int64_max = std::numeric_limits<std::int64_t>::max();
constexpr auto int64_min = std::numeric_limits<std::int64_t>::min();

template <class T>
bool is_nan(T v) {
    if constexpr (std::is_floating_point_v<T>) {
        return std::isnan(v);
    } else {
        return false;
    }
}

/// A floating result of finite inputs: finite (an overflow must throw).
template <class R, class T>
bool no_silent_inf(R result, const std::vector<T>& inputs) {
    return finite(result) || extremes::any_non_finite(inputs);
}

template <class T>
tally::time_series<int, T> series_of(const std::vector<T>& values, int first_year = 2000) {
    std::vector<int> times;
    for (std::size_t i = 0; i < values.size(); ++i) times.push_back(first_year + static_cast<int>(i));
    return tally::time_series<int, T>(times, values);
}

} // namespace

// --- statistics ---------------------------------------------------------------

TEST_CASE_TEMPLATE("extremes: sum, mean, variance, stddev, median, quantile, geometric_mean, argmin and argmax of every "
                   "pair of extreme values, as a vector and as a list",
                   T, TALLY_EXTREME_TYPES) {
    for (T a : extremes::values<T>()) {
        for (T b : extremes::values<T>()) {
            const std::vector<T> v{a, b};
            const std::list<T> l{a, b};
            CAPTURE(static_cast<long double>(a));
            CAPTURE(static_cast<long double>(b));
            outcome([&] { return tally::sum(v); }, [&](auto r) { return no_silent_inf(r, v); });
            outcome([&] { return tally::sum(l); }, [&](auto r) { return no_silent_inf(r, v); });
            outcome([&] { return tally::mean(v); }, [&](auto r) { return no_silent_inf(r, v); });
            outcome([&] { return tally::mean(l); }, [&](auto r) { return no_silent_inf(r, v); });
            for (int ddof : {0, 1, 2, -1}) {
                // finite inputs: a finite variance or an error; an infinite input: NaN
                const auto documented = [&](auto r) {
                    return extremes::any_non_finite(v) ? (is_nan(r) || finite(r)) : finite(r);
                };
                outcome([&] { return tally::variance(v, ddof); }, documented);
                outcome([&] { return tally::variance(l, ddof); }, documented);
                outcome([&] { return tally::stddev(v, ddof); }, documented);
                outcome([&] { return tally::stddev(l, ddof); }, documented);
            }
            if (!extremes::any_non_finite(v)) {
                // the same data as a vector and as a list: the same outcome
                bool vector_threw = false, list_threw = false;
                try { (void)tally::variance(v); } catch (const tally::error&) { vector_threw = true; }
                try { (void)tally::variance(l); } catch (const tally::error&) { list_threw = true; }
                CHECK(vector_threw == list_threw);
            }
            outcome([&] { return tally::median(v); }, [&](auto r) { return no_silent_inf(r, v); });
            for (double q : {0.0, -0.0, 5e-324, 0.5, 1.0, 1.5, -1.0, std::nan(""), HUGE_VAL}) {
                for (auto method : {tally::quantile_method::linear, tally::quantile_method::type1,
                                    tally::quantile_method::type9, tally::quantile_method::nearest,
                                    tally::quantile_method::midpoint}) {
                    outcome([&] { return tally::quantile(v, q, method); }, [&](auto r) { return no_silent_inf(r, v); });
                }
            }
            outcome([&] { return tally::geometric_mean(v); });
            outcome([&] { return tally::argmin(v); }, [](std::size_t i) { return i < 2; });
            outcome([&] { return tally::argmax(v); }, [](std::size_t i) { return i < 2; });
        }
    }
}

TEST_CASE("extremes: sum of floats beyond float throws, as a sum beyond double does") {
    CHECK_THROWS_WITH_AS((void)tally::sum(std::vector<float>{3e38f, 3e38f}),
                         "the sum of the range passes the largest finite float.", tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::sum(std::list<float>{3e38f, 3e38f}),
                         "the sum of the range passes the largest finite float.", tally::overflow_error);
    // the mean of the same values is in range: (3e38 + 3e38) / 2 = 3e38
    CHECK(tally::mean(std::vector<float>{3e38f, 3e38f}) == doctest::Approx(3e38));
}

TEST_CASE("extremes: variance of two equal huge values is 0 for a vector, a list and long double") {
    // Equal values have no spread, whatever their size; the mean of two
    // 1.7e308 is 1.7e308 although their sum is beyond double.
    const double big = std::numeric_limits<double>::max();
    CHECK(tally::variance(std::vector<double>{big, big}) == 0);
    CHECK(tally::variance(std::list<double>{big, big}) == 0);
    CHECK(tally::variance(std::list<long double>{1e4000L, 1e4000L}) == 0);
    CHECK(tally::variance(std::vector<long double>{1e4000L, 1e4000L}) == 0);
}

TEST_CASE("extremes: median and quantile between two equal infinities are that infinity, as the rolling median") {
    const double inf = HUGE_VAL;
    CHECK(tally::median(std::vector<double>{inf, inf}) == inf);
    CHECK(tally::quantile(std::vector<double>{-inf, -inf, 1.0}, 0.25) == -inf);
    const std::vector<double> v{inf, inf};
    CHECK(tally::rolling(std::span<const double>(v), 2).median()[1] == inf);
    // finite ends more than double's range apart: weighted, not inf - inf
    const double big = std::numeric_limits<double>::max();
    CHECK(tally::quantile(std::vector<double>{-big, big}, 0.5) == 0);
}

TEST_CASE("extremes: quantile with a method that is not a quantile_method value throws naming it") {
    CHECK_THROWS_WITH_AS((void)tally::quantile(std::vector<double>{1, 2, 3}, 0.5, static_cast<tally::quantile_method>(99)),
                         "the quantile method 99 is not one of tally::quantile_method's values.",
                         tally::invalid_argument);
}

TEST_CASE_TEMPLATE("extremes: summary of, add, merge, count, nan_count, m2, mean, min, max, variance and stddev of "
                   "every pair of extreme values",
                   R, float, double, long double) {
    for (long double a : extremes::values<long double>()) {
        for (long double b : extremes::values<long double>()) {
            CAPTURE(a);
            CAPTURE(b);
            outcome([&] {
                tally::summary<R> s;
                s.add(a);
                tally::summary<R> t;
                t.add(b);
                s.merge(t);
                (void)s.count();
                (void)s.nan_count();
                (void)s.m2();
                outcome([&] { return s.mean(); });
                outcome([&] { return s.min(); });
                outcome([&] { return s.max(); });
                const bool infinite_input = std::isinf(a) || std::isinf(b);
                outcome([&] { return s.variance(); }, [&](R v) { return infinite_input || std::isfinite(v); });
                outcome([&] { return s.stddev(0); }, [&](R v) { return infinite_input || std::isfinite(v); });
                return tally::summary<R>::of(std::vector<long double>{a, b}).count();
            });
        }
    }
}

TEST_CASE("extremes: summary of values whose variance is beyond double throws, and a value beyond float is refused") {
    // 1e200 and -1e200: mean 0, M2 = 2e400, beyond double
    CHECK_THROWS_WITH_AS((void)tally::summary<double>::of(std::vector<double>{1e200, -1e200}).variance(),
                         "the variance cannot be given: the variance of the values is beyond the range of the result type.",
                         tally::overflow_error);
    // the mean of the largest and the lowest double is 0, not inf - inf
    const double big = std::numeric_limits<double>::max();
    CHECK(tally::summary<double>::of(std::vector<double>{big, -big}).mean() == 0);
    tally::summary<float> s;
    CHECK_THROWS_WITH_AS(s.add(1e300), "summary<float> cannot hold 1e+300: it is beyond float.", tally::overflow_error);
    CHECK(s.count() == 0);
}

TEST_CASE_TEMPLATE("extremes: covariance, correlation and linear_trend of extreme triples", T, TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    for (T a : vs) {
        for (T b : vs) {
            const std::vector<T> x{a, b, T(1)};
            const std::vector<T> y{b, T(0), a};
            outcome([&] { return tally::covariance(x, y); }, [&](auto r) { return finite(r) || is_nan(r); });
            outcome([&] { return tally::correlation(x, y); }, [&](auto r) { return is_nan(r) || (r >= -1 && r <= 1); });
            outcome([&] { return tally::linear_trend(x, y).slope; });
            outcome([&] { return tally::linear_trend(y).intercept; });
        }
    }
}

TEST_CASE("extremes: correlation and linear_trend of values near the top of double are those of the scaled values") {
    // x = s(1, -1, 0.5), y = s(1, 0.3, -1) for s = 1e200 and 1e308 (hand
    // derivation at s = 1): mean x = 1/6, mean y = 0.1; Sxy = 0.15,
    // Sxx = 13/6, Syy = 2.06; r = 0.15 / sqrt(13/6 * 2.06) = 0.0710005,
    // slope = 0.15 / (13/6) = 0.0692308 (the ratio of two same-scaled sums).
    for (double s : {1e200, 1e308}) {
        const std::vector<double> x{s, -s, 0.5 * s};
        const std::vector<double> y{s, 0.3 * s, -s};
        CHECK(tally::correlation(x, y) == doctest::Approx(0.15 / std::sqrt(13.0 / 6 * 2.06)));
        CHECK(tally::linear_trend(x, y).slope == doctest::Approx(0.15 / (13.0 / 6)));
        CHECK_THROWS_WITH_AS((void)tally::covariance(x, y), "the covariance is beyond the range of double.",
                             tally::overflow_error);
    }
    CHECK_THROWS_WITH_AS((void)tally::correlation(std::vector<double>{1, HUGE_VAL, 2}, std::vector<double>{1, 2, 3}),
                         "the correlation is undefined: x holds an infinite value.", tally::undefined_result);
}

TEST_CASE_TEMPLATE("extremes: rate, rate_ratio, interval, count1, count2, exposure1 and exposure2 of extreme values",
                   T, TALLY_EXTREME_TYPES) {
    for (T a : extremes::values<T>()) {
        for (T b : extremes::values<T>()) {
            outcome([&] { return tally::rate(a, b); }, [](double r) { return std::isfinite(r) && r >= 0; });
            outcome([&] { return tally::rate(a, 1, b); }, [](double r) { return std::isfinite(r) && r >= 0; });
            outcome([&] {
                const auto rr = tally::rate_ratio(a, b, b, a);
                CHECK(std::isfinite(rr.count1()));
                CHECK(std::isfinite(rr.count2()));
                CHECK(std::isfinite(rr.exposure1()));
                CHECK(std::isfinite(rr.exposure2()));
                outcome([&] { return rr.value(); }, [](double v) { return std::isfinite(v) && v >= 0; });
                outcome([&] { return rr.interval(0.95).upper; });
                return 0;
            });
        }
    }
}

TEST_CASE("extremes: rate and rate_ratio refuse what they cannot divide and throw where the rate overflows") {
    CHECK_THROWS_WITH_AS((void)tally::rate(1, 5e-324), "a rate of 1 in 5e-324 per 1000 is beyond the range of double.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(1, HUGE_VAL, 1, 1.0),
                         "a rate ratio needs exposures above 0; the first exposure is inf.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(1, 1.0, HUGE_VAL, 1.0),
                         "a rate ratio needs finite counts; the second count is inf.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(HUGE_VAL, 1), "a rate needs a finite count; the count is inf.",
                         tally::invalid_argument);
}

// --- change, percent, describe --------------------------------------------------

TEST_CASE_TEMPLATE("extremes: change difference, ratio, percent, try_percent, try_ratio, why_undefined, direction, "
                   "from, to, operator<< and describe of every pair of extreme values",
                   T, TALLY_EXTREME_TYPES) {
    for (T a : extremes::values<T>()) {
        for (T b : extremes::values<T>()) {
            const tally::change<T> c{a, b};
            CAPTURE(static_cast<long double>(a));
            CAPTURE(static_cast<long double>(b));
            CHECK((c.from() == a || is_nan(a)));
            CHECK((c.to() == b || is_nan(b)));
            (void)c.direction();
            outcome([&] { return c.difference(); }, [&](auto d) { return finite(d) || !finite(a) || !finite(b); });
            for (auto policy : {tally::base_policy::positive, tally::base_policy::signed_value, tally::base_policy::magnitude}) {
                outcome([&] { return c.ratio(policy); }, [](auto r) { return finite(r); });
                outcome([&] { return c.percent(policy).value(); }, [](auto r) { return finite(r); });
                const auto p = c.try_percent(policy);
                // try_percent is empty exactly where percent throws
                bool threw = false;
                try { (void)c.percent(policy); } catch (const tally::error&) { threw = true; }
                CHECK(threw == !p.has_value());
                (void)c.try_ratio(policy);
                (void)c.why_undefined(policy);
            }
            std::ostringstream out;
            out << c;
            CHECK(out.str().find(" -> ") != std::string::npos);
            outcome([&] { return tally::describe(c); }, [](const std::string& s) { return !s.empty(); });
            outcome([&] { return tally::describe(c, 6); }, [](const std::string& s) { return !s.empty(); });
        }
    }
}

TEST_CASE("extremes: change whose percent overflows says so in its text instead of naming no reason") {
    std::ostringstream out;
    out << tally::change<double>{5e-324, 1.0};
    CHECK(out.str() == "5e-324 -> 1 (+1, no percent: it overflows double)");
    std::ostringstream wide;
    wide << tally::change<double>{-1.7e308, 1.7e308};
    CHECK(wide.str() == "-1.7e+308 -> 1.7e+308 (a difference beyond double, no percent: the base is negative "
                        "(base_policy::signed_value or base_policy::magnitude computes one))");
}

TEST_CASE("extremes: describe is O(1) for any ratio and writes exponents without thousands separators") {
    // 1e300 is a whole multiple of 1 (every double from 2^53 up is an integer);
    // counting up to it one step at a time would never end.
    const std::string text = tally::describe(tally::change<double>{1.0, 1e300});
    CHECK(text.rfind("was 1,000,000,000,000,000,052,504,760,255,204,420,248,704,468,581,108,159,154,915,854,115,511,", 0) == 0);
    CHECK(text.ends_with(" times as high, from 1 to 1e+300"));
    CHECK(tally::describe(tally::change<double>{1.0, 1e9}) == "was 1,000,000,000 times as high, from 1 to 1e+09");
    CHECK(tally::describe(tally::change<double>{2.0, 5.0}) == "more than doubled (2.5 times), from 2 to 5");
    CHECK(tally::describe(tally::change<double>{-0.0, -0.0}) == "was unchanged at 0");
    CHECK_THROWS_WITH_AS((void)tally::describe(tally::change<long double>{1e-4000L, 1e4000L}),
                         "the multiple of a change from 1e-4000 to 1e+4000 overflows long double.", tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::describe(tally::change<double>{1.0, HUGE_VAL}),
                         "a change from 1 to inf cannot be described: a value is infinite.", tally::undefined_result);
}

TEST_CASE_TEMPLATE("extremes: apply, compound, fraction, from_fraction and to_string of extreme percents", R, float,
                   double, long double) {
    for (R a : extremes::values<R>()) {
        for (R b : extremes::values<R>()) {
            const tally::percent<R> p{a};
            (void)p.fraction();
            (void)tally::percent<R>::from_fraction(a);
            CHECK(!tally::to_string(p).empty());
            outcome([&] { return tally::apply(p, b); }, [&](R r) { return finite(r) || !finite(a) || !finite(b); });
            outcome([&] { return tally::compound(p, tally::percent<R>{b}).value(); },
                    [&](R r) { return finite(r) || !finite(a) || !finite(b); });
        }
    }
}

TEST_CASE("extremes: compound of huge percents throws instead of giving +inf%") {
    static_assert(!noexcept(tally::compound(tally::percent<double>{1}, tally::percent<double>{1})));
    CHECK_THROWS_WITH_AS((void)tally::compound(tally::percent<double>{1e300}, tally::percent<double>{1e300}),
                         "compounding 1e+300% and 1e+300% overflows double.", tally::overflow_error);
}

// --- series and transforms ------------------------------------------------------

TEST_CASE_TEMPLATE("extremes: time_series at, find, contains, insert, insert_or_assign, first_time, last_time, size, "
                   "empty, times, values, begin, end, change and sorted_unique with extreme values and times",
                   T, TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    auto s = series_of(vs);
    CHECK(s.size() == vs.size());
    CHECK(!s.empty());
    CHECK(s.times().size() == s.values().size());
    CHECK(std::distance(s.begin(), s.end()) == static_cast<std::ptrdiff_t>(vs.size()));
    CHECK(s.first_time() == 2000);
    for (int t : {std::numeric_limits<int>::min(), -1, 1999, 2000, 2000 + static_cast<int>(vs.size()),
                  std::numeric_limits<int>::max()}) {
        outcome([&] { return s.at(t); });
        (void)s.find(t);
        (void)s.contains(t);
        outcome([&] { return s.change(2000, t).direction(); });
    }
    outcome([&] {
        s.insert(std::numeric_limits<int>::max(), vs.back());
        return s.last_time();
    });
    outcome([&] {
        s.insert(2000, vs.front());  // already there: a sentence
        return 0;
    });
    s.insert_or_assign(std::numeric_limits<int>::min(), vs.front());
    CHECK(s.first_time() == std::numeric_limits<int>::min());
    outcome([&] {
        return tally::time_series<int, T>(tally::sorted_unique, {2001, 2000}, {vs[0], vs[1]}).size();
    });
}

TEST_CASE_TEMPLATE("extremes: unchecked_sorted_unique keeps extreme values at the ends of int as given", T,
                   TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    const std::vector<int> times{std::numeric_limits<int>::min(), 0, std::numeric_limits<int>::max()};
    const std::vector<T> values{vs.front(), vs[vs.size() / 2], vs.back()};
    const tally::time_series<int, T> s(tally::unchecked_sorted_unique, times, values);
    REQUIRE(s.size() == 3);
    CHECK(s.first_time() == std::numeric_limits<int>::min());
    CHECK(s.last_time() == std::numeric_limits<int>::max());
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(s.times()[i] == times[i]);
        // NaN is kept as NaN; everything else bit for bit
        CHECK((s.values()[i] == values[i] || (values[i] != values[i] && s.values()[i] != s.values()[i])));
    }
}

TEST_CASE_TEMPLATE("extremes: pct_change, diff, shift, by_observation, at, percent, reason, has_value, undefined and "
                   "series at lags 0, +-1, n, n + 1 and the ends of int64",
                   T, TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    const auto s = series_of(vs);
    const auto n = static_cast<std::int64_t>(vs.size());
    for (std::int64_t k : extremes::lags(n)) {
        CAPTURE(k);
        for (int by_row = 0; by_row < 2; ++by_row) {
            outcome([&] {
                const auto p = by_row ? tally::pct_change(s, k, tally::by_observation) : tally::pct_change(s, k);
                const auto d = by_row ? tally::diff(s, k, tally::by_observation) : tally::diff(s, k);
                CHECK(p.series().size() == vs.size());
                CHECK(d.undefined().size() <= vs.size());
                for (int t : {2000, 2001, 2000 + static_cast<int>(n) - 1}) {
                    (void)p.has_value(t);
                    (void)p.reason(t);
                    outcome([&] { return p.at(t); }, [](auto v) { return finite(v); });
                    outcome([&] { return p.percent(t).value(); }, [](auto v) { return finite(v); });
                    outcome([&] { return d.at(t); }, [](auto v) { return finite(v); });
                }
                return 0;
            });
        }
        outcome([&] { return tally::shift(s, k).size(); });
        outcome([&] { return tally::shift(s, k, tally::by_observation).size(); });
    }
}

TEST_CASE("extremes: pct_change at a lag of INT64_MIN names the time, and percent overflowing throws") {
    const tally::time_series<int, double> s{{2015, 1.0}, {2016, 2.0}, {2017, 3.0}};
    CHECK_THROWS_WITH_AS((void)tally::pct_change(s, int64_min).at(2017),
                         "the percent change at 2017 has no value: the time 9223372036854775808 periods later than "
                         "2017 is outside the range of its type.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::pct_change(s, int64_min, tally::by_observation).at(2017),
                         "the percent change at 2017 has no value: there is no observation 9223372036854775808 rows "
                         "later.",
                         tally::undefined_result);
    const tally::time_series<int, double> tiny{{1, 1e-300}, {2, 1.7e8}};
    const auto p = tally::pct_change(tiny);
    CHECK(p.at(2) == doctest::Approx(1.7e308));
    CHECK_THROWS_WITH_AS((void)p.percent(2),
                         "the percent change at 2 is 1.7e+308 as a fraction; in percent it overflows double.",
                         tally::overflow_error);
}

TEST_CASE_TEMPLATE("extremes: rebase, cagr, cumsum, cumprod and yoy of extreme values", T, TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    const auto s = series_of(vs);
    for (int t0 = 2000; t0 < 2000 + static_cast<int>(vs.size()); ++t0) {
        outcome([&] {
            const auto r = tally::rebase(s, t0);
            for (auto v : r.values()) CHECK((finite(v) || is_nan(v) || extremes::any_non_finite(vs)));
            return 0;
        });
        outcome([&] { return tally::cagr(s, t0, t0 + 1).value(); }, [](double v) { return std::isfinite(v); });
    }
    outcome([&] { return tally::cumsum(s).size(); });
    outcome([&] { return tally::cumprod(s).size(); });
    for (std::int64_t k : extremes::lags(4)) outcome([&] { return tally::yoy(s, k).size(); });
}

TEST_CASE("extremes: rebase, cagr and cumsum throw where finite values overflow") {
    const tally::time_series<int, double> s{{2015, 1e-300}, {2016, 1e300}};
    CHECK_THROWS_WITH_AS((void)tally::rebase(s, 2015),
                         "rebasing 1e+300 at 2016 to 2015 = 100 overflows double.", tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::rebase(s, 2015, HUGE_VAL),
                         "cannot rebase to 2015 = inf: the new base is not a finite number.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rebase(tally::time_series<int, double>{{2015, std::nan("")}}, 2015),
                         "cannot rebase to 2015: its value nan is not a positive number.", tally::undefined_result);
    using namespace std::chrono;
    const tally::time_series<year_month_day, double> daily{{2019y / 1 / 1, 1.0}, {2019y / 1 / 2, 10.0}};
    CHECK_THROWS_WITH_AS((void)tally::cagr(daily, 2019y / 1 / 1, 2019y / 1 / 2),
                         "a growth rate from 1 at 2019-01-01 to 10 at 2019-01-02 overflows double: the period is too "
                         "short for the change.",
                         tally::overflow_error);
}

// --- windows --------------------------------------------------------------------

TEST_CASE_TEMPLATE("extremes: rolling and expanding count, sum, mean, var, std, min, max, median and quantile with "
                   "windows of 0, +-1, n, n + 1, INT64_MIN, INT64_MAX and SIZE_MAX",
                   T, TALLY_EXTREME_TYPES) {
    const auto vs = extremes::values<T>();
    const auto s = series_of(vs);
    const std::span<const T> view(vs);
    const auto n = static_cast<std::int64_t>(vs.size());
    const auto all = [&](const auto& r) {
        outcome([&] { return r.count().size(); });
        outcome([&] { return r.sum().size(); });
        outcome([&] { return r.mean().size(); });
        outcome([&] { return r.variance().size(); });
        outcome([&] { return r.stddev(0).size(); });
        outcome([&] { return r.min().size(); });
        outcome([&] { return r.max().size(); });
        outcome([&] { return r.median().size(); });
        outcome([&] { return r.quantile(0.25).size(); });
        outcome([&] { return r.quantile(1.5).size(); });
    };
    for (std::int64_t w : extremes::lags(n)) {
        CAPTURE(w);
        outcome([&] { all(tally::rolling(s, w)); return 0; });
        outcome([&] { all(tally::rolling(view, w)); return 0; });
        outcome([&] { all(tally::rolling(s, tally::periods{w})); return 0; });
        outcome([&] { all(tally::rolling(s, w, tally::window_options{std::size_t{1}, true})); return 0; });
    }
    outcome([&] { all(tally::rolling(view, std::numeric_limits<std::size_t>::max())); return 0; });
    all(tally::expanding(s));
    all(tally::expanding(view));
}

TEST_CASE("extremes: rolling windows of spans at the ends of their types do not overflow") {
    using namespace std::chrono;
    const tally::time_series<tally::year_quarter, double> quarterly{{tally::year_quarter(2019, 1), 1.0},
                                                                    {tally::year_quarter(2019, 2), 2.0}};
    // INT64_MAX months is not a whole number of quarters (INT64_MAX % 3 == 1)
    CHECK_THROWS_WITH_AS((void)tally::rolling(quarterly, months{int64_max}),
                         "a rolling window of 9223372036854775807 months is not a whole number of periods of this "
                         "series, which has 4 a year.",
                         tally::invalid_argument);
    // longer than the calendar: every window holds everything so far
    const auto q = tally::rolling(quarterly, years{int64_max}).sum();
    CHECK(q.values()[1] == 3);
    const tally::time_series<year, double> yearly{{year{2019}, 1.0}, {year{2020}, 2.0}};
    CHECK(tally::rolling(yearly, years{int64_max / 6}).sum().values()[1] == 3);
    const tally::time_series<year_month_day, double> daily{{2019y / 2 / 28, 1.0}, {2019y / 3 / 1, 2.0}};
    CHECK(tally::rolling(daily, days{int64_max}).sum().values()[1] == 3);
    CHECK(tally::rolling(daily, months{int64_max}).sum().values()[1] == 3);
    CHECK(tally::rolling(daily, years{int64_max}).sum().values()[1] == 3);
    CHECK(tally::rolling(daily, days{1}).sum().values()[1] == 2);
    CHECK_THROWS_WITH_AS((void)tally::rolling(daily, days{int64_min}),
                         "a rolling window of -9223372036854775808 days is empty; it needs a positive span.",
                         tally::invalid_argument);
}

TEST_CASE("extremes: rolling over an invalid date throws naming it, as pct_change and aggregate do") {
    using namespace std::chrono;
    const tally::time_series<year_month_day, double> bad{{2019y / 2 / 28, 1.0}, {2019y / 2 / 30, 2.0}};
    CHECK_THROWS_WITH_AS((void)tally::rolling(bad, days{2}), "the time 2019-02-30 is not a valid date.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rolling(bad, months{1}), "the time 2019-02-30 is not a valid date.",
                         tally::invalid_argument);
}

TEST_CASE("extremes: rolling sum, mean, variance and stddev of finite values beyond double throw naming the window") {
    const std::vector<double> v{1e308, 1e308, -1e308};
    CHECK_THROWS_WITH_AS((void)tally::rolling(std::span<const double>(v), 2).sum(),
                         "the rolling sum of the window at index 1 is beyond the range of double.", tally::overflow_error);
    // the mean of two 1e308 is 1e308, although their sum is beyond double
    CHECK(tally::rolling(std::span<const double>(v), 2).mean()[1] == 1e308);
    const tally::time_series<int, double> s{{2019, 1e308}, {2020, -1e308}};
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 2).variance(),
                         "the rolling variance of the window at 2020 is beyond the range of double.",
                         tally::overflow_error);
    // as tally::stddev: a standard deviation whose variance is beyond double is refused
    CHECK_THROWS_WITH_AS((void)tally::rolling(s, 2).stddev(),
                         "the rolling standard deviation of the window at 2020 cannot be given: its variance is beyond "
                         "the range of double.",
                         tally::overflow_error);
}

TEST_CASE("extremes: rolling var over a window holding an inf is NaN wherever the series starts") {
    // The documented value of a variance over an infinite value is NaN; the
    // sliding kernels split windows at a grid fixed by where the values
    // start, so 0, 1 or 2 leading values once gave inf or NaN.
    for (std::size_t lead = 0; lead < 4; ++lead) {
        std::vector<double> v(lead, 0.0);
        for (double x : {1.0, HUGE_VAL, 2.0, 3.0, 4.0}) v.push_back(x);
        CAPTURE(lead);
        const auto var = tally::rolling(std::span<const double>(v), 3).variance();
        const auto sum = tally::rolling(std::span<const double>(v), 3).sum();
        // windows ending at the inf and the two after it hold it; those with
        // fewer than 3 values (min_periods) have no value at all
        for (std::size_t i = lead + 1; i < lead + 4; ++i) {
            CAPTURE(i);
            CHECK(std::isnan(var[i]));
            CHECK((i >= 2 ? sum[i] == HUGE_VAL : std::isnan(sum[i])));
        }
        CHECK(var[lead + 4] == 1);  // 2, 3, 4
    }
    std::vector<double> both{1.0, HUGE_VAL, -HUGE_VAL, 1.0};
    CHECK(std::isnan(tally::rolling(std::span<const double>(both), 2).sum()[2]));
    CHECK(tally::rolling(std::span<const double>(both), 2).sum()[1] == HUGE_VAL);
}

// --- calendars --------------------------------------------------------------------

TEST_CASE("extremes: advance, next_period, previous_period, periods_between, years_between and time_text at the "
          "ends of every time type") {
    const auto all = [](auto t) {
        for (std::int64_t n : extremes::lags(1)) {
            outcome([&] { return tally::time_text(tally::advance(t, n)); });
        }
        outcome([&] { return tally::time_text(tally::next_period(t)); });
        outcome([&] { return tally::time_text(tally::previous_period(t)); });
        outcome([&] { return tally::periods_between(t, t); }, [](std::int64_t d) { return d == 0; });
        outcome([&] { return tally::years_between(t, t); });
    };
    for (std::int64_t y : {int64_min, int64_min + 1, std::int64_t{-1}, std::int64_t{0}, int64_max}) all(y);
    for (std::int8_t y : {std::int8_t{-128}, std::int8_t{127}}) all(y);
    for (std::uint64_t y : {std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max()}) all(y);
    for (int y : {-32768, -32767, 32767, 32768}) {
        CAPTURE(y);
        all(year{y});
        all(year{y} / std::chrono::January);
        all(year{y} / std::chrono::December);
        all(year{y} / std::chrono::February / 29);  // not a date in most years
        all(year{y} / std::chrono::December / 31);
        all(year_month{year{2019}, std::chrono::month{13}});
        outcome([&] { return tally::time_text(tally::year_quarter(y, 4)); });
        outcome([&] { return tally::time_text(tally::fiscal_year<4>(y)); });
        outcome([&] { return tally::time_text(tally::fiscal_year<1>(y)); });
    }
    all(tally::year_quarter(32767, 4));
    all(tally::year_quarter(-32767, 1));
    all(tally::fiscal_year<4>(-32767));
    CHECK_THROWS_WITH_AS((void)tally::advance(2019, int64_max),
                         "the year 9223372036854777826, 9223372036854775807 periods from 2019, is outside the range of "
                         "the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::advance(year{32767}, 1),
                         "the year 32768, 1 period from 32767, is outside the range of std::chrono::year.",
                         tally::overflow_error);
}

TEST_CASE("extremes: period_of, periods_in, fiscal_year_of, first_month, last_month, quarter, year, start_year, "
          "end_year, index, day_index and distance at the ends of the calendar") {
    using namespace std::chrono;
    // year 65636: 65636 % 4 == 0 and 65636 % 100 == 36, a leap year
    CHECK(tally::periods_in<year_month_day>(65636) == 366);
    CHECK(tally::periods_in<year_month_day>(int64_max) == 365);  // 9223372036854775807 is odd
    CHECK(tally::periods_in<year_month_day>(std::int64_t{-400}) == 366);
    CHECK(tally::periods_in<year_month_day>(tally::year_quarter(2020, 1)) == 91);
    CHECK(tally::periods_in<year_month>(tally::year_quarter(32767, 4)) == 3);
    for (int y : {-32767, 32767}) {
        const tally::year_quarter q(y, y < 0 ? 1 : 4);
        CHECK(static_cast<int>(q.year()) == y);
        (void)q.quarter();
        (void)q.first_month();
        (void)q.last_month();
        const tally::fiscal_year<4> f(y < 0 ? y : y - 1);
        (void)f.start_year();
        (void)f.end_year();
        (void)f.first_month();
        (void)f.last_month();
        outcome([&] { return tally::time_text(tally::period_of<tally::year_quarter>(year{y} / December / 31)); });
        outcome([&] { return tally::time_text(tally::fiscal_year_of<4>(year{y} / March)); });
        outcome([&] { return tally::period_traits<tally::year_quarter>::index(q); });
        outcome([&] { return tally::period_traits<year_month_day>::day_index(year{y} / 1 / 1); });
        outcome([&] { return tally::period_traits<year_month_day>::distance(year{y} / 1 / 1, year{y} / 2 / 30); });
    }
    CHECK_THROWS_WITH_AS((void)tally::period_of<tally::year_quarter>(2019y / 2 / 30),
                         "the time 2019-02-30 is not a valid date.", tally::invalid_argument);
}

TEST_CASE("extremes: year_quarter::parse and fiscal_year::parse quote hostile text at most 80 characters, escaped") {
    std::string huge(100000, 'x');
    huge[5] = '\xFF';
    huge[7] = '\0';
    // 80 characters: 5 x, the byte 0xFF, x, the NUL, then 72 x
    CHECK_THROWS_WITH_AS((void)tally::year_quarter::parse(huge),
                         ("could not read \"xxxxx\\xFFx\\x00" + std::string(72, 'x') +
                          "\u2026\" (100,000 bytes) as a year and quarter such as \"2019 Q1\".")
                             .c_str(),
                         tally::parse_error);
    CHECK_THROWS_WITH_AS((void)tally::year_quarter::parse(std::string_view("2019 Q\0", 7)),
                         "could not read \"2019 Q\\x00\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)tally::fiscal_year<4>::parse("2018/\"20"),
                         "could not read \"2018/\\\"20\" as a fiscal year such as \"2018/19\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)tally::fiscal_year<1>::parse("\x01"),
                         "could not read \"\\x01\" as a fiscal year such as \"2018\".", tally::parse_error);
    for (std::string text : std::vector<std::string>{"", "-32768 Q1", "32768 Q1", "99999999999 Q1", "2019 Q0", "2019 Q5", "2019Q4", "-0 Q1"}) {
        outcome([&] { return tally::time_text(tally::year_quarter::parse(text)); });
        outcome([&] { return tally::time_text(tally::fiscal_year<7>::parse(text)); });
    }
}

TEST_CASE_TEMPLATE("extremes: aggregate of extreme values by sum, mean, min, max, count, first and last", T,
                   TALLY_EXTREME_TYPES) {
    using namespace std::chrono;
    const auto vs = extremes::values<T>();
    std::vector<year_month> times;
    for (std::size_t i = 0; i < vs.size(); ++i) times.push_back(2019y / January + months{static_cast<int>(i)});
    const tally::time_series<year_month, T> s(times, vs);
    for (auto policy : {tally::incomplete_periods::exclude, tally::incomplete_periods::include}) {
        outcome([&] { return tally::aggregate<tally::year_quarter>(s, tally::sum, policy).series.size(); });
        outcome([&] { return tally::aggregate<tally::year_quarter>(s, tally::mean, policy).series.size(); });
        outcome([&] { return tally::aggregate<tally::year_quarter>(s, tally::min, policy).series.size(); });
        outcome([&] { return tally::aggregate<tally::year_quarter>(s, tally::max, policy).series.size(); });
        outcome([&] { return tally::aggregate<int>(s, tally::aggregation::count, policy).series.size(); });
        outcome([&] { return tally::aggregate<int>(s, tally::aggregation::first, policy).series.size(); });
        outcome([&] { return tally::aggregate<int>(s, tally::aggregation::last, policy).series.size(); });
    }
}

// --- text -----------------------------------------------------------------------

TEST_CASE_TEMPLATE("extremes: text_bar_chart, svg_bar_chart and xml_escape of extreme values", T, TALLY_EXTREME_TYPES) {
    for (T v : extremes::values<T>()) {
        const auto s = series_of(std::vector<T>{v, T(1)});
        for (int decimals : {-1, 0, 17, 18}) {
            outcome([&] { return tally::text_bar_chart(s, tally::text_chart_options{.decimals = decimals}); });
            outcome([&] { return tally::svg_bar_chart(s, tally::svg_chart_options{.decimals = decimals}); });
        }
    }
    for (std::string text : std::vector<std::string>{std::string("a\0b", 3), std::string("\xFF"), std::string("\xC3"), std::string("\xED\xA0\x80"),
                             std::string("<&>\"'"), std::string("caf\xC3\xA9")}) {
        outcome([&] { return tally::xml_escape(text, "the text"); });
    }
}

TEST_CASE("extremes: an SVG chart whose title is not UTF-8 is refused; every other title gives well-formed XML") {
    const tally::time_series<int, int> s{{2015, 153}, {2016, 462}};
    tally::svg_chart_options bad;
    bad.title = "caf\xE9 <chart>";  // Latin-1, not UTF-8
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(s, bad),
                         "the chart's title is not valid UTF-8: the byte \\xE9 at offset 3 does not start or continue a "
                         "character, and an SVG document must be UTF-8.",
                         tally::invalid_argument);
    tally::svg_chart_options good;
    good.title = "caf\xC3\xA9 <&> \"quoted\" \xF0\x9F\x93\x88";
    good.x_label = "]]> & <!-- -->";
    good.y_label = "'\t'";
    // extremes_svg_is_xml (CMakeLists.txt) parses this file with python3's xml.etree
    std::ofstream("extremes_test.svg") << tally::svg_bar_chart(s, good);
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(s, tally::svg_chart_options{.bar_color = std::string("red\0x", 5)}),
                         "the bar color \"red\\x00x\" is not #rgb, #rrggbb or a color name.", tally::invalid_argument);
}

TEST_CASE("extremes: format and operator<< of extreme changes, percents and series") {
    for (double a : extremes::values<double>()) {
        for (double b : extremes::values<double>()) {
            std::ostringstream out;
            out << tally::change<double>{a, b} << ' ' << tally::percent<double>{a} << ' '
                << tally::percentage_points<double>{b} << ' ' << series_of(std::vector<double>{a, b});
            CHECK(!out.str().empty());
#if defined(__cpp_lib_format)
            CHECK(!std::format("{:,}", tally::change<double>{a, b}).empty());
            CHECK(!std::format("{:+.2f}", tally::percent<double>{a}).empty());
#endif
        }
    }
}

TEST_CASE("extremes: a percent literal beyond double does not compile") {
    using namespace tally::literals;
    // 1e400_pct calls detail::literal_beyond_double, which is not constexpr:
    // the consteval literal operator is then ill-formed (checked by the
    // compile-fail test extremes_literal_beyond_double_does_not_compile).
    static_assert((1.7e308_pct).value() == 1.7e308);
    static_assert((0.5_pp).value() == 0.5);
    CHECK((110_pct).fraction() == doctest::Approx(1.1));
}

TEST_CASE("extremes: the checked arithmetic of detail/checked.hpp is exact or throws the sentence it is given") {
    using tally::detail::arithmetic_op;
    const auto message = [] { return std::string("a lag of -9223372036854775808 periods has no negation."); };
    CHECK(tally::detail::checked_or_throw(arithmetic_op::subtract, std::int64_t{0}, int64_max, message) == -int64_max);
    CHECK_THROWS_WITH_AS((void)tally::detail::checked_or_throw(arithmetic_op::subtract, std::int64_t{0}, int64_min, message),
                         "a lag of -9223372036854775808 periods has no negation.", tally::overflow_error);
    CHECK_THROWS_AS((void)tally::detail::checked_or_throw(arithmetic_op::multiply, int64_max / 6, std::int64_t{12}, message),
                    tally::overflow_error);
    CHECK_THROWS_AS((void)tally::detail::checked_or_throw(arithmetic_op::add, std::uint8_t{255}, std::uint8_t{1}, message),
                    tally::overflow_error);
    tally::detail::int128 out = 0;
    CHECK(tally::detail::checked_multiply(tally::detail::int128{int64_max}, tally::detail::int128{int64_max}, out));
    CHECK(!tally::detail::checked_multiply(out, out, out));
}

// ewm: the parameters are refused by name (NaN, 0, inf); values at the edge
// of double keep their mean (every weighted mean of equal values is that
// value) and a variance of 0 after the first, which has none (NaN); ±inf
// values are missing, as pandas treats them (ignore_na false: a missing step
// still decays the weights): alpha 0.5 over 1, inf, 2, -inf gives 1, 1, then
// weights 0.25 for 1 (two steps back) and 1 for 2: (0.25 + 2) / 1.25 = 1.8,
// and 1.8 again.
TEST_CASE("extremes: ewm of extreme values and parameters") {
    using L = std::numeric_limits<double>;
    const std::vector<double> big{L::max(), L::max(), L::max()};
    for (const double m : tally::ewm(big, tally::com{1}).mean()) CHECK(m == L::max());
    const auto var = tally::ewm(big, tally::com{1}).variance();
    CHECK(std::isnan(var[0]));
    CHECK(var[1] == 0.0);
    CHECK(var[2] == 0.0);
    const std::vector<double> infs{1.0, L::infinity(), 2.0, -L::infinity()};
    const auto mean = tally::ewm(infs, tally::alpha{0.5}).mean();
    CHECK(mean[0] == 1.0);
    CHECK(mean[1] == 1.0);
    CHECK(mean[2] == doctest::Approx(1.8));
    CHECK(mean[3] == doctest::Approx(1.8));
    const std::vector<double> none{};
    CHECK(tally::ewm(none, tally::span{2}).mean().empty());
    CHECK_THROWS_WITH_AS((void)tally::ewm(big, tally::alpha{L::quiet_NaN()}).mean(),
                         "an exponentially weighted window needs an alpha in (0, 1]; it was given nan.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(big, tally::alpha{0.0}).mean(),
                         "an exponentially weighted window needs an alpha in (0, 1]; it was given 0.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(big, tally::span{L::infinity()}).mean(),
                         "an exponentially weighted window needs a finite span of at least 1; it was given inf.",
                         tally::invalid_argument);
}

// rank (average): max, lowest, NaN, +inf, -inf, 0, -0 -> -inf is 1, lowest
// 2, the two zeros tie at 3 and 4 (3.5), max 5, +inf 6, NaN keeps no rank.
// int64 extremes are compared exactly: MIN 1, MAX - 1 2, the two MAX 3.5.
TEST_CASE("extremes: rank of extreme values") {
    using L = std::numeric_limits<double>;
    const auto r = tally::rank(std::vector<double>{L::max(), L::lowest(), L::quiet_NaN(), L::infinity(),
                                                   -L::infinity(), 0.0, -0.0});
    REQUIRE(r.size() == 7);
    CHECK(r[0] == 5.0);
    CHECK(r[1] == 2.0);
    CHECK(std::isnan(r[2]));
    CHECK(r[3] == 6.0);
    CHECK(r[4] == 1.0);
    CHECK(r[5] == 3.5);
    CHECK(r[6] == 3.5);
    CHECK(tally::rank(std::vector<std::int64_t>{INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MAX}) ==
          std::vector<double>{3.5, 1.0, 2.0, 3.5});
    const std::vector<double> none{};
    CHECK(tally::rank(none).empty());
}
