#pragma once
// tally/chart.hpp: bar charts of a series — as text, for a terminal or a
// plain-text report, and as SVG, for a web page. No dependencies.
//
//   tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527},
//                                         {2018, 594}, {2019, 387}};
//   std::cout << tally::text_bar_chart(removals, {.width = 20});
//
//   2015 |#####                153
//   2016 |################     462  rise
//   2017 |##################   527  rise
//   2018 |#################### 594  rise
//   2019 |#############        387  fall
//
//   std::ofstream("removals.svg") << tally::svg_bar_chart(removals,
//       {.title = "Accounts removed", .x_label = "Year", .y_label = "Accounts"});
//
// Both charts draw bars from zero, so a bar's length is proportional to its
// value: the longest bar is the greatest value, and each other bar is its
// value's share of that, rounded to the nearest character (text) or drawn
// to a hundredth of a pixel (SVG). Values are labeled in full, with commas
// between thousands. Each bar after the first is marked as a rise, a fall
// or no change against the latest earlier observation that has a value;
// where that is not the period just before, the mark names it ("rise on
// 2015"), so a gap in the series is never read as a change on the year
// before.
//
// A NaN value is no observation: it gets no bar and the label "no value".
// A value below zero or infinite cannot be drawn as a bar from zero, and an
// empty series has nothing to draw; each throws invalid_argument, naming
// the value and its time.
//
// See docs/formatting.md.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "change.hpp"
#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "detail/utf8.hpp"
#include "error.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// How text_bar_chart draws.
struct text_chart_options {
    std::size_t width = 40;  ///< characters in the longest bar, 1..1000
    char bar = '#';          ///< the character a bar is drawn with (printable ASCII)
    int decimals = 1;        ///< decimals of floating values, 0..17; integers are written in full
    bool mark_changes = true;  ///< "rise", "fall", "no change" after each bar but the first
    std::string title{};     ///< a first line, when not empty
};

/// How svg_bar_chart draws. Text is UTF-8; it is escaped for XML.
struct svg_chart_options {
    std::string title{};      ///< above the chart, and the SVG's <title>
    std::string x_label{};    ///< under the time labels ("Year")
    std::string y_label{};    ///< beside the bars, rotated ("Accounts removed")
    int width = 640;          ///< pixels, 200..10000
    int height = 360;         ///< pixels, 150..10000
    int decimals = 1;         ///< decimals of floating values, 0..17; integers are written in full
    std::string bar_color = "#4477aa";  ///< "#rgb", "#rrggbb" or a color name of letters only
};

/// A bar chart of the series as text, one line per observation: the time,
/// a bar, the value, and (with mark_changes) the change against the latest
/// earlier observation with a value. Lines end in '\n' and have no trailing
/// spaces. O(n).
/// Throws invalid_argument:
///   "a bar chart needs at least one observation; the series is empty."
///   "a bar chart draws bars from zero, so it needs values of 0 or more; the value at 2019 is -3."
///   "a bar chart needs finite values; the value at 2019 is inf."
///   "a text bar chart's width must be 1..1000 characters; it is 0."
///   "a bar chart's decimals must be 0..17; they are 18."
///   "a text bar chart's bar character must be printable ASCII; it is code 10."
template <period Time, arithmetic Value>
[[nodiscard]] std::string text_bar_chart(const time_series<Time, Value>& series, const text_chart_options& options = {});

/// A bar chart of the series as a standalone SVG document: a title, one
/// bar per observation labeled with its value and time, axis labels, and
/// a tooltip per bar naming its change. Bars carry the classes "bar" and
/// one of "first", "rise", "fall", "no-change", "no-value". O(n).
/// Throws invalid_argument as text_bar_chart does for the series and
/// decimals, and:
///   "an SVG chart's width must be 200..10000 pixels; it is 50."
///   "an SVG chart's height must be 150..10000 pixels; it is 50."
///   "the bar color \"red;x\" is not #rgb, #rrggbb or a color name."
///   "the chart's title holds the control character with code 1, which XML cannot hold."
template <period Time, arithmetic Value>
[[nodiscard]] std::string svg_bar_chart(const time_series<Time, Value>& series, const svg_chart_options& options = {});

