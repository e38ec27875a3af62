// Tests for the forms issue 12 added to the claim grammar (docs/claims.md):
// every figure read or the sentence refused by name, absolute changes,
// multiples and fractions in every spelling, "one in four", year spans and
// fiscal years, a change stated beside its percent, the whole of a share,
// changes of a share, and series of quarters, fiscal years and days.
// Figures from ../shared/data are marked with their source; other inputs
// are constructed, with the arithmetic that decides them in a comment.
#include <tally/claims.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <string_view>

using tally::change;
using tally::claim_kind;
using tally::direction;
using tally::outcome;
using tally::parse_claim;
using tally::stated_number;

namespace {
constexpr stated_number n(std::int64_t digits, int decimals = 0) { return stated_number{digits, decimals, 1}; }

std::string refusal(std::string_view text) {
    try {
        (void)parse_claim(text);
    } catch (const tally::parse_error& e) {
        return e.what();
    }
    return "read";
}
} // namespace

TEST_CASE("correct or refused: characters, glued numbers and figure words tally does not read are named") {
    CHECK(refusal("rose by ½") ==
          "tally cannot read a claim in \"rose by ½\": tally does not read \"½\" (U+00BD); write numbers in ASCII digits "
          "and words in ASCII letters.");
    CHECK(refusal("rose by ٣٠ in 2019") ==
          "tally cannot read a claim in \"rose by ٣٠ in 2019\": tally does not read \"٣\" (U+0663); write numbers in "
          "ASCII digits and words in ASCII letters.");
    CHECK(refusal("rose by 1e3") ==
          "tally cannot read a claim in \"rose by 1e3\": tally does not read \"1e3\"; write a number in digits with at "
          "most a % or \"pc\" after it.");
    CHECK(refusal("rose by a sixth year") ==
          "tally cannot read a claim in \"rose by a sixth year\": it has \"a sixth year\", a rank tally does not read, "
          "not a fraction.");
    CHECK(refusal("rose by thirty per cent") ==
          "tally cannot read a claim in \"rose by thirty per cent\": it has \"thirty\", a word for a figure or a rank "
          "that tally does not read there, and a claim is not checked without a figure it states.");
    CHECK(refusal("rose 10-15%") ==
          "tally cannot read a claim in \"rose 10-15%\": it joins two numbers as \"10-15\", which tally does not read; a "
          "span of years is written \"2015-18\" or \"2015-2018\", a fiscal year \"2015/16\".");
    CHECK(refusal("rose by 20% a year") ==
          "tally cannot read a claim in \"rose by 20% a year\": it states \"20% a year\", a rate per period, which tally "
          "does not read as a change.");
    CHECK(refusal("assaults didn\u2019t rise") ==
          "tally cannot read a claim in \"assaults didn\u2019t rise\": it negates the claim with \"didn\u2019t\", and "
          "tally does not read negations.");
    CHECK(refusal("fell by a factor of three") ==
          "tally cannot read a claim in \"fell by a factor of three\": it states a fall (\"fell\") by the multiple "
          "\"three\", which tally does not read; state the fall as a percent.");
    // a control byte the message quotes from the text is written \x09, never echoed raw
    CHECK(refusal("rose by 5\t% and 6%") ==
          "tally cannot read a claim in \"rose by 5\\x09% and 6%\": it states two figures, \"5\\x09%\" and \"6%\"; check "
          "one claim at a time.");
    // punctuation it reads past: a no-break space, typographic quotes, an en dash between years
    CHECK(parse_claim("rose\u00a0by \u201c5%\u201d in 2015\u201318").to_time.year == 2018);
}

TEST_CASE("absolute changes: a number after a rise or fall word, or before more or fewer, is the change") {
    // PA 2019: 8,429 -> 10,213 is +1,784 (MoJ Safety in Custody, ../shared/data/prison_assaults.csv)
    constexpr auto a = parse_claim("a rise of 1,784");
    static_assert(a.kind == claim_kind::difference && a.number == n(1784) && a.stated_direction == direction::rise);
    CHECK(tally::check(change{8429, 10213}, "a rise of 1,784").holds());
    CHECK(tally::check(change{594, 387}, "a drop of 207").holds());  // 387 - 594 = -207
    CHECK(tally::check(change{310, 350}, "an increase of 40 deaths").holds());
    CHECK(tally::check(change{100, 140}, "40 more deaths than in 2015").holds());
    CHECK(tally::check(change{50, 38}, "12 fewer").holds());
    const auto v = tally::check(change{8429, 10213}, "increased by 1,784 to 10,300");
    CHECK(v.outcome() == outcome::does_not_hold);
    CHECK(v.explain() == "rose by 1,784, from 8,429 to 10,213; \"a rise of 1,784\" allows a rise of 1,783.5..1,784.5, so "
                         "the claim does not hold: the later value is 10,213, not 10,300 as stated.");
    // "a 12-month rise": the period, not a value
    static_assert(parse_claim("a 12-month rise of 23%").previous_period);
}

