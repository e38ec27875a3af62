// Tests for tally/time_series.hpp (and the integral-year and
// std::chrono::year calendars it relies on).
#include <tally/time_series.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <list>
#include <random>
#include <ranges>
#include <string>
#include <utility>
#include <vector>

using tally::time_series;

namespace {
// Social media accounts removed at the request of prison authorities, England and Wales.
// 2015-2018: MoJ answer to a PA freedom-of-information request (ITV News, 2019-04-01);
// 2019: HMPPS freedom-of-information release (PoliticsHome, February 2020).
const time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};
} // namespace

static_assert(std::ranges::random_access_range<time_series<int, int>>);
static_assert(std::ranges::sized_range<time_series<int, int>>);
static_assert(tally::period<int>);
static_assert(tally::period<std::chrono::year>);
static_assert(!tally::period<double>, "a floating time has no calendar");

TEST_CASE("time_series: holds times in order with their values") {
    CHECK(removals.size() == 5);
    CHECK_FALSE(removals.empty());
    CHECK(std::ranges::equal(removals.times(), std::array{2015, 2016, 2017, 2018, 2019}));
    CHECK(std::ranges::equal(removals.values(), std::array{153, 462, 527, 594, 387}));
    CHECK(removals.first_time() == 2015);
    CHECK(removals.last_time() == 2019);
}

TEST_CASE("time_series: at finds a value by its time") {
    CHECK(removals.at(2019) == 387);
    CHECK(removals.at(2015) == 153);
    CHECK(removals.contains(2017));
    CHECK_FALSE(removals.contains(2020));
    REQUIRE(removals.find(2018) != nullptr);
    CHECK(*removals.find(2018) == 594);
    CHECK(removals.find(2014) == nullptr);
}

