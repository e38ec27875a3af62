#pragma once
// tally/transform.hpp: changes along a series — pct_change, diff, shift,
// rebase, cumsum, cumprod, cagr and yoy.
//
//   tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2018, 594}, {2019, 387}};
//   auto pc = tally::pct_change(removals);   // calendar: each year against the year before
//   pc.values();        // [NaN, 2.0196..., NaN, -0.3484...]  (fractions, like pandas)
//   pc.reason(2018);    // no_value_reason::missing_base: there is no 2017
//   pc.at(2019);        // -0.3484...
//   pc.at(2018);        // throws undefined_result: "the percent change at 2018 has
//                       //   no value: the series has no observation at 2017."
//   tally::pct_change(removals, tally::by_observation);   // row before, as pandas: 2018 vs 2016
//
// Two ways to find the base of a change:
//  - calendar (the default): t against t - k periods, found through the
//    series' calendar (tally::periods_between). A missing time is a missing
//    base, never the row before it.
//  - by_observation: against the row k rows earlier (k < 0: later), exactly
//    pandas' Series.pct_change(periods=k, fill_method=None) and Series.diff.
//
// The result of pct_change and diff is a change_series: the input's times,
// one value per time (NaN where there is none), and beside it the list of
// the times without a value, each with its reason (no_value_reason). Values
// are fractions as pandas gives them (0.25 for a 25% rise); percent(t) gives
// a tally::percent. A NaN in values() is never unexplained: undefined() lists
// every one of them.
//
// Bases (pct_change): under the default base_policy::positive a zero,
// negative, NaN or infinite base, a NaN or infinite value, or an overflowing
// result gives no value. base_policy::signed_value divides by negative bases
// as pandas does. tally::pandas_compatible also reproduces pandas' inf for a
// zero base (and NaN for 0/0); those points are still listed in undefined().
//
// Complexity: O(n) for every function here. A gap-free series (last - first
// == n - 1 periods) and the by_observation forms run the contiguous kernel
// in detail/transform_kernels.hpp; the range overloads (std::span, vector)
// call that kernel directly.
//
// See docs/transforms.md.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "change.hpp"
#include "detail/buffer.hpp"
#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/numeric.hpp"
#include "detail/text.hpp"
#include "detail/transform_kernels.hpp"
#include "error.hpp"
#include "percent.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// Tag: compare each row with the row k rows earlier, not with k periods earlier.
struct by_observation_t {
    explicit by_observation_t() = default;
};
inline constexpr by_observation_t by_observation{};

/// Why a point of a change_series has no value.
enum class no_value_reason {
    missing_base,   ///< no observation k periods (or rows) away
    zero_base,      ///< the base is zero
    negative_base,  ///< the base is negative under base_policy::positive
    not_a_number,   ///< the value or its base is NaN
    infinite,       ///< the value or its base is infinite, or the result overflows
};

/// The reason as a clause: "the base is zero".
[[nodiscard]] inline std::string to_string(no_value_reason reason);

/// One time of a change_series without a value, and why.
template <class Time>
struct no_value {
    Time time;
    no_value_reason reason;
    [[nodiscard]] friend constexpr bool operator==(const no_value&, const no_value&) = default;
};

/// How pct_change treats bases. Default: refuse zero and negative bases.
struct pct_change_options {
    base_policy policy = base_policy::positive;
    /// true: a zero base gives +-inf (0/0 gives NaN) as pandas does, instead of NaN.
    bool pandas_compatible = false;
};
/// pandas' pct_change exactly: signed bases, inf for a zero base.
inline constexpr pct_change_options pandas_compatible{base_policy::signed_value, true};

/// A series of changes: the input's times, a value (or NaN) at each, and the
/// reason for every NaN.
template <period Time, std::floating_point R>
class change_series {
public:
    using time_type = Time;
    using value_type = R;

    /// The changes as a series (NaN where there is none).
    [[nodiscard]] const time_series<Time, R>& series() const noexcept { return series_; }
    [[nodiscard]] std::span<const Time> times() const noexcept { return series_.times(); }
    /// The values (fractions for pct_change), NaN where undefined() lists the time.
    [[nodiscard]] std::span<const R> values() const noexcept { return series_.values(); }
    [[nodiscard]] std::size_t size() const noexcept { return series_.size(); }
    [[nodiscard]] bool empty() const noexcept { return series_.empty(); }

