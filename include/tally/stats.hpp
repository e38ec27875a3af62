#pragma once
// tally/stats.hpp: descriptive statistics over any range of numbers.
//
//   std::vector<int> removals{153, 462, 527, 594, 387};
//   tally::mean(removals);                    // 424.6
//   tally::median(removals);                  // 462.0
//   tally::quantile(removals, 0.25);          // 387.0 (Hyndman–Fan 7, like numpy)
//   tally::stddev(removals);                  // sample standard deviation (ddof 1)
//   tally::linear_trend(removals).slope;      // per period
//   tally::rate(594, 85'000'000, 100'000);    // per 100,000
//   tally::rate_ratio(387, 1.0, 594, 1.0).interval();   // 95% interval
//
// Integer input gives double, floating input its own type; NaN values are
// skipped unless nan_policy::propagate; bad inputs throw with one-sentence
// messages quoted at each function. sum, mean, min and max are function
// objects (of the types tally::sum_fn, mean_fn, min_fn, max_fn).
//
// See docs/statistics.md.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <functional>
#include <iterator>
#include <limits>
#include <ranges>
#include <string>
#include <type_traits>
#include <vector>

#include "detail/int128.hpp"
#include "detail/stats_impl.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "fwd.hpp"

namespace tally {

// ============================================================================
// Sums and means
// ============================================================================

namespace detail {

/// After a floating sum that is not finite: a NaN that propagate let in is
/// the documented result, and so is an infinite sum of an infinite value;
/// inf added to -inf throws undefined_result, and finite values whose sum
/// passes the type's largest value throw overflow_error. Ranges that can be
/// read only once are not read again: their non-finite sums are returned.
/// Returns whether the sum overflowed from finite values (for mean()).
template <class A, class I, class S>
[[nodiscard]] constexpr bool check_floating_sum(A sum, I first, S last, nan_policy policy, std::size_t nan_count,
                                                const char* what) {
    if constexpr (!std::floating_point<A>) {
        return false;
    } else {
        if (!is_nan(sum) && sum - sum == A(0)) return false;  // finite
        if (is_nan(sum) && policy == nan_policy::propagate && nan_count > 0) return false;
        if constexpr (!std::forward_iterator<I>) {
            return false;
        } else {
            bool positive = false, negative = false;
            for (; first != last; ++first) {
                const auto x = static_cast<A>(*first);
                if (x == std::numeric_limits<A>::infinity()) positive = true;
                if (x == -std::numeric_limits<A>::infinity()) negative = true;
            }
            if (positive && negative) {
                throw undefined_result(std::string("the ") + what + " of the range is undefined: it adds inf to -inf.");
            }
            if (positive || negative) return false;
            if (std::string(what) == "mean") return true;
            throw overflow_error(std::string("the sum of the range passes the largest finite ") +
                                 detail::floating_type_name<A>() +
                                 ".");
        }
    }
}

/// A sum accumulated in a wider type (float data in double), as Out: a
/// finite sum beyond Out throws overflow_error rather than become inf.
template <class Out, class A>
[[nodiscard]] constexpr Out narrow_sum(A sum) {
    const auto out = static_cast<Out>(sum);
    if (is_finite(sum) && !is_finite(out)) {
        throw overflow_error(concat("the sum of the range passes the largest finite ", floating_type_name<Out>(), "."));
    }
    return out;
}

/// The mean of finite values whose sum overflows: the compensated sum of
/// x / n, which stays in range.
template <class A, class I, class S>
[[nodiscard]] constexpr A scaled_mean(I first, S last, std::size_t n) {
    neumaier_sum<A> total{};
    for (; first != last; ++first) {
        const auto x = static_cast<A>(*first);
        if (!is_nan(x)) total.add(x / static_cast<A>(n));
    }
    return total.value();
}

} // namespace detail

/// The type of tally::sum.
struct sum_fn {
    /// The sum of the values, 0 for an empty range. Integers are summed exactly
    /// in 128 bits and rounded once to double; floating values by Neumaier's
    /// compensated summation (Neumaier, ZAMM 54, 1974), so [1e16, 1, -1e16]
    /// sums to 1. O(n), one pass, no allocation. constexpr.
    /// An infinite value gives an infinite sum; throws undefined_result for
    /// "the sum of the range is undefined: it adds inf to -inf." and
    /// overflow_error for "the sum of the range passes the largest finite
    /// double." (finite values whose sum does not fit).
    template <arithmetic_range R>
    [[nodiscard]] constexpr range_statistic_t<R> operator()(R&& r, nan_policy policy = nan_policy::skip) const {
        const auto pass = detail::sum_pass(std::ranges::begin(r), std::ranges::end(r), policy);
        (void)detail::check_floating_sum(pass.sum, std::ranges::begin(r), std::ranges::end(r), policy, pass.nan_count, "sum");
        return detail::narrow_sum<range_statistic_t<R>>(pass.sum);
    }

