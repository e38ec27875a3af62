#pragma once
// tally/detail/rolling_kernels.hpp: the loops behind tally/rolling.hpp.
//
// Nothing here is public API. Every window is a range [lo(i), hi(i)) of
// positions whose two ends never move backwards as i grows.
//
// count, sum, mean, var, std, min, max: the two-stack sliding aggregate
// (the queue of two stacks; for a fixed window it is the block scheme of
// van Herk, Pattern Recognit. Lett. 13 (1992) 517, and Gil & Werman, IEEE
// PAMI 15 (1993) 504, applied to any associative combination). The window is
// a "front" part, for which the aggregates of every suffix are kept, and a
// "back" part, aggregated as values arrive. When the front runs out, the
// back's values still in the window become the new front, their suffix
// aggregates computed once. Every value is added at most twice, so a pass is
// O(n), and no value is ever removed by subtraction: a window's result is
// computed from that window's values only, and rounding error does not
// travel along the series (large values long gone cannot spoil it). Where
// the caller gives a grid (sliding_on_grid), the front/back split of every
// window is a grid point, so a window's result is a function of its own
// values and the grid only. For windows of a fixed count (sliding_fixed_grid)
// the full windows are computed a block of the grid at a time, four blocks
// side by side so that their dependent additions overlap, with the same
// additions in the same order (so the same bits); min and max of NaN-free
// blocks keep only values, their counts being positions. The results are
// made in runs in the cache and appended, so the result's memory is written
// once.
//
// Aggregates: sums are Neumaier-compensated (ZAMM 54, 1974); moments are
// Welford's updates (Technometrics 4, 1962) combined by the pairwise formula
// of Chan, Golub & LeVeque (1979), each part carrying its own shift (its
// first value), so values near 1e9 with small offsets keep full precision
// and a constant window has a variance of exactly 0.
//
// median, quantile: order statistics of the window's valid values, in the
// order of a stable sort (by value, equal values by position, which decides
// the sign of a zero result). Windows of up to 32 values keep them in a
// sorted vector, a binary search and a move of at most w values per step.
// Longer windows (W the largest) go in chunks of max(W, 2048) outputs. The
// windows of a chunk cover at most chunk + W - 1 positions; their valid
// values are ranked once (a radix sort for double, at most 8 passes; a
// comparison sort for long double, O(log W) a value), and a window is the
// set of its values' ranks: a bit per rank, with a Fenwick tree of the
// count in each 64-bit word. A value arriving or leaving sets or clears its bit and
// updates O(log(W / 64)) counts; the k-th smallest value is found by
// descending the tree to its word and selecting the bit within it. So a
// pass is O(n log W), with O(W) scratch (a rank, a value and a sort key
// for each position of a chunk), and a window's result depends on its own
// values only.

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "numeric.hpp"

namespace tally::detail {

/// The positions of the windows. Fixed: the window of i ends at
/// min(n, i + offset + 1) and holds `width` positions (fewer at the ends);
/// variable: it starts at starts[i] and ends at i + 1.
struct window_bounds {
    std::size_t n = 0;
    std::size_t width = 0;
    std::size_t offset = 0;
    const std::size_t* starts = nullptr;  // variable windows when not null
    std::size_t capacity = 0;             // the largest window
    // The grid that decides where each window is split (see `sliding`).
    // Fixed windows: the positions p with (p + phase) % width == 0, when
    // `fixed_grid`. Variable windows: grid[0..grid_size), increasing, from 0.
    // Neither: no grid; the split follows the two-stack rule.
    bool fixed_grid = false;
    std::size_t phase = 0;
    const std::size_t* grid = nullptr;
    std::size_t grid_size = 0;