    /// Every time without a value, in time order, with its reason.
    [[nodiscard]] std::span<const no_value<Time>> undefined() const noexcept { return undefined_; }
    /// Why t has no value, or nothing when it has one. Throws
    /// missing_observation when t is not a time of the series. O(log n).
    [[nodiscard]] std::optional<no_value_reason> reason(const Time& t) const;
    /// Whether t has a value. Throws like reason().
    [[nodiscard]] bool has_value(const Time& t) const { return !reason(t).has_value(); }
    /// The value at t. Throws missing_observation when t is not a time of the
    /// series, undefined_result naming t and the reason when it has no value:
    /// "the percent change at 2018 has no value: the series has no observation at 2017."
    [[nodiscard]] R at(const Time& t) const;
    /// The value at t as a percent (pct_change only; diff values are not
    /// relative). Throws like at(), and overflow_error where the fraction is
    /// finite but 100 times it is not.
    [[nodiscard]] tally::percent<R> percent(const Time& t) const;

    /// For the functions below; not for users.
    change_series(time_series<Time, R> series, std::vector<no_value<Time>> undefined, const char* what,
                  std::int64_t lag, bool calendar)
        : series_(std::move(series)), undefined_(std::move(undefined)), what_(what), lag_(lag),
          calendar_(calendar) {}

private:
    time_series<Time, R> series_;
    std::vector<no_value<Time>> undefined_;
    const char* what_;
    std::int64_t lag_;
    bool calendar_;
};

// --- pct_change ------------------------------------------------------------

/// Calendar: the relative change at each time t from the value at t - k
/// periods (k < 0: t + |k|), as a fraction. Where the base time is not in
/// the series, or the change is undefined (see the header comment), the
/// value is NaN and undefined() says why. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s,
                                                                     std::int64_t k = 1,
                                                                     pct_change_options options = {});
/// By observation: the change from the row k rows earlier, as pandas'
/// pct_change(periods=k, fill_method=None); with options = pandas_compatible
/// bit for bit, inf included. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s,
                                                                     std::int64_t k, by_observation_t,
                                                                     pct_change_options options = {});
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s,
                                                                     by_observation_t,
                                                                     pct_change_options options = {});

/// The kernel on contiguous values: out[i] = in[i] / in[i - k] - 1 (k < 0:
/// the row |k| later), NaN where no change exists under `options` and at the
/// |k| ends. Throws invalid_argument when the sizes differ. O(n), vectorized.
template <std::floating_point T>
void pct_change(std::span<const T> in, std::span<T> out, std::int64_t k = 1, pct_change_options options = {});
/// The same into a new vector, for any contiguous range of arithmetic values.
template <std::ranges::contiguous_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] std::vector<result_type_for<std::ranges::range_value_t<Range>>> pct_change(
    const Range& values, std::int64_t k = 1, pct_change_options options = {});

// --- diff --------------------------------------------------------------------

/// Calendar: value(t) - value(t - k periods). NaN where the base time is
/// missing or a value is NaN or infinite (or the difference overflows).
/// Integer values are differenced exactly, then rounded once to double
/// (exact below 2^53). O(n).
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s,
                                                               std::int64_t k = 1);
/// By observation, as pandas' Series.diff(periods=k). O(n).
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s,
                                                               std::int64_t k, by_observation_t);
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s,
                                                               by_observation_t);
/// By position on a contiguous range, into a new vector. O(n).
template <std::ranges::contiguous_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] std::vector<result_type_for<std::ranges::range_value_t<Range>>> diff(const Range& values,
                                                                                   std::int64_t k = 1);

// --- shift, rebase, cumulative ---------------------------------------------

/// Calendar: the same values at times moved n periods later (earlier for
/// n < 0). Throws overflow_error (from tally::advance) when a time leaves its
/// type's range. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] time_series<Time, Value> shift(const time_series<Time, Value>& s, std::int64_t n);
/// By observation: the same times, values moved n rows (pandas'
/// Series.shift(n)); the n vacated rows hold NaN. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] time_series<Time, result_type_for<Value>> shift(const time_series<Time, Value>& s, std::int64_t n,
                                                              by_observation_t);

/// Index numbers: value(t) / value(t0) * base. Throws missing_observation
/// when t0 is not in the series, undefined_result when its value is zero,
/// negative, NaN or infinite: "cannot rebase to 2015: its value 0 is not a
/// positive number.", invalid_argument when `base` is not finite, and
/// overflow_error naming the time where finite values give a result beyond
/// the result type. NaN values elsewhere stay NaN. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] time_series<Time, result_type_for<Value>> rebase(const time_series<Time, Value>& s, const Time& t0,
                                                               result_type_for<Value> base = 100);

