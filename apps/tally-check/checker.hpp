#pragma once
// tally-check: one sentence checked against a table, with the rows it used.
//
// Calendar rows are made into a tally::time_series and checked by
// tally::check(series, text). Which calendars tally can check a sentence
// against is decided in one place, series_check_available below: every
// calendar the tool reads (years, months, quarters, fiscal years, days).
//
// Rows of 12 months ending in a month ("12m-to-2018-09") are totals already:
// they are never summed or mixed with calendar rows. A sentence that names
// "12 months to <month> <year>" is checked against them, as a change between
// two such totals or as one total; any other sentence against the calendar
// rows.

#include <tally/tally.hpp>

#include "table.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tally_check {

/// A sentence tally-check will not check (exit status 2), with why.
class refusal : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Whether tally::check(series, text) exists for a series of Time. Turn a
/// calendar on here when tally gains its check (the call is in check_series).
template <class Time>
inline constexpr bool series_check_available = false;
template <>
inline constexpr bool series_check_available<int> = true;
template <>
inline constexpr bool series_check_available<std::chrono::year_month> = true;
template <>
inline constexpr bool series_check_available<tally::year_quarter> = true;
template <>
inline constexpr bool series_check_available<tally::uk_fiscal_year> = true;
template <>
inline constexpr bool series_check_available<std::chrono::year_month_day> = true;

/// What became of a sentence.
enum class status { holds, does_not_hold, undefined, ambiguous, refused };

[[nodiscard]] inline std::string_view status_text(status s) {
    switch (s) {
    case status::holds: return "holds";
    case status::does_not_hold: return "does not hold";
    case status::undefined: return "undefined";
    case status::ambiguous: return "ambiguous";
    case status::refused: return "refused";
    }
    return "";
}

/// The exit status a sentence calls for: 0 holds, 1 does not hold, 2 anything else.
[[nodiscard]] inline int exit_status(status s) {
    switch (s) {
    case status::holds: return 0;
    case status::does_not_hold: return 1;
    default: return 2;
    }
}

/// A sentence checked: its verdict (or why there is none) and the rows used.
struct result {
    std::string sentence;
    status outcome = status::refused;
    std::optional<tally::verdict> verdict{};
    std::string message;              ///< why, when refused
    std::string explanation;          ///< verdict.explain(...)
    std::vector<const row*> earlier;  ///< the rows behind the earlier value (summed when more than one)
    std::vector<const row*> later;    ///< the rows behind the later value (or the one value)
    std::string earlier_label;        ///< "2015", "12 months to September 2015"
    std::string later_label;
    bool rolling = false;             ///< checked against 12-month totals
};

namespace detail {

[[nodiscard]] inline std::string rolling_words(int year, int month) {
    return "12 months to " + std::string(month_name(month)) + " " + std::to_string(year);
}

[[nodiscard]] inline const row* find_row(const std::vector<row>& rows, const time_point& t) {
    const auto it = std::lower_bound(rows.begin(), rows.end(), t, [](const row& r, const time_point& x) { return r.time < x; });
    return (it != rows.end() && it->time == t) ? &*it : nullptr;
}

/// The quoted sentence for messages, as tally quotes it.
[[nodiscard]] inline std::string quoted(std::string_view text) {
    std::string out = "the sentence \"";
    if (text.size() > 80) {
        out.append(text.substr(0, 80));
        out += "...\"";
    } else {
        out.append(text);
        out += '"';
    }
    return out;
}

/// A series of Time from the calendar rows.
template <class Time, class V, class Get>
[[nodiscard]] tally::time_series<Time, V> make_series(const table& t, Get get_time) {
    std::vector<Time> times;
    std::vector<V> values;
    times.reserve(t.rows.size());
    values.reserve(t.rows.size());
    for (const row& r : t.rows) {
        times.push_back(get_time(r.time));
        if constexpr (std::is_integral_v<V>) {
            values.push_back(r.value.integer);
        } else {
            values.push_back(r.value.real);
        }
    }
    return tally::time_series<Time, V>(tally::sorted_unique, times, values);
}

/// The sum of the rows' values, as the verdict saw it.
[[nodiscard]] inline long double row_sum(const std::vector<const row*>& rows) {
    long double s = 0;
    for (const row* r : rows) s += r->value.integral ? static_cast<long double>(r->value.integer) : static_cast<long double>(r->value.real);
    return s;
}

} // namespace detail