    [[nodiscard]] std::size_t lo(std::size_t i) const noexcept {
        if (starts) return starts[i];
        const std::size_t end = i + offset + 1;
        return end > width ? std::min(end - width, n) : 0;
    }
    [[nodiscard]] std::size_t hi(std::size_t i) const noexcept {
        if (starts) return i + 1;
        return std::min(n, i + offset + 1);
    }
};

/// The valid values and the rows (NaN or not) of a window.
template <class A>
struct count_aggregate {
    std::size_t count = 0;
    std::size_t rows = 0;
    template <class T>
    void add(T x) noexcept {
        count += is_nan(x) ? std::size_t{0} : std::size_t{1};
        ++rows;
    }
    /// add, for a value known not to be NaN.
    template <class T>
    void add_valid(T) noexcept {
        ++count;
        ++rows;
    }
    void merge(const count_aggregate& o) noexcept {
        count += o.count;
        rows += o.rows;
    }
};

template <class A>
struct sum_aggregate {
    std::size_t count = 0;
    A sum = 0;
    A compensation = 0;
    void add_value(A v) noexcept { neumaier_step(sum, compensation, v); }
    template <class T>
    void add(T x) noexcept {
        if (!is_nan(x)) add_valid(x);
    }
    template <class T>
    void add_valid(T x) noexcept {
        ++count;
        add_value(static_cast<A>(x));
    }
    void merge(const sum_aggregate& o) noexcept {
        count += o.count;
        add_value(o.sum);
        compensation += o.compensation;
    }
    [[nodiscard]] A value() const noexcept { return neumaier_value(sum, compensation); }
};

/// Count, shift, mean - shift and the sum of squared deviations M2.
template <class A>
struct moments_aggregate {
    std::size_t count = 0;
    A shift = 0;
    A mean = 0;  // relative to shift
    A m2 = 0;
    template <class T>
    void add(T x) noexcept {
        if (!is_nan(x)) add_valid(x);
    }
    template <class T>
    void add_valid(T x) noexcept {
        const A v = static_cast<A>(x);
        if (count == 0) {
            count = 1;
            shift = v;
            mean = 0;
            m2 = 0;
            return;
        }
        ++count;
        const A delta = (v - shift) - mean;
        mean += delta / static_cast<A>(count);
        m2 += delta * ((v - shift) - mean);
    }
    void merge(const moments_aggregate& o) noexcept {
        if (o.count == 0) return;
        if (count == 0) {
            *this = o;
            return;
        }
        const A na = static_cast<A>(count);
        const A nb = static_cast<A>(o.count);
        const A total = na + nb;
        const A delta = ((o.shift - shift) + o.mean) - mean;
        mean += delta * (nb / total);
        m2 += o.m2 + delta * delta * (na * nb / total);
        count += o.count;
    }
};

template <class A, bool is_max>
struct extreme_aggregate {
    std::size_t count = 0;
    A value = 0;
    template <class T>
    void add(T x) noexcept {
        if (!is_nan(x)) add_valid(x);
    }
    template <class T>
    void add_valid(T x) noexcept {
        const A v = static_cast<A>(x);
        if (count == 0 || (is_max ? v > value : v < value)) value = v;
        ++count;
    }
    void merge(const extreme_aggregate& o) noexcept {
        if (o.count == 0) return;
        if (count == 0 || (is_max ? o.value > value : o.value < value)) value = o.value;
        count += o.count;
    }
};

/// The largest grid point at or below a position, and whether a position
/// is a grid point; positions asked for never decrease.
class grid_cursor {
public:
    explicit grid_cursor(const window_bounds& b) noexcept : b_(b) {}
    [[nodiscard]] std::size_t at_or_below(std::size_t p) noexcept {
        if (b_.fixed_grid) {
            const std::size_t w = b_.width;
            const std::size_t r = (p + b_.phase) % w;  // p - r is a grid point when p >= r
            return p >= r ? p - r : 0;
        }
        while (below_ + 1 < b_.grid_size && b_.grid[below_ + 1] <= p) ++below_;
        return b_.grid[below_];
    }
    [[nodiscard]] bool contains(std::size_t p) noexcept {
        if (p == 0) return true;
        if (b_.fixed_grid) return (p + b_.phase) % b_.width == 0;
        while (at_ < b_.grid_size && b_.grid[at_] < p) ++at_;
        return at_ < b_.grid_size && b_.grid[at_] == p;
    }

private:
    const window_bounds& b_;
    std::size_t below_ = 0;
    std::size_t at_ = 0;
};

/// out[i] = finish(aggregate of the window of i), for windows split on a
/// grid. Each window [lo, hi) is split at s: the largest grid point in
/// (lo, hi]; when there is none, lo itself if it is a grid point (a window
/// that is the first part of a block; 0, the series' start, is one), else
/// hi. The window's aggregate is that of x[s-1], x[s-2], ..., x[lo] added
/// in that order, merged with that of x[s], ..., x[hi-1] added in order. So
/// a window's result depends on its own values and on where the grid
/// crosses it, nothing else; the caller anchors the grid on the series'
/// calendar, so a series that starts earlier or later gives the same
/// result, bit for bit, for a window holding the same observations. The
/// grid is at most one window apart, so s changes at most once per block
/// and each change costs one window: O(n) in all.
/// Only the outputs i in [first, last) are computed, into out[i - first];
/// each is what a whole pass would give it.
template <class Agg, class T, class R, class Finish>
void sliding_on_grid(const T* x, const window_bounds& bounds, R* out, Finish finish, std::size_t first,
                     std::size_t last) {
    grid_cursor grid(bounds);
    std::vector<Agg> suffix(std::min({bounds.capacity, bounds.n, std::size_t{4096}}));
    Agg back{};
    std::size_t hi = 0;
    std::size_t split = 0;
    std::size_t base = 0;  // suffix[j - base] aggregates [j, split)
    bool started = false;
    for (std::size_t i = first; i < last; ++i) {
        const std::size_t lo = bounds.lo(i);
        const std::size_t new_hi = bounds.hi(i);
        const std::size_t g = grid.at_or_below(new_hi);
        const std::size_t s = g > lo ? g : (grid.contains(lo) ? lo : new_hi);
        if (!started || s != split) {
            started = true;
            split = s;
            base = lo;
            if (s - lo > suffix.size()) suffix.resize(s - lo);
            Agg acc{};
            for (std::size_t j = s; j-- > lo;) {
                acc.add(x[j]);
                suffix[j - base] = acc;
            }
            back = Agg{};
            for (hi = s; hi < new_hi; ++hi) back.add(x[hi]);
        } else {
            for (; hi < new_hi; ++hi) back.add(x[hi]);
        }
        Agg window = lo < split ? suffix[lo - base] : Agg{};
        window.merge(back);
        out[i - first] = finish(window);
    }
}

/// The full windows of a fixed grid, a group of them at a time. The windows
/// that end (exclusive) at e in [g, g + width), g a grid point, are all
/// split at g: each is the aggregate of x[g - 1], x[g - 2], ..., x[e - width]
/// (a suffix, kept for every start) merged with that of x[g], ..., x[e - 1]
/// (a prefix, grown as e moves) -- the additions, in the order, that
/// sliding_on_grid makes, so the same results to the last bit. `Lanes`
/// groups, each `width` apart, go through the loops together: their
/// additions depend on nothing in each other's, so they overlap instead of
/// waiting for one another. A group computes the outputs of e in
/// [g + t0, g + t1); every lane of a call has the same t0 and t1, and the
/// output of e goes to out[e - g0 - t0] (so the lanes' outputs are one
/// contiguous run). `Valid`:
/// the caller has found no NaN in x[g0 - width + t0, g0 + (Lanes - 1) *
/// width + t1 - 1), so the adds skip their test.
template <std::size_t Lanes, bool Valid, class Agg, class T, class R, class Finish>
void grid_groups(const T* x, std::size_t width, std::size_t g0, std::size_t t0, std::size_t t1, Agg* scratch, R* out,
                 Finish& finish) {
    std::array<Agg, Lanes> acc{};
    const auto add = [](Agg& a, T v) {
        if constexpr (Valid) {
            a.add_valid(v);
        } else {
            a.add(v);
        }
    };
    // scratch[k * width + d] aggregates x[g_k - 1 - d .. g_k - 1]
    for (std::size_t d = 0; d < width - t0; ++d) {
        for (std::size_t k = 0; k < Lanes; ++k) {
            add(acc[k], x[g0 + k * width - 1 - d]);
            scratch[k * width + d] = acc[k];
        }
    }
    acc = {};  // now the prefixes
    for (std::size_t t = 0; t < t1; ++t) {
        if (t >= t0) {
            for (std::size_t k = 0; k < Lanes; ++k) {
                Agg window = scratch[k * width + (width - 1 - t)];
                window.merge(acc[k]);
                out[k * width + t - t0] = finish(window);
            }
        }
        if (t + 1 < t1) {
            for (std::size_t k = 0; k < Lanes; ++k) add(acc[k], x[g0 + k * width + t]);
        }
    }
}

/// grid_groups<Lanes, true> for min and max. With no NaN a window's count
/// is its width, so only the values are kept, lane by lane in one array
/// (scratch[d * Lanes + k]); the comparisons are grid_groups', in its
/// order, so the results are the same to the last bit (which of two equal
/// zeros is kept included), with a quarter of the memory traffic.
template <std::size_t Lanes, class A, bool is_max, class T, class R, class Finish>
void extreme_groups(const T* x, std::size_t width, std::size_t g0, std::size_t t0, std::size_t t1, A* scratch,
                    R* out, Finish& finish) {
    using Agg = extreme_aggregate<A, is_max>;
    const auto better = [](A v, A than) { return is_max ? v > than : v < than; };
    std::array<A, Lanes> acc{};
    for (std::size_t k = 0; k < Lanes; ++k) {
        acc[k] = static_cast<A>(x[g0 + k * width - 1]);
        scratch[k] = acc[k];
    }
    for (std::size_t d = 1; d < width - t0; ++d) {
        for (std::size_t k = 0; k < Lanes; ++k) {
            const A v = static_cast<A>(x[g0 + k * width - 1 - d]);
            acc[k] = better(v, acc[k]) ? v : acc[k];
            scratch[d * Lanes + k] = acc[k];
        }
    }
    // The prefixes. t = 0: the window is the suffix alone.
    if (t0 == 0) {
        for (std::size_t k = 0; k < Lanes; ++k) out[k * width] = finish(Agg{width, scratch[(width - 1) * Lanes + k]});
    }
    if (t1 < 2) return;  // no window past t = 0; x[g0] may be past the end
    for (std::size_t k = 0; k < Lanes; ++k) acc[k] = static_cast<A>(x[g0 + k * width]);
    for (std::size_t t = 1; t < t1; ++t) {
        if (t >= t0) {
            for (std::size_t k = 0; k < Lanes; ++k) {
                const A s = scratch[(width - 1 - t) * Lanes + k];
                out[k * width + t - t0] = finish(Agg{width, better(acc[k], s) ? acc[k] : s});
            }
        }
        if (t + 1 < t1) {
            for (std::size_t k = 0; k < Lanes; ++k) {
                const A v = static_cast<A>(x[g0 + k * width + t]);
                acc[k] = better(v, acc[k]) ? v : acc[k];
            }
        }
    }
}

// --- sums and moments of NaN-free blocks, two lanes to a register -------
//
// With GCC and Clang on x86-64 (SSE2) and AArch64, the four groups of a
// grid_groups call go two to a register (the vector extension
// __attribute__((vector_size)), baseline instructions only): each element of
// a register takes the steps sum_aggregate and moments_aggregate take, in
// their order, so the results are the same to the last bit; the counts,
// equal in every lane of a NaN-free block, are positions. Elsewhere
// grid_groups does the work, with the same results.
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__aarch64__))
#define TALLY_ROLLING_LANES 1
/// Two doubles in one register.
typedef double rolling_v2 __attribute__((vector_size(16)));
/// What comparing two rolling_v2 gives: all bits set where true.
using rolling_m2 = decltype(rolling_v2{} < rolling_v2{});

