// Tests of tally/chart.hpp. Bar lengths are derived by hand in the
// comments: length = round(value / greatest * width), halves up.
//
// The test "svg_bar_chart: the chart a test writes ..." writes
// chart_test.svg into the working directory; the ctest entry
// chart_svg_is_xml then parses it as XML.
#include <tally/chart.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <limits>
#include <string>

namespace {

// Removals of accounts, 2015..2019 (the worked examples' series).
const tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

std::size_t occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

} // namespace

TEST_CASE("text_bar_chart: bars are proportional to the values and changes are marked") {
    // width 20, greatest 594: 153 -> 5.15 -> 5; 462 -> 15.56 -> 16; 527 -> 17.74 -> 18;
    // 594 -> 20; 387 -> 13.03 -> 13. Each bar is padded to 20, then a space and the value.
    CHECK(tally::text_bar_chart(removals, {.width = 20}) ==
          "2015 |#####                153\n"
          "2016 |################     462  rise\n"
          "2017 |##################   527  rise\n"
          "2018 |#################### 594  rise\n"
          "2019 |#############        387  fall\n");
}

TEST_CASE("text_bar_chart: values are labelled with thousands separators and right-aligned") {
    // greatest 10,213: 4,963 -> 4.86 -> 5 of 10.
    const tally::time_series<int, int> assaults{{2015, 4963}, {2018, 10213}};
    CHECK(tally::text_bar_chart(assaults, {.width = 10}) ==
          "2015 |#####       4,963\n"
          "2018 |########## 10,213  rise on 2015\n");
}

TEST_CASE("text_bar_chart: a gap is named, a NaN value has no bar, and no change is marked") {
    // greatest 1,234.5: 1000 -> 8.10 -> 8 of 10. 2018 is compared with 2015,
    // the latest earlier value (2017 has none); 2019 with 2018, the year before.
    const tally::time_series<int, double> s{{2015, 1234.5}, {2017, missing}, {2018, 1000.0}, {2019, 1000.0}};
    CHECK(tally::text_bar_chart(s, {.width = 10}) ==
          "2015 |##########  1,234.5\n"
          "2017 |           no value\n"
          "2018 |########    1,000.0  fall on 2015\n"
          "2019 |########    1,000.0  no change\n");
}

TEST_CASE("text_bar_chart: a title, another bar character, decimals, and no marks") {
    // greatest 2: 0.5 -> 2.5 -> 3 (half up); 2 -> 10.
    const tally::time_series<int, double> s{{2015, 2.0}, {2016, 0.5}};
    CHECK(tally::text_bar_chart(s, {.width = 10, .bar = '=', .decimals = 2, .mark_changes = false,
                                    .title = "Rate per 1,000"}) ==
          "Rate per 1,000\n"
          "2015 |========== 2.00\n"
          "2016 |===        0.50\n");
}

TEST_CASE("text_bar_chart: all values zero draw no bars") {
    const tally::time_series<int, int> s{{2015, 0}, {2016, 0}};
    CHECK(tally::text_bar_chart(s, {.width = 4}) ==
          "2015 |     0\n"
          "2016 |     0  no change\n");
}

TEST_CASE("text_bar_chart: bar lengths are exact for the largest integers") {
    // greatest 2^63 - 1; (2^63 - 1) / 2 rounds down to 2^62 - 1, a share just under
    // one half, so 4.99... of 10 -> 5.
    constexpr auto big = std::numeric_limits<std::int64_t>::max();
    const tally::time_series<int, std::int64_t> s{{1, big}, {2, big / 2}};
    CHECK(tally::text_bar_chart(s, {.width = 10, .mark_changes = false}) ==
          "1 |########## 9,223,372,036,854,775,807\n"
          "2 |#####      4,611,686,018,427,387,903\n");
    // unsigned: 2^64 - 1 and 1: 1 / (2^64 - 1) * 10 -> 0.
    constexpr auto ubig = std::numeric_limits<std::uint64_t>::max();
    const tally::time_series<int, std::uint64_t> u{{1, ubig}, {2, 1}};
    CHECK(tally::text_bar_chart(u, {.width = 3}) ==
          "1 |### 18,446,744,073,709,551,615\n"
          "2 |                             1  fall\n");
}

