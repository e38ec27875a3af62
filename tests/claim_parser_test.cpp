// Tests for tally/claim_parser.hpp: claims read from the words they were
// written in, and checked. Sentences quoted from the article and the press
// are marked with their source, and their figures are the published ones.
// Other sentences and inputs are constructed cases.
#include <tally/claims.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

using tally::change;
using tally::claim_kind;
using tally::direction;
using tally::hedge;
using tally::outcome;
using tally::parse_claim;
using tally::stated_number;

namespace {
// ITV News 2019-04-01 (MoJ FOI to PA) and PoliticsHome 2020 (HMPPS FOI)
const tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};
// MoJ Safety in Custody, assaults on staff, calendar years as first published
const tally::time_series<int, int> staff{{2014, 3640}, {2015, 4963}, {2016, 6844}, {2017, 8429}, {2018, 10213}};
// MoJ Safety in Custody, all assault incidents, calendar years as first published
const tally::time_series<int, int> all_assaults{{2015, 20518}, {2016, 26022}, {2017, 29485}, {2018, 34223}};

constexpr stated_number n(std::int64_t digits, int decimals = 0) { return stated_number{digits, decimals, 1}; }
} // namespace

TEST_CASE("the article's sentences, quoted as printed") {
    SUBCASE("remove 387 profiles at the request of prison authorities in 2019") {
        constexpr auto c = parse_claim("remove 387 profiles at the request of prison authorities in 2019");
        static_assert(c.kind == claim_kind::value && c.number == n(387) && c.to_time.year == 2019);
        CHECK(tally::check(387, "remove 387 profiles at the request of prison authorities in 2019").holds());
        CHECK(tally::check(change{594, 387}, "remove 387 profiles at the request of prison authorities in 2019").holds());
        const auto v = tally::check(removals, "remove 387 profiles at the request of prison authorities in 2019");
        CHECK(v.holds());
        CHECK(v.explain() == "is 387 in 2019; \"387\" allows 386.5..387.5, so the claim holds.");
    }
    SUBCASE("hundreds of social media accounts") {
        static_assert(parse_claim("hundreds of social media accounts").kind == claim_kind::magnitude);
        static_assert(tally::check(change{594, 387}, "hundreds of social media accounts").holds());
        CHECK(tally::check(387, "hundreds of social media accounts").holds());
    }
    SUBCASE("a drop on the 594 logged in 2018") {
        constexpr auto c = parse_claim("a drop on the 594 logged in 2018");
        static_assert(c.kind == claim_kind::direction && c.stated_direction == direction::fall);
        static_assert(c.stated_from == n(594) && c.from_time.year == 2018 && !c.to_time.named());
        static_assert(tally::check(change{594, 387}, "a drop on the 594 logged in 2018").holds());
        // the later value must be below the earlier, and the earlier must be 594 as written
        CHECK_FALSE(tally::check(change{594, 600}, "a drop on the 594 logged in 2018").holds());
        CHECK_FALSE(tally::check(change{600, 387}, "a drop on the 594 logged in 2018").holds());
        CHECK_THROWS_WITH_AS((void)tally::check(removals, "a drop on the 594 logged in 2018"),
                             "the claim \"a drop on the 594 logged in 2018\" names its earlier year, 2018, but not "
                             "its later one, so it cannot be checked against a series.",
                             tally::invalid_argument);
    }
    SUBCASE("more than twice as high as it was in 2015, when just 153") {
        constexpr auto c = parse_claim("more than twice as high as it was in 2015, when just 153");
        static_assert(c.kind == claim_kind::multiple && c.hedge == hedge::more_than &&
                      c.number == stated_number::words(2));
        static_assert(c.stated_from == n(153) && c.from_time.year == 2015);
        static_assert(tally::check(change{153, 387}, "more than twice as high").holds());
        static_assert(tally::check(change{153, 387}, "more than twice as high as it was in 2015, when just 153").holds());
        CHECK_FALSE(tally::check(change{154, 387}, "more than twice as high as it was in 2015, when just 153").holds());
    }
    SUBCASE("a 110% rise in assaults on staff between 2015 and 2018") {
        constexpr auto c = parse_claim("a 110% rise in assaults on staff between 2015 and 2018");
        static_assert(c.kind == claim_kind::percent_change && c.stated_direction == direction::rise);
        static_assert(c.number == n(110) && c.from_time.year == 2015 && c.to_time.year == 2018);
        static_assert(!tally::check(change{4963, 10213}, "a 110% rise in assaults on staff between 2015 and 2018").holds());
        const auto v = tally::check(staff, "a 110% rise in assaults on staff between 2015 and 2018");
        CHECK(v.outcome() == outcome::does_not_hold);
        CHECK(v.explain() ==
              "rose by 105.8%, from 4,963 in 2015 to 10,213 in 2018; \"a rise of 110%\" allows a rise of "
              "109.5%..110.5%, so the claim does not hold at its stated precision; it would hold for a 2018 value "
              "of 10,398..10,447.");
    }
    SUBCASE("a 63% jump in prisoner-on-prisoner assaults") {
        // MoJ: 12 months to September, 14,247 (2015) -> 24,138 (2018): +9891/14247 = +69.4%;
        // "63%" needs 14247 * 1.625 = 23151.375 .. 14247 * 1.635 = 23293.845: 23,152..23,293
        const auto v = tally::check(change{14247, 24138}, "a 63% jump in prisoner-on-prisoner assaults");
        CHECK_FALSE(v.holds());
        REQUIRE(v.implied());
        CHECK(v.implied()->lower == 23152);
        CHECK(v.implied()->upper == 23293);
        const auto details = tally::parse_claim_details("a 63% jump in prisoner-on-prisoner assaults");
        REQUIRE(details.skipped_words().size() == 2);
        CHECK(details.skipped_words()[0] == "prisoner-on-prisoner");
        CHECK(details.skipped_words()[1] == "assaults");
    }
}