/// m ? a : b, element-wise.
[[nodiscard]] inline rolling_v2 v2_select(rolling_m2 m, rolling_v2 a, rolling_v2 b) noexcept {
    return std::bit_cast<rolling_v2>((std::bit_cast<rolling_m2>(a) & m) | (std::bit_cast<rolling_m2>(b) & ~m));
}

/// |x|, element-wise (the sign bit cleared: -0 gives +0, which compares as
/// -0 does).
[[nodiscard]] inline rolling_v2 v2_abs(rolling_v2 x) noexcept {
    constexpr rolling_v2 sign = {-0.0, -0.0};
    return std::bit_cast<rolling_v2>(std::bit_cast<rolling_m2>(x) & ~std::bit_cast<rolling_m2>(sign));
}

/// sum_aggregate<double>, two lanes; the count is kept by the caller.
struct sum_lanes2 {
    using scalar = sum_aggregate<double>;
    rolling_v2 sum{};
    rolling_v2 compensation{};
    /// scalar::add_value, element-wise: Neumaier's step, the comparison of
    /// |sum| and |v| deciding which of the two error terms is taken.
    void add_value(rolling_v2 v) noexcept {
        const rolling_v2 t = sum + v;
        const rolling_m2 big = v2_abs(sum) >= v2_abs(v);
        compensation += (v2_select(big, sum, v) - t) + v2_select(big, v, sum);
        sum = t;
    }
    /// scalar::add_valid of a value, `count_before` values having been added.
    void add(rolling_v2 v, std::size_t /*count_before*/) noexcept { add_value(v); }
    /// scalar::merge, this holding `na` values and o `nb`.
    void merge(const sum_lanes2& o, std::size_t /*na*/, std::size_t /*nb*/) noexcept {
        add_value(o.sum);
        compensation += o.compensation;
    }
    [[nodiscard]] scalar lane(std::size_t k, std::size_t count) const noexcept {
        return {count, sum[k], compensation[k]};
    }
};

