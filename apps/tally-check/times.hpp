#pragma once
// tally-check: the times a table's time column holds, read by their form.
//
//   2015             a calendar year               int
//   2019 Q1, 2019Q1  a quarter                     tally::year_quarter
//   2019-03          a month                       std::chrono::year_month
//   2018/19          a UK fiscal year (April)      tally::uk_fiscal_year
//   2019-03-31       a day                         std::chrono::year_month_day
//   12m-to-2019-03   the 12 months ending in a month (a rolling total), kept
//                    apart from the calendar rows and used only by a sentence
//                    that names "12 months to <month> <year>"

#include <tally/period.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

namespace tally_check {

enum class calendar { year, quarter, month, fiscal, day, rolling };

/// The calendar's name in messages: "a year", "a quarter", ...
[[nodiscard]] inline std::string_view calendar_noun(calendar c) {
    switch (c) {
    case calendar::year: return "a year";
    case calendar::quarter: return "a quarter";
    case calendar::month: return "a month";
    case calendar::fiscal: return "a fiscal year";
    case calendar::day: return "a day";
    case calendar::rolling: return "12 months ending in a month";
    }
    return "a time";
}

/// The calendar's name in the plural, for "a series of ...".
[[nodiscard]] inline std::string_view calendar_plural(calendar c) {
    switch (c) {
    case calendar::year: return "years";
    case calendar::quarter: return "quarters";
    case calendar::month: return "months";
    case calendar::fiscal: return "fiscal years";
    case calendar::day: return "days";
    case calendar::rolling: return "12-month totals ending in a month";
    }
    return "times";
}

/// The --calendar spelling of a calendar.
[[nodiscard]] inline std::string_view calendar_option(calendar c) {
    switch (c) {
    case calendar::year: return "year";
    case calendar::quarter: return "quarter";
    case calendar::month: return "month";
    case calendar::fiscal: return "fiscal";
    case calendar::day: return "day";
    case calendar::rolling: return "12m";
    }
    return "";
}

/// A time as read: its calendar and up to three fields (year; quarter or
/// month; day). A fiscal year is its start year. Ordered within a calendar.
struct time_point {
    calendar cal = calendar::year;
    int year = 0;
    int part = 0;  ///< quarter 1..4 or month 1..12; 0 for years and fiscal years
    int day = 0;   ///< 1..31 for days, else 0

    [[nodiscard]] friend bool operator==(const time_point&, const time_point&) = default;
    [[nodiscard]] friend bool operator<(const time_point& a, const time_point& b) {
        return std::tie(a.year, a.part, a.day) < std::tie(b.year, b.part, b.day);
    }
    [[nodiscard]] int as_year() const { return year; }
    [[nodiscard]] tally::year_quarter as_quarter() const { return tally::year_quarter{year, part}; }
    [[nodiscard]] std::chrono::year_month as_month() const {
        return std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(part)};
    }
    [[nodiscard]] tally::uk_fiscal_year as_fiscal() const { return tally::uk_fiscal_year{year}; }
    [[nodiscard]] std::chrono::year_month_day as_day() const {
        return std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(part)} /
               std::chrono::day{static_cast<unsigned>(day)};
    }
};

namespace detail {

[[nodiscard]] inline bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

[[nodiscard]] inline int digits_value(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

/// "2019-03" as year and month, when it is one (month 01..12).
[[nodiscard]] inline std::optional<time_point> read_month(std::string_view s) {
    if (s.size() != 7 || s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2))) return std::nullopt;
    const int m = digits_value(s.substr(5, 2));
    if (m < 1 || m > 12) return std::nullopt;
    return time_point{calendar::month, digits_value(s.substr(0, 4)), m, 0};
}

} // namespace detail

/// The time a cell holds, or nothing when it is none of the forms above.
/// A form that is recognised but impossible ("2019-02-30", "2019 Q5",
/// "2018/20") is nothing too; the caller names the cell.
[[nodiscard]] inline std::optional<time_point> read_time(std::string_view s) {
    using detail::all_digits;
    using detail::digits_value;
    if (s.size() >= 1 && s.size() <= 4 && all_digits(s)) return time_point{calendar::year, digits_value(s), 0, 0};
    if (s.size() == 7 && s[4] == '/' && all_digits(s.substr(0, 4)) && all_digits(s.substr(5, 2))) {
        try {
            const tally::uk_fiscal_year f = tally::uk_fiscal_year::parse(s);
            return time_point{calendar::fiscal, f.start_year(), 0, 0};
        } catch (const tally::error&) {
            return std::nullopt;
        }
    }
    if (s.size() >= 6 && s.size() <= 8 && all_digits(s.substr(0, 4))) {
        // 2019 Q1, 2019Q1, 2019-Q1
        std::string_view rest = s.substr(4);
        if (rest.front() == ' ' || rest.front() == '-') rest.remove_prefix(1);
        if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4') {
            return time_point{calendar::quarter, digits_value(s.substr(0, 4)), rest[1] - '0', 0};
        }
    }
    if (auto m = detail::read_month(s)) return m;
    if (s.size() == 10 && s[7] == '-' && all_digits(s.substr(8, 2))) {
        if (auto m = detail::read_month(s.substr(0, 7))) {
            time_point t = *m;
            t.cal = calendar::day;
            t.day = digits_value(s.substr(8, 2));
            if (!t.as_day().ok()) return std::nullopt;
            return t;
        }
        return std::nullopt;
    }
    constexpr std::string_view rolling_prefix = "12m-to-";
    if (s.starts_with(rolling_prefix)) {
        if (auto m = detail::read_month(s.substr(rolling_prefix.size()))) {
            time_point t = *m;
            t.cal = calendar::rolling;
            return t;
        }
    }
    return std::nullopt;
}

/// The forms read_time accepts, for messages.
inline constexpr std::string_view time_forms =
    "2015, 2019 Q1, 2019-03, 2018/19, 2019-03-31 or 12m-to-2019-03";

/// The English month name, 1..12.
[[nodiscard]] inline std::string_view month_name(int m) {
    static constexpr std::string_view names[] = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
    return (m >= 1 && m <= 12) ? names[m - 1] : std::string_view{"?"};
}

} // namespace tally_check
