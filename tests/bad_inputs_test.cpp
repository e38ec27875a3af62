// The bad-input matrix of docs/errors.md: for each public
// function, what each hostile input gives — a documented value or the exact
// text of the exception. Test names here are the ones that table
// names. Expected values are derived by hand in the comments; messages are
// the sentences the headers document.
//
// Tests marked doctest::should_fail() check the behaviour the library
// promises ("never wrong quietly") where it does not keep the promise yet;
// each is a reported bug. When the bug is fixed the test passes, doctest
// reports that as a failure, and the decorator (and the row in docs/errors.md) must go.

#include <tally/aggregate.hpp>
#include <tally/change.hpp>
#include <tally/claims.hpp>
#include <tally/percent.hpp>
#include <tally/period.hpp>
#include <tally/rolling.hpp>
#include <tally/stats.hpp>
#include <tally/time_series.hpp>
#include <tally/transform.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t uint64_max = std::numeric_limits<std::uint64_t>::max();
} // namespace

// ---------------------------------------------------------------------------
// change
// ---------------------------------------------------------------------------

TEST_CASE("bad input: change from a zero base has no percent and no ratio") {
    const tally::change c{0, 5};
    CHECK_FALSE(c.try_percent().has_value());
    CHECK(c.why_undefined() == tally::undefined_reason::zero_base);
    CHECK_THROWS_WITH_AS((void)c.percent(), "a percent change from 0 to 5 is undefined: the base is zero.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)c.ratio(), "the ratio of a change from 0 to 5 is undefined: the base is zero.",
                         tally::undefined_result);
    CHECK(c.difference() == 5);
    CHECK(c.direction() == tally::direction::rise);
}

TEST_CASE("bad input: change from a negative base is refused unless a base policy is named") {
    const tally::change c{-5, 5};
    CHECK_THROWS_WITH_AS((void)c.percent(),
                         "a percent change from -5 to 5 is undefined: the base is negative "
                         "(base_policy::signed_value or base_policy::magnitude computes one).",
                         tally::undefined_result);
    // signed_value: (5 - -5) / -5 * 100 = -200 (as pandas); magnitude: 10 / 5 * 100 = +200.
    CHECK(c.percent(tally::base_policy::signed_value).value() == doctest::Approx(-200.0));
    CHECK(c.percent(tally::base_policy::magnitude).value() == doctest::Approx(200.0));
}

TEST_CASE("bad input: change with a NaN or infinite end has no percent and an undefined direction for NaN") {
    CHECK_THROWS_WITH_AS((void)tally::change(qnan, 5.0).percent(),
                         "a percent change from nan to 5 is undefined: a value is not a number.",
                         tally::undefined_result);
    CHECK(tally::change(qnan, 5.0).direction() == tally::direction::undefined);
    CHECK_THROWS_WITH_AS((void)tally::change(1.0, infinity).percent(),
                         "a percent change from 1 to inf is undefined: a value is infinite.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::change(-infinity, 1.0).ratio(),
                         "the ratio of a change from -inf to 1 is undefined: a value is infinite.",
                         tally::undefined_result);
    CHECK(tally::change(-infinity, 1.0).direction() == tally::direction::rise);
}