/// moments_aggregate<double>, two lanes; the count is kept by the caller.
struct moments_lanes2 {
    using scalar = moments_aggregate<double>;
    rolling_v2 shift{};
    rolling_v2 mean{};
    rolling_v2 m2{};
    void add(rolling_v2 v, std::size_t count_before) noexcept {
        if (count_before == 0) {
            shift = v;
            mean = rolling_v2{};
            m2 = rolling_v2{};
            return;
        }
        const double count = static_cast<double>(count_before + 1);
        const rolling_v2 delta = (v - shift) - mean;
        mean += delta / count;
        m2 += delta * ((v - shift) - mean);
    }
    void merge(const moments_lanes2& o, std::size_t count_a, std::size_t count_b) noexcept {
        if (count_b == 0) return;
        if (count_a == 0) {
            *this = o;
            return;
        }
        const auto na = static_cast<double>(count_a);
        const auto nb = static_cast<double>(count_b);
        const double total = na + nb;
        const rolling_v2 delta = ((o.shift - shift) + o.mean) - mean;
        mean += delta * (nb / total);
        m2 += o.m2 + delta * delta * (na * nb / total);
    }
    [[nodiscard]] scalar lane(std::size_t k, std::size_t count) const noexcept {
        return {count, shift[k], mean[k], m2[k]};
    }
};

/// The two-lane form of an aggregate, where there is one.
template <class Agg>
struct lanes2_of {
    using type = void;
};
template <>
struct lanes2_of<sum_aggregate<double>> {
    using type = sum_lanes2;
};
template <>
struct lanes2_of<moments_aggregate<double>> {
    using type = moments_lanes2;
};

/// grid_groups<4, true> over four full groups (t0 = 0, t1 = width) with
/// lanes 0 and 1 in one register and 2 and 3 in the other. `scratch` has
/// room for 2 * width L.
template <class L, class T, class R, class Finish>
void lanes2_groups(const T* x, std::size_t width, std::size_t g0, L* scratch, R* out, Finish& finish) {
    const auto at = [x](std::size_t i, std::size_t j) {
        return rolling_v2{static_cast<double>(x[i]), static_cast<double>(x[j])};
    };
    const std::size_t w = width;
    L a{}, b{};
    // scratch[2 d] (lanes 0, 1) and scratch[2 d + 1] (lanes 2, 3) aggregate
    // x[g_k - 1 - d .. g_k - 1]
    for (std::size_t d = 0; d < w; ++d) {
        a.add(at(g0 - 1 - d, g0 + w - 1 - d), d);
        b.add(at(g0 + 2 * w - 1 - d, g0 + 3 * w - 1 - d), d);
        scratch[2 * d] = a;
        scratch[2 * d + 1] = b;
    }
    a = L{};  // now the prefixes, of t values each
    b = L{};
    for (std::size_t t = 0; t < w; ++t) {
        L wa = scratch[2 * (w - 1 - t)];
        L wb = scratch[2 * (w - 1 - t) + 1];
        wa.merge(a, w - t, t);
        wb.merge(b, w - t, t);
        out[t] = finish(wa.lane(0, w));
        out[w + t] = finish(wa.lane(1, w));
        out[2 * w + t] = finish(wb.lane(0, w));
        out[3 * w + t] = finish(wb.lane(1, w));
        if (t + 1 < w) {
            a.add(at(g0 + t, g0 + w + t), t);
            b.add(at(g0 + 2 * w + t, g0 + 3 * w + t), t);
        }
    }
}
#endif

template <class Agg>
struct extreme_traits {
    static constexpr bool is_extreme = false;
    using value_type = char;
};
template <class A, bool is_max>
struct extreme_traits<extreme_aggregate<A, is_max>> {
    static constexpr bool is_extreme = true;
    using value_type = A;
};

/// grid_groups, or extreme_groups where it applies.
template <std::size_t Lanes, bool Valid, class Agg, class T, class R, class Finish>
void any_groups(const T* x, std::size_t width, std::size_t g0, std::size_t t0, std::size_t t1, Agg* scratch,
                typename extreme_traits<Agg>::value_type* values, R* out, Finish& finish) {
    if constexpr (Valid && extreme_traits<Agg>::is_extreme) {
        using A = typename extreme_traits<Agg>::value_type;
        constexpr bool is_max = std::same_as<Agg, extreme_aggregate<A, true>>;
        extreme_groups<Lanes, A, is_max>(x, width, g0, t0, t1, values, out, finish);
    } else {
        grid_groups<Lanes, Valid, Agg>(x, width, g0, t0, t1, scratch, out, finish);
    }
}

