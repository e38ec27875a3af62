#include <tally/period.hpp>
#include <tally/time_series.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>

using namespace std::chrono;
using tally::fiscal_year;
using tally::uk_fiscal_year;
using tally::year_quarter;

// ---------------------------------------------------------------------------
// A user time type: weeks numbered from the week of Monday 1970-01-05.
// ---------------------------------------------------------------------------
namespace {
struct week {
    std::int64_t number = 0;
    friend constexpr bool operator==(const week&, const week&) = default;
    friend constexpr auto operator<=>(const week&, const week&) = default;
};
} // namespace

template <>
struct tally::period_traits<week> {
    static constexpr week advance(week t, std::int64_t n) {
        std::int64_t r = 0;
        if (__builtin_add_overflow(t.number, n, &r)) {
            throw tally::overflow_error("week " + std::to_string(t.number) + " + " + std::to_string(n) +
                                        " is outside the range of week.");
        }
        return week{r};
    }
    static constexpr std::int64_t distance(week from, week to) { return to.number - from.number; }
    static constexpr double years_between(week from, week to) {
        return static_cast<double>(distance(from, to)) * 7.0 / 365.2425;
    }
    static std::string to_string(week t) { return "week " + std::to_string(t.number); }
};

namespace {
// A user type that does say how many of it make a year.
struct half_year {
    int index = 0;  // 2 * year + (half - 1)
    friend constexpr bool operator==(const half_year&, const half_year&) = default;
    friend constexpr auto operator<=>(const half_year&, const half_year&) = default;
};
} // namespace

template <>
struct tally::period_traits<half_year> {
    static constexpr int periods_per_year = 2;
    static constexpr half_year advance(half_year t, std::int64_t n) { return {t.index + static_cast<int>(n)}; }
    static constexpr std::int64_t distance(half_year from, half_year to) { return to.index - from.index; }
    static constexpr double years_between(half_year from, half_year to) {
        return static_cast<double>(distance(from, to)) / 2.0;
    }
    static std::string to_string(half_year t) { return std::to_string(t.index); }
};

TEST_CASE("period: a user type plugs in by specialising period_traits") {
    static_assert(tally::period<week>);
    static_assert(tally::periods_per_year<week> == 0);  // traits do not say: not a whole number
    static_assert(tally::periods_per_year<half_year> == 2);
    CHECK(tally::next_period(half_year{4037}) == half_year{4038});
    CHECK(half_year{4037} < half_year{4038});
    static_assert(tally::next_period(week{10}) == week{11});
    static_assert(tally::periods_between(week{10}, week{62}) == 52);

    tally::time_series<week, int> s{{week{3}, 30}, {week{1}, 10}, {week{2}, 20}};
    CHECK(s.first_time() == week{1});
    CHECK(s.at(tally::previous_period(week{3})) == 20);
    CHECK(tally::time_text(week{7}) == "week 7");
    // 52 weeks = 364 days = 364 / 365.2425 years = 0.99659...
    CHECK(tally::years_between(week{0}, week{52}) == doctest::Approx(364.0 / 365.2425));
    CHECK_THROWS_WITH_AS((void)s.at(week{9}), "no observation at week 9 in a series covering week 1..week 3.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)tally::advance(week{std::numeric_limits<std::int64_t>::max()}, 1),
                         "week 9223372036854775807 + 1 is outside the range of week.", tally::overflow_error);
}

// ---------------------------------------------------------------------------
// periods_per_year
// ---------------------------------------------------------------------------
TEST_CASE("periods_per_year: 1 for years, 4 for quarters, 12 for months, 0 for days") {
    static_assert(tally::periods_per_year<int> == 1);
    static_assert(tally::periods_per_year<std::int16_t> == 1);
    static_assert(tally::periods_per_year<year> == 1);
    static_assert(tally::periods_per_year<uk_fiscal_year> == 1);
    static_assert(tally::periods_per_year<year_quarter> == 4);
    static_assert(tally::periods_per_year<year_month> == 12);
    static_assert(tally::periods_per_year<year_month_day> == 0);
    static_assert(tally::period_traits<year_quarter>::periods_per_year == 4);
    CHECK(tally::periods_per_year<year_month> == 12);
}