TEST_CASE("bad input: change between 64-bit extremes throws instead of wrapping") {
    CHECK_THROWS_WITH_AS((void)tally::change(int64_min, int64_max).difference(),
                         "the difference from -9223372036854775808 to 9223372036854775807 does not fit in a 64-bit "
                         "signed integer.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::change(std::uint64_t(0), uint64_max).difference(),
                         "the difference from 0 to 18446744073709551615 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    // An unsigned fall is a negative difference, not 2^64 - 2.
    CHECK(tally::change(std::uint64_t(5), std::uint64_t(3)).difference() == -2);
    CHECK(tally::change(std::uint8_t(0), std::uint8_t(255)).difference() == 255);
    CHECK(tally::change(std::int8_t(127), std::int8_t(-128)).difference() == -255);
}

TEST_CASE("bad input: change between integers above 2^53 is exact although a double cannot hold them") {
    // 2^53 + 1 and 2^53 + 3 round to the same or neighbouring doubles; the
    // difference is computed in integers: exactly 2.
    const tally::change c{std::int64_t(9007199254740993), std::int64_t(9007199254740995)};
    CHECK(c.difference() == 2);
    // 2 / (2^53 + 1) * 100 = 2.2204460492503128e-14 (to 17 digits).
    CHECK(c.percent().value() == doctest::Approx(2.2204460492503128e-14).epsilon(1e-12));
}

TEST_CASE("bad input: change between finite doubles whose difference or percent overflows throws") {
    CHECK_THROWS_WITH_AS((void)tally::change(-1.7e308, 1.7e308).difference(),
                         "the difference from -1.7e+308 to 1.7e+308 overflows double.", tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::change(5e-324, 1.0).percent(),
                         "a percent change from 5e-324 to 1 overflows double.", tally::overflow_error);
    CHECK_FALSE(tally::change(5e-324, 1.0).try_percent().has_value());
}

// ---------------------------------------------------------------------------
// percent
// ---------------------------------------------------------------------------

TEST_CASE("bad input: percent text of NaN and inf is nan% and +inf%") {
    CHECK(tally::to_string(tally::percent<double>(qnan)) == "nan%");
    CHECK(tally::to_string(tally::percent<double>(infinity)) == "+inf%");
    CHECK(tally::to_string(tally::percent<double>(-infinity)) == "-inf%");
}

TEST_CASE("bad input: apply of a percent whose result overflows throws, naming both") {
    // apply(1e308 %, 1e308) = 1e308 * (1 + 1e306): beyond double.
    CHECK_THROWS_WITH_AS((void)tally::apply(tally::percent<double>(1e308), 1e308),
                         "applying a change of 1e+308% to 1e+308 overflows double.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// time_series and period
// ---------------------------------------------------------------------------

TEST_CASE("bad input: time_series rejects repeated and unsorted-as-sorted times and mismatched lengths") {
    using series = tally::time_series<int, int>;
    CHECK_THROWS_WITH_AS((series{{2015, 1}, {2015, 2}}),
                         "the time 2015 appears more than once; a series holds one value per time.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS(series(tally::sorted_unique, {2016, 2015}, {1, 2}),
                         "times given as sorted are not: 2016 comes before 2015.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS(series(std::vector<int>{1, 2, 3}, std::vector<int>{1, 2}),
                         "a series needs one value per time, but 3 times and 2 values were given.",
                         tally::invalid_argument);
    series s{{2015, 1}};
    CHECK_THROWS_WITH_AS(s.insert(2015, 3),
                         "the time 2015 is already in the series; a series holds one value per time.",
                         tally::invalid_argument);
}

TEST_CASE("bad input: time_series names a missing time and the span it covers, or says it is empty") {
    const tally::time_series<int, int> s{{2015, 1}, {2017, 2}};
    CHECK_THROWS_WITH_AS((void)s.at(2016), "no observation at 2016 in a series covering 2015..2017.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)s.change(2015, 2016), "no observation at 2016 in a series covering 2015..2017.",
                         tally::missing_observation);
    CHECK(s.find(2016) == nullptr);
    const tally::time_series<int, int> empty;
    CHECK_THROWS_WITH_AS((void)empty.at(2016), "no observation at 2016 in an empty series.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)empty.first_time(), "an empty series has no first time.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)empty.last_time(), "an empty series has no last time.", tally::undefined_result);
}

TEST_CASE("bad input: time_series keeps a NaN value as given") {
    const tally::time_series<int, double> s{{2015, qnan}, {2016, 1.0}};
    CHECK(std::isnan(s.at(2015)));
    CHECK(s.change(2015, 2016).direction() == tally::direction::undefined);
}

TEST_CASE("bad input: advance past the range of the time type throws") {
    CHECK_THROWS_WITH_AS((void)tally::advance(std::int16_t(32767), 1),
                         "the year 32768, 1 periods from 32767, is outside the range of the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::advance(std::chrono::year{32767}, 1),
                         "the year 32768, 1 periods from 32767, is outside the range of std::chrono::year.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// stats
// ---------------------------------------------------------------------------

TEST_CASE("bad input: statistics of an empty range or of only NaN values throw, except sum which is 0") {
    const std::vector<double> empty, nans{qnan, qnan};
    CHECK(tally::sum(empty) == doctest::Approx(0.0));
    CHECK_THROWS_WITH_AS((void)tally::mean(empty), "the mean of an empty range is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::mean(nans), "the mean of a range whose values are all NaN is undefined.",
                         tally::undefined_result);
    CHECK(std::isnan(tally::mean(nans, tally::nan_policy::propagate)));
    CHECK_THROWS_WITH_AS((void)tally::stddev(empty), "the standard deviation of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::median(empty), "the median of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::quantile(empty, 0.25), "the 0.25 quantile of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::min(empty), "the minimum of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::summary<double>{}.mean(), "the mean of an empty summary is undefined.",
                         tally::undefined_result);
}

TEST_CASE("bad input: variance with ddof at or above the count, or negative, throws; a single value has ddof-0 "
          "variance 0") {
    const std::vector<double> one{5.0};
    const std::vector<int> three{1, 2, 3};
    CHECK_THROWS_WITH_AS((void)tally::variance(one), "variance with ddof 1 needs more than 1 values; the range has 1.",
                         tally::invalid_argument);
    CHECK(tally::variance(one, 0) == doctest::Approx(0.0));
    CHECK(tally::median(one) == doctest::Approx(5.0));
    CHECK_THROWS_WITH_AS((void)tally::variance(three, 3),
                         "variance with ddof 3 needs more than 3 values; the range has 3.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::variance(three, -1), "ddof -1 is negative; it must be 0 or more.",
                         tally::invalid_argument);
}

TEST_CASE("bad input: quantile with q outside [0, 1] or NaN throws naming q") {
    const std::vector<int> three{1, 2, 3};
    CHECK_THROWS_WITH_AS((void)tally::quantile(three, 1.5), "the quantile q = 1.5 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::quantile(three, -0.1), "the quantile q = -0.1 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::quantile(three, qnan), "the quantile q = nan is outside [0, 1].",
                         tally::invalid_argument);
}

TEST_CASE("bad input: paired statistics of mismatched lengths or constant data throw") {
    CHECK_THROWS_WITH_AS((void)tally::covariance(std::vector<double>{1, 2, 3}, std::vector<double>{1, 2, 3, 4}),
                         "covariance needs ranges of equal length; they have 3 and 4 values.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::correlation(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}),
                         "the correlation is undefined when x has zero variance.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::linear_trend(std::vector<double>{5.0}),
                         "a linear trend needs at least 2 distinct x values.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::geometric_mean(std::vector<double>{1, -2.5}),
                         "the geometric mean is undefined for the negative value -2.5.", tally::undefined_result);
}

TEST_CASE("bad input: sums of 64-bit extremes are exact before one rounding to double") {
    // 2 * (2^63 - 1) = 18446744073709551614, rounded once: 2^64 = 1.8446744073709552e19.
    CHECK(tally::sum(std::vector<std::int64_t>{int64_max, int64_max}) ==
          doctest::Approx(18446744073709551616.0).epsilon(1e-15));
    // (2^64 - 1 + 2^64 - 1) / 2 = 2^64 - 1, rounded once: 2^64.
    CHECK(tally::mean(std::vector<std::uint64_t>{uint64_max, uint64_max}) ==
          doctest::Approx(18446744073709551616.0).epsilon(1e-15));
    // -2^63 + (2^63 - 1) = -1 exactly: no wrap, no cancellation.
    CHECK(tally::sum(std::vector<std::int64_t>{int64_min, int64_max}) == doctest::Approx(-1.0));
}

TEST_CASE("bad input: a floating sum beyond double throws overflow_error, and its mean is still computed") {
    // 1.7e308 + 1.7e308 is beyond double; their mean, 1.7e308, is not.
    const std::vector<double> big{1.7e308, 1.7e308};
    CHECK_THROWS_WITH_AS((void)tally::sum(big), "the sum of the range passes the largest finite double.",
                         tally::overflow_error);
    CHECK(tally::mean(big) == doctest::Approx(1.7e308));
}

TEST_CASE("bad input: a floating sum of inf and -inf throws undefined_result") {
    // inf + -inf has no value
    CHECK_THROWS_WITH_AS((void)tally::sum(std::vector<double>{infinity, -infinity}),
                         "the sum of the range is undefined: it adds inf to -inf.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::mean(std::vector<double>{infinity, 1.0, -infinity}),
                         "the mean of the range is undefined: it adds inf to -inf.", tally::undefined_result);
    // one infinite value gives an infinite sum: inf in, inf out
    CHECK(tally::sum(std::vector<double>{infinity, 1.0}) == infinity);
    // NaN under propagate is the documented result
    CHECK(std::isnan(tally::sum(std::vector<double>{qnan, 1.0}, tally::nan_policy::propagate)));
}

TEST_CASE("bad input: rate and rate_ratio refuse a zero population, a negative count and a bad confidence") {
    CHECK_THROWS_WITH_AS((void)tally::rate(5, 0), "a rate needs a population above 0; the population is 0.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(-3, 100), "a rate needs a count of 0 or more; the count is -3.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(3, 100, 0), "a rate needs a per above 0; per is 0.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(qnan, 100.0), "a rate needs a count of 0 or more; the count is nan.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(5, 1.0, 0, 1.0).value(),
                         "the rate ratio is undefined when the second count is 0.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(5, 1.0, 3, 1.0).interval(1.5),
                         "a confidence level must lie strictly between 0 and 1; it is 1.5.", tally::invalid_argument);
}

TEST_CASE("bad input: a rate over an infinite population is refused") {
    CHECK_THROWS_WITH_AS((void)tally::rate(3.0, infinity), "a rate needs a population above 0; the population is inf.",
                         tally::invalid_argument);
}

// ---------------------------------------------------------------------------
// transform, rolling, aggregate
// ---------------------------------------------------------------------------

namespace {
// 2015: 0 (a zero base), 2017: -5 (a negative base), 2016 and 2018 positive.
const tally::time_series<int, int> hostile{{2015, 0}, {2016, 462}, {2017, -5}, {2018, 594}, {2019, 387}};
} // namespace

TEST_CASE("bad input: pct_change gives NaN with a reason at zero and negative bases and at the first time") {
    const auto r = tally::pct_change(hostile);
    REQUIRE(r.size() == 5);
    CHECK(r.reason(2015) == tally::no_value_reason::missing_base);
    CHECK(r.reason(2016) == tally::no_value_reason::zero_base);
    // 2017 against 462: (-5 - 462) / 462 = -1.0108225108225108.
    CHECK(r.at(2017) == doctest::Approx(-467.0 / 462.0));
    CHECK(r.reason(2018) == tally::no_value_reason::negative_base);
    CHECK(std::isnan(r.values()[3]));
    // 2019 against 594: -207 / 594.
    CHECK(r.at(2019) == doctest::Approx(-207.0 / 594.0));
}

TEST_CASE("bad input: rebase, cagr, cumsum, shift and yoy name the value or time that rules them out") {
    CHECK_THROWS_WITH_AS((void)tally::rebase(hostile, 2015), "cannot rebase to 2015: its value 0 is not a positive number.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::rebase(hostile, 2010), "no observation at 2010 in a series covering 2015..2019.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)tally::cagr(hostile, 2018, 2018),
                         "a growth rate from 2018 to 2018 needs a later end than its start.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::cagr(hostile, 2015, 2018),
                         "a growth rate from 2015 is undefined: its value 0 is not a positive number.",
                         tally::undefined_result);
    const tally::time_series<int, std::int64_t> big{{1, int64_max}, {2, 1}};
    CHECK_THROWS_WITH_AS((void)tally::cumsum(big), "the cumulative sum at 2 does not fit in a 64-bit signed integer.",
                         tally::overflow_error);
    const tally::time_series<std::int16_t, int> last{{std::int16_t(32767), 1}};
    CHECK_THROWS_WITH_AS((void)tally::shift(last, 1),
                         "the year 32768, 1 periods from 32767, is outside the range of the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::yoy(hostile, 0), "a year-on-year change needs at least 1 period a year, not 0.",
                         tally::invalid_argument);
}

TEST_CASE("bad input: rolling windows of 0, longer than the series, q outside [0, 1] and min_periods above the "
          "window") {
    CHECK_THROWS_WITH_AS((void)tally::rolling(hostile, 0).sum(),
                         "a rolling window of 0 observations is empty; it needs at least 1.", tally::invalid_argument);
    const auto longer = tally::rolling(hostile, 10).sum();
    REQUIRE(longer.size() == 5);
    for (const double v : longer.values()) CHECK(std::isnan(v));
    CHECK_THROWS_WITH_AS((void)tally::rolling(hostile, 2).quantile(1.5), "the quantile q = 1.5 is outside [0, 1].",
                         tally::invalid_argument);
    tally::window_options options;
    options.min_periods = 5;
    CHECK_THROWS_WITH_AS((void)tally::rolling(hostile, 3, options).sum(),
                         "min_periods 5 is larger than the window of 3 observations.", tally::invalid_argument);
    const tally::time_series<int, int> empty;
    CHECK(tally::rolling(empty, 3).sum().empty());
}

TEST_CASE("bad input: aggregate of 64-bit values whose sum leaves int64 throws naming the period and the sum") {
    using namespace std::chrono;
    const tally::time_series<year_month, std::int64_t> monthly{{year{2019} / 1, int64_max}, {year{2019} / 2, 1}};
    // (2^63 - 1) + 1 = 9223372036854775808.
    CHECK_THROWS_WITH_AS((void)tally::aggregate<tally::year_quarter>(monthly, tally::sum, tally::incomplete_periods::include),
                         "the sum of the values in 2019 Q1, 9223372036854775808, does not fit in a 64-bit signed "
                         "integer.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// claims
// ---------------------------------------------------------------------------

TEST_CASE("bad input: parse_claim of empty, unknown, negated and over-long text throws parse_error naming it") {
    CHECK_THROWS_WITH_AS((void)tally::parse_claim(""), "tally cannot read a claim in \"\": it is empty.",
                         tally::parse_error);
    // a bare percent against a change is a signed change: "a 110% surge" reads as +110%
    CHECK(tally::check(tally::change(100, 210), "a 110% surge").holds());
    CHECK_THROWS_WITH_AS((void)tally::parse_claim("did not rise by 20%"),
                         "tally cannot read a claim in \"did not rise by 20%\": it negates the claim with \"not\", and "
                         "tally does not read negations.",
                         tally::parse_error);
    CHECK_THROWS_WITH_AS((void)tally::parse_claim("a 1234567890123456% rise"),
                         "\"1234567890123456\" is not a number as written: it has more than 15 significant digits.",
                         tally::parse_error);
    std::string many;
    for (int i = 0; i < 97; ++i) many += "up ";
    // the quoted text is cut at 80 characters, with the whole length given
    CHECK_THROWS_WITH_AS((void)tally::parse_claim(many),
                         ("tally cannot read a claim in \"" + many.substr(0, 80) +
                          "\xE2\x80\xA6\" (291 bytes): it has more than 96 words and signs.")
                             .c_str(),
                         tally::parse_error);
}

TEST_CASE("bad input: parse_claim refuses enormous text, quoting only its start") {
    const std::string text(1 << 20, 'a');  // one word of 1 MiB
    CHECK_THROWS_WITH_AS((void)tally::parse_claim(text),
                         ("tally cannot read a claim in \"" + std::string(80, 'a') +
                          "\xE2\x80\xA6\" (1,048,576 bytes): it is 1,048,576 bytes long, and tally reads claims of at "
                          "most 4,096 bytes.")
                             .c_str(),
                         tally::parse_error);
}

TEST_CASE("bad input: parse_claim refuses text that is not UTF-8, naming the byte") {
    CHECK_THROWS_WITH_AS((void)tally::parse_claim("a 110\xff\xfe% rise"),
                         "tally cannot read a claim in \"a 110\\xFF\\xFE% rise\": it is not valid UTF-8: the byte at "
                         "offset 5 does not start or continue a character.",
                         tally::parse_error);
}

TEST_CASE("bad input: check of a claim on a zero base is undefined, and on a missing year throws") {
    const auto v = tally::check(tally::change(0, 5), "a 10% rise");
    CHECK(v.outcome() == tally::outcome::undefined);
    CHECK(v.why_undefined() == tally::undefined_reason::zero_base);
    CHECK_FALSE(v.holds());
    CHECK_THROWS_WITH_AS((void)tally::check(hostile, "a 10% rise between 2010 and 2018"),
                         "no observation at 2010 in a series covering 2015..2019.", tally::missing_observation);
}

TEST_CASE("bad input: explain of a share of floating values shows the values as given") {
    // 2.5 of 10 is 25%; explain() converts both to integers and says "2 of 10"
    // (reported; a NaN part is undefined behaviour in that conversion).
    const std::string text = tally::check(tally::share{2.5, 10.0}, "25% of").explain();
    CHECK(text.find("2.5 of 10") != std::string::npos);
}