/// False when one of x[0..n) is NaN; may also be false for an infinity
/// (the caller then takes the careful path, which gives the same results).
/// One forward pass that g++ and clang++ vectorize (x - x is +0, all bits
/// zero, for finite x and NaN otherwise; an or of comparisons does not
/// vectorize with g++); it also brings the values into the cache ahead of
/// grid_groups, whose suffixes read them backwards.
template <class T>
[[nodiscard]] bool none_nan(const T* x, std::size_t n) noexcept {
    if constexpr (!std::floating_point<T>) {
        return true;
    } else if constexpr (sizeof(T) == sizeof(std::uint64_t) && std::numeric_limits<T>::is_iec559) {
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < n; ++i) bits |= std::bit_cast<std::uint64_t>(x[i] - x[i]);
        return bits == 0;
    } else if constexpr (sizeof(T) == sizeof(std::uint32_t) && std::numeric_limits<T>::is_iec559) {
        std::uint32_t bits = 0;
        for (std::size_t i = 0; i < n; ++i) bits |= std::bit_cast<std::uint32_t>(x[i] - x[i]);
        return bits == 0;
    } else {
        bool nan = false;
        for (std::size_t i = 0; i < n; ++i) nan |= x[i] != x[i];
        return !nan;
    }
}

/// sliding_on_grid for a fixed grid, appending the outputs to `out` (empty,
/// with room for n) in order, a run of them at a time: each run is computed
/// into a scratch block in the cache and then appended, so the result's
/// memory is written once (a vector sized first would be zero-filled, then
/// written again). The full windows go by grid_groups, four groups at a
/// time while the window fits a scratch of 4 x 4,096 aggregates; the partial
/// windows at both ends by sliding_on_grid.
template <class Agg, class T, class R, class Finish>
void sliding_fixed_grid(const T* x, const window_bounds& bounds, std::vector<R>& out, Finish finish) {
    const std::size_t n = bounds.n;
    const std::size_t w = bounds.width;
    const std::size_t offset = bounds.offset;
    std::vector<R> run;
    const auto append = [&](std::size_t count) { out.insert(out.end(), run.data(), run.data() + count); };
    if (w == 0 || w > n || offset >= w) {
        run.resize(n);
        sliding_on_grid<Agg>(x, bounds, run.data(), finish, 0, n);
        append(n);
        return;
    }
    constexpr std::size_t lanes = 4;
    const std::size_t lane_count = w <= 4096 ? lanes : 1;
    run.resize(lane_count * w);
    std::vector<Agg> scratch(lane_count * w);
    std::vector<typename extreme_traits<Agg>::value_type> values(extreme_traits<Agg>::is_extreme ? lane_count * w : 0);
#ifdef TALLY_ROLLING_LANES
    using lanes_type = std::conditional_t<std::is_void_v<typename lanes2_of<Agg>::type>, char,
                                          typename lanes2_of<Agg>::type>;
    std::vector<lanes_type> lane_scratch;
#endif
    // The window of i ends at e = i + offset + 1; it is full for e in [w, n].
    sliding_on_grid<Agg>(x, bounds, run.data(), finish, 0, w - offset - 1);
    append(w - offset - 1);
    // One group at g, computing e in [g + t0, g + t1): it reads x[g - w + t0, g + t1 - 1).
    const auto one_group = [&](std::size_t g, std::size_t t0, std::size_t t1) {
        if (none_nan(x + (g - w + t0), w - t0 + t1 - 1)) {
            any_groups<1, true, Agg>(x, w, g, t0, t1, scratch.data(), values.data(), run.data(), finish);
        } else {
            any_groups<1, false, Agg>(x, w, g, t0, t1, scratch.data(), values.data(), run.data(), finish);
        }
        append(t1 - t0);
    };
    // The grid point at or below e = w: w - (w + phase) % w.
    std::size_t g = w - (bounds.phase % w);
    if (g < w) {  // a group whose first windows end before w
        one_group(g, w - g, std::min(w, n + 1 - g));
        g += w;
    }
    if (lane_count == lanes) {
        for (; g + lanes * w <= n + 1; g += lanes * w) {
            if (none_nan(x + (g - w), (lanes + 1) * w - 1)) {
#ifdef TALLY_ROLLING_LANES
                if constexpr (!std::is_void_v<typename lanes2_of<Agg>::type>) {
                    using L = typename lanes2_of<Agg>::type;
                    if (lane_scratch.empty()) lane_scratch.resize(2 * w);
                    lanes2_groups<L>(x, w, g, lane_scratch.data(), run.data(), finish);
                    append(lanes * w);
                    continue;
                }
#endif
                any_groups<lanes, true, Agg>(x, w, g, 0, w, scratch.data(), values.data(), run.data(), finish);
            } else {
                any_groups<lanes, false, Agg>(x, w, g, 0, w, scratch.data(), values.data(), run.data(), finish);
            }
            append(lanes * w);
        }
    }
    for (; g <= n; g += w) one_group(g, 0, std::min(w, n + 1 - g));
    sliding_on_grid<Agg>(x, bounds, run.data(), finish, n - offset, n);
    append(offset);
}

