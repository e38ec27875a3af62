#pragma once
// tally/ewm.hpp: exponentially weighted means, variances and standard
// deviations, as pandas' Series.ewm.
//
//   tally::ewm(s, tally::span{10}).mean();                      // a time_series<Time, double>
//   tally::ewm(s, tally::alpha{0.3}, {.adjust = false}).stddev();
//   tally::ewm(daily, tally::halflife{std::chrono::days{3}}).mean();   // pandas' times=
//   tally::ewm(quarterly, tally::halflife{tally::periods{2}}).variance();
//   tally::ewm(values, tally::com{2}).variance(true);                // a std::vector<double>
//
// The decay is one of four types, so a span cannot be passed as an alpha:
//   tally::com{c}        c >= 0        alpha = 1 / (1 + c)
//   tally::span{s}       s >= 1        alpha = 2 / (s + 1)
//   tally::halflife{h}   h > 0         alpha = 1 - 0.5^(1 / h)   (h observations)
//   tally::alpha{a}      0 < a <= 1
// and, over a series only, a halflife in time (pandas' `times=`):
//   tally::halflife{tally::periods{k}}       k periods of the series' calendar
//   tally::halflife{std::chrono::months{6}}  whole months, on years, quarters,
//                                            months, fiscal years
//   tally::halflife{std::chrono::days{3}}    any duration, on year_month_day
// where an observation's weight halves with every halflife of time between
// it and the point the mean is taken at. A parameter outside its domain, NaN
// or infinite throws tally::invalid_argument naming it.
//
// Options (tally::ewm_options), each defaulting as pandas:
//   adjust = true      weights (1 - alpha)^k over the values seen; false: the
//                      recursion m = (1 - alpha) m + alpha x.
//   ignore_na = false  a missing value still ages the weights of the values
//                      before it; true: weights count only the values present.
//   min_periods = 0    results from fewer values than this are NaN (a result
//                      needs at least one value, as pandas).
// A halflife in time needs adjust = true (pandas refuses adjust=False with
// times, and so does tally) and ages the weights by the time between
// observations, whatever ignore_na says.
//
// Values: NaN and, as pandas, +-inf are missing values (pandas turns +-inf
// into NaN before any window or ewm computation). At a missing value the
// mean carries the last one forward. variance(bias = false) is the weighted
// variance with pandas' bias correction sum(w)^2 / (sum(w)^2 - sum(w^2)):
// NaN until two values have been seen; variance(true) is the biased one (0 after
// one value). std is the square root of var.
//
// O(n), one pass, no memory beyond the result. Numerics: the incremental
// weighted mean and variance of West (1979), m += w (x - m) and
// S = (1 - w) (S + w (x - m)^2) with w = new weight / total weight. It is
// the recurrence pandas uses, written so that a constant run adds exactly 0
// and a variance is never negative, and for var and std run on the values
// less the first one, so that values far from 0 with a small spread (1e9 plus
// noise of 1e-3) keep their digits: there pandas loses up to 7 of them and
// tally none (the conformance test checks both against a 40-digit
// reference). The bias correction's denominator (sum w)^2 - sum w^2 is kept
// as the sum of w_i w_j over i != j, updated without a subtraction: pandas'
// difference cancels after a long run of missing values and gives a
// variance with few correct digits, or 0 instead of NaN after one value.
// The decay factor comes straight from the parameter
// ((s - 1) / (s + 1), 0.5^(1 / h), ...) rather than through pandas' centre
// of mass. Not compensated otherwise: each step's rounding error is
// multiplied by the weight the past keeps, which decays.

#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "detail/buffer.hpp"
#include "fwd.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "period.hpp"
#include "rolling.hpp"
#include "time_series.hpp"