    /// The same over the iterator range [first, last).
    template <class I, class S>
        requires arithmetic_iterator_pair<I, S>
    [[nodiscard]] constexpr auto operator()(I first, S last, nan_policy policy = nan_policy::skip) const {
        using Out = statistic_t<std::iter_value_t<I>>;
        if constexpr (std::forward_iterator<I>) {
            const auto pass = detail::sum_pass(first, last, policy);
            (void)detail::check_floating_sum(pass.sum, first, last, policy, pass.nan_count, "sum");
            return detail::narrow_sum<Out>(pass.sum);
        } else {
            return detail::narrow_sum<Out>(detail::sum_pass(std::move(first), std::move(last), policy).sum);
        }
    }
};

/// The type of tally::mean.
struct mean_fn {
    /// The arithmetic mean: the (compensated or exact integer) sum divided by
    /// the count. O(n), one pass. constexpr.
    /// Throws undefined_result when no value is left:
    ///   "the mean of an empty range is undefined."
    ///   "the mean of a range whose values are all NaN is undefined."
    /// Finite values whose sum passes the largest finite value still have
    /// their mean (from the sum of x / n); inf with -inf throws
    /// undefined_result: "the mean of the range is undefined: it adds inf to -inf."
    template <arithmetic_range R>
    [[nodiscard]] constexpr range_statistic_t<R> operator()(R&& r, nan_policy policy = nan_policy::skip) const {
        if constexpr (std::ranges::forward_range<R>) {
            return (*this)(std::ranges::begin(r), std::ranges::end(r), policy);
        } else {
            return detail::mean_impl(std::ranges::begin(r), std::ranges::end(r), policy);
        }
    }

    /// The same over the iterator range [first, last).
    template <class I, class S>
        requires arithmetic_iterator_pair<I, S>
    [[nodiscard]] constexpr auto operator()(I first, S last, nan_policy policy = nan_policy::skip) const {
        if constexpr (std::forward_iterator<I>) {
            const auto m = detail::mean_impl(first, last, policy);
            using A = std::remove_cv_t<decltype(m)>;
            if (detail::check_floating_sum(m, first, last, policy, m == m ? std::size_t{0} : std::size_t{1}, "mean")) {
                return static_cast<A>(detail::scaled_mean<A>(first, last, count_kept(first, last)));
            }
            return m;
        } else {
            return detail::mean_impl(std::move(first), std::move(last), policy);
        }
    }

private:
    template <class I, class S>
    [[nodiscard]] static constexpr std::size_t count_kept(I first, S last) {
        std::size_t n = 0;
        for (; first != last; ++first) n += detail::is_nan(*first) ? std::size_t{0} : std::size_t{1};
        return n;
    }
};


/// tally::sum(r [, policy]) and tally::sum(first, last [, policy]): the sum
/// of the values, as documented at tally::sum_fn above. A function object.
inline constexpr sum_fn sum{};

/// tally::mean(r [, policy]) and tally::mean(first, last [, policy]): the
/// arithmetic mean, as documented at tally::mean_fn above. A function object.
inline constexpr mean_fn mean{};

/// The geometric mean exp(mean(ln x)) of non-negative values; 0 when any
/// value is 0. O(n), one pass (the logarithms summed with Neumaier).
/// Throws undefined_result:
///   "the geometric mean of an empty range is undefined." (or "... of a
///   range whose values are all NaN ...")
///   "the geometric mean is undefined for the negative value -2.5."
template <arithmetic_range R>
[[nodiscard]] range_statistic_t<R> geometric_mean(R&& r, nan_policy policy = nan_policy::skip) {
    using T = std::ranges::range_value_t<R>;
    using A = detail::accumulator_t<T>;
    using Out = range_statistic_t<R>;
    detail::neumaier_sum<A> logs{};
    std::size_t n = 0;
    std::size_t nans = 0;
    bool zero = false;
    for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it) {
        const T x = *it;
        if (detail::is_nan(x)) {
            if (policy == nan_policy::propagate) return std::numeric_limits<Out>::quiet_NaN();
            ++nans;
            continue;
        }
        if (x < T{0}) {
            throw undefined_result("the geometric mean is undefined for the negative value " +
                                   detail::text_of(x) + ".");
        }
        if (x == T{0}) zero = true;
        else logs.add(std::log(static_cast<A>(x)));
        ++n;
    }
    if (n == 0) detail::throw_no_values("geometric mean", nans);
    if (zero) return Out{0};
    return static_cast<Out>(std::exp(logs.value() / static_cast<A>(n)));
}

// ============================================================================
// Spread
// ============================================================================

/// The variance: the sum of squared deviations from the mean divided by
/// n - ddof (ddof = 1, the default, is the sample variance as in pandas;
/// ddof = 0 the population variance as in numpy's default). Forward ranges
/// use the corrected two-pass algorithm (Chan, Golub & LeVeque 1983), so
/// values near 1e9 that differ by small amounts keep their precision; input
/// ranges that can be read once use Welford's update (1962). O(n), no
/// allocation. constexpr.
/// Throws:
///   undefined_result "the variance of an empty range is undefined." (or
///     "... of a range whose values are all NaN ...")
///   invalid_argument "ddof -1 is negative; it must be 0 or more."
///   invalid_argument "variance with ddof 2 needs more than 2 values; the
///     range has 2." (with NaN skipped: "... the range has 2 that are not NaN.")
template <arithmetic_range R>
[[nodiscard]] constexpr range_statistic_t<R> variance(R&& r, int ddof = 1,
                                                      nan_policy policy = nan_policy::skip) {
    return detail::variance_impl(std::ranges::begin(r), std::ranges::end(r), ddof, policy, "variance");
}