TEST_CASE("percent changes in the ways they are written") {
    struct form {
        std::string_view text;
        direction dir;
        stated_number number;
    };
    const form forms[] = {
        {"a 110% rise", direction::rise, n(110)},       {"up 21%", direction::rise, n(21)},
        {"a decrease of 11%", direction::fall, n(11)},  {"fell by 34.8%", direction::fall, n(348, 1)},
        {"a 63% jump", direction::rise, n(63)},         {"rose 5 per cent", direction::rise, n(5)},
        {"rose 5 percent", direction::rise, n(5)},      {"-6%", direction::fall, n(6)},
        {"+5%", direction::rise, n(5)},                 {"5.0% higher", direction::rise, n(50, 1)},
        {"63% more assaults", direction::rise, n(63)},  {"a decline of 2%", direction::fall, n(2)},
        {"climbed 4%", direction::rise, n(4)},          {"down 3%", direction::fall, n(3)},
        {"an increase of 7%", direction::rise, n(7)},   {"dropped 9%", direction::fall, n(9)},
    };
    for (const form& f : forms) {
        CAPTURE(f.text);
        const auto c = parse_claim(f.text);
        CHECK(c.kind == claim_kind::percent_change);
        CHECK(c.stated_direction == f.dir);
        CHECK(c.number == f.number);
    }
    // Belfast Telegraph/PA: "10,213 ... up 21%" on 8,429 (2017): +1784/8429 = +21.17%
    CHECK(tally::check(change{8429, 10213}, "10,213 ... up 21%").holds());
    // Maybo 2016: "4,963 ... up 36% from 3,640 in 2014": +1323/3640 = +36.35%
    const auto up36 = parse_claim("4,963 ... up 36% from 3,640 in 2014");
    CHECK(up36.stated_from == n(3640));
    CHECK(up36.stated_to == n(4963));
    CHECK(up36.from_time.year == 2014);
    CHECK(tally::check(change{3640, 4963}, "4,963 ... up 36% from 3,640 in 2014").holds());
    // "5.0%" allows [4.95, 5.05]: constructed 2000 -> 2099 (+4.95%) holds, 2000 -> 2102 (+5.1%) does not
    CHECK(tally::check(change{2000, 2099}, "up 5.0%").on_boundary());
    CHECK_FALSE(tally::check(change{2000, 2102}, "up 5.0%").holds());
    // exact at the boundary: 2000 -> 1303 is -34.85%; 5000 -> 3257 is -34.86%
    static_assert(tally::check(change{2000, 1303}, "fell by 34.8%").holds());
    static_assert(!tally::check(change{5000, 3257}, "fell by 34.8%").holds());
    static_assert(tally::check(change{72, 81}, "a 13% rise").holds());
}

TEST_CASE("directions alone, and the values stated beside them") {
    for (std::string_view w : {"rise", "rose", "increase", "jump", "climb", "up"}) {
        CAPTURE(w);
        CHECK(parse_claim(w).stated_direction == direction::rise);
    }
    for (std::string_view w : {"fall", "fell", "drop", "decline", "decrease", "down"}) {
        CAPTURE(w);
        CHECK(parse_claim(w).stated_direction == direction::fall);
    }
    const auto c = parse_claim("387, down from 594");
    CHECK(c.kind == claim_kind::direction);
    CHECK(c.stated_from == n(594));
    CHECK(c.stated_to == n(387));
    CHECK(tally::check(change{594, 387}, "387, down from 594").holds());
    CHECK(tally::check(change{153, 153}, "was unchanged at 153").holds());
}

