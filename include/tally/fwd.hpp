#pragma once
// tally/fwd.hpp: the vocabulary every topic header shares — the concepts,
// the options of the statistics and of relative changes, the result-type
// aliases and the types of the statistic function objects. Small: it
// includes only <concepts>, <cstdint>, <iterator>, <ranges>, <type_traits>.
// See docs/conventions.md.

#include <concepts>
#include <cstdint>
#include <iterator>
#include <ranges>
#include <type_traits>

namespace tally {

/// The arithmetic types tally counts and measures with (bool excluded).
template <class T>
concept arithmetic = (std::integral<T> && !std::same_as<T, bool>) || std::floating_point<T>;

/// What a statistic does with NaN values in its input.
///  - skip (the default, like pandas' skipna=True): NaN values are left out,
///    as if the range did not hold them. A range of only NaN values is then
///    like an empty one, and the message says "whose values are all NaN".
///  - propagate (like numpy): any NaN in the input makes the result NaN
///    (argmin/argmax: the position of the first NaN).
/// Integer inputs hold no NaN, so the policy changes nothing for them.
enum class nan_policy { skip, propagate };

/// The definition of a sample quantile. type1..type9 are the nine of
/// Hyndman & Fan (1996), computed exactly as numpy does (method= names
/// in the aliases below); linear (type 7) is the default of numpy, pandas
/// and R. lower, higher, nearest and midpoint are pandas' interpolation=
/// choices on the type-7 index h = (n - 1) q: x[floor h], x[ceil h],
/// x[h rounded half to even] (numpy's np.around, which pandas uses), and
/// (x[floor h] + x[ceil h]) / 2.
enum class quantile_method {
    type1,
    type2,
    type3,
    type4,
    type5,
    type6,
    type7,
    type8,
    type9,
    lower,
    higher,
    nearest,
    midpoint,
    linear = type7,
    inverted_cdf = type1,
    averaged_inverted_cdf = type2,
    closest_observation = type3,
    interpolated_inverted_cdf = type4,
    hazen = type5,
    weibull = type6,
    median_unbiased = type8,
    normal_unbiased = type9,
};

/// An input range of arithmetic values.
template <class R>
concept arithmetic_range =
    std::ranges::input_range<R> && arithmetic<std::ranges::range_value_t<R>>;

/// A forward range of arithmetic values (for the algorithms that read it twice).
template <class R>
concept arithmetic_forward_range = arithmetic_range<R> && std::ranges::forward_range<R>;

/// An iterator pair over arithmetic values.
template <class I, class S>
concept arithmetic_iterator_pair = std::input_iterator<I> && std::sentinel_for<S, I> &&
                                   arithmetic<std::iter_value_t<I>>;

/// How a relative change treats a base below zero.
enum class base_policy {
    positive,      ///< default: a base below zero gives no relative change
    signed_value,  ///< (to - from) / from, as pandas' pct_change
    magnitude,     ///< (to - from) / |from|
};

/// The signed type in which change<T>::difference() is exact.
template <arithmetic T>
using difference_type_for =
    std::conditional_t<std::floating_point<T>, T, std::conditional_t<(sizeof(T) < sizeof(int)), int, std::int64_t>>;

/// The floating type of ratios and percents: T itself for floating T, else double.
template <arithmetic T>
using result_type_for = std::conditional_t<std::floating_point<T>, T, double>;

/// The type of a statistic of values of type T: T itself for floating T,
/// double for integers (the same type as result_type_for<T>).
template <arithmetic T>
using statistic_t = result_type_for<T>;

/// The statistic type of a range's values.
template <arithmetic_range R>
using range_statistic_t = statistic_t<std::ranges::range_value_t<R>>;


/// The types of the function objects tally::sum, tally::mean, tally::min
/// and tally::max, defined in tally/stats.hpp. Declared here so that other
/// headers (tally/aggregate.hpp) can recognise the statistics by type
/// without including tally/stats.hpp.
struct sum_fn;
struct mean_fn;
struct min_fn;
struct max_fn;

} // namespace tally
