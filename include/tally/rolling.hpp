#pragma once
// tally/rolling.hpp: rolling and expanding windows.
//
//   tally::rolling(quarterly, 4).sum();                       // the last 4 observations
//   tally::rolling(quarterly, tally::periods{4}).sum();       // the last 4 quarters of the calendar
//   tally::rolling(monthly, std::chrono::months{12}).mean();  // "12 months to March 2019"
//   tally::rolling(yearly, std::chrono::years{3}).median();
//   tally::expanding(yearly).stddev();
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
// Each result is labeled at its window's end (at its center with center).
//
// Reductions: count, sum, mean, variance(ddof), stddev(ddof), min, max, median,
// quantile(q) (linear, Hyndman & Fan type 7, as pandas). NaN values are
// skipped: they neither count nor enter a statistic, as in pandas. A window
// with fewer than min_periods valid values gives NaN; min_periods defaults
// to the window's length for count windows (for count() too, as pandas
// announced for its future; pandas 1.5 still counts with min_periods 0)
// and to 1 for span windows and expanding. variance and stddev give NaN where the
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
// Where the series starts does not matter: sum, mean, variance and stddev split each
// window at a point fixed by the calendar (blocks of the window's length,
// counted from a fixed time: year 0 for integral years, January 2000, 2000
// Q1, 2000-01-01, fiscal 2000, the chrono epoch for day spans), so the same
// observations in a window give the same result, bit for bit, whatever
// comes before them. Exact for span windows and for count windows over a
// series without gaps; over ranges and user time types the blocks start at
// the first value.
//
// Cost: O(n) for count, sum, mean, variance, stddev, min and max (the two-stack
// sliding aggregate, see detail/rolling_kernels.hpp), O(n log w) for median
// and quantile (ranks and a Fenwick tree over them, same file).
//
// See docs/windows.md.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
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
#include "detail/buffer.hpp"
#include "detail/concat.hpp"
#include "detail/ddof.hpp"
#include "detail/numeric.hpp"
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
    /// Label each count window at its center instead of its end.
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
    // Where windows are split (window_bounds): count windows on the
    // positions p with (p + phase) % width == 0 when `fixed_grid`; span
    // windows on `grid` when it is not empty.
    bool fixed_grid = false;
    std::size_t phase = 0;
    std::vector<std::size_t> grid;

    [[nodiscard]] window_bounds bounds(std::size_t n) const noexcept {
        return window_bounds{n,          width, offset, variable ? starts.data() : nullptr, capacity,
                             fixed_grid, phase, grid.empty() ? nullptr : grid.data(), grid.size()};
    }
};

enum class reduction { count, sum, mean, variance, stddev, min, max, median, quantile };

/// Builds rolling_view and rolling_series for rolling() and expanding(),
/// whose constructors are private.
struct window_access {
    template <class Windows, class... Args>
    [[nodiscard]] static Windows make(Args&&... args) {
        return Windows(std::forward<Args>(args)...);
    }
};

/// Names the window labeled at position i in a message: "the window at 2019 Q2".
using window_namer = std::function<std::string(std::size_t)>;

template <arithmetic T>
[[nodiscard]] std::vector<result_type_for<T>> rolling_reduce(std::span<const T> x, const window_spec& spec,
                                                             reduction what, std::size_t ddof, double q,
                                                             const window_namer& where);

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
    /// The variance with divisor (valid count - ddof); NaN where valid count
    /// <= ddof. Throws invalid_argument for a negative ddof:
    /// "ddof -1 is negative; it must be 0 or more."
    [[nodiscard]] std::vector<result_type> variance(int ddof = 1) const {
        return run(detail::reduction::variance, detail::checked_ddof(ddof));
    }
    /// The square root of variance(ddof).
    [[nodiscard]] std::vector<result_type> stddev(int ddof = 1) const {
        return run(detail::reduction::stddev, detail::checked_ddof(ddof));
    }
    [[nodiscard]] std::vector<result_type> min() const { return run(detail::reduction::min); }
    [[nodiscard]] std::vector<result_type> max() const { return run(detail::reduction::max); }
    [[nodiscard]] std::vector<result_type> median() const { return run(detail::reduction::median); }
    /// The type-7 quantile q of each window; throws invalid_argument for q
    /// outside [0, 1]: "the quantile q = 1.5 is outside [0, 1]."
    [[nodiscard]] std::vector<result_type> quantile(double q) const {
        return run(detail::reduction::quantile, 0, q);
    }