/// The running total. Integers: exact in int64; throws overflow_error naming
/// the time where it leaves int64. Floating: Neumaier-compensated; a NaN
/// value stays NaN and is left out of later totals (as pandas' cumsum);
/// throws overflow_error where finite values give an infinite total. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] auto cumsum(const time_series<Time, Value>& s);
/// The running product, with the same rules as cumsum. O(n).
template <period Time, arithmetic Value>
[[nodiscard]] auto cumprod(const time_series<Time, Value>& s);

/// The compound annual growth rate from t0 to t1: (v1 / v0)^(1 / y) - 1,
/// y = tally::years_between(t0, t1), as a percent per year. Throws
/// missing_observation for a missing time; invalid_argument when t1 is not
/// after t0 ("a growth rate from 2018 to 2018 needs a later end than its
/// start."); undefined_result when v0 is not positive or v1 is negative or
/// either is NaN/infinite ("a growth rate from 2015 is undefined: its value 0
/// is not a positive number."); overflow_error when finite values give a
/// rate beyond double (10 times in one day). v1 == 0 gives -100%. O(log n).
template <period Time, arithmetic Value>
[[nodiscard]] tally::percent<double> cagr(const time_series<Time, Value>& s, const Time& t0, const Time& t1);

/// Year-on-year change of a series with `periods_per_year` periods a year
/// (12 for monthly, 4 for quarterly): pct_change(s, periods_per_year).
/// Throws invalid_argument when periods_per_year < 1.
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> yoy(const time_series<Time, Value>& s,
                                                              std::int64_t periods_per_year,
                                                              pct_change_options options = {});
/// Year-on-year change of a series whose time type has a whole number of
/// periods a year (tally::periods_per_year: 1 for years, 4 for quarters, 12
/// for months): pct_change(s, periods_per_year<Time>). Does not compile for
/// days or weeks; give periods_per_year explicitly there.
template <period Time, arithmetic Value>
    requires(periods_per_year<Time> > 0)
