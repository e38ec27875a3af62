#pragma once
// tally/period.hpp: what a series' times are — the calendar behind "the
// previous year", "4 quarters earlier" and "years between".
//
// A time type plugs in by specializing tally::period_traits<Time> with
//   static constexpr Time advance(Time t, std::int64_t n);          // n periods later (n < 0: earlier)
//   static constexpr std::int64_t distance(Time from, Time to);     // periods from `from` to `to`
//   static constexpr double years_between(Time from, Time to);      // for annualized rates
//   static std::string to_string(Time t);                           // "2019", "2019 Q1"
// and, optionally,
//   static constexpr int periods_per_year;                          // 1, 4, 12; 0 if not whole
// advance() throws tally::overflow_error when the result leaves the type's range.
//
// Supplied here:
//   integral years (int, long, std::int16_t, ...)   "2019"        1 period a year
//   std::chrono::year                               "2019"        1
//   tally::year_quarter                             "2019 Q1"     4
//   std::chrono::year_month                         "2019-03"    12
//   std::chrono::year_month_day                     "2019-03-31"  0 (days: years_between
//                                                                   is days / 365.2425)
//   tally::fiscal_year<StartMonth>                  "2018/19"     1 (April 2018 to
//                                                                   March 2019 for StartMonth 4)
//
// Quarters, months, days and fiscal years live in the years of
// std::chrono::year, -32767..32767 (integral years in their type's range).
// Those four write a year with at least four digits ("0044", "-0044"), as
// ISO 8601 and C++20's chrono formatting do; integral and chrono years are
// written as plain integers ("44").
//
// Coarser and finer: tally::period_of<Coarse>(t) is the coarse period
// containing t (the quarter of a month, the fiscal year of a day), and
// tally::periods_in<Fine>(c) the number of fine periods in c (3 months in a
// quarter, 29 days in February 2020). tally::nests_in<Fine, Coarse> says
// whether every Fine period lies inside one Coarse period. A user type
// made of whole months joins these calendars by specializing
// tally::month_span_traits; any other pair by tally::nesting_traits.
//
// See docs/calendars.md.

#include <chrono>
#include <compare>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "error.hpp"

namespace tally {

/// The calendar of a time type. Specialize it for your own time types.
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

/// The number of periods of Time in a year: period_traits<Time>::periods_per_year
/// where the traits declare it (1 for years, 4 for quarters, 12 for months),
/// and 0 where a year is not a whole number of periods (days, weeks) or the
/// traits do not say. Code that needs a whole number (year-on-year change of
/// a sub-annual series) treats 0 as "not available".
template <period Time>
inline constexpr int periods_per_year = [] {
    if constexpr (requires { period_traits<Time>::periods_per_year; }) {
        return static_cast<int>(period_traits<Time>::periods_per_year);
    } else {
        return 0;
    }
}();

// ---------------------------------------------------------------------------
// Calendar value types
// ---------------------------------------------------------------------------

/// A quarter of a calendar year: 2019 Q1 is January to March 2019. Totally
/// ordered by time; written and read as "2019 Q1". The default is 0000 Q1.
class year_quarter {
public:
    constexpr year_quarter() noexcept = default;
    /// The quarter q (1..4) of year y (-32767..32767). Throws
    /// invalid_argument naming q or y when either is outside its range:
    ///   "there is no quarter 5 in a year; a quarter is 1, 2, 3 or 4."
    ///   "the year 40000 is outside the range -32767..32767 of a calendar year."
    constexpr year_quarter(int y, int q);
    constexpr year_quarter(std::chrono::year y, int q) : year_quarter(static_cast<int>(y), q) {}

    [[nodiscard]] constexpr std::chrono::year year() const noexcept { return std::chrono::year{year_}; }
    /// 1..4.
    [[nodiscard]] constexpr int quarter() const noexcept { return quarter_; }
    /// The first and last months of the quarter: 2019-01 and 2019-03 for 2019 Q1.
    [[nodiscard]] constexpr std::chrono::year_month first_month() const noexcept;
    [[nodiscard]] constexpr std::chrono::year_month last_month() const noexcept;

