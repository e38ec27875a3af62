#pragma once
// tally/detail/transform_kernels.hpp: the loops behind tally/transform.hpp.
//
// Nothing here is public API. The kernels run over contiguous values with
// plain indexed loops and a select instead of a branch, so that g++ and
// clang++ vectorize them at -O2/-O3; the series-level functions call them
// and then look only at the positions the kernel left without a value.

#include <algorithm>
#include <bit>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "../fwd.hpp"
#include "int128.hpp"
#include "numeric.hpp"

namespace tally::detail {

template <std::floating_point F>
inline constexpr F transform_nan = std::numeric_limits<F>::quiet_NaN();

/// Whether any of the values a kernel loop wrote is not finite, accumulated
/// in a form that g++ 12 and clang++ 16 both vectorize: x - x is +0 (all bits
/// zero) for finite x and NaN (some bit set) otherwise, so or-ing its bits
/// over the loop leaves a non-zero word exactly when one x was not finite
/// (or, under a directed rounding mode, x - x was -0: a false alarm, which
/// only costs the caller a scan). g++ does not vectorize an or of the
/// comparisons themselves; clang does not vectorize a floating select.
/// With `watch` false it does nothing (and any() is false): the kernels'
/// callers that do not ask are not slowed by it.
template <std::floating_point F, bool watch = true>
class nonfinite_seen {
public:
    constexpr void add(F x) noexcept {
        if constexpr (!watch) {
            (void)x;
        } else if constexpr (sizeof(F) == sizeof(std::uint64_t) && std::numeric_limits<F>::is_iec559) {
            bits_ |= std::bit_cast<std::uint64_t>(x - x);
        } else if constexpr (sizeof(F) == sizeof(std::uint32_t) && std::numeric_limits<F>::is_iec559) {
            bits_ |= std::bit_cast<std::uint32_t>(x - x);
        } else {  // long double: padding bits, so no bit_cast; this loop is scalar anyway
            bits_ |= is_finite(x) ? 0U : 1U;
        }
    }
    [[nodiscard]] constexpr bool any() const noexcept { return bits_ != 0; }

private:
    std::uint64_t bits_ = 0;
};

/// How many of n positions have a partner |k| rows away: n - |k|, or 0
/// (|k| taken without overflow at INT64_MIN). They are the last m positions
/// for k >= 0 and the first m for k < 0.
[[nodiscard]] constexpr std::size_t transform_partnered(std::size_t n, std::int64_t k) noexcept {
    // In 64 bits whatever size_t is: a lag of 2^32 must not become 0.
    const std::uint64_t lag = k < 0 ? static_cast<std::uint64_t>(-(k + 1)) + 1 : static_cast<std::uint64_t>(k);
    return lag < n ? n - static_cast<std::size_t>(lag) : 0;
}

/// The relative change from base b to value a at one point under `policy`,
/// or NaN where none exists (zero, negative-by-policy, NaN or infinite base
/// or value, or an overflowing result). Floating values: a / b - 1 (bit for
/// bit pandas' expression); integers: the exact difference over the base.
template <std::floating_point R, arithmetic T>
[[nodiscard]] constexpr R pct_change_point(T a, T b, base_policy policy) noexcept {
    if constexpr (std::floating_point<T>) {
        const R ra = static_cast<R>(a);
        const R rb = static_cast<R>(b);
        R r;
        bool ok;
        if (policy == base_policy::positive) {
            r = ra / rb - R(1);
            ok = rb > R(0);
        } else if (policy == base_policy::signed_value) {
            r = ra / rb - R(1);
            ok = rb != R(0);
        } else {
            r = (ra - rb) / (rb < R(0) ? -rb : rb);
            ok = rb != R(0);
        }
        return ok && is_finite(rb) && is_finite(ra) && is_finite(r) ? r : transform_nan<R>;
    } else {
        if (b == T(0)) return transform_nan<R>;
        if constexpr (std::signed_integral<T>) {
            if (b < T(0) && policy == base_policy::positive) return transform_nan<R>;
        }
        R base = static_cast<R>(b);
        if (policy == base_policy::magnitude && base < R(0)) base = -base;
        return static_cast<R>(static_cast<int128>(a) - static_cast<int128>(b)) / base;
    }
}

/// pandas' a / b - 1 with nothing refused: inf for a zero base, NaN for 0/0.
template <std::floating_point R, arithmetic T>
[[nodiscard]] constexpr R pct_change_point_pandas(T a, T b) noexcept {
    return static_cast<R>(a) / static_cast<R>(b) - R(1);
}

/// The positions of a piece [first, first + count) of an output of n
/// values, k rows from their partners: those with a partner are
/// [lo, hi) (lo == hi when none is), and position i's partner is
/// i - lag (k >= 0) or i + lag (k < 0).
struct partnered_piece {
    std::size_t lo = 0;
    std::size_t hi = 0;
    std::size_t lag = 0;
    std::size_t first = 0;
    std::size_t end = 0;
    bool back = true;  // the partner is behind (k >= 0)