[[nodiscard]] change_series<Time, result_type_for<Value>> yoy(const time_series<Time, Value>& s,
                                                              pct_change_options options = {}) {
    return yoy(s, periods_per_year<Time>, options);
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

inline std::string to_string(no_value_reason reason) {
    switch (reason) {
    case no_value_reason::missing_base: return "there is no observation to compare it with";
    case no_value_reason::zero_base: return "the base is zero";
    case no_value_reason::negative_base:
        return "the base is negative (base_policy::signed_value or base_policy::magnitude computes one)";
    case no_value_reason::not_a_number: return "a value is not a number";
    case no_value_reason::infinite: return "a value or the result is infinite";
    }
    return "it is undefined";
}

namespace detail {

inline constexpr std::size_t transform_npos = static_cast<std::size_t>(-1);

[[nodiscard]] constexpr no_value_reason to_no_value_reason(undefined_reason r) noexcept {
    switch (r) {
    case undefined_reason::zero_base: return no_value_reason::zero_base;
    case undefined_reason::negative_base: return no_value_reason::negative_base;
    case undefined_reason::not_a_number: return no_value_reason::not_a_number;
    case undefined_reason::infinite: return no_value_reason::infinite;
    }
    return no_value_reason::infinite;
}

/// "1 row earlier", "2 rows later", "1 period earlier": |k| (exact at
/// INT64_MIN) with the unit, and the direction of the lag k.
[[nodiscard]] inline std::string lag_text(std::int64_t k, const char* one, const char* many) {
    const uint128 m = magnitude(k);
    return concat(integer_text(m), " ", m == 1 ? one : many, k < 0 ? " later" : " earlier");
}

/// Whether the times are consecutive periods: last - first == n - 1.
template <period Time>
[[nodiscard]] bool transform_gap_free(std::span<const Time> times) {
    if (times.size() < 2) return true;
    return periods_between(times.front(), times.back()) == static_cast<std::int64_t>(times.size()) - 1;
}

/// The index of the time k periods before times[i] (k < 0: |k| after), or
/// transform_npos, asked for i = 0, 1, 2, ... in turn. Two pointers over the
/// sorted times: O(n) over all of them, and no vector of partners.
template <period Time>
class calendar_partners {
public:
    calendar_partners(std::span<const Time> times, std::int64_t k) noexcept : times_(times), k_(k) {}

    /// The partner of times[i]; i is 0 at the first call and one more at each next.
    [[nodiscard]] std::size_t operator()(std::size_t i) {
        const std::size_t n = times_.size();
        if (k_ >= 0) {
            while (j_ < i && periods_between(times_[j_], times_[i]) > k_) ++j_;
            return periods_between(times_[j_], times_[i]) == k_ ? j_ : transform_npos;
        }
        const int128 ahead = -static_cast<int128>(k_);  // no overflow at k = INT64_MIN
        if (j_ < i) j_ = i;
        while (j_ < n && periods_between(times_[i], times_[j_]) < ahead) ++j_;
        return j_ < n && periods_between(times_[i], times_[j_]) == ahead ? j_ : transform_npos;
    }

private:
    std::span<const Time> times_;
    std::int64_t k_;
    std::size_t j_ = 0;
};

/// Positional partners: i - k, or transform_npos off the ends.
[[nodiscard]] inline std::size_t row_partner(std::size_t i, std::size_t n, std::int64_t k) noexcept {
    const int128 j = static_cast<int128>(i) - k;  // no overflow at k = INT64_MIN
    return j >= 0 && j < static_cast<int128>(n) ? static_cast<std::size_t>(j) : transform_npos;
}

/// Why pct_change has no (finite) value at a point whose partner is j.
template <arithmetic Value>
[[nodiscard]] std::optional<no_value_reason> pct_change_reason(Value a, Value b, base_policy policy) {
    if (const auto r = change<Value>(b, a).why_undefined(policy)) return to_no_value_reason(*r);
    return std::nullopt;
}

template <arithmetic Value>
[[nodiscard]] std::optional<no_value_reason> diff_reason(Value a, Value b) {
    if constexpr (std::floating_point<Value>) {
        if (a != a || b != b) return no_value_reason::not_a_number;
        if (!is_finite(a) || !is_finite(b)) return no_value_reason::infinite;
    }
    return std::nullopt;
}

enum class change_kind { percent, difference };

/// pct_change and diff on a series: the kernel when partners are positional
/// (by_observation, or a gap-free calendar series), else point by point
/// through the calendar partners. Each point without a value is listed with
/// its reason: in the point-by-point loop as it is computed; after the
/// kernel, the |k| rows without a partner, and the others only when the
/// kernel saw a result that is not a value. The result's times are a copy of
/// the input's, which are known to be in order (no second pass to check).
template <period Time, arithmetic Value>
[[nodiscard]] change_series<Time, result_type_for<Value>> series_change(const time_series<Time, Value>& s,
                                                                        std::int64_t k, bool calendar,
                                                                        change_kind kind,
                                                                        pct_change_options options) {
    using R = result_type_for<Value>;
    const auto times = s.times();
    const auto values = s.values();
    const std::size_t n = s.size();
    std::vector<R> out;
    const base_policy policy = options.pandas_compatible ? base_policy::signed_value : options.policy;
    // Why the point i, whose base is at j, has no value; nothing when it has one.
    const auto why = [&](std::size_t i, std::size_t j) -> std::optional<no_value_reason> {
        // A finite result over a finite base is a value; only pandas mode can
        // put a finite number (a / inf - 1) over an infinite base.
        if (is_finite(out[i]) && (!options.pandas_compatible || !std::floating_point<Value> ||
                                         is_finite(static_cast<R>(values[j])))) {
            return std::nullopt;
        }
        const auto reason = kind == change_kind::percent ? pct_change_reason(values[i], values[j], policy)
                                                          : diff_reason(values[i], values[j]);
        return reason.value_or(no_value_reason::infinite);
    };
    std::vector<no_value<Time>> undefined;
    if (!calendar || transform_gap_free(times)) {
        bool look = false;
        out = fill_result<R>(n, [&](std::size_t first, std::size_t count, R* piece) {
            look |= kind == change_kind::percent
                        ? pct_change_piece<R>(values.data(), n, k, first, count, piece, options.policy,
                                              options.pandas_compatible)
                        : diff_piece<R>(values.data(), n, k, first, count, piece);
        });
        // Rows [first, first + m) have their partner |k| rows away.
        const std::size_t m = transform_partnered(n, k);
        const std::size_t first = k >= 0 ? n - m : 0;
        for (std::size_t i = 0; i < first; ++i) undefined.push_back({times[i], no_value_reason::missing_base});
        if (look) {
            const std::size_t lag = n - m;  // |k| when there is any partnered row
            for (std::size_t i = first; i < first + m; ++i) {
                if (const auto r = why(i, k >= 0 ? i - lag : i + lag)) undefined.push_back({times[i], *r});
            }
        }
        for (std::size_t i = first + m; i < n; ++i) undefined.push_back({times[i], no_value_reason::missing_base});
    } else {
        out = make_result<R>(n);
        calendar_partners<Time> partner_of(times, k);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t j = partner_of(i);
            if (j == transform_npos) {
                out[i] = transform_nan<R>;
                undefined.push_back({times[i], no_value_reason::missing_base});
                continue;
            }
            if (kind == change_kind::difference) {
                out[i] = diff_point<R>(values[i], values[j]);
            } else if (options.pandas_compatible) {
                out[i] = pct_change_point_pandas<R>(values[i], values[j]);
            } else {
                out[i] = pct_change_point<R>(values[i], values[j], options.policy);
            }
            if (const auto r = why(i, j)) undefined.push_back({times[i], *r});
        }
    }
    return change_series<Time, R>(time_series<Time, R>(unchecked_sorted_unique, copy_result(times), std::move(out)),
                                  std::move(undefined), kind == change_kind::percent ? "percent change" : "difference",
                                  k, calendar);
}

[[noreturn]] inline void throw_size_mismatch(const char* what, std::size_t in, std::size_t out) {
    throw invalid_argument(std::string(what) + " writes one value per input value, but the input holds " +
                           integer_text(in) + " values and the output " + integer_text(out) + ".");
}

} // namespace detail