TEST_CASE("text_bar_chart: works with std::chrono::year times") {
    using std::chrono::year;
    const tally::time_series<year, int> s{{year{2018}, 594}, {year{2019}, 387}};
    // 387 / 594 * 4 = 2.61 -> 3.
    CHECK(tally::text_bar_chart(s, {.width = 4}) ==
          "2018 |#### 594\n"
          "2019 |###  387  fall\n");
}

TEST_CASE("text_bar_chart: a gap in months is named, consecutive quarters are not") {
    using namespace std::chrono;
    // 2019-04 follows 2019-01: three months on, so its mark names 2019-01.
    // greatest 30: 10 -> 2 of 6.
    const tally::time_series<year_month, int> months{{year{2019} / January, 10}, {year{2019} / April, 30}};
    CHECK(tally::text_bar_chart(months, {.width = 6}) ==
          "2019-01 |##     10\n"
          "2019-04 |###### 30  rise on 2019-01\n");
    const tally::time_series<tally::year_quarter, int> quarters{{tally::year_quarter{2018, 4}, 30},
                                                                {tally::year_quarter{2019, 1}, 10}};
    CHECK(tally::text_bar_chart(quarters, {.width = 6}) ==
          "2018 Q4 |###### 30\n"
          "2019 Q1 |##     10  fall\n");
}

TEST_CASE("text_bar_chart: what cannot be drawn throws invalid_argument naming it") {
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(tally::time_series<int, int>{}),
                         "a bar chart needs at least one observation; the series is empty.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(tally::time_series<int, int>{{2018, 5}, {2019, -3}}),
                         "a bar chart draws bars from zero, so it needs values of 0 or more; the value at 2019 is -3.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS(
        (void)tally::text_bar_chart(tally::time_series<int, double>{{2019, std::numeric_limits<double>::infinity()}}),
        "a bar chart needs finite values; the value at 2019 is inf.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(removals, {.width = 0}),
                         "a text bar chart's width must be 1..1000 characters; it is 0.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(removals, {.width = 1001}),
                         "a text bar chart's width must be 1..1000 characters; it is 1001.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(removals, {.decimals = 18}),
                         "a bar chart's decimals must be 0..17; they are 18.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::text_bar_chart(removals, {.bar = '\n'}),
                         "a text bar chart's bar character must be printable ASCII; it is code 10.",
                         tally::invalid_argument);
}

TEST_CASE("xml_escape: the five XML special characters become entities") {
    CHECK(tally::xml_escape("a < b & \"c\" > 'd'") == "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;");
    CHECK(tally::xml_escape("tabs\tand\nlines stay; UTF-8 stays: \xE2\x80\x93") ==
          "tabs\tand\nlines stay; UTF-8 stays: \xE2\x80\x93");
    CHECK_THROWS_WITH_AS((void)tally::xml_escape("a\x01", "the chart's title"),
                         "the chart's title holds the control character with code 1, which XML cannot hold.",
                         tally::invalid_argument);
}

TEST_CASE("svg_bar_chart: one bar per value, labelled, with title and axis labels") {
    const auto svg = tally::svg_bar_chart(
        removals, {.title = "Accounts removed", .x_label = "Year", .y_label = "Accounts"});
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"360\"", 0) == 0);
    CHECK(svg.ends_with("</svg>\n"));
    CHECK(occurrences(svg, "<rect class=\"bar ") == 5);
    CHECK(occurrences(svg, "<rect class=\"bar first\"") == 1);
    CHECK(occurrences(svg, "<rect class=\"bar rise\"") == 3);
    CHECK(occurrences(svg, "<rect class=\"bar fall\"") == 1);
    CHECK(svg.find("<title>Accounts removed</title>") != std::string::npos);
    CHECK(svg.find(">Year</text>") != std::string::npos);
    CHECK(svg.find(">Accounts</text>") != std::string::npos);
    CHECK(svg.find("<title>2019: 387 (fall)</title>") != std::string::npos);
    CHECK(svg.find(">594</text>") != std::string::npos);
    CHECK(svg.find(">2015</text>") != std::string::npos);
}

