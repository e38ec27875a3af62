// tally-check's readers of cells: numbers as tables write them, and the five
// calendars and 12-month totals a time column may hold.
#include "../numbers.hpp"
#include "../times.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace {

std::optional<tally_check::number> number_of(std::string_view s, tally_check::number_problem& p) {
    return tally_check::read_number(s, p);
}

} // namespace

TEST_CASE("read_number: integers are read exactly, with or without thousands separators") {
    tally_check::number_problem p{};
    const struct {
        std::string_view text;
        std::int64_t value;
    } cases[] = {{"10213", 10213},  {"10,213", 10213}, {"-5", -5}, {"+5", 5}, {"0", 0},
                 {"1,234,567", 1234567}, {"9223372036854775807", std::numeric_limits<std::int64_t>::max()},
                 {"-9,223,372,036,854,775,808", std::numeric_limits<std::int64_t>::min()}};
    for (const auto& c : cases) {
        CAPTURE(c.text);
        const auto n = number_of(c.text, p);
        REQUIRE(n.has_value());
        CHECK(n->integral);
        CHECK(n->integer == c.value);
        CHECK(p == tally_check::number_problem::none);
    }
}

TEST_CASE("read_number: a decimal point makes a double") {
    tally_check::number_problem p{};
    const auto a = number_of("28.6", p);
    REQUIRE(a.has_value());
    CHECK_FALSE(a->integral);
    CHECK(a->real == 28.6);
    const auto b = number_of("1,234.5", p);
    REQUIRE(b.has_value());
    CHECK(b->real == 1234.5);
    const auto c = number_of(".5", p);
    REQUIRE(c.has_value());
    CHECK(c->real == 0.5);
}

TEST_CASE("read_number: separators that do not group by three are refused, not dropped") {
    tally_check::number_problem p{};
    for (std::string_view text : {"1,0213", "10,21", ",213", "1,,213", "1234,567", "1,234,56"}) {
        CAPTURE(text);
        CHECK_FALSE(number_of(text, p).has_value());
        CHECK(p == tally_check::number_problem::bad_grouping);
    }
}

TEST_CASE("read_number: text, markers and empty cells are not numbers, and say which") {
    tally_check::number_problem p{};
    CHECK_FALSE(number_of("", p).has_value());
    CHECK(p == tally_check::number_problem::empty);
    for (std::string_view text : {"84z9", "..", "x", "-", "12%", "1.2.3", "1e5", "0x10", " 5"}) {
        CAPTURE(text);
        CHECK_FALSE(number_of(text, p).has_value());
        CHECK(p == tally_check::number_problem::not_a_number);
    }
    CHECK_FALSE(number_of("9223372036854775808", p).has_value());
    CHECK(p == tally_check::number_problem::too_large);
    CHECK(tally_check::problem_text(tally_check::number_problem::bad_grouping) ==
          "is not a number: its thousands separators do not group by three");
}

TEST_CASE("read_time: each of the five calendars and 12-month totals is read from its form") {
    using tally_check::calendar;
    using tally_check::read_time;
    using tally_check::time_point;
    CHECK(read_time("2015") == time_point{calendar::year, 2015, 0, 0});
    CHECK(read_time("2019 Q1") == time_point{calendar::quarter, 2019, 1, 0});
    CHECK(read_time("2019Q4") == time_point{calendar::quarter, 2019, 4, 0});
    CHECK(read_time("2019-Q2") == time_point{calendar::quarter, 2019, 2, 0});
    CHECK(read_time("2019-03") == time_point{calendar::month, 2019, 3, 0});
    CHECK(read_time("2018/19") == time_point{calendar::fiscal, 2018, 0, 0});
    CHECK(read_time("1999/00") == time_point{calendar::fiscal, 1999, 0, 0});
    CHECK(read_time("2019-03-31") == time_point{calendar::day, 2019, 3, 31});
    CHECK(read_time("2020-02-29") == time_point{calendar::day, 2020, 2, 29});
    CHECK(read_time("12m-to-2018-09") == time_point{calendar::rolling, 2018, 9, 0});
}

TEST_CASE("read_time: impossible or unknown forms are not times") {
    for (std::string_view text : {"20l5", "2019 Q5", "2019 Q0", "2019-13", "2019-00", "2018/20", "2019-02-29",
                                  "2019-04-31", "12m-to-2018-13", "12m-to-2018", "2015.0", "", "FY2018",
                                  "12345", "2019-3", "March 2019"}) {
        CAPTURE(text);
        CHECK_FALSE(tally_check::read_time(text).has_value());
    }
}

TEST_CASE("time_point: converts to tally's calendar types") {
    const tally_check::time_point q{tally_check::calendar::quarter, 2019, 1, 0};
    CHECK(q.as_quarter() == tally::year_quarter{2019, 1});
    const tally_check::time_point f{tally_check::calendar::fiscal, 2018, 0, 0};
    CHECK(f.as_fiscal() == tally::uk_fiscal_year{2018});
    const tally_check::time_point d{tally_check::calendar::day, 2019, 3, 31};
    CHECK(d.as_day() == std::chrono::year{2019} / std::chrono::March / std::chrono::day{31});
}