/// The same over the iterator range [first, last).
template <class I, class S>
    requires arithmetic_iterator_pair<I, S>
[[nodiscard]] constexpr auto variance(I first, S last, int ddof = 1,
                                      nan_policy policy = nan_policy::skip) {
    return detail::variance_impl(std::move(first), std::move(last), ddof, policy, "variance");
}

/// The standard deviation, sqrt(variance(r, ddof)). Same preconditions,
/// messages (except "the standard deviation of an empty range is
/// undefined.") and complexity as variance.
template <arithmetic_range R>
[[nodiscard]] range_statistic_t<R> stddev(R&& r, int ddof = 1, nan_policy policy = nan_policy::skip) {
    return std::sqrt(detail::variance_impl(std::ranges::begin(r), std::ranges::end(r), ddof, policy,
                                           "standard deviation"));
}

/// The same over the iterator range [first, last).
template <class I, class S>
    requires arithmetic_iterator_pair<I, S>
[[nodiscard]] auto stddev(I first, S last, int ddof = 1, nan_policy policy = nan_policy::skip) {
    return std::sqrt(
        detail::variance_impl(std::move(first), std::move(last), ddof, policy, "standard deviation"));
}

// ============================================================================
// Order statistics
// ============================================================================

/// The q-quantile (0 <= q <= 1) of the values by one of Hyndman & Fan's
/// definitions (default: linear, type 7, like numpy, pandas and R). A
/// contiguous range of float, double or integers with 16,384 values or more
/// is read, never copied: radix selection on keys that order like the values
/// (detail/select.hpp), O(n), at most 1 MiB of scratch. Other ranges are
/// copied into a scratch buffer and selected with std::nth_element: O(n)
/// expected time, O(n) extra space. The range itself is never reordered.
/// The value is the same either way; where the order statistic is a zero,
/// its sign may differ between the two (the radix orders -0 before +0).
/// Throws:
///   invalid_argument "the quantile q = 1.5 is outside [0, 1]." (also for NaN)
///   undefined_result "the 0.25 quantile of an empty range is undefined."
///     (or "... of a range whose values are all NaN ...")
template <arithmetic_range R>
[[nodiscard]] range_statistic_t<R> quantile(R&& r, double q,
                                            quantile_method method = quantile_method::linear,
                                            nan_policy policy = nan_policy::skip) {
    return detail::quantile_impl(std::ranges::begin(r), std::ranges::end(r), q, method, policy,
                                 detail::floating_text(q) + " quantile");
}

/// The same over the iterator range [first, last).
template <class I, class S>
    requires arithmetic_iterator_pair<I, S>
[[nodiscard]] auto quantile(I first, S last, double q,
                            quantile_method method = quantile_method::linear,
                            nan_policy policy = nan_policy::skip) {
    return detail::quantile_impl(std::move(first), std::move(last), q, method, policy,
                                 detail::floating_text(q) + " quantile");
}

/// The median: the mean of the two middle values for an even count, the
/// middle value for an odd one (quantile 0.5, linear). O(n); the same
/// selection as quantile. Throws undefined_result "the median of an empty range is
/// undefined." (or "... of a range whose values are all NaN ...").
template <arithmetic_range R>
[[nodiscard]] range_statistic_t<R> median(R&& r, nan_policy policy = nan_policy::skip) {
    return detail::quantile_impl(std::ranges::begin(r), std::ranges::end(r), 0.5,
                                 quantile_method::linear, policy, "median");
}

/// The same over the iterator range [first, last).
template <class I, class S>
    requires arithmetic_iterator_pair<I, S>
[[nodiscard]] auto median(I first, S last, nan_policy policy = nan_policy::skip) {
    return detail::quantile_impl(std::move(first), std::move(last), 0.5, quantile_method::linear,
                                 policy, "median");
}


/// The type of tally::min.
struct min_fn {
    /// The least value, in the element type. O(n), one pass. constexpr.
    /// Throws undefined_result "the minimum of an empty range is undefined."
    /// (or "... of a range whose values are all NaN ...").
    template <arithmetic_range R>
    [[nodiscard]] constexpr std::ranges::range_value_t<R> operator()(R&& r,
                                                                     nan_policy policy = nan_policy::skip) const {
        return detail::extreme(std::ranges::begin(r), std::ranges::end(r), policy, std::less<>{}, "minimum")
            .value;
    }

    /// The same over the iterator range [first, last).
    template <class I, class S>
        requires arithmetic_iterator_pair<I, S>
    [[nodiscard]] constexpr auto operator()(I first, S last, nan_policy policy = nan_policy::skip) const {
        return detail::extreme(std::move(first), std::move(last), policy, std::less<>{}, "minimum").value;
    }
};

