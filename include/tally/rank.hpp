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
// O(n log n): one sort of the positions by value.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <numeric>
#include <ranges>
#include <span>
#include <vector>

#include "detail/concepts.hpp"
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
    std::vector<std::size_t> order;
    order.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if constexpr (std::floating_point<T>) {
            if (std::isnan(x[i])) continue;
        }
        order.push_back(i);
    }
    // Ties keep their order of appearance (a stable sort), which is what
    // `first` ranks by in both directions.
    if (options.ascending) {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    } else {
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[b] < x[a]; });
    }
    const std::size_t m = order.size();
    std::size_t groups = 0;
    for (std::size_t lo = 0; lo < m;) {
        std::size_t hi = lo + 1;
        while (hi < m && !(x[order[lo]] < x[order[hi]]) && !(x[order[hi]] < x[order[lo]])) ++hi;
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
            out[order[k]] = r;
        }
        lo = hi;
    }
    if (options.pct && m > 0) {
        const double divisor = static_cast<double>(method == rank_method::dense ? groups : m);
        for (std::size_t i : order) out[i] /= divisor;
    }
    return out;
}

} // namespace detail

template <period Time, arithmetic Value>
time_series<Time, double> rank(const time_series<Time, Value>& s, rank_method method, rank_options options) {
    const auto times = s.times();
    return time_series<Time, double>(detail::known_sorted_unique, std::vector<Time>(times.begin(), times.end()),
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