TEST_CASE("two claims in one sentence: a change beside its percent, one verdict each and an overall") {
    // 8,429 -> 10,213: +1,784 and 1784/8429 = +21.17%
    const auto both = tally::check(change{8429, 10213}, "up 1,784, or 21%");
    CHECK(both.holds());
    CHECK(both.figure_outcome() == outcome::holds);
    CHECK(both.difference_outcome() == outcome::holds);
    const auto wrong_change = tally::check(change{8429, 10213}, "up 1,800, or 21%");
    CHECK(wrong_change.outcome() == outcome::does_not_hold);
    CHECK(wrong_change.figure_outcome() == outcome::holds);
    CHECK(wrong_change.difference_outcome() == outcome::does_not_hold);
    CHECK(wrong_change.explain() == "rose by 21.2%, from 8,429 to 10,213; \"a rise of 21%\" allows a rise of 20.5%..21.5%, "
                                    "so the claim does not hold: the change is 1,784, not +1,800 as stated.");
    CHECK(parse_claim("up 21% (1,784)").stated_difference == n(1784));
    CHECK(parse_claim("a drop of 207 (35%)").stated_difference == n(207));
    CHECK_FALSE(tally::check(change{100, 120}, "up 20%").difference_outcome());
}

TEST_CASE("multiples in every spelling, and fractions in words") {
    static_assert(parse_claim("increased by a factor of three").number == stated_number::words(3));
    static_assert(parse_claim("increased 2.5-fold").number == n(25, 1));
    static_assert(parse_claim("a three-fold rise").number == stated_number::words(3));
    static_assert(parse_claim("threefold").number == stated_number::words(3));
    static_assert(parse_claim("trebled").number == stated_number::words(3));
    static_assert(parse_claim("double the number recorded in 2015").from_time.year == 2015);
    // "a fifth" is 100/5 %: with a direction a percent change, with "of" a share
    constexpr auto fifth = parse_claim("rose by a fifth");
    static_assert(fifth.kind == claim_kind::percent_change && fifth.number == stated_number{100, 0, 5});
    static_assert(parse_claim("two-thirds of respondents").number == stated_number{200, 0, 3});
    static_assert(parse_claim("three in ten adults").number == stated_number{300, 0, 10});
    static_assert(parse_claim("one in four").kind == claim_kind::share);
    // a fifth in words allows 19%..21% (the 5% "about" tolerance): 100 -> 120 holds, 100 -> 90 does not
    CHECK(tally::check(change{100, 120}, "rose by a fifth").holds());
    CHECK(tally::check(change{100, 90}, "rose by a fifth").outcome() == outcome::does_not_hold);
    CHECK(tally::check(tally::share{3, 10}, "three in ten adults").holds());
    CHECK(tally::to_string(parse_claim("three in ten adults")) == "three tenths of the whole");
    CHECK(tally::to_string(parse_claim("quadrupled")) == "four times as high");
}

TEST_CASE("the whole of a share, and a change of a share in percent or in points") {
    // 3,949 of 34,425 is 11.47%: "11%" allows 10.5..11.5
    const auto v = tally::check(tally::share{3949, 34425}, "Of the 34,425 assault incidents, 3,949 (11%) were serious");
    CHECK(v.holds());
    CHECK(tally::check(tally::share{3949, 34425}, "3,949 of 34,000 (11%)").explain() ==
          "is 11.47% (3,949 of 34,425); \"11% of the whole\" allows 10.5%..11.5%, so the claim does not hold: the whole "
          "is 34,425, not 34,000 as stated.");
    const tally::share<int> earlier{2859, 10000}, later{2984, 10000};
    // relative: 2984/2859 - 1 = +4.372%; in points: +1.25
    CHECK(tally::check(earlier, later, "the share rose by 4%").holds());
    CHECK(tally::check(earlier, later, "the share rose by 4%").figure() == doctest::Approx(100.0 * 125 / 2859));
    CHECK(tally::check(earlier, later, "rose by 1.25 percentage points").holds());
    CHECK(tally::check(tally::share{29, 100}, tally::share{30, 100}, "increased to 30% of all incidents in 2018").holds());
    CHECK(tally::check(tally::share{31, 100}, tally::share{30, 100}, "increased to 30% of all incidents in 2018").outcome() ==
          outcome::does_not_hold);
}