TEST_CASE("multiples in words and digits") {
    struct form {
        std::string_view text;
        stated_number number;
        hedge h;
        bool higher;
    };
    const form forms[] = {
        // a multiple in words has no written precision (in_words); in digits it has
        {"twice as high", stated_number::words(2), hedge::none, false},
        {"more than twice as high as", stated_number::words(2), hedge::more_than, false},
        {"eight times", stated_number::words(8), hedge::none, false},
        {"8 times as many", n(8), hedge::none, false},
        {"doubled", stated_number::words(2), hedge::none, false},
        {"more than doubled", stated_number::words(2), hedge::more_than, false},
        {"tripled", stated_number::words(3), hedge::none, false},
        {"halved", stated_number::words(1, 2), hedge::none, false},
        {"eight times higher", stated_number::words(8), hedge::none, true},
        {"2.5 times more", n(25, 1), hedge::none, true},
        {"three times the 2015 level", stated_number::words(3), hedge::none, false},
    };
    for (const form& f : forms) {
        CAPTURE(f.text);
        const auto c = parse_claim(f.text);
        CHECK(c.kind == claim_kind::multiple);
        CHECK(c.number == f.number);
        CHECK(c.hedge == f.h);
        CHECK(c.times_higher == f.higher);
    }
    // 153 -> 387 is 2.53 times: "eight times higher" holds under neither reading; "2 times higher" only as 3 times
    CHECK(tally::check(change{153, 387}, "eight times higher").outcome() == outcome::does_not_hold);
    CHECK(tally::check(change{153, 387}, "2 times higher").outcome() == outcome::ambiguous);
    // constructed: 20 -> 10 is halved exactly
    CHECK(tally::check(change{20, 10}, "halved").holds());
    CHECK_THROWS_WITH_AS((void)parse_claim("8 times lower"),
                         "tally cannot read a claim in \"8 times lower\": \"8 times lower\" has no arithmetic reading "
                         "tally can check.",
                         tally::parse_error);
}

TEST_CASE("hedges as written, each to its interval") {
    struct form {
        std::string_view text;
        hedge h;
    };
    const form forms[] = {
        {"more than 300", hedge::more_than},  {"over 300", hedge::more_than},     {"at least 300", hedge::at_least},
        {"almost 300", hedge::almost},        {"nearly 300", hedge::almost},      {"about 300", hedge::about},
        {"around 300", hedge::about},         {"roughly 300", hedge::about},      {"less than 300", hedge::less_than},
        {"under 300", hedge::less_than},      {"just over 300", hedge::just_over}, {"just under 300", hedge::just_under},
        {"no more than 300", hedge::at_most}, {"at most 300", hedge::at_most},    {"fewer than 300", hedge::less_than},
    };
    for (const form& f : forms) {
        CAPTURE(f.text);
        const auto c = parse_claim(f.text);
        CHECK(c.kind == claim_kind::value);
        CHECK(c.hedge == f.h);
        CHECK(c.number == n(300));
    }
    // "over" and "about" not before a figure are not hedges
    CHECK(parse_claim("rose 5% over the year").hedge == hedge::none);
    // AOL/PA 2017: "risen to 6,844, up almost 40% on 2015": 4,963 -> 6,844 is +1881/4963 = +37.90%.
    // "almost 40%" is [38, 40) with the default 5% tolerance: not quite; with 6% it is [37.6, 40): it holds.
    const auto c = parse_claim("risen to 6,844, up almost 40% on 2015");
    CHECK(c.hedge == hedge::almost);
    CHECK(c.stated_to == n(6844));
    CHECK(c.from_time.year == 2015);
    CHECK_FALSE(tally::check(change{4963, 6844}, "risen to 6,844, up almost 40% on 2015").holds());
    const tally::claim_options generous{{5, 100}, {6, 100}, {5, 100}};
    CHECK(tally::check(change{4963, 6844}, "risen to 6,844, up almost 40% on 2015", generous).holds());
    // edges: "just over 2 times" is (2, 2.1]; "at least 387" includes 387
    CHECK(tally::check(change{100, 210}, "just over twice as high").on_boundary());
    CHECK_FALSE(tally::check(change{100, 211}, "just over twice as high").holds());
    CHECK(tally::check(387, "at least 387").on_boundary());
    CHECK_FALSE(tally::check(387, "more than 387").holds());
}

TEST_CASE("magnitudes and fractions") {
    CHECK(parse_claim("thousands of assaults").order == tally::magnitude::thousands);
    CHECK(parse_claim("millions of pounds").order == tally::magnitude::millions);
    const auto third = parse_claim("a third of assaults");
    CHECK(third.kind == claim_kind::share);
    CHECK(third.number == stated_number{100, 0, 3});
    CHECK(parse_claim("a quarter of").number == stated_number{100, 0, 4});
    CHECK(parse_claim("half of all incidents").number == stated_number{100, 0, 2});
    CHECK(parse_claim("two thirds of").number == stated_number{200, 0, 3});
    // "fell by a third" is a percent change of 100/3 %, about: 31.67%..35%; 594 -> 387 is -34.85%
    const auto fell = parse_claim("fell by a third");
    CHECK(fell.kind == claim_kind::percent_change);
    CHECK(tally::check(change{594, 387}, "fell by a third").holds());
    // MoJ 2015: 4,963 of 20,518 assaults were on staff, 24.19%: "a quarter of" (23.75%..26.25%) holds
    CHECK(tally::check(tally::share{4963, 20518}, "a quarter of assaults were on staff").holds());
}