private:
    friend struct detail::window_access;
    rolling_view(std::span<const T> values, detail::window_spec spec) : values_(values), spec_(std::move(spec)) {}

    [[nodiscard]] std::vector<result_type> run(detail::reduction what, std::size_t ddof = 0, double q = 0) const {
        return detail::rolling_reduce<T>(values_, spec_, what, ddof, q, [](std::size_t i) {
            return detail::concat("the window at index ", detail::integer_text(i));
        });
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
    /// As rolling_view::variance and stddev: ddof is 0 or more.
    [[nodiscard]] series_type variance(int ddof = 1) const {
        return run(detail::reduction::variance, detail::checked_ddof(ddof));
    }
    [[nodiscard]] series_type stddev(int ddof = 1) const {
        return run(detail::reduction::stddev, detail::checked_ddof(ddof));
    }
    [[nodiscard]] series_type min() const { return run(detail::reduction::min); }
    [[nodiscard]] series_type max() const { return run(detail::reduction::max); }
    [[nodiscard]] series_type median() const { return run(detail::reduction::median); }
    [[nodiscard]] series_type quantile(double q) const { return run(detail::reduction::quantile, 0, q); }

private:
    friend struct detail::window_access;
    rolling_series(time_series<Time, Value> series, detail::window_spec spec)
        : series_(std::move(series)), spec_(std::move(spec)) {}

    [[nodiscard]] series_type run(detail::reduction what, std::size_t ddof = 0, double q = 0) const {
        auto values = detail::rolling_reduce<Value>(series_.values(), spec_, what, ddof, q, [this](std::size_t i) {
            return detail::concat("the window at ", time_text(series_.times()[i]));
        });
        const auto times = series_.times();
        return series_type(unchecked_sorted_unique, detail::copy_result(times), std::move(values));
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
    if constexpr (std::numeric_limits<W>::digits > std::numeric_limits<std::size_t>::digits) {
        // Only where size_t is narrower than W (32-bit targets); window >= 1 here.
        if (window > static_cast<W>(std::numeric_limits<std::size_t>::max())) {
            throw invalid_argument("a rolling window of " + integer_text(window) +
                                   " observations does not fit this platform's size_t.");
        }
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
    spec.fixed_grid = true;  // at multiples of the width from the first value; a series moves it, below
    return spec;
}

template <class T>
inline constexpr bool is_fiscal_year = false;
template <unsigned StartMonth>
inline constexpr bool is_fiscal_year<fiscal_year<StartMonth>> = true;

/// A fixed time of each built-in calendar, from which the windows' grid is
/// counted, so that it stays on the same observations wherever a series
/// starts. None for a user time type: its grid starts at its first time.
template <class Time>
[[nodiscard]] constexpr std::optional<Time> calendar_origin() {
    using namespace std::chrono;
    if constexpr (std::integral<Time>) {
        return Time{0};
    } else if constexpr (std::same_as<Time, year>) {
        return year{2000};
    } else if constexpr (std::same_as<Time, year_month>) {
        return year{2000} / January;
    } else if constexpr (std::same_as<Time, year_month_day>) {
        return year{2000} / January / day{1};
    } else if constexpr (std::same_as<Time, year_quarter>) {
        return year_quarter(2000, 1);
    } else if constexpr (is_fiscal_year<Time>) {
        return Time(2000);
    } else {
        return std::nullopt;
    }
}

/// The periods from the calendar's origin to t, modulo m (0 <= result < m);
/// 0 when the calendar has no origin or the distance does not fit.
template <class Time>
[[nodiscard]] std::size_t periods_from_origin_mod(const Time& t, std::size_t m) {
    const std::optional<Time> origin = calendar_origin<Time>();
    if (!origin || m == 0) return 0;
    std::int64_t d = 0;
    try {
        d = periods_between(*origin, t);
    } catch (const error&) {
        return 0;  // a time too far from the origin: the grid starts at the first time
    }
    const auto mm = static_cast<std::int64_t>(std::min<std::uint64_t>(m, std::uint64_t{1} << 62));
    const std::int64_t r = d % mm;
    return static_cast<std::size_t>(r < 0 ? r + mm : r);
}

/// Count windows on a series: the grid at the positions whose periods from
/// the calendar's origin are a multiple of the width, so that it stays on the
/// same observations when the series starts earlier or later (exactly so for
/// a series without gaps).
template <class Time>
void anchor_count_window(window_spec& spec, std::span<const Time> times) {
    if (times.empty() || !spec.fixed_grid) return;
    spec.phase = periods_from_origin_mod(times[0], spec.width);
}

/// Span windows: the grid at the first position of each block, the blocks
/// being the runs of times with the same block(t) (block(t) never decreases
/// along the series). With blocks one span long, a window of one span
/// crosses at most one block boundary.
template <class Time, class Block>
void anchor_span_window(window_spec& spec, std::span<const Time> times, Block block) {
    if (times.empty()) return;
    spec.grid.reserve(times.size() / std::max<std::size_t>(spec.capacity, 1) + 2);
    spec.grid.push_back(0);
    auto previous = block(times[0]);
    for (std::size_t i = 1; i < times.size(); ++i) {
        const auto b = block(times[i]);
        if (b != previous) spec.grid.push_back(i);
        previous = b;
    }
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

/// floor(a / b) for durations (b > 0): exactly, in 128-bit integers, for
/// integer representations (a * P1 / (b * P2) with the ratios' numerators
/// and denominators cross-multiplied, where converting to the common
/// duration type could overflow: days{INT64_MAX}, or dates in nanoseconds);
/// as a long double rounded down otherwise.
template <class R1, class P1, class R2, class P2>
[[nodiscard]] auto floor_quotient(std::chrono::duration<R1, P1> a, std::chrono::duration<R2, P2> b) {
    if constexpr (std::is_integral_v<R1> && std::is_integral_v<R2>) {
        int128 num = 0, den = 0;
        if (checked_multiply(static_cast<int128>(a.count()), static_cast<int128>(P1::num) * P2::den, num) &&
            checked_multiply(static_cast<int128>(b.count()), static_cast<int128>(P2::num) * P1::den, den)) {
            const int128 q = floor_div(num, den);
            // the block index of a date: beyond int64 only for absurd spans, where one block holds all
            return static_cast<long double>(q);
        }
        return std::floor((static_cast<long double>(a.count()) * P1::num / P1::den) /
                          (static_cast<long double>(b.count()) * P2::num / P2::den));
    } else {
        return std::floor((static_cast<long double>(a.count()) * P1::num / P1::den) /
                          (static_cast<long double>(b.count()) * P2::num / P2::den));
    }
}

/// Whether later - earlier < span, exactly: (later - earlier) days times
/// 86,400 s against span.count() * Period seconds, cross-multiplied in
/// 128 bits. A span too long for that holds every date.
template <class Rep, class Period>
[[nodiscard]] bool days_within(std::chrono::sys_days later, std::chrono::sys_days earlier,
                               std::chrono::duration<Rep, Period> span) {
    const auto days = static_cast<int128>(later.time_since_epoch().count()) - earlier.time_since_epoch().count();
    if constexpr (std::is_integral_v<Rep>) {
        int128 left = 0, right = 0;
        if (!checked_multiply(days, int128{86400} * Period::den, left) ||
            !checked_multiply(static_cast<int128>(span.count()), static_cast<int128>(Period::num), right)) {
            return true;  // |days| < 2^25 here: only the span's side can be this large
        }
        return left < right;
    } else {
        return static_cast<long double>(days) * 86400 <
               static_cast<long double>(span.count()) * Period::num / Period::den;
    }
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

/// After the sliding kernels, for sum, mean, variance and stddev: every result that
/// is not finite although its window has enough values is set from the
/// window itself, so that it does not depend on where the kernel split the
/// window: NaN for variance and stddev of a window holding an infinity, and for a
/// sum or mean of +inf with -inf; +inf or -inf for a sum or mean of
/// infinities of one sign; for a window of finite values, its value computed
/// directly (values scaled by a power of two, Neumaier sums), or
/// overflow_error naming the window where that is beyond R. O(n) for the
/// counts, plus O(window) for each window of finite values recomputed:
/// only reached when a kernel gave a result that is not finite.
template <class A, arithmetic T, class R>
void settle_non_finite(std::span<const T> x, const window_bounds& bounds, std::vector<R>& out, reduction what,
                       std::size_t ddof, std::size_t need, const window_namer& where) {
    const std::size_t n = x.size();
    // prefix counts of NaN, +inf and -inf values
    std::vector<std::size_t> nans(n + 1, 0), above(n + 1, 0), below(n + 1, 0);
    for (std::size_t p = 0; p < n; ++p) {
        nans[p + 1] = nans[p] + (is_nan(x[p]) ? 1U : 0U);
        above[p + 1] = above[p] + (is_infinite(x[p]) && x[p] > T(0) ? 1U : 0U);
        below[p + 1] = below[p] + (is_infinite(x[p]) && x[p] < T(0) ? 1U : 0U);
    }
    const bool spread = what == reduction::variance || what == reduction::stddev;
    const char* name = what == reduction::sum    ? "sum"
                       : what == reduction::mean ? "mean"
                       : what == reduction::variance  ? "variance"
                                                 : "standard deviation";
    constexpr R nan = std::numeric_limits<R>::quiet_NaN();
    constexpr R inf = std::numeric_limits<R>::infinity();
    for (std::size_t i = 0; i < n; ++i) {
        if (is_finite(out[i])) continue;
        const std::size_t lo = bounds.lo(i), hi = bounds.hi(i);
        const std::size_t count = hi - lo - (nans[hi] - nans[lo]);
        if (count < need || count == 0 || (spread && count <= ddof)) {
            out[i] = nan;
            continue;
        }
        const bool up = above[hi] != above[lo], down = below[hi] != below[lo];
        if (up || down) {
            out[i] = spread || (up && down) ? nan : up ? inf : -inf;
            continue;
        }
        A largest = 0;
        for (std::size_t p = lo; p < hi; ++p) {
            if (!is_nan(x[p])) largest = std::max(largest, absolute(static_cast<A>(x[p])));
        }
        A scale = 1;  // a power of two: exact
        while (largest * scale >= A(0x1p400)) scale *= A(0x1p-64);
        A s = 0, c = 0;
        for (std::size_t p = lo; p < hi; ++p) {
            if (!is_nan(x[p])) neumaier_step(s, c, static_cast<A>(x[p]) * scale);
        }
        const A total = neumaier_value(s, c);
        const A k = static_cast<A>(count);
        A result = 0;
        if (what == reduction::sum) {
            result = total / scale;
        } else if (what == reduction::mean) {
            result = total / k / scale;
        } else {
            const A mean = total / k;
            A m2 = 0, m2c = 0;
            for (std::size_t p = lo; p < hi; ++p) {
                if (is_nan(x[p])) continue;
                const A d = static_cast<A>(x[p]) * scale - mean;
                neumaier_step(m2, m2c, d * d);
            }
            const A v = neumaier_value(m2, m2c) / static_cast<A>(count - ddof);
            result = v / scale / scale;
            if (what == reduction::stddev) {
                // as tally::stddev: refused where the variance is beyond R
                if (!is_finite(static_cast<R>(result))) {
                    throw overflow_error(concat("the rolling standard deviation of ", where(i),
                                                " cannot be given: its variance is beyond the range of ",
                                                floating_type_name<R>(), "."));
                }
                result = std::sqrt(result);
            }
        }
        const auto r = static_cast<R>(result);
        if (!is_finite(r)) {
            throw overflow_error(concat("the rolling ", name, " of ", where(i), " is beyond the range of ",
                                        floating_type_name<R>(), "."));
        }
        out[i] = r;
    }
}

template <arithmetic T>
std::vector<result_type_for<T>> rolling_reduce(std::span<const T> x, const window_spec& spec, reduction what,
                                               std::size_t ddof, double q, const window_namer& where) {
    using R = result_type_for<T>;
    using A = std::conditional_t<std::same_as<R, long double>, long double, double>;
    constexpr R nan = std::numeric_limits<R>::quiet_NaN();
    if (what == reduction::quantile && !(q >= 0.0 && q <= 1.0)) {
        throw invalid_argument("the quantile q = " + floating_text(q) + " is outside [0, 1].");
    }
    const std::size_t n = x.size();
    // Empty with room for n: `sliding` appends (or resizes and writes), and
    // the order statistics below size it first.
    std::vector<R> out = reserve_result<R>(n);
    const window_bounds bounds = spec.bounds(n);
    const std::size_t need = spec.min_periods;
    bool unsettled = false;
    switch (what) {
    case reduction::count:
        sliding<count_aggregate<A>>(x.data(), bounds, out, [need](const count_aggregate<A>& a) {
            return a.rows >= need ? static_cast<R>(a.count) : nan;
        });
        break;
    // (sum, mean, variance, stddev: `unsettled` records a result that is not
    // finite from a window with enough values; settle_non_finite decides it)
    case reduction::sum:
        sliding<sum_aggregate<A>>(x.data(), bounds, out, [need, &unsettled](const sum_aggregate<A>& a) {
            if (a.count < need) return nan;
            const auto r = static_cast<R>(a.value());
            unsettled = unsettled || !is_finite(r);
            return r;
        });
        break;
    case reduction::mean:
        sliding<sum_aggregate<A>>(x.data(), bounds, out, [need, &unsettled](const sum_aggregate<A>& a) {
            if (a.count < need || a.count == 0) return nan;
            const auto r = static_cast<R>(a.value() / static_cast<A>(a.count));
            unsettled = unsettled || !is_finite(r);
            return r;
        });
        break;
    case reduction::variance:
    case reduction::stddev: {
        const bool root = what == reduction::stddev;
        sliding<moments_aggregate<A>>(x.data(), bounds, out,
                                      [need, ddof, root, &unsettled](const moments_aggregate<A>& a) {
                                          if (a.count < need || a.count <= ddof) return nan;
                                          const A v = a.m2 / static_cast<A>(a.count - ddof);
                                          const auto r = static_cast<R>(root ? std::sqrt(v) : v);
                                          unsettled = unsettled || !is_finite(r);
                                          return r;
                                      });
        break;
    }
    case reduction::min:
        sliding<extreme_aggregate<A, false>>(x.data(), bounds, out,
                                             [need](const extreme_aggregate<A, false>& a) {
                                                 return a.count >= need && a.count > 0 ? static_cast<R>(a.value) : nan;
                                             });
        break;
    case reduction::max:
        sliding<extreme_aggregate<A, true>>(x.data(), bounds, out, [need](const extreme_aggregate<A, true>& a) {
            return a.count >= need && a.count > 0 ? static_cast<R>(a.value) : nan;
        });
        break;
    case reduction::median:
        out.resize(n);
        sliding_order<A>(x.data(), bounds, out.data(), [need](const auto& sorted) {
            return sorted.size() >= need && !sorted.empty() ? static_cast<R>(sorted_median(sorted)) : nan;
        });
        break;
    case reduction::quantile:
        out.resize(n);
        sliding_order<A>(x.data(), bounds, out.data(), [need, q](const auto& sorted) {
            return sorted.size() >= need && !sorted.empty() ? static_cast<R>(sorted_quantile(sorted, q)) : nan;
        });
        break;
    }
    if constexpr (std::floating_point<T>) {
        if (unsettled) settle_non_finite<A>(x, bounds, out, what, ddof, need, where);
    }
    return out;
}

} // namespace detail

template <period Time, arithmetic Value, std::integral W>
rolling_series<Time, Value> rolling(const time_series<Time, Value>& s, W window, window_options options) {
    detail::window_spec spec = detail::count_window(s.size(), window, options);
    detail::anchor_count_window(spec, s.times());
    return detail::window_access::make<rolling_series<Time, Value>>(s, std::move(spec));
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
    detail::window_spec spec = detail::span_window(std::move(starts), options);
    if (!times.empty()) {
        // Blocks of span.count periods counted from the calendar's origin.
        // In 64 bits whatever the width of size_t: the blocks must not wrap.
        const auto k = static_cast<std::uint64_t>(span.count);
        const std::uint64_t first = detail::periods_from_origin_mod(times[0], static_cast<std::size_t>(
                                                                                  std::min<std::uint64_t>(k, SIZE_MAX)));
        detail::anchor_span_window(spec, times, [&](const Time& t) {
            return (first + static_cast<std::uint64_t>(periods_between(times[0], t))) / k;
        });
    }
    return detail::window_access::make<rolling_series<Time, Value>>(s, std::move(spec));
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
        // Months to periods: a period is 12 / periods_per_year months. In
        // 128 bits: years{INT64_MAX} is more months than int64 holds. A span
        // beyond INT64_MAX periods is longer than any calendar, as INT64_MAX
        // periods is.
        constexpr std::int64_t per_year = periods_per_year<Time>;
        constexpr auto months_each =
            static_cast<detail::int128>(std::ratio_divide<Period, std::chrono::months::period>::num);
        const detail::int128 months = static_cast<detail::int128>(span.count()) * months_each;
        if (months % (12 / per_year) != 0) {
            throw invalid_argument(detail::concat("a rolling window of ", text,
                                                  " is not a whole number of periods of this series, which has ",
                                                  detail::integer_text(per_year), " a year."));
        }
        const detail::int128 count = months / (12 / per_year);
        return rolling(s, periods{count > std::numeric_limits<std::int64_t>::max()
                                      ? std::numeric_limits<std::int64_t>::max()
                                      : static_cast<std::int64_t>(count)},
                       options);
    } else {
        const auto times = s.times();
        std::vector<std::size_t> starts(times.size());
        std::size_t lo = 0;
        for (std::size_t i = 0; i < times.size(); ++i) {
            if constexpr (std::same_as<Time, std::chrono::year_month_day> && detail::whole_months_duration<D>) {
                // t - span as chrono's calendar arithmetic gives it (the same
                // day of the month, which may not exist: 2019-02-31), from the
                // month index in 128 bits: months{INT64_MAX} must not wrap. A
                // start before every calendar month holds every earlier date.
                detail::require_valid(times[i]);
                constexpr auto months_each =
                    static_cast<detail::int128>(std::ratio_divide<Period, std::chrono::months::period>::num);
                const detail::int128 m = detail::month_index(times[i].year() / times[i].month()) -
                                         static_cast<detail::int128>(span.count()) * months_each;
                if (m >= detail::int128{detail::min_calendar_year} * 12) {
                    const Time after = detail::month_at(m) / times[i].day();
                    while (!(after < times[lo])) ++lo;
                }
            } else if constexpr (requires(Time t, D d) {
                                     { t - d } -> std::convertible_to<Time>;
                                 }) {
                const Time after = times[i] - span;
                while (!(after < times[lo])) ++lo;
            } else {
                // the window holds times[lo] while times[i] - times[lo] < span,
                // compared exactly (no duration arithmetic that can overflow)
                if constexpr (std::same_as<Time, std::chrono::year_month_day>) detail::require_valid(times[i]);
                const std::chrono::sys_days end{times[i]};
                while (!detail::days_within(end, std::chrono::sys_days{times[lo]}, span)) ++lo;
            }
            starts[i] = lo;
        }
        detail::window_spec spec = detail::span_window(std::move(starts), options);
        if constexpr (std::same_as<Time, std::chrono::year_month_day> && detail::whole_months_duration<D>) {
            // Blocks of the span's months, counted from the calendar's month 0.
            detail::anchor_span_window(spec, times, [span](const Time& t) {
                return detail::floor_quotient(std::chrono::months{detail::month_index(t.year() / t.month())}, span);
            });
        } else if constexpr (requires(Time t) { std::chrono::sys_days{t}; }) {
            // Blocks one span long, counted from the chrono epoch.
            detail::anchor_span_window(spec, times, [span](const Time& t) {
                return detail::floor_quotient(std::chrono::sys_days{t}.time_since_epoch(), span);
            });
        }
        return detail::window_access::make<rolling_series<Time, Value>>(s, std::move(spec));
    }
}

template <std::ranges::contiguous_range Range, std::integral W>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
rolling_view<std::ranges::range_value_t<Range>> rolling(Range&& values, W window, window_options options) {
    using T = std::ranges::range_value_t<Range>;
    const std::span<const T> view(std::ranges::data(values), std::ranges::size(values));
    return detail::window_access::make<rolling_view<T>>(view, detail::count_window(view.size(), window, options));
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
    return detail::window_access::make<rolling_series<Time, Value>>(s, detail::expanding_window(s.size(), options));
}

template <std::ranges::contiguous_range Range>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
rolling_view<std::ranges::range_value_t<Range>> expanding(Range&& values, window_options options) {
    using T = std::ranges::range_value_t<Range>;
    const std::span<const T> view(std::ranges::data(values), std::ranges::size(values));
    return detail::window_access::make<rolling_view<T>>(view, detail::expanding_window(view.size(), options));
}

} // namespace tally
