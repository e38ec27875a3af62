#pragma once
// tally/check_series.hpp: a claim checked against a series, at the times
// the claim names.
//
//   tally::check(staff_assaults, "a 110% rise between 2015 and 2018");   // 2015 -> 2018
//   tally::check(monthly, "up 15% in the 12 months to March 2019");      // two 12-month sums
//   tally::check(by_fiscal_year, "up 10% in 2018/19");                   // 2017/18 -> 2018/19
//
// Series of years (integral), months (std::chrono::year_month), quarters
// (tally::year_quarter), fiscal years (tally::fiscal_year) and days
// (std::chrono::year_month_day). Which times a claim's words name, and how a
// span is summed, is written once in docs/claims.md ("Series").

#include <chrono>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "check.hpp"
#include "claim.hpp"
#include "claim_parser.hpp"
#include "error.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

namespace detail {
/// The calendars read by the months a claim names: quarters, fiscal years, days.
template <class Time>
inline constexpr bool month_claim_calendar = false;
template <>
inline constexpr bool month_claim_calendar<year_quarter> = true;
template <unsigned S>
inline constexpr bool month_claim_calendar<fiscal_year<S>> = true;
template <>
inline constexpr bool month_claim_calendar<std::chrono::year_month_day> = true;
} // namespace detail

/// Checks a claim against a series of years, at the times the claim names:
///   a change "between A and B" is A -> B; "since A" is A -> the last year;
///   "in B" (with or without "on the previous year") is B - 1 -> B;
///   a value or magnitude "in B" is the value at B;
///   "a total of N between A and B" sums A..B ("since A": A..last; "in B": B).
/// Throws invalid_argument when the claim names no time, or only its earlier
/// one, or is about 12 months to a month or a fiscal year (a series of years
/// has no such period), or is about a share; missing_observation when a year
/// named is not in the series; overflow_error when a total passes the range
/// of its type ("the sum of the values from 2015 to 2016,
/// 18446744073709551614, does not fit in a 64-bit signed integer.").
/// O(log n), O(n) for a total.
template <std::integral Year, arithmetic V>
    requires(!std::same_as<Year, bool>)
[[nodiscard]] verdict check(const time_series<Year, V>& series, std::string_view text,
                            const claim_options& options = {});

/// Checks a claim against a series of months, summing 12 months at a time:
/// "in the 12 months to March 2019" is April 2018 to March 2019; "in 2019"
/// is January to December 2019. A change is between two such spans: the
/// ones named, or the named one against the 12 months a year before it
/// ("up 15% on the previous year"); "since 2015" ends at the last month of
/// the series. "a total of N between 2015 and 2018" sums January 2015 to
/// December 2018. Throws as the series-of-years check does; each month
/// summed must be in the series (missing_observation names the first
/// missing). O(log n) per month summed.
template <arithmetic V>
[[nodiscard]] verdict check(const time_series<std::chrono::year_month, V>& series, std::string_view text,
                            const claim_options& options = {});

/// Checks a claim against a series of quarters, fiscal years or days, by
/// the months the claim names: "in 2018" is January to December 2018 (the
/// four quarters, the 365 days), "in 2018/19" April 2018 to March 2019 (the
/// series' own start month for fiscal years), "in the 12 months to March
/// 2019" April 2018 to March 2019. Each named span must begin and end with
/// periods of the series (invalid_argument names it otherwise: "2018" in a
/// series of fiscal years); a change with one time named is against the
/// same months a year earlier; "since 2015" ends at the series' last
/// period. Throws as the series-of-years check does. O(periods summed).
template <class Time, arithmetic V>
    requires detail::month_claim_calendar<Time>
[[nodiscard]] verdict check(const time_series<Time, V>& series, std::string_view text,
                            const claim_options& options = {});

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// The sum of a series over [first, last], each period present (else
/// missing_observation names the first missing); an integer sum past 64 bits
/// or a floating sum past the type's largest finite value throws
/// overflow_error. `words` names the span: "from 2015 to 2016", "in 2019".
template <class Time, class V>
[[nodiscard]] auto series_sum(const time_series<Time, V>& series, Time first, Time last, const std::string& words) {
    if constexpr (std::integral<V>) {
        // the sum of 64-bit values can pass 64 bits: summed in 128 bits, then checked
        int128 total = 0;
        for (Time t = first;; t = next_period(t)) {
            total += series.at(t);
            if (t == last) break;
        }
        if (total > std::numeric_limits<std::int64_t>::max() || total < std::numeric_limits<std::int64_t>::min()) {
            throw overflow_error("the sum of the values " + words + ", " + integer_text(total) +
                                 ", does not fit in a 64-bit signed integer.");
        }
        return static_cast<std::int64_t>(total);
    } else {
        // a sum past the largest finite V is refused, never checked as inf
        long double total = 0;
        for (Time t = first;; t = next_period(t)) {
            const V x = series.at(t);
            const long double before = total;
            total += static_cast<long double>(x);
            const long double size = total < 0 ? -total : total;
            if (!(size <= static_cast<long double>(std::numeric_limits<V>::max())) && before - before == 0 && x - x == 0) {
                throw overflow_error("the sum of the values " + words + " passes the largest finite value of their type: " +
                                     floating_text(static_cast<double>(x)) + " in " + time_text(t) +
                                     " added to the running total of " + floating_text(static_cast<double>(before)) + ".");
            }
            if (t == last) break;
        }
        return total;
    }
}

