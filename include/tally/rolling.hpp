#pragma once
// tally/rolling.hpp: rolling and expanding windows.
//
//   tally::rolling(quarterly, 4).sum();                       // the last 4 observations
//   tally::rolling(quarterly, tally::periods{4}).sum();       // the last 4 quarters of the calendar
//   tally::rolling(monthly, std::chrono::months{12}).mean();  // "12 months to March 2019"
//   tally::rolling(yearly, std::chrono::years{3}).median();
//   tally::expanding(yearly).std();
//   tally::rolling(std::span<const double>(v), 1001).median();  // no series: std::vector<double>
//
// Windows:
//  - by count, rolling(s, n): the n observations (rows) ending at each one,
//    as pandas' Series.rolling(n). With center = true the window of row i is
//    rows i - n + 1 + (n - 1) / 2 .. i + (n - 1) / 2 (pandas' convention,
//    also for even n), truncated at the ends.
//  - by time, rolling(s, span): the observations in (t - span, t] for each
//    time t, so a gap in the series is a gap in the window. span is
//    tally::periods{k} (k periods of the series' calendar, any time type), or
//    a std::chrono duration the time type has a calendar for: a whole number
//    of months (std::chrono::months, std::chrono::years) for a type with a
//    whole number of periods a year (tally::periods_per_year: years,
//    quarters, months, fiscal years), converted to periods — 12 months are
//    4 quarters; any duration `t - span` accepts (chrono calendar
//    arithmetic); a duration in days for a type convertible to
//    std::chrono::sys_days (year_month_day). Anything else does not compile;
//    a span that is not a whole number of periods (6 months of a yearly
//    series) throws.
//  - expanding(s): everything up to and including each observation.
// Each result is labelled at its window's end (at its centre with center).
//
// Reductions: count, sum, mean, var(ddof), std(ddof), min, max, median,
// quantile(q) (linear, Hyndman & Fan type 7, as pandas). NaN values are
// skipped: they neither count nor enter a statistic, as in pandas. A window
// with fewer than min_periods valid values gives NaN; min_periods defaults
// to the window's length for count windows (for count() too, as pandas
// announced for its future; pandas 1.5 still counts with min_periods 0)
// and to 1 for span windows and expanding. var and std give NaN where the
// window holds ddof or fewer valid values; with min_periods = 0 an empty
// window gives count 0 and sum 0, and NaN for the other statistics.
//
// Results: integer values give double results; floating values their own
// type. Series windows give a time_series with the input's times; range
// windows give a std::vector, one value per input value.
//
// Bad inputs: a window of fewer than 1 observation or period, or a span
// that is not positive, throws invalid_argument naming it; a window longer
// than the series gives all NaN (as pandas); min_periods above a count
// window's length throws; q outside [0, 1] throws naming q; center on a span
// window throws; an empty series gives an empty result.
//
// Cost: O(n) for count, sum, mean, var, std, min and max (the two-stack
// sliding aggregate, see detail/rolling_kernels.hpp), O(n log w) comparisons
// plus an O(w) contiguous move per step for median and quantile.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ranges>
#include <ratio>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "change.hpp"
#include "detail/rolling_kernels.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// Options of a window.
struct window_options {
    /// The fewest valid (non-NaN) values a window needs for a result; by
    /// default the window's length for count windows, 1 otherwise.
    std::optional<std::size_t> min_periods{};
    /// Label each count window at its centre instead of its end.
    bool center = false;
};

/// A window of a number of periods of a series' calendar: tally::periods{4}.
struct periods {
    std::int64_t count;
};

namespace detail {

/// Where the windows lie, apart from the values.
struct window_spec {
    bool variable = false;
    std::size_t width = 0;
    std::size_t offset = 0;
    std::vector<std::size_t> starts;
    std::size_t capacity = 0;
    std::size_t min_periods = 1;

