// Tests for tally/ewm.hpp: exponentially weighted means, variances and
// standard deviations. Expected values are derived by hand in the comments
// (weights written out, sums done as fractions); the differential test
// against pandas is tests/conformance/ewm_conformance.py.
#include <tally/ewm.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <type_traits>
#include <vector>

using tally::time_series;

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Element-wise: both NaN, or within a relative 1e-14.
template <class A, class B>
bool same_values(const A& got, const B& want) {
    if (std::size(got) != std::size(want)) return false;
    auto g = std::begin(got);
    for (auto w = std::begin(want); w != std::end(want); ++w, ++g) {
        const auto a = static_cast<long double>(*g);
        const auto b = static_cast<long double>(*w);
        if (std::isnan(a) || std::isnan(b)) {
            if (!(std::isnan(a) && std::isnan(b))) return false;
        } else if (std::fabs(a - b) > 1e-14L * std::fmax(1.0L, std::fmax(std::fabs(a), std::fabs(b)))) {
            return false;
        }
    }
    return true;
}

const std::vector<double> one_two_three{1, 2, 3};
} // namespace

TEST_CASE("ewm: com, span, halflife and alpha that give alpha = 1/2 give the same adjusted mean") {
    // alpha = 1/2 (com 1, span 3, halflife 1): the weights of x0, x1, x2 at
    // the last point are 1/4, 1/2, 1.
    //   m0 = 1
    //   m1 = (1/2 * 1 + 2) / (3/2)            = 5/3
    //   m2 = (1/4 * 1 + 1/2 * 2 + 3) / (7/4)  = (17/4) / (7/4) = 17/7
    const std::vector<double> want{1.0, 5.0 / 3.0, 17.0 / 7.0};
    CHECK(same_values(tally::ewm(one_two_three, tally::com{1}).mean(), want));
    CHECK(same_values(tally::ewm(one_two_three, tally::span{3}).mean(), want));
    CHECK(same_values(tally::ewm(one_two_three, tally::halflife{1}).mean(), want));
    CHECK(same_values(tally::ewm(one_two_three, tally::alpha{0.5}).mean(), want));
}

TEST_CASE("ewm: the adjusted variance is the weighted variance with pandas' bias correction") {
    // com 1 on 1, 2, 3: weights 1/4, 1/2, 1 (sum 7/4), mean 17/7.
    //   deviations -10/7, -3/7, 4/7; weighted squares 25/49, 4.5/49, 16/49 = 45.5/49
    //   biased var = (45.5/49) / (7/4) = 26/49
    //   correction (sum w)^2 / ((sum w)^2 - sum w^2) = (49/16) / (49/16 - 21/16) = 7/4
    //   unbiased var = 26/49 * 7/4 = 13/14
    // At x1: weights 1/2, 1, mean 5/3, biased (1/2 * 4/9 + 1/9) / (3/2) = 2/9,
    //   correction (9/4) / (9/4 - 5/4) = 9/4, unbiased 1/2.
    // At x0 the biased variance is 0 and the unbiased one has no value.
    const auto e = tally::ewm(one_two_three, tally::com{1});
    CHECK(same_values(e.variance(true), std::vector<double>{0.0, 2.0 / 9.0, 26.0 / 49.0}));
    CHECK(same_values(e.variance(), std::vector<double>{nan_v, 0.5, 13.0 / 14.0}));
    CHECK(same_values(e.stddev(), std::vector<double>{nan_v, std::sqrt(0.5), std::sqrt(13.0 / 14.0)}));
    CHECK(same_values(e.stddev(true), std::vector<double>{0.0, std::sqrt(2.0 / 9.0), std::sqrt(26.0 / 49.0)}));
}

TEST_CASE("ewm: adjust = false is the recursion m = (1 - alpha) m + alpha x") {
    // alpha 1/2: m0 = 1, m1 = 1/2 + 1 = 3/2, m2 = 3/4 + 3/2 = 9/4.
    // Variance at x1: weights 1/2, 1/2 on 1 and 2, mean 3/2, biased
    //   1/2 * 1/4 + 1/2 * 1/4 = 1/4; correction 1 / (1 - 1/2) = 2: unbiased 1/2.
    const auto e = tally::ewm(one_two_three, tally::alpha{0.5}, {.adjust = false});
    CHECK(same_values(e.mean(), std::vector<double>{1.0, 1.5, 2.25}));
    CHECK(same_values(std::vector<double>{e.variance(true)[1], e.variance()[1]}, std::vector<double>{0.25, 0.5}));
}