/// Text escaped for XML character data and attribute values: & < > " '
/// become entities. Throws invalid_argument when the text holds a control
/// character XML 1.0 cannot hold (codes 0..31 but tab, line feed and
/// carriage return), naming `what` ("the chart's title") and the code, or
/// bytes that are not UTF-8: "the chart's title is not valid UTF-8: the
/// byte \xFF at offset 5 does not start or continue a character, and an
/// SVG document must be UTF-8."
[[nodiscard]] std::string xml_escape(std::string_view text, std::string_view what = "the text");

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// One bar: its time's text, its value's label, its value as a fraction of
/// the greatest (nothing for a NaN value), and its change mark.
struct chart_row {
    std::string time;
    std::string label;
    std::optional<long double> share;
    std::string mark;       ///< "rise", "fall", "no change", "rise on 2015"; empty for the first
    std::string css_class;  ///< "first", "rise", "fall", "no-change", "no-value"
    std::size_t text_length = 0;  ///< for text charts: the bar's length in characters
};

/// A value labeled in full, with commas between thousands; floating
/// values with `decimals` decimals.
template <arithmetic Value>
[[nodiscard]] std::string chart_label(Value v, int decimals) {
    std::string text;
    if constexpr (std::floating_point<Value>) {
        text = fixed_text(v, decimals);
    } else {
        text = integer_text(v);
    }
    if (text.find_first_of("eE") != std::string::npos) return text;
    return group_thousands(text);
}

inline void check_decimals(int decimals) {
    if (decimals < 0 || decimals > 17) {
        throw invalid_argument(detail::concat("a bar chart's decimals must be 0..17; they are ",
                                              integer_text(decimals), "."));
    }
}

/// round(v / max * width) for 0 <= v <= max, max > 0, half away from zero;
/// exact for integer values.
template <arithmetic Value>
[[nodiscard]] std::size_t bar_length(Value v, Value max, std::size_t width) {
    if constexpr (std::integral<Value>) {
        const auto num = static_cast<int128>(v) * static_cast<int128>(width) * 2 + static_cast<int128>(max);
        return static_cast<std::size_t>(num / (static_cast<int128>(max) * 2));
    } else {
        const long double scaled =
            static_cast<long double>(v) / static_cast<long double>(max) * static_cast<long double>(width);
        return static_cast<std::size_t>(std::floor(scaled + 0.5L));
    }
}

/// The rows of a chart of `series`, checked: not empty, values finite and
/// not below zero. `width` > 0 also sets each row's text_length.
template <period Time, arithmetic Value>
[[nodiscard]] std::vector<chart_row> chart_rows(const time_series<Time, Value>& series, int decimals,
                                                std::size_t width) {
    if (series.empty()) throw invalid_argument("a bar chart needs at least one observation; the series is empty.");
    check_decimals(decimals);
    const auto times = series.times();
    const auto values = series.values();
    std::optional<Value> max;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const Value v = values[i];
        if (is_nan(v)) continue;
        if (is_infinite(v)) {
            throw invalid_argument(detail::concat("a bar chart needs finite values; the value at ",
                                                  time_text(times[i]), " is ", value_text(v), "."));
        }
        if (v < Value(0)) {
            throw invalid_argument(detail::concat("a bar chart draws bars from zero, so it needs values of 0 or more; ",
                                                  "the value at ", time_text(times[i]), " is ", value_text(v), "."));
        }
        if (!max || v > *max) max = v;
    }

    std::vector<chart_row> rows;
    rows.reserve(series.size());
    std::optional<std::size_t> previous;  // the latest earlier row with a value
    for (std::size_t i = 0; i < values.size(); ++i) {
        chart_row row;
        row.time = time_text(times[i]);
        const Value v = values[i];
        if (is_nan(v)) {
            row.label = "no value";
            row.css_class = "no-value";
            rows.push_back(std::move(row));
            continue;
        }
        row.label = chart_label(v, decimals);
        if (*max > Value(0)) {
            row.share = static_cast<long double>(v) / static_cast<long double>(*max);
            if (width > 0) row.text_length = bar_length(v, *max, width);
        } else {
            row.share = 0.0L;
        }
        if (!previous) {
            row.css_class = "first";
        } else {
            const Value before = values[*previous];
            const auto dir = change<Value>(before, v).direction();
            row.mark = dir == direction::rise ? "rise" : dir == direction::fall ? "fall" : "no change";
            row.css_class = dir == direction::rise ? "rise" : dir == direction::fall ? "fall" : "no-change";
            if (periods_between(times[*previous], times[i]) != 1) row.mark += " on " + time_text(times[*previous]);
        }
        previous = i;
        rows.push_back(std::move(row));
    }
    return rows;
}