    [[nodiscard]] window_bounds bounds(std::size_t n) const noexcept {
        return window_bounds{n, width, offset, variable ? starts.data() : nullptr, capacity};
    }
};

enum class reduction { count, sum, mean, var, std, min, max, median, quantile };

template <arithmetic T>
[[nodiscard]] std::vector<result_type_for<T>> rolling_reduce(std::span<const T> x, const window_spec& spec,
                                                             reduction what, std::size_t ddof, double q);

} // namespace detail

/// Windows over contiguous values, which it views: the values must outlive it.
template <arithmetic T>
class rolling_view {
public:
    using result_type = result_type_for<T>;

    /// The number of valid values in each window.
    [[nodiscard]] std::vector<result_type> count() const { return run(detail::reduction::count); }
    /// The sum of each window's valid values (Neumaier-compensated).
    [[nodiscard]] std::vector<result_type> sum() const { return run(detail::reduction::sum); }
    /// The mean of each window's valid values.
    [[nodiscard]] std::vector<result_type> mean() const { return run(detail::reduction::mean); }
    /// The variance with divisor (valid count - ddof); NaN where valid count <= ddof.
    [[nodiscard]] std::vector<result_type> var(std::size_t ddof = 1) const {
        return run(detail::reduction::var, ddof);
    }
    /// The square root of var(ddof).
    [[nodiscard]] std::vector<result_type> std(std::size_t ddof = 1) const {
        return run(detail::reduction::std, ddof);
    }
    [[nodiscard]] std::vector<result_type> min() const { return run(detail::reduction::min); }
    [[nodiscard]] std::vector<result_type> max() const { return run(detail::reduction::max); }
    [[nodiscard]] std::vector<result_type> median() const { return run(detail::reduction::median); }
    /// The type-7 quantile q of each window; throws invalid_argument for q
    /// outside [0, 1]: "the quantile q = 1.5 is outside [0, 1]."
    [[nodiscard]] std::vector<result_type> quantile(double q) const {
        return run(detail::reduction::quantile, 0, q);
    }

    /// For rolling() and expanding(); not for users.
    rolling_view(std::span<const T> values, detail::window_spec spec) : values_(values), spec_(std::move(spec)) {}

private:
    [[nodiscard]] std::vector<result_type> run(detail::reduction what, std::size_t ddof = 0, double q = 0) const {
        return detail::rolling_reduce<T>(values_, spec_, what, ddof, q);
    }
    std::span<const T> values_;
    detail::window_spec spec_;
};

/// Windows over a series (a copy of it); each reduction gives a series with
/// the same times.
template <period Time, arithmetic Value>
class rolling_series {
public:
    using result_type = result_type_for<Value>;
    using series_type = time_series<Time, result_type>;

    [[nodiscard]] series_type count() const { return run(detail::reduction::count); }
    [[nodiscard]] series_type sum() const { return run(detail::reduction::sum); }
    [[nodiscard]] series_type mean() const { return run(detail::reduction::mean); }
    [[nodiscard]] series_type var(std::size_t ddof = 1) const { return run(detail::reduction::var, ddof); }
    [[nodiscard]] series_type std(std::size_t ddof = 1) const { return run(detail::reduction::std, ddof); }
    [[nodiscard]] series_type min() const { return run(detail::reduction::min); }
    [[nodiscard]] series_type max() const { return run(detail::reduction::max); }
    [[nodiscard]] series_type median() const { return run(detail::reduction::median); }
    [[nodiscard]] series_type quantile(double q) const { return run(detail::reduction::quantile, 0, q); }

    /// For rolling() and expanding(); not for users.
    rolling_series(time_series<Time, Value> series, detail::window_spec spec)
        : series_(std::move(series)), spec_(std::move(spec)) {}

private:
    [[nodiscard]] series_type run(detail::reduction what, std::size_t ddof = 0, double q = 0) const {
        auto values = detail::rolling_reduce<Value>(series_.values(), spec_, what, ddof, q);
        const auto times = series_.times();
        return series_type(sorted_unique, std::vector<Time>(times.begin(), times.end()), std::move(values));
    }
    time_series<Time, Value> series_;
    detail::window_spec spec_;
};