namespace tally {

/// The centre of mass of an exponential decay: alpha = 1 / (1 + c), c >= 0.
struct com {
    double value;
    template <arithmetic T>
    constexpr explicit com(T c) noexcept : value(static_cast<double>(c)) {}
};

/// The span of an exponential decay: alpha = 2 / (s + 1), s >= 1.
struct span {
    double value;
    template <arithmetic T>
    constexpr explicit span(T s) noexcept : value(static_cast<double>(s)) {}
};

/// The smoothing factor of an exponential decay, 0 < a <= 1.
struct alpha {
    double value;
    template <arithmetic T>
    constexpr explicit alpha(T a) noexcept : value(static_cast<double>(a)) {}
};

/// The halflife of an exponential decay: in observations (H = double), in
/// periods of a series' calendar (H = tally::periods) or a std::chrono
/// duration: halflife{2.5}, halflife{tally::periods{2}}, halflife{std::chrono::days{3}}.
template <class H = double>
struct halflife {
    H value;
    template <class T>
        requires(std::same_as<H, double> ? arithmetic<T> : std::same_as<H, T>)
    constexpr explicit halflife(T h) noexcept : value(static_cast<H>(h)) {}
};
template <arithmetic T>
halflife(T) -> halflife<double>;
halflife(periods) -> halflife<periods>;
template <class Rep, class Period>
halflife(std::chrono::duration<Rep, Period>) -> halflife<std::chrono::duration<Rep, Period>>;

/// A decay counted in observations: com, span, alpha or halflife<double>.
template <class D>
concept ewm_decay = std::same_as<D, com> || std::same_as<D, span> || std::same_as<D, alpha> ||
                    std::same_as<D, halflife<double>>;

/// The options of an exponentially weighted window; each defaults as pandas.
struct ewm_options {
    /// Weights (1 - alpha)^k (true) or the recursive form (false).
    bool adjust = true;
    /// Missing values do not age the weights (true) or do (false).
    bool ignore_na = false;
    /// Results from fewer values than this are NaN (at least 1 is needed).
    std::size_t min_periods = 0;
};

namespace detail {

/// What an ewm kernel needs from the decay.
struct ewm_parameters {
    double factor;   // 1 - alpha: what an old weight is multiplied by per observation
    double alpha;    // the weight of a new value when adjust = false
    double halflife; // a halflife in time, in periods of the calendar; 0 for none
    ewm_options options;
};

/// The result's value type: long double for long double input, else double.
template <class T>
using ewm_result_t = std::conditional_t<std::same_as<T, long double>, long double, double>;

enum class ewm_statistic { mean, var, std };

} // namespace detail

/// Exponentially weighted statistics of a series, labelled with its times.
template <period Time, arithmetic Value>
class ewm_series {
public:
    using result_type = detail::ewm_result_t<Value>;
    using series_type = time_series<Time, result_type>;

    /// The weighted mean at each observation (the last one carried over a missing value).
    [[nodiscard]] series_type mean() const { return run(detail::ewm_statistic::mean, false); }
    /// The weighted variance; bias = false applies pandas' bias correction.
    [[nodiscard]] series_type variance(bool bias = false) const { return run(detail::ewm_statistic::var, bias); }
    /// The square root of variance(bias).
    [[nodiscard]] series_type stddev(bool bias = false) const { return run(detail::ewm_statistic::std, bias); }

    /// For tally's own functions: use tally::ewm.
    ewm_series(const time_series<Time, Value>& s, detail::ewm_parameters p) : series_(s), parameters_(p) {}

private:
    [[nodiscard]] series_type run(detail::ewm_statistic what, bool bias) const;
    time_series<Time, Value> series_;
    detail::ewm_parameters parameters_;
};

/// Exponentially weighted statistics of contiguous values, which it refers to.
template <arithmetic Value>
class ewm_view {
public:
    using result_type = detail::ewm_result_t<Value>;

    /// The weighted mean at each position (the last one carried over a missing value).
    [[nodiscard]] std::vector<result_type> mean() const { return run(detail::ewm_statistic::mean, false); }
    /// The weighted variance; bias = false applies pandas' bias correction.
    [[nodiscard]] std::vector<result_type> variance(bool bias = false) const {
        return run(detail::ewm_statistic::var, bias);
    }
    /// The square root of variance(bias).
    [[nodiscard]] std::vector<result_type> stddev(bool bias = false) const {
        return run(detail::ewm_statistic::std, bias);
    }

