// Tests for tally/rank.hpp: pandas' rank methods. Expected ranks are worked
// out by hand in the comments.
#include <tally/rank.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <list>
#include <vector>

namespace {
constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

bool same_values(const std::vector<double>& got, const std::vector<double>& want) {
    if (got.size() != want.size()) return false;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (std::isnan(got[i]) || std::isnan(want[i])) {
            if (!(std::isnan(got[i]) && std::isnan(want[i]))) return false;
        } else if (std::fabs(got[i] - want[i]) > 1e-15) {
            return false;
        }
    }
    return true;
}

// 3, 1, 3, NaN, 2, 3, -0, 0: the six values in order are
//   -0 0 | 1 | 2 | 3 3 3     (positions 1-2, 3, 4, 5-7)
// -0 and 0 tie; the NaN has no rank; 7 values are ranked.
const std::vector<double> x{3, 1, 3, nan_v, 2, 3, -0.0, 0.0};
} // namespace

TEST_CASE("rank: each method ranks ties as pandas, ascending") {
    using tally::rank_method;
    CHECK(same_values(tally::rank(x), {6, 3, 6, nan_v, 4, 6, 1.5, 1.5}));  // average of 5..7 and of 1..2
    CHECK(same_values(tally::rank(x, rank_method::min), {5, 3, 5, nan_v, 4, 5, 1, 1}));
    CHECK(same_values(tally::rank(x, rank_method::max), {7, 3, 7, nan_v, 4, 7, 2, 2}));
    // first: ties by order of appearance (the 3s at positions 0, 2, 5 get 5, 6, 7)
    CHECK(same_values(tally::rank(x, rank_method::first), {5, 3, 6, nan_v, 4, 7, 1, 2}));
    // dense: 0 -> 1, 1 -> 2, 2 -> 3, 3 -> 4
    CHECK(same_values(tally::rank(x, rank_method::dense), {4, 2, 4, nan_v, 3, 4, 1, 1}));
}

TEST_CASE("rank: descending ranks the largest 1 and still breaks `first` ties by appearance") {
    using tally::rank_method;
    // descending order: 3 3 3 | 2 | 1 | 0 -0  (positions 1-3, 4, 5, 6-7)
    const tally::rank_options down{.ascending = false};
    CHECK(same_values(tally::rank(x, rank_method::average, down), {2, 5, 2, nan_v, 4, 2, 6.5, 6.5}));
    CHECK(same_values(tally::rank(x, rank_method::min, down), {1, 5, 1, nan_v, 4, 1, 6, 6}));
    CHECK(same_values(tally::rank(x, rank_method::max, down), {3, 5, 3, nan_v, 4, 3, 7, 7}));
    CHECK(same_values(tally::rank(x, rank_method::first, down), {1, 5, 2, nan_v, 4, 3, 6, 7}));
    CHECK(same_values(tally::rank(x, rank_method::dense, down), {1, 3, 1, nan_v, 2, 1, 4, 4}));
}

TEST_CASE("rank: pct divides by the number ranked, and dense by its highest rank") {
    using tally::rank_method;
    const tally::rank_options pct{.pct = true};
    CHECK(same_values(tally::rank(x, rank_method::min, pct), {5.0 / 7, 3.0 / 7, 5.0 / 7, nan_v, 4.0 / 7, 5.0 / 7,
                                                              1.0 / 7, 1.0 / 7}));
    CHECK(same_values(tally::rank(x, rank_method::dense, pct), {1, 0.5, 1, nan_v, 0.75, 1, 0.25, 0.25}));
}

TEST_CASE("rank: infinities are the extremes, integers compare exactly, empty input gives nothing") {
    CHECK(same_values(tally::rank(std::vector<double>{inf_v, 0, -inf_v, nan_v}), {3, 2, 1, nan_v}));
    // 2^53 and 2^53 + 1 are equal as doubles but not as integers
    const std::vector<std::int64_t> big{(std::int64_t{1} << 53) + 1, std::int64_t{1} << 53};
    CHECK(same_values(tally::rank(big), {2, 1}));
    CHECK(tally::rank(std::vector<double>{}).empty());
    CHECK(same_values(tally::rank(std::vector<double>{nan_v, nan_v}, tally::rank_method::average, {.pct = true}),
                      {nan_v, nan_v}));
    // a range that is not contiguous
    CHECK(same_values(tally::rank(std::list<int>{5, 5, 1}), {2.5, 2.5, 1}));
}

TEST_CASE("rank: a series gives a series with its times") {
    const tally::time_series<int, int> s{{2019, 40}, {2020, 10}, {2021, 40}};
    const auto r = tally::rank(s, tally::rank_method::max);
    CHECK(std::vector<int>(r.times().begin(), r.times().end()) == std::vector<int>{2019, 2020, 2021});
    CHECK(same_values(std::vector<double>(r.values().begin(), r.values().end()), {3, 1, 3}));
}