    /// "2019 Q1" (at least four digits of year, '-' before a negative one).
    [[nodiscard]] std::string to_string() const;
    /// Reads "2019 Q1" or "2019Q1" (pandas' spelling): an optional '-', one to
    /// five digits of year, an optional space, 'Q', a quarter 1..4, nothing
    /// else. Throws parse_error naming the text:
    ///   "could not read \"2019 Q5\" as a year and quarter such as \"2019 Q1\"."
    [[nodiscard]] static year_quarter parse(std::string_view text);

    [[nodiscard]] friend constexpr bool operator==(const year_quarter&, const year_quarter&) = default;
    [[nodiscard]] friend constexpr std::strong_ordering operator<=>(const year_quarter&, const year_quarter&) = default;

private:
    int year_ = 0;     // declared first: the defaulted <=> compares the year first
    int quarter_ = 1;
};

/// A fiscal (financial) year of twelve months starting in StartMonth (1..12),
/// named by the calendar year it starts in: fiscal_year<4>{2018} is April 2018
/// to March 2019, written "2018/19" (the UK government's financial year).
/// fiscal_year<1> is the calendar year, written "2018". Years of different
/// start months are different types and do not mix.
template <unsigned StartMonth>
class fiscal_year {
    static_assert(StartMonth >= 1 && StartMonth <= 12, "a fiscal year starts in a month 1..12");

public:
    static constexpr unsigned start_month = StartMonth;

    /// The fiscal year starting in 0000; a placeholder for containers.
    constexpr fiscal_year() noexcept = default;
    /// The fiscal year starting in StartMonth of `start_year`. Throws
    /// invalid_argument naming the year when its first or last month is
    /// outside the calendar's years -32767..32767:
    ///   "the fiscal year 32767/68 is outside the range of tally::fiscal_year<4>."
    constexpr explicit fiscal_year(int start_year);
    constexpr explicit fiscal_year(std::chrono::year start_year) : fiscal_year(static_cast<int>(start_year)) {}

    /// The calendar year of its first month (2018 for 2018/19).
    [[nodiscard]] constexpr int start_year() const noexcept { return start_year_; }
    /// The calendar year of its last month (2019 for 2018/19).
    [[nodiscard]] constexpr int end_year() const noexcept { return StartMonth == 1 ? start_year_ : start_year_ + 1; }
    [[nodiscard]] constexpr std::chrono::year_month first_month() const noexcept;
    [[nodiscard]] constexpr std::chrono::year_month last_month() const noexcept;

    /// "2018/19": the start year, '/', the last two digits of the end year
    /// ("1999/00"; of its magnitude for a negative year); "2018" when
    /// StartMonth is 1.
    [[nodiscard]] std::string to_string() const;
    /// Reads what to_string writes ("2018/19"; "2018" for StartMonth 1). The
    /// two digits after '/' must be those of the year after the start year.
    /// Throws parse_error naming the text:
    ///   "could not read \"2018/20\" as a fiscal year such as \"2018/19\"."
    [[nodiscard]] static fiscal_year parse(std::string_view text);

