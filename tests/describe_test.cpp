// Tests for tally/describe.hpp: the sentence a careful reporter would write,
// and the round trip describe -> parse_claim -> check.
#include <tally/claims.hpp>
#include <tally/describe.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>

using tally::change;
using tally::describe;

TEST_CASE("describe: the article's changes in a reporter's words") {
    // ITV / PoliticsHome: 594 (2018) -> 387 (2019): -207/594 = -34.848% -> "34.8%"
    CHECK(describe(change{594, 387}) == "fell by 34.8%, from 594 to 387");
    // 153 (2015) -> 387 (2019): 387/153 = 2.5294 -> "2.53 times"
    CHECK(describe(change{153, 387}) == "more than doubled (2.53 times), from 153 to 387");
    // MoJ staff assaults 4,963 -> 10,213: +105.78%
    CHECK(describe(change{4963, 10213}) == "more than doubled (2.06 times), from 4,963 to 10,213");
    // 8,429 -> 10,213: +1784/8429 = +21.165%
    CHECK(describe(change{8429, 10213}) == "rose by 21.2%, from 8,429 to 10,213");
    CHECK(describe(change{8429, 10213}, 2) == "rose by 21.17%, from 8,429 to 10,213");
    // staff share of all assaults: 4963/20518 = 24.19% -> 10213/34223 = 29.84%: +5.654 points
    CHECK(describe(tally::share{4963, 20518}, tally::share{10213, 34223}) ==
          "rose by 5.7 percentage points, from 24.2% to 29.8%");
}

TEST_CASE("describe: multiples, no change, and bases with no relative change") {
    CHECK(describe(change{100, 200}) == "doubled, from 100 to 200");
    CHECK(describe(change{100, 300}) == "tripled, from 100 to 300");
    CHECK(describe(change{100, 500}) == "was 5 times as high, from 100 to 500");
    CHECK(describe(change{100, 512}) == "was more than 5 times as high (5.12 times), from 100 to 512");
    CHECK(describe(change{153, 153}) == "was unchanged at 153");
    CHECK(describe(change{0, 5}) == "rose, from 0 to 5");
    CHECK(describe(change{-2, -7}) == "fell, from -2 to -7");
    // rounding is half away from zero and exact: 72 -> 81 is exactly +12.5%; 2000 -> 1303 exactly -34.85%
    CHECK(describe(change{72, 81}, 0) == "rose by 13%, from 72 to 81");
    CHECK(describe(change{2000, 1303}) == "fell by 34.9%, from 2,000 to 1,303");
    CHECK(describe(change{1.5, 2.25}) == "rose by 50%, from 1.5 to 2.25");
    CHECK_THROWS_WITH_AS((void)describe(change{1, 2}, 7), "a description has 0 to 6 decimals, not 7.",
                         tally::invalid_argument);
}

TEST_CASE("describe: trailing zeros are trimmed, as in every other tally text") {
    // 5 -> 3 is -2/5 = exactly -40%: "40", not "40.0"
    CHECK(describe(change<unsigned>{5, 3}) == "fell by 40%, from 5 to 3");
    CHECK(describe(change<unsigned>{5, 3}, 3) == "fell by 40%, from 5 to 3");
    // 100 -> 250 is 2.5 times: "2.5", not "2.50"
    CHECK(describe(change{100, 250}) == "more than doubled (2.5 times), from 100 to 250");
    // floating: 0.5 -> 0.3 is -40%
    CHECK(describe(change{0.5, 0.25}) == "fell by 50%, from 0.5 to 0.25");
    // 1 of 4 (25%) -> 26 of 100 (26%) is +1 point: singular
    CHECK(describe(tally::share{1, 4}, tally::share{26, 100}) == "rose by 1 percentage point, from 25% to 26%");
}

TEST_CASE("round trip: describe, parse the sentence, check it against the same change") {
    std::mt19937_64 random(20200207);
    std::uniform_int_distribution<std::int64_t> base(-20, 2000000);
    std::uniform_int_distribution<std::int64_t> later(-20, 20000000);
    std::uniform_int_distribution<std::int64_t> factor(0, 12);
    std::uniform_int_distribution<int> decimals(0, 4);
    int failures = 0;
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t from = base(random);
        // every third pair is an exact multiple, to reach "doubled" and "was 5 times as high"
        const std::int64_t to = i % 3 == 0 ? from * factor(random) : later(random);
        const int d = decimals(random);
        const std::string text = describe(change{from, to}, d);
        const auto v = tally::check(change{from, to}, text);
        if (!v.holds()) {
            ++failures;
            CAPTURE(text);
            CHECK(v.holds());
        }
    }
    CHECK(failures == 0);
    // and for shares, in percentage points
    std::uniform_int_distribution<std::int64_t> whole(1, 100000);
    for (int i = 0; i < 5000; ++i) {
        const std::int64_t w1 = whole(random), w2 = whole(random);
        const tally::share<std::int64_t> a{std::uniform_int_distribution<std::int64_t>(0, w1)(random), w1};
        const tally::share<std::int64_t> b{std::uniform_int_distribution<std::int64_t>(0, w2)(random), w2};
        const std::string text = describe(a, b, decimals(random));
        if (text.starts_with("was unchanged")) continue;
        const auto v = tally::check(a, b, text);
        if (!v.holds()) {
            CAPTURE(text);
            CHECK(v.holds());
        }
    }
}
