#pragma once
// tally/period.hpp: what a series' times are — the calendar behind "the
// previous year", "4 quarters earlier" and "years between".
//
// A time type plugs in by specialising tally::period_traits<Time> with
//   static constexpr Time advance(Time t, std::int64_t n);          // n periods later (n < 0: earlier)
//   static constexpr std::int64_t distance(Time from, Time to);     // periods from `from` to `to`
//   static constexpr double years_between(Time from, Time to);      // for annualised rates
//   static std::string to_string(Time t);                           // "2019", "2019 Q1"
// advance() throws tally::overflow_error when the result leaves the type's range.
//
// Supplied here: integral years (int, long, std::int16_t, ...) and
// std::chrono::year.

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>

#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "error.hpp"

namespace tally {

/// The calendar of a time type. Specialise it for your own time types.
template <class Time>
struct period_traits;

/// A time type with a calendar: a totally ordered value type with period_traits.
template <class Time>
concept period = std::regular<Time> && std::totally_ordered<Time> && requires(Time t, std::int64_t n) {
    { period_traits<Time>::advance(t, n) } -> std::same_as<Time>;
    { period_traits<Time>::distance(t, t) } -> std::same_as<std::int64_t>;
    { period_traits<Time>::years_between(t, t) } -> std::same_as<double>;
    { period_traits<Time>::to_string(t) } -> std::same_as<std::string>;
};

/// The time n periods after t (before, for negative n).
template <period Time>
[[nodiscard]] constexpr Time advance(Time t, std::int64_t n) {
    return period_traits<Time>::advance(t, n);
}
/// The period after t.
template <period Time>
[[nodiscard]] constexpr Time next_period(Time t) {
    return period_traits<Time>::advance(t, 1);
}
/// The period before t.
template <period Time>
[[nodiscard]] constexpr Time previous_period(Time t) {
    return period_traits<Time>::advance(t, -1);
}
/// The number of periods from `from` to `to` (negative when `to` is earlier).
template <period Time>
[[nodiscard]] constexpr std::int64_t periods_between(Time from, Time to) {
    return period_traits<Time>::distance(from, to);
}
/// The years from `from` to `to`, as the calendar counts them.
template <period Time>
[[nodiscard]] constexpr double years_between(Time from, Time to) {
    return period_traits<Time>::years_between(from, to);
}
/// A time as text: "2019".
template <period Time>
[[nodiscard]] std::string time_text(Time t) {
    return period_traits<Time>::to_string(t);
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

/// Integral years: 2019 is the year 2019; the next period is 2020.
template <std::integral Year>
    requires(!std::same_as<Year, bool> && sizeof(Year) <= 8)
struct period_traits<Year> {
    static constexpr Year advance(Year t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(t) + n;
        if (r < std::numeric_limits<Year>::min() || r > std::numeric_limits<Year>::max()) {
            throw overflow_error("the year " + detail::integer_text(r) + ", " + detail::integer_text(n) +
                                 " periods from " + detail::integer_text(t) +
                                 ", is outside the range of the series' time type.");
        }
        return static_cast<Year>(r);
    }
    static constexpr std::int64_t distance(Year from, Year to) {
        const detail::int128 d = static_cast<detail::int128>(to) - static_cast<detail::int128>(from);
        if (d < std::numeric_limits<std::int64_t>::min() || d > std::numeric_limits<std::int64_t>::max()) {
            throw overflow_error("the number of years from " + detail::integer_text(from) + " to " +
                                 detail::integer_text(to) + " does not fit in a 64-bit signed integer.");
        }
        return static_cast<std::int64_t>(d);
    }
    static constexpr double years_between(Year from, Year to) { return static_cast<double>(distance(from, to)); }
    static std::string to_string(Year t) { return detail::integer_text(t); }
};

/// std::chrono::year, within its range -32767..32767.
template <>
struct period_traits<std::chrono::year> {
    static constexpr std::chrono::year advance(std::chrono::year t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(static_cast<int>(t)) + n;
        if (r < static_cast<int>(std::chrono::year::min()) || r > static_cast<int>(std::chrono::year::max())) {
            throw overflow_error("the year " + detail::integer_text(r) + ", " + detail::integer_text(n) +
                                 " periods from " + to_string(t) +
                                 ", is outside the range of std::chrono::year.");
        }
        return std::chrono::year{static_cast<int>(r)};
    }
    static constexpr std::int64_t distance(std::chrono::year from, std::chrono::year to) noexcept {
        return static_cast<std::int64_t>(static_cast<int>(to)) - static_cast<int>(from);
    }
    static constexpr double years_between(std::chrono::year from, std::chrono::year to) noexcept {
        return static_cast<double>(distance(from, to));
    }
    static std::string to_string(std::chrono::year t) { return detail::integer_text(static_cast<int>(t)); }
};

} // namespace tally