template <period Time, std::floating_point R>
std::optional<no_value_reason> change_series<Time, R>::reason(const Time& t) const {
    (void)series_.at(t);  // throws missing_observation naming t
    const auto it = std::ranges::lower_bound(undefined_, t, {}, &no_value<Time>::time);
    if (it != undefined_.end() && !(t < it->time)) return it->reason;
    return std::nullopt;
}

template <period Time, std::floating_point R>
R change_series<Time, R>::at(const Time& t) const {
    const auto why = reason(t);
    if (!why) return series_.at(t);
    std::string text = std::string("the ") + what_ + " at " + time_text(t) + " has no value: ";
    if (*why == no_value_reason::missing_base) {
        if (calendar_) {
            try {
                // t - lag, in two steps where -lag does not exist (INT64_MIN)
                const Time base = lag_ == std::numeric_limits<std::int64_t>::min()
                                      ? advance(advance(t, std::numeric_limits<std::int64_t>::max()), 1)
                                      : advance(t, -lag_);
                text += detail::concat("the series has no observation at ", time_text(base), ".");
            } catch (const overflow_error&) {
                text += detail::concat("the time ", detail::lag_text(lag_, "period", "periods"), " than ",
                                       time_text(t), " is outside the range of its type.");
            }
        } else {
            text += detail::concat("there is no observation ", detail::lag_text(lag_, "row", "rows"), ".");
        }
    } else {
        text += to_string(*why) + ".";
    }
    throw undefined_result(text);
}

