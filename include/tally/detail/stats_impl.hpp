#pragma once
// tally/detail/stats_impl.hpp: the kernels behind tally/stats.hpp.
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
#include "../fwd.hpp"
#include "concat.hpp"
#include "ddof.hpp"
#include "int128.hpp"
#include "select.hpp"
#include "numeric.hpp"
#include "text.hpp"

namespace tally::detail {

/// The type the kernels accumulate values of type T in: long double for
/// long double, double for everything else (float data is summed in double
/// and the result rounded back to float).
template <class T>
using accumulator_t = std::conditional_t<std::same_as<T, long double>, long double, double>;

/// Neumaier's improved Kahan–Babuška summation: A. Neumaier, "Rundungsfehler-
/// analyze einiger Verfahren zur Summation endlicher Summen", ZAMM 54 (1974)
/// 39–51. The error is bounded independently of n (for n*eps < 1), and,
/// unlike Kahan's, it also holds when an addend is larger than the running
/// sum: [1e16, 1, -1e16] sums to 1.
template <std::floating_point A>
struct neumaier_sum {
    A sum{0};
    A compensation{0};

    constexpr void add(A x) noexcept { neumaier_step(sum, compensation, x); }
    constexpr void add(const neumaier_sum& other) noexcept {
        add(other.sum);
        compensation += other.compensation;
    }
    /// The compensated sum; when the plain sum overflowed or met an infinity
    /// or NaN, the compensation is meaningless and the plain sum is returned.
    [[nodiscard]] constexpr A value() const noexcept {
        return neumaier_value(sum, compensation);
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

/// Neumaier summation of contiguous floating data in four interleaved
/// lanes, each a compensated sum of its own, combined at the end by Neumaier
/// summation again. The same error bound as one chain (each lane's bound
/// holds for its values; the combination adds one more compensated step),
/// but the four chains are independent, so the loop runs several times
/// faster than a single chain. Used for long double, and for float and
/// double where the vector kernel below (sum_contiguous_vector) is not
/// compiled.
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

// --- two-wide kernels: the floating sum ----------------------------------
//
// The sum and variance kernels for float and double data below work on
// pairs of doubles. With GCC and Clang on x86-64 (SSE2) and AArch64 (NEON)
// a pair is one register, by the vector extension __attribute__((vector_size)),
// with the ISA's baseline instructions, so no -march flag is needed.
// Elsewhere (other compilers; targets without two-wide double registers,
// where the vectors would be emulated and passing them changes the ABI) it
// is a struct of two doubles: the same operations one element at a time,
// so the results are the same everywhere.

#if defined(__GNUC__) && (defined(__SSE2__) || defined(__ARM_NEON))
/// Two doubles in one register, element-wise arithmetic.
typedef double double2 __attribute__((vector_size(16)));

/// Asks the processor to bring the cache line holding p closer.
inline void prefetch_for_read(const void* p) noexcept { __builtin_prefetch(p); }
#else
/// Two doubles with element-wise arithmetic (the portable double2).
struct double2 {
    double e[2];
    [[nodiscard]] constexpr double operator[](std::size_t i) const noexcept { return e[i]; }
    friend constexpr double2 operator+(double2 a, double2 b) noexcept { return {{a.e[0] + b.e[0], a.e[1] + b.e[1]}}; }
    friend constexpr double2 operator-(double2 a, double2 b) noexcept { return {{a.e[0] - b.e[0], a.e[1] - b.e[1]}}; }
    friend constexpr double2 operator*(double2 a, double2 b) noexcept { return {{a.e[0] * b.e[0], a.e[1] * b.e[1]}}; }
    constexpr double2& operator+=(double2 b) noexcept { return *this = *this + b; }
    constexpr double2& operator-=(double2 b) noexcept { return *this = *this - b; }
};

inline void prefetch_for_read(const void*) noexcept {}
#endif

/// True when both elements of every vector in v[0..4) are finite (one test
/// per call, not per element).
[[nodiscard]] inline bool all_finite(const double2 (&v)[4]) noexcept {
    const double2 z = ((v[0] - v[0]) + (v[1] - v[1])) + ((v[2] - v[2]) + (v[3] - v[3]));
    return z[0] == 0.0 && z[1] == 0.0;  // inf - inf and NaN - NaN are NaN
}

/// The eight lanes of sum_contiguous_vector: lane sums and compensations.
struct sum_lanes {
    double2 s[4];
    double2 c[4];
};

/// Adds the n values at p (n a multiple of 8) to the lanes by neumaier_step
/// (TwoSum) on four two-wide vectors: value i goes to lane i mod 8. Careful:
/// each value is tested for NaN, counted in nans, and under skip replaced by
/// 0 (which leaves its lane unchanged). Not careful: no test at all; a NaN
/// or infinity then shows in a lane sum, which the caller checks per chunk.
template <bool Careful, class T>
inline void add_to_lanes(sum_lanes& lanes, const T* p, std::size_t n, bool skip,
                         std::size_t& nans) noexcept {
    double2 s0 = lanes.s[0], s1 = lanes.s[1], s2 = lanes.s[2], s3 = lanes.s[3];
    double2 c0 = lanes.c[0], c1 = lanes.c[1], c2 = lanes.c[2], c3 = lanes.c[3];
    for (std::size_t i = 0; i < n; i += 8) {
        double v[8];
        for (std::size_t k = 0; k < 8; ++k) {
            v[k] = static_cast<double>(p[i + k]);
            if constexpr (Careful) {
                const bool nan_value = v[k] != v[k];
                nans += nan_value ? 1u : 0u;
                if (skip && nan_value) v[k] = 0.0;
            }
        }
        neumaier_step(s0, c0, double2{v[0], v[1]});
        neumaier_step(s1, c1, double2{v[2], v[3]});
        neumaier_step(s2, c2, double2{v[4], v[5]});
        neumaier_step(s3, c3, double2{v[6], v[7]});
    }
    lanes = sum_lanes{{s0, s1, s2, s3}, {c0, c1, c2, c3}};
}

/// sum_contiguous for float and double data, eight lanes wide. The values
/// are taken in chunks of 1,024 (8 KiB of doubles, still in L1 when read
/// again) with no NaN test; a chunk after which a lane sum is not finite
/// (a NaN, an infinity, or an overflow) is undone and added again with the
/// careful per-value test, and so is every chunk after it while a lane stays
/// non-finite. Without NaN the only test is one per chunk. The result is
/// the same Neumaier sum with the same error bound as sum_contiguous (eight
/// compensated lanes combined by one more compensated sum), and the same
/// treatment of infinities: an infinity or NaN in any lane makes the plain
/// sum the answer.
template <class T>
[[nodiscard]] inline first_pass<double> sum_contiguous_vector(const T* p, std::size_t n,
                                                              nan_policy policy) noexcept {
    constexpr std::size_t chunk = 1024;
    const bool skip = policy == nan_policy::skip;
    sum_lanes lanes{};
    std::size_t nans = 0;
    bool finite = true;
    const std::size_t body = n - n % 8;
    for (std::size_t i = 0; i < body; i += chunk) {
        const std::size_t m = std::min(chunk, body - i);
        if (finite) {
            const sum_lanes before = lanes;
            add_to_lanes<false>(lanes, p + i, m, skip, nans);
            if (all_finite(lanes.s)) continue;
            lanes = before;
        }
        add_to_lanes<true>(lanes, p + i, m, skip, nans);
        finite = all_finite(lanes.s);
    }
    // The last n mod 8 values, padded with zeros: adding 0 changes no lane.
    T tail[8] = {};
    std::copy(p + body, p + n, tail);
    add_to_lanes<true>(lanes, tail, 8, skip, nans);

    neumaier_sum<double> total{};
    for (const double2& s : lanes.s) {
        total.add(s[0]);
        total.add(s[1]);
    }
    const double2 c = (lanes.c[0] + lanes.c[1]) + (lanes.c[2] + lanes.c[3]);
    total.compensation += c[0] + c[1];
    // As neumaier_sum::value(): an infinity or NaN anywhere makes the
    // compensation meaningless, and the plain sum is the answer.
    const double sum = all_finite(lanes.s) ? total.value() : total.sum;
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
            if constexpr (!std::same_as<T, long double>) {
                return sum_contiguous_vector(std::to_address(first), n, policy);
            }
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

// --- two-wide kernels: the blocked variance of float and double data -------

/// The moments of one block: the count of values kept and of NaN values
/// seen, the mean as center + offset (center: a value near the mean; offset:
/// small, the mean of the deviations from it), and M2.
struct block_moments {
    std::size_t count;
    std::size_t nans;
    double center;
    double offset;
    double m2;
};

/// x - center for the two values at p. Careful: a NaN is counted in nans
/// and replaced by center, so that it adds 0; otherwise nothing is tested,
/// and a NaN or infinity shows in the sums it goes into.
template <bool Careful, class T>
[[nodiscard]] inline double2 deviations(const T* p, double center, std::size_t& nans) noexcept {
    double v[2] = {static_cast<double>(p[0]), static_cast<double>(p[1])};
    if constexpr (Careful) {
        for (double& x : v) {
            if (x != x) {
                ++nans;
                x = center;
            }
        }
    }
    return double2{v[0], v[1]} - double2{center, center};
}

/// The first pass of moments_of_block: the sum of x - shift over the n
/// values at p, in eight lanes.
template <bool Careful, class T>
[[nodiscard]] inline double shifted_sum(const T* p, std::size_t n, double shift, std::size_t& nans) noexcept {
    double2 s0{}, s1{}, s2{}, s3{};
    const std::size_t body = n - n % 8;
    for (std::size_t i = 0; i < body; i += 8) {
        s0 += deviations<Careful>(p + i, shift, nans);
        s1 += deviations<Careful>(p + i + 2, shift, nans);
        s2 += deviations<Careful>(p + i + 4, shift, nans);
        s3 += deviations<Careful>(p + i + 6, shift, nans);
    }
    const double2 s = (s0 + s1) + (s2 + s3);
    double sum = s[0] + s[1];
    for (std::size_t i = body; i < n; ++i) {
        const double x = static_cast<double>(p[i]);
        if (Careful && x != x) {
            ++nans;
            continue;
        }
        sum += x - shift;
    }
    return sum;
}

/// The second pass of moments_of_block: the sums of d = x - center and of
/// d^2 over the n values at p. The squares are added two at a time by
/// Kahan's compensated summation, whose error is at most (2 eps + O(n
/// eps^2)) sum |y| in any order (Goldberg, "What every computer scientist
/// should know about floating-point arithmetic", 1991, theorem 8); the
/// squares are positive, so with the pairing each lane is good to about
/// 3 eps. Plain addition would drop every square below half an ulp of a
/// lane sum that a few large deviations have made big. Four compensated
/// chains, sixteen values a step, hide the latency of Kahan's dependent
/// operations. Also asks the processor to fetch the first ahead_n values
/// at `ahead` (the next block), so that memory is read while this block,
/// in L1, is computed on.
template <bool Careful, class T>
inline void centered_sums(const T* p, std::size_t n, double center, double& sum, double& squares,
                         std::size_t& nans, const T* ahead, std::size_t ahead_n) noexcept {
    double2 s0{}, s1{};
    double2 q0{}, q1{}, q2{}, q3{};  // sums of squares
    double2 r0{}, r1{}, r2{}, r3{};  // their compensations
    const auto add_squares = [](double2& q, double2& r, double2 a, double2 b) {
        const double2 y = (a * a + b * b) - r;
        const double2 t = q + y;
        r = (t - q) - y;
        q = t;
    };
    const std::size_t body = n - n % 16;
    for (std::size_t i = 0; i < body; i += 16) {
        if (i < ahead_n) prefetch_for_read(ahead + i);
        if (i + 8 < ahead_n) prefetch_for_read(ahead + i + 8);
        double2 a = deviations<Careful>(p + i, center, nans);
        double2 b = deviations<Careful>(p + i + 2, center, nans);
        s0 += a + b;
        add_squares(q0, r0, a, b);
        a = deviations<Careful>(p + i + 4, center, nans);
        b = deviations<Careful>(p + i + 6, center, nans);
        s1 += a + b;
        add_squares(q1, r1, a, b);
        a = deviations<Careful>(p + i + 8, center, nans);
        b = deviations<Careful>(p + i + 10, center, nans);
        s0 += a + b;
        add_squares(q2, r2, a, b);
        a = deviations<Careful>(p + i + 12, center, nans);
        b = deviations<Careful>(p + i + 14, center, nans);
        s1 += a + b;
        add_squares(q3, r3, a, b);
    }
    const double2 s = s0 + s1;
    sum = s[0] + s[1];
    neumaier_sum<double> total{};
    for (const double2& q : {q0, q1, q2, q3}) {
        total.add(q[0]);
        total.add(q[1]);
    }
    const double2 r = (r0 + r1) + (r2 + r3);
    total.compensation -= r[0] + r[1];
    for (std::size_t i = body; i < n; ++i) {
        const double x = static_cast<double>(p[i]);
        if (Careful && x != x) {
            ++nans;
            continue;
        }
        const double d = x - center;
        sum += d;
        total.add(d * d);
    }
    squares = total.value();
}

/// The moments of the n values at p by the corrected two-pass algorithm
/// (Chan, Golub & LeVeque 1983, eq. 1.7): with the block's first value
/// that is not NaN as shift, c = shift + mean(x - shift) and d = x - c,
/// M2 = sum d^2 - (sum d)^2 / count, where the second term removes the
/// error of c. The shift keeps the first pass's sum small when the values
/// sit far from 0 (1e9 + U[0, 1)), and a block of up to 2,048 values is
/// still in L1 for its second pass, so the whole variance reads memory
/// once. The first pass tests nothing; only a block whose sum comes out
/// non-finite is read again with the NaN test. Under propagate, a NaN ends
/// the work (nans > 0; the variance is NaN). Returns false when the moments
/// are not finite (an infinity, or deviations or squares that overflow).
template <class T>
[[nodiscard]] inline bool moments_of_block(const T* p, std::size_t n, nan_policy policy, block_moments& out,
                                           const T* ahead, std::size_t ahead_n) noexcept {
    std::size_t nans = 0;
    double shift = static_cast<double>(p[0]);
    double sum = shifted_sum<false>(p, n, shift, nans);
    const bool careful = !is_finite(sum);
    if (careful) {
        const T* first = std::find_if(p, p + n, [](T x) { return x == x; });
        shift = first == p + n ? 0.0 : static_cast<double>(*first);
        sum = shifted_sum<true>(p, n, shift, nans);
        if (nans != 0 && policy == nan_policy::propagate) {
            out = block_moments{n, nans, shift, 0.0, 0.0};
            return true;
        }
        if (!is_finite(sum)) return false;
    }
    const std::size_t count = n - nans;
    if (count == 0) {
        out = block_moments{0, nans, shift, 0.0, 0.0};
        return true;
    }
    const double nd = static_cast<double>(count);
    const double center = shift + sum / nd;
    double squares = 0;
    nans = 0;
    if (careful) {
        centered_sums<true>(p, n, center, sum, squares, nans, ahead, ahead_n);
    } else {
        centered_sums<false>(p, n, center, sum, squares, nans, ahead, ahead_n);
    }
    const double m2 = squares - sum * sum / nd;
    if (!is_finite(m2)) return false;
    out = block_moments{count, nans, center, sum / nd, m2 < 0 ? 0.0 : m2};
    return true;
}

/// The result of the blocked variance: count and nan_count as in
/// first_pass (under propagate the count includes the NaN values), and M2.
struct contiguous_moments {
    std::size_t count;
    std::size_t nan_count;
    double m2;
    bool finite;
};

/// M2 of the n values at p in one pass over memory: moments_of_block for
/// each block of 2,048 values, combined by Chan, Golub & LeVeque's pairwise
/// update ("Updating formulae and a pairwise algorithm for computing sample
/// variances", STAN-CS-79-773, 1979): with counts na, nb and means ma, mb,
/// M2 = M2a + M2b + (mb - ma)^2 na nb / (na + nb). The means are kept as
/// offsets from the first block's center, so that their rounding errors
/// scale with the spread of the data, not with its distance from 0, and
/// the M2 terms are added with Neumaier compensation. finite is false when
/// a block's moments are not finite; the caller then computes the variance
/// the plain two-pass way, which gives inf or NaN as documented there.
template <class T>
[[nodiscard]] inline contiguous_moments variance_contiguous(const T* p, std::size_t n,
                                                            nan_policy policy) noexcept {
    constexpr std::size_t block = 2048;
    std::size_t count = 0;
    std::size_t nans = 0;
    double reference = 0;
    double mean = 0;
    neumaier_sum<double> m2{};
    for (std::size_t i = 0; i < n; i += block) {
        const std::size_t m = std::min(block, n - i);
        block_moments b{};
        const std::size_t next = std::min(block, n - i - m);
        if (!moments_of_block(p + i, m, policy, b, p + i + m, next)) return {0, 0, 0.0, false};
        nans += b.nans;
        if (b.nans != 0 && policy == nan_policy::propagate) return {n, nans, 0.0, true};
        if (b.count == 0) continue;
        if (count == 0) reference = b.center;
        const double mean_b = (b.center - reference) + b.offset;
        const double na = static_cast<double>(count);
        const double nb = static_cast<double>(b.count);
        const double total = na + nb;
        const double delta = mean_b - mean;
        mean += delta * (nb / total);
        m2.add(b.m2);
        m2.add(delta * delta * (na * nb / total));
        count += b.count;
    }
    const double result = m2.value();
    if (!is_finite(result)) return {0, 0, 0.0, false};
    return {policy == nan_policy::skip ? count : n, nans, result, true};
}

[[noreturn]] inline void throw_variance_overflow(const char* what) {
    throw overflow_error("the " + std::string(what) +
                         " cannot be given: the variance of the values is beyond the range of the result type.");
}

/// The variance as the result type. +inf here can only come from finite
/// values whose squared deviations overflow (an infinite value makes the
/// deviations NaN), so it throws rather than give a silent inf.
template <class Out, class A>
[[nodiscard]] constexpr Out finish_variance(A v, const char* what) {
    const auto out = static_cast<Out>(v);
    if (out > std::numeric_limits<Out>::max()) throw_variance_overflow(what);
    return out;
}

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
    if constexpr (std::floating_point<T> && !std::same_as<T, long double> && std::contiguous_iterator<I> &&
                  std::sized_sentinel_for<S, I>) {
        if (!std::is_constant_evaluated()) {
            const auto moments =
                variance_contiguous(std::to_address(first), static_cast<std::size_t>(last - first), policy);
            if (moments.finite) {
                n = moments.count;
                nans = moments.nan_count;
                if (n == 0) throw_no_values(what, nans);
                if (policy == nan_policy::propagate && nans != 0) {
                    return std::numeric_limits<Out>::quiet_NaN();
                }
                if (static_cast<std::size_t>(ddof) >= n) {
                    throw_ddof_too_large("variance", ddof, n, nans != 0);
                }
                return finish_variance<Out>(moments.m2 / static_cast<A>(n - static_cast<std::size_t>(ddof)), what);
            }
        }
    }
    if constexpr (std::forward_iterator<I>) {
        const auto pass = sum_pass(first, last, policy);
        n = pass.count;
        nans = pass.nan_count;
        if (n == 0) throw_no_values(what, nans);
        if (policy == nan_policy::propagate && nans != 0) {
            return std::numeric_limits<Out>::quiet_NaN();
        }
        if (static_cast<std::size_t>(ddof) >= n) throw_ddof_too_large("variance", ddof, n, nans != 0);
        A mean = pass.sum / static_cast<A>(n);
        if (!is_finite(mean)) {
            // finite values whose sum passes A's largest value: the mean
            // from the compensated sum of x / n, which stays in range (an
            // infinite value keeps the mean infinite and the variance NaN)
            neumaier_sum<A> scaled{};
            for (auto it = first; it != last; ++it) {
                if (!is_nan(*it)) scaled.add(static_cast<A>(*it) / static_cast<A>(n));
            }
            mean = scaled.value();
        }
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
    return finish_variance<Out>(m2 / static_cast<A>(n - static_cast<std::size_t>(ddof)), what);
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
    throw invalid_argument(concat("the quantile method ", integer_text(static_cast<int>(method)),
                                  " is not one of tally::quantile_method's values."));
}

/// numpy's _lerp: a + (b - a) t, computed from the nearer end so that
/// t = 1 gives b exactly.
/// Equal ends give that end (inf between two infinities, where b - a would
/// be NaN); finite ends whose distance is beyond A are weighted instead.
template <class A>
[[nodiscard]] constexpr A lerp(A a, A b, A t) noexcept {
    if (a == b) return a;
    const A d = b - a;
    if (!is_finite(d) && is_finite(a) && is_finite(b)) return a * (A(1) - t) + b * t;
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

/// The number of values from which quantile_impl selects by radix
/// (detail/select.hpp) instead of copying. Measured with doubles: below it
/// the copy stays in the caches and std::nth_element over it takes about
/// half the time of the three radix passes (some 1.2 against 2.8 ns a
/// value); above some 20,000 values the copy often gets fresh pages from
/// the system (glibc maps blocks over 128 KiB anew) and becomes 3 to 4
/// times slower than the passes, which allocate nothing the size of the
/// input.
inline constexpr std::size_t radix_quantile_threshold = 16384;

/// The quantile of data[0, n) by radix selection: the data are read, never
/// copied or reordered. The same result as quantile_of_scratch over the
/// values kept (in value; see select.hpp for the sign of a zero).
template <radix_selectable T>
[[nodiscard]] auto quantile_by_radix(const T* data, std::size_t n, double q, quantile_method method,
                                     nan_policy policy, const std::string& what) {
    using A = accumulator_t<T>;
    using Out = statistic_t<T>;
    const radix_extremes<T> extremes = radix_scan(data, n);
    if (policy == nan_policy::propagate && extremes.nan_count != 0) return std::numeric_limits<Out>::quiet_NaN();
    const std::size_t kept = n - extremes.nan_count;
    if (kept == 0) throw_no_values(what, extremes.nan_count);
    const quantile_position p = position_of(kept, q, method);
    const bool two = p.hi != p.lo && p.gamma != 0;
    const auto [x, y] = radix_select(data, n, extremes, p.lo, two ? p.hi : p.lo);
    const A a = static_cast<A>(x);
    if (!two) return static_cast<Out>(a);
    return static_cast<Out>(lerp(a, static_cast<A>(y), static_cast<A>(p.gamma)));
}

template <class I, class S>
[[nodiscard]] auto quantile_impl(I first, S last, double q, quantile_method method, nan_policy policy,
                                 const std::string& what) {
    using T = std::iter_value_t<I>;
    using Out = statistic_t<T>;
    if (!(q >= 0.0 && q <= 1.0)) throw_bad_quantile(q);
    // Contiguous values (T or const T, not volatile) are read in place.
    if constexpr (std::contiguous_iterator<I> && std::sized_sentinel_for<S, I> && radix_selectable<T> &&
                  (std::same_as<std::iter_reference_t<I>, T&> ||
                   std::same_as<std::iter_reference_t<I>, const T&>)) {
        const auto n = static_cast<std::size_t>(last - first);
        if (n >= radix_quantile_threshold) {
            return quantile_by_radix(std::to_address(first), n, q, method, policy, what);
        }
    }
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

/// Centerd second moments of the pairs (x, y) that hold no NaN (under
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
    /// Whether x (or y) holds +inf or -inf; the sums are then not filled.
    bool x_infinite = false;
    bool y_infinite = false;
    /// The moments are of x * x_scale and y * y_scale: powers of two below
    /// 1 where the values are so large that their squares would overflow.
    A x_scale = 1;
    A y_scale = 1;
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
    A x_largest = 0, y_largest = 0;
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
            if (is_infinite(x)) m.x_infinite = true;
            if (is_infinite(y)) m.y_infinite = true;
            x_largest = std::max(x_largest, absolute(static_cast<A>(x)));
            y_largest = std::max(y_largest, absolute(static_cast<A>(y)));
            sx.add(x);
            sy.add(y);
            ++m.n;
        }
    }
    if (m.n == 0 || (policy == nan_policy::propagate && m.pairs_with_nan != 0)) return m;
    if (m.x_infinite || m.y_infinite) return m;
    // Values from 2^400 up: scale them by a power of two (exact) so that
    // their squares and cross products stay finite.
    constexpr A large = A(0x1p400);
    const auto scale_for = [](A largest) {
        A scale = 1;
        while (largest * scale >= large) scale *= A(0x1p-64);
        return scale;
    };
    m.x_scale = scale_for(x_largest);
    m.y_scale = scale_for(y_largest);
    const A nd = static_cast<A>(m.n);
    // f(x, y) for each pair without a NaN, x and y scaled
    const auto each_scaled_pair = [&](auto&& f) {
        XI xi = x_first;
        YI yi = y_first;
        for (std::size_t i = 0; i < length; ++i, ++xi, ++yi) {
            const X x = *xi;
            const Y y = *yi;
            if (!is_nan(x) && !is_nan(y)) f(static_cast<A>(x) * m.x_scale, static_cast<A>(y) * m.y_scale);
        }
    };
    if (m.x_scale == A(1) && m.y_scale == A(1)) {
        m.mean_x = static_cast<A>(sx.value()) / nd;
        m.mean_y = static_cast<A>(sy.value()) / nd;
    } else {
        neumaier_sum<A> scaled_x{}, scaled_y{};
        each_scaled_pair([&](A x, A y) {
            scaled_x.add(x);
            scaled_y.add(y);
        });
        m.mean_x = scaled_x.value() / nd;
        m.mean_y = scaled_y.value() / nd;
    }
    A dx_sum = 0, dy_sum = 0, xx = 0, yy = 0, xy = 0;
    each_scaled_pair([&](A x, A y) {
        const A dx = x - m.mean_x;
        const A dy = y - m.mean_y;
        dx_sum += dx;
        dy_sum += dy;
        xx += dx * dx;
        yy += dy * dy;
        xy += dx * dy;
    });
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