    [[nodiscard]] friend constexpr bool operator==(const fiscal_year&, const fiscal_year&) = default;
    [[nodiscard]] friend constexpr std::strong_ordering operator<=>(const fiscal_year&, const fiscal_year&) = default;

private:
    int start_year_ = 0;
};

/// The UK government's financial year, April to March.
using uk_fiscal_year = fiscal_year<4>;

// ---------------------------------------------------------------------------
// Finer and coarser periods
// ---------------------------------------------------------------------------

/// How a user time type made of whole calendar months lines up with the
/// calendar. Specialize it for a type T whose every period is `length`
/// consecutive months (1, 2, 3, 4, 6 or 12, dividing the year), one of which
/// starts in month `start` (1..12):
///   static constexpr int length;                                   // months in a period
///   static constexpr int start;                                    // a month a period starts in
///   static constexpr std::chrono::year_month first_month(T t);     // the period's first month
///   static constexpr T containing(std::chrono::year_month ym);     // the period holding ym
/// T then nests with every built-in calendar it lines up with, both ways, as
/// the built-in month-aligned types do with each other: days and months into
/// T, T into years and fiscal years (when the starts agree), quarters into T
/// when T's length is a multiple of 3 and its start a quarter's start.
/// containing() throws overflow_error when the period is outside T's range.
template <class T>
struct month_span_traits {};

/// How the periods of a user time type Fine make up those of Coarse, for
/// pairs that are not both whole months (weeks into 4-week periods, days
/// into school terms). Specialize it with
///   static constexpr Coarse period_of(Fine t);                // the Coarse period holding t
///   static constexpr std::int64_t periods_in(Coarse c);       // how many Fine periods c has
/// Every Fine period must lie inside one Coarse period. period_of may throw
/// tally::invalid_argument or tally::overflow_error naming t. tally::aggregate
/// uses periods_in to tell complete periods from incomplete ones.
template <class Fine, class Coarse>
struct nesting_traits {};

namespace detail {
/// The month-aligned calendars: specialized below for the built-in types,
/// and taken from month_span_traits for a user type.
template <class T>
struct month_calendar : month_span_traits<T> {};
template <class Fine, class Coarse>
inline constexpr bool nests_in_v = false;

template <class Fine, class Coarse>
concept user_nesting = requires(const Fine& f, const Coarse& c) {
    { nesting_traits<Fine, Coarse>::period_of(f) } -> std::same_as<Coarse>;
    { nesting_traits<Fine, Coarse>::periods_in(c) } -> std::same_as<std::int64_t>;
};
} // namespace detail

/// Every period of Fine lies inside exactly one period of the strictly
/// coarser Coarse: days and months in any month-aligned period; quarters
/// in years and in fiscal years starting in January, April, July or
/// October; months in quarters, years and fiscal years; user types through
/// month_span_traits or nesting_traits.
template <class Fine, class Coarse>
concept nests_in =
    period<Fine> && period<Coarse> && (detail::nests_in_v<Fine, Coarse> || detail::user_nesting<Fine, Coarse>);

/// The Coarse period containing t: period_of<year_quarter>(2019y / March)
/// is 2019 Q1; period_of<uk_fiscal_year>(2019y / March / 31d) is 2018/19.
/// Throws invalid_argument when t is not a valid date or month:
///   "the time 2019-02-30 is not a valid date."
/// and overflow_error when the containing period is outside Coarse's range
/// (an integral year type too narrow, the fiscal year before -32767).
template <class Coarse, class Fine>
    requires nests_in<Fine, Coarse>
[[nodiscard]] constexpr Coarse period_of(Fine t);

/// The number of Fine periods in c: 3 months in a quarter, 12 in a year,
/// 90 days in 2019 Q1, 366 in 2020, 28 or 29 in a February.
template <class Fine, class Coarse>
    requires nests_in<Fine, Coarse>
[[nodiscard]] constexpr std::int64_t periods_in(Coarse c);

/// The fiscal year starting in StartMonth that contains a month or a day:
/// fiscal_year_of<4>(2019y / March) is 2018/19. Same as period_of<fiscal_year<StartMonth>>.
template <unsigned StartMonth, class Fine>
    requires nests_in<Fine, fiscal_year<StartMonth>>
[[nodiscard]] constexpr fiscal_year<StartMonth> fiscal_year_of(Fine t) {
    return period_of<fiscal_year<StartMonth>>(t);
}

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

inline constexpr int min_calendar_year = -32767;
inline constexpr int max_calendar_year = 32767;

/// A year as ISO 8601 and C++20's chrono write it: at least four digits,
/// '-' before a negative year.
template <class I>
[[nodiscard]] std::string calendar_year_text(I y) {
    const bool negative = y < 0;
    std::string digits = integer_text(y);
    if (negative) digits.erase(0, 1);
    if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
    return negative ? "-" + digits : digits;
}

/// Two digits: 3 -> "03".
[[nodiscard]] inline std::string two_digit_text(unsigned v) {
    std::string out = integer_text(v);
    return out.size() < 2 ? "0" + out : out;
}

/// "1 period", "-1 period", "5 periods".
[[nodiscard]] inline std::string periods_text(std::int64_t n) {
    return integer_text(n) + (n == 1 || n == -1 ? " period" : " periods");
}

// floor_div and floor_mod, for period indices, are in detail/int128.hpp.

/// Months since 0000-01: 2019-03 is 2019 * 12 + 2.
[[nodiscard]] constexpr std::int64_t month_index(std::chrono::year_month ym) noexcept {
    return std::int64_t{static_cast<int>(ym.year())} * 12 + static_cast<std::int64_t>(static_cast<unsigned>(ym.month())) - 1;
}
[[nodiscard]] constexpr std::chrono::year_month month_at(int128 index) noexcept {
    return std::chrono::year{static_cast<int>(floor_div(index, 12))} /
           std::chrono::month{static_cast<unsigned>(floor_mod(index, 12)) + 1U};
}
[[nodiscard]] inline std::string month_index_text(int128 index) {
    return calendar_year_text(floor_div(index, 12)) + "-" +
           two_digit_text(static_cast<unsigned>(floor_mod(index, 12)) + 1U);
}

[[nodiscard]] inline std::string year_month_text(std::chrono::year_month ym) {
    return calendar_year_text(static_cast<int>(ym.year())) + "-" + two_digit_text(static_cast<unsigned>(ym.month()));
}
[[nodiscard]] inline std::string date_text(std::chrono::year_month_day d) {
    return calendar_year_text(static_cast<int>(d.year())) + "-" + two_digit_text(static_cast<unsigned>(d.month())) +
           "-" + two_digit_text(static_cast<unsigned>(d.day()));
}

[[noreturn]] inline void throw_invalid_month(std::chrono::year_month ym) {
    throw invalid_argument("the time " + year_month_text(ym) + " is not a valid year and month.");
}
[[noreturn]] inline void throw_invalid_date(std::chrono::year_month_day d) {
    throw invalid_argument("the time " + date_text(d) + " is not a valid date.");
}
constexpr void require_valid(std::chrono::year_month ym) {
    if (!ym.ok()) throw_invalid_month(ym);
}
constexpr void require_valid(std::chrono::year_month_day d) {
    if (!d.ok()) throw_invalid_date(d);
}

[[noreturn]] inline void throw_bad_quarter(int q) {
    throw invalid_argument("there is no quarter " + integer_text(q) + " in a year; a quarter is 1, 2, 3 or 4.");
}
template <class I>
[[noreturn]] void throw_bad_calendar_year(I y) {
    throw invalid_argument("the year " + integer_text(y) + " is outside the range -32767..32767 of a calendar year.");
}

/// The text of the fiscal year starting in start_year ("2018/19"), for any
/// start year, in range or not.
template <unsigned StartMonth>
[[nodiscard]] std::string fiscal_year_text(int128 start_year) {
    if constexpr (StartMonth == 1) {
        return calendar_year_text(start_year);
    } else {
        const auto end_digits = static_cast<unsigned>(magnitude(start_year + 1) % 100);
        return calendar_year_text(start_year) + "/" + two_digit_text(end_digits);
    }
}
template <unsigned StartMonth>
[[nodiscard]] constexpr int128 max_fiscal_start_year() noexcept {
    return StartMonth == 1 ? max_calendar_year : max_calendar_year - 1;
}
template <unsigned StartMonth>
[[noreturn]] void throw_bad_fiscal_year(int128 start_year) {
    throw invalid_argument("the fiscal year " + fiscal_year_text<StartMonth>(start_year) +
                           " is outside the range of tally::fiscal_year<" + integer_text(StartMonth) + ">.");
}

// is_digit is in detail/text.hpp.

/// Reads an optional '-' and 1..5 digits at text[at...]; advances `at`.
/// Returns false when there is no such year.
[[nodiscard]] constexpr bool read_year(std::string_view text, std::size_t& at, int& year) noexcept {
    bool negative = false;
    if (at < text.size() && text[at] == '-') {
        negative = true;
        ++at;
    }
    const std::size_t start = at;
    int value = 0;
    while (at < text.size() && is_digit(text[at]) && at - start < 5) {
        value = value * 10 + (text[at] - '0');
        ++at;
    }
    if (at == start || (at < text.size() && is_digit(text[at]))) return false;
    year = negative ? -value : value;
    return year >= min_calendar_year && year <= max_calendar_year;
}

} // namespace detail