/// A length for SVG: at most two decimals, trailing zeros dropped.
[[nodiscard]] inline std::string svg_number(long double v) {
    std::string text = trimmed_text(v, 2);
    return text == "-0" ? "0" : text;
}

[[nodiscard]] inline bool is_color(std::string_view c) {
    const auto hex = [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    };
    if (!c.empty() && c[0] == '#') {
        if (c.size() != 4 && c.size() != 7) return false;
        for (std::size_t i = 1; i < c.size(); ++i) {
            if (!hex(c[i])) return false;
        }
        return true;
    }
    if (c.empty() || c.size() > 30) return false;
    for (char ch : c) {
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))) return false;
    }
    return true;
}

} // namespace detail

inline std::string xml_escape(std::string_view text, std::string_view what) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const auto code = static_cast<unsigned char>(c);
        if (code >= 0x80) {
            // a character beyond ASCII, kept whole where it is well-formed UTF-8
            const std::size_t n = detail::utf8_sequence(text, i);
            if (n == 0) {
                throw invalid_argument(detail::concat(what, " is not valid UTF-8: the byte ", detail::byte_text(code),
                                                      " at offset ", detail::integer_text(i),
                                                      " does not start or continue a character, and an SVG document "
                                                      "must be UTF-8."));
            }
            out.append(text.substr(i, n));
            i += n - 1;
            continue;
        }
        if (code < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            throw invalid_argument(detail::concat(what, " holds the control character with code ",
                                                  detail::integer_text(static_cast<int>(code)),
                                                  ", which XML cannot hold."));
        }
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        default: out += c;
        }
    }
    return out;
}

template <period Time, arithmetic Value>
std::string text_bar_chart(const time_series<Time, Value>& series, const text_chart_options& options) {
    if (options.width < 1 || options.width > 1000) {
        throw invalid_argument(detail::concat("a text bar chart's width must be 1..1000 characters; it is ",
                                              detail::integer_text(options.width), "."));
    }
    const auto bar_code = static_cast<unsigned char>(options.bar);
    if (bar_code <= 0x20 || bar_code >= 0x7f) {
        throw invalid_argument(detail::concat("a text bar chart's bar character must be printable ASCII; it is code ",
                                              detail::integer_text(static_cast<int>(bar_code)), "."));
    }
    const auto rows = detail::chart_rows(series, options.decimals, options.width);
    std::size_t time_width = 0;
    std::size_t label_width = 0;
    for (const auto& row : rows) {
        time_width = std::max(time_width, row.time.size());
        label_width = std::max(label_width, row.label.size());
    }
    std::string out;
    if (!options.title.empty()) out += options.title + "\n";
    for (const auto& row : rows) {
        out += detail::concat(row.time, std::string(time_width - row.time.size(), ' '), " |");
        out += detail::concat(std::string(row.text_length, options.bar),
                              std::string(options.width - row.text_length, ' '));
        out += detail::concat(" ", std::string(label_width - row.label.size(), ' '), row.label);
        if (options.mark_changes && !row.mark.empty()) out += "  " + row.mark;
        out += "\n";
    }
    return out;
}

