#pragma once
// tally-check: a checked sentence as text for a reader, or as one JSON object.

#include <tally/tally.hpp>

#include <nlohmann/json.hpp>

#include "checker.hpp"
#include "table.hpp"

#include <cmath>
#include <cstdlib>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace tally_check {

namespace detail {

/// x with `decimals` decimals (trailing zeros kept), thousands grouped: "10,398", "105.8".
[[nodiscard]] inline std::string fixed_text(double x, int decimals) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, x);
    std::string s = buffer;
    const std::size_t sign = (s[0] == '-') ? 1 : 0;
    std::size_t point = s.find('.');
    if (point == std::string::npos) point = s.size();
    std::string out = s.substr(0, sign);
    const std::string whole = s.substr(sign, point - sign);
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i != 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    out += s.substr(point);
    if (out == "-0" || (out.starts_with("-0.") && out.find_first_not_of("-0.") == std::string::npos)) out.erase(0, 1);
    return out;
}

/// The unit a claim's figure is in, and how many decimals it is shown with.
struct unit {
    std::string_view suffix;  ///< "%", " times", " percentage points", ""
    int decimals = 0;
    bool sign = false;        ///< shown with + for a rise
};

[[nodiscard]] inline unit unit_of(const tally::verdict& v) {
    using tally::claim_kind;
    switch (v.claim().kind) {
    case claim_kind::percent_change: return v.is_change() ? unit{"%", 1, true} : unit{"%", 1, false};
    case claim_kind::share: return {"%", 1, false};
    case claim_kind::multiple: return {" times", 2, false};
    case claim_kind::points: return {" percentage points", 1, true};
    case claim_kind::direction:
    case claim_kind::difference: return {"", v.exact() ? 0 : 2, true};
    case claim_kind::value:
    case claim_kind::magnitude:
    case claim_kind::total: return {"", v.exact() ? 0 : 2, false};
    }
    return {"", 2, false};
}

/// An end of an interval: its natural decimals (up to 6), trailing zeros trimmed.
[[nodiscard]] inline std::string end_text(double x, std::string_view suffix) {
    std::string s = fixed_text(x, 6);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s + std::string(suffix);
}

/// A figure in its unit, with as many decimals (up to 6 more) as it takes not
/// to print the same as an end of `allowed` it does not sit on.
[[nodiscard]] inline std::string figure_text(double x, const unit& u, const tally::interval& allowed) {
    if (std::isnan(x)) return "none";
    // at least as many decimals as the ends of the interval: "3.67%" against 3.65%..3.75%
    int decimals = u.decimals;
    for (double end : {allowed.lower, allowed.upper}) {
        if (!std::isfinite(end)) continue;
        const std::string e = end_text(end, "");
        if (const auto point = e.find('.'); point != std::string::npos) {
            decimals = std::max(decimals, static_cast<int>(e.size() - point - 1));
        }
    }
    const auto text = [&](double y, int d) {
        std::string s = fixed_text(y, d);
        if (u.sign && y > 0 && s.find_first_not_of("0.,") != std::string::npos) s.insert(0, "+");
        return s;
    };
    for (int extra = 0; extra < 6; ++extra) {
        bool clash = false;
        for (double end : {allowed.lower, allowed.upper}) {
            if (std::isfinite(end) && end != x && end_text(end, "") == fixed_text(x, decimals)) clash = true;
        }
        if (!clash) break;
        ++decimals;
    }
    std::string shown = text(x, decimals);
    // "10.0%" is "10%" when the figure is exactly that; "109.50" for 109.4999 stays
    if (shown.find('.') != std::string::npos) {
        std::string trimmed = shown;
        while (trimmed.back() == '0') trimmed.pop_back();
        if (trimmed.back() == '.') trimmed.pop_back();
        std::string digits;
        for (char c : trimmed) {
            if (c != ',' && c != '+') digits += c;
        }
        if (std::strtod(digits.c_str(), nullptr) == x) shown = trimmed;
    }
    return shown + std::string(u.suffix);
}