namespace detail {

/// A time type whose periods are a whole fraction of a year (years, quarters, months).
template <class Time>
concept whole_periods_a_year = periods_per_year<Time> > 0;

template <class D>
concept whole_months_duration = std::integral<typename D::rep> &&
                                std::ratio_divide<typename D::period, std::chrono::months::period>::den == 1;

/// A time type with a calendar for a window of span D.
template <class Time, class D>
concept span_calendar = (whole_periods_a_year<Time> && whole_months_duration<D>) ||
                        requires(Time t, D d) {
                            { t - d } -> std::convertible_to<Time>;
                        } || requires(Time t, D d) { std::chrono::sys_days{t} - d; };

} // namespace detail

/// Windows of the `window` observations ending at each observation (see
/// the header comment). Throws invalid_argument for a window below 1:
/// "a rolling window of 0 observations is empty; it needs at least 1.", and
/// for min_periods above the window: "min_periods 5 is larger than the window
/// of 3 observations."
template <period Time, arithmetic Value, std::integral W>
[[nodiscard]] rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, W window,
                                                  window_options options = {});
/// Windows of the observations in the last `span.count` periods of the
/// calendar. Throws invalid_argument for fewer than 1 period, or for center.
template <period Time, arithmetic Value>
[[nodiscard]] rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, periods span,
                                                  window_options options = {});
/// Windows of the observations in (t - span, t]. Compiles only where the
/// time type has a calendar for the span (detail::span_calendar).
template <period Time, arithmetic Value, class Rep, class Period>
    requires detail::span_calendar<Time, std::chrono::duration<Rep, Period>>
[[nodiscard]] rolling_series<Time, Value> rolling(const time_series<Time, Value>& s,
                                                  std::chrono::duration<Rep, Period> span,
                                                  window_options options = {});
/// Windows over contiguous values (a span, or an lvalue vector/array).
template <std::ranges::contiguous_range Range, std::integral W>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] rolling_view<std::ranges::range_value_t<Range>> rolling(Range&& values, W window,
                                                                      window_options options = {});

/// Everything up to each observation; min_periods defaults to 1.
template <period Time, arithmetic Value>
[[nodiscard]] rolling_series<Time, Value> expanding(const time_series<Time, Value>& s, window_options options = {});
template <std::ranges::contiguous_range Range>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] rolling_view<std::ranges::range_value_t<Range>> expanding(Range&& values, window_options options = {});

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

template <std::integral W>
[[nodiscard]] window_spec count_window(std::size_t n, W window, const window_options& options) {
    if (window < W(1)) {
        throw invalid_argument("a rolling window of " + integer_text(window) +
                               " observations is empty; it needs at least 1.");
    }
    const auto width = static_cast<std::size_t>(window);
    window_spec spec;
    spec.width = width;
    spec.offset = options.center ? (width - 1) / 2 : 0;
    spec.capacity = std::min(width, n);
    spec.min_periods = options.min_periods.value_or(width);
    if (spec.min_periods > width) {
        throw invalid_argument("min_periods " + integer_text(spec.min_periods) + " is larger than the window of " +
                               integer_text(width) + " observations.");
    }
    return spec;
}

[[noreturn]] inline void throw_center_on_span(const std::string& span) {
    throw invalid_argument("center applies to windows of a number of observations, not to a window of " + span + ".");
}

/// The variable window spec from each time's first position in the window.
[[nodiscard]] inline window_spec span_window(std::vector<std::size_t> starts, const window_options& options) {
    window_spec spec;
    spec.variable = true;
    for (std::size_t i = 0; i < starts.size(); ++i) spec.capacity = std::max(spec.capacity, i + 1 - starts[i]);
    spec.starts = std::move(starts);
    spec.min_periods = options.min_periods.value_or(1);
    return spec;
}