/// The claim a series check reads, refused when it is about a share or the series is empty.
template <class Series>
[[nodiscard]] claim series_claim(const Series& series, const claim& cl, const std::string& quoted) {
    if (cl.kind == claim_kind::share) {
        throw invalid_argument(quoted + " is about a share of a whole, which a series of counts does not hold.");
    }
    if (series.empty()) throw invalid_argument(quoted + " cannot be checked against an empty series.");
    return cl;
}

/// The earlier and later years a change or total compares in a series of years.
template <class Year, class V>
[[nodiscard]] std::pair<Year, Year> claim_years(const time_series<Year, V>& series, const claim& cl,
                                                const std::string& quoted) {
    // a year the series' time type cannot hold is a year the series has no observation at
    const auto year = [&series](int y) {
        if (!std::in_range<Year>(y)) {
            throw missing_observation("no observation at " + integer_text(y) + " in a series covering " +
                                      time_text(series.first_time()) + ".." + time_text(series.last_time()) + ".");
        }
        return static_cast<Year>(y);
    };
    if (cl.since && cl.from_time.named()) return {year(cl.from_time.year), series.last_time()};
    if (cl.from_time.named() && cl.to_time.named()) return {year(cl.from_time.year), year(cl.to_time.year)};
    if (cl.to_time.named()) {
        const Year t1 = year(cl.to_time.year);
        return {cl.kind == claim_kind::total || cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude
                    ? t1
                    : previous_period(t1),
                t1};
    }
    if (cl.from_time.named()) {
        throw invalid_argument(quoted + " names its earlier year, " + integer_text(cl.from_time.year) +
                               ", but not its later one, so it cannot be checked against a series.");
    }
    const bool single = cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude;
    throw invalid_argument(quoted + (single ? " names no year, so it cannot be checked against a series; name one (\"in 2019\")."
                                            : " names no year, so it cannot be checked against a series; name one (\"in 2019\", "
                                              "\"between 2015 and 2018\")."));
}

/// The start month of the fiscal years a claim's "2018/19" names for a
/// series of Time: the series' own for fiscal years, April otherwise.
template <class Time>
inline constexpr unsigned claim_fiscal_start = 4;
template <unsigned S>
inline constexpr unsigned claim_fiscal_start<fiscal_year<S>> = S;

/// The months a claim's time names: a year is January to December, a fiscal
/// year its twelve months, "12 months to March 2019" April 2018 to March 2019.
struct month_span {
    std::chrono::year_month first;
    std::chrono::year_month last;
    std::string words;
};

template <class Time>
[[nodiscard]] month_span claim_months(const claim_time& t) {
    using std::chrono::month;
    using std::chrono::year;
    using std::chrono::year_month;
    if (t.fiscal) {
        const year_month first{year{t.year}, month{claim_fiscal_start<Time>}};
        return {first, advance(first, 11), parsing::time_words(t)};
    }
    const year_month last{year{t.year}, month{t.month == 0 ? 12u : static_cast<unsigned>(t.month)}};
    return {advance(last, -11), last, parsing::time_words(t)};
}

/// The first and last periods of a series of Time that make up exactly the
/// months of m; throws invalid_argument when the months do not begin and end
/// with its periods ("2018" in a series of fiscal years).
template <class Time>
[[nodiscard]] std::pair<Time, Time> periods_of(const month_span& m, const std::string& quoted) {
    if constexpr (std::same_as<Time, std::chrono::year_month>) {
        return {m.first, m.last};
    } else if constexpr (std::same_as<Time, std::chrono::year_month_day>) {
        return {m.first / std::chrono::day{1}, std::chrono::year_month_day{m.last / std::chrono::last}};
    } else {
        const Time a = period_of<Time>(m.first), b = period_of<Time>(m.last);
        if (a.first_month() != m.first || b.last_month() != m.last) {
            throw invalid_argument(quoted + " is about " + m.words + ", which does not begin and end with periods of the series (" +
                                   time_text(a) + " to " + time_text(b) + ").");
        }
        return {a, b};
    }
}

/// The months ending with a series' last period, for "since 2015".
template <class Time>
[[nodiscard]] month_span last_twelve_months(Time last) {
    std::chrono::year_month end{};
    if constexpr (std::same_as<Time, std::chrono::year_month>) {
        end = last;
    } else if constexpr (std::same_as<Time, std::chrono::year_month_day>) {
        end = last.year() / last.month();
    } else {
        end = last.last_month();
    }
    return month_span{advance(end, -11), end,
                      parsing::time_words(claim_time{static_cast<int>(end.year()),
                                                     static_cast<int>(static_cast<unsigned>(end.month()))})};
}