TEST_CASE("shares, percentage points and totals") {
    // MoJ 2018: 10,213 of 34,223 assaults were on staff, 29.84%
    const auto share = parse_claim("30% of all incidents");
    CHECK(share.kind == claim_kind::share);
    CHECK(tally::check(tally::share{10213, 34223}, "30% of all incidents").holds());
    // a part stated with its share: constructed 3,949 of 35,900 is 11.0%
    const auto part = parse_claim("3,949 (11%) were serious");
    CHECK(part.kind == claim_kind::share);
    CHECK(part.stated_part == n(3949));
    CHECK(part.number == n(11));
    CHECK(tally::check(tally::share{3949, 35900}, "3,949 (11%) were serious").holds());
    CHECK_FALSE(tally::check(tally::share{3950, 35900}, "3,949 (11%) were serious").holds());
    // points: the staff share of all assaults, 24.19% (2015) -> 29.84% (2018), +5.65 points
    const auto points = parse_claim("rose by 5.7 percentage points");
    CHECK(points.kind == claim_kind::points);
    CHECK(tally::check(tally::share{4963, 20518}, tally::share{10213, 34223}, "rose by 5.7 percentage points").holds());
    CHECK(tally::check(tally::share{4963, 20518}, tally::share{10213, 34223},
                       "rose by 5.7 percentage points, from 24.2% to 29.8%")
              .holds());
    CHECK_FALSE(tally::check(tally::share{4963, 20518}, tally::share{10213, 34223},
                             "rose by 5.7 percentage points, from 24.1% to 29.8%")
                    .holds());
    // constructed percents: 29.8% -> 28.7% fell by 1.1 points (a relative fall of 3.7%, never read as such)
    CHECK(tally::check(change{29.8, 28.7}, "fell by 1.1 percentage points").holds());
    CHECK(parse_claim("down 1.1 pp").kind == claim_kind::points);
    // ITV News: the 2015-2018 total is 1,736 = 153 + 462 + 527 + 594
    const auto total = parse_claim("a total of 1,736");
    CHECK(total.kind == claim_kind::total);
    CHECK(total.number == n(1736));
    const auto v = tally::check(removals, "a total of 1,736 between 2015 and 2018");
    CHECK(v.holds());
    CHECK(v.explain() == "the values from 2015 to 2018 sum to 1,736; \"a total of 1,736\" allows 1,735.5..1,736.5, so the "
                         "claim holds.");
    // since 2015: 153 + 462 + 527 + 594 + 387 = 2,123
    CHECK(tally::check(removals, "a total of 2,123 since 2015").holds());
}

TEST_CASE("numbers as written") {
    CHECK(parse_claim("10,424").number == n(10424));
    CHECK(parse_claim("34.8").number == n(348, 1));
    CHECK(parse_claim("1.1").number == n(11, 1));
    CHECK(parse_claim("two").number == n(2));
    CHECK(parse_claim("twelve").number == n(12));
    CHECK(parse_claim("rose 5.0%").number == n(50, 1));
    CHECK_THROWS_WITH_AS((void)parse_claim("rose 1,23%"),
                         "\"1,23\" is not a number as written: its thousands separators do not group by three.",
                         tally::parse_error);
}

TEST_CASE("time phrases against a series of years") {
    CHECK(parse_claim("up 21% on the previous year").previous_period);
    CHECK(parse_claim("a year-on-year rise of 23%").previous_period);
    CHECK(parse_claim("up 15% from the previous year").previous_period);
    CHECK(parse_claim("rose 5% since 2015").since);
    const auto rolling = parse_claim("10,311 in the 12 months to March 2019");
    CHECK(rolling.to_time == tally::claim_time{2019, 3});
    CHECK(parse_claim("up 5% in the year to June 2019").to_time == tally::claim_time{2019, 6});
    // ITV 2018: "a year-on-year rise of ... 23%": 6,844 (2016) -> 8,429 (2017) is +1585/6844 = +23.16%
    CHECK(tally::check(staff, "a year-on-year rise of 23% in 2017").holds());
    // Guardian 2019: "34,223 assaults in 2018, up 16% from 2017": 29,485 -> 34,223 is +4738/29485 = +16.07%
    const auto guardian = tally::check(all_assaults, "34,223 assaults in 2018, up 16% from 2017");
    CHECK(guardian.holds());
    CHECK(guardian.explain() ==
          "rose by 16.1%, from 29,485 in 2017 to 34,223 in 2018; \"a rise of 16%\" allows a rise of 15.5%..16.5%, so "
          "the claim holds.");
    // "in 2018" alone with a change is 2017 -> 2018
    CHECK(tally::check(staff, "up 21% in 2018").holds());
    // since 2015 runs to the last year: 153 -> 387 is +152.9%
    CHECK(tally::check(removals, "more than doubled since 2015").holds());
    CHECK_THROWS_WITH_AS((void)tally::check(staff, "a 110% rise"),
                         "the claim \"a 110% rise\" names no year, so it cannot be checked against a series; name one "
                         "(\"in 2019\", \"between 2015 and 2018\").",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::check(staff, "10,311 in the 12 months to March 2019"),
                         "the claim \"10,311 in the 12 months to March 2019\" is about the 12 months to March 2019, "
                         "which a series of years does not hold.",
                         tally::invalid_argument);
    // "in 2014" is 2013 -> 2014, and the series starts in 2014; of two missing years the earlier is named
    CHECK_THROWS_WITH_AS((void)tally::check(staff, "up 5% in 2014"),
                         "no observation at 2013 in a series covering 2014..2018.", tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)tally::check(staff, "up 5% in 2020"),
                         "no observation at 2019 in a series covering 2014..2018.", tally::missing_observation);
}

