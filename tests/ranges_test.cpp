// time_series as a C++20 range: the range concepts it models, and views
// and algorithms over it, its times() and its values().
//
// clang++ 14 cannot compile any range adaptor of libstdc++ 12 (every view
// derives from std::ranges::view_interface, whose constraints clang 14
// checks too early), so the tests of views are compiled only where the
// toolchain can: g++, newer clang, or clang with another standard library.
// The concepts and the algorithms are tested everywhere.
#include <tally/stats.hpp>
#include <tally/time_series.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iterator>
#include <numeric>
#include <ranges>
#include <span>
#include <type_traits>
#include <vector>

namespace {

using series = tally::time_series<int, int>;
using observation = tally::observation<int, int>;

// Removals of accounts, 2015..2019 (the worked examples' series).
const series removals{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

// The views below take observations by value: the iterator yields each
// observation as a prvalue, so a projection must not return a reference
// into it (std::views::transform(&observation::time) would dangle).
constexpr auto time_of = [](observation o) { return o.time; };
constexpr auto value_of = [](observation o) { return o.value; };

} // namespace

#if defined(__clang__) && __clang_major__ < 15 && defined(__GLIBCXX__)
#define TALLY_TEST_VIEWS 0
#else
#define TALLY_TEST_VIEWS 1
#endif

// The range concepts a series models, and the ones it does not.
static_assert(std::ranges::random_access_range<series>);
static_assert(std::ranges::sized_range<series>);
static_assert(std::ranges::common_range<series>);
static_assert(std::ranges::random_access_range<const series>);
static_assert(std::ranges::viewable_range<const series&>);
static_assert(!std::ranges::view<series>);
// Observations are made on the fly from the two columns, so they are not
// contiguous and not assignable through the iterator.
static_assert(!std::ranges::contiguous_range<series>);
static_assert(!std::ranges::output_range<series, observation>);
static_assert(std::same_as<std::ranges::range_value_t<series>, observation>);
static_assert(std::same_as<std::ranges::range_reference_t<series>, observation>);
static_assert(std::random_access_iterator<series::iterator>);
static_assert(std::sized_sentinel_for<series::iterator, series::iterator>);
// The columns are contiguous spans.
static_assert(std::ranges::contiguous_range<decltype(removals.times())>);
static_assert(std::ranges::contiguous_range<decltype(removals.values())>);
static_assert(std::same_as<decltype(removals.values()), std::span<const int>>);
// The statistics take numbers: a series is not a range of numbers (its
// observations are pairs), its values() is.
static_assert(!tally::arithmetic_range<series>);
static_assert(tally::arithmetic_range<decltype(removals.values())>);
template <class R>
concept has_mean = requires(R&& r) { tally::mean(r); };
static_assert(!has_mean<const series&>);
static_assert(has_mean<std::span<const int>>);

TEST_CASE("ranges: size, distance and indexing agree") {
    CHECK(std::ranges::size(removals) == 5);
    CHECK(std::ranges::distance(removals) == 5);
    CHECK(std::ranges::distance(removals.begin(), removals.end()) == 5);
    const auto it = std::ranges::begin(removals);
    CHECK(it[3] == observation{2018, 594});
    CHECK(*(it + 4) == observation{2019, 387});
    CHECK(*(std::ranges::end(removals) - 1) == observation{2019, 387});
    CHECK((std::ranges::end(removals) - it) == 5);
}

TEST_CASE("ranges: a range-for loop gives the observations in time order with structured bindings") {
    std::vector<int> years;
    int total = 0;
    for (auto [year, count] : removals) {
        years.push_back(year);
        total += count;
    }
    CHECK(years == std::vector<int>{2015, 2016, 2017, 2018, 2019});
    // 153 + 462 + 527 + 594 + 387 = 2123.
    CHECK(total == 2123);
}

#if TALLY_TEST_VIEWS
TEST_CASE("ranges: views::transform pipelines over the observations") {
    auto years = removals | std::views::transform(time_of);
    CHECK(std::vector<int>(years.begin(), years.end()) == std::vector<int>{2015, 2016, 2017, 2018, 2019});
    static_assert(std::ranges::random_access_range<decltype(years)>);
    static_assert(std::ranges::sized_range<decltype(years)>);

    // The years with more than 400 removals: 2016 (462), 2017 (527), 2018 (594).
    auto busy = removals | std::views::filter([](observation o) { return o.value > 400; }) |
                std::views::transform(time_of);
    CHECK(std::vector<int>(busy.begin(), busy.end()) == std::vector<int>{2016, 2017, 2018});

    // The last two, newest first.
    auto recent = removals | std::views::reverse | std::views::take(2) | std::views::transform(value_of);
    CHECK(std::vector<int>(recent.begin(), recent.end()) == std::vector<int>{387, 594});

    auto later = removals | std::views::drop(3);
    CHECK(std::ranges::size(later) == 2);
    CHECK(*later.begin() == observation{2018, 594});
}
#endif

TEST_CASE("ranges: algorithms with projections find the year of the peak") {
    const auto peak = std::ranges::max_element(removals, {}, value_of);
    CHECK(*peak == observation{2018, 594});
    const auto low = std::ranges::min_element(removals, {}, value_of);
    CHECK((*low).time == 2015);
    CHECK(std::ranges::count_if(removals, [](observation o) { return o.value < 400; }) == 2);
    CHECK((*std::ranges::find(removals, 2017, time_of)).value == 527);
    CHECK(std::ranges::is_sorted(removals, {}, time_of));
}

TEST_CASE("ranges: times() and values() give the columns like views::keys and views::values") {
    CHECK(std::ranges::equal(removals.times(), std::vector<int>{2015, 2016, 2017, 2018, 2019}));
    CHECK(std::ranges::equal(removals.values(), std::vector<int>{153, 462, 527, 594, 387}));
    CHECK(std::accumulate(removals.values().begin(), removals.values().end(), 0) == 2123);
    CHECK(*std::ranges::max_element(removals.values()) == 594);
#if TALLY_TEST_VIEWS
    CHECK(std::ranges::equal(removals.values(), removals | std::views::transform(value_of)));
    // The column views compose like any span.
    auto doubled = removals.values() | std::views::transform([](int v) { return 2 * v; });
    CHECK(std::vector<int>(doubled.begin(), doubled.end()) == std::vector<int>{306, 924, 1054, 1188, 774});
#endif
}

#if TALLY_TEST_VIEWS
TEST_CASE("ranges: a series is built from views of times and values") {
    auto years = std::views::iota(2015, 2020);
    auto counts = std::views::iota(1, 6) | std::views::transform([](int i) { return i * 100; });
    const series s(years, counts);
    CHECK(s.size() == 5);
    CHECK(s.at(2019) == 500);
}
#endif

TEST_CASE("ranges: the statistics run over a series' values()") {
    // (153 + 462 + 527 + 594 + 387) / 5 = 2123 / 5 = 424.6; the middle of 153, 387, 462, 527, 594 is 462.
    CHECK(tally::mean(removals.values()) == doctest::Approx(424.6));
    CHECK(tally::median(removals.values()) == doctest::Approx(462.0));
}

TEST_CASE("ranges: a series is built from the columns of another series' chosen observations") {
    std::vector<int> t;
    std::vector<int> v;
    for (auto [year, count] : removals) {
        if (year % 2 == 1) {
            t.push_back(year);
            v.push_back(count);
        }
    }
    const series odd(t, v);
    // The odd years: 2015, 2017, 2019.
    CHECK(std::ranges::equal(odd.times(), std::vector<int>{2015, 2017, 2019}));
    CHECK(odd.at(2017) == 527);
}

TEST_CASE("ranges: a series with std::chrono::year times is a random-access range too") {
    using std::chrono::year;
    const tally::time_series<year, double> s{{year{2018}, 594.0}, {year{2019}, 387.0}};
    static_assert(std::ranges::random_access_range<decltype(s)>);
    const auto peak = std::ranges::max_element(s, {}, [](auto o) { return o.value; });
    CHECK((*peak).time == year{2018});
#if TALLY_TEST_VIEWS
    auto years = s | std::views::transform([](auto o) { return static_cast<int>(o.time); });
    CHECK(std::vector<int>(years.begin(), years.end()) == std::vector<int>{2018, 2019});
#endif
}