/// An interval in words: "109.5%..110.5%", "more than 2 times", "at least 6,849 and less than 6,949".
[[nodiscard]] inline std::string interval_text(const tally::interval& i, std::string_view suffix) {
    const bool lo = !i.lower_unbounded();
    const bool hi = !i.upper_unbounded();
    if (!lo && !hi) return "any value";
    if (!lo) return (i.upper_inclusive ? "at most " : "less than ") + end_text(i.upper, suffix);
    if (!hi) return (i.lower_inclusive ? "at least " : "more than ") + end_text(i.lower, suffix);
    if (i.lower_inclusive && i.upper_inclusive) {
        if (i.lower == i.upper) return end_text(i.lower, suffix);
        // "109.5%..110.5%", "1.5..2.5 times"
        return end_text(i.lower, suffix == "%" ? suffix : "") + ".." + end_text(i.upper, suffix);
    }
    return std::string(i.lower_inclusive ? "at least " : "more than ") + end_text(i.lower, suffix) + " and " +
           (i.upper_inclusive ? "at most " : "less than ") + end_text(i.upper, suffix);
}

/// A value as the table has it: "4,963", "28.6".
[[nodiscard]] inline std::string value_text(double x, bool exact) {
    return exact ? fixed_text(x, 0) : end_text(x, "");
}

/// The time label of a group of rows: "2015", "2015..2018".
[[nodiscard]] inline std::string rows_label(const std::vector<const row*>& rows) {
    if (rows.empty()) return "";
    if (rows.size() == 1) return std::string(rows.front()->time_text);
    return std::string(rows.front()->time_text) + ".." + std::string(rows.back()->time_text);
}

[[nodiscard]] inline std::string times_label(const result& r) {
    const std::string a = !r.earlier.empty() ? rows_label(r.earlier) : r.earlier_label;
    const std::string b = !r.later.empty() ? rows_label(r.later) : r.later_label;
    if (a.empty()) return b;
    return a + " -> " + b;
}

/// A number for JSON: null when not finite; an integer when `whole` and it is one.
[[nodiscard]] inline nlohmann::ordered_json number_json(double x, bool whole = false) {
    if (!std::isfinite(x)) return nullptr;
    if (whole && x == std::floor(x) && std::fabs(x) < 0x1p63) return static_cast<std::int64_t>(x);
    return x;
}

/// An interval for JSON; its unbounded ends are null. `whole`: integer ends.
[[nodiscard]] inline nlohmann::ordered_json interval_json(const tally::interval& i, bool whole = false) {
    nlohmann::ordered_json j;
    j["lower"] = i.lower_unbounded() ? nlohmann::ordered_json(nullptr) : number_json(i.lower, whole);
    j["upper"] = i.upper_unbounded() ? nlohmann::ordered_json(nullptr) : number_json(i.upper, whole);
    j["lower_inclusive"] = i.lower_inclusive;
    j["upper_inclusive"] = i.upper_inclusive;
    return j;
}


[[nodiscard]] inline nlohmann::ordered_json rows_json(const table& t, const std::vector<const row*>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const row* r : rows) {
        nlohmann::ordered_json j;
        j["line"] = r->line;
        j["time"] = r->time_text;
        if (t.shares) {
            j["part"] = r->value.integral ? nlohmann::ordered_json(r->value.integer) : nlohmann::ordered_json(r->value.real);
            j["whole"] = r->whole.integral ? nlohmann::ordered_json(r->whole.integer) : nlohmann::ordered_json(r->whole.real);
        } else {
            j["value"] = r->value.integral ? nlohmann::ordered_json(r->value.integer) : nlohmann::ordered_json(r->value.real);
        }
        if (!t.source_name.empty()) j["source"] = r->source;
        out.push_back(std::move(j));
    }
    return out;
}

} // namespace detail

/// The figure of a checked sentence in its unit ("+105.8%"), or "none".
[[nodiscard]] inline std::string figure_of(const result& r) {
    if (!r.verdict) return "none";
    return detail::figure_text(r.verdict->figure(), detail::unit_of(*r.verdict), r.verdict->allowed());
}