TEST_CASE("a series of months is summed 12 months at a time") {
    // constructed: January 2017 .. June 2019, the i-th month (from 1) holding 1000 + i
    using namespace std::chrono;
    std::vector<year_month> times;
    std::vector<int> values;
    for (year_month m = 2017y / January; m <= 2019y / June; m += months{1}) {
        times.push_back(m);
        values.push_back(1000 + static_cast<int>(times.size()));
    }
    const tally::time_series<year_month, int> monthly(tally::sorted_unique, times, values);
    // April 2018 .. March 2019 are months 16..27: 12 * 1000 + (16 + 27) * 6 = 12,258;
    // a year before, months 4..15: 12,000 + (4 + 15) * 6 = 12,114; +144/12114 = +1.19%
    CHECK(tally::check(monthly, "12,258 in the 12 months to March 2019").holds());
    const auto v = tally::check(monthly, "up 15% on the previous year, in the 12 months to March 2019");
    CHECK_FALSE(v.holds());
    // 12114 * 1.145 = 13870.53 -> 13,871; 12114 * 1.155 = 13991.67 -> 13,991
    CHECK(v.explain() ==
          "rose by 1.2%, from 12,114 in the 12 months to March 2018 to 12,258 in the 12 months to March 2019; \"a "
          "rise of 15%\" allows a rise of 14.5%..15.5%, so the claim does not hold at its stated precision; it would "
          "hold for a value in the 12 months to March 2019 of 13,871..13,991.");
    // calendar years: 2017 is months 1..12, 12,078; 2018 is 13..24, 12,222: +144/12078 = +1.19%
    CHECK(tally::check(monthly, "a total of 12,078 in 2017").holds());
    CHECK(tally::check(monthly, "up 1.2% in 2018").holds());
    // 2017 and 2018 together: 24,000 + (1 + 24) * 12 = 24,300
    CHECK(tally::check(monthly, "a total of 24,300 between 2017 and 2018").holds());
    // against April 2015 .. March 2016: the first month missing is named
    CHECK_THROWS_WITH_AS((void)tally::check(monthly, "up 5% in the 12 months to March 2017"),
                         "no observation at 2015-04 in a series covering 2017-01..2019-06.", tally::missing_observation);
}

TEST_CASE("text it cannot read is refused, naming the words") {
    const auto refused = [](std::string_view text, const char* message) {
        CAPTURE(text);
        CHECK_THROWS_WITH_AS((void)parse_claim(text), message, tally::parse_error);
    };
    refused("", "tally cannot read a claim in \"\": it is empty.");
    refused("the sky is blue",
            "tally cannot read a claim in \"the sky is blue\": it has no figure, direction, magnitude or number tally "
            "reads, and it could not read \"sky\", \"blue\".");
    refused("assaults ballooned 1.1 percentage points",
            "tally cannot read a claim in \"assaults ballooned 1.1 percentage points\": it states \"1.1 percentage "
            "points\" but not whether it is a rise or a fall, and it could not read \"assaults\", \"ballooned\".");
    refused("not a 110% rise",
            "tally cannot read a claim in \"not a 110% rise\": it negates the claim with \"not\", and tally does not "
            "read negations.");
    refused("assaults didn't rise",
            "tally cannot read a claim in \"assaults didn't rise\": it negates the claim with \"didn't\", and tally "
            "does not read negations.");
    refused("a 110% rise and a 63% jump",
            "tally cannot read a claim in \"a 110% rise and a 63% jump\": it states two figures, \"110%\" and "
            "\"63%\"; check one claim at a time.");
    refused("it rose 5% and then fell",
            "tally cannot read a claim in \"it rose 5% and then fell\": it states both a rise (\"rose\") and a fall "
            "(\"fell\").");
    refused("rose 6% by -6%",
            "tally cannot read a claim in \"rose 6% by -6%\": it states both a rise (\"rose\") and a fall "
            "(\"-6%\").");
    refused("12 months to Maych 2019",
            "tally cannot read a claim in \"12 months to Maych 2019\": \"12 months to\" is followed by \"Maych\", "
            "which is not a month.");
    refused("387 million",
            "tally cannot read a claim in \"387 million\": it writes an amount in words, \"387 million\", which tally "
            "does not read; write it in digits.");
    refused("387 and 594",
            "tally cannot read a claim in \"387 and 594\": it states numbers without a figure or direction saying "
            "what they are.");
    refused("a rise of 12% to 387 and 594",
            "tally cannot read a claim in \"a rise of 12% to 387 and 594\": it states 594 beside its claim and does "
            "not say what 594 is.");
}