// ---------------------------------------------------------------------------
// The existing year calendars still work
// ---------------------------------------------------------------------------
TEST_CASE("years: integral and chrono years advance and overflow as before") {
    static_assert(tally::advance(2019, -4) == 2015);
    static_assert(tally::next_period(2019y) == 2020y);
    CHECK(tally::time_text(std::int16_t{2019}) == "2019");
    CHECK_THROWS_WITH_AS((void)tally::advance(std::int16_t{32767}, 1),
                         "the year 32768, 1 period from 32767, is outside the range of the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::advance(year{32767}, 1),
                         "the year 32768, 1 period from 32767, is outside the range of std::chrono::year.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// year_quarter
// ---------------------------------------------------------------------------
TEST_CASE("year_quarter: a constexpr value with a year and a quarter") {
    static_assert(tally::period<year_quarter>);
    constexpr year_quarter q{2019, 1};
    static_assert(q.year() == 2019y);
    static_assert(q.quarter() == 1);
    static_assert(q.first_month() == 2019y / January);
    static_assert(q.last_month() == 2019y / March);
    static_assert(year_quarter{2019y, 4}.first_month() == 2019y / October);
    static_assert(year_quarter{} == year_quarter{0, 1});
    CHECK(year_quarter{2019, 2}.last_month() == 2019y / June);
}

TEST_CASE("year_quarter: ordered by year, then quarter") {
    static_assert(year_quarter{2018, 4} < year_quarter{2019, 1});
    static_assert(year_quarter{2019, 1} < year_quarter{2019, 2});
    static_assert(year_quarter{-1, 4} < year_quarter{0, 1});
    static_assert(!(year_quarter{2019, 3} < year_quarter{2019, 3}));
    static_assert(year_quarter{2019, 3} != year_quarter{2020, 3});
    CHECK((year_quarter{2020, 1} <=> year_quarter{2019, 4}) == std::strong_ordering::greater);
}

TEST_CASE("year_quarter: written \"2019 Q1\", with at least four digits of year") {
    CHECK(tally::time_text(year_quarter{2019, 1}) == "2019 Q1");
    CHECK(year_quarter{2019, 4}.to_string() == "2019 Q4");
    CHECK(year_quarter{44, 2}.to_string() == "0044 Q2");
    CHECK(year_quarter{-44, 3}.to_string() == "-0044 Q3");
    CHECK(year_quarter{-32767, 1}.to_string() == "-32767 Q1");
}

TEST_CASE("year_quarter: parse reads what to_string writes, and pandas' 2019Q1") {
    CHECK(year_quarter::parse("2019 Q1") == year_quarter{2019, 1});
    CHECK(year_quarter::parse("2019Q4") == year_quarter{2019, 4});
    CHECK(year_quarter::parse("0044 Q2") == year_quarter{44, 2});
    CHECK(year_quarter::parse("-44 Q3") == year_quarter{-44, 3});
    CHECK(year_quarter::parse("32767 Q4") == year_quarter{32767, 4});
    for (int y : {-32767, -1, 0, 1999, 2019, 32767}) {
        for (int q = 1; q <= 4; ++q) {
            const year_quarter t{y, q};
            CHECK(year_quarter::parse(t.to_string()) == t);
        }
    }
}

TEST_CASE("year_quarter: parse throws parse_error naming the text it could not read") {
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("2019 Q5"),
                         "could not read \"2019 Q5\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("2019 Q0"),
                         "could not read \"2019 Q0\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("2019 q1"),
                         "could not read \"2019 q1\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse(""),
                         "could not read \"\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("2019  Q1"),
                         "could not read \"2019  Q1\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("2019 Q1 "),
                         "could not read \"2019 Q1 \" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("40000 Q1"),
                         "could not read \"40000 Q1\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("123456 Q1"),
                         "could not read \"123456 Q1\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)year_quarter::parse("Q1 2019"),
                         "could not read \"Q1 2019\" as a year and quarter such as \"2019 Q1\".", tally::parse_error);
}

TEST_CASE("year_quarter: a quarter outside 1..4 or a year outside the calendar throws invalid_argument") {
    CHECK_THROWS_WITH_AS((void)year_quarter(2019, 5), "there is no quarter 5 in a year; a quarter is 1, 2, 3 or 4.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)year_quarter(2019, 0), "there is no quarter 0 in a year; a quarter is 1, 2, 3 or 4.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)year_quarter(2019, -1), "there is no quarter -1 in a year; a quarter is 1, 2, 3 or 4.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)year_quarter(40000, 1),
                         "the year 40000 is outside the range -32767..32767 of a calendar year.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)year_quarter(-32768, 1),
                         "the year -32768 is outside the range -32767..32767 of a calendar year.",
                         tally::invalid_argument);
}