template <class Rep, class Period>
[[nodiscard]] std::string span_text(std::chrono::duration<Rep, Period> d) {
    const auto count = integer_text(d.count());
    const bool one = d.count() == 1;
    if constexpr (std::is_same_v<Period, std::chrono::years::period>) {
        return count + (one ? " year" : " years");
    } else if constexpr (std::is_same_v<Period, std::chrono::months::period>) {
        return count + (one ? " month" : " months");
    } else if constexpr (std::is_same_v<Period, std::chrono::weeks::period>) {
        return count + (one ? " week" : " weeks");
    } else if constexpr (std::is_same_v<Period, std::chrono::days::period>) {
        return count + (one ? " day" : " days");
    } else {
        return count + " units of " + integer_text(static_cast<std::int64_t>(Period::num)) + "/" +
               integer_text(static_cast<std::int64_t>(Period::den)) + " s";
    }
}

template <arithmetic T>
std::vector<result_type_for<T>> rolling_reduce(std::span<const T> x, const window_spec& spec, reduction what,
                                               std::size_t ddof, double q) {
    using R = result_type_for<T>;
    using A = std::conditional_t<std::same_as<R, long double>, long double, double>;
    constexpr R nan = std::numeric_limits<R>::quiet_NaN();
    if (what == reduction::quantile && !(q >= 0.0 && q <= 1.0)) {
        throw invalid_argument("the quantile q = " + floating_text(q) + " is outside [0, 1].");
    }
    const std::size_t n = x.size();
    std::vector<R> out(n);
    const window_bounds bounds = spec.bounds(n);
    const std::size_t need = spec.min_periods;
    switch (what) {
    case reduction::count:
        sliding<count_aggregate<A>>(x.data(), bounds, out.data(), [need](const count_aggregate<A>& a) {
            return a.rows >= need ? static_cast<R>(a.count) : nan;
        });
        break;
    case reduction::sum:
        sliding<sum_aggregate<A>>(x.data(), bounds, out.data(), [need](const sum_aggregate<A>& a) {
            return a.count >= need ? static_cast<R>(a.value()) : nan;
        });
        break;
    case reduction::mean:
        sliding<sum_aggregate<A>>(x.data(), bounds, out.data(), [need](const sum_aggregate<A>& a) {
            return a.count >= need && a.count > 0 ? static_cast<R>(a.value() / static_cast<A>(a.count)) : nan;
        });
        break;
    case reduction::var:
    case reduction::std: {
        const bool root = what == reduction::std;
        sliding<moments_aggregate<A>>(x.data(), bounds, out.data(), [need, ddof, root](const moments_aggregate<A>& a) {
            if (a.count < need || a.count <= ddof) return nan;
            const A v = a.m2 / static_cast<A>(a.count - ddof);
            return static_cast<R>(root ? std::sqrt(v) : v);
        });
        break;
    }
    case reduction::min:
        sliding<extreme_aggregate<A, false>>(x.data(), bounds, out.data(),
                                             [need](const extreme_aggregate<A, false>& a) {
                                                 return a.count >= need && a.count > 0 ? static_cast<R>(a.value) : nan;
                                             });
        break;
    case reduction::max:
        sliding<extreme_aggregate<A, true>>(x.data(), bounds, out.data(), [need](const extreme_aggregate<A, true>& a) {
            return a.count >= need && a.count > 0 ? static_cast<R>(a.value) : nan;
        });
        break;
    case reduction::median:
        sliding_order<A>(x.data(), bounds, out.data(), [need](const std::vector<A>& sorted) {
            return sorted.size() >= need && !sorted.empty() ? static_cast<R>(sorted_median(sorted)) : nan;
        });
        break;
    case reduction::quantile:
        sliding_order<A>(x.data(), bounds, out.data(), [need, q](const std::vector<A>& sorted) {
            return sorted.size() >= need && !sorted.empty() ? static_cast<R>(sorted_quantile(sorted, q)) : nan;
        });
        break;
    }
    return out;
}

} // namespace detail

