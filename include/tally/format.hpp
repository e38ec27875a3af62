#pragma once
// tally/format.hpp: tally's values as text — operator<< for every value
// type, and std::formatter where the standard library has <format>.
// The {fmt} formatters are in tally/fmt.hpp, included only on request.
//
//   using namespace tally::literals;
//   std::cout << series;                                  // {2015: 153, 2016: 462, 2017: 527}
//   std::cout << 105.83_pct;                              // +105.8%
//
// operator<< for percent, percentage_points and change is in their own
// headers; here for observation, time_series, claim and verdict. The
// format specification shared by {fmt} and std::format:
//
//   [[fill]align][sign][width][,][.precision][f]
//
// See docs/formatting.md.

#include <concepts>
#include <cstddef>
#include <ios>
#include <iterator>
#include <ostream>
#include <string>
#include <version>

#include "change.hpp"
#include "check.hpp"
#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "percent.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

/// Writes "2019: 387": the time as time_text() gives it, then the value.
template <class CharT, class Traits, class Time, class Value>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                              const observation<Time, Value>& o);

/// Writes "{2015: 153, 2016: 462}" ("{}" when empty); a stream set to
/// std::fixed writes floating values with its precision's decimals. O(n).
template <class CharT, class Traits, period Time, arithmetic Value>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                              const time_series<Time, Value>& s);

/// Writes to_string(c): "a rise of 110%".
template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const claim& c);

/// Writes v.explain(): one paragraph that says what was checked and why it
/// holds or not.
template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const verdict& v);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// A parsed format specification (see the header comment).
struct format_spec {
    char fill = ' ';
    char align = '\0';  ///< '<', '>', '^', or '\0' for the type's default
    char sign = '\0';   ///< '+', '-', or '\0' for the type's default
    int width = 0;
    bool group = false;
    int precision = -1;  ///< -1: none given
};

/// What a type's specification may hold: unit (percent, points) everything;
/// number (change, observation, series) all but a sign; text (claim,
/// verdict) only fill, align and width.
enum class spec_kind { unit, number, text };

/// The largest width and precision accepted; larger ones are format errors.
inline constexpr int max_spec_number = 1000;
inline constexpr int max_spec_precision = 100;

/// Parses [[fill]align][sign][width][,][.precision][f] from [it, end) up to
/// the closing '}' and returns the position of that '}' (or end). On a
/// malformed specification, sets `error` to a one-sentence message and
/// returns the position of the offending character.
template <class It>
[[nodiscard]] constexpr It parse_format_spec(It it, It end, format_spec& spec, spec_kind kind, const char*& error) {
    error = nullptr;
    const auto is_align = [](char c) { return c == '<' || c == '>' || c == '^'; };
    const auto at_end = [&] { return it == end || *it == '}'; };
    if (at_end()) return it;

    // [[fill]align]
    It next = it;
    ++next;
    if (next != end && is_align(static_cast<char>(*next))) {
        const char fill = static_cast<char>(*it);
        if (fill == '{' || static_cast<unsigned char>(fill) >= 0x80) {
            error = "the fill of a tally format specification must be one ASCII character other than '{' and '}'.";
            return it;
        }
        spec.fill = fill;
        spec.align = static_cast<char>(*next);
        it = ++next;
    } else if (is_align(static_cast<char>(*it))) {
        spec.align = static_cast<char>(*it);
        ++it;
    }
    if (at_end()) return it;

    // [sign]
    if (*it == '+' || *it == '-') {
        if (kind != spec_kind::unit) {
            error = "a sign in a format specification applies only to percent and percentage_points.";
            return it;
        }
        spec.sign = static_cast<char>(*it);
        ++it;
        if (at_end()) return it;
    }

    const auto read_number = [&](int limit) {
        int n = 0;
        while (it != end && *it >= '0' && *it <= '9') {
            n = n * 10 + (*it - '0');
            if (n > limit) return -1;
            ++it;
        }
        return n;
    };

    // [width]
    if (*it == '{') {
        error = "a tally format specification takes no nested replacement field; write the width and precision as numbers.";
        return it;
    }
    if (*it >= '0' && *it <= '9') {
        if (*it == '0') {
            error = "a tally format specification takes no zero padding; use a fill character, as in \"{:0>8}\".";
            return it;
        }
        spec.width = read_number(max_spec_number);
        if (spec.width < 0) {
            error = "the width in a tally format specification must be at most 1000.";
            return it;
        }
        if (at_end()) return it;
    }

    // [,]
    if (kind == spec_kind::text && (*it == ',' || *it == '.')) {
        error = "a claim or verdict takes only fill, align and width in a format specification.";
        return it;
    }
    if (*it == ',') {
        spec.group = true;
        ++it;
        if (at_end()) return it;
    }

    // [.precision]
    if (*it == '.') {
        ++it;
        if (it == end || *it < '0' || *it > '9') {
            error = "a '.' in a tally format specification must be followed by the number of decimals.";
            return it;
        }
        spec.precision = read_number(max_spec_precision);
        if (spec.precision < 0) {
            error = "the precision in a tally format specification must be at most 100.";
            return it;
        }
        if (at_end()) return it;
    }

    // [f]
    if (*it == 'f') {
        ++it;
        if (at_end()) return it;
    }
    error = "a tally format specification is [[fill]align][sign][width][,][.precision][f], and this one has more.";
    return it;
}