TEST_CASE("year spans and fiscal years") {
    static_assert(parse_claim("a total of 1,736 accounts in 2015-18").from_time.year == 2015);
    static_assert(parse_claim("a total of 1,736 accounts in 2015-18").to_time.year == 2018);
    static_assert(parse_claim("in 2015-2018, up 5%").to_time.year == 2018);
    constexpr auto f = parse_claim("rose 5% between 2015/16 and 2018/19");
    static_assert(f.from_time.fiscal && f.from_time.year == 2015 && f.to_time.year == 2018);
    static_assert(parse_claim("rose 5% from 2015/16 to 2018/19").from_time.year == 2015);
    // ITV News 2019-04-01: 153 + 462 + 527 + 594 = 1,736 (../shared/data/social_media_accounts_removed.csv)
    const tally::time_series<int, int> removed{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};
    CHECK(tally::check(removed, "a total of 1,736 accounts in 2015-18").holds());
    CHECK_THROWS_WITH_AS((void)tally::check(removed, "rose 5% from 2015/16 to 2018/19"),
                         "the claim \"rose 5% from 2015/16 to 2018/19\" is about the fiscal year 2015/16, which a series "
                         "of years does not hold.",
                         tally::invalid_argument);
    CHECK(refusal("rose 5% from 2015/17") ==
          "tally cannot read a claim in \"rose 5% from 2015/17\": it joins two numbers as \"2015/17\", which tally does "
          "not read; a span of years is written \"2015-18\" or \"2015-2018\", a fiscal year \"2015/16\".");
}

TEST_CASE("check on series of quarters, fiscal years and days, by the months the claim names") {
    using tally::year_quarter;
    tally::time_series<year_quarter, int> q;
    for (int k = 0; k < 8; ++k) q.insert(year_quarter{2017 + (k + 1) / 4, (k + 1) % 4 + 1}, k < 4 ? 25 : 30);
    // 2017 Q2..2018 Q1 = 100, 2018 Q2..2019 Q1 = 120: +20%
    const auto v = tally::check(q, "up 20% in the 12 months to March 2019");
    CHECK(v.holds());
    CHECK(v.from() == 100);
    CHECK(v.to() == 120);
    CHECK_THROWS_WITH_AS((void)tally::check(q, "up 20% in the 12 months to May 2019"),
                         "the claim \"up 20% in the 12 months to May 2019\" is about the 12 months to May 2019, which "
                         "does not begin and end with periods of the series (2018 Q2 to 2019 Q2).",
                         tally::invalid_argument);
    tally::time_series<tally::uk_fiscal_year, int> fy;
    fy.insert(tally::uk_fiscal_year{2017}, 100);
    fy.insert(tally::uk_fiscal_year{2018}, 110);
    CHECK(tally::check(fy, "up 10% in 2018/19").holds());  // 110/100
    CHECK(tally::check(fy, "up 10% in 2018/19").explain() ==
          "rose by 10%, from 100 in 2017/18 to 110 in 2018/19; \"a rise of 10%\" allows a rise of 9.5%..10.5%, so the "
          "claim holds.");
    using namespace std::chrono;
    tally::time_series<year_month_day, int> daily;
    for (sys_days d = sys_days{2019y / January / 1}; d <= sys_days{2019y / December / 31}; d += std::chrono::days{1}) {
        daily.insert(year_month_day{d}, 2);
    }
    CHECK(tally::check(daily, "a total of 730 in 2019").holds());  // 365 days x 2
}

TEST_CASE("quote: at most 80 characters, escaped, control bytes and NULs shown") {
    using namespace std::string_view_literals;
    CHECK(tally::detail::quote("a \"b\" \\ c") == "\"a \\\"b\\\" \\\\ c\"");
    CHECK(tally::detail::quote("a\0b"sv) == "\"a\\x00b\"");
    CHECK(tally::detail::group_thousands("1e+20") == "1e+20");
    CHECK(tally::detail::group_thousands("5e-324") == "5e-324");
    CHECK(tally::detail::group_thousands("-1234.5") == "-1,234.5");
}

TEST_CASE("a hand-built number tally cannot hold exactly is refused by name") {
    tally::claim c = tally::claim::value("1");
    c.number = stated_number{1, 40, 1};
    CHECK_THROWS_WITH_AS((void)tally::check(5, c),
                         "the stated number with digits 1, 40 decimals and divisor 1 is outside what tally checks: at "
                         "most 18 digits and 18 decimals, a divisor 1..1,000,000.",
                         tally::invalid_argument);
    c.number = stated_number{1, 0, 0};
    CHECK_THROWS_AS((void)tally::check(5, c), tally::invalid_argument);
}