template <period Time, arithmetic Value, std::integral W>
rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, W window, window_options options) {
    return rolling_series<Time, Value>(s, detail::count_window(s.size(), window, options));
}

template <period Time, arithmetic Value>
rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, periods span, window_options options) {
    const std::string text =
        detail::integer_text(span.count) + (span.count == 1 ? " period" : " periods");
    if (span.count < 1) throw invalid_argument("a rolling window of " + text + " is empty; it needs at least 1.");
    if (options.center) detail::throw_center_on_span(text);
    const auto times = s.times();
    std::vector<std::size_t> starts(times.size());
    std::size_t lo = 0;
    for (std::size_t i = 0; i < times.size(); ++i) {
        while (periods_between(times[lo], times[i]) >= span.count) ++lo;
        starts[i] = lo;
    }
    return rolling_series<Time, Value>(s, detail::span_window(std::move(starts), options));
}

template <period Time, arithmetic Value, class Rep, class Period>
    requires detail::span_calendar<Time, std::chrono::duration<Rep, Period>>
rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, std::chrono::duration<Rep, Period> span,
                                    window_options options) {
    const std::string text = detail::span_text(span);
    if (!(span.count() > Rep(0))) {
        throw invalid_argument("a rolling window of " + text + " is empty; it needs a positive span.");
    }
    if (options.center) detail::throw_center_on_span(text);
    using D = std::chrono::duration<Rep, Period>;
    if constexpr (detail::whole_periods_a_year<Time> && detail::whole_months_duration<D>) {
        // Months to periods: a period is 12 / periods_per_year months.
        const auto months = static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::months>(span).count());
        constexpr std::int64_t per_year = periods_per_year<Time>;
        if ((months * per_year) % 12 != 0) {
            throw invalid_argument("a rolling window of " + text + " is not a whole number of periods of this series, " +
                                   "which has " + detail::integer_text(per_year) + " a year.");
        }
        return rolling(s, periods{months * per_year / 12}, options);
    } else {
        const auto times = s.times();
        std::vector<std::size_t> starts(times.size());
        std::size_t lo = 0;
        for (std::size_t i = 0; i < times.size(); ++i) {
            if constexpr (requires(Time t, D d) {
                              { t - d } -> std::convertible_to<Time>;
                          }) {
                const Time after = times[i] - span;
                while (!(after < times[lo])) ++lo;
            } else {
                const auto after = std::chrono::sys_days{times[i]} - span;
                while (!(after < std::chrono::sys_days{times[lo]})) ++lo;
            }
            starts[i] = lo;
        }
        return rolling_series<Time, Value>(s, detail::span_window(std::move(starts), options));
    }
}

template <std::ranges::contiguous_range Range, std::integral W>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
rolling_view<std::ranges::range_value_t<Range>> rolling(Range&& values, W window, window_options options) {
    using T = std::ranges::range_value_t<Range>;
    const std::span<const T> view(std::ranges::data(values), std::ranges::size(values));
    return rolling_view<T>(view, detail::count_window(view.size(), window, options));
}

namespace detail {
[[nodiscard]] inline window_spec expanding_window(std::size_t n, const window_options& options) {
    if (options.center) {
        throw invalid_argument("center applies to windows of a number of observations, not to an expanding window.");
    }
    window_spec spec;
    spec.width = n;
    spec.capacity = n;
    spec.min_periods = options.min_periods.value_or(1);
    return spec;
}
} // namespace detail

template <period Time, arithmetic Value>
rolling_series<Time, Value> expanding(const time_series<Time, Value>& s, window_options options) {
    return rolling_series<Time, Value>(s, detail::expanding_window(s.size(), options));
}

template <std::ranges::contiguous_range Range>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
rolling_view<std::ranges::range_value_t<Range>> expanding(Range&& values, window_options options) {
    using T = std::ranges::range_value_t<Range>;
    const std::span<const T> view(std::ranges::data(values), std::ranges::size(values));
    return rolling_view<T>(view, detail::expanding_window(view.size(), options));
}

} // namespace tally