template <period Time, std::floating_point R>
tally::percent<R> change_series<Time, R>::percent(const Time& t) const {
    const R fraction = at(t);
    const auto p = tally::percent<R>::from_fraction(fraction);
    if (!detail::is_finite(p.value())) {
        throw overflow_error(detail::concat("the ", what_, " at ", time_text(t), " is ", detail::value_text(fraction),
                                            " as a fraction; in percent it overflows ",
                                            detail::floating_type_name<R>(), "."));
    }
    return p;
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s, std::int64_t k,
                                                       pct_change_options options) {
    return detail::series_change(s, k, true, detail::change_kind::percent, options);
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s, std::int64_t k,
                                                       by_observation_t, pct_change_options options) {
    return detail::series_change(s, k, false, detail::change_kind::percent, options);
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> pct_change(const time_series<Time, Value>& s, by_observation_t,
                                                       pct_change_options options) {
    return detail::series_change(s, 1, false, detail::change_kind::percent, options);
}

template <std::floating_point T>
void pct_change(std::span<const T> in, std::span<T> out, std::int64_t k, pct_change_options options) {
    if (in.size() != out.size()) detail::throw_size_mismatch("pct_change", in.size(), out.size());
    detail::pct_change_kernel<T, T, false>(in.data(), out.data(), in.size(), k, options.policy,
                                           options.pandas_compatible);
}

template <std::ranges::contiguous_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
std::vector<result_type_for<std::ranges::range_value_t<Range>>> pct_change(const Range& values, std::int64_t k,
                                                                           pct_change_options options) {
    using R = result_type_for<std::ranges::range_value_t<Range>>;
    const std::size_t n = std::ranges::size(values);
    using V = std::ranges::range_value_t<Range>;
    const V* in = std::ranges::data(values);
    return detail::fill_result<R>(n, [&](std::size_t first, std::size_t count, R* piece) {
        detail::pct_change_piece<R, V, false>(in, n, k, first, count, piece, options.policy,
                                              options.pandas_compatible);
    });
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s, std::int64_t k) {
    return detail::series_change(s, k, true, detail::change_kind::difference, {});
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s, std::int64_t k,
                                                 by_observation_t) {
    return detail::series_change(s, k, false, detail::change_kind::difference, {});
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> diff(const time_series<Time, Value>& s, by_observation_t) {
    return detail::series_change(s, 1, false, detail::change_kind::difference, {});
}

template <std::ranges::contiguous_range Range>
    requires std::ranges::sized_range<Range> && arithmetic<std::ranges::range_value_t<Range>>
std::vector<result_type_for<std::ranges::range_value_t<Range>>> diff(const Range& values, std::int64_t k) {
    using R = result_type_for<std::ranges::range_value_t<Range>>;
    const std::size_t n = std::ranges::size(values);
    using V = std::ranges::range_value_t<Range>;
    const V* in = std::ranges::data(values);
    return detail::fill_result<R>(n, [&](std::size_t first, std::size_t count, R* piece) {
        detail::diff_piece<R, V, false>(in, n, k, first, count, piece);
    });
}

template <period Time, arithmetic Value>
time_series<Time, Value> shift(const time_series<Time, Value>& s, std::int64_t n) {
    std::vector<Time> times = detail::reserve_result<Time>(s.size());
    for (const Time& t : s.times()) times.push_back(advance(t, n));
    return time_series<Time, Value>(sorted_unique, std::move(times), detail::copy_result(s.values()));
}

template <period Time, arithmetic Value>
time_series<Time, result_type_for<Value>> shift(const time_series<Time, Value>& s, std::int64_t n,
                                                by_observation_t) {
    using R = result_type_for<Value>;
    const std::size_t size = s.size();
    const auto values = s.values();
    std::vector<R> out = detail::make_result<R>(size, detail::transform_nan<R>);
    for (std::size_t i = 0; i < size; ++i) {
        const std::size_t j = detail::row_partner(i, size, n);
        if (j != detail::transform_npos) out[i] = static_cast<R>(values[j]);
    }
    return time_series<Time, R>(unchecked_sorted_unique, detail::copy_result(s.times()), std::move(out));
}

template <period Time, arithmetic Value>
time_series<Time, result_type_for<Value>> rebase(const time_series<Time, Value>& s, const Time& t0,
                                                 result_type_for<Value> base) {
    using R = result_type_for<Value>;
    const Value v0 = s.at(t0);
    const R b0 = static_cast<R>(v0);
    if (!(b0 > R(0)) || !detail::is_finite(b0)) {
        throw undefined_result("cannot rebase to " + time_text(t0) + ": its value " + detail::value_text(v0) +
                               " is not a positive number.");
    }
    if (!detail::is_finite(base)) {
        throw invalid_argument(detail::concat("cannot rebase to ", time_text(t0), " = ", detail::value_text(base),
                                              ": the new base is not a finite number."));
    }
    const auto values = s.values();
    std::vector<R> out = detail::make_result<R>(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        out[i] = static_cast<R>(values[i]) / b0 * base;
        if (!detail::is_finite(out[i]) && detail::is_finite(static_cast<R>(values[i]))) {
            // finite inputs, a result beyond R: once more with the ratio of the bases first
            out[i] = static_cast<R>(values[i]) * (base / b0);
            if (!detail::is_finite(out[i])) {
                throw overflow_error(detail::concat("rebasing ", detail::value_text(values[i]), " at ",
                                                    time_text(s.times()[i]), " to ", time_text(t0), " = ",
                                                    detail::value_text(base), " overflows ",
                                                    detail::floating_type_name<R>(), "."));
            }
        }
    }
    return time_series<Time, R>(unchecked_sorted_unique, detail::copy_result(s.times()), std::move(out));
}

namespace detail {

template <period Time, arithmetic Value, bool product>
[[nodiscard]] auto cumulative(const time_series<Time, Value>& s) {
    const auto values = s.values();
    const auto times = s.times();
    const char* what = product ? "cumulative product" : "cumulative sum";
    if constexpr (std::integral<Value>) {
        std::vector<std::int64_t> out = make_result<std::int64_t>(values.size());
        int128 total = product ? 1 : 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const int128 v = static_cast<int128>(values[i]);
            bool overflow = false;
            if constexpr (product) {
                // |total| <= 2^63 and |v| < 2^64: the product fits in 128 bits.
                total *= v;
            } else {
                total += v;
            }
            overflow = total > std::numeric_limits<std::int64_t>::max() ||
                       total < std::numeric_limits<std::int64_t>::min();
            if (overflow) {
                throw overflow_error("the " + std::string(what) + " at " + time_text(times[i]) +
                                     " does not fit in a 64-bit signed integer.");
            }
            out[i] = static_cast<std::int64_t>(total);
        }
        return time_series<Time, std::int64_t>(unchecked_sorted_unique, copy_result(times), std::move(out));
    } else {
        std::vector<Value> out = make_result<Value>(values.size());
        Value total = product ? Value(1) : Value(0);
        Value compensation = 0;
        bool seen_infinite = false;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const Value v = values[i];
            if (v != v) {
                out[i] = v;
                continue;
            }
            if constexpr (product) {
                total *= v;
                out[i] = total;
            } else {
                neumaier_step(total, compensation, v);
                out[i] = neumaier_value(total, compensation);
            }
            // Finite values so far but a total that is not: an overflow, not an input.
            seen_infinite = seen_infinite || !is_finite(v);
            if (!seen_infinite && !is_finite(out[i])) {
                throw overflow_error("the " + std::string(what) + " at " + time_text(times[i]) + " overflows " +
                                     floating_type_name<Value>() + ".");
            }
        }
        return time_series<Time, Value>(unchecked_sorted_unique, copy_result(times), std::move(out));
    }
}

} // namespace detail