TEST_CASE("ewm: a missing value ages the weights unless ignore_na, and the mean is carried over it") {
    // 1, NaN, 3 with alpha 1/2: the weight of 1 at x2 is 1/4 (two steps)
    //   m2 = (1/4 + 3) / (5/4) = 13/5 = 2.6
    // with ignore_na it is 1/2 (one value later): (1/2 + 3) / (3/2) = 7/3.
    const std::vector<double> x{1, nan_v, 3};
    CHECK(same_values(tally::ewm(x, tally::com{1}).mean(), std::vector<double>{1, 1, 2.6}));
    CHECK(same_values(tally::ewm(x, tally::com{1}, {.ignore_na = true}).mean(), std::vector<double>{1, 1, 7.0 / 3.0}));
}

TEST_CASE("ewm: +-inf are missing values, as pandas") {
    const std::vector<double> plus{1, inf_v, 3};
    const std::vector<double> minus{1, -inf_v, 3};
    CHECK(same_values(tally::ewm(plus, tally::com{1}).mean(), std::vector<double>{1, 1, 2.6}));
    CHECK(same_values(tally::ewm(minus, tally::com{1}).mean(), std::vector<double>{1, 1, 2.6}));
}

TEST_CASE("ewm: min_periods counts the values seen; leading NaN give NaN") {
    const std::vector<double> x{nan_v, 1, nan_v, 3};
    // The first value is at x1; with min_periods 2 the first result is at x3:
    //   the weight of 1 at x3 is 1/4: (1/4 + 3) / (5/4) = 2.6.
    CHECK(same_values(tally::ewm(x, tally::com{1}).mean(), std::vector<double>{nan_v, 1, 1, 2.6}));
    CHECK(same_values(tally::ewm(x, tally::com{1}, {.min_periods = 1}).mean(), std::vector<double>{nan_v, 1, 1, 2.6}));
    CHECK(same_values(tally::ewm(x, tally::com{1}, {.min_periods = 2}).mean(),
                      std::vector<double>{nan_v, nan_v, nan_v, 2.6}));
    CHECK(same_values(tally::ewm(x, tally::com{1}, {.min_periods = 3}).mean(), std::vector<double>(4, nan_v)));
}

TEST_CASE("ewm: a constant series has exactly its value as mean and exactly 0 as variance") {
    const std::vector<double> x(50, 0.1);
    const auto e = tally::ewm(x, tally::span{7});
    for (double m : e.mean()) CHECK(m == 0.1);
    for (double v : e.variance(true)) CHECK(v == 0.0);
}

TEST_CASE("ewm: a series gives a series with its times; integers give doubles") {
    const time_series<int, int> s{{2000, 1}, {2001, 2}, {2002, 3}};
    const auto m = tally::ewm(s, tally::com{1}).mean();
    static_assert(std::is_same_v<decltype(m), const time_series<int, double>>);
    CHECK(std::vector<int>(m.times().begin(), m.times().end()) == std::vector<int>{2000, 2001, 2002});
    CHECK(same_values(m.values(), std::vector<double>{1.0, 5.0 / 3.0, 17.0 / 7.0}));
    CHECK(same_values(tally::ewm(s, tally::com{1}).variance().values(), std::vector<double>{nan_v, 0.5, 13.0 / 14.0}));
    const std::vector<long double> ld{1, 2, 3};
    static_assert(std::is_same_v<decltype(tally::ewm(ld, tally::com{1}).mean()), std::vector<long double>>);
}