    partnered_piece(std::size_t n, std::int64_t k, std::size_t piece_first, std::size_t count) noexcept
        : first(piece_first), end(piece_first + count), back(k >= 0) {
        const std::size_t m = transform_partnered(n, k);
        lag = n - m;
        // Positions with a partner: the last m for k >= 0, the first m for k < 0.
        const std::size_t p0 = back ? n - m : 0;
        const std::size_t p1 = back ? n : m;
        lo = std::min(std::max(first, p0), end);
        hi = std::max(lo, std::min(end, p1));
    }
    /// The partner of the value at `in + lo` (in itself when none has one:
    /// no pointer outside the input is formed).
    template <class T>
    [[nodiscard]] const T* base(const T* in) const noexcept {
        return hi == lo ? in : back ? in + (lo - lag) : in + (lo + lag);
    }
    /// NaN at the piece's positions without a partner (out[0] is `first`).
    template <class R>
    void fill_unpartnered(R* out) const noexcept {
        for (std::size_t i = first; i < lo; ++i) out[i - first] = transform_nan<R>;
        for (std::size_t i = hi; i < end; ++i) out[i - first] = transform_nan<R>;
    }
};

/// out[i - first] = the relative change from in[i - k] to in[i] (k > 0), or
/// from in[i + |k|] to in[i] (k < 0), for i in [first, first + count): a
/// piece of the n-value result, NaN at the |k| positions that have no
/// partner. `in` holds n values and does not overlap `out`. O(count), no
/// branches in the loop body. With `watch`, returns whether a position with
/// a partner may lack a value: false means every one of them holds a finite
/// value (and, when pandas_compatible, over a finite base), so a caller
/// listing the points without a value needs to look only at the |k| ends.
/// Without, returns false (the check costs 5-10% on data in the caches).
template <std::floating_point R, arithmetic T, bool watch = true>
bool pct_change_piece(const T* in, std::size_t n, std::int64_t k, std::size_t first, std::size_t count, R* out,
                      base_policy policy, bool pandas_compatible) noexcept {
    const partnered_piece piece(n, k, first, count);
    const std::size_t m = piece.hi - piece.lo;
    R* __restrict const dest = out + (piece.lo - first);
    const T* __restrict const now = in + piece.lo;
    const T* __restrict const base = piece.base(in);
    nonfinite_seen<R, watch> seen;
    if (pandas_compatible) {
        // A finite a / inf - 1 still has no value (the base is infinite), so
        // the bases are watched too.
        for (std::size_t i = 0; i < m; ++i) {
            const R r = pct_change_point_pandas<R>(now[i], base[i]);
            dest[i] = r;
            seen.add(r + (static_cast<R>(base[i]) - static_cast<R>(base[i])));
        }
    } else if constexpr (std::floating_point<T>) {
        if (policy == base_policy::positive) {
            // The hot loop, branch-free so that it vectorizes: a base that is
            // not positive is replaced by NaN before the division, and
            // (r - r) + (b - b) is 0 when the result and the base are finite
            // and NaN otherwise, so adding it keeps r or makes it NaN.
            for (std::size_t i = 0; i < m; ++i) {
                const R a = static_cast<R>(now[i]);
                const R b = static_cast<R>(base[i]);
                const R r = a / (b > R(0) ? b : transform_nan<R>) - R(1);
                const R v = r + ((r - r) + (b - b));
                dest[i] = v;
                seen.add(v);
            }
        } else {
            for (std::size_t i = 0; i < m; ++i) {
                const R v = pct_change_point<R>(now[i], base[i], policy);
                dest[i] = v;
                seen.add(v);
            }
        }
    } else {
        for (std::size_t i = 0; i < m; ++i) {
            const R v = pct_change_point<R>(now[i], base[i], policy);
            dest[i] = v;
            seen.add(v);
        }
    }
    piece.fill_unpartnered(out);
    return seen.any();
}

/// pct_change_piece over the whole output: out[0..n).
template <std::floating_point R, arithmetic T, bool watch = true>
bool pct_change_kernel(const T* in, R* out, std::size_t n, std::int64_t k, base_policy policy,
                       bool pandas_compatible) noexcept {
    return pct_change_piece<R, T, watch>(in, n, k, 0, n, out, policy, pandas_compatible);
}

/// The difference a - b at one point as R, or NaN where a value is NaN or
/// infinite or the difference overflows R. Integers: exact, then rounded once.
template <std::floating_point R, arithmetic T>
[[nodiscard]] constexpr R diff_point(T a, T b) noexcept {
    if constexpr (std::floating_point<T>) {
        const R d = static_cast<R>(a) - static_cast<R>(b);
        return is_finite(d) ? d : transform_nan<R>;
    } else {
        return static_cast<R>(static_cast<int128>(a) - static_cast<int128>(b));
    }
}

/// out[i - first] = in[i] - in[i - k] (k > 0) or in[i] - in[i + |k|]
/// (k < 0) for i in [first, first + count), NaN where there is no partner:
/// a piece of the n-value result, as pct_change_piece. With `watch`, returns
/// whether a position with a partner may be NaN (never for integer values);
/// without, false.
template <std::floating_point R, arithmetic T, bool watch = true>
bool diff_piece(const T* in, std::size_t n, std::int64_t k, std::size_t first, std::size_t count, R* out) noexcept {
    const partnered_piece piece(n, k, first, count);
    const std::size_t m = piece.hi - piece.lo;
    R* __restrict const dest = out + (piece.lo - first);
    const T* __restrict const now = in + piece.lo;
    const T* __restrict const base = piece.base(in);
    nonfinite_seen<R, watch> seen;
    if constexpr (std::floating_point<T>) {
        for (std::size_t i = 0; i < m; ++i) {
            const R v = diff_point<R>(now[i], base[i]);
            dest[i] = v;
            seen.add(v);
        }
    } else {  // an exact integer difference rounded to R is always finite
        for (std::size_t i = 0; i < m; ++i) dest[i] = diff_point<R>(now[i], base[i]);
    }
    piece.fill_unpartnered(out);
    return seen.any();
}

/// diff_piece over the whole output: out[0..n).
template <std::floating_point R, arithmetic T, bool watch = true>
bool diff_kernel(const T* in, R* out, std::size_t n, std::int64_t k) noexcept {
    return diff_piece<R, T, watch>(in, n, k, 0, n, out);
}

} // namespace tally::detail