/// The type of tally::max.
struct max_fn {
    /// The greatest value, in the element type. O(n), one pass. constexpr.
    /// Throws undefined_result "the maximum of an empty range is undefined."
    /// (or "... of a range whose values are all NaN ...").
    template <arithmetic_range R>
    [[nodiscard]] constexpr std::ranges::range_value_t<R> operator()(R&& r,
                                                                     nan_policy policy = nan_policy::skip) const {
        return detail::extreme(std::ranges::begin(r), std::ranges::end(r), policy, std::greater<>{},
                               "maximum")
            .value;
    }

    /// The same over the iterator range [first, last).
    template <class I, class S>
        requires arithmetic_iterator_pair<I, S>
    [[nodiscard]] constexpr auto operator()(I first, S last, nan_policy policy = nan_policy::skip) const {
        return detail::extreme(std::move(first), std::move(last), policy, std::greater<>{}, "maximum").value;
    }
};


/// tally::min(r [, policy]) and tally::min(first, last [, policy]): the
/// least value, as documented at tally::min_fn above. A function object.
inline constexpr min_fn min{};

/// tally::max(r [, policy]) and tally::max(first, last [, policy]): the
/// greatest value, as documented at tally::max_fn above. A function object.
inline constexpr max_fn max{};

/// The position (0-based, counting every element including NaN ones) of
/// the first least value; under propagate, of the first NaN if any.
/// O(n), one pass. constexpr. Throws undefined_result "the minimum of an
/// empty range is undefined." (or "... all NaN ...").
template <arithmetic_range R>
[[nodiscard]] constexpr std::size_t argmin(R&& r, nan_policy policy = nan_policy::skip) {
    return detail::extreme(std::ranges::begin(r), std::ranges::end(r), policy, std::less<>{},
                           "minimum").index;
}

/// The position of the first greatest value; as argmin otherwise.
/// Throws undefined_result "the maximum of an empty range is undefined."
template <arithmetic_range R>
[[nodiscard]] constexpr std::size_t argmax(R&& r, nan_policy policy = nan_policy::skip) {
    return detail::extreme(std::ranges::begin(r), std::ranges::end(r), policy, std::greater<>{},
                           "maximum").index;
}

// ============================================================================
// Two variables
// ============================================================================

/// The least-squares line y = intercept + slope x, and the share of the
/// variance of y it explains.
template <std::floating_point R>
struct linear_trend_result {
    R slope;      ///< change in y per unit of x (per period for linear_trend(y))
    R intercept;  ///< the line's value at x = 0 (the first period for linear_trend(y))
    R r_squared;  ///< s_xy^2 / (s_xx s_yy), in [0, 1]; NaN when every y is equal
};

namespace detail {

template <class X, class Y>
using pair_statistic_t = statistic_t<std::common_type_t<X, Y>>;

template <class XR, class YR>
[[nodiscard]] constexpr auto moments(XR&& x, YR&& y, nan_policy policy, const char* what) {
    using Out = pair_statistic_t<std::ranges::range_value_t<XR>, std::ranges::range_value_t<YR>>;
    using A = accumulator_t<Out>;
    const auto nx = static_cast<std::size_t>(std::ranges::distance(x));
    const auto ny = static_cast<std::size_t>(std::ranges::distance(y));
    if (nx != ny) throw_length_mismatch(what, nx, ny);
    return moments_of_pairs<A>(std::ranges::begin(x), std::ranges::begin(y), nx, policy);
}

/// An infinite x or y leaves no finite moments: "the correlation is
/// undefined: x holds an infinite value."
template <class A>
constexpr void throw_if_infinite(const char* what, const pair_moments<A>& m) {
    if (m.x_infinite || m.y_infinite) {
        throw undefined_result(concat("the ", what, " is undefined: ", m.x_infinite ? "x" : "y",
                                      " holds an infinite value."));
    }
}

template <class Out, class A>
[[nodiscard]] auto trend_of(const pair_moments<A>& m, nan_policy policy) {
    using Result = linear_trend_result<Out>;
    constexpr Out nan = std::numeric_limits<Out>::quiet_NaN();
    if (policy == nan_policy::propagate && m.pairs_with_nan != 0) return Result{nan, nan, nan};
    if (m.n < 2 || m.x_constant) {
        throw undefined_result("a linear trend needs at least 2 distinct x values.");
    }
    throw_if_infinite("linear trend", m);
    // the moments are of scaled values (see pair_moments): undo the scales
    const A slope = m.sxy / m.sxx * (m.x_scale / m.y_scale);
    const A intercept = m.mean_y / m.y_scale - slope * (m.mean_x / m.x_scale);
    if (!is_finite(slope) || !is_finite(intercept)) {
        throw overflow_error(concat("the ", is_finite(slope) ? "intercept" : "slope",
                                    " of the linear trend is beyond the range of ", floating_type_name<Out>(), "."));
    }
    const A r2 = m.y_constant ? std::numeric_limits<A>::quiet_NaN() : (m.sxy / m.sxx) * (m.sxy / m.syy);
    return Result{static_cast<Out>(slope), static_cast<Out>(intercept),
                  static_cast<Out>(r2 > 1 ? A(1) : r2)};
}

[[noreturn]] inline void throw_no_pairs(const char* what, std::size_t pairs_with_nan) {
    if (pairs_with_nan == 0) throw undefined_result(std::string("the ") + what + " of empty ranges is undefined.");
    throw undefined_result(std::string("the ") + what +
                           " is undefined when every pair of values holds a NaN.");
}

} // namespace detail

