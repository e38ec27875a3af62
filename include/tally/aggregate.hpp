#pragma once
// tally/aggregate.hpp: a series at a finer calendar summarized at a coarser
// one — months to quarters, days to months, quarters to fiscal years.
//
//   #include <tally/aggregate.hpp>
//   #include <tally/stats.hpp>       // tally::sum, mean, min, max (or tally.hpp)
//
//   auto q = tally::aggregate<tally::year_quarter>(monthly, tally::sum);
//   q.series;        // time_series<year_quarter, std::int64_t>: the complete quarters
//   q.incomplete;    // the quarters the series touches but does not cover
//   tally::aggregate<int>(monthly, tally::aggregation::count);   // months observed a year
//
// The methods (how each coarse period's values are summarized):
//   tally::sum, tally::mean, tally::min, tally::max   the statistics of
//       tally/stats.hpp, passed as they are (they are function objects);
//   tally::aggregation::first, last, count            which have no statistic.
// This header does not include tally/stats.hpp;
// it recognises the statistics by their types, so a caller that writes
// tally::sum includes tally/stats.hpp (or tally/tally.hpp) for the name.
// Any other callable, tally::median for one, is not a method and does not
// compile.
//
// Which aggregations exist: Fine must nest in Coarse (tally::nests_in, in
// tally/period.hpp): days and months into months, quarters, years
// (integral or std::chrono::year) and fiscal years; quarters into years and
// fiscal years starting in January, April, July or October. A user time
// type joins in by specializing tally::month_span_traits (a type made of
// whole months, such as half-years: it then nests with every built-in
// calendar it lines up with) or tally::nesting_traits<Fine, Coarse> (any
// other pair, such as weeks into 4-week blocks); both are in tally/period.hpp.
// Any other pair does not compile.
//
// Complete and incomplete periods. A coarse period is complete when every
// fine period in it (3 months of a quarter, the 28 or 29 days of a
// February, as the calendar counts them: tally::periods_in) has a value
// that is not NaN. A NaN value counts as a missing observation. The result
// holds:
//  - series: one value per coarse period; by default only the complete
//    ones. With tally::incomplete_periods::include, incomplete ones too,
//    summarizing the values they have (NaN values left out); a coarse
//    period whose values are all NaN has no value and is left out even then.
//  - incomplete: every coarse period the input has a time in but does not
//    cover, in time order, whether included in series or not. Coarse periods
//    the input has no time in at all appear in neither.
//
// Result values (aggregate_value_t<Method, Value>):
//   sum    integers: std::int64_t, exact (summed in 128 bits); a sum outside
//          its range throws overflow_error naming the period. Floating: the
//          value type, by Neumaier's compensated summation (ZAMM 54, 1974).
//   mean   integers: double (the exact sum divided once); floating: the
//          value type.
//   first, last   the value at the earliest / latest time that has one.
//   min, max      the value type.
//   count  std::int64_t: the number of non-NaN observations.
// A floating sum or mean never turns finite values into inf or adds inf to
// -inf quietly: overflow_error and undefined_result name the period.
//
// Complexity: O(n) in the input's size, one pass; the input's times are
// strictly increasing, and so are the coarse periods containing them.
//
// See docs/calendars.md.

#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "change.hpp"
#include "detail/int128.hpp"
#include "detail/numeric.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "fwd.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// The methods of aggregation that are not statistics, as tag objects:
/// tally::aggregation::first, last and count. sum, mean, min and max are
/// the statistics tally::sum, tally::mean, tally::min and tally::max
/// themselves (tally/stats.hpp).
namespace aggregation {
struct first_t {
    explicit first_t() = default;
};
struct last_t {
    explicit last_t() = default;
};
struct count_t {
    explicit count_t() = default;
};
inline constexpr first_t first{};
inline constexpr last_t last{};
inline constexpr count_t count{};

/// One of the tag types above.
template <class M>
concept tag = std::same_as<M, first_t> || std::same_as<M, last_t> || std::same_as<M, count_t>;

/// The type of one of the statistics tally::sum, mean, min or max.
template <class M>
concept statistic = std::same_as<M, sum_fn> || std::same_as<M, mean_fn> || std::same_as<M, min_fn> ||
                    std::same_as<M, max_fn>;

/// A method of aggregation: a tag type above or the type of a statistic,
/// cv-qualified or not (so decltype(tally::sum) is one).
template <class M>
concept method = tag<std::remove_cv_t<M>> || statistic<std::remove_cv_t<M>>;
} // namespace aggregation