TEST_CASE("parsing and checking are constant expressions") {
    static_assert(tally::check(tally::change{153, 387}, "more than twice as high").holds());
    static_assert(parse_claim("fell by 34.8%").number == n(348, 1));
    static_assert(tally::check(tally::share{10213, 34223}, "30% of all incidents").holds());
    static_assert(tally::check(tally::change{14247, 24138}, "a 63% jump").outcome() == outcome::does_not_hold);
    static_assert(tally::check(tally::change{153, 387}, "2 times higher").outcome() == outcome::ambiguous);
    // The same calls at run time give the same answers.
    CHECK(tally::check(tally::change{153, 387}, "more than twice as high").holds());
    CHECK(parse_claim("fell by 34.8%").number == n(348, 1));
    CHECK(tally::check(tally::change{14247, 24138}, "a 63% jump").outcome() == outcome::does_not_hold);
}

TEST_CASE("a multiple in words has no written precision and is read as about that multiple") {
    // "doubled" with the 5% "about" tolerance: 2 * (1 -+ 0.05) = [1.9, 2.1]
    CHECK(tally::check(change{100, 190}, "doubled").on_boundary());  // 190/100 = 1.9, the lower end
    CHECK_FALSE(tally::check(change{100, 189}, "doubled").holds());  // 1.89
    CHECK(tally::check(change{100, 210}, "doubled").on_boundary());  // 2.1, the upper end
    CHECK_FALSE(tally::check(change{100, 211}, "doubled").holds());  // 2.11
    // the reviewer's cases: 1.5 and 2.49 times are not "doubled" or "twice as high"
    CHECK_FALSE(tally::check(change{100, 150}, "doubled").holds());
    CHECK_FALSE(tally::check(change{100, 249}, "twice as high").holds());
    // "tripled": [2.85, 3.15]; "halved": [0.475, 0.525]; "eight times as high": [7.6, 8.4]
    CHECK(tally::check(change{100, 285}, "tripled").on_boundary());
    CHECK_FALSE(tally::check(change{100, 284}, "tripled").holds());
    CHECK(tally::check(change{200, 105}, "halved").on_boundary());  // 105/200 = 0.525
    CHECK_FALSE(tally::check(change{200, 106}, "halved").holds());
    CHECK(tally::check(change{100, 760}, "eight times as high").on_boundary());
    CHECK_FALSE(tally::check(change{100, 759}, "eight times as high").holds());
    // in digits, "8 times" keeps its written precision [7.5, 8.5]: 7.59 holds
    CHECK(tally::check(change{100, 759}, "8 times as high").holds());
    CHECK_FALSE(tally::check(change{100, 851}, "8 times as high").holds());
    // a wider "about" widens the words too: 10% gives [1.8, 2.2]
    const tally::claim_options wide{{10, 100}, {5, 100}, {5, 100}};
    CHECK(tally::check(change{100, 180}, "doubled", wide).on_boundary());
    CHECK_FALSE(tally::check(change{100, 179}, "doubled", wide).holds());
    // "eight times higher": about 8 [7.6, 8.4] or about 9 [8.55, 9.45]; 100 -> 850 is 8.5, in neither
    CHECK(tally::check(change{100, 850}, "eight times higher").outcome() == outcome::does_not_hold);
    CHECK(tally::check(change{100, 855}, "eight times higher").outcome() == outcome::ambiguous);
    // 153 -> 387 (2.53 times): 153 * 1.9 = 290.7 -> 291; 153 * 2.1 = 321.3 -> 321
    const auto v = tally::check(change{153, 387}, "twice as high");
    REQUIRE(v.implied());
    CHECK(v.implied()->lower == 291);
    CHECK(v.implied()->upper == 321);
    CHECK(v.explain() == "is 2.53 times as high, from 153 to 387; \"twice as high\" allows 1.9..2.1 times, so the "
                         "claim does not hold; it would hold for a later value of 291..321.");
    CHECK(v.provenance().applied == tally::tolerance{5, 100});
}

TEST_CASE("floating inputs within their rounding of a closed bound are on that bound") {
    // 29.65 - 28.6 is 1.0499999999999972 in binary, for the decimal 1.05: the lower end of "1.1" = [1.05, 1.15]
    const auto v = tally::check(change<double>{28.6, 29.65}, "rose by 1.1 percentage points");
    CHECK(v.holds());
    CHECK(v.on_boundary());
    CHECK_FALSE(v.exact());
    CHECK(v.explain() == "rose by 1.05 percentage points, from 28.6% to 29.65%; \"a rise of 1.1 percentage points\" "
                         "allows a rise of 1.05..1.15 percentage points, so the claim holds, on the boundary of what "
                         "it allows.");
    // the upper end: 29.75 - 28.6 for 1.15
    CHECK(tally::check(change<double>{28.6, 29.75}, "rose by 1.1 percentage points").on_boundary());
    // a hundredth outside is outside, and the later values it names exclude 29.64
    const auto out = tally::check(change<double>{28.6, 29.64}, "rose by 1.1 percentage points");
    CHECK_FALSE(out.holds());
    REQUIRE(out.implied());
    CHECK(out.implied()->lower == doctest::Approx(29.65));
    CHECK(out.implied()->lower > 29.64);
    // a value: the double nearest 1.15 is 1.1499999999999999, the lower end of "1.2" = [1.15, 1.25]
    CHECK(tally::check(1.15, "1.2").on_boundary());
    CHECK_FALSE(tally::check(1.1499, "1.2").holds());
    // a share: 100 * 0.145 / 1 is 14.499999999999998 in binary, the lower end of "15%" = [14.5, 15.5]
    CHECK(tally::check(tally::share<double>{0.145, 1.0}, "15% of all incidents").on_boundary());
    // integer inputs stay exact: 2000 -> 2099 is exactly +4.95%, 2000 -> 2098 is +4.9%
    CHECK(tally::check(change{2000, 2099}, "up 5.0%").on_boundary());
    CHECK_FALSE(tally::check(change{2000, 2098}, "up 5.0%").holds());
}

