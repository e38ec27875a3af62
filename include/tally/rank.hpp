#pragma once
// tally/rank.hpp: the rank of each value among the others, as pandas'
// Series.rank.
//
//   tally::rank(s);                                   // average ranks, 1 = smallest
//   tally::rank(s, tally::rank_method::dense, {.ascending = false});
//   tally::rank(values, tally::rank_method::min, {.pct = true});   // a std::vector<double>
//
// Methods for tied values (pandas' names):
//   average  the mean of the positions the ties occupy (pandas' default)
//   min      the lowest of them;   max  the highest
//   first    by order of appearance (among ties, the earlier value ranks lower,
//            ascending or descending)
//   dense    as min, but the next distinct value ranks one higher
// NaN values have no rank (NaN), as pandas' na_option='keep'; +-inf rank as
// the largest and smallest values; -0.0 and 0.0 tie. With pct = true each
// rank is divided by the number of values ranked (by the highest rank for
// dense), as pandas. Integers are compared exactly.
//
// O(n log n): one sort of (value, position) pairs.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <numeric>
#include <ranges>
#include <span>
#include <utility>
#include <vector>

#include "fwd.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// How tied values are ranked (pandas' method=).
enum class rank_method { average, min, max, first, dense };

/// The options of rank; each defaults as pandas.
struct rank_options {
    /// 1 is the smallest value (true) or the largest (false).
    bool ascending = true;
    /// Ranks as fractions of the number ranked (pandas' pct=True).
    bool pct = false;
};

/// The rank of each value of the series, labelled with its times; NaN for NaN.
template <period Time, arithmetic Value>
[[nodiscard]] time_series<Time, double> rank(const time_series<Time, Value>& s,
                                             rank_method method = rank_method::average, rank_options options = {});

/// The rank of each value of a sized range, in its order; NaN for NaN.
template <std::ranges::forward_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] std::vector<double> rank(const Range& values, rank_method method = rank_method::average,
                                       rank_options options = {});

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

template <class T>
[[nodiscard]] std::vector<double> rank_values(std::span<const T> x, rank_method method, rank_options options) {
    const std::size_t n = x.size();
    std::vector<double> out(n, std::numeric_limits<double>::quiet_NaN());
    // (value, position) pairs sorted by value, ties by position: the order
    // `first` ranks by, ascending or descending.
    std::vector<std::pair<T, std::size_t>> sorted;
    sorted.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if constexpr (std::floating_point<T>) {
            if (std::isnan(x[i])) continue;
        }
        sorted.emplace_back(x[i], i);
    }
    if (options.ascending) {
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            return a.first < b.first || (!(b.first < a.first) && a.second < b.second);
        });
    } else {
        std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
            return b.first < a.first || (!(a.first < b.first) && a.second < b.second);
        });
    }
    const std::size_t m = sorted.size();
    std::size_t groups = 0;
    for (std::size_t lo = 0; lo < m;) {
        std::size_t hi = lo + 1;
        while (hi < m && !(sorted[lo].first < sorted[hi].first) && !(sorted[hi].first < sorted[lo].first)) ++hi;
        ++groups;
        // positions lo..hi-1 hold ranks lo+1..hi
        for (std::size_t k = lo; k < hi; ++k) {
            double r = 0;
            switch (method) {
            case rank_method::average: r = (static_cast<double>(lo + 1) + static_cast<double>(hi)) / 2; break;
            case rank_method::min: r = static_cast<double>(lo + 1); break;
            case rank_method::max: r = static_cast<double>(hi); break;
            case rank_method::first: r = static_cast<double>(k + 1); break;
            case rank_method::dense: r = static_cast<double>(groups); break;
            }
            out[sorted[k].second] = r;
        }
        lo = hi;
    }
    if (options.pct && m > 0) {
        const double divisor = static_cast<double>(method == rank_method::dense ? groups : m);
        for (const auto& [value, i] : sorted) out[i] /= divisor;
    }
    return out;
}

} // namespace detail

template <period Time, arithmetic Value>
time_series<Time, double> rank(const time_series<Time, Value>& s, rank_method method, rank_options options) {
    const auto times = s.times();
    return time_series<Time, double>(unchecked_sorted_unique, std::vector<Time>(times.begin(), times.end()),
                                     detail::rank_values(s.values(), method, options));
}

template <std::ranges::forward_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
std::vector<double> rank(const Range& values, rank_method method, rank_options options) {
    using T = std::ranges::range_value_t<Range>;
    if constexpr (std::ranges::contiguous_range<Range>) {
        return detail::rank_values(std::span<const T>(std::ranges::data(values), std::ranges::size(values)), method,
                                   options);
    } else {
        const std::vector<T> copy(std::ranges::begin(values), std::ranges::end(values));
        return detail::rank_values(std::span<const T>(copy), method, options);
    }
}

} // namespace tally