/// The text block for one sentence.
[[nodiscard]] inline std::string text_report(const table& t, const std::string& selection, const result& r) {
    std::string out;
    out += "Sentence: \"" + r.sentence + "\"\n";
    out += "Verdict:  " + std::string(status_text(r.outcome)) + "\n";
    if (!r.verdict) {
        out += "Why:      " + r.message + "\n";
        return out;
    }
    const tally::verdict& v = *r.verdict;
    const detail::unit u = detail::unit_of(v);
    out += "Why:      " + r.explanation + "\n";
    out += "Figure:   " + figure_of(r) + "; the wording allows " + detail::interval_text(v.allowed(), u.suffix) + "\n";
    if (v.readings().size() > 1) {
        for (const tally::claim_reading& reading : v.readings()) {
            out += "Reading:  " + reading.multiple.text() + " times as high: " + std::string(status_text(
                reading.outcome == tally::outcome::holds ? status::holds : reading.outcome == tally::outcome::does_not_hold ? status::does_not_hold : status::undefined)) +
                   " (allows " + detail::interval_text(reading.allowed, " times") + ")\n";
        }
    }
    const std::string later_name = !r.later_label.empty() ? r.later_label : detail::rows_label(r.later);
    const std::string earlier_name = !r.earlier_label.empty() ? r.earlier_label : detail::rows_label(r.earlier);
    if (v.is_change()) {
        // "10,398..10,447 in 2018 (given 4,963 in 2015)"
        const auto in = [&r](const std::string& name) {
            return name.empty() ? std::string() : (r.rolling ? " in the " : " in ") + name;
        };
        const auto given = [&](long double x, const std::string& name) {
            return " (given " + detail::value_text(static_cast<double>(x), v.exact()) + in(name) + ")";
        };
        std::vector<std::string> implied;
        if (const auto i = v.implied()) {
            implied.push_back(detail::interval_text(*i, "") + in(later_name) + given(v.from(), earlier_name));
        }
        if (const auto i = v.implied_from()) {
            implied.push_back(detail::interval_text(*i, "") + in(earlier_name) + given(v.to(), later_name));
        }
        if (!implied.empty()) {
            out += "Implied:  it would hold";
            if (v.readings().size() > 1) out += " (as " + v.readings().front().multiple.text() + " times as high)";
            out += " for ";
            for (std::size_t i = 0; i < implied.size(); ++i) {
                if (i != 0) out += ", or ";
                out += implied[i];
            }
            out += "\n";
        }
    } else if (t.shares) {
        if (const auto i = v.implied()) {
            out += "Implied:  it would hold for a part of " + detail::interval_text(*i, "") + " (given the whole, " +
                   detail::value_text(static_cast<double>(v.from()), v.exact()) + ")\n";
        }
    }
    out += "Rows:     " + selection + (r.rolling ? ", 12-month totals" : "") + "\n";
    std::vector<const row*> rows = r.earlier;
    rows.insert(rows.end(), r.later.begin(), r.later.end());
    if (rows.empty()) {
        out += "  (the rows could not be listed)\n";
        return out;
    }
    const auto shown_value = [&t](const row& x) {
        std::string s(x.value_text);
        if (t.shares) {
            s += " of ";
            s += x.whole_text;
        }
        return s;
    };
    std::size_t w_line = 0, w_time = 0, w_value = 0;
    for (const row* x : rows) {
        w_line = std::max(w_line, std::to_string(x->line).size());
        w_time = std::max(w_time, x->time_text.size());
        w_value = std::max(w_value, shown_value(*x).size());
    }
    for (const row* x : rows) {
        std::string line = "  line " + std::to_string(x->line);
        line.append(w_line - std::to_string(x->line).size() + 2, ' ');
        line += std::string(x->time_text);
        line.append(w_time - x->time_text.size() + 2, ' ');
        const std::string value = shown_value(*x);
        line.append(w_value - value.size(), ' ');
        line += value;
        if (!x->source.empty()) line += "  " + std::string(x->source);
        out += line + "\n";
    }
    return out;
}