/// The covariance of x and y: sum (x - mean x)(y - mean y) / (n - ddof),
/// by the corrected two-pass algorithm (Chan, Golub & LeVeque 1983). Under
/// skip, pairs where x or y is NaN are left out (like pandas' Series.cov).
/// O(n), two passes, no allocation. constexpr.
/// Throws:
///   invalid_argument "covariance needs ranges of equal length; they have 3 and 4 values."
///   undefined_result "the covariance of empty ranges is undefined."
///   undefined_result "the covariance is undefined when every pair of values holds a NaN."
///   invalid_argument "ddof -1 is negative; it must be 0 or more."
///   invalid_argument "covariance with ddof 2 needs more than 2 values; the ranges have 2."
template <arithmetic_forward_range XR, arithmetic_forward_range YR>
[[nodiscard]] constexpr auto covariance(XR&& x, YR&& y, int ddof = 1,
                                        nan_policy policy = nan_policy::skip) {
    using Out = detail::pair_statistic_t<std::ranges::range_value_t<XR>, std::ranges::range_value_t<YR>>;
    using A = detail::accumulator_t<Out>;
    if (ddof < 0) detail::throw_negative_ddof(ddof);
    const auto m = detail::moments(x, y, policy, "covariance");
    if (m.n == 0) detail::throw_no_pairs("covariance", m.pairs_with_nan);
    if (policy == nan_policy::propagate && m.pairs_with_nan != 0) return std::numeric_limits<Out>::quiet_NaN();
    if (static_cast<std::size_t>(ddof) >= m.n) {
        detail::throw_ddof_too_large("covariance", ddof, m.n, m.pairs_with_nan != 0);
    }
    detail::throw_if_infinite("covariance", m);
    // the moments are of scaled values (see pair_moments): undo the scales
    const A scaled = m.sxy / static_cast<A>(m.n - static_cast<std::size_t>(ddof));
    const auto out = static_cast<Out>(scaled / m.x_scale / m.y_scale);
    if (!detail::is_finite(out)) {
        throw overflow_error(detail::concat("the covariance is beyond the range of ",
                                            detail::floating_type_name<Out>(), "."));
    }
    return out;
}

/// Pearson's correlation coefficient r of x and y, in [-1, 1]: s_xy /
/// sqrt(s_xx s_yy) from the corrected two-pass sums (pairs with a NaN left
/// out under skip). O(n), two passes, no allocation.
/// Throws:
///   invalid_argument "correlation needs ranges of equal length; they have 3 and 4 values."
///   undefined_result "the correlation needs at least 2 pairs of values; the ranges have 1."
///   undefined_result "the correlation is undefined when x has zero variance." (or y)
template <arithmetic_forward_range XR, arithmetic_forward_range YR>
[[nodiscard]] auto correlation(XR&& x, YR&& y, nan_policy policy = nan_policy::skip) {
    using Out = detail::pair_statistic_t<std::ranges::range_value_t<XR>, std::ranges::range_value_t<YR>>;
    const auto m = detail::moments(x, y, policy, "correlation");
    if (policy == nan_policy::propagate && m.pairs_with_nan != 0) return std::numeric_limits<Out>::quiet_NaN();
    if (m.n < 2) {
        throw undefined_result("the correlation needs at least 2 pairs of values; the ranges have " +
                               detail::integer_text(m.n) +
                               (m.pairs_with_nan != 0 ? " without a NaN." : "."));
    }
    if (m.x_constant) throw undefined_result("the correlation is undefined when x has zero variance.");
    if (m.y_constant) throw undefined_result("the correlation is undefined when y has zero variance.");
    detail::throw_if_infinite("correlation", m);
    auto r = m.sxy / (std::sqrt(m.sxx) * std::sqrt(m.syy));
    if (r > 1) r = 1;
    if (r < -1) r = -1;
    return static_cast<Out>(r);
}

/// The ordinary least-squares line through the pairs (x, y) (pairs with a
/// NaN left out under skip), from the corrected two-pass sums: slope =
/// s_xy / s_xx, intercept = mean y - slope mean x. O(n), two passes.
/// Throws:
///   invalid_argument "linear_trend needs ranges of equal length; they have 3 and 4 values."
///   undefined_result "a linear trend needs at least 2 distinct x values."
/// Under propagate, a NaN anywhere gives NaN in all three fields.
template <arithmetic_forward_range XR, arithmetic_forward_range YR>
[[nodiscard]] auto linear_trend(XR&& x, YR&& y, nan_policy policy = nan_policy::skip) {
    using Out = detail::pair_statistic_t<std::ranges::range_value_t<XR>, std::ranges::range_value_t<YR>>;
    return detail::trend_of<Out>(detail::moments(x, y, policy, "linear_trend"), policy);
}

