#pragma once
// tally/detail/stats_impl.hpp: the kernels behind tally/stats.hpp.
// Included by tally/stats.hpp after its public declarations (nan_policy,
// quantile_method, the concepts), which this file uses; not on its own.
//
// Nothing here is public API. The accumulators are constexpr so that sum,
// mean and variance work in constant expressions; the messages of the
// exceptions are built in non-constexpr [[noreturn]] functions that a
// constant evaluation never reaches.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <ranges>
#include <string>
#include <type_traits>
#include <vector>

#include "../error.hpp"
#include "int128.hpp"
#include "text.hpp"

namespace tally::detail {

/// The type the kernels accumulate values of type T in: long double for
/// long double, double for everything else (float data is summed in double
/// and the result rounded back to float).
template <class T>
using accumulator_t = std::conditional_t<std::same_as<T, long double>, long double, double>;

template <class T>
[[nodiscard]] constexpr bool is_nan(T x) noexcept {
    if constexpr (std::floating_point<T>) {
        return x != x;  // NOLINT: the constexpr spelling of std::isnan
    } else {
        return false;
    }
}

template <class A>
[[nodiscard]] constexpr A absolute(A x) noexcept {
    return x < A(0) ? -x : x;
}

/// True for finite x (false for inf and NaN), usable in constant expressions.
template <class A>
[[nodiscard]] constexpr bool is_finite(A x) noexcept {
    return x - x == A(0);
}

/// Neumaier's improved Kahan–Babuška summation: A. Neumaier, "Rundungsfehler-
/// analyse einiger Verfahren zur Summation endlicher Summen", ZAMM 54 (1974)
/// 39–51. The error is bounded independently of n (for n*eps < 1), and,
/// unlike Kahan's, it also holds when an addend is larger than the running
/// sum: [1e16, 1, -1e16] sums to 1.
template <std::floating_point A>
struct neumaier_sum {
    A sum{0};
    A compensation{0};