TEST_CASE("svg_bar_chart: bar heights are proportional to the values") {
    // 640 x 360 with title, x label and y label: plot from x 40 to 624 (584 wide),
    // from y 58 (40 + 18 for value labels) to the baseline at 310 (360 - 50): 252 high.
    // Slot 584 / 2 = 292; bar 0.7 slot = 204.4 wide, starting 0.15 slot = 43.8 in.
    // 10,213 is 252 high; 4,963 is 4963 / 10213 * 252 = 122.46 high, so its top is at 187.54.
    const tally::time_series<int, int> assaults{{2015, 4963}, {2018, 10213}};
    const auto svg = tally::svg_bar_chart(assaults, {.title = "t", .x_label = "x", .y_label = "y"});
    CHECK(svg.find("<rect class=\"bar first\" x=\"83.8\" y=\"187.54\" width=\"204.4\" height=\"122.46\">") !=
          std::string::npos);
    CHECK(svg.find("<rect class=\"bar rise\" x=\"375.8\" y=\"58\" width=\"204.4\" height=\"252\">") !=
          std::string::npos);
    CHECK(svg.find(">10,213</text>") != std::string::npos);
    CHECK(svg.find("<title>2018: 10,213 (rise on 2015)</title>") != std::string::npos);
}

TEST_CASE("svg_bar_chart: text is escaped and a NaN value gets a label but no bar") {
    const tally::time_series<int, double> s{{2015, 2.0}, {2016, missing}, {2017, 1.0}};
    const auto svg = tally::svg_bar_chart(s, {.title = "Rates <per 1,000> & \"more\""});
    CHECK(svg.find("<title>Rates &lt;per 1,000&gt; &amp; &quot;more&quot;</title>") != std::string::npos);
    CHECK(svg.find("Rates <per") == std::string::npos);
    CHECK(occurrences(svg, "<rect class=\"bar ") == 2);
    CHECK(svg.find(">no value</text>") != std::string::npos);
    CHECK(svg.find("(fall on 2015)") != std::string::npos);
}

TEST_CASE("svg_bar_chart: bad options and bad text throw invalid_argument naming them") {
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(removals, {.width = 50}),
                         "an SVG chart's width must be 200..10000 pixels; it is 50.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(removals, {.height = 50}),
                         "an SVG chart's height must be 150..10000 pixels; it is 50.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(removals, {.bar_color = "red;x"}),
                         "the bar color \"red;x\" is not #rgb, #rrggbb or a color name.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(removals, {.y_label = "a\x1f"}),
                         "the chart's y label holds the control character with code 31, which XML cannot hold.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::svg_bar_chart(tally::time_series<int, int>{{2019, -1}}),
                         "a bar chart draws bars from zero, so it needs values of 0 or more; the value at 2019 is -1.",
                         tally::invalid_argument);
    CHECK_NOTHROW((void)tally::svg_bar_chart(removals, {.bar_color = "#abc"}));
    CHECK_NOTHROW((void)tally::svg_bar_chart(removals, {.bar_color = "steelblue"}));
}

TEST_CASE("svg_bar_chart: the chart a test writes to chart_test.svg for the XML check") {
    const tally::time_series<int, double> s{{2015, 1234.5}, {2016, missing}, {2017, 1000.0}, {2019, 1500.25}};
    const auto svg = tally::svg_bar_chart(
        s, {.title = "Assaults <on staff> & others", .x_label = "Year 'to March'", .y_label = "Count \"all\""});
    std::ofstream("chart_test.svg") << svg;
    CHECK(occurrences(svg, "<rect class=\"bar ") == 3);
}