/// The least-squares trend of a sequence observed at periods 0, 1, 2, ...:
/// linear_trend of the pairs (i, y[i]). A NaN value skipped under skip
/// leaves a gap — the periods after it keep their positions. Throws
/// undefined_result "a linear trend needs at least 2 distinct x values."
/// when fewer than 2 values are left.
template <arithmetic_forward_range YR>
[[nodiscard]] auto linear_trend(YR&& y, nan_policy policy = nan_policy::skip) {
    using Out = range_statistic_t<YR>;
    using A = detail::accumulator_t<Out>;
    const auto n = static_cast<std::size_t>(std::ranges::distance(y));
    return detail::trend_of<Out>(
        detail::moments_of_pairs<A>(detail::counting_iterator{}, std::ranges::begin(y), n, policy),
        policy);
}

// ============================================================================
// Mergeable one-pass summary
// ============================================================================

/// Count, mean, M2 (the sum of squared deviations from the mean), minimum
/// and maximum, accumulated in one pass with Welford's update (1962) and
/// combined across shards with the pairwise update of Chan, Golub &
/// LeVeque ("Updating formulae and a pairwise algorithm for computing
/// sample variances", Stanford CS tech. report STAN-CS-79-773, 1979), so
/// partial summaries can be reduced in any order and any grouping. NaN
/// values passed to add() are counted in nan_count() and otherwise left
/// out. Everything but stddev() is constexpr; nothing allocates.
template <std::floating_point R = double>
class summary {
public:
    constexpr summary() noexcept = default;

    /// The summary of a range's values (NaN ones counted, not included).
    template <arithmetic_range Range>
    [[nodiscard]] static constexpr summary of(Range&& r) {
        summary s;
        for (auto it = std::ranges::begin(r); it != std::ranges::end(r); ++it) s.add(*it);
        return s;
    }

    /// Adds one value. O(1). Throws overflow_error for a finite value beyond
    /// R ("summary<float> cannot hold 1e+300: it is beyond float."), which
    /// would otherwise turn into inf.
    template <arithmetic T>
    constexpr summary& add(T value) {
        if (detail::is_nan(value)) {
            ++nan_count_;
            return *this;
        }
        const R x = static_cast<R>(value);
        if (!detail::is_finite(x) && detail::is_finite(value)) {
            throw overflow_error(detail::concat("summary<", detail::floating_type_name<R>(), "> cannot hold ",
                                                detail::value_text(value), ": it is beyond ",
                                                detail::floating_type_name<R>(), "."));
        }
        ++count_;
        R delta = x - mean_;
        if (!detail::is_finite(delta) && detail::is_finite(x) && detail::is_finite(mean_)) {
            // finite ends more than R's largest value apart: in halves
            const R half = x / 2 - mean_ / 2;
            mean_ += half / static_cast<R>(count_) * 2;
            m2_ += half * (x - mean_) * 2;  // beyond R only if M2 is
        } else {
            mean_ += delta / static_cast<R>(count_);
            m2_ += delta * (x - mean_);
        }
        if (count_ == 1 || x < min_) min_ = x;
        if (count_ == 1 || x > max_) max_ = x;
        return *this;
    }

    /// Adds another summary's values: count n = na + nb, delta = mean_b -
    /// mean_a, mean = mean_a + delta nb / n, M2 = M2a + M2b + delta^2 na nb / n
    /// (Chan, Golub & LeVeque 1979). O(1).
    constexpr summary& merge(const summary& other) noexcept {
        // (finite means more than R's largest value apart are combined in
        // halves, as in add())
        nan_count_ += other.nan_count_;
        if (other.count_ == 0) return *this;
        if (count_ == 0) {
            const std::size_t nans = nan_count_;
            *this = other;
            nan_count_ = nans;
            return *this;
        }
        const R na = static_cast<R>(count_);
        const R nb = static_cast<R>(other.count_);
        const R n = na + nb;
        const R delta = other.mean_ - mean_;
        if (!detail::is_finite(delta) && detail::is_finite(other.mean_) && detail::is_finite(mean_)) {
            const R half = other.mean_ / 2 - mean_ / 2;
            mean_ += half * (nb / n) * 2;
            m2_ += other.m2_ + half * half * (na * nb / n) * 4;
        } else {
            mean_ += delta * (nb / n);
            m2_ += other.m2_ + delta * delta * (na * nb / n);
        }
        if (other.min_ < min_) min_ = other.min_;
        if (other.max_ > max_) max_ = other.max_;
        count_ += other.count_;
        return *this;
    }

    /// The number of (non-NaN) values added.
    [[nodiscard]] constexpr std::size_t count() const noexcept { return count_; }
    /// The number of NaN values passed to add() and left out.
    [[nodiscard]] constexpr std::size_t nan_count() const noexcept { return nan_count_; }
    /// The sum of squared deviations from the mean; 0 when empty.
    [[nodiscard]] constexpr R m2() const noexcept { return m2_; }