TEST_CASE("time_series: a missing time throws, naming it and the span covered") {
    CHECK_THROWS_WITH_AS((void)removals.at(2020), "no observation at 2020 in a series covering 2015..2019.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)removals.change(2014, 2019), "no observation at 2014 in a series covering 2015..2019.",
                         tally::missing_observation);
    const time_series<int, int> empty;
    CHECK_THROWS_WITH_AS((void)empty.at(2020), "no observation at 2020 in an empty series.",
                         tally::missing_observation);
    CHECK_THROWS_WITH_AS((void)empty.first_time(), "an empty series has no first time.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)empty.last_time(), "an empty series has no last time.", tally::undefined_result);
}

TEST_CASE("time_series: a gap in the middle is missing, not interpolated") {
    const time_series<int, int> gappy{{2015, 1}, {2017, 3}};
    CHECK_THROWS_WITH_AS((void)gappy.at(2016), "no observation at 2016 in a series covering 2015..2017.",
                         tally::missing_observation);
}

TEST_CASE("time_series: change between two times is a tally::change") {
    const tally::change<int> c = removals.change(2018, 2019);
    CHECK(c == tally::change{594, 387});
    CHECK(c.difference() == -207);
    CHECK(removals.change(2015, 2019).ratio() == doctest::Approx(387.0 / 153.0));
}

TEST_CASE("time_series: unsorted input is sorted by time") {
    const time_series<int, int> shuffled{{2019, 387}, {2015, 153}, {2017, 527}, {2016, 462}, {2018, 594}};
    CHECK(shuffled == removals);
}

TEST_CASE("time_series: a repeated time throws, naming it") {
    CHECK_THROWS_WITH_AS((time_series<int, int>{{2018, 594}, {2019, 387}, {2018, 600}}),
                         "the time 2018 appears more than once; a series holds one value per time.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, int>(std::vector{2015, 2015}, std::vector{1, 2})),
                         "the time 2015 appears more than once; a series holds one value per time.",
                         tally::invalid_argument);
}

TEST_CASE("time_series: ranges of different lengths throw, naming both lengths") {
    CHECK_THROWS_WITH_AS((time_series<int, int>(std::vector{2015, 2016, 2017}, std::vector{1, 2})),
                         "a series needs one value per time, but 3 times and 2 values were given.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, int>(std::vector{2015}, std::vector{1, 2, 3, 4})),
                         "a series needs one value per time, but 1 times and 4 values were given.",
                         tally::invalid_argument);
}

TEST_CASE("time_series: built from any input ranges") {
    const std::list<int> years{2016, 2015};
    const std::deque<double> values{2.5, 1.5};
    const time_series<int, double> s(years, values);
    CHECK(s.at(2015) == doctest::Approx(1.5));
    const auto doubled = std::views::iota(0, 3) | std::views::transform([](int i) { return 2 * i; });
    const time_series<int, int> t(std::views::iota(2000, 2003), doubled);
    CHECK(t.at(2002) == 4);
}

TEST_CASE("time_series: sorted_unique input is checked, not sorted") {
    const time_series<int, int> s(tally::sorted_unique, {2015, 2016}, {1, 2});
    CHECK(s.at(2016) == 2);
    CHECK_THROWS_WITH_AS((time_series<int, int>(tally::sorted_unique, {2016, 2015}, {1, 2})),
                         "times given as sorted are not: 2016 comes before 2015.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, int>(tally::sorted_unique, {2016, 2016}, {1, 2})),
                         "times given as sorted are not: 2016 comes before 2016.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, int>(tally::sorted_unique, {2016}, {1, 2})),
                         "a series needs one value per time, but 1 times and 2 values were given.",
                         tally::invalid_argument);
}

TEST_CASE("time_series: iteration yields observations in time order") {
    std::vector<int> years, counts;
    for (auto [year, count] : removals) {
        years.push_back(year);
        counts.push_back(count);
    }
    CHECK(years == std::vector{2015, 2016, 2017, 2018, 2019});
    CHECK(counts == std::vector{153, 462, 527, 594, 387});
    CHECK(removals.begin()[4].value == 387);
    CHECK(removals.end() - removals.begin() == 5);
    CHECK((*(removals.end() - 1)).time == 2019);
    auto big = removals | std::views::filter([](auto o) { return o.value > 500; });
    CHECK(std::ranges::distance(big) == 2);
}

TEST_CASE("time_series: insert keeps times ordered and refuses a repeat") {
    time_series<int, int> s{{2015, 153}, {2019, 387}};
    s.insert(2017, 527);
    s.insert(2020, 1);
    CHECK(std::ranges::equal(s.times(), std::array{2015, 2017, 2019, 2020}));
    CHECK(std::ranges::equal(s.values(), std::array{153, 527, 387, 1}));
    CHECK_THROWS_WITH_AS(s.insert(2017, 1), "the time 2017 is already in the series; a series holds one value per time.",
                         tally::invalid_argument);
    s.insert_or_assign(2017, 528);
    s.insert_or_assign(2016, 462);
    CHECK(s.at(2017) == 528);
    CHECK(s.at(2016) == 462);
}

TEST_CASE("time_series: construction is invariant under the order of its input") {
    std::mt19937 rng(2019);
    std::vector<int> years(200);
    std::iota(years.begin(), years.end(), 1900);
    std::vector<double> values(years.size());
    std::ranges::transform(years, values.begin(), [](int y) { return y * 0.5; });
    const time_series<int, double> sorted(years, values);
    for (int round = 0; round < 50; ++round) {
        std::vector<std::size_t> order(years.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::ranges::shuffle(order, rng);
        std::vector<int> t;
        std::vector<double> v;
        for (std::size_t i : order) {
            t.push_back(years[i]);
            v.push_back(values[i]);
        }
        REQUIRE(time_series<int, double>(t, v) == sorted);
    }
}

TEST_CASE("time_series: std::chrono::year times") {
    using std::chrono::year;
    const time_series<year, int> s{{year{2018}, 594}, {year{2019}, 387}};
    CHECK(s.change(year{2018}, year{2019}).difference() == -207);
    CHECK_THROWS_WITH_AS((void)s.at(year{2020}), "no observation at 2020 in a series covering 2018..2019.",
                         tally::missing_observation);
}

TEST_CASE("time_series: NaN values are kept as given") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const time_series<int, double> s{{2015, 1.0}, {2016, nan}};
    CHECK(std::isnan(s.at(2016)));
}

TEST_CASE("period: integral years and std::chrono::year step one year at a time") {
    CHECK(tally::next_period(2019) == 2020);
    CHECK(tally::previous_period(2019) == 2018);
    CHECK(tally::advance(2019, -4) == 2015);
    CHECK(tally::periods_between(2015, 2018) == 3);
    CHECK(tally::years_between(2015, 2018) == doctest::Approx(3));
    CHECK(tally::time_text(2019) == "2019");
    using std::chrono::year;
    CHECK(tally::next_period(year{2019}) == year{2020});
    CHECK(tally::periods_between(year{2015}, year{2019}) == 4);
    CHECK(tally::time_text(year{-44}) == "-44");
}

TEST_CASE("period: stepping past the time type's range throws instead of wrapping") {
    CHECK_THROWS_WITH_AS((void)tally::next_period(std::int16_t{32767}),
                         "the year 32768, 1 period from 32767, is outside the range of the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::advance(std::numeric_limits<std::int64_t>::min(), -1),
                         "the year -9223372036854775809, -1 period from -9223372036854775808, is outside the "
                         "range of the series' time type.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::next_period(std::chrono::year{32767}),
                         "the year 32768, 1 period from 32767, is outside the range of std::chrono::year.",
                         tally::overflow_error);
    CHECK_THROWS_WITH_AS((void)tally::periods_between(std::numeric_limits<std::int64_t>::min(),
                                                      std::numeric_limits<std::int64_t>::max()),
                         "the number of years from -9223372036854775808 to 9223372036854775807 does not fit in a "
                         "64-bit signed integer.",
                         tally::overflow_error);
}

TEST_CASE("time_series: a change with both times missing names the earlier one") {
    CHECK_THROWS_WITH_AS((void)removals.change(2013, 2021), "no observation at 2013 in a series covering 2015..2019.",
                         tally::missing_observation);
}

TEST_CASE("time_series: a time or value that would not convert exactly is refused, naming it") {
    CHECK_THROWS_WITH_AS((time_series<int, int>(std::vector{2015, 2016}, std::vector{1.0, 2.7})),
                         "the value 2.7 given for 2016 does not fit the series' value type exactly.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, unsigned>(std::vector{2015}, std::vector{-1})),
                         "the value -1 given for 2015 does not fit the series' value type exactly.",
                         tally::invalid_argument);
    // 2^53 + 1 = 9007199254740993 has no double
    CHECK_THROWS_WITH_AS((time_series<int, double>(std::vector{2015}, std::vector<std::int64_t>{9007199254740993})),
                         "the value 9007199254740993 given for 2015 does not fit the series' value type exactly.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, int>(std::vector<long long>{2015, 2015 + (1LL << 32)}, std::vector{1, 2})),
                         "the time 4294969311 does not fit the series' time type; a series stores its times exactly.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((time_series<int, float>(std::vector{2015}, std::vector{0.1})),
                         "the value 0.1 given for 2015 does not fit the series' value type exactly.",
                         tally::invalid_argument);
    // exact conversions pass, NaN included
    const time_series<int, double> widened(std::vector<short>{2015, 2016},
                                           std::vector{1.5f, std::numeric_limits<float>::quiet_NaN()});
    CHECK(widened.at(2015) == doctest::Approx(1.5));
    CHECK(std::isnan(widened.at(2016)));
    const time_series<int, int> whole(std::vector{2015}, std::vector{3.0});
    CHECK(whole.at(2015) == 3);
}

TEST_CASE("time_series: built from ranges of calendar times") {
    using namespace std::chrono;
    const std::vector<year_month> months{2019y / March, 2019y / January};
    const time_series<year_month, int> s(months, std::vector{3, 1});
    CHECK(s.first_time() == 2019y / January);
    CHECK(s.at(2019y / March) == 3);
}

TEST_CASE("time_series: the in-place sort orders times and values as a stable sort of the pairs does") {
    // detail::sort_pairs against std::stable_sort of (time, value) pairs on
    // the orders that trouble quicksorts: random, sorted, reversed, organ
    // pipe, sawtooth, few distinct times (repeats), all equal, and sizes on
    // both sides of the insertion-sort cut-off. With repeated times the
    // order of their values is unspecified, so the values of each time are
    // compared as sorted sets.
    std::mt19937_64 rng(20260101);
    std::size_t checked = 0;
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{15}, std::size_t{16},
                                std::size_t{17}, std::size_t{18}, std::size_t{100}, std::size_t{1000},
                                std::size_t{4097}}) {
        for (int pattern = 0; pattern < 8; ++pattern) {
            std::vector<std::int64_t> times(n);
            for (std::size_t i = 0; i < n; ++i) {
                const auto si = static_cast<std::int64_t>(i);
                const auto sn = static_cast<std::int64_t>(n);
                switch (pattern) {
                case 0: times[i] = static_cast<std::int64_t>(rng() % 1000000007); break;
                case 1: times[i] = si; break;
                case 2: times[i] = sn - si; break;
                case 3: times[i] = si < sn / 2 ? si : sn - si; break;
                case 4: times[i] = si % 7; break;
                case 5: times[i] = static_cast<std::int64_t>(rng() % 3); break;
                case 6: times[i] = 42; break;
                default: times[i] = (si * 7919) % (sn + 1); break;
                }
            }
            std::vector<double> values(n);
            for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<double>(i);
            std::vector<std::pair<std::int64_t, double>> want(n);
            for (std::size_t i = 0; i < n; ++i) want[i] = {times[i], values[i]};
            std::ranges::stable_sort(want, {}, &std::pair<std::int64_t, double>::first);
            tally::detail::sort_pairs(times.data(), values.data(), n);
            std::vector<std::pair<std::int64_t, double>> got(n);
            for (std::size_t i = 0; i < n; ++i) got[i] = {times[i], values[i]};
            // Equal times: compare their values as sets.
            std::ranges::sort(got);
            std::ranges::sort(want);
            CAPTURE(n);
            CAPTURE(pattern);
            CHECK(std::ranges::is_sorted(times));
            CHECK(got == want);
            ++checked;
        }
    }
    CHECK(checked == 80);
}

TEST_CASE("time_series: a million shuffled times give the series a sorted copy would") {
    std::mt19937_64 rng(99);
    const std::size_t n = 1000000;
    std::vector<int> times(n);
    for (std::size_t i = 0; i < n; ++i) times[i] = static_cast<int>(i) * 3 - 1000000;
    std::vector<int> shuffled = times;
    std::ranges::shuffle(shuffled, rng);
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<double>(shuffled[i]) / 3.0;
    const time_series<int, double> s(shuffled, values);
    REQUIRE(s.size() == n);
    CHECK(std::ranges::equal(s.times(), times));
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < n; ++i) wrong += s.values()[i] == static_cast<double>(times[i]) / 3.0 ? 0U : 1U;
    CHECK(wrong == 0);
    // A repeat anywhere is refused, naming the smallest repeated time.
    shuffled[n / 2] = shuffled[n / 3];
    const int smallest = shuffled[n / 3];
    const std::string message =
        "the time " + std::to_string(smallest) + " appears more than once; a series holds one value per time.";
    CHECK_THROWS_WITH_AS((time_series<int, double>(shuffled, values)), message.c_str(), tally::invalid_argument);
}