/// out[i] = finish(aggregate of the window of i), the general pass.
template <class Agg, class T, class R, class Finish>
void sliding_window_pass(const T* x, const window_bounds& bounds, R* out, Finish finish) {
    if (bounds.fixed_grid || bounds.grid != nullptr) {
        sliding_on_grid<Agg>(x, bounds, out, finish, 0, bounds.n);
        return;
    }
    const std::size_t n = bounds.n;
    std::vector<Agg> suffix(std::min({bounds.capacity, n, std::size_t{4096}}));
    Agg back{};
    std::size_t hi = 0;
    std::size_t mid = 0;   // the front is [lo, mid), the back [mid, hi)
    std::size_t base = 0;  // suffix[j - base] aggregates [j, mid)
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t lo = bounds.lo(i);
        const std::size_t new_hi = bounds.hi(i);
        for (; hi < new_hi; ++hi) back.add(x[hi]);
        if (lo >= mid) {
            // The front is used up: what is left of the window becomes the front.
            base = lo;
            mid = hi;
            if (hi - lo > suffix.size()) suffix.resize(hi - lo);
            Agg acc{};
            for (std::size_t j = hi; j-- > lo;) {
                acc.add(x[j]);
                suffix[j - base] = acc;
            }
            back = Agg{};
        }
        Agg window = lo < mid ? suffix[lo - base] : Agg{};
        window.merge(back);
        out[i] = finish(window);
    }
}

/// out = finish(aggregate of the window of i) for every i, appended to
/// `out` (empty, with room for n). The two-stack scheme of the header
/// comment; O(n) aggregate operations; scratch space for one window's
/// aggregates. With a grid, the split points are the grid's.
template <class Agg, class T, class R, class Finish>
void sliding(const T* x, const window_bounds& bounds, std::vector<R>& out, Finish finish) {
    if (bounds.fixed_grid && bounds.starts == nullptr) {
        sliding_fixed_grid<Agg>(x, bounds, out, finish);
        return;
    }
    out.resize(bounds.n);
    sliding_window_pass<Agg>(x, bounds, out.data(), finish);
}

/// The order of a window's valid values for median and quantile: by value,
/// equal values by position (what std::stable_sort gives). Both kernels
/// below keep it, so they give the same results, bit for bit, +0 and -0
/// included.
template <class A>
struct ranked_value {
    A value;
    std::size_t position;
};

struct ranked_before {
    template <class A>
    [[nodiscard]] constexpr bool operator()(const ranked_value<A>& a, const ranked_value<A>& b) const noexcept {
        return a.value < b.value || (!(b.value < a.value) && a.position < b.position);
    }
};

/// Replaces the first of the values equal to `old` in sorted values (the
/// earliest of them, the one leaving a window) by `value`, placed after
/// the values equal to it (the latest): two binary searches and a move of
/// the values in between.
template <class A>
void sorted_replace(std::vector<A>& sorted, A old, A value) {
    const auto at = std::lower_bound(sorted.begin(), sorted.end(), old);
    if (value < old) {
        const auto to = std::upper_bound(sorted.begin(), at, value);
        std::copy_backward(to, at, at + 1);
        *to = value;
    } else {
        const auto to = std::upper_bound(at + 1, sorted.end(), value);
        std::copy(at + 1, to, at);
        *(to - 1) = value;
    }
}

/// out[i] = pick(sorted valid values of the window of i). A sorted vector
/// with binary-search insert and erase: O(w) per step, for small windows.
template <class A, class T, class R, class Pick>
void sliding_order_small(const T* x, const window_bounds& bounds, R* out, Pick pick) {
    const std::size_t n = bounds.n;
    std::vector<A> sorted;
    sorted.reserve(bounds.capacity);
    std::size_t lo = 0;
    std::size_t hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t new_lo = bounds.lo(i);
        const std::size_t new_hi = bounds.hi(i);
        // One value in and one out (a fixed window in its stride): replace
        // in place, moving only the values between the two positions.
        for (; hi < new_hi && lo < new_lo && lo < hi && !is_nan(x[hi]) && !is_nan(x[lo]); ++hi, ++lo) {
            sorted_replace(sorted, static_cast<A>(x[lo]), static_cast<A>(x[hi]));
        }
        for (; hi < new_hi; ++hi) {
            if (is_nan(x[hi])) continue;
            const A v = static_cast<A>(x[hi]);
            sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), v), v);
        }
        for (; lo < new_lo; ++lo) {
            if (is_nan(x[lo])) continue;
            const A v = static_cast<A>(x[lo]);
            sorted.erase(std::lower_bound(sorted.begin(), sorted.end(), v));
        }
        out[i] = pick(sorted);
    }
}