// --- year_quarter -----------------------------------------------------------

constexpr year_quarter::year_quarter(int y, int q) : year_(y), quarter_(q) {
    if (q < 1 || q > 4) detail::throw_bad_quarter(q);
    if (y < detail::min_calendar_year || y > detail::max_calendar_year) detail::throw_bad_calendar_year(y);
}

constexpr std::chrono::year_month year_quarter::first_month() const noexcept {
    return std::chrono::year{year_} / std::chrono::month{static_cast<unsigned>(quarter_ * 3 - 2)};
}
constexpr std::chrono::year_month year_quarter::last_month() const noexcept {
    return std::chrono::year{year_} / std::chrono::month{static_cast<unsigned>(quarter_ * 3)};
}

inline std::string year_quarter::to_string() const {
    return detail::calendar_year_text(year_) + " Q" + detail::integer_text(quarter_);
}

inline year_quarter year_quarter::parse(std::string_view text) {
    std::size_t at = 0;
    int y = 0;
    bool ok = detail::read_year(text, at, y);
    if (ok && at < text.size() && text[at] == ' ') ++at;
    ok = ok && at + 2 == text.size() && text[at] == 'Q' && text[at + 1] >= '1' && text[at + 1] <= '4';
    if (!ok) {
        throw parse_error(detail::concat("could not read ", detail::quote(text),
                                         " as a year and quarter such as \"2019 Q1\"."));
    }
    return year_quarter(y, text[at + 1] - '0');
}