/// A number as text: integers in full; floating values with `decimals`
/// decimals (shortest when decimals < 0); commas between thousands when
/// `group` (a floating value written with an exponent is left as it is).
template <class T>
[[nodiscard]] std::string number_text(T value, bool group, int decimals) {
    std::string text;
    if constexpr (std::floating_point<T>) {
        text = decimals < 0 ? floating_text(value) : fixed_text(value, decimals);
        if (group) text = group_thousands(text);  // leaves exponent notation alone
    } else {
        text = integer_text(value);
        if (group) text = group_thousands(text);
    }
    return text;
}

/// A percent or points value: signed_text with the spec's sign, grouping
/// and decimals, then `unit` ("%", " pp").
template <std::floating_point R>
[[nodiscard]] std::string percent_unit_text(R value, const format_spec& spec, const char* unit) {
    std::string text = spec.precision < 0 ? signed_text(value, 1, true) : signed_text(value, spec.precision, false);
    if (spec.sign == '-' && !text.empty() && text[0] == '+') text.erase(0, 1);
    if (spec.group) text = group_thousands(text);
    return text + unit;
}

/// "594 -> 387 (-207, -34.8%)": the ends, the exact difference with its
/// sign, and the percent (or why there is none).
template <arithmetic T>
[[nodiscard]] std::string change_text(const change<T>& c, const format_spec& spec) {
    std::string text = concat(number_text(c.from(), spec.group, -1), " -> ", number_text(c.to(), spec.group, -1), " (",
                              difference_text(c, spec.group ? +[](const std::string& d) { return group_thousands(d); }
                                                            : +[](const std::string& d) { return d; }));
    if (const auto p = c.try_percent()) {
        format_spec percent_spec;
        percent_spec.precision = spec.precision;
        percent_spec.group = spec.group;
        text += ", " + percent_unit_text(p->value(), percent_spec, "%");
    } else {
        text += concat(", no percent: ", no_percent_text(c));
    }
    return text + ")";
}

template <class Time, class Value>
[[nodiscard]] std::string observation_text(const observation<Time, Value>& o, const format_spec& spec) {
    return time_text(o.time) + ": " + number_text(o.value, spec.group, spec.precision);
}

template <period Time, arithmetic Value>
[[nodiscard]] std::string series_text(const time_series<Time, Value>& s, const format_spec& spec) {
    std::string text = "{";
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i != 0) text += ", ";
        text += observation_text(s[i], spec);
    }
    return text + "}";
}

/// `text` padded with the spec's fill to its width; `default_align` where
/// the spec names none.
[[nodiscard]] inline std::string padded(std::string text, const format_spec& spec, char default_align) {
    const auto width = static_cast<std::size_t>(spec.width);
    if (text.size() >= width) return text;
    const std::size_t pad = width - text.size();
    const char align = spec.align == '\0' ? default_align : spec.align;
    if (align == '<') return text + std::string(pad, spec.fill);
    if (align == '>') return std::string(pad, spec.fill) + text;
    return std::string(pad / 2, spec.fill) + text + std::string(pad - pad / 2, spec.fill);
}

// write_text (one formatted insertion, so width and fill apply) is in percent.hpp.

/// The formatting of one tally type, shared by the {fmt} and std formatters.
template <class T>
struct formatted;