TEST_CASE("year_quarter: the calendar counts quarters") {
    // 2019 Q4 + 1 = 2020 Q1; 2019 Q1 - 1 = 2018 Q4; 2019 Q1 - 5: -4 is 2018 Q1, -1 more is 2017 Q4.
    static_assert(tally::next_period(year_quarter{2019, 4}) == year_quarter{2020, 1});
    static_assert(tally::previous_period(year_quarter{2019, 1}) == year_quarter{2018, 4});
    static_assert(tally::advance(year_quarter{2019, 1}, -5) == year_quarter{2017, 4});
    static_assert(tally::advance(year_quarter{0, 1}, -1) == year_quarter{-1, 4});
    // 2015 Q2 to 2019 Q1: 4 years (16 quarters) to 2019 Q2, less one = 15; 15 / 4 = 3.75 years.
    static_assert(tally::periods_between(year_quarter{2015, 2}, year_quarter{2019, 1}) == 15);
    static_assert(tally::periods_between(year_quarter{2019, 1}, year_quarter{2015, 2}) == -15);
    CHECK(tally::years_between(year_quarter{2015, 2}, year_quarter{2019, 1}) == doctest::Approx(3.75));
}

TEST_CASE("year_quarter: advance beyond the calendar throws overflow_error naming the quarter") {
    CHECK_THROWS_WITH_AS((void)tally::next_period(year_quarter{32767, 4}),
                         "the quarter 32768 Q1, 1 period from 32767 Q4, is outside the range of tally::year_quarter.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS(
        (void)tally::previous_period(year_quarter{-32767, 1}),
        "the quarter -32768 Q4, -1 period from -32767 Q1, is outside the range of tally::year_quarter.",
        tally::overflow_error);
    // INT64_MAX quarters = 2305843009213693951 years and 3 quarters; from 2019 Q1 that is
    // 2305843009213695970 Q4 (2019 + 2305843009213693951 = 2305843009213695970, Q1 + 3 = Q4).
    CHECK_THROWS_WITH_AS((void)tally::advance(year_quarter{2019, 1}, std::numeric_limits<std::int64_t>::max()),
                         "the quarter 2305843009213695970 Q4, 9223372036854775807 periods from 2019 Q1, is outside "
                         "the range of tally::year_quarter.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// year_month
// ---------------------------------------------------------------------------
TEST_CASE("year_month: the calendar counts months") {
    static_assert(tally::period<year_month>);
    // 2019-11 + 3 = 2020-02; 2019-03 - 15: -12 is 2018-03, -3 more is 2017-12.
    static_assert(tally::advance(2019y / November, 3) == 2020y / February);
    static_assert(tally::advance(2019y / March, -15) == 2017y / December);
    static_assert(tally::next_period(2019y / December) == 2020y / January);
    static_assert(tally::previous_period(0y / January) == -1y / December);
    // April 2018 to March 2019: 11 months. January 2018 to July 2019: 18 months = 1.5 years.
    static_assert(tally::periods_between(2018y / April, 2019y / March) == 11);
    static_assert(tally::periods_between(2019y / March, 2018y / April) == -11);
    CHECK(tally::years_between(2018y / January, 2019y / July) == doctest::Approx(1.5));
    CHECK(tally::time_text(2019y / March) == "2019-03");
    CHECK(tally::time_text(44y / December) == "0044-12");
    CHECK(tally::time_text(-44y / January) == "-0044-01");
}

TEST_CASE("year_month: advance beyond the calendar throws overflow_error; an invalid month invalid_argument") {
    CHECK_THROWS_WITH_AS((void)tally::next_period(32767y / December),
                         "the month 32768-01, 1 period from 32767-12, is outside the range of std::chrono::year_month.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS(
        (void)tally::advance(-32767y / January, -1),
        "the month -32768-12, -1 period from -32767-01, is outside the range of std::chrono::year_month.",
        tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::next_period(2019y / month{13}), "the time 2019-13 is not a valid year and month.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::periods_between(2019y / January, 2019y / month{0}),
                         "the time 2019-00 is not a valid year and month.", tally::invalid_argument);
}

// ---------------------------------------------------------------------------
// year_month_day
// ---------------------------------------------------------------------------
TEST_CASE("year_month_day: the calendar counts days, with leap years") {
    static_assert(tally::period<year_month_day>);
    static_assert(tally::next_period(2019y / February / 28d) == 2019y / March / 1d);
    static_assert(tally::next_period(2020y / February / 28d) == 2020y / February / 29d);
    static_assert(tally::next_period(1900y / February / 28d) == 1900y / March / 1d);  // 1900: not a leap year
    static_assert(tally::next_period(2000y / February / 28d) == 2000y / February / 29d);  // 2000: leap
    static_assert(tally::next_period(2019y / December / 31d) == 2020y / January / 1d);
    static_assert(tally::advance(2020y / March / 1d, -1) == 2020y / February / 29d);
    static_assert(tally::periods_between(2019y / January / 1d, 2020y / January / 1d) == 365);
    static_assert(tally::periods_between(2020y / January / 1d, 2021y / January / 1d) == 366);
    // The Unix epoch to 2000-01-01: 946684800 seconds / 86400 = 10957 days.
    static_assert(tally::periods_between(1970y / January / 1d, 2000y / January / 1d) == 10957);
    CHECK(tally::time_text(2019y / March / 31d) == "2019-03-31");
    CHECK(tally::time_text(44y / March / 1d) == "0044-03-01");
}

TEST_CASE("year_month_day: years_between is days / 365.2425") {
    // 400 Gregorian years are 146097 days, so 2000-01-01 to 2400-01-01 is exactly 400 years.
    CHECK(tally::years_between(2000y / January / 1d, 2400y / January / 1d) == doctest::Approx(400.0));
    // A common year: 365 / 365.2425 = 0.999336...
    CHECK(tally::years_between(2019y / January / 1d, 2020y / January / 1d) ==
          doctest::Approx(0.9993360575508).epsilon(1e-12));
}

TEST_CASE("year_month_day: advance beyond the calendar throws overflow_error; an invalid date invalid_argument") {
    CHECK_THROWS_WITH_AS((void)tally::next_period(32767y / December / 31d),
                         "the day 1 period from 32767-12-31 is outside the range of std::chrono::year_month_day.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::advance(2019y / March / 31d, std::numeric_limits<std::int64_t>::min()),
                         "the day -9223372036854775808 periods from 2019-03-31 is outside the range of "
                         "std::chrono::year_month_day.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::next_period(2019y / February / 30d), "the time 2019-02-30 is not a valid date.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::periods_between(2019y / February / 1d, 2019y / February / 29d),
                         "the time 2019-02-29 is not a valid date.", tally::invalid_argument);
}

// ---------------------------------------------------------------------------
// fiscal years
// ---------------------------------------------------------------------------
TEST_CASE("fiscal_year: the UK government year April to March is written 2018/19") {
    static_assert(tally::period<uk_fiscal_year>);
    static_assert(std::same_as<uk_fiscal_year, fiscal_year<4>>);
    constexpr uk_fiscal_year fy{2018};
    static_assert(fy.start_year() == 2018);
    static_assert(fy.end_year() == 2019);
    static_assert(fy.first_month() == 2018y / April);
    static_assert(fy.last_month() == 2019y / March);
    CHECK(fy.to_string() == "2018/19");
    CHECK(tally::time_text(uk_fiscal_year{1999}) == "1999/00");
    CHECK(tally::time_text(uk_fiscal_year{2009}) == "2009/10");
    CHECK(tally::time_text(uk_fiscal_year{-1}) == "-0001/00");
    // October to September (the US federal year; named here by its start year).
    static_assert(fiscal_year<10>{2018}.last_month() == 2019y / September);
    CHECK(fiscal_year<10>{2018}.to_string() == "2018/19");
    // Starting in January it is the calendar year.
    static_assert(fiscal_year<1>{2018}.end_year() == 2018);
    static_assert(fiscal_year<1>{2018}.last_month() == 2018y / December);
    CHECK(fiscal_year<1>{2018}.to_string() == "2018");
}

TEST_CASE("fiscal_year: fiscal years of different start months are different types") {
    static_assert(!std::equality_comparable_with<fiscal_year<4>, fiscal_year<7>>);
    static_assert(!std::convertible_to<int, uk_fiscal_year>);  // explicit: is 2018 the start or the end?
    static_assert(uk_fiscal_year{2018} < uk_fiscal_year{2019});
}

TEST_CASE("fiscal_year: the calendar counts years") {
    static_assert(tally::advance(uk_fiscal_year{2018}, 2) == uk_fiscal_year{2020});
    static_assert(tally::periods_between(uk_fiscal_year{2015}, uk_fiscal_year{2018}) == 3);
    CHECK(tally::years_between(uk_fiscal_year{2015}, uk_fiscal_year{2018}) == doctest::Approx(3.0));
    CHECK_THROWS_WITH_AS(
        (void)tally::next_period(uk_fiscal_year{32766}),
        "the fiscal year 32767/68, 1 period from 32766/67, is outside the range of tally::fiscal_year<4>.",
        tally::overflow_error);
    CHECK(tally::next_period(fiscal_year<1>{32766}) == fiscal_year<1>{32767});
    CHECK_THROWS_WITH_AS((void)uk_fiscal_year(32767),
                         "the fiscal year 32767/68 is outside the range of tally::fiscal_year<4>.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)fiscal_year<1>(-32768),
                         "the fiscal year -32768 is outside the range of tally::fiscal_year<1>.",
                         tally::invalid_argument);
}

TEST_CASE("fiscal_year: parse reads what to_string writes") {
    CHECK(uk_fiscal_year::parse("2018/19") == uk_fiscal_year{2018});
    CHECK(uk_fiscal_year::parse("1999/00") == uk_fiscal_year{1999});
    CHECK(fiscal_year<1>::parse("2018") == fiscal_year<1>{2018});
    for (int y : {-32767, -1, 0, 1999, 2019, 32766}) {
        CHECK(uk_fiscal_year::parse(uk_fiscal_year{y}.to_string()) == uk_fiscal_year{y});
    }
    CHECK_THROWS_WITH_AS((void)uk_fiscal_year::parse("2018/20"),
                         "could not read \"2018/20\" as a fiscal year such as \"2018/19\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)uk_fiscal_year::parse("2018"),
                         "could not read \"2018\" as a fiscal year such as \"2018/19\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)uk_fiscal_year::parse("2018-19"),
                         "could not read \"2018-19\" as a fiscal year such as \"2018/19\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)uk_fiscal_year::parse("32767/68"),
                         "could not read \"32767/68\" as a fiscal year such as \"2018/19\".", tally::parse_error);
    CHECK_THROWS_WITH_AS((void)fiscal_year<1>::parse("2018/19"),
                         "could not read \"2018/19\" as a fiscal year such as \"2018\".", tally::parse_error);
}

TEST_CASE("fiscal_year_of: the fiscal year containing a month or a day") {
    static_assert(tally::fiscal_year_of<4>(2019y / March) == uk_fiscal_year{2018});
    static_assert(tally::fiscal_year_of<4>(2019y / April) == uk_fiscal_year{2019});
    static_assert(tally::fiscal_year_of<4>(2019y / March / 31d) == uk_fiscal_year{2018});
    static_assert(tally::fiscal_year_of<4>(2019y / April / 1d) == uk_fiscal_year{2019});
    static_assert(tally::fiscal_year_of<7>(2019y / June / 30d) == fiscal_year<7>{2018});
    static_assert(tally::fiscal_year_of<7>(2019y / July / 1d) == fiscal_year<7>{2019});
    static_assert(tally::fiscal_year_of<1>(2019y / December) == fiscal_year<1>{2019});
    static_assert(tally::fiscal_year_of<4>(year_quarter{2019, 1}) == uk_fiscal_year{2018});
    static_assert(tally::fiscal_year_of<4>(year_quarter{2019, 2}) == uk_fiscal_year{2019});
    CHECK_THROWS_WITH_AS((void)tally::fiscal_year_of<4>(-32767y / January),
                         "the fiscal year -32768/67, containing -32767-01, is outside the range of "
                         "tally::fiscal_year<4>.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::fiscal_year_of<4>(32767y / May),
                         "the fiscal year 32767/68, containing 32767-05, is outside the range of "
                         "tally::fiscal_year<4>.",
                         tally::overflow_error);
}

// ---------------------------------------------------------------------------
// finer and coarser
// ---------------------------------------------------------------------------
TEST_CASE("nests_in: which calendars aggregate to which") {
    static_assert(tally::nests_in<year_month, year_quarter>);
    static_assert(tally::nests_in<year_month, int>);
    static_assert(tally::nests_in<year_month, year>);
    static_assert(tally::nests_in<year_month, fiscal_year<2>>);
    static_assert(tally::nests_in<year_month_day, year_month>);
    static_assert(tally::nests_in<year_month_day, year_quarter>);
    static_assert(tally::nests_in<year_month_day, std::int64_t>);
    static_assert(tally::nests_in<year_month_day, uk_fiscal_year>);
    static_assert(tally::nests_in<year_quarter, int>);
    static_assert(tally::nests_in<year_quarter, fiscal_year<1>>);
    static_assert(tally::nests_in<year_quarter, fiscal_year<4>>);
    static_assert(tally::nests_in<year_quarter, fiscal_year<7>>);
    static_assert(tally::nests_in<year_quarter, fiscal_year<10>>);
    // Quarters straddle a year starting in February, March, May, ...
    static_assert(!tally::nests_in<year_quarter, fiscal_year<2>>);
    static_assert(!tally::nests_in<year_quarter, fiscal_year<12>>);
    // Not coarser.
    static_assert(!tally::nests_in<year_month, year_month>);
    static_assert(!tally::nests_in<year_quarter, year_month>);
    static_assert(!tally::nests_in<int, year_quarter>);
    static_assert(!tally::nests_in<year_month_day, year_month_day>);
    // Calendar years do not nest in fiscal years (nor the other way).
    static_assert(!tally::nests_in<int, uk_fiscal_year>);
    static_assert(!tally::nests_in<uk_fiscal_year, int>);
    // A user type has no month calendar.
    static_assert(!tally::nests_in<week, int>);
    static_assert(!tally::nests_in<year_month_day, week>);
}

TEST_CASE("period_of: the coarse period containing a time") {
    static_assert(tally::period_of<year_quarter>(2019y / January) == year_quarter{2019, 1});
    static_assert(tally::period_of<year_quarter>(2019y / March) == year_quarter{2019, 1});
    static_assert(tally::period_of<year_quarter>(2019y / April) == year_quarter{2019, 2});
    static_assert(tally::period_of<year_quarter>(2019y / December) == year_quarter{2019, 4});
    static_assert(tally::period_of<year_quarter>(2019y / September / 30d) == year_quarter{2019, 3});
    static_assert(tally::period_of<year_month>(2019y / September / 30d) == 2019y / September);
    static_assert(tally::period_of<int>(2019y / May) == 2019);
    static_assert(tally::period_of<year>(year_quarter{2019, 4}) == 2019y);
    static_assert(tally::period_of<long>(-44y / May / 15d) == -44L);
    CHECK_THROWS_WITH_AS((void)tally::period_of<std::int8_t>(2019y / May),
                         "the year 2019 is outside the range of the series' time type.", tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::period_of<year_month>(2019y / February / 30d),
                         "the time 2019-02-30 is not a valid date.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::period_of<year_quarter>(2019y / month{13}),
                         "the time 2019-13 is not a valid year and month.", tally::invalid_argument);
}

TEST_CASE("periods_in: the number of fine periods in a coarse one, from the calendar") {
    static_assert(tally::periods_in<year_month>(year_quarter{2019, 1}) == 3);
    static_assert(tally::periods_in<year_month>(2019) == 12);
    static_assert(tally::periods_in<year_month>(uk_fiscal_year{2018}) == 12);
    static_assert(tally::periods_in<year_quarter>(2019y) == 4);
    // Days: Jan 31 + Feb 28 + Mar 31 = 90; 91 in the leap year 2020.
    static_assert(tally::periods_in<year_month_day>(year_quarter{2019, 1}) == 90);
    static_assert(tally::periods_in<year_month_day>(year_quarter{2020, 1}) == 91);
    static_assert(tally::periods_in<year_month_day>(year_quarter{2019, 2}) == 91);  // 30 + 31 + 30
    static_assert(tally::periods_in<year_month_day>(year_quarter{2019, 3}) == 92);  // 31 + 31 + 30
    static_assert(tally::periods_in<year_month_day>(year_quarter{2019, 4}) == 92);  // 31 + 30 + 31
    static_assert(tally::periods_in<year_month_day>(2019y / February) == 28);
    static_assert(tally::periods_in<year_month_day>(2020y / February) == 29);
    static_assert(tally::periods_in<year_month_day>(1900y / February) == 28);
    static_assert(tally::periods_in<year_month_day>(2000y / February) == 29);
    static_assert(tally::periods_in<year_month_day>(2019y / April) == 30);
    static_assert(tally::periods_in<year_month_day>(2019) == 365);
    static_assert(tally::periods_in<year_month_day>(2020y) == 366);
    // April 2019 to March 2020 holds 29 February 2020; April 2018 to March 2019 no leap day.
    static_assert(tally::periods_in<year_month_day>(uk_fiscal_year{2019}) == 366);
    static_assert(tally::periods_in<year_month_day>(uk_fiscal_year{2018}) == 365);
    // The last representable month and year.
    static_assert(tally::periods_in<year_month_day>(32767y / December) == 31);
    static_assert(tally::periods_in<year_month_day>(32767y) == 365);  // 32767 is odd: not a leap year
    CHECK(tally::periods_in<year_month_day>(year_quarter{2019, 1}) == 90);
}

// ---------------------------------------------------------------------------
// properties
// ---------------------------------------------------------------------------
TEST_CASE("period: advancing n periods and back returns the start, and distance measures n") {
    const std::int64_t steps[] = {-1000, -13, -12, -5, -4, -1, 0, 1, 3, 4, 11, 12, 400, 5000};
    for (const std::int64_t n : steps) {
        CAPTURE(n);
        const year_quarter q{2019, 3};
        CHECK(tally::advance(tally::advance(q, n), -n) == q);
        CHECK(tally::periods_between(q, tally::advance(q, n)) == n);
        const year_month m = 2019y / July;
        CHECK(tally::advance(tally::advance(m, n), -n) == m);
        CHECK(tally::periods_between(m, tally::advance(m, n)) == n);
        const year_month_day d = 2020y / February / 29d;
        CHECK(tally::advance(tally::advance(d, n), -n) == d);
        CHECK(tally::periods_between(d, tally::advance(d, n)) == n);
        const uk_fiscal_year f{2019};
        CHECK(tally::advance(tally::advance(f, n), -n) == f);
        CHECK(tally::periods_between(f, tally::advance(f, n)) == n);
    }
}

TEST_CASE("period: a quarter's months and days are the months and days that map to it") {
    // Walk every day of 1999..2001 (a common year, 2000 a leap year divisible by 400, 2001).
    std::int64_t days_in_quarter = 0;
    year_quarter current = tally::period_of<year_quarter>(1999y / January / 1d);
    for (year_month_day d = 1999y / January / 1d; d != 2002y / January / 1d; d = tally::next_period(d)) {
        const year_quarter q = tally::period_of<year_quarter>(d);
        if (q != current) {
            CHECK(days_in_quarter == tally::periods_in<year_month_day>(current));
            CHECK(q == tally::next_period(current));
            current = q;
            days_in_quarter = 0;
        }
        ++days_in_quarter;
        CHECK(tally::period_of<year_quarter>(tally::period_of<year_month>(d)) == q);
        CHECK(tally::period_of<int>(q) == static_cast<int>(d.year()));
    }
    CHECK(days_in_quarter == tally::periods_in<year_month_day>(current));
}