    constexpr void add(A x) noexcept {
        const A t = sum + x;
        if (absolute(sum) >= absolute(x)) {
            compensation += (sum - t) + x;
        } else {
            compensation += (x - t) + sum;
        }
        sum = t;
    }
    constexpr void add(const neumaier_sum& other) noexcept {
        add(other.sum);
        compensation += other.compensation;
    }
    /// The compensated sum; when the plain sum overflowed or met an infinity
    /// or NaN, the compensation is meaningless and the plain sum is returned.
    [[nodiscard]] constexpr A value() const noexcept {
        return is_finite(sum) ? sum + compensation : sum;
    }
};

/// Sums values of type T: exactly in 128 bits for integers (no overflow for
/// any range shorter than 2^63 elements), with Neumaier compensation for
/// floating values.
template <class T>
struct summer {
    using A = accumulator_t<T>;
    neumaier_sum<A> total{};
    constexpr void add(T x) noexcept { total.add(static_cast<A>(x)); }
    [[nodiscard]] constexpr A value() const noexcept { return total.value(); }
};

template <std::integral T>
struct summer<T> {
    using A = double;
    int128 total = 0;
    constexpr void add(T x) noexcept { total += static_cast<int128>(x); }
    [[nodiscard]] constexpr A value() const noexcept { return static_cast<A>(total); }
};

/// The result of one pass over a range: the sum of the values kept, how
/// many were kept, and how many NaN values were seen.
template <class A>
struct first_pass {
    A sum;
    std::size_t count;
    std::size_t nan_count;
};

/// One pass: sums the values (skipping NaN under nan_policy::skip; under
/// propagate a NaN makes the sum NaN and counts as a value).
template <class I, class S>
[[nodiscard]] constexpr auto sum_pass(I first, S last, nan_policy policy) {
    using T = std::iter_value_t<I>;
    summer<T> total{};
    std::size_t count = 0;
    std::size_t nans = 0;
    for (; first != last; ++first) {
        const T x = *first;
        if (is_nan(x)) {
            ++nans;
            if (policy == nan_policy::skip) continue;
        }
        total.add(x);
        ++count;
    }
    return first_pass<typename summer<T>::A>{total.value(), count, nans};
}

// --- messages ------------------------------------------------------------

template <class T>
[[nodiscard]] std::string text_of(T value) {
    if constexpr (std::floating_point<T>) {
        return floating_text(value);
    } else {
        return integer_text(value);
    }
}

/// "the mean of an empty range is undefined." or, when NaN values were
/// skipped, "the mean of a range whose values are all NaN is undefined."
[[noreturn]] inline void throw_no_values(const std::string& what, std::size_t nan_count) {
    if (nan_count == 0) throw undefined_result("the " + what + " of an empty range is undefined.");
    throw undefined_result("the " + what + " of a range whose values are all NaN is undefined.");
}

[[noreturn]] inline void throw_negative_ddof(int ddof) {
    throw invalid_argument("ddof " + integer_text(ddof) + " is negative; it must be 0 or more.");
}

/// "variance with ddof 2 needs more than 2 values; the range has 2."
[[noreturn]] inline void throw_ddof_too_large(const char* what, int ddof, std::size_t n,
                                              bool nan_skipped) {
    throw invalid_argument(std::string(what) + " with ddof " + integer_text(ddof) +
                           " needs more than " + integer_text(ddof) + " values; the " +
                           (std::string(what) == "covariance" ? "ranges have " : "range has ") +
                           integer_text(n) + (nan_skipped ? " that are not NaN." : "."));
}

[[noreturn]] inline void throw_bad_quantile(double q) {
    throw invalid_argument("the quantile q = " + floating_text(q) + " is outside [0, 1].");
}

[[noreturn]] inline void throw_length_mismatch(const char* what, std::size_t nx, std::size_t ny) {
    throw invalid_argument(std::string(what) + " needs ranges of equal length; they have " +
                           integer_text(nx) + " and " + integer_text(ny) + " values.");
}

// --- variance ------------------------------------------------------------

/// The sum of squared deviations from the mean (M2) by the corrected
/// two-pass algorithm: M2 = sum (x - m)^2 - (sum (x - m))^2 / n, where the
/// second term removes the error of the computed mean m. Chan, Golub &
/// LeVeque, "Algorithms for computing the sample variance: analysis and
/// recommendations", The American Statistician 37 (1983) 242–247, eq. 1.7;
/// Björck, Numerical Methods for Least Squares Problems (1996), §1.2.
template <class I, class S, class A>
[[nodiscard]] constexpr A sum_of_squares(I first, S last, A mean, std::size_t n) {
    using T = std::iter_value_t<I>;
    // Four independent chains let the loop run at several additions per
    // cycle without changing the result's accuracy in any meaningful way.
    A sq[4] = {0, 0, 0, 0};
    A dv[4] = {0, 0, 0, 0};
    std::size_t lane = 0;
    for (; first != last; ++first) {
        const T x = *first;
        if (is_nan(x)) continue;
        const A d = static_cast<A>(x) - mean;
        sq[lane] += d * d;
        dv[lane] += d;
        lane = (lane + 1) & 3u;
    }
    const A squares = (sq[0] + sq[1]) + (sq[2] + sq[3]);
    const A deviations = (dv[0] + dv[1]) + (dv[2] + dv[3]);
    const A m2 = squares - deviations * deviations / static_cast<A>(n);
    return m2 < A(0) ? A(0) : m2;
}

/// Welford's one-pass update (B. P. Welford, "Note on a method for
/// calculating corrected sums of squares and products", Technometrics 4
/// (1962) 419–420; Knuth, TAOCP vol. 2, 4.2.2), for input ranges that can
/// be read only once.
template <class A>
struct welford {
    std::size_t count = 0;
    A mean = 0;
    A m2 = 0;
    constexpr void add(A x) noexcept {
        ++count;
        const A delta = x - mean;
        mean += delta / static_cast<A>(count);
        m2 += delta * (x - mean);
    }
};

template <class R>
[[nodiscard]] constexpr auto variance_impl(R&& r, int ddof, nan_policy policy, const char* what) {
    using T = std::ranges::range_value_t<R>;
    using A = accumulator_t<T>;
    using Out = statistic_t<T>;
    if (ddof < 0) throw_negative_ddof(ddof);
    std::size_t n = 0;
    std::size_t nans = 0;
    A m2 = 0;
    if constexpr (std::ranges::forward_range<R>) {
        const auto pass = sum_pass(std::ranges::begin(r), std::ranges::end(r), policy);
        n = pass.count;
        nans = pass.nan_count;
        if (n == 0) throw_no_values(what, nans);
        if (policy == nan_policy::propagate && nans != 0) {
            return std::numeric_limits<Out>::quiet_NaN();
        }
        if (static_cast<std::size_t>(ddof) >= n) throw_ddof_too_large("variance", ddof, n, nans != 0);
        const A mean = pass.sum / static_cast<A>(n);
        m2 = sum_of_squares(std::ranges::begin(r), std::ranges::end(r), mean, n);
    } else {
        welford<A> w{};
        for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it) {
            const T x = *it;
            if (is_nan(x)) {
                ++nans;
                continue;
            }
            w.add(static_cast<A>(x));
        }
        n = w.count;
        if (n == 0) throw_no_values(what, nans);
        if (policy == nan_policy::propagate && nans != 0) {
            return std::numeric_limits<Out>::quiet_NaN();
        }
        if (static_cast<std::size_t>(ddof) >= n) throw_ddof_too_large("variance", ddof, n, nans != 0);
        m2 = w.m2;
    }
    return static_cast<Out>(m2 / static_cast<A>(n - static_cast<std::size_t>(ddof)));
}

// --- quantiles -----------------------------------------------------------

/// Where a quantile lies in the sorted values: interpolate between the
/// order statistics at (0-based) positions lo and hi with weight gamma.
struct quantile_position {
    std::size_t lo;
    std::size_t hi;
    double gamma;
};

[[nodiscard]] inline double round_half_even(double v) noexcept {
    const double f = std::floor(v);
    const double frac = v - f;
    if (frac > 0.5) return f + 1;
    if (frac < 0.5) return f;
    return std::fmod(f, 2.0) == 0 ? f : f + 1;
}

[[nodiscard]] inline std::size_t clamp_index(double v, std::size_t n) noexcept {
    if (!(v > 0)) return 0;
    const double last = static_cast<double>(n - 1);
    return v >= last ? n - 1 : static_cast<std::size_t>(v);
}

/// The Hyndman–Fan position for a "virtual index" v (0-based, continuous):
/// below 0 takes the first value, at or beyond n - 1 the last.
[[nodiscard]] inline quantile_position continuous_position(double v, std::size_t n) noexcept {
    if (v >= static_cast<double>(n - 1)) return {n - 1, n - 1, 0.0};
    if (v < 0) return {0, 0, 0.0};
    const double f = std::floor(v);
    const auto lo = static_cast<std::size_t>(f);
    return {lo, lo + 1, v - f};
}

} // namespace tally::detail