/// The single place a series is checked: tally::check where tally has it for
/// Time, a refusal naming the calendar otherwise.
template <class Time, class V>
[[nodiscard]] tally::verdict check_series(const tally::time_series<Time, V>& series, std::string_view text,
                                          const tally::claim_options& options, calendar cal) {
    if constexpr (series_check_available<Time>) {
        return tally::check(series, text, options);
    } else {
        (void)series;
        (void)options;
        (void)tally::parse_claim(text);  // a sentence that cannot be read is refused for that first
        throw refusal("the table's times are " + std::string(calendar_plural(cal)) +
                      ", and this version of tally cannot yet check a sentence against a series of " +
                      std::string(calendar_plural(cal)) + " (it checks years, months and 12-month totals).");
    }
}

/// Which calendar rows a series check used, from the times the claim names
/// (the rules of tally::check for years and months). Empty when the rule is
/// not known here.
inline void rows_used_by_series(const table& t, const tally::claim& cl, result& out) {
    using tally::claim_kind;
    if (!t.cal || t.rows.empty()) return;
    const auto pick_years = [&](int from, int to, std::vector<const row*>& into) {
        for (int y = from; y <= to; ++y) {
            if (const row* r = detail::find_row(t.rows, time_point{calendar::year, y, 0, 0})) into.push_back(r);
        }
    };
    // months: the 12 ending at (year, month)
    const auto pick_months = [&](int year, int month, int count, std::vector<const row*>& into) {
        std::chrono::year_month end = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)};
        std::chrono::year_month m = end - std::chrono::months{count - 1};
        for (int k = 0; k < count; ++k, m += std::chrono::months{1}) {
            if (const row* r = detail::find_row(
                    t.rows, time_point{calendar::month, static_cast<int>(m.year()), static_cast<int>(static_cast<unsigned>(m.month())), 0})) {
                into.push_back(r);
            }
        }
    };
    const bool single = cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude;
    if (*t.cal == calendar::year) {
        const int last = t.rows.back().time.year;
        if (single) {
            pick_years(cl.to_time.year, cl.to_time.year, out.later);
            return;
        }
        int t0 = 0, t1 = 0;
        if (cl.since && cl.from_time.named()) {
            t0 = cl.from_time.year;
            t1 = last;
        } else if (cl.from_time.named() && cl.to_time.named()) {
            t0 = cl.from_time.year;
            t1 = cl.to_time.year;
        } else {
            t1 = cl.to_time.year;
            t0 = cl.kind == claim_kind::total ? t1 : t1 - 1;
        }
        if (cl.kind == claim_kind::total) {
            pick_years(t0, t1, out.later);
        } else {
            pick_years(t0, t0, out.earlier);
            pick_years(t1, t1, out.later);
        }
        return;
    }
    if (*t.cal == calendar::month) {
        const auto month_of = [](const tally::claim_time& x) { return x.month == 0 ? 12 : x.month; };
        if (single || (cl.kind == claim_kind::total && !cl.from_time.named())) {
            pick_months(cl.to_time.year, month_of(cl.to_time), 12, out.later);
            return;
        }
        const time_point last = t.rows.back().time;
        if (cl.kind == claim_kind::total) {
            const int y1 = cl.since ? last.year : cl.to_time.year;
            const int m1 = cl.since ? last.part : month_of(cl.to_time);
            const std::chrono::year_month begin =
                std::chrono::year{cl.from_time.year} / std::chrono::month{static_cast<unsigned>(month_of(cl.from_time))} - std::chrono::months{11};
            const std::chrono::year_month end = std::chrono::year{y1} / std::chrono::month{static_cast<unsigned>(m1)};
            const auto count = (end.year() - begin.year()).count() * 12 +
                               (static_cast<int>(static_cast<unsigned>(end.month())) - static_cast<int>(static_cast<unsigned>(begin.month()))) + 1;
            if (count >= 1) pick_months(y1, m1, static_cast<int>(count), out.later);
            return;
        }
        int y1 = 0, m1 = 0;
        if (cl.since && cl.from_time.named()) {
            y1 = last.year;
            m1 = last.part;
        } else {
            y1 = cl.to_time.year;
            m1 = month_of(cl.to_time);
        }
        int y0 = 0, m0 = 0;
        if (cl.from_time.named()) {
            y0 = cl.from_time.year;
            m0 = month_of(cl.from_time);
        } else {
            y0 = y1 - 1;
            m0 = m1;
        }
        pick_months(y0, m0, 12, out.earlier);
        pick_months(y1, m1, 12, out.later);
    }
}