/// What to do with coarse periods the series does not cover.
enum class incomplete_periods {
    exclude,  ///< leave them out of the result series (the default)
    include,  ///< summarize the values they have
};

/// The value type of an aggregate by Method (see the header comment);
/// Method may be cv-qualified (decltype(tally::sum)).
template <aggregation::method Method, arithmetic Value>
using aggregate_value_t = std::conditional_t<
    std::same_as<std::remove_cv_t<Method>, aggregation::count_t>, std::int64_t,
    std::conditional_t<std::same_as<std::remove_cv_t<Method>, sum_fn>,
                       std::conditional_t<std::integral<Value>, std::int64_t, Value>,
                       std::conditional_t<std::same_as<std::remove_cv_t<Method>, mean_fn>,
                                          std::conditional_t<std::integral<Value>, double, Value>, Value>>>;

/// An aggregate: the coarse series and the coarse periods it does not
/// fully cover (strictly increasing).
template <period Coarse, arithmetic Value>
struct aggregate_result {
    time_series<Coarse, Value> series;
    std::vector<Coarse> incomplete;
    [[nodiscard]] friend bool operator==(const aggregate_result&, const aggregate_result&) = default;
};

/// The values of s summarized over each Coarse period containing its times,
/// by the method `how` (tally::sum, tally::aggregation::count, ...).
/// Precondition: none (any series; an empty one gives an empty result).
/// Throws invalid_argument for a time that is not a valid date or month
/// ("the time 2019-02-30 is not a valid date."); overflow_error for an
/// integer sum outside std::int64_t, a floating sum or mean beyond the value
/// type, or a coarse period outside Coarse's range; undefined_result for a
/// floating sum or mean over inf and -inf. Messages:
///   "the sum of the values in 2019 Q1, 18446744073709551614, does not fit in a 64-bit signed integer."
///   "the sum of the values in 2019 Q1 is beyond the range of double."
///   "the sum of the values in 2019 Q1 is undefined: it adds inf to -inf."
///   ("mean" for "sum" in the last two for a mean).
/// O(n).
template <period Coarse, period Fine, arithmetic Value, aggregation::method Method>
    requires nests_in<Fine, Coarse>
[[nodiscard]] aggregate_result<Coarse, aggregate_value_t<Method, Value>> aggregate(
    const time_series<Fine, Value>& s, Method how, incomplete_periods policy = incomplete_periods::exclude);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// Neumaier's compensated sum (A. Neumaier, ZAMM 54 (1974) 39-51).
template <std::floating_point A>
struct compensated_total {
    A total{0};
    A compensation{0};
    constexpr void add(A x) noexcept { neumaier_step(total, compensation, x); }
    [[nodiscard]] constexpr A value() const noexcept { return neumaier_value(total, compensation); }
};

/// The values of one coarse period, NaN values included.
template <class Value>
using period_values = std::span<const Value>;

template <class Coarse, std::floating_point Value>
[[nodiscard]] Value floating_total(period_values<Value> values, const Coarse& period, const char* what,
                                   std::int64_t divisor) {
    using A = std::conditional_t<std::same_as<Value, long double>, long double, double>;
    compensated_total<A> total;
    bool has_inf = false;
    bool has_pos_inf = false;
    bool has_neg_inf = false;
    for (const Value v : values) {
        if (is_nan(v)) continue;
        if (std::isinf(v)) {
            has_inf = true;
            (v > 0 ? has_pos_inf : has_neg_inf) = true;
        }
        total.add(static_cast<A>(v));
    }
    if (has_pos_inf && has_neg_inf) {
        throw undefined_result("the " + std::string(what) + " of the values in " + time_text(period) +
                               " is undefined: it adds inf to -inf.");
    }
    A result = total.value() / static_cast<A>(divisor);
    if (!has_inf && !std::isfinite(result) && divisor > 1) {
        // The sum overflowed but the mean may not: sum the values divided first.
        compensated_total<A> scaled;
        for (const Value v : values) {
            if (!is_nan(v)) scaled.add(static_cast<A>(v) / static_cast<A>(divisor));
        }
        result = scaled.value();
    }
    if (!has_inf && (!std::isfinite(result) || std::abs(result) > static_cast<A>(std::numeric_limits<Value>::max()))) {
        throw overflow_error("the " + std::string(what) + " of the values in " + time_text(period) +
                             " is beyond the range of " + floating_type_name<Value>() + ".");
    }
    return static_cast<Value>(result);
}