/// Which of the ranks 0..size-1 are present: a bit a rank, and a Fenwick
/// tree (Fenwick, Software Pract. Exper. 24 (1994) 327) of the number of
/// bits set in each 64-bit word. Adding or removing a rank and finding the
/// k-th present one take O(log(size / 64)) steps, plus a select within one
/// word for the latter; the tree is small (size / 64 counts), so it stays
/// in cache.
template <class Index>
class rank_set {
public:
    /// Starts with the ranks present[r] != 0, in O(size).
    void assign(const std::vector<unsigned char>& present) {
        const std::size_t words = (present.size() + 63) / 64;
        // The tree's size is a power of 2, so the descent needs no bound check.
        top_ = std::bit_ceil(std::max(words, std::size_t{1}));
        words_.assign(top_, 0);
        tree_.assign(top_ + 1, Index{0});
        for (std::size_t r = 0; r < present.size(); ++r) {
            words_[r / 64] |= std::uint64_t{present[r] != 0} << (r % 64);
        }
        for (std::size_t j = 1; j <= top_; ++j) {
            tree_[j] += static_cast<Index>(std::popcount(words_[j - 1]));
            const std::size_t up = j + lowest_bit(j);
            if (up <= top_) tree_[up] += tree_[j];
        }
    }
    void insert(std::size_t rank) noexcept {
        words_[rank / 64] |= std::uint64_t{1} << (rank % 64);
        for (std::size_t j = rank / 64 + 1; j <= top_; j += lowest_bit(j)) ++tree_[j];
    }
    void erase(std::size_t rank) noexcept {
        words_[rank / 64] &= ~(std::uint64_t{1} << (rank % 64));
        for (std::size_t j = rank / 64 + 1; j <= top_; j += lowest_bit(j)) --tree_[j];
    }
    /// The k-th (from 0) present rank; k must be below the number present.
    /// Binary descent to the word that holds it (the longest prefix of
    /// words with at most k ranks), then the k-th set bit of what remains.
    [[nodiscard]] std::size_t kth(std::size_t k) const noexcept {
        std::size_t at = 0;
        for (std::size_t step = top_ / 2; step != 0; step >>= 1) {
            const std::size_t below = tree_[at + step];
            const bool right = below <= k;
            at += right ? step : 0;
            k -= right ? below : 0;
        }
        return at * 64 + select_bit(words_[at], k);
    }

private:
    [[nodiscard]] static constexpr std::size_t lowest_bit(std::size_t j) noexcept { return j & (~j + 1); }
    /// The place of the k-th (from 0) set bit of x, which has more than k:
    /// the byte that holds it from the running byte counts (the broadword
    /// select of Vigna, "Broadword implementation of rank/select queries",
    /// WEA 2008), then the bit within the byte.
    [[nodiscard]] static constexpr std::size_t select_bit(std::uint64_t x, std::size_t k) noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101;
        constexpr std::uint64_t highs = 0x8080808080808080;
        std::uint64_t c = x - ((x >> 1) & 0x5555555555555555);
        c = (c & 0x3333333333333333) + ((c >> 2) & 0x3333333333333333);
        c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0f;
        const std::uint64_t running = c * ones;  // byte b: the bits set in bytes 0..b
        // High bit of byte b set where running[b] <= k (k < 64 < 128: no borrows).
        const std::uint64_t at_most = ((k * ones) | highs) - running;
        const auto shift = static_cast<std::size_t>(std::countr_zero(~at_most & highs)) - 7;
        k -= static_cast<std::size_t>(((running << 8) >> shift) & 0xff);
        std::uint64_t byte = (x >> shift) & 0xff;
        for (; k != 0; --k) byte &= byte - 1;
        return shift + static_cast<std::size_t>(std::countr_zero(byte));
    }
    std::vector<std::uint64_t> words_;
    std::vector<Index> tree_;  // tree_[j]: the bits set in words [j - lowest_bit(j), j)
    std::size_t top_ = 1;
};

/// Ranks the valid values of x[first, last) in the order of the header
/// comment (by value, ties by position): calls each(rank, position) for
/// rank 0, 1, ... An IEEE double is ranked by a stable least-significant-
/// digit radix sort of an order-preserving unsigned key (Knuth, TAOCP vol.
/// 3, 5.2.5; the key flips the bits of negative values and sets the sign
/// bit of the others, and -0 takes the key of +0), 8 bits a pass, passes
/// in which every key has the same digit skipped: O(m) for m values.
/// Other value types are sorted by comparison.
template <class A>
class value_ranker {
public:
    /// Makes room for ranking up to m values.
    void reserve(std::size_t m) {
        if constexpr (radix) {
            keyed_.reserve(m);
            buffer_.reserve(m);
        } else {
            values_.reserve(m);
        }
    }
    template <class T, class Each>
    void rank(const T* x, std::size_t first, std::size_t last, Each each) {
        if constexpr (radix) {
            keyed_.clear();
            for (std::size_t p = first; p < last; ++p) {
                if (!is_nan(x[p])) keyed_.push_back({key(static_cast<A>(x[p])), p});
            }
            radix_sort();
            for (std::size_t r = 0; r < keyed_.size(); ++r) each(r, keyed_[r].position);
        } else {
            values_.clear();
            for (std::size_t p = first; p < last; ++p) {
                if (!is_nan(x[p])) values_.push_back({static_cast<A>(x[p]), p});
            }
            std::sort(values_.begin(), values_.end(), ranked_before{});
            for (std::size_t r = 0; r < values_.size(); ++r) each(r, values_[r].position);
        }
    }

private:
    static constexpr bool radix = std::same_as<A, double> && std::numeric_limits<double>::is_iec559 &&
                                  sizeof(double) == sizeof(std::uint64_t);
    struct keyed_position {
        std::uint64_t key;
        std::size_t position;
    };
    [[nodiscard]] static std::uint64_t key(A v) noexcept {
        const auto bits = std::bit_cast<std::uint64_t>(v == 0 ? A(0) : v);
        return bits >> 63 != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
    }
    void radix_sort() {
        constexpr std::size_t digits = 8;
        std::array<std::array<std::size_t, 256>, digits> counts{};
        for (const auto& k : keyed_) {
            for (std::size_t d = 0; d < digits; ++d) ++counts[d][(k.key >> (8 * d)) & 0xff];
        }
        buffer_.resize(keyed_.size());
        for (std::size_t d = 0; d < digits; ++d) {
            auto& count = counts[d];
            if (keyed_.empty() || count[(keyed_.front().key >> (8 * d)) & 0xff] == keyed_.size()) continue;
            std::size_t start = 0;
            for (auto& c : count) start += std::exchange(c, start);
            for (const auto& k : keyed_) buffer_[count[(k.key >> (8 * d)) & 0xff]++] = k;
            keyed_.swap(buffer_);
        }
    }
    std::vector<keyed_position> keyed_;
    std::vector<keyed_position> buffer_;
    std::vector<ranked_value<A>> values_;
};