/// A claim checked against a series by the months it names (months,
/// quarters, fiscal years, days): the spans it compares, each summed.
template <class Time, class V>
[[nodiscard]] verdict check_by_months(const time_series<Time, V>& series, const claim& cl, const std::string& quoted,
                                      const claim_options& options) {
    const auto sum = [&](const month_span& m) {
        const auto [a, b] = periods_of<Time>(m, quoted);
        return series_sum(series, a, b, "in " + m.words);
    };
    if (!cl.to_time.named() && !(cl.since && cl.from_time.named())) {
        throw invalid_argument(quoted + (cl.from_time.named() ? " names its earlier time, " + parsing::time_words(cl.from_time) +
                                                                    ", but not its later one, so it cannot be checked against a series."
                                                              : " names no time, so it cannot be checked against a series; name one "
                                                                "(\"in 2019\", \"in the 12 months to March 2019\")."));
    }
    const bool single = cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude ||
                        (cl.kind == claim_kind::total && !cl.from_time.named());
    if (single) {
        const month_span m = claim_months<Time>(cl.to_time);
        return verdict_builder::labelled(check(sum(m), cl, options), "", m.words);
    }
    const month_span later = cl.since ? last_twelve_months(series.last_time()) : claim_months<Time>(cl.to_time);
    if (cl.kind == claim_kind::total) {
        const month_span first = claim_months<Time>(cl.from_time);
        const month_span whole{first.first, later.last, time_text(first.first) + ".." + time_text(later.last)};
        if (whole.last < whole.first) throw invalid_argument(quoted + " names a span that ends before it begins.");
        return verdict_builder::labelled(check(sum(whole), cl, options), time_text(first.first), time_text(later.last));
    }
    month_span earlier{};
    if (cl.from_time.named()) {
        earlier = claim_months<Time>(cl.from_time);
    } else {
        // the same months a year earlier, named as the later span is
        const std::chrono::year_month end = advance(later.last, -12);
        const bool rolling = cl.to_time.month != 0 || cl.since;
        earlier = month_span{advance(later.first, -12), end,
                             cl.to_time.fiscal ? parsing::time_words(claim_time{cl.to_time.year - 1, 0, true})
                                               : parsing::time_words(claim_time{
                                                     static_cast<int>(end.year()),
                                                     rolling ? static_cast<int>(static_cast<unsigned>(end.month())) : 0})};
    }
    (void)periods_of<Time>(later, quoted);  // the span the claim names is refused first, when it does not fit
    const auto from = sum(earlier);          // in this order, so the first period missing is named
    const auto to = sum(later);
    return verdict_builder::labelled(check(change{from, to}, cl, options), earlier.words, later.words);
}

} // namespace detail

template <std::integral Year, arithmetic V>
    requires(!std::same_as<Year, bool>)
verdict check(const time_series<Year, V>& series, std::string_view text, const claim_options& options) {
    const std::string quoted = "the claim " + detail::quote(text);
    const claim cl = parse_claim(text);
    for (const claim_time& t : {cl.from_time, cl.to_time}) {
        if (t.month != 0 || t.fiscal) {
            throw invalid_argument(quoted + " is about " + std::string(t.fiscal ? "the fiscal year " : "") +
                                   detail::parsing::time_words(t) + ", which a series of years does not hold.");
        }
    }
    (void)detail::series_claim(series, cl, quoted);
    const auto [t0, t1] = detail::claim_years(series, cl, quoted);
    if (cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude) {
        return detail::verdict_builder::labelled(check(series.at(t1), cl, options), "", time_text(t1));
    }
    if (cl.kind == claim_kind::total) {
        if (t1 < t0) throw invalid_argument(quoted + " names a span from " + time_text(t0) + " back to " + time_text(t1) + ".");
        const std::string span = t0 == t1 ? "in " + time_text(t0) : "from " + time_text(t0) + " to " + time_text(t1);
        return detail::verdict_builder::labelled(check(detail::series_sum(series, t0, t1, span), cl, options),
                                                 time_text(t0), time_text(t1));
    }
    const V from = series.at(t0);  // in this order, so the earlier missing time is named
    const V to = series.at(t1);
    return detail::verdict_builder::labelled(check(change<V>{from, to}, cl, options), time_text(t0), time_text(t1));
}

template <arithmetic V>
verdict check(const time_series<std::chrono::year_month, V>& series, std::string_view text,
              const claim_options& options) {
    const std::string quoted = "the claim " + detail::quote(text);
    const claim cl = detail::series_claim(series, parse_claim(text), quoted);
    for (const claim_time& t : {cl.from_time, cl.to_time}) {
        if (t.fiscal) {
            throw invalid_argument(quoted + " is about the fiscal year " + detail::parsing::time_words(t) +
                                   ", which tally does not read from a series of months; aggregate it to fiscal years.");
        }
    }
    return detail::check_by_months(series, cl, quoted, options);
}

template <class Time, arithmetic V>
    requires detail::month_claim_calendar<Time>
verdict check(const time_series<Time, V>& series, std::string_view text, const claim_options& options) {
    const std::string quoted = "the claim " + detail::quote(text);
    return detail::check_by_months(series, detail::series_claim(series, parse_claim(text), quoted), quoted, options);
}

} // namespace tally