/// Checks a sentence against the 12-month rows (see the header comment).
[[nodiscard]] inline tally::verdict check_rolling(const table& t, const tally::claim& cl, std::string_view text,
                                                  const tally::claim_options& options, result& out) {
    using tally::claim_kind;
    out.rolling = true;
    const std::string q = detail::quoted(text);
    if (t.rolling.empty()) {
        throw refusal(q + " is about 12 months to a month, and the table has no rows of 12 months ending in a month (12m-to-YYYY-MM).");
    }
    for (const tally::claim_time& x : {cl.from_time, cl.to_time}) {
        if (x.named() && x.month == 0) {
            throw refusal(q + " compares the calendar year " + std::to_string(x.year) +
                          " with 12 months ending in a month; tally-check does not mix a calendar year's row with a 12-month total, so name both times the same way.");
        }
    }
    if (cl.kind == claim_kind::total) {
        throw refusal(q + " is a total, and 12-month totals that overlap cannot be added up.");
    }
    if (cl.kind == claim_kind::share || cl.kind == claim_kind::points) {
        if (!t.shares) throw refusal(q + " is about a share; name its part and whole with --part and --whole.");
    }
    const auto get = [&](int year, int month) -> const row& {
        const row* r = detail::find_row(t.rolling, time_point{calendar::rolling, year, month, 0});
        if (r == nullptr) {
            throw refusal(q + " needs the " + detail::rolling_words(year, month) + ", and the table has no row 12m-to-" +
                          std::to_string(year) + "-" + (month < 10 ? "0" : "") + std::to_string(month) + " (its 12-month rows run from " +
                          std::string(t.rolling.front().time_text) + " to " + std::string(t.rolling.back().time_text) + ").");
        }
        return *r;
    };
    const bool single = cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude || cl.kind == claim_kind::share;
    if (single) {
        const row& r = get(cl.to_time.year, cl.to_time.month);
        out.later.push_back(&r);
        out.later_label = detail::rolling_words(r.time.year, r.time.part);
        if (cl.kind == claim_kind::share) {
            if (t.integral) return tally::check(tally::share<std::int64_t>{r.value.integer, r.whole.integer}, cl, options);
            return tally::check(tally::share<double>{r.value.real, r.whole.real}, cl, options);
        }
        const number n = r.value;
        if (t.integral) return tally::check(n.integer, cl, options);
        return tally::check(n.real, cl, options);
    }
    const row* later = nullptr;
    if (cl.since && cl.from_time.named()) {
        later = &t.rolling.back();
    } else {
        later = &get(cl.to_time.year, cl.to_time.month);
    }
    const row& earlier = cl.from_time.named() ? get(cl.from_time.year, cl.from_time.month)
                                              : get(later->time.year - 1, later->time.part);
    out.earlier.push_back(&earlier);
    out.later.push_back(later);
    out.earlier_label = detail::rolling_words(earlier.time.year, earlier.time.part);
    out.later_label = detail::rolling_words(later->time.year, later->time.part);
    if (cl.kind == claim_kind::points) {
        if (t.integral) {
            return tally::check(tally::share<std::int64_t>{earlier.value.integer, earlier.whole.integer},
                                tally::share<std::int64_t>{later->value.integer, later->whole.integer}, cl, options);
        }
        return tally::check(tally::share<double>{earlier.value.real, earlier.whole.real},
                            tally::share<double>{later->value.real, later->whole.real}, cl, options);
    }
    if (t.integral) return tally::check(tally::change<std::int64_t>{earlier.value.integer, later->value.integer}, cl, options);
    return tally::check(tally::change<double>{earlier.value.real, later->value.real}, cl, options);
}