template <period Time, arithmetic Value>
std::string svg_bar_chart(const time_series<Time, Value>& series, const svg_chart_options& options) {
    if (options.width < 200 || options.width > 10000) {
        throw invalid_argument(detail::concat("an SVG chart's width must be 200..10000 pixels; it is ",
                                              detail::integer_text(options.width), "."));
    }
    if (options.height < 150 || options.height > 10000) {
        throw invalid_argument(detail::concat("an SVG chart's height must be 150..10000 pixels; it is ",
                                              detail::integer_text(options.height), "."));
    }
    if (!detail::is_color(options.bar_color)) {
        throw invalid_argument(detail::concat("the bar color ", detail::quote(options.bar_color),
                                              " is not #rgb, #rrggbb or a color name."));
    }
    const std::string title = xml_escape(options.title, "the chart's title");
    const std::string x_label = xml_escape(options.x_label, "the chart's x label");
    const std::string y_label = xml_escape(options.y_label, "the chart's y label");
    const auto rows = detail::chart_rows(series, options.decimals, 0);

    using detail::svg_number;
    const long double width = options.width;
    const long double height = options.height;
    const long double top = title.empty() ? 12.0L : 40.0L;
    const long double label_room = 18.0L;  // above the tallest bar, for its value
    const long double bottom = x_label.empty() ? 28.0L : 50.0L;
    const long double left = y_label.empty() ? 16.0L : 40.0L;
    const long double right = 16.0L;
    const long double plot_width = width - left - right;
    const long double plot_height = height - top - label_room - bottom;
    const long double baseline = top + label_room + plot_height;
    const long double slot = plot_width / static_cast<long double>(rows.size());

    std::string out;
    out += detail::concat("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"", svg_number(width), "\" height=\"",
                          svg_number(height), "\" viewBox=\"0 0 ", svg_number(width), " ", svg_number(height),
                          "\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
    out += detail::concat("<title>", (title.empty() ? std::string("Bar chart") : title), "</title>\n");
    out += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n";
    if (!title.empty()) {
        out += detail::concat("<text class=\"title\" x=\"", svg_number(width / 2),
                              "\" y=\"24\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">", title,
                              "</text>\n");
    }
    out += detail::concat("<g class=\"bars\" fill=\"", options.bar_color, "\">\n");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        if (!row.share) continue;
        const long double bar_height = *row.share * plot_height;
        const long double x = left + static_cast<long double>(i) * slot + slot * 0.15L;
        out += detail::concat("<rect class=\"bar ", row.css_class, "\" x=\"", svg_number(x), "\" y=\"",
                              svg_number(baseline - bar_height), "\" width=\"", svg_number(slot * 0.7L),
                              "\" height=\"", svg_number(bar_height), "\"><title>", xml_escape(row.time), ": ",
                              row.label,
                              (row.mark.empty() ? std::string() : detail::concat(" (", xml_escape(row.mark), ")")),
                              "</title></rect>\n");
    }
    out += "</g>\n";
    out += "<g class=\"values\" text-anchor=\"middle\">\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const long double center = left + (static_cast<long double>(i) + 0.5L) * slot;
        const long double bar_top = baseline - (row.share ? *row.share * plot_height : 0.0L);
        out += detail::concat("<text x=\"", svg_number(center), "\" y=\"", svg_number(bar_top - 4), "\">", row.label,
                              "</text>\n");
    }
    out += "</g>\n";
    out += "<g class=\"times\" text-anchor=\"middle\">\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const long double center = left + (static_cast<long double>(i) + 0.5L) * slot;
        out += detail::concat("<text x=\"", svg_number(center), "\" y=\"", svg_number(baseline + 16), "\">",
                              xml_escape(rows[i].time), "</text>\n");
    }
    out += "</g>\n";
    out += detail::concat("<line class=\"axis\" x1=\"", svg_number(left), "\" y1=\"", svg_number(baseline),
                          "\" x2=\"", svg_number(width - right), "\" y2=\"", svg_number(baseline),
                          "\" stroke=\"#333333\"/>\n");
    if (!x_label.empty()) {
        out += detail::concat("<text class=\"x-label\" x=\"", svg_number(left + plot_width / 2), "\" y=\"",
                              svg_number(height - 10), "\" text-anchor=\"middle\">", x_label, "</text>\n");
    }
    if (!y_label.empty()) {
        const long double y = top + label_room + plot_height / 2;
        out += detail::concat("<text class=\"y-label\" x=\"16\" y=\"", svg_number(y), "\" transform=\"rotate(-90 16 ",
                              svg_number(y), ")\" text-anchor=\"middle\">", y_label, "</text>\n");
    }
    out += "</svg>\n";
    return out;
}

} // namespace tally