template <std::floating_point R>
struct formatted<percent<R>> {
    static constexpr spec_kind kind = spec_kind::unit;
    static constexpr char align = '>';
    static std::string get(percent<R> p, const format_spec& spec) { return percent_unit_text(p.value(), spec, "%"); }
};
template <std::floating_point R>
struct formatted<percentage_points<R>> {
    static constexpr spec_kind kind = spec_kind::unit;
    static constexpr char align = '>';
    static std::string get(percentage_points<R> p, const format_spec& spec) {
        return percent_unit_text(p.value(), spec, " pp");
    }
};
template <arithmetic T>
struct formatted<change<T>> {
    static constexpr spec_kind kind = spec_kind::number;
    static constexpr char align = '<';
    static std::string get(const change<T>& c, const format_spec& spec) { return change_text(c, spec); }
};
template <class Time, class Value>
struct formatted<observation<Time, Value>> {
    static constexpr spec_kind kind = spec_kind::number;
    static constexpr char align = '<';
    static std::string get(const observation<Time, Value>& o, const format_spec& spec) {
        return observation_text(o, spec);
    }
};
template <period Time, arithmetic Value>
struct formatted<time_series<Time, Value>> {
    static constexpr spec_kind kind = spec_kind::number;
    static constexpr char align = '<';
    static std::string get(const time_series<Time, Value>& s, const format_spec& spec) {
        return series_text(s, spec);
    }
};
template <>
struct formatted<claim> {
    static constexpr spec_kind kind = spec_kind::text;
    static constexpr char align = '<';
    static std::string get(const claim& c, const format_spec&) { return to_string(c); }
};
template <>
struct formatted<verdict> {
    static constexpr spec_kind kind = spec_kind::text;
    static constexpr char align = '<';
    static std::string get(const verdict& v, const format_spec&) { return v.explain(); }
};

} // namespace detail

template <class CharT, class Traits, class Time, class Value>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                              const observation<Time, Value>& o) {
    detail::format_spec spec;
    spec.precision = detail::stream_decimals(os);
    detail::write_text(os, detail::observation_text(o, spec));
    return os;
}

template <class CharT, class Traits, period Time, arithmetic Value>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                              const time_series<Time, Value>& s) {
    detail::format_spec spec;
    spec.precision = detail::stream_decimals(os);
    detail::write_text(os, detail::series_text(s, spec));
    return os;
}

template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const claim& c) {
    detail::write_text(os, to_string(c));
    return os;
}

template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const verdict& v) {
    detail::write_text(os, v.explain());
    return os;
}

} // namespace tally

// ---------------------------------------------------------------------------
// The formatter shared by {fmt} (tally/fmt.hpp) and std::format (below)
// ---------------------------------------------------------------------------
namespace tally::detail {

/// A formatter for T shared by {fmt} and std::format: parses the
/// specification (throwing FormatError, the library's own error type),
/// then writes formatted<T>.
template <class T, class FormatError>
struct spec_formatter {
    format_spec spec{};

    template <class ParseContext>
    constexpr auto parse(ParseContext& ctx) -> decltype(ctx.begin()) {
        const char* error = nullptr;
        auto it = parse_format_spec(ctx.begin(), ctx.end(), spec, formatted<T>::kind, error);
        if (error != nullptr) throw FormatError(error);
        return it;
    }

    template <class FormatContext>
    auto format(const T& value, FormatContext& ctx) const -> decltype(ctx.out()) {
        const std::string text = padded(formatted<T>::get(value, spec), spec, formatted<T>::align);
        auto out = ctx.out();
        for (char c : text) *out++ = c;
        return out;
    }
};

} // namespace tally::detail

// ---------------------------------------------------------------------------
// std::format, when the standard library has it
// ---------------------------------------------------------------------------
#if defined(__cpp_lib_format)
#include <format>

namespace tally::detail {

/// A std::formatter for T: the same parser and text as the {fmt} one.
template <class T>
using std_formatter = spec_formatter<T, std::format_error>;

} // namespace tally::detail

template <std::floating_point R>
struct std::formatter<tally::percent<R>, char> : tally::detail::std_formatter<tally::percent<R>> {};
template <std::floating_point R>
struct std::formatter<tally::percentage_points<R>, char>
    : tally::detail::std_formatter<tally::percentage_points<R>> {};
template <tally::arithmetic T>
struct std::formatter<tally::change<T>, char> : tally::detail::std_formatter<tally::change<T>> {};
template <class Time, class Value>
struct std::formatter<tally::observation<Time, Value>, char>
    : tally::detail::std_formatter<tally::observation<Time, Value>> {};
template <tally::period Time, tally::arithmetic Value>
struct std::formatter<tally::time_series<Time, Value>, char>
    : tally::detail::std_formatter<tally::time_series<Time, Value>> {};
template <>
struct std::formatter<tally::claim, char> : tally::detail::std_formatter<tally::claim> {};
template <>
struct std::formatter<tally::verdict, char> : tally::detail::std_formatter<tally::verdict> {};

#if defined(__cpp_lib_format_ranges)
namespace std {
/// A series is a range, but std::format formats it with tally's formatter above.
template <tally::period Time, tally::arithmetic Value>
inline constexpr range_format format_kind<tally::time_series<Time, Value>> = range_format::disabled;
} // namespace std
#endif

#endif