TEST_CASE("floating parts and wholes are written as floating text, never through an integer") {
    const auto nan = tally::check(tally::share<double>{3, std::numeric_limits<double>::quiet_NaN()}, "30% of all incidents");
    CHECK(nan.outcome() == outcome::undefined);
    CHECK(nan.explain() == "\"30% of the whole\" cannot be checked: for the part 3 of nan, a value is not a number.");
    // 3.7 of 10 is 37%: the part is written as 3.7, not 3
    CHECK(tally::check(tally::share<double>{3.7, 10}, "37% of all incidents").explain() ==
          "is 37% (3.7 of 10); \"37% of the whole\" allows 36.5%..37.5%, so the claim holds.");
}

TEST_CASE("a total past its type's range is refused, naming the years and values") {
    const tally::time_series<int, double> huge{{2015, 1e308}, {2016, 1e308}};
    CHECK_THROWS_WITH_AS((void)tally::check(huge, "a total of 1 between 2015 and 2016"),
                         "the sum of the values from 2015 to 2016 passes the largest finite value of their type: "
                         "1e+308 in 2016 added to the running total of 1e+308.",
                         tally::overflow_error);
    constexpr std::int64_t top = std::numeric_limits<std::int64_t>::max();
    const tally::time_series<int, std::int64_t> big{{2015, top}, {2016, top}};
    // 2 * (2^63 - 1) = 18446744073709551614
    CHECK_THROWS_WITH_AS((void)tally::check(big, "a total of 1 between 2015 and 2016"),
                         "the sum of the values from 2015 to 2016, 18446744073709551614, does not fit in a 64-bit "
                         "signed integer.",
                         tally::overflow_error);
}

TEST_CASE("a bare number after a direction word is the difference, and pc is per cent") {
    // "up 12 from 100": to - from = 12 within [11.5, 12.5]; 100 -> 112 holds, with the earlier value stated
    const auto c = parse_claim("up 12 from 100");
    CHECK(c.kind == claim_kind::difference);
    CHECK(c.stated_direction == direction::rise);
    CHECK(c.number == n(12));
    CHECK(c.stated_from == n(100));
    CHECK(tally::check(change{100, 112}, "up 12 from 100").holds());
    CHECK_FALSE(tally::check(change{100, 113}, "up 12 from 100").holds());  // a difference of 13
    CHECK(tally::check(change{100, 112}, "up 12 from 100").explain() ==
          "rose by 12, from 100 to 112; \"a rise of 12\" allows a rise of 11.5..12.5, so the claim holds.");
    // "fell by 30": 594 -> 564
    CHECK(tally::check(change{594, 564}, "fell by 30").holds());
    // a number after a marker stays a stated value: "387, down from 594"
    CHECK(parse_claim("387, down from 594").kind == claim_kind::direction);
    // "pc" is per cent: 100 -> 112 is +12%
    const auto pc = parse_claim("rose 12pc");
    CHECK(pc.kind == claim_kind::percent_change);
    CHECK(pc.number == n(12));
    CHECK(tally::parse_claim_details("rose 12pc").skipped_count == 0);
    CHECK(tally::parse_claim_details("rose 12 pc").claim.kind == claim_kind::percent_change);
    CHECK(tally::check(change{100, 112}, "rose 12pc").holds());
}

TEST_CASE("a bare percent is a signed change against a change and a share against a share") {
    // 81/72 = 1.125 exactly: +12.5%, the lower end of "13%" = [12.5, 13.5]
    static_assert(tally::check(change{72, 81}, "13%").holds());
    const auto v = tally::check(change{72, 81}, "13%");
    CHECK(v.on_boundary());
    CHECK(v.explain() == "rose by 12.5%, from 72 to 81; \"13%\" allows a change of 12.5%..13.5%, so the claim holds, "
                         "on the boundary of what it allows.");
    // a fall does not hold for +13%; "-6%" is a fall: 100 -> 94
    CHECK_FALSE(tally::check(change{81, 72}, "13%").holds());
    CHECK(tally::check(change{100, 94}, "-6%").holds());
    // against a share it stays a share: 10,213 of 34,223 is 29.84%
    CHECK(tally::check(tally::share{10213, 34223}, "30%").holds());
    // "a 110% surge": "surge" is a rise word; "assaults" is the subject
    const auto surge = tally::parse_claim_details("a 110% surge in assaults");
    CHECK(surge.claim.kind == claim_kind::percent_change);
    CHECK(surge.claim.stated_direction == direction::rise);
    CHECK(surge.skipped_count == 1);
    CHECK_FALSE(tally::check(change{4963, 10213}, "a 110% surge in assaults").holds());
    // beside a word it cannot read, a bare percent has no known sign: refused, never checked as a rise
    CHECK_THROWS_WITH_AS((void)tally::parse_claim("the economy shrivelled 0.2%"),
                         "tally cannot read a claim in \"the economy shrivelled 0.2%\": it states \"0.2%\" but not whether "
                         "it is a rise, a fall or a share, and it could not read \"economy\", \"shrivelled\".",
                         tally::parse_error);
}