    /// For tally's own functions: use tally::ewm.
    ewm_view(std::span<const Value> values, detail::ewm_parameters p) noexcept : values_(values), parameters_(p) {}

private:
    [[nodiscard]] std::vector<result_type> run(detail::ewm_statistic what, bool bias) const;
    std::span<const Value> values_;
    detail::ewm_parameters parameters_;
};

/// Exponentially weighted windows over a series, the decay counted in
/// observations. Throws invalid_argument for a decay parameter outside its
/// domain: "an exponentially weighted window needs a finite span of at
/// least 1; it was given 0.5."
template <period Time, arithmetic Value, ewm_decay D>
[[nodiscard]] ewm_series<Time, Value> ewm(const time_series<Time, Value>& s, D decay, ewm_options options = {});

/// Exponentially weighted windows over a series, the halflife in periods of
/// its calendar (pandas' `times=`). Throws invalid_argument for a halflife
/// below 1 period and for adjust = false.
template <period Time, arithmetic Value>
[[nodiscard]] ewm_series<Time, Value> ewm(const time_series<Time, Value>& s, halflife<periods> decay,
                                          ewm_options options = {});

namespace detail {
/// A calendar of whole periods a year and a duration of whole months.
template <class Time, class D>
concept ewm_month_calendar = periods_per_year<Time> > 0 && std::integral<typename D::rep> &&
                             std::ratio_divide<typename D::period, std::chrono::months::period>::den == 1;
/// A calendar of days.
template <class Time>
concept ewm_day_calendar = requires(Time t) { std::chrono::sys_days{t}; };
} // namespace detail

/// Exponentially weighted windows over a series, the halflife a duration:
/// whole months or years on a calendar of whole periods a year, any
/// duration on days (year_month_day). Anything else does not compile.
/// Throws invalid_argument for a halflife that is not positive and for
/// adjust = false.
template <period Time, arithmetic Value, class Rep, class Period>
    requires detail::ewm_month_calendar<Time, std::chrono::duration<Rep, Period>> ||
             detail::ewm_day_calendar<Time>
[[nodiscard]] ewm_series<Time, Value> ewm(const time_series<Time, Value>& s,
                                          halflife<std::chrono::duration<Rep, Period>> decay,
                                          ewm_options options = {});

/// Exponentially weighted windows over contiguous values (a span, or an
/// lvalue vector or array); the view refers to them.
template <std::ranges::contiguous_range Range, ewm_decay D>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
[[nodiscard]] ewm_view<std::ranges::range_value_t<Range>> ewm(Range&& values, D decay, ewm_options options = {});

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

[[noreturn]] inline void throw_ewm_parameter(const char* what, double value) {
    std::string message = "an exponentially weighted window needs ";
    message += what;
    message += "; it was given ";
    message += floating_text(value);
    message += '.';
    throw invalid_argument(message);
}

[[nodiscard]] inline ewm_parameters ewm_parameters_of(com c, const ewm_options& options) {
    if (!(c.value >= 0) || !std::isfinite(c.value)) throw_ewm_parameter("a finite com of at least 0", c.value);
    return {c.value / (1.0 + c.value), 1.0 / (1.0 + c.value), 0.0, options};
}

[[nodiscard]] inline ewm_parameters ewm_parameters_of(span s, const ewm_options& options) {
    if (!(s.value >= 1) || !std::isfinite(s.value)) throw_ewm_parameter("a finite span of at least 1", s.value);
    return {(s.value - 1.0) / (s.value + 1.0), 2.0 / (s.value + 1.0), 0.0, options};
}

[[nodiscard]] inline ewm_parameters ewm_parameters_of(alpha a, const ewm_options& options) {
    if (!(a.value > 0 && a.value <= 1)) throw_ewm_parameter("an alpha in (0, 1]", a.value);
    return {1.0 - a.value, a.value, 0.0, options};
}

[[nodiscard]] inline ewm_parameters ewm_parameters_of(halflife<double> h, const ewm_options& options) {
    if (!(h.value > 0) || !std::isfinite(h.value)) {
        throw_ewm_parameter("a finite halflife above 0 observations", h.value);
    }
    // 1 - 0.5^(1/h) without the cancellation of 1 - exp(...) for a long halflife
    return {std::exp2(-1.0 / h.value), -std::expm1(-std::log(2.0) / h.value), 0.0, options};
}

/// The parameters of a halflife of `periods` periods of the calendar; text
/// names the halflife as the user gave it.
[[nodiscard]] inline ewm_parameters ewm_time_parameters(double periods, const std::string& text,
                                                        const ewm_options& options) {
    if (!(periods > 0) || !std::isfinite(periods)) {
        std::string message = "an exponentially weighted window needs a finite halflife above 0; it was given ";
        message += text;
        message += '.';
        throw invalid_argument(message);
    }
    if (!options.adjust) {
        std::string message = "a halflife in time (";
        message += text;
        message += ") needs adjust = true: the recursive form has no weight for a new value after a gap.";
        throw invalid_argument(message);
    }
    return {0.5, 0.5, periods, options};
}

/// One pass over x into out (x.size() values). elapsed(i) is the time from
/// position i - 1 to i in halflives, for a decay in time (p.halflife > 0).
template <class R, class T, class Elapsed>
void ewm_run(std::span<const T> x, const ewm_parameters& p, Elapsed elapsed, ewm_statistic what, bool bias, R* out) {
    const std::size_t n = x.size();
    const std::size_t needed = p.options.min_periods > 0 ? p.options.min_periods : 1;
    const bool by_time = p.halflife > 0;
    const bool age_on_missing = by_time || !p.options.ignore_na;
    const R factor = static_cast<R>(p.factor);
    const R new_weight = p.options.adjust ? R(1) : static_cast<R>(p.alpha);
    const R nan = std::numeric_limits<R>::quiet_NaN();
    bool started = false;
    // The variance is computed on x - x_first (exact for values within a
    // factor 2 of x_first, Sterbenz), so that values far from 0 with a
    // small spread (1e9 + noise) keep their digits in x - mean.
    R shift = 0;
    R mean = 0;
    R s = 0;           // the biased weighted variance (West's S / total weight)
    R old_weight = 1;  // the total weight of the values seen, as a new value sees it
    R sum_w = 1;       // the sum of the weights, for the bias correction
    R pairs = 0;       // (sum w)^2 - sum w^2 = sum over i != j of w_i w_j, kept as
                       // such: computed as a difference it cancels when one
                       // weight dominates (after a long run of missing values)
    std::size_t seen = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const R v = static_cast<R>(x[i]) - shift;
        bool present = true;
        if constexpr (std::floating_point<T>) present = std::isfinite(x[i]);
        if (present) ++seen;
        if (started) {
            if (present || age_on_missing) {
                const R f = by_time ? std::exp2(-static_cast<R>(elapsed(i))) : factor;
                old_weight *= f;
                sum_w *= f;
                pairs *= f * f;
                if (present) {
                    const R inverse = 1 / (old_weight + new_weight);
                    const R w = new_weight * inverse;
                    const R keep = old_weight * inverse;
                    const R delta = v - mean;
                    if (std::isfinite(delta)) {
                        mean += w * delta;
                    } else {
                        mean = keep * mean + w * v;  // the difference of two huge values overflows
                    }
                    if (what != ewm_statistic::mean) s = keep * (s + (w * delta) * delta);
                    pairs += 2 * new_weight * sum_w;
                    sum_w += new_weight;
                    old_weight += new_weight;
                    if (!p.options.adjust) {
                        sum_w /= old_weight;
                        pairs /= old_weight * old_weight;
                        old_weight = 1;
                    }
                }
            }
        } else if (present) {
            started = true;
            if (what != ewm_statistic::mean) shift = v;
            mean = v - shift;
        }
        R result = nan;
        if (seen >= needed) {
            if (what == ewm_statistic::mean) {
                result = mean;
            } else {
                R var = s;
                if (!bias) var = pairs > 0 ? sum_w * sum_w / pairs * s : nan;
                result = what == ewm_statistic::std ? std::sqrt(var) : var;
            }
        }
        out[i] = result;
    }
}

} // namespace detail

