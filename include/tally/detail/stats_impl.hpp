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

/// s += x, with the rounding error of that addition added to c. The error
/// is computed by Knuth's branch-free TwoSum (TAOCP vol. 2, 4.2.2,
/// theorem B) instead of Neumaier's comparison of |s| and |x|: both give
/// the exact error of the addition, so the sum is the same Neumaier sum,
/// but without a branch the four lanes below run in parallel.
template <class A>
constexpr void neumaier_step(A& s, A& c, A x) noexcept {
    const A t = s + x;
    const A x_part = t - s;
    c += (s - (t - x_part)) + (x - x_part);
    s = t;
}

/// Neumaier summation of contiguous floating data in four interleaved
/// lanes, each a compensated sum of its own, combined at the end by Neumaier
/// summation again. The same error bound as one chain (each lane's bound
/// holds for its values; the combination adds one more compensated step),
/// but the four chains are independent, so the loop runs several times
/// faster than a single chain.
template <class T>
[[nodiscard]] constexpr first_pass<accumulator_t<T>> sum_contiguous(const T* p, std::size_t n,
                                                                    nan_policy policy) noexcept {
    using A = accumulator_t<T>;
    A s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    A c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    std::size_t nans = 0;
    const bool skip = policy == nan_policy::skip;
    const auto load = [&](T value) {
        const A x = static_cast<A>(value);
        const bool nan_value = x != x;
        nans += nan_value ? 1u : 0u;
        return skip && nan_value ? A(0) : x;
    };
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        neumaier_step(s0, c0, load(p[i]));
        neumaier_step(s1, c1, load(p[i + 1]));
        neumaier_step(s2, c2, load(p[i + 2]));
        neumaier_step(s3, c3, load(p[i + 3]));
    }
    for (; i < n; ++i) neumaier_step(s0, c0, load(p[i]));
    neumaier_sum<A> total{};
    total.add(s0);
    total.add(s1);
    total.add(s2);
    total.add(s3);
    total.compensation += (c0 + c1) + (c2 + c3);
    // As neumaier_sum::value(): an infinity or NaN anywhere makes the
    // compensation meaningless, and the plain sum is the answer.
    const bool finite = is_finite(s0) && is_finite(s1) && is_finite(s2) && is_finite(s3);
    const A sum = finite ? total.value() : total.sum;
    return {sum, skip ? n - nans : n, nans};
}