/// Quarters: 4 a year; years_between counts a quarter as a quarter of a year.
template <>
struct period_traits<year_quarter> {
    static constexpr int periods_per_year = 4;
    /// Quarters since 0000 Q1: 2019 Q1 is 2019 * 4.
    static constexpr std::int64_t index(year_quarter t) noexcept {
        return std::int64_t{static_cast<int>(t.year())} * 4 + t.quarter() - 1;
    }
    static constexpr year_quarter advance(year_quarter t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(index(t)) + n;
        const detail::int128 y = detail::floor_div(r, 4);
        const int q = static_cast<int>(detail::floor_mod(r, 4)) + 1;
        if (y < detail::min_calendar_year || y > detail::max_calendar_year) {
            throw overflow_error("the quarter " + detail::calendar_year_text(y) + " Q" + detail::integer_text(q) + ", " +
                                 detail::periods_text(n) + " from " + to_string(t) +
                                 ", is outside the range of tally::year_quarter.");
        }
        return year_quarter(static_cast<int>(y), q);
    }
    static constexpr std::int64_t distance(year_quarter from, year_quarter to) noexcept {
        return index(to) - index(from);
    }
    static constexpr double years_between(year_quarter from, year_quarter to) noexcept {
        return static_cast<double>(distance(from, to)) / 4.0;
    }
    static std::string to_string(year_quarter t) { return t.to_string(); }
};

// --- fiscal_year ------------------------------------------------------------

template <unsigned StartMonth>
constexpr fiscal_year<StartMonth>::fiscal_year(int start_year) : start_year_(start_year) {
    if (start_year < detail::min_calendar_year || start_year > detail::max_fiscal_start_year<StartMonth>()) {
        detail::throw_bad_fiscal_year<StartMonth>(start_year);
    }
}

template <unsigned StartMonth>
constexpr std::chrono::year_month fiscal_year<StartMonth>::first_month() const noexcept {
    return std::chrono::year{start_year_} / std::chrono::month{StartMonth};
}
template <unsigned StartMonth>
constexpr std::chrono::year_month fiscal_year<StartMonth>::last_month() const noexcept {
    return detail::month_at(detail::month_index(first_month()) + 11);
}

template <unsigned StartMonth>
std::string fiscal_year<StartMonth>::to_string() const {
    return detail::fiscal_year_text<StartMonth>(start_year_);
}