template <period Time, arithmetic Value>
auto ewm_series<Time, Value>::run(detail::ewm_statistic what, bool bias) const -> series_type {
    const auto times = series_.times();
    std::vector<result_type> out = detail::make_result<result_type>(series_.size());
    if (parameters_.halflife > 0) {
        const double h = parameters_.halflife;
        const auto elapsed = [&](std::size_t i) {
            return static_cast<double>(periods_between(times[i - 1], times[i])) / h;
        };
        detail::ewm_run(series_.values(), parameters_, elapsed, what, bias, out.data());
    } else {
        detail::ewm_run(series_.values(), parameters_, [](std::size_t) { return 0.0; }, what, bias, out.data());
    }
    return series_type(unchecked_sorted_unique, detail::copy_result(times), std::move(out));
}

template <arithmetic Value>
auto ewm_view<Value>::run(detail::ewm_statistic what, bool bias) const -> std::vector<result_type> {
    std::vector<result_type> out = detail::make_result<result_type>(values_.size());
    detail::ewm_run(values_, parameters_, [](std::size_t) { return 0.0; }, what, bias, out.data());
    return out;
}

template <period Time, arithmetic Value, ewm_decay D>
ewm_series<Time, Value> ewm(const time_series<Time, Value>& s, D decay, ewm_options options) {
    return ewm_series<Time, Value>(s, detail::ewm_parameters_of(decay, options));
}

