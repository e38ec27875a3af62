// tests/extremes_claims_test.cpp: the extremes matrix for the claims layer,
// through its public API as it stands (check(change, text), parse_claim(text),
// the claim factories and the verdict's accessors). The outcome rule is that
// of tests/extremes.hpp.

#include "extremes.hpp"

#include <tally/tally.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace {

using extremes::outcome;

/// Every accessor of a verdict, read; explain() must be text.
void read_all(const tally::verdict& v) {
    (void)v.holds();
    (void)v.outcome();
    (void)v.claim();
    (void)v.figure();
    const tally::interval allowed = v.allowed();
    (void)allowed.lower_unbounded();
    (void)allowed.upper_unbounded();
    (void)v.on_boundary();
    (void)v.implied();
    (void)v.implied_from();
    (void)v.why_undefined();
    (void)v.exact();
    (void)v.from();
    (void)v.to();
    (void)v.is_change();
    (void)v.readings();
    (void)v.provenance();
    (void)v.stated_values_match();
    outcome([&] { return v.explain(); }, [](const std::string& s) { return !s.empty(); });
}

const std::vector<std::string>& sentences() {
    static const std::vector<std::string> texts{
        "a 110% rise",
        "more than twice as high",
        "eight times higher",
        "a drop",
        "fell by 1.1 percentage points",
        "hundreds of",
        "11% of",
        "a total of 1,736",
        "a rise of 99999999999999%",
        "a rise of 0.000001%",
        "a rise of 1e400%",
        "fell by 100%",
        "a 100% fall",
        std::string(5000, '9'),
        "\xFF\xFE",
        "",
    };
    return texts;
}

} // namespace

TEST_CASE_TEMPLATE("extremes: check, parse_claim, parse_claim_details, skipped_words and every verdict accessor "
                   "(holds, outcome, figure, allowed, lower_unbounded, upper_unbounded, on_boundary, implied, "
                   "implied_from, exact, is_change, readings, provenance, stated_values_match, explain) over extreme "
                   "changes",
                   T, TALLY_EXTREME_TYPES) {
    for (T a : extremes::values<T>()) {
        for (T b : extremes::values<T>()) {
            const tally::change<T> c{a, b};
            for (const std::string& text : sentences()) {
                outcome([&] {
                    read_all(tally::check(c, text));
                    return 0;
                });
            }
            outcome([&] {
                read_all(tally::check(b, "more than 1,000"));
                return 0;
            });
            outcome([&] {
                read_all(tally::check(tally::share<T>{a, b}, "11% of"));
                return 0;
            });
            outcome([&] {
                read_all(tally::check(tally::share<T>{a, b}, tally::share<T>{b, a}, "rose by 1.3 percentage points"));
                return 0;
            });
        }
    }
}

TEST_CASE("extremes: parse_claim and parse_claim_details of hostile text") {
    for (const std::string& text : sentences()) {
        outcome([&] { return tally::to_string(tally::parse_claim(text)); });
        outcome([&] { return tally::parse_claim_details(text).skipped_words().size(); });
    }
}

TEST_CASE("extremes: claim factories percent_change, times_as_high, times_higher_than, direction_of, value, "
          "magnitude_of, share_of, points and total, with claim_time named and to_string") {
    for (std::string number : std::vector<std::string>{"0", "-0", "1", "99999999999999", "0.000001", "1e400", "", "1,000,000,000,000,000",
                               "-9223372036854775808", "18446744073709551616"}) {
        outcome([&] { return tally::to_string(tally::claim::percent_change(number, tally::direction::rise)); });
        outcome([&] { return tally::to_string(tally::claim::times_as_high(number)); });
        outcome([&] { return tally::to_string(tally::claim::times_higher_than(number)); });
        outcome([&] { return tally::to_string(tally::claim::value(number, tally::hedge::more_than)); });
        outcome([&] { return tally::to_string(tally::claim::share_of(number)); });
        outcome([&] { return tally::to_string(tally::claim::points(number, tally::direction::fall)); });
        outcome([&] { return tally::to_string(tally::claim::total(number)); });
    }
    CHECK(!tally::to_string(tally::claim::direction_of(tally::direction::fall)).empty());
    CHECK(!tally::to_string(tally::claim::magnitude_of(tally::magnitude::hundreds)).empty());
    CHECK(!tally::claim_time{}.named());
}

TEST_CASE("extremes: stated_number parse, value, text, words, is_fraction and has_written_precision of extreme "
          "numbers") {
    for (std::string text : std::vector<std::string>{"0", "-0", "1", "999999999999999", "9999999999999999", "0.000001", "0.0000001", "1e400",
                             "", "-", "1,00", "10,424", "-9223372036854775808"}) {
        outcome([&] {
            const auto n = tally::stated_number::parse(text);
            (void)n.value();
            (void)n.is_fraction();
            (void)n.has_written_precision();
            return n.text();
        });
    }
    CHECK(tally::stated_number::words(2).text() == "2");
}

// Every message quotes user text through detail::quote, which shows a NUL as
// \x00, so what() is never cut at a NUL.
TEST_CASE("extremes: parse_claim, check and stated_number parse of text holding a NUL quote it escaped") {
    for (const std::string& text : std::vector<std::string>{std::string("a 110% ri\0se", 12), std::string("1\0", 2)}) {
        outcome([&] { return tally::to_string(tally::parse_claim(text)); });
        outcome([&] { return tally::check(tally::change{1, 2}, text).holds(); });
        outcome([&] { return tally::stated_number::parse(text).text(); });
    }
}

// "up 1, or 21%" states two claims; each has its own outcome and the overall
// holds only when both do. INT64_MAX - 1 -> INT64_MAX: the difference is
// exactly 1 (holds); the percent is 100 / (2^63 - 2), about 1.1e-17 %, far
// below 20.5% (does not hold), so the overall does not hold.
TEST_CASE("extremes: figure_outcome and difference_outcome of a change between 64-bit extremes") {
    const auto v = tally::check(tally::change<std::int64_t>{INT64_MAX - 1, INT64_MAX}, "up 1, or 21%");
    CHECK(v.outcome() == tally::outcome::does_not_hold);
    CHECK(v.figure_outcome() == tally::outcome::does_not_hold);
    REQUIRE(v.difference_outcome().has_value());
    CHECK(*v.difference_outcome() == tally::outcome::holds);
    // A claim with no difference stated has no difference outcome.
    CHECK(!tally::check(tally::change<std::int64_t>{INT64_MIN, INT64_MAX}, "a rise").difference_outcome().has_value());
}