template <unsigned StartMonth>
fiscal_year<StartMonth> fiscal_year<StartMonth>::parse(std::string_view text) {
    std::size_t at = 0;
    int y = 0;
    bool ok = detail::read_year(text, at, y) && y <= detail::max_fiscal_start_year<StartMonth>();
    if constexpr (StartMonth == 1) {
        ok = ok && at == text.size();
    } else {
        const auto expected = static_cast<int>(detail::magnitude(detail::int128{y} + 1) % 100);
        ok = ok && at + 3 == text.size() && text[at] == '/' && detail::is_digit(text[at + 1]) &&
             detail::is_digit(text[at + 2]) && (text[at + 1] - '0') * 10 + (text[at + 2] - '0') == expected;
    }
    if (!ok) {
        throw parse_error(detail::concat("could not read ", detail::quote(text), " as a fiscal year such as ",
                                         StartMonth == 1 ? "\"2018\"." : "\"2018/19\"."));
    }
    return fiscal_year(y);
}

/// Fiscal years: one period a year, named by their start year.
template <unsigned StartMonth>
struct period_traits<fiscal_year<StartMonth>> {
    using time_type = fiscal_year<StartMonth>;
    static constexpr int periods_per_year = 1;
    static constexpr time_type advance(time_type t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(t.start_year()) + n;
        if (r < detail::min_calendar_year || r > detail::max_fiscal_start_year<StartMonth>()) {
            throw overflow_error("the fiscal year " + detail::fiscal_year_text<StartMonth>(r) + ", " +
                                 detail::periods_text(n) + " from " + to_string(t) +
                                 ", is outside the range of tally::fiscal_year<" + detail::integer_text(StartMonth) +
                                 ">.");
        }
        return time_type(static_cast<int>(r));
    }
    static constexpr std::int64_t distance(time_type from, time_type to) noexcept {
        return std::int64_t{to.start_year()} - from.start_year();
    }
    static constexpr double years_between(time_type from, time_type to) noexcept {
        return static_cast<double>(distance(from, to));
    }
    static std::string to_string(time_type t) { return t.to_string(); }
};

// --- years ------------------------------------------------------------------

/// Integral years: 2019 is the year 2019; the next period is 2020.
template <std::integral Year>
    requires(!std::same_as<Year, bool> && sizeof(Year) <= 8)