/// Checks a share ("11% of", "3,949 (11%)") or percentage-point sentence
/// against the part and whole of calendar rows of years.
[[nodiscard]] inline tally::verdict check_shares(const table& t, const tally::claim& cl, std::string_view text,
                                                 const tally::claim_options& options, result& out) {
    using tally::claim_kind;
    const std::string q = detail::quoted(text);
    if (cl.kind != claim_kind::share && cl.kind != claim_kind::points && cl.kind != claim_kind::percent_change) {
        throw refusal(q + " is not about a share, and --part and --whole give shares; name a column of values with --value instead.");
    }
    if (!t.cal || *t.cal != calendar::year) {
        throw refusal(q + " is about shares, which tally-check checks against a table of years or 12-month totals; this table's times are " +
                      std::string(t.cal ? calendar_plural(*t.cal) : "none") + ".");
    }
    const auto get = [&](int year) -> const row& {
        const row* r = detail::find_row(t.rows, time_point{calendar::year, year, 0, 0});
        if (r == nullptr) {
            throw refusal(q + " needs " + std::to_string(year) + ", and the table has no row for it (its years run from " +
                          std::string(t.rows.front().time_text) + " to " + std::string(t.rows.back().time_text) + ").");
        }
        return *r;
    };
    if (cl.kind == claim_kind::points) {
        const row* later = nullptr;
        if (cl.since && cl.from_time.named()) {
            later = &t.rows.back();
        } else if (cl.to_time.named()) {
            later = &get(cl.to_time.year);
        } else {
            throw refusal(q + " names no year; name one (\"in 2019\", \"between 2015 and 2018\").");
        }
        const row& earlier = cl.from_time.named() ? get(cl.from_time.year) : get(later->time.year - 1);
        out.earlier.push_back(&earlier);
        out.later.push_back(later);
        out.earlier_label = std::string(earlier.time_text);
        out.later_label = std::string(later->time_text);
        if (t.integral) {
            return tally::check(tally::share<std::int64_t>{earlier.value.integer, earlier.whole.integer},
                                tally::share<std::int64_t>{later->value.integer, later->whole.integer}, cl, options);
        }
        return tally::check(tally::share<double>{earlier.value.real, earlier.whole.real},
                            tally::share<double>{later->value.real, later->whole.real}, cl, options);
    }
    if (cl.from_time.named()) {
        throw refusal(q + " names two times, and a share is checked at one; name only the year of the share.");
    }
    const row* r = nullptr;
    if (cl.to_time.named()) {
        r = &get(cl.to_time.year);
    } else if (t.rows.size() == 1) {
        r = &t.rows.front();
    } else {
        throw refusal(q + " names no year, and the table has " + std::to_string(t.rows.size()) + " rows; name one (\"in 2019\").");
    }
    out.later.push_back(r);
    out.later_label = std::string(r->time_text);
    if (t.integral) return tally::check(tally::share<std::int64_t>{r->value.integer, r->whole.integer}, cl, options);
    return tally::check(tally::share<double>{r->value.real, r->whole.real}, cl, options);
}