template <period Time, arithmetic Value>
auto cumsum(const time_series<Time, Value>& s) {
    return detail::cumulative<Time, Value, false>(s);
}

template <period Time, arithmetic Value>
auto cumprod(const time_series<Time, Value>& s) {
    return detail::cumulative<Time, Value, true>(s);
}

template <period Time, arithmetic Value>
tally::percent<double> cagr(const time_series<Time, Value>& s, const Time& t0, const Time& t1) {
    const Value v0 = s.at(t0);
    const Value v1 = s.at(t1);
    if (!(t0 < t1)) {
        throw invalid_argument("a growth rate from " + time_text(t0) + " to " + time_text(t1) +
                               " needs a later end than its start.");
    }
    const auto b0 = static_cast<double>(v0);
    const auto b1 = static_cast<double>(v1);
    if (!(b0 > 0) || !detail::is_finite(b0)) {
        throw undefined_result("a growth rate from " + time_text(t0) + " is undefined: its value " +
                               detail::value_text(v0) + " is not a positive number.");
    }
    if (!(b1 >= 0) || !detail::is_finite(b1)) {
        throw undefined_result("a growth rate to " + time_text(t1) + " is undefined: its value " +
                               detail::value_text(v1) + " is not a number at or above zero.");
    }
    const double years = years_between(t0, t1);
    const double rate = (std::pow(b1 / b0, 1.0 / years) - 1.0) * 100.0;
    if (!detail::is_finite(rate)) {
        throw overflow_error(detail::concat("a growth rate from ", detail::value_text(v0), " at ", time_text(t0), " to ",
                                            detail::value_text(v1), " at ", time_text(t1),
                                            " overflows double: the period is too short for the change."));
    }
    return tally::percent<double>(rate);
}

template <period Time, arithmetic Value>
change_series<Time, result_type_for<Value>> yoy(const time_series<Time, Value>& s, std::int64_t periods_per_year,
                                                pct_change_options options) {
    if (periods_per_year < 1) {
        throw invalid_argument("a year-on-year change needs at least 1 period a year, not " +
                               detail::integer_text(periods_per_year) + ".");
    }
    return pct_change(s, periods_per_year, options);
}

} // namespace tally