/// One pass: sums the values (skipping NaN under nan_policy::skip; under
/// propagate a NaN makes the sum NaN and counts as a value).
template <class I, class S>
[[nodiscard]] constexpr auto sum_pass(I first, S last, nan_policy policy) {
    using T = std::iter_value_t<I>;
    if constexpr (std::floating_point<T> && std::contiguous_iterator<I> && std::sized_sentinel_for<S, I>) {
        if (!std::is_constant_evaluated()) {
            const auto n = static_cast<std::size_t>(last - first);
            return sum_contiguous(std::to_address(first), n, policy);
        }
    }
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

template <class I, class S>
[[nodiscard]] constexpr auto mean_impl(I first, S last, nan_policy policy) {
    using T = std::iter_value_t<I>;
    using A = accumulator_t<T>;
    const auto pass = sum_pass(std::move(first), std::move(last), policy);
    if (pass.count == 0) throw_no_values("mean", pass.nan_count);
    return static_cast<statistic_t<T>>(pass.sum / static_cast<A>(pass.count));
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

template <class I, class S>
[[nodiscard]] constexpr auto variance_impl(I first, S last, int ddof, nan_policy policy,
                                           const char* what) {
    using T = std::iter_value_t<I>;
    using A = accumulator_t<T>;
    using Out = statistic_t<T>;
    if (ddof < 0) throw_negative_ddof(ddof);
    std::size_t n = 0;
    std::size_t nans = 0;
    A m2 = 0;
    if constexpr (std::forward_iterator<I>) {
        const auto pass = sum_pass(first, last, policy);
        n = pass.count;
        nans = pass.nan_count;
        if (n == 0) throw_no_values(what, nans);
        if (policy == nan_policy::propagate && nans != 0) {
            return std::numeric_limits<Out>::quiet_NaN();
        }
        if (static_cast<std::size_t>(ddof) >= n) throw_ddof_too_large("variance", ddof, n, nans != 0);
        const A mean = pass.sum / static_cast<A>(n);
        m2 = sum_of_squares(first, last, mean, n);
    } else {
        welford<A> w{};
        for (; first != last; ++first) {
            const T x = *first;
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

/// The position of quantile q among n >= 1 sorted values. The index
/// arithmetic follows numpy 1.22+ (numpy/lib/function_base.py,
/// _QuantileMethods) operation for operation, so that results agree with
/// numpy and pandas to the last bit, including at the jumps of the
/// discontinuous methods — except type 3's tie rule (see there). Hyndman & Fan, "Sample quantiles in statistical
/// packages", The American Statistician 50 (1996) 361–365: with p = q and
/// 1-based order statistics, type k uses
///   1: x[ceil(np)]                         (inverse of the empirical CDF)
///   2: as 1, averaging at the discontinuities
///   3: x[nearest integer to np - 1/2], ties to the even order statistic
///   4..9: interpolate at np + m, m = 0, 1/2, p, 1 - p, (p + 1)/3, p/4 + 3/8.
[[nodiscard]] inline quantile_position position_of(std::size_t n, double q, quantile_method method) {
    const double nd = static_cast<double>(n);
    // numpy's _compute_virtual_index: n*q + (alpha + q*(1 - alpha - beta)) - 1.
    const auto virtual_index = [&](double alpha, double beta) {
        return nd * q + (alpha + q * (1 - alpha - beta)) - 1;
    };
    switch (method) {
    case quantile_method::type1: {  // inverted_cdf
        const double v = nd * q - 1;
        const double f = std::floor(v);
        const std::size_t i = clamp_index(v - f == 0 ? f : f + 1, n);
        return {i, i, 0.0};
    }
    case quantile_method::type2: {  // averaged_inverted_cdf
        quantile_position p = continuous_position(nd * q - 1, n);
        if (p.lo != p.hi) p.gamma = p.gamma == 0 ? 0.5 : 1.0;
        return p;
    }
    case quantile_method::type3: {  // closest_observation
        // Hyndman & Fan: j = floor(np - 1/2) (1-based); on a tie (np - 1/2
        // an integer) take x[j] when j is even, else x[j + 1]. numpy 1.22 to
        // 1.24 at least tests the parity of the 0-based index instead, so it
        // picks the odd order statistic on ties: numpy 1.24 gives
        // quantile([10, 20, 30, 40], 0.375, method="closest_observation")
        // = 10 where the paper (np - 1/2 = 1, odd) gives x[2] = 20. tally
        // follows the paper (as R's type 3 does).
        const double v = nd * q - 0.5;
        const double j = std::floor(v);
        const double one_based = v - j == 0 && std::fmod(j, 2.0) == 0 ? j : j + 1;
        const std::size_t i = clamp_index(one_based - 1, n);
        return {i, i, 0.0};
    }
    case quantile_method::type4: return continuous_position(virtual_index(0, 1), n);
    case quantile_method::type5: return continuous_position(virtual_index(0.5, 0.5), n);
    case quantile_method::type6: return continuous_position(virtual_index(0, 0), n);
    case quantile_method::type7: return continuous_position((nd - 1) * q, n);
    case quantile_method::type8: return continuous_position(virtual_index(1 / 3.0, 1 / 3.0), n);
    case quantile_method::type9: return continuous_position(virtual_index(3 / 8.0, 3 / 8.0), n);
    case quantile_method::lower: {
        const std::size_t i = clamp_index(std::floor((nd - 1) * q), n);
        return {i, i, 0.0};
    }
    case quantile_method::higher: {
        const std::size_t i = clamp_index(std::ceil((nd - 1) * q), n);
        return {i, i, 0.0};
    }
    case quantile_method::nearest: {  // numpy's np.around: half to even
        const std::size_t i = clamp_index(round_half_even((nd - 1) * q), n);
        return {i, i, 0.0};
    }
    case quantile_method::midpoint: {
        const double w = (nd - 1) * q;
        quantile_position p = continuous_position(0.5 * (std::floor(w) + std::ceil(w)), n);
        if (p.lo != p.hi) p.gamma = p.gamma == 0 ? 0.0 : 0.5;
        return p;
    }
    }
    return continuous_position((nd - 1) * q, n);
}

/// numpy's _lerp: a + (b - a) t, computed from the nearer end so that
/// t = 1 gives b exactly.
template <class A>
[[nodiscard]] constexpr A lerp(A a, A b, A t) noexcept {
    const A d = b - a;
    return t >= A(0.5) ? b - d * (A(1) - t) : a + d * t;
}

/// Copies the values kept under the policy into a scratch buffer. Returns
/// false when the policy is propagate and a NaN was seen (the result is NaN).
template <class I, class S, class T>
[[nodiscard]] bool gather(I first, S last, nan_policy policy, std::vector<T>& out, std::size_t& nans) {
    if constexpr (std::sized_sentinel_for<S, I>) {
        out.reserve(static_cast<std::size_t>(last - first));
    }
    for (; first != last; ++first) {
        const T x = *first;
        if (is_nan(x)) {
            ++nans;
            if (policy == nan_policy::propagate) return false;
            continue;
        }
        out.push_back(x);
    }
    return true;
}

/// The quantile of the values in `values` (which it reorders). O(n)
/// expected: std::nth_element for the lower order statistic, then the
/// minimum of the part above it for the upper one.
template <class T>
[[nodiscard]] auto quantile_of_scratch(std::vector<T>& values, double q, quantile_method method) {
    using A = accumulator_t<T>;
    using Out = statistic_t<T>;
    const quantile_position p = position_of(values.size(), q, method);
    const auto lo = values.begin() + static_cast<std::ptrdiff_t>(p.lo);
    std::nth_element(values.begin(), lo, values.end());
    const A a = static_cast<A>(*lo);
    if (p.hi == p.lo || p.gamma == 0) return static_cast<Out>(a);
    const A b = static_cast<A>(*std::min_element(lo + 1, values.end()));
    return static_cast<Out>(lerp(a, b, static_cast<A>(p.gamma)));
}

template <class I, class S>
[[nodiscard]] auto quantile_impl(I first, S last, double q, quantile_method method, nan_policy policy,
                                 const std::string& what) {
    using T = std::iter_value_t<I>;
    using Out = statistic_t<T>;
    if (!(q >= 0.0 && q <= 1.0)) throw_bad_quantile(q);
    std::vector<T> scratch;
    std::size_t nans = 0;
    if (!gather(first, last, policy, scratch, nans)) return std::numeric_limits<Out>::quiet_NaN();
    if (scratch.empty()) throw_no_values(what, nans);
    return quantile_of_scratch(scratch, q, method);
}

// --- extremes ------------------------------------------------------------

/// The position (counting every element, NaN or not) and value of the
/// least (Less = std::less) or greatest element; the first of equals.
/// Under propagate the first NaN wins. Throws when nothing is left.
template <class I, class S, class Better>
[[nodiscard]] constexpr auto extreme(I first, S last, nan_policy policy, Better better, const char* what) {
    using T = std::iter_value_t<I>;
    struct found {
        std::size_t index;
        T value;
    };
    std::size_t index = 0;
    std::size_t nans = 0;
    bool have = false;
    found best{0, T{}};
    for (; first != last; ++first, ++index) {
        const T x = *first;
        if (is_nan(x)) {
            if (policy == nan_policy::propagate) return found{index, x};
            ++nans;
            continue;
        }
        if (!have || better(x, best.value)) {
            best = found{index, x};
            have = true;
        }
    }
    if (!have) throw_no_values(what, nans);
    return best;
}

// --- pairs ---------------------------------------------------------------

/// Centred second moments of the pairs (x, y) that hold no NaN (under
/// skip) — the inputs of covariance, correlation and the linear trend.
template <class A>
struct pair_moments {
    std::size_t n = 0;
    std::size_t pairs_with_nan = 0;
    A mean_x = 0;
    A mean_y = 0;
    A sxx = 0;
    A syy = 0;
    A sxy = 0;
    bool x_constant = true;
    bool y_constant = true;
};

/// Two passes over the pairs: means from compensated (or exact integer)
/// sums, then the corrected two-pass sums of squares and products
/// (Chan, Golub & LeVeque 1983, as for the variance).
template <class A, class XI, class YI>
[[nodiscard]] constexpr pair_moments<A> moments_of_pairs(XI x_first, YI y_first, std::size_t length,
                                                         nan_policy policy) {
    using X = std::iter_value_t<XI>;
    using Y = std::iter_value_t<YI>;
    pair_moments<A> m{};
    summer<X> sx{};
    summer<Y> sy{};
    X first_x{};
    Y first_y{};
    {
        XI xi = x_first;
        YI yi = y_first;
        for (std::size_t i = 0; i < length; ++i, ++xi, ++yi) {
            const X x = *xi;
            const Y y = *yi;
            if (is_nan(x) || is_nan(y)) {
                ++m.pairs_with_nan;
                continue;
            }
            if (m.n == 0) {
                first_x = x;
                first_y = y;
            } else {
                if (x != first_x) m.x_constant = false;
                if (y != first_y) m.y_constant = false;
            }
            sx.add(x);
            sy.add(y);
            ++m.n;
        }
    }
    if (m.n == 0 || (policy == nan_policy::propagate && m.pairs_with_nan != 0)) return m;
    const A nd = static_cast<A>(m.n);
    m.mean_x = static_cast<A>(sx.value()) / nd;
    m.mean_y = static_cast<A>(sy.value()) / nd;
    A dx_sum = 0, dy_sum = 0, xx = 0, yy = 0, xy = 0;
    XI xi = x_first;
    YI yi = y_first;
    for (std::size_t i = 0; i < length; ++i, ++xi, ++yi) {
        const X x = *xi;
        const Y y = *yi;
        if (is_nan(x) || is_nan(y)) continue;
        const A dx = static_cast<A>(x) - m.mean_x;
        const A dy = static_cast<A>(y) - m.mean_y;
        dx_sum += dx;
        dy_sum += dy;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
    }
    m.sxx = xx - dx_sum * dx_sum / nd;
    m.syy = yy - dy_sum * dy_sum / nd;
    m.sxy = xy - dx_sum * dy_sum / nd;
    if (m.sxx < 0) m.sxx = 0;
    if (m.syy < 0) m.syy = 0;
    return m;
}

/// 0, 1, 2, ...: the x of linear_trend(y). (Not std::views::iota, which
/// clang 14 cannot compile against libstdc++ 12's ranges.)
struct counting_iterator {
    using value_type = std::size_t;
    using difference_type = std::ptrdiff_t;
    std::size_t i = 0;
    [[nodiscard]] constexpr std::size_t operator*() const noexcept { return i; }
    constexpr counting_iterator& operator++() noexcept {
        ++i;
        return *this;
    }
    constexpr counting_iterator operator++(int) noexcept {
        counting_iterator before = *this;
        ++i;
        return before;
    }
    friend constexpr bool operator==(counting_iterator, counting_iterator) noexcept = default;
};

// --- the normal distribution ---------------------------------------------

/// The standard normal quantile Phi^-1(p) for 0 < p < 1: P. J. Acklam's
/// rational approximation (relative error 1.15e-9; "An algorithm for
/// computing the inverse normal cumulative distribution function", 2003),
/// refined by one step of Halley's method on Phi(x) = erfc(-x/sqrt 2)/2,
/// which brings it to full double precision.
[[nodiscard]] inline double normal_quantile(double p) {
    constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                            1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
    constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                            6.680131188771972e+01,  -1.328068155288572e+01};
    constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                            -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
    constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                            3.754408661907416e+00};
    // Phi^-1(1 - p) = -Phi^-1(p); 1 - p is exact for p >= 0.5 (Sterbenz).
    if (p > 0.5) return -normal_quantile(1 - p);
    constexpr double p_low = 0.02425;
    double x = 0;
    if (p < p_low) {
        const double t = std::sqrt(-2 * std::log(p));
        x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
            ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
    } else {
        const double u = p - 0.5;
        const double r = u * u;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    // Halley: e = Phi(x) - p, u = e / phi(x), x -= u / (1 + x u / 2).
    constexpr double sqrt_2pi = 2.50662827463100050242;
    constexpr double sqrt_half = 0.70710678118654752440;
    const double e = 0.5 * std::erfc(-x * sqrt_half) - p;
    const double u = e * sqrt_2pi * std::exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

} // namespace tally::detail