/// Checks one sentence against the table. Never throws for the sentence:
/// a sentence that cannot be checked is a result with status refused.
[[nodiscard]] inline result check_sentence(const table& t, const std::string& text, const tally::claim_options& options) {
    result out;
    out.sentence = text;
    try {
        const tally::claim cl = tally::parse_claim(text);
        const bool names_rolling = cl.to_time.month != 0 || cl.from_time.month != 0;
        tally::verdict v{};
        if (names_rolling && (!t.rolling.empty() || !t.cal || *t.cal != calendar::month)) {
            v = check_rolling(t, cl, text, options, out);
        } else if (t.shares) {
            v = check_shares(t, cl, text, options, out);
        } else if (!t.cal) {
            throw refusal(detail::quoted(text) +
                          " names no 12 months to a month, and the table's rows are all 12-month totals (" +
                          std::string(t.rolling.front().time_text) + " to " + std::string(t.rolling.back().time_text) +
                          "); name one in the sentence (\"in the 12 months to " +
                          std::string(month_name(t.rolling.back().time.part)) + " " +
                          std::to_string(t.rolling.back().time.year) + "\").");
        } else {
            const calendar cal = *t.cal;
            const auto run = [&](const auto& series) { return check_series(series, text, options, cal); };
            const auto dispatch = [&]<class V>() {
                switch (cal) {
                case calendar::year: return run(detail::make_series<int, V>(t, [](const time_point& x) { return x.as_year(); }));
                case calendar::quarter:
                    return run(detail::make_series<tally::year_quarter, V>(t, [](const time_point& x) { return x.as_quarter(); }));
                case calendar::month:
                    return run(detail::make_series<std::chrono::year_month, V>(t, [](const time_point& x) { return x.as_month(); }));
                case calendar::fiscal:
                    return run(detail::make_series<tally::uk_fiscal_year, V>(t, [](const time_point& x) { return x.as_fiscal(); }));
                case calendar::day:
                case calendar::rolling: break;
                }
                return run(detail::make_series<std::chrono::year_month_day, V>(t, [](const time_point& x) { return x.as_day(); }));
            };
            try {
                v = t.integral ? dispatch.template operator()<std::int64_t>() : dispatch.template operator()<double>();
            } catch (const tally::missing_observation& e) {
                std::string why = e.what();
                if (!t.rolling.empty()) {
                    why += " The table also has 12-month totals (" + std::string(t.rolling.front().time_text) + " to " +
                           std::string(t.rolling.back().time_text) + "); to check against them, name one in the sentence (\"the 12 months to " +
                           std::string(month_name(t.rolling.back().time.part)) + " " +
                           std::to_string(t.rolling.back().time.year) + "\").";
                }
                throw refusal(why);
            }
            rows_used_by_series(t, cl, out);
            // the rows listed must be the values the verdict used, or none are listed
            const bool change_like = v.is_change();
            const bool consistent = change_like ? (!out.earlier.empty() && !out.later.empty() &&
                                                   detail::row_sum(out.earlier) == v.from() && detail::row_sum(out.later) == v.to())
                                                : (!out.later.empty() && detail::row_sum(out.later) == v.to());
            if (!consistent) {
                out.earlier.clear();
                out.later.clear();
            }
        }
        out.verdict = v;
        out.explanation = v.explain(out.later_label);
        switch (v.outcome()) {
        case tally::outcome::holds: out.outcome = status::holds; break;
        case tally::outcome::does_not_hold: out.outcome = status::does_not_hold; break;
        case tally::outcome::undefined: out.outcome = status::undefined; break;
        case tally::outcome::ambiguous: out.outcome = status::ambiguous; break;
        }
    } catch (const refusal& e) {
        out.outcome = status::refused;
        out.message = e.what();
    } catch (const tally::error& e) {
        out.outcome = status::refused;
        out.message = e.what();
    }
    return out;
}

} // namespace tally_check