    /// The mean. Throws undefined_result "the mean of an empty summary is undefined."
    [[nodiscard]] constexpr R mean() const {
        if (count_ == 0) throw_empty("mean");
        return mean_;
    }
    /// The least value. Throws undefined_result "the minimum of an empty summary is undefined."
    [[nodiscard]] constexpr R min() const {
        if (count_ == 0) throw_empty("minimum");
        return min_;
    }
    /// The greatest value. Throws undefined_result "the maximum of an empty summary is undefined."
    [[nodiscard]] constexpr R max() const {
        if (count_ == 0) throw_empty("maximum");
        return max_;
    }
    /// M2 / (count - ddof). Throws as tally::variance does ("the variance of
    /// an empty summary is undefined."; "variance with ddof 1 needs more
    /// than 1 values; the range has 1."; negative ddof), and overflow_error
    /// where finite values have a sum of squared deviations beyond R
    /// ("the variance cannot be given: ..."). An infinite value gives NaN.
    [[nodiscard]] constexpr R variance(int ddof = 1) const {
        if (ddof < 0) detail::throw_negative_ddof(ddof);
        if (count_ == 0) throw_empty("variance");
        if (static_cast<std::size_t>(ddof) >= count_) {
            detail::throw_ddof_too_large("variance", ddof, count_, false);
        }
        if (!detail::is_finite(m2_) && detail::is_finite(min_) && detail::is_finite(max_)) {
            detail::throw_variance_overflow("variance");
        }
        return m2_ / static_cast<R>(count_ - static_cast<std::size_t>(ddof));
    }
    /// sqrt(variance(ddof)).
    [[nodiscard]] R stddev(int ddof = 1) const { return std::sqrt(variance(ddof)); }

private:
    [[noreturn]] static void throw_empty(const char* what) {
        throw undefined_result(std::string("the ") + what + " of an empty summary is undefined.");
    }

    std::size_t count_ = 0;
    std::size_t nan_count_ = 0;
    R mean_ = 0;
    R m2_ = 0;
    R min_ = 0;
    R max_ = 0;
};

// ============================================================================
// Rates
// ============================================================================

/// count / population * per: the rate per `per` people (default per 1,000).
/// O(1). constexpr.
/// Throws invalid_argument:
///   "a rate needs a population above 0; the population is 0." (also for an infinite population)
///   "a rate needs a count of 0 or more; the count is -3."
///   "a rate needs a per above 0; per is 0."
///   "a rate needs a finite count; the count is inf." (likewise per)
/// and overflow_error where finite inputs give a rate beyond double:
///   "a rate of 1 in 5e-324 per 1000 is beyond the range of double."
template <arithmetic C, arithmetic P, arithmetic Per = int>
[[nodiscard]] constexpr double rate(C count, P population, Per per = 1000) {
    if (!(population > P{0}) || !(population - population == P{0})) {  // zero, negative, NaN or infinite
        throw invalid_argument("a rate needs a population above 0; the population is " +
                               detail::text_of(population) + ".");
    }
    if (!(count >= C{0})) {
        throw invalid_argument("a rate needs a count of 0 or more; the count is " +
                               detail::text_of(count) + ".");
    }
    if (!(per > Per{0})) {
        throw invalid_argument("a rate needs a per above 0; per is " + detail::text_of(per) + ".");
    }
    if (!(count - count == C{0})) {
        throw invalid_argument(detail::concat("a rate needs a finite count; the count is ", detail::text_of(count), "."));
    }
    if (!(per - per == Per{0})) {
        throw invalid_argument(detail::concat("a rate needs a finite per; per is ", detail::text_of(per), "."));
    }
    const double r = static_cast<double>(count) / static_cast<double>(population) * static_cast<double>(per);
    if (!detail::is_finite(r)) {
        throw overflow_error(detail::concat("a rate of ", detail::text_of(count), " in ", detail::text_of(population),
                                            " per ", detail::text_of(per), " is beyond the range of double."));
    }
    return r;
}

/// A confidence interval [lower, upper].
struct confidence_interval {
    double lower;
    double upper;
};

/// The ratio of two Poisson rates, (count1 / exposure1) / (count2 /
/// exposure2), with its confidence interval. Made by tally::rate_ratio.
class rate_ratio_result {
public:
    constexpr rate_ratio_result(double count1, double exposure1, double count2, double exposure2) noexcept
        : count1_(count1), exposure1_(exposure1), count2_(count2), exposure2_(exposure2) {}

    /// The rate ratio. O(1).
    /// Throws undefined_result "the rate ratio is undefined when the second count is 0."
    [[nodiscard]] constexpr double value() const {
        if (count2_ == 0) throw undefined_result("the rate ratio is undefined when the second count is 0.");
        const double r = (count1_ / exposure1_) / (count2_ / exposure2_);
        if (!detail::is_finite(r) || (r == 0 && count1_ != 0)) {
            // a rate that over- or underflows on the way: the ratio of the counts times that of the exposures
            const double again = (count1_ / count2_) * (exposure2_ / exposure1_);
            if (!detail::is_finite(again) || (again == 0 && count1_ != 0)) {
                throw overflow_error(detail::concat("the rate ratio of ", detail::floating_text(count1_), " in ",
                                                    detail::floating_text(exposure1_), " to ",
                                                    detail::floating_text(count2_), " in ",
                                                    detail::floating_text(exposure2_),
                                                    " is beyond the range of double."));
            }
            return again;
        }
        return r;
    }

