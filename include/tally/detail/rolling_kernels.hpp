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
// travel along the series (large values long gone cannot spoil it).
//
// Aggregates: sums are Neumaier-compensated (ZAMM 54, 1974); moments are
// Welford's updates (Technometrics 4, 1962) combined by the pairwise formula
// of Chan, Golub & LeVeque (1979), each part carrying its own shift (its
// first value), so values near 1e9 with small offsets keep full precision
// and a constant window has a variance of exactly 0.
//
// median, quantile: the window's valid values kept sorted in a vector,
// binary-search insert and erase: O(log w) comparisons and an O(w) memmove
// per step (a contiguous move of at most w values, fast for the windows
// of reports and benchmarks).

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <vector>

namespace tally::detail {

template <class T>
[[nodiscard]] constexpr bool rolling_is_nan(T x) noexcept {
    if constexpr (std::floating_point<T>) {
        return x != x;
    } else {
        return false;
    }
}

template <std::floating_point A>
[[nodiscard]] constexpr bool rolling_finite(A x) noexcept {
    return x - x == A(0);
}

/// The positions of the windows. Fixed: the window of i ends at
/// min(n, i + offset + 1) and holds `width` positions (fewer at the ends);
/// variable: it starts at starts[i] and ends at i + 1.
struct window_bounds {
    std::size_t n = 0;
    std::size_t width = 0;
    std::size_t offset = 0;
    const std::size_t* starts = nullptr;  // variable windows when not null
    std::size_t capacity = 0;             // the largest window

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
        count += rolling_is_nan(x) ? std::size_t{0} : std::size_t{1};
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
    void add_value(A v) noexcept {
        const A t = sum + v;
        if ((sum < 0 ? -sum : sum) >= (v < 0 ? -v : v)) {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }
    template <class T>
    void add(T x) noexcept {
        if (rolling_is_nan(x)) return;
        ++count;
        add_value(static_cast<A>(x));
    }
    void merge(const sum_aggregate& o) noexcept {
        count += o.count;
        add_value(o.sum);
        compensation += o.compensation;
    }
    [[nodiscard]] A value() const noexcept { return rolling_finite(sum) ? sum + compensation : sum; }
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
        if (rolling_is_nan(x)) return;
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
        if (rolling_is_nan(x)) return;
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

/// out[i] = finish(aggregate of the window of i). The two-stack scheme of
/// the header comment; O(n) aggregate operations; scratch space for one
/// window's aggregates.
template <class Agg, class T, class R, class Finish>
void sliding(const T* x, const window_bounds& bounds, R* out, Finish finish) {
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

/// Replaces one value equal to `old` in sorted values by `value`, keeping
/// them sorted: two binary searches and a move of the values in between.
template <class A>
void sorted_replace(std::vector<A>& sorted, A old, A value) {
    const auto at = std::lower_bound(sorted.begin(), sorted.end(), old);
    if (value > old) {
        const auto to = std::upper_bound(at + 1, sorted.end(), value);
        std::copy(at + 1, to, at);
        *(to - 1) = value;
    } else if (value < old) {
        const auto to = std::upper_bound(sorted.begin(), at, value);
        std::copy_backward(to, at, at + 1);
        *to = value;
    }
}

/// out[i] = pick(sorted valid values of the window of i, their count). A
/// sorted vector with binary-search insert and erase.
template <class A, class T, class R, class Pick>
void sliding_order(const T* x, const window_bounds& bounds, R* out, Pick pick) {
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
        for (; hi < new_hi && lo < new_lo && lo < hi && !rolling_is_nan(x[hi]) && !rolling_is_nan(x[lo]); ++hi, ++lo) {
            sorted_replace(sorted, static_cast<A>(x[lo]), static_cast<A>(x[hi]));
        }
        for (; hi < new_hi; ++hi) {
            if (rolling_is_nan(x[hi])) continue;
            const A v = static_cast<A>(x[hi]);
            sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), v), v);
        }
        for (; lo < new_lo; ++lo) {
            if (rolling_is_nan(x[lo])) continue;
            const A v = static_cast<A>(x[lo]);
            sorted.erase(std::lower_bound(sorted.begin(), sorted.end(), v));
        }
        out[i] = pick(sorted);
    }
}

/// The type-7 (linear) quantile of sorted values, as pandas computes it:
/// h = q (m - 1); x[floor h] + (x[floor h + 1] - x[floor h]) (h - floor h).
template <class A>
[[nodiscard]] A sorted_quantile(const std::vector<A>& sorted, double q) noexcept {
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
template <class A>
[[nodiscard]] A sorted_median(const std::vector<A>& sorted) noexcept {
    const std::size_t m = sorted.size();
    if (m % 2 == 1) return sorted[m / 2];
    const A a = sorted[m / 2 - 1];
    const A b = sorted[m / 2];
    const A mid = (a + b) / 2;
    return rolling_finite(mid) || !rolling_finite(a) || !rolling_finite(b) ? mid : a / 2 + b / 2;
}

} // namespace tally::detail