TEST_CASE("explanations agree with their verdicts") {
    // 100 -> 100 is no change; "a 0% rise" allows (0, 0.5]: the open end at 0 is said
    CHECK(tally::check(change{100, 100}, "a 0% rise").explain() ==
          "did not change, from 100 to 100; \"a rise of 0%\" allows a rise of more than 0% and at most 0.5%, so the "
          "claim does not hold at its stated precision.");
    // 1 -> 2^64 - 1 is 18446744073709551615 times, printed from the integers, not through a double
    constexpr std::uint64_t top = std::numeric_limits<std::uint64_t>::max();
    CHECK(tally::check(change<std::uint64_t>{1, top}, "more than twice as high").explain() ==
          "is 18446744073709551615 times as high, from 1 to 18,446,744,073,709,551,615; \"more than twice as high\" "
          "allows more than 2 times, so the claim holds.");
    // "1 percentage point", singular
    CHECK(tally::check(change{29.8, 28.8}, "fell by 1 percentage point").explain() ==
          "fell by 1 percentage point, from 29.8% to 28.8%; \"a fall of 1 percentage point\" allows a fall of "
          "0.5..1.5 percentage points, so the claim holds.");
}

TEST_CASE("claim text is limited in length and must be UTF-8, and messages quote at most 80 characters") {
    // 4,097 bytes: one past the limit
    const std::string long_text = "rose 5% " + std::string(4089, 'x');
    CHECK_THROWS_WITH_AS((void)parse_claim(long_text),
                         ("tally cannot read a claim in \"rose 5% " + std::string(72, 'x') +
                          "\u2026\" (4,097 bytes): it is 4,097 bytes long, and tally reads claims of at most 4,096 bytes.")
                             .c_str(),
                         tally::parse_error);
    // 4,096 bytes is read: the x's are one skipped word
    CHECK(tally::parse_claim_details("rose 5% " + std::string(4088, 'x')).claim.kind == claim_kind::percent_change);
    // invalid bytes are refused by offset, and written as \xFF, never echoed
    CHECK_THROWS_WITH_AS((void)parse_claim("rose \xff\xfe 5%"),
                         "tally cannot read a claim in \"rose \\xFF\\xFE 5%\": it is not valid UTF-8: the byte at offset 5 "
                         "does not start or continue a character.",
                         tally::parse_error);
    // an overlong form and a lone continuation byte
    CHECK_THROWS_AS((void)parse_claim("rose \xc0\xaf 5%"), tally::parse_error);
    CHECK_THROWS_AS((void)parse_claim("\x80"), tally::parse_error);
    // valid UTF-8 is read: an en dash is punctuation
    CHECK(tally::check(change{100, 105}, "rose \u2013 5%").holds());
    // a long message about a readable text is cut at 80 characters too
    const std::string words = "the sky " + std::string(100, 'b');
    CHECK_THROWS_WITH_AS((void)parse_claim(words),
                         ("tally cannot read a claim in \"the sky " + std::string(72, 'b') +
                          "\u2026\" (108 bytes): it has no figure, direction, magnitude or number tally reads, and it "
                          "could not read \"sky\", \"" + std::string(100, 'b') + "\".")
                             .c_str(),
                         tally::parse_error);
}

TEST_CASE("a span named backwards is refused, naming both years") {
    CHECK_THROWS_WITH_AS((void)parse_claim("a 110% rise between 2017 and 2015"),
                         "tally cannot read a claim in \"a 110% rise between 2017 and 2015\": its earlier time, 2017, "
                         "is after its later time, 2015; name the earlier time first.",
                         tally::parse_error);
    CHECK_THROWS_AS((void)tally::check(staff, "a 110% rise from 2018 to 2015"), tally::parse_error);
    CHECK(parse_claim("a 110% rise between 2015 and 2018").from_time.year == 2015);
}

TEST_CASE("check: a year the series' time type cannot hold is missing, never wrapped") {
    // 2016 does not fit in int8_t; a cast would wrap it to -32
    const tally::time_series<std::int8_t, int> s{{-33, 100}, {-32, 110}};
    CHECK_THROWS_WITH_AS((void)tally::check(s, "a 10% rise in 2016"), "no observation at 2016 in a series covering -33..-32.",
                         tally::missing_observation);
}