TEST_CASE("ewm: a halflife in time ages the weights by the time between observations") {
    using namespace std::chrono;
    SUBCASE("days") {
        // 2020-01-01 -> 2020-01-05 is 4 days, 2 halflives of 2 days: weight 1/4.
        //   m = (1/4 + 3) / (5/4) = 2.6
        const time_series<year_month_day, double> d{{2020y / 1 / 1, 1.0}, {2020y / 1 / 5, 3.0}};
        CHECK(same_values(tally::ewm(d, tally::halflife{days{2}}).mean().values(), std::vector<double>{1, 2.6}));
        // A NaN between them changes nothing, whatever ignore_na says (pandas
        // with ignore_na=True would age the weight by 1/1/2 -> 1/5 only).
        const time_series<year_month_day, double> g{
            {2020y / 1 / 1, 1.0}, {2020y / 1 / 2, nan_v}, {2020y / 1 / 5, 3.0}};
        CHECK(same_values(tally::ewm(g, tally::halflife{days{2}}).mean().values(), std::vector<double>{1, 1, 2.6}));
        CHECK(same_values(tally::ewm(g, tally::halflife{days{2}}, {.ignore_na = true}).mean().values(),
                          std::vector<double>{1, 1, 2.6}));
        // 48 hours is 2 days.
        CHECK(same_values(tally::ewm(d, tally::halflife{hours{48}}).mean().values(), std::vector<double>{1, 2.6}));
    }
    SUBCASE("periods of the calendar") {
        // 2000 -> 2002 is 2 periods, 2 halflives of 1 period: weight 1/4, m = 2.6.
        const time_series<int, double> y{{2000, 1.0}, {2002, 3.0}};
        CHECK(same_values(tally::ewm(y, tally::halflife{tally::periods{1}}).mean().values(),
                          std::vector<double>{1, 2.6}));
    }
    SUBCASE("months on months and on quarters") {
        // 2000-01 -> 2000-03 is one halflife of 2 months: weight 1/2, m = (1/2 + 3) / (3/2) = 7/3.
        const time_series<year_month, double> mo{{2000y / January, 1.0}, {2000y / March, 3.0}};
        CHECK(same_values(tally::ewm(mo, tally::halflife{months{2}}).mean().values(),
                          std::vector<double>{1, 7.0 / 3.0}));
        // 2000 Q1 -> 2000 Q3 is half of a one-year halflife: weight 2^-1/2.
        const time_series<tally::year_quarter, double> q{{tally::year_quarter(2000, 1), 1.0},
                                                         {tally::year_quarter(2000, 3), 3.0}};
        const double w = std::sqrt(0.5);
        CHECK(same_values(tally::ewm(q, tally::halflife{years{1}}).mean().values(),
                          std::vector<double>{1, (w + 3) / (w + 1)}));
    }
}

TEST_CASE("ewm: a decay parameter outside its domain is refused, naming it") {
    using tally::invalid_argument;
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::com{-1}),
                         "an exponentially weighted window needs a finite com of at least 0; it was given -1.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::com{nan_v}),
                         "an exponentially weighted window needs a finite com of at least 0; it was given nan.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::span{0.5}),
                         "an exponentially weighted window needs a finite span of at least 1; it was given 0.5.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::span{inf_v}),
                         "an exponentially weighted window needs a finite span of at least 1; it was given inf.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::alpha{0}),
                         "an exponentially weighted window needs an alpha in (0, 1]; it was given 0.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::alpha{1.5}),
                         "an exponentially weighted window needs an alpha in (0, 1]; it was given 1.5.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(one_two_three, tally::halflife{0.0}),
                         "an exponentially weighted window needs a finite halflife above 0 observations; it was "
                         "given 0.",
                         invalid_argument);
    const time_series<int, double> y{{2000, 1.0}, {2002, 3.0}};
    CHECK_THROWS_WITH_AS((void)tally::ewm(y, tally::halflife{tally::periods{0}}),
                         "an exponentially weighted window needs a finite halflife above 0; it was given 0 periods.",
                         invalid_argument);
    using namespace std::chrono;
    const time_series<year_month_day, double> d{{2020y / 1 / 1, 1.0}, {2020y / 1 / 5, 3.0}};
    CHECK_THROWS_WITH_AS((void)tally::ewm(d, tally::halflife{days{-1}}),
                         "an exponentially weighted window needs a finite halflife above 0; it was given -1 days.",
                         invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::ewm(d, tally::halflife{days{3}}, {.adjust = false}),
                         "a halflife in time (3 days) needs adjust = true: the recursive form has no weight for a "
                         "new value after a gap.",
                         invalid_argument);
    // alpha = 1 is allowed: each mean is the last value.
    CHECK(same_values(tally::ewm(one_two_three, tally::alpha{1}).mean(), one_two_three));
}

namespace {
template <class V, class D>
concept ewm_compiles = requires(const V& v, D d) { tally::ewm(v, d); };
} // namespace

TEST_CASE("ewm: the decay types do not mix, and a halflife in time needs a calendar for it") {
    static_assert(!std::is_convertible_v<tally::span, tally::alpha>);
    static_assert(!std::is_convertible_v<double, tally::com>);
    static_assert(!ewm_compiles<std::vector<double>, double>);
    static_assert(ewm_compiles<std::vector<double>, tally::span>);
    // a halflife in time needs times
    static_assert(!ewm_compiles<std::vector<double>, tally::halflife<tally::periods>>);
    // days on a yearly series have no calendar; months do
    static_assert(!ewm_compiles<time_series<int, double>, tally::halflife<std::chrono::days>>);
    static_assert(ewm_compiles<time_series<int, double>, tally::halflife<std::chrono::months>>);
    static_assert(ewm_compiles<time_series<std::chrono::year_month_day, double>, tally::halflife<std::chrono::days>>);
}