struct period_traits<Year> {
    static constexpr int periods_per_year = 1;
    static constexpr Year advance(Year t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(t) + n;
        if (r < std::numeric_limits<Year>::min() || r > std::numeric_limits<Year>::max()) {
            throw overflow_error("the year " + detail::integer_text(r) + ", " + detail::periods_text(n) +
                                 " from " + detail::integer_text(t) +
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
    static constexpr int periods_per_year = 1;
    static constexpr std::chrono::year advance(std::chrono::year t, std::int64_t n) {
        const detail::int128 r = static_cast<detail::int128>(static_cast<int>(t)) + n;
        if (r < static_cast<int>(std::chrono::year::min()) || r > static_cast<int>(std::chrono::year::max())) {
            throw overflow_error("the year " + detail::integer_text(r) + ", " + detail::periods_text(n) +
                                 " from " + to_string(t) +
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

// --- months and days ----------------------------------------------------------

/// Months: 12 a year. A month that is not ok() (month 13, year -32768)
/// makes advance and distance throw invalid_argument:
///   "the time 2019-13 is not a valid year and month."
template <>
struct period_traits<std::chrono::year_month> {
    static constexpr int periods_per_year = 12;
    static constexpr std::chrono::year_month advance(std::chrono::year_month t, std::int64_t n) {
        detail::require_valid(t);
        const detail::int128 r = static_cast<detail::int128>(detail::month_index(t)) + n;
        if (r < detail::int128{detail::min_calendar_year} * 12 || r > detail::int128{detail::max_calendar_year} * 12 + 11) {
            throw overflow_error("the month " + detail::month_index_text(r) + ", " + detail::periods_text(n) +
                                 " from " + to_string(t) + ", is outside the range of std::chrono::year_month.");
        }
        return detail::month_at(r);
    }
    static constexpr std::int64_t distance(std::chrono::year_month from, std::chrono::year_month to) {
        detail::require_valid(from);
        detail::require_valid(to);
        return detail::month_index(to) - detail::month_index(from);
    }
    /// Months / 12.
    static constexpr double years_between(std::chrono::year_month from, std::chrono::year_month to) {
        return static_cast<double>(distance(from, to)) / 12.0;
    }
    /// "2019-03".
    static std::string to_string(std::chrono::year_month t) { return detail::year_month_text(t); }
};

/// Days. A year is not a whole number of days, so periods_per_year is 0 and
/// years_between is days / 365.2425, the mean length of the Gregorian year
/// (146097 days in 400 years): 2019-01-01 to 2020-01-01 is 365 / 365.2425
/// = 0.99934 years. A date that is not ok() (2019-02-30) makes advance and
/// distance throw invalid_argument:
///   "the time 2019-02-30 is not a valid date."
template <>
struct period_traits<std::chrono::year_month_day> {
    static constexpr int periods_per_year = 0;
    static constexpr double days_per_year = 365.2425;
    static constexpr std::int64_t day_index(std::chrono::year_month_day d) noexcept {
        return static_cast<std::int64_t>(std::chrono::sys_days(d).time_since_epoch().count());
    }
    static constexpr std::chrono::year_month_day advance(std::chrono::year_month_day t, std::int64_t n) {
        using namespace std::chrono;
        detail::require_valid(t);
        constexpr std::int64_t lowest = day_index(year::min() / January / 1);
        constexpr std::int64_t highest = day_index(year::max() / December / 31);
        const detail::int128 r = static_cast<detail::int128>(day_index(t)) + n;
        if (r < lowest || r > highest) {
            throw overflow_error("the day " + detail::periods_text(n) + " from " + to_string(t) +
                                 " is outside the range of std::chrono::year_month_day.");
        }
        return year_month_day{sys_days{days{static_cast<days::rep>(r)}}};
    }
    static constexpr std::int64_t distance(std::chrono::year_month_day from, std::chrono::year_month_day to) {
        detail::require_valid(from);
        detail::require_valid(to);
        return day_index(to) - day_index(from);
    }
    /// Days / 365.2425.
    static constexpr double years_between(std::chrono::year_month_day from, std::chrono::year_month_day to) {
        return static_cast<double>(distance(from, to)) / days_per_year;
    }
    /// "2019-03-31".
    static std::string to_string(std::chrono::year_month_day t) { return detail::date_text(t); }
};

// --- finer and coarser ----------------------------------------------------------

namespace detail {

// month_calendar<T>: a calendar whose periods are `length` whole months,
// starting in the months m with (m - start) % length == 0:
//   static constexpr int length, start;
//   static constexpr std::chrono::year_month first_month(T);
//   static constexpr T containing(std::chrono::year_month);   // ym valid
template <>
struct month_calendar<std::chrono::year_month> {
    static constexpr int length = 1;
    static constexpr int start = 1;
    static constexpr std::chrono::year_month first_month(std::chrono::year_month t) noexcept { return t; }
    static constexpr std::chrono::year_month containing(std::chrono::year_month ym) noexcept { return ym; }
};
template <>
struct month_calendar<year_quarter> {
    static constexpr int length = 3;
    static constexpr int start = 1;
    static constexpr std::chrono::year_month first_month(year_quarter t) noexcept { return t.first_month(); }
    static constexpr year_quarter containing(std::chrono::year_month ym) {
        return year_quarter(ym.year(), static_cast<int>((static_cast<unsigned>(ym.month()) - 1U) / 3U) + 1);
    }
};
template <>
struct month_calendar<std::chrono::year> {
    static constexpr int length = 12;
    static constexpr int start = 1;
    static constexpr std::chrono::year_month first_month(std::chrono::year t) noexcept {
        return t / std::chrono::January;
    }
    static constexpr std::chrono::year containing(std::chrono::year_month ym) noexcept { return ym.year(); }
};
template <std::integral Year>
    requires(!std::same_as<Year, bool> && sizeof(Year) <= 8)
struct month_calendar<Year> {
    static constexpr int length = 12;
    static constexpr int start = 1;
    // Years outside the calendar's range have no months; callers check first.
    static constexpr std::chrono::year_month first_month(Year t) noexcept {
        return std::chrono::year{static_cast<int>(t)} / std::chrono::January;
    }
    static constexpr Year containing(std::chrono::year_month ym) {
        const int y = static_cast<int>(ym.year());
        if (y < std::numeric_limits<Year>::min() || y > std::numeric_limits<Year>::max()) throw_narrow_year(y);
        return static_cast<Year>(y);
    }
    [[noreturn]] static void throw_narrow_year(int y) {
        throw overflow_error("the year " + integer_text(y) + " is outside the range of the series' time type.");
    }
};
template <unsigned StartMonth>
struct month_calendar<fiscal_year<StartMonth>> {
    static constexpr int length = 12;
    static constexpr int start = static_cast<int>(StartMonth);
    static constexpr std::chrono::year_month first_month(fiscal_year<StartMonth> t) noexcept { return t.first_month(); }
    static constexpr fiscal_year<StartMonth> containing(std::chrono::year_month ym) {
        const int y = static_cast<int>(ym.year());
        const int start_year = static_cast<unsigned>(ym.month()) >= StartMonth ? y : y - 1;
        if (start_year < min_calendar_year || start_year > max_fiscal_start_year<StartMonth>()) {
            throw overflow_error("the fiscal year " + fiscal_year_text<StartMonth>(start_year) + ", containing " +
                                 year_month_text(ym) + ", is outside the range of tally::fiscal_year<" +
                                 integer_text(StartMonth) + ">.");
        }
        return fiscal_year<StartMonth>(start_year);
    }
};

template <class T>
concept month_aligned = requires(const T& t, std::chrono::year_month ym) {
    { month_calendar<T>::length } -> std::convertible_to<int>;
    { month_calendar<T>::start } -> std::convertible_to<int>;
    { month_calendar<T>::first_month(t) } -> std::same_as<std::chrono::year_month>;
    { month_calendar<T>::containing(ym) } -> std::same_as<T>;
    requires month_calendar<T>::length >= 1 && 12 % month_calendar<T>::length == 0;
    requires month_calendar<T>::start >= 1 && month_calendar<T>::start <= 12;
};

template <class Fine, class Coarse>
    requires month_aligned<Fine> && month_aligned<Coarse>
inline constexpr bool nests_in_v<Fine, Coarse> =
    month_calendar<Coarse>::length > month_calendar<Fine>::length &&
    month_calendar<Coarse>::length % month_calendar<Fine>::length == 0 &&
    (month_calendar<Coarse>::start - month_calendar<Fine>::start) % month_calendar<Fine>::length == 0;

template <class Coarse>
    requires month_aligned<Coarse>
inline constexpr bool nests_in_v<std::chrono::year_month_day, Coarse> = true;

} // namespace detail

template <class Coarse, class Fine>
    requires nests_in<Fine, Coarse>
constexpr Coarse period_of(Fine t) {
    if constexpr (detail::user_nesting<Fine, Coarse>) {
        return nesting_traits<Fine, Coarse>::period_of(t);
    } else if constexpr (std::same_as<Fine, std::chrono::year_month_day>) {
        detail::require_valid(t);
        return detail::month_calendar<Coarse>::containing(t.year() / t.month());
    } else {
        const std::chrono::year_month first = detail::month_calendar<Fine>::first_month(t);
        detail::require_valid(first);
        return detail::month_calendar<Coarse>::containing(first);
    }
}

template <class Fine, class Coarse>
    requires nests_in<Fine, Coarse>
constexpr std::int64_t periods_in(Coarse c) {
    if constexpr (detail::user_nesting<Fine, Coarse>) {
        return nesting_traits<Fine, Coarse>::periods_in(c);
    } else if constexpr (std::same_as<Fine, std::chrono::year_month_day> && std::integral<Coarse>) {
        // any integral year, in its own type: the Gregorian leap-year rule
        // needs no chrono::year (whose range ends at 32767)
        const auto y = static_cast<detail::int128>(c);
        const bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        return leap ? 366 : 365;
    } else if constexpr (std::same_as<Fine, std::chrono::year_month_day>) {
        using namespace std::chrono;
        const year_month first = detail::month_calendar<Coarse>::first_month(c);
        const year_month last = detail::month_at(detail::month_index(first) + detail::month_calendar<Coarse>::length - 1);
        return (sys_days(last / std::chrono::last) - sys_days(first / day{1})).count() + 1;
    } else {
        return detail::month_calendar<Coarse>::length / detail::month_calendar<Fine>::length;
    }
}

} // namespace tally
