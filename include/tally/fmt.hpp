#pragma once
// tally/fmt.hpp: fmt::formatter for tally's value types — percent,
// percentage_points, change, observation, time_series, claim, verdict.
// Requires {fmt}; tally/tally.hpp does not include this header, so a
// program that does not format with {fmt} never compiles it.
//
//   #include <tally/fmt.hpp>
//   fmt::format("{:+.1f}", 105.83_pct);                   // "+105.8%"
//   fmt::format("{:,}", tally::change{4963, 10213});      // "4,963 -> 10,213 (+5,250, +105.8%)"
//   fmt::format("{:,}", series);                          // "{2015: 4,963, 2018: 10,213}"
//
// Formatting calls into {fmt}: link fmt::fmt or use it header-only. This
// header also includes <fmt/ranges.h>, so that a series is formatted by
// tally's formatter, not as a plain range. See docs/formatting.md.

#include <type_traits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "format.hpp"

namespace tally::detail {

/// A fmt::formatter for T.
template <class T>
using fmt_formatter = spec_formatter<T, fmt::format_error>;

} // namespace tally::detail

template <std::floating_point R>
struct fmt::formatter<tally::percent<R>> : tally::detail::fmt_formatter<tally::percent<R>> {};
template <std::floating_point R>
struct fmt::formatter<tally::percentage_points<R>> : tally::detail::fmt_formatter<tally::percentage_points<R>> {};
template <tally::arithmetic T>
struct fmt::formatter<tally::change<T>> : tally::detail::fmt_formatter<tally::change<T>> {};
template <class Time, class Value>
struct fmt::formatter<tally::observation<Time, Value>>
    : tally::detail::fmt_formatter<tally::observation<Time, Value>> {};
template <tally::period Time, tally::arithmetic Value>
struct fmt::formatter<tally::time_series<Time, Value>>
    : tally::detail::fmt_formatter<tally::time_series<Time, Value>> {};
template <>
struct fmt::formatter<tally::claim> : tally::detail::fmt_formatter<tally::claim> {};
template <>
struct fmt::formatter<tally::verdict> : tally::detail::fmt_formatter<tally::verdict> {};

/// A series is a range, but {fmt} formats it with tally's formatter above.
template <tally::period Time, tally::arithmetic Value, class Char>
struct fmt::is_range<tally::time_series<Time, Value>, Char> : std::false_type {};