/// The valid values of one window as pick sees them: size() of them,
/// [k] the k-th smallest, found in O(log w).
template <class A, class Index>
class ranked_window {
public:
    using value_type = A;
    ranked_window(const rank_set<Index>& present, const A* by_rank, std::size_t size) noexcept
        : present_(&present), by_rank_(by_rank), size_(size) {}
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] A operator[](std::size_t k) const noexcept { return by_rank_[present_->kth(k)]; }

private:
    const rank_set<Index>* present_;
    const A* by_rank_;
    std::size_t size_;
};

/// out[i] = pick(ranked_window of the valid values of the window of i), in
/// chunks of `chunk` outputs (see the header comment). Index counts the
/// positions a chunk covers.
template <class A, class Index, class T, class R, class Pick>
void sliding_order_ranked(const T* x, const window_bounds& bounds, std::size_t chunk, R* out, Pick pick) {
    constexpr Index none = std::numeric_limits<Index>::max();
    const std::size_t n = bounds.n;
    value_ranker<A> ranker;
    std::vector<A> by_rank;    // the chunk's valid values in rank order
    std::vector<Index> rank;   // rank[p - first]: the rank of x[p], or none for NaN
    std::vector<unsigned char> in_window;
    rank_set<Index> present;
    const std::size_t most = std::min(n, chunk + bounds.capacity);  // positions a chunk covers, at most
    ranker.reserve(most);
    by_rank.reserve(most);
    rank.reserve(most);
    for (std::size_t begin = 0; begin < n;) {
        const std::size_t end = n - begin > chunk ? begin + chunk : n;
        // The positions the chunk's windows cover.
        const std::size_t first = bounds.lo(begin);
        const std::size_t last = std::max(bounds.hi(end - 1), first);
        rank.assign(last - first, none);
        by_rank.clear();
        ranker.rank(x, first, last, [&](std::size_t r, std::size_t p) {
            rank[p - first] = static_cast<Index>(r);
            by_rank.push_back(static_cast<A>(x[p]));
        });
        // The window of `begin`, then a step at a time.
        std::size_t lo = bounds.lo(begin);
        std::size_t hi = bounds.hi(begin);
        std::size_t valid = 0;
        in_window.assign(by_rank.size(), 0);
        for (std::size_t p = lo; p < hi; ++p) {
            if (rank[p - first] == none) continue;
            in_window[rank[p - first]] = 1;
            ++valid;
        }
        present.assign(in_window);
        for (std::size_t i = begin; i < end; ++i) {
            const std::size_t new_lo = bounds.lo(i);
            const std::size_t new_hi = bounds.hi(i);
            for (; hi < new_hi; ++hi) {
                const Index r = rank[hi - first];
                if (r == none) continue;
                present.insert(r);
                ++valid;
            }
            for (; lo < new_lo; ++lo) {
                const Index r = rank[lo - first];
                if (r == none) continue;
                present.erase(r);
                --valid;
            }
            out[i] = pick(ranked_window<A, Index>(present, by_rank.data(), valid));
        }
        begin = end;
    }
}

/// Windows of at most this many values use the sorted vector, whose moves
/// are cheaper than ranking there; a chunk has at least
/// order_chunk_minimum outputs, so that short windows share one ranking.
/// Both chosen by timing windows of 3 to 100,001 values over 10^6.
inline constexpr std::size_t small_order_window = 32;
inline constexpr std::size_t order_chunk_minimum = 2048;

/// out[i] = pick(the valid values of the window of i, in order): an object
/// with size(), empty() and [k], the k-th smallest (from 0).
template <class A, class T, class R, class Pick>
void sliding_order(const T* x, const window_bounds& bounds, R* out, Pick pick) {
    if (bounds.capacity <= small_order_window) {
        sliding_order_small<A>(x, bounds, out, pick);
        return;
    }
    // A chunk of outputs covers at most chunk + capacity - 1 positions.
    const std::size_t chunk = std::min(bounds.n, std::max(bounds.capacity, order_chunk_minimum));
    if (chunk + bounds.capacity < std::numeric_limits<std::uint32_t>::max()) {
        sliding_order_ranked<A, std::uint32_t>(x, bounds, chunk, out, pick);
    } else {
        sliding_order_ranked<A, std::size_t>(x, bounds, chunk, out, pick);
    }
}

/// The type-7 (linear) quantile of sorted values, as pandas computes it:
/// h = q (m - 1); x[floor h] + (x[floor h + 1] - x[floor h]) (h - floor h).
template <class Sorted>
[[nodiscard]] typename Sorted::value_type sorted_quantile(const Sorted& sorted, double q) noexcept {
    using A = typename Sorted::value_type;
    const std::size_t m = sorted.size();
    const double h = q * static_cast<double>(m - 1);
    const auto index = static_cast<std::size_t>(h);
    const double fraction = h - static_cast<double>(index);
    if (fraction == 0 || index + 1 >= m) return sorted[index];
    const A low = sorted[index];
    const A high = sorted[index + 1];
    return low + (high - low) * static_cast<A>(fraction);
}

/// The median of sorted values: the middle one, or the mean of the middle two.
template <class Sorted>
[[nodiscard]] typename Sorted::value_type sorted_median(const Sorted& sorted) noexcept {
    using A = typename Sorted::value_type;
    const std::size_t m = sorted.size();
    if (m % 2 == 1) return sorted[m / 2];
    const A a = sorted[m / 2 - 1];
    const A b = sorted[m / 2];
    const A mid = (a + b) / 2;
    return is_finite(mid) || !is_finite(a) || !is_finite(b) ? mid : a / 2 + b / 2;
}

} // namespace tally::detail

#ifdef TALLY_ROLLING_LANES
#undef TALLY_ROLLING_LANES
#endif