/// The summary table after several sentences.
[[nodiscard]] inline std::string text_summary(const std::vector<result>& results) {
    std::size_t counts[5] = {0, 0, 0, 0, 0};
    for (const result& r : results) ++counts[static_cast<std::size_t>(r.outcome)];
    std::string out = "Summary: " + std::to_string(results.size()) + " sentences";
    const char* names[5] = {"hold", "do not hold", "undefined", "ambiguous", "refused"};
    const char* singular[5] = {"holds", "does not hold", "undefined", "ambiguous", "refused"};
    bool first = true;
    for (std::size_t i = 0; i < 5; ++i) {
        if (counts[i] == 0) continue;
        out += first ? ": " : ", ";
        first = false;
        out += std::to_string(counts[i]) + " " + (counts[i] == 1 ? singular[i] : names[i]);
    }
    out += "\n";
    std::vector<std::string> figures, times;
    std::size_t w_figure = std::string_view("figure").size(), w_times = std::string_view("times").size();
    const std::size_t w_number = std::to_string(results.size()).size();
    for (const result& r : results) {
        figures.push_back(r.verdict ? figure_of(r) : "-");
        times.push_back(r.verdict ? detail::times_label(r) : "-");
        w_figure = std::max(w_figure, figures.back().size());
        w_times = std::max(w_times, times.back().size());
    }
    const auto pad = [](std::string s, std::size_t w) {
        s.append(w > s.size() ? w - s.size() : 0, ' ');
        return s;
    };
    out += pad("#", w_number) + "  " + pad("verdict", 13) + "  " + pad("figure", w_figure) + "  " + pad("times", w_times) + "  sentence\n";
    for (std::size_t i = 0; i < results.size(); ++i) {
        std::string n = std::to_string(i + 1);
        out += std::string(w_number - n.size(), ' ') + n + "  " + pad(std::string(status_text(results[i].outcome)), 13) + "  " +
               pad(figures[i], w_figure) + "  " + pad(times[i], w_times) + "  \"" + results[i].sentence + "\"\n";
    }
    return out;
}

/// One JSON object for one sentence.
[[nodiscard]] inline nlohmann::ordered_json json_report(const table& t, const nlohmann::ordered_json& selection, const result& r) {
    nlohmann::ordered_json j;
    j["sentence"] = r.sentence;
    j["verdict"] = status_text(r.outcome);
    j["exit_status"] = exit_status(r.outcome);
    j["table"] = selection;
    if (!r.verdict) {
        j["why"] = r.message;
        return j;
    }
    const tally::verdict& v = *r.verdict;
    j["why"] = r.explanation;
    j["claim"] = tally::to_string(v.claim());
    j["figure"] = detail::number_json(v.figure());
    j["figure_text"] = figure_of(r);
    j["allowed"] = detail::interval_json(v.allowed());
    j["on_boundary"] = v.on_boundary();
    j["exact"] = v.exact();
    j["stated_values_match"] = v.stated_values_match();
    const bool whole = v.exact();
    if (v.is_change()) {
        j["from"] = detail::number_json(static_cast<double>(v.from()), whole);
        j["to"] = detail::number_json(static_cast<double>(v.to()), whole);
    } else if (t.shares) {
        j["part"] = detail::number_json(static_cast<double>(v.to()), whole);
        j["whole"] = detail::number_json(static_cast<double>(v.from()), whole);
    } else {
        j["value"] = detail::number_json(static_cast<double>(v.to()), whole);
    }
    j["implied_later"] = v.implied() ? detail::interval_json(*v.implied(), whole) : nlohmann::ordered_json(nullptr);
    j["implied_earlier"] = v.implied_from() ? detail::interval_json(*v.implied_from(), whole) : nlohmann::ordered_json(nullptr);
    if (v.readings().size() > 1) {
        nlohmann::ordered_json readings = nlohmann::ordered_json::array();
        for (const tally::claim_reading& reading : v.readings()) {
            nlohmann::ordered_json x;
            x["times_as_high"] = reading.multiple.text();
            x["holds"] = reading.outcome == tally::outcome::holds;
            x["allowed"] = detail::interval_json(reading.allowed);
            readings.push_back(std::move(x));
        }
        j["readings"] = readings;
    }
    j["times"] = detail::times_label(r);
    j["rolling_12_months"] = r.rolling;
    j["earlier_rows"] = detail::rows_json(t, r.earlier);
    j["later_rows"] = detail::rows_json(t, r.later);
    return j;
}

} // namespace tally_check