template <std::integral Value>
[[nodiscard]] int128 integer_total(period_values<Value> values) noexcept {
    int128 total = 0;
    for (const Value v : values) total += static_cast<int128>(v);
    return total;
}

/// The aggregate of one coarse period's values; at least one is not NaN.
template <class Method, class Coarse, class Value>
[[nodiscard]] aggregate_value_t<Method, Value> aggregate_one(period_values<Value> values, std::int64_t observed,
                                                             const Coarse& period) {
    using Out = aggregate_value_t<Method, Value>;
    if constexpr (std::same_as<Method, aggregation::count_t>) {
        return observed;
    } else if constexpr (std::same_as<Method, sum_fn> || std::same_as<Method, mean_fn>) {
        constexpr bool is_sum = std::same_as<Method, sum_fn>;
        if constexpr (std::floating_point<Value>) {
            return floating_total(values, period, is_sum ? "sum" : "mean", is_sum ? 1 : observed);
        } else {
            const int128 total = integer_total(values);
            if constexpr (is_sum) {
                if (total < std::numeric_limits<std::int64_t>::min() || total > std::numeric_limits<std::int64_t>::max()) {
                    throw overflow_error("the sum of the values in " + time_text(period) + ", " + integer_text(total) +
                                         ", does not fit in a 64-bit signed integer.");
                }
                return static_cast<Out>(total);
            } else {
                return static_cast<double>(total) / static_cast<double>(observed);
            }
        }
    } else {
        bool have = false;
        Value result{};
        for (const Value v : values) {
            if (is_nan(v)) continue;
            if constexpr (std::same_as<Method, aggregation::first_t>) {
                return v;
            } else if constexpr (std::same_as<Method, aggregation::last_t>) {
                result = v;
            } else if constexpr (std::same_as<Method, min_fn>) {
                if (!have || v < result) result = v;
            } else {
                if (!have || result < v) result = v;
            }
            have = true;
        }
        return result;
    }
}

} // namespace detail

template <period Coarse, period Fine, arithmetic Value, aggregation::method Method>
    requires nests_in<Fine, Coarse>
aggregate_result<Coarse, aggregate_value_t<Method, Value>> aggregate(const time_series<Fine, Value>& s, Method,
                                                                     incomplete_periods policy) {
    using Out = aggregate_value_t<Method, Value>;
    const std::span<const Fine> times = s.times();
    const std::span<const Value> values = s.values();
    std::vector<Coarse> out_times;
    std::vector<Out> out_values;
    std::vector<Coarse> incomplete;

    std::size_t i = 0;
    Coarse current{};
    if (!times.empty()) current = period_of<Coarse>(times[0]);
    while (i < times.size()) {
        std::size_t j = i;
        std::int64_t observed = 0;
        Coarse next{};
        bool has_next = false;
        while (j < times.size()) {
            if (j > i) {
                next = period_of<Coarse>(times[j]);
                if (next != current) {
                    has_next = true;
                    break;
                }
            }
            if (!detail::is_nan(values[j])) ++observed;
            ++j;
        }
        const bool complete = observed == periods_in<Fine>(current);
        if (!complete) incomplete.push_back(current);
        if (observed > 0 && (complete || policy == incomplete_periods::include)) {
            out_times.push_back(current);
            out_values.push_back(detail::aggregate_one<std::remove_cv_t<Method>>(values.subspan(i, j - i),
                                                                                   observed, current));
        }
        i = j;
        if (has_next) current = next;
    }
    return {time_series<Coarse, Out>(sorted_unique, std::move(out_times), std::move(out_values)),
            std::move(incomplete)};
}

} // namespace tally