template <period Time, arithmetic Value>
ewm_series<Time, Value> ewm(const time_series<Time, Value>& s, halflife<periods> decay, ewm_options options) {
    const std::int64_t k = decay.value.count;
    std::string text = detail::integer_text(k);
    text += k == 1 ? " period" : " periods";
    return ewm_series<Time, Value>(s, detail::ewm_time_parameters(static_cast<double>(k), text, options));
}

template <period Time, arithmetic Value, class Rep, class Period>
    requires detail::ewm_month_calendar<Time, std::chrono::duration<Rep, Period>> ||
             detail::ewm_day_calendar<Time>
ewm_series<Time, Value> ewm(const time_series<Time, Value>& s, halflife<std::chrono::duration<Rep, Period>> decay,
                            ewm_options options) {
    double periods = 0;
    std::string text;
    if constexpr (detail::ewm_day_calendar<Time>) {
        periods = std::chrono::duration<double, std::chrono::days::period>(decay.value).count();
        text = detail::floating_text(periods);
        text += periods == 1 ? " day" : " days";
    } else {
        const auto months = std::chrono::duration_cast<std::chrono::months>(decay.value).count();
        periods = static_cast<double>(months) * static_cast<double>(periods_per_year<Time>) / 12.0;
        text = detail::integer_text(months);
        text += months == 1 ? " month" : " months";
    }
    return ewm_series<Time, Value>(s, detail::ewm_time_parameters(periods, text, options));
}

template <std::ranges::contiguous_range Range, ewm_decay D>
    requires std::ranges::borrowed_range<Range> && std::ranges::sized_range<Range> &&
             arithmetic<std::ranges::range_value_t<Range>>
ewm_view<std::ranges::range_value_t<Range>> ewm(Range&& values, D decay, ewm_options options) {
    using T = std::ranges::range_value_t<Range>;
    return ewm_view<T>(std::span<const T>(std::ranges::data(values), std::ranges::size(values)),
                       detail::ewm_parameters_of(decay, options));
}

} // namespace tally