    /// The two-sided interval exp(ln RR -/+ z sqrt(1/count1 + 1/count2)),
    /// z = Phi^-1((1 + confidence) / 2): the log-normal (Wald, on the log
    /// scale) approximation for the ratio of two Poisson rates (Rothman,
    /// Greenland & Lash, Modern Epidemiology, 3rd ed., 2008, eq. 14-9; it
    /// needs both counts above 0 and is good when both are at least about
    /// 10). Phi^-1 is Acklam's approximation refined by a Halley step.
    /// Worked example: 594 vs 387 events with equal exposure, 95%:
    /// RR = 594/387 = 1.53488; sqrt(1/594 + 1/387) = sqrt(0.0042675) =
    /// 0.065326; z = 1.959964; z se = 0.128037; exp(0.428455 -/+ 0.128037)
    /// = [1.35042, 1.74454].
    /// Throws:
    ///   invalid_argument "a confidence level must lie strictly between 0 and 1; it is 1.5."
    ///   undefined_result "the interval of a rate ratio needs both counts above 0; the first count is 0."
    [[nodiscard]] confidence_interval interval(double confidence = 0.95) const {
        if (!(confidence > 0 && confidence < 1)) {
            throw invalid_argument("a confidence level must lie strictly between 0 and 1; it is " +
                                   detail::floating_text(confidence) + ".");
        }
        if (count1_ == 0 || count2_ == 0) {
            throw undefined_result(
                std::string("the interval of a rate ratio needs both counts above 0; the ") +
                (count1_ == 0 ? "first" : "second") + " count is 0.");
        }
        const double z = detail::normal_quantile(0.5 + confidence / 2);
        const double half_width = z * std::sqrt(1 / count1_ + 1 / count2_);
        const double center = std::log(value());
        return confidence_interval{std::exp(center - half_width), std::exp(center + half_width)};
    }

    [[nodiscard]] constexpr double count1() const noexcept { return count1_; }
    [[nodiscard]] constexpr double exposure1() const noexcept { return exposure1_; }
    [[nodiscard]] constexpr double count2() const noexcept { return count2_; }
    [[nodiscard]] constexpr double exposure2() const noexcept { return exposure2_; }

private:
    double count1_;
    double exposure1_;
    double count2_;
    double exposure2_;
};

/// The rate ratio of count1 events over exposure1 against count2 over
/// exposure2 (exposure: person-years, population, or 1 for equal
/// exposure). O(1).
/// Throws invalid_argument:
///   "a rate ratio needs counts of 0 or more; the first count is -1."
///   "a rate ratio needs exposures above 0; the second exposure is 0."
///   "a rate ratio needs finite counts; the first count is inf." (an
///   infinite exposure is refused as the first line says, as rate() does)
template <arithmetic C1, arithmetic E1, arithmetic C2, arithmetic E2>
[[nodiscard]] constexpr rate_ratio_result rate_ratio(C1 count1, E1 exposure1, C2 count2, E2 exposure2) {
    if (!(count1 >= C1{0})) {
        throw invalid_argument("a rate ratio needs counts of 0 or more; the first count is " +
                               detail::text_of(count1) + ".");
    }
    if (!(count2 >= C2{0})) {
        throw invalid_argument("a rate ratio needs counts of 0 or more; the second count is " +
                               detail::text_of(count2) + ".");
    }
    if (!(count1 - count1 == C1{0})) {
        throw invalid_argument(detail::concat("a rate ratio needs finite counts; the first count is ",
                                              detail::text_of(count1), "."));
    }
    if (!(count2 - count2 == C2{0})) {
        throw invalid_argument(detail::concat("a rate ratio needs finite counts; the second count is ",
                                              detail::text_of(count2), "."));
    }
    if (!(exposure1 > E1{0}) || !(exposure1 - exposure1 == E1{0})) {
        throw invalid_argument("a rate ratio needs exposures above 0; the first exposure is " +
                               detail::text_of(exposure1) + ".");
    }
    if (!(exposure2 > E2{0}) || !(exposure2 - exposure2 == E2{0})) {
        throw invalid_argument("a rate ratio needs exposures above 0; the second exposure is " +
                               detail::text_of(exposure2) + ".");
    }
    const double values[] = {static_cast<double>(count1), static_cast<double>(exposure1), static_cast<double>(count2),
                             static_cast<double>(exposure2)};
    for (std::size_t i = 0; i < 4; ++i) {
        if (!detail::is_finite(values[i])) {  // a finite long double beyond double
            constexpr const char* names[] = {"first count", "first exposure", "second count", "second exposure"};
            const long double given[] = {static_cast<long double>(count1), static_cast<long double>(exposure1),
                                         static_cast<long double>(count2), static_cast<long double>(exposure2)};
            throw overflow_error(detail::concat("a rate ratio computes in double; the ", names[i], " ",
                                                detail::floating_text(given[i]), " is beyond it."));
        }
    }
    return rate_ratio_result(values[0], values[1], values[2], values[3]);
}

} // namespace tally
