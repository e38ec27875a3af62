#pragma once
// tally/claim_parser.hpp: a claim read from the words it was written in.
//
//   constexpr tally::claim c = tally::parse_claim("a 110% rise in assaults on staff between 2015 and 2018");
//   // c.kind == claim_kind::percent_change, c.number is "110", c.from_time.year == 2015
//   tally::check(tally::change{4963, 10213}, "a 110% rise");                  // does not hold
//   tally::check(staff_assaults, "a 110% rise between 2015 and 2018");         // a series: the times are read too
//   static_assert(tally::check(tally::change{153, 387}, "more than twice as high").holds());
//
// How a sentence is read. The parser looks for one claim: a figure (a
// percent, a multiple, percentage points, a fraction, a total, a share), a
// direction word, a magnitude, or a bare number; the hedge before it; the
// values stated beside it ("on the 594", "from 153 to 387", "when just
// 153"); and the times it names. Its vocabulary:
//
//   figures     110%  5 per cent  5 percent  5pc  -6%  +5%       a percent (a sign is a direction;
//                                                                with none, and no "of" or part, a
//                                                                signed change: "13%" is +13% against
//                                                                a change, a share against a share)
//               up 12, rose by 12, fell 30                        a number straight after a rise or fall
//                                                                word with no unit: the difference
//                                                                to - from, not the later value
//               1.1 percentage points  1.1 points  1.1 pp        percentage points
//               twice  doubled  tripled  quadrupled  halved      multiples 2, 3, 4, 1/2, in words: about N
//               N times [as high | as <word> | the]              N times as high ("eight times": about 8;
//                                                                "8 times": 7.5..8.5, as written)
//               N times higher (more, larger, bigger, greater)   ambiguous: N or N + 1 times as high
//               half  a half  a third  one third  two thirds  a quarter  three quarters
//                                                                with "of", or with no direction: a share;
//                                                                with a direction: a percent change
//               N% of                                            a share of a whole
//               3,949 (11%)                                      a share, with its part stated
//               a total of N                                     a total over a series
//               hundreds of  thousands of  millions of           a magnitude
//               one .. twelve                                    numbers in words
//   directions  rise rises rose risen rising increase increased increases jump jumped jumps climb
//               climbed climbs up grew grown higher; fall falls fell fallen falling drop dropped
//               drops dropping decline declined declines declining decrease decreased decreases
//               down lower;
//               unchanged (and "more"/"fewer" straight after a percent: "63% more")
//   hedges      more than, over, above; at least, no fewer than, no less than; less than, fewer
//               than, under, below; at most, no more than, not more than, up to; about, around,
//               roughly, approximately, some, circa; almost, nearly; just over, just above, just
//               more than; just under, just below, just less than
//               (a hedge word counts only straight before a figure; "over the year" is not one)
//   values      on [the] N, from [the] N, when [just] N   the earlier value (when: the side of
//                                                        the last time named)
//               to N, at N                               the later value
//   times       between 2015 and 2018; in 2019; since 2015; on, from, than, with 2015 (the
//               earlier time); to 2018 (the later); 12 months to March 2019 (also
//               twelve months, the year to, ending, ended); on the previous year, a year
//               earlier, the year before, year-on-year, year on year
//               "in <year>" after a comparison ("as it was in 2015", "than in", "on the 594
//               logged in 2018") is the earlier time, otherwise the later. A year is four
//               digits without a separator: "2015" is a year there, "2,015" a number.
//   linking     a an the by of in on at as than it was were is are be been has have had its
//               their this that which with and for just only compared when while then
//
// Any other word is taken to be the claim's subject ("assaults on staff",
// "profiles") and skipped; parse_claim_details lists the words skipped.
// The claim is never guessed: parse_error is thrown, naming the words it
// skipped, when the text has no figure, direction, magnitude or number; a
// percent with no direction, share or part ("a 110% surge"); two figures;
// two directions that disagree; a negation ("not", "no", "never", "n't");
// an amount in words ("million"); an earlier time after the later one
// ("between 2017 and 2015" is refused, naming both, not checked backwards);
// a text longer than 4,096 bytes (naming its length) or not well-formed
// UTF-8 (naming the offset of the first bad byte). A message quotes at most
// 80 characters of the text, then "…" and its length in bytes.
//
// A total over a series that passes the range of its type throws
// overflow_error naming the span and the values: an integer total past
// 64 bits, a floating total past the type's largest finite value.

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "claims.hpp"
#include "error.hpp"
#include "period.hpp"
#include "time_series.hpp"

namespace tally {

namespace detail {
template <class Time>
inline constexpr bool month_claim_calendar = false;
template <>
inline constexpr bool month_claim_calendar<year_quarter> = true;
template <unsigned S>
inline constexpr bool month_claim_calendar<fiscal_year<S>> = true;
template <>
inline constexpr bool month_claim_calendar<std::chrono::year_month_day> = true;
} // namespace detail

/// A claim as read, with the words skipped as its subject.
struct parsed_claim {
    tally::claim claim{};
    std::array<std::string_view, 32> skipped{};  ///< views into the text parsed
    std::size_t skipped_count = 0;
    /// The words skipped, in order.
    [[nodiscard]] constexpr std::span<const std::string_view> skipped_words() const noexcept {
        return {skipped.data(), skipped_count};
    }
};

/// The claim a sentence makes. Throws parse_error naming the words it could
/// not read (see the header comment). O(n) in the length of the text.
[[nodiscard]] constexpr claim parse_claim(std::string_view text);

/// parse_claim, with the words skipped (views into `text`).
[[nodiscard]] constexpr parsed_claim parse_claim_details(std::string_view text);

/// check(c, parse_claim(text), options).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const change<T>& c, std::string_view text, const claim_options& options = {});
/// check(value, parse_claim(text), options).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(T value, std::string_view text, const claim_options& options = {});
/// check(s, parse_claim(text), options).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const share<T>& s, std::string_view text, const claim_options& options = {});
/// check(earlier, later, parse_claim(text), options).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const share<T>& earlier, const share<T>& later, std::string_view text,
                                      const claim_options& options = {});

/// Checks a claim against a series of years, at the times the claim names:
///   a change "between A and B" is A -> B; "since A" is A -> the last year;
///   "in B" (with or without "on the previous year") is B - 1 -> B;
///   a value or magnitude "in B" is the value at B;
///   "a total of N between A and B" sums A..B ("since A": A..last; "in B": B).
/// Throws invalid_argument when the claim names no time, or only its earlier
/// one, or is about 12 months to a month (a series of years has no such
/// period), or is about a share; missing_observation when a year named is
/// not in the series; overflow_error when a total passes the range of its
/// type ("the sum of the values from 2015 to 2016, 18446744073709551614,
/// does not fit in a 64-bit signed integer."). O(log n), O(n) for a total.
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

namespace detail::parsing {

enum class token_kind { word, number, percent_sign, open, close, joiner };

struct token {
    token_kind kind = token_kind::word;
    std::string_view text{};
};

inline constexpr std::size_t max_tokens = 96;

[[nodiscard]] constexpr char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
[[nodiscard]] constexpr bool is_letter(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Whether a word is `literal` (lower case), ignoring case.
[[nodiscard]] constexpr bool same_word(std::string_view word, std::string_view literal) noexcept {
    if (word.size() != literal.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (lower(word[i]) != literal[i]) return false;
    }
    return true;
}

template <std::size_t N>
[[nodiscard]] constexpr bool one_of(std::string_view word, const std::array<std::string_view, N>& words) noexcept {
    for (std::string_view w : words) {
        if (same_word(word, w)) return true;
    }
    return false;
}

[[noreturn]] inline void fail(std::string_view text, const std::string& why) {
    throw parse_error("tally cannot read a claim in " + quote(text) + ": " + why + ".");
}

/// Refuses a text longer than max_claim_bytes or not well-formed UTF-8.
constexpr void require_readable(std::string_view text) {
    if (text.size() > max_claim_bytes) {
        fail(text, "it is " + group_thousands(integer_text(text.size())) + " bytes long, and tally reads claims of at most " +
                       group_thousands(integer_text(max_claim_bytes)) + " bytes");
    }
    if (const std::size_t at = invalid_utf8_offset(text); at != std::string_view::npos) {
        fail(text, "it is not valid UTF-8: the byte at offset " + integer_text(at) + " does not start or continue a character");
    }
}

struct token_list {
    std::array<token, max_tokens> items{};
    std::size_t count = 0;
};

/// The length of a typographic apostrophe (U+2019) at text[i], or 0.
[[nodiscard]] constexpr std::size_t apostrophe_length(std::string_view text, std::size_t i) noexcept {
    return text.substr(i, 3) == "\xE2\x80\x99" ? 3 : 0;
}

/// The length of the "-", "/" or en dash (U+2013) at text[i] that joins two
/// numbers ("2015-18", "2015/16", "2015–18"), or 0.
[[nodiscard]] constexpr std::size_t joiner_length(std::string_view text, std::size_t i) noexcept {
    if (i >= text.size()) return 0;
    if (text[i] == '-' || text[i] == '/') return 1;
    return text.substr(i, 3) == "\xE2\x80\x93" ? 3 : 0;
}

/// Whether the character of n bytes at text[i] (not ASCII) is punctuation
/// tally reads past: a no-break or thin space, typographic quotes, dashes,
/// an ellipsis, a pound, euro or dollar sign. Everything else, digits and
/// fractions above all, is refused.
[[nodiscard]] constexpr bool readable_non_ascii(std::string_view text, std::size_t i, std::size_t n) noexcept {
    constexpr std::array<std::string_view, 13> readable{
        "\xC2\xA0",     "\xE2\x80\x89", "\xE2\x80\xAF", "\xE2\x80\x98", "\xE2\x80\x99", "\xE2\x80\x9C", "\xE2\x80\x9D",
        "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA6", "\xC2\xA3",     "\xE2\x82\xAC", "\xC2\xB7"};
    const std::string_view ch = text.substr(i, n);
    for (std::string_view r : readable) {
        if (ch == r) return true;
    }
    return false;
}

/// "U+00BD": the code point of the well-formed character of n bytes at text[i].
[[nodiscard]] inline std::string code_point_name(std::string_view text, std::size_t i, std::size_t n) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k])); };
    std::uint32_t cp = n == 2 ? byte(0) & 0x1F : n == 3 ? byte(0) & 0x0F : byte(0) & 0x07;
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "U+";
    const int digits = cp > 0xFFFF ? 5 : 4;
    for (int d = digits - 1; d >= 0; --d) out.push_back(hex[(cp >> (4 * d)) & 0xF]);
    return out;
}

/// Refuses a number glued to letters ("1e3", "5bn", "12th"), naming the
/// whole run of characters up to the next space.
[[noreturn]] inline void refuse_glued(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && !is_space(text[end]) && text[end] != ')' && text[end] != ',') ++end;
    fail(text, "tally does not read \"" + std::string(text.substr(begin, end - begin)) +
                   "\"; write a number in digits with at most a % or \"pc\" after it");
}

/// Splits text into words, numbers, "%", "(", ")", and the "-" or "/"
/// between two numbers ("2015-18", "2015/16"); other punctuation is dropped.
/// A character tally does not read (a digit or fraction that is not ASCII,
/// "½", "٣") and a number glued to letters it does not read ("1e3", "5bn")
/// are refused by name, never dropped.
[[nodiscard]] constexpr token_list tokenize(std::string_view text) {
    token_list out{};
    const auto push = [&](token_kind kind, std::size_t begin, std::size_t end) {
        if (out.count == max_tokens) {
            fail(text, "it has more than " + integer_text(max_tokens) + " words and signs");
        }
        out.items[out.count++] = token{kind, text.substr(begin, end - begin)};
    };
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool digit_next = i + 1 < text.size() && is_digit(text[i + 1]);
        const bool starts_word = i == 0 || is_space(text[i - 1]) || text[i - 1] == '(' || text[i - 1] == '"';
        if (is_digit(c) || ((c == '-' || c == '+') && digit_next && starts_word)) {
            const std::size_t begin = i++;
            while (i < text.size() && (is_digit(text[i]) || ((text[i] == ',' || text[i] == '.') && i + 1 < text.size() &&
                                                             is_digit(text[i + 1])))) {
                ++i;
            }
            if (i < text.size() && is_letter(text[i])) {
                // "12pc", "5pp": a unit glued to its number; anything else glued is refused
                std::size_t e = i;
                while (e < text.size() && is_letter(text[e])) ++e;
                const std::string_view unit = text.substr(i, e - i);
                if (!same_word(unit, "pc") && !same_word(unit, "pp")) refuse_glued(text, begin);
                push(token_kind::number, begin, i);
            } else if (i + 1 < text.size() && text[i] == '-' && is_letter(text[i + 1])) {
                // "2.5-fold", "12-month": one word, read (or refused) as a word
                ++i;
                while (i < text.size() && is_letter(text[i])) ++i;
                push(token_kind::word, begin, i);
            } else {
                push(token_kind::number, begin, i);
            }
            if (const std::size_t n = joiner_length(text, i); n != 0 && i + n < text.size() && is_digit(text[i + n])) {
                push(token_kind::joiner, i, i + n);
                i += n;
            }
        } else if (is_letter(c)) {
            const std::size_t begin = i++;
            while (i < text.size()) {
                if (is_letter(text[i]) || is_digit(text[i])) {
                    ++i;
                } else if ((text[i] == '-' || text[i] == '\'') && i + 1 < text.size() && is_letter(text[i + 1])) {
                    ++i;
                } else if (apostrophe_length(text, i) != 0 && i + 3 < text.size() && is_letter(text[i + 3])) {
                    i += 3;  // a typographic apostrophe inside a word: "didn’t"
                } else {
                    break;
                }
            }
            push(token_kind::word, begin, i);
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            const std::size_t n = utf8_sequence(text, i);
            if (!readable_non_ascii(text, i, n)) {
                fail(text, "tally does not read \"" + std::string(text.substr(i, n)) + "\" (" + code_point_name(text, i, n) +
                               "); write numbers in ASCII digits and words in ASCII letters");
            }
            i += n;
        } else {
            if (c == '%') push(token_kind::percent_sign, i, i + 1);
            if (c == '(') push(token_kind::open, i, i + 1);
            if (c == ')') push(token_kind::close, i, i + 1);
            ++i;
        }
    }
    return out;
}

inline constexpr std::array<std::string_view, 17> rise_words{
    "rise", "rises", "rose", "risen", "rising", "increase", "increased", "increases", "jump",
    "jumped", "jumps", "climb", "climbed", "climbs", "up", "grew", "grown"};
inline constexpr std::array<std::string_view, 17> fall_words{
    "fall", "falls", "fell", "fallen", "falling", "drop", "dropped", "drops", "decline",
    "declined", "declines", "decrease", "decreased", "decreases", "down", "dropping", "declining"};
inline constexpr std::array<std::string_view, 40> linking_words{
    "a", "an", "the", "by", "of", "in", "on", "at", "as", "than", "it", "was", "were", "is",
    "are", "be", "been", "has", "have", "had", "its", "their", "this", "that", "which", "with",
    "and", "for", "just", "only", "compared", "when", "while", "then", "from", "to", "between",
    "since", "there", "over"};
inline constexpr std::array<std::string_view, 12> month_names{
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december"};
inline constexpr std::array<std::string_view, 20> number_words{
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
/// The denominators of fraction words, 2..10: "half" and "halves" are 2.
inline constexpr std::array<std::string_view, 9> fraction_singular{
    "half", "third", "quarter", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};
inline constexpr std::array<std::string_view, 9> fraction_plural{
    "halves", "thirds", "quarters", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths"};
/// Words that state a figure, a quantity or a rank. Where the grammar does
/// not read one, the claim is refused naming it, never checked without it.
inline constexpr std::array<std::string_view, 77> figure_words{
    "zero", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million", "billion", "trillion", "dozen", "dozens", "half", "halves", "halved", "halving", "third",
    "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths", "seventh", "eighth", "ninth", "tenth",
    "tenths", "hundredth", "twice", "double", "doubled", "doubling", "triple", "tripled", "tripling",
    "treble", "trebled", "quadruple", "quadrupled", "fold", "factor", "times", "percent", "per",
    "cent", "pc", "pp", "percentage", "point", "points", "bn", "tn", "record", "records", "highest",
    "lowest", "peak", "most", "least", "fewest", "largest", "smallest", "biggest", "majority",
    "first", "second", "consecutive", "high", "highs", "low", "lows", "all-time"};
/// Ranks and counts of periods that follow a fraction word as an ordinal:
/// "a third year", "a fifth consecutive".
inline constexpr std::array<std::string_view, 11> ordinal_nouns{
    "year", "years", "time", "month", "quarter", "week", "day", "consecutive", "successive", "straight", "row"};

[[nodiscard]] constexpr int month_of(std::string_view w) noexcept {
    for (std::size_t m = 0; m < month_names.size(); ++m) {
        if (same_word(w, month_names[m])) return static_cast<int>(m) + 1;
        // three-letter abbreviations, and "sept"
        if (w.size() == 3 && same_word(w, month_names[m].substr(0, 3))) return static_cast<int>(m) + 1;
    }
    if (same_word(w, "sept")) return 9;
    return 0;
}

[[nodiscard]] constexpr int number_word(std::string_view w) noexcept {
    for (std::size_t n = 0; n < number_words.size(); ++n) {
        if (same_word(w, number_words[n])) return static_cast<int>(n) + 1;
    }
    return 0;
}

/// The denominator a fraction word names: "third" and "thirds" 3; 0 when none.
[[nodiscard]] constexpr int denominator_word(std::string_view w, bool plural) noexcept {
    const auto& words = plural ? fraction_plural : fraction_singular;
    for (std::size_t n = 0; n < words.size(); ++n) {
        if (same_word(w, words[n])) return static_cast<int>(n) + 2;
    }
    return 0;
}

/// Whether a word, or a part of it between hyphens ("twenty-one"), is a
/// figure word, or holds a digit.
[[nodiscard]] constexpr bool is_figure_word(std::string_view w) noexcept {
    for (char c : w) {
        if (is_digit(c)) return true;
    }
    if (w.size() >= 4 && same_word(w.substr(w.size() - 4), "fold")) return true;
    if (one_of(w, figure_words)) return true;
    std::size_t begin = 0;
    while (begin <= w.size()) {
        std::size_t end = w.find('-', begin);
        if (end == std::string_view::npos) end = w.size();
        const std::string_view part = w.substr(begin, end - begin);
        if (one_of(part, figure_words) || (end != w.size() && number_word(part) != 0)) return true;
        begin = end + 1;
    }
    return false;
}

/// The multiple a "-fold" word names: "threefold", "three-fold", "2.5-fold";
/// digits 0 when the word is not one. In words it has no written precision.
[[nodiscard]] constexpr stated_number fold_multiple(std::string_view w) {
    if (w.size() < 5 || !same_word(w.substr(w.size() - 4), "fold")) return {};
    std::string_view prefix = w.substr(0, w.size() - 4);
    if (!prefix.empty() && prefix.back() == '-') prefix.remove_suffix(1);
    if (prefix.empty()) return {};
    if (is_digit(prefix[0])) return stated_number::parse(prefix);
    if (const int n = number_word(prefix); n >= 2) return stated_number::words(n);
    return {};
}

/// What a figure is.
enum class figure_kind { percent, points, multiple, fraction, total, difference };

struct figure {
    figure_kind kind = figure_kind::percent;
    stated_number number{};
    tally::hedge hedge = tally::hedge::none;
    bool times_higher = false;
    bool share = false;  ///< followed by "of", or a part stated before it
    std::string_view text{};
};

/// Everything read so far.
struct reading_state {
    std::optional<figure> first{};
    std::optional<figure> second{};
    std::size_t claim_at = static_cast<std::size_t>(-1);  ///< the token of the first figure or direction
    tally::direction dir = tally::direction::undefined;
    std::string_view dir_word{};
    bool has_magnitude = false;
    tally::magnitude order = tally::magnitude::hundreds;
    std::optional<stated_number> from_value{}, to_value{}, part_value{}, whole_value{}, difference{};
    std::array<stated_number, 4> bare{};
    std::array<tally::hedge, 4> bare_hedge{};
    std::array<std::string_view, 4> bare_text{};
    std::array<std::size_t, 4> bare_at{};
    std::size_t bare_count = 0;
    claim_time from_time{}, to_time{};
    bool previous = false, since = false;
    bool from_side = false;  ///< now describing the comparison's earlier side
    int last_time = 0;       ///< 1: the last time named was the earlier, 2: the later
    std::array<std::string_view, 32> skipped{};
    std::size_t skipped_count = 0;
};

/// ", and it could not read "x", "y"" or nothing.
[[nodiscard]] inline std::string unread(const reading_state& s) {
    if (s.skipped_count == 0) return "";
    std::string out = ", and it could not read ";
    for (std::size_t i = 0; i < s.skipped_count; ++i) {
        out += (i == 0 ? "\"" : ", \"") + std::string(s.skipped[i]) + "\"";
    }
    return out;
}

/// A claim's time in words: "2019", "2018/19", "the 12 months to March 2019".
[[nodiscard]] inline std::string time_words(const claim_time& t) {
    if (t.fiscal) {
        std::string out = integer_text(t.year);
        const std::string next = integer_text((t.year + 1) % 100 + 100);
        out.push_back('/');
        out.append(next.substr(1));
        return out;
    }
    if (t.month == 0) return integer_text(t.year);
    std::string month(month_names[static_cast<std::size_t>(t.month - 1)]);
    month[0] = static_cast<char>(month[0] - 'a' + 'A');
    return "the 12 months to " + month + " " + integer_text(t.year);
}

/// A time read at a token: a year, a fiscal year ("2018/19") or a span of
/// years ("2015-18", "2015-2018"); length 0 when none.
struct time_read {
    claim_time first{};
    claim_time last{};
    std::size_t length = 0;
    [[nodiscard]] constexpr bool span() const noexcept { return first.year != last.year && !first.fiscal; }
};

class parser {
public:
    constexpr explicit parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

    constexpr parsed_claim run();

private:
    static constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::string_view text_;
    token_list tokens_;
    reading_state s_{};
    std::size_t i_ = 0;
    tally::hedge pending_hedge_ = tally::hedge::none;
    bool paren_ = false;               ///< inside "( ... )"
    bool paren_after_number_ = false;  ///< the "(" came straight after a number
    std::size_t paren_at_ = none;      ///< the token of the last "("
    bool total_pending_ = false;       ///< "a total of" seen; the next number is the total
    bool multiple_pending_ = false;    ///< "a factor of" seen; the next number is the multiple
    /// The token after a rise or fall word (and its "by" or "of" and hedge):
    /// a bare number there is the difference to - from ("up 12", "a rise of
    /// 1,784"); none when there is none.
    std::size_t after_direction_ = none;

    [[nodiscard]] constexpr std::size_t size() const noexcept { return tokens_.count; }
    [[nodiscard]] constexpr const token& at(std::size_t k) const noexcept { return tokens_.items[k]; }
    [[nodiscard]] constexpr bool word(std::size_t k, std::string_view w) const noexcept {
        return k < size() && at(k).kind == token_kind::word && same_word(at(k).text, w);
    }
    [[nodiscard]] constexpr bool is_kind(std::size_t k, token_kind kind) const noexcept {
        return k < size() && at(k).kind == kind;
    }
    /// The text from the start of token k0 to the end of token k1 - 1, as written.
    [[nodiscard]] constexpr std::string_view span_text(std::size_t k0, std::size_t k1) const noexcept {
        if (k1 > size()) k1 = size();
        if (k1 <= k0) return at(k0).text;
        const std::size_t begin = static_cast<std::size_t>(at(k0).text.data() - text_.data());
        const std::size_t end = static_cast<std::size_t>(at(k1 - 1).text.data() - text_.data()) + at(k1 - 1).text.size();
        return text_.substr(begin, end - begin);
    }
    [[nodiscard]] constexpr bool all_digits(std::size_t k, std::size_t length) const noexcept {
        if (!is_kind(k, token_kind::number) || at(k).text.size() != length) return false;
        for (char c : at(k).text) {
            if (!is_digit(c)) return false;
        }
        return true;
    }
    [[nodiscard]] constexpr bool is_year(std::size_t k) const noexcept {
        return all_digits(k, 4) && at(k).text[0] != '0';
    }
    [[nodiscard]] constexpr int year_at(std::size_t k) const noexcept {
        int y = 0;
        for (char c : at(k).text) y = y * 10 + (c - '0');
        return y;
    }
    [[nodiscard]] constexpr time_read time_at(std::size_t k) const noexcept;
    /// The fraction words at k ("a third", "two thirds", "two-thirds",
    /// "half"): numerator, divisor and the number of tokens; {0, 0, 0} when none.
    struct fraction_words {
        std::int64_t numerator = 0;
        std::int64_t divisor = 0;
        std::size_t length = 0;
    };
    [[nodiscard]] constexpr fraction_words fraction_at(std::size_t k) const noexcept;
    /// A whole number at k, in digits (not a year) or in words: the M of
    /// "one in M"; 0 when none.
    [[nodiscard]] constexpr std::int64_t count_at(std::size_t k) const {
        if (k >= size()) return 0;
        if (at(k).kind == token_kind::word) return number_word(at(k).text);
        if (at(k).kind != token_kind::number || is_year(k)) return 0;
        const stated_number n = stated_number::parse(at(k).text);
        return n.decimals == 0 && n.digits > 0 ? n.digits : 0;
    }
    /// Whether a word at k is a multiple in one word ("twice", "tripled", "threefold").
    [[nodiscard]] constexpr bool multiple_word_at(std::size_t k) const {
        if (k >= size() || at(k).kind != token_kind::word) return false;
        constexpr std::array<std::string_view, 14> words{
            "twice",  "double",  "doubled",  "triple",    "tripled",    "treble", "trebled",
            "halved", "quadruple", "quadrupled", "doubling", "tripling", "factor", "trebling"};
        return one_of(at(k).text, words) || fold_multiple(at(k).text).digits != 0;
    }
    /// Whether a figure or a number starts at k (what a hedge needs after it).
    [[nodiscard]] constexpr bool figure_starts(std::size_t k) const {
        if (is_kind(k, token_kind::number)) return true;
        if (k >= size() || at(k).kind != token_kind::word) return false;
        if (word(k, "a") && word(k + 1, "factor")) return true;
        return number_word(at(k).text) != 0 || fraction_at(k).length != 0 || multiple_word_at(k);
    }

    constexpr void skip(std::string_view w);
    constexpr void set_direction(tally::direction d, std::string_view w);
    constexpr void mark_claim() noexcept {
        if (s_.claim_at == none) s_.claim_at = i_;
    }
    constexpr void add_figure(const figure& f);
    constexpr void set_time(bool earlier, claim_time t, std::string_view what);
    constexpr bool read_hedge();
    constexpr bool read_time();
    constexpr bool read_time_phrase(std::size_t k);
    constexpr bool read_rolling_time(std::size_t k);
    constexpr bool read_unit(const figure& f, std::size_t start);
    constexpr bool read_percent(stated_number n, std::string_view text, std::size_t start, tally::hedge h);
    constexpr bool read_multiple(stated_number n, std::string_view text, std::size_t start, tally::hedge h);
    constexpr bool read_count(stated_number n, std::string_view text, std::size_t start, tally::hedge h);
    constexpr void read_number(stated_number n, std::string_view text, std::size_t next);
    constexpr void read_or_hedge(tally::hedge& h, std::string_view text);
    constexpr void read_whole(std::size_t n);
    constexpr bool read_fraction(std::size_t k);
    constexpr bool read_multiple_word(std::size_t k);
    constexpr bool read_direction(std::size_t k);
    constexpr bool read_value(std::size_t k);
    constexpr void read_word();
    constexpr void assemble_figure(claim& c);
    constexpr void assemble_values(claim& c);
    constexpr claim assemble();
};

constexpr time_read parser::time_at(std::size_t k) const noexcept {
    if (!is_year(k)) return {};
    const int y = year_at(k);
    const claim_time one{y, 0};
    if (!is_kind(k + 1, token_kind::joiner) || !(all_digits(k + 2, 2) || all_digits(k + 2, 4))) return {one, one, 1};
    int second = year_at(k + 2);
    if (at(k + 2).text.size() == 2) {
        second += y / 100 * 100;
        if (second <= y) second += 100;
    }
    if (at(k + 1).text == "/") {
        if (second != y + 1) return {};
        const claim_time fy{y, 0, true};
        return {fy, fy, 3};
    }
    if (second <= y) return {};
    return {one, claim_time{second, 0}, 3};
}

constexpr parser::fraction_words parser::fraction_at(std::size_t k) const noexcept {
    if (k >= size() || at(k).kind != token_kind::word) return {};
    const std::string_view w = at(k).text;
    if (same_word(w, "half")) return {1, 2, 1};
    // "two-thirds", "one-fifth": one word
    if (const std::size_t dash = w.find('-'); dash != std::string_view::npos) {
        const std::string_view head = w.substr(0, dash), tail = w.substr(dash + 1);
        const int n = same_word(head, "a") ? 1 : number_word(head);
        const int d = denominator_word(tail, n > 1);
        if (n >= 1 && n < 10 && d != 0 && n < d) return {n, d, 1};
        return {};
    }
    const bool one = word(k, "a") || word(k, "an") || word(k, "one");
    const int n = one ? 1 : number_word(w);
    if (k + 1 >= size() || n < 1 || n >= 10) return {};
    const int d = denominator_word(at(k + 1).text, n > 1);
    if (d != 0 && n < d) return {n, d, 2};
    return {};
}

constexpr void parser::skip(std::string_view w) {
    if (is_figure_word(w)) {
        fail(text_, "it has \"" + std::string(w) +
                        "\", a word for a figure or a rank that tally does not read there, and a claim is not checked "
                        "without a figure it states");
    }
    if (s_.skipped_count == s_.skipped.size()) fail(text_, "it has more than 32 words tally does not read");
    s_.skipped[s_.skipped_count++] = w;
}

constexpr void parser::set_direction(tally::direction d, std::string_view w) {
    if (s_.dir != tally::direction::undefined && s_.dir != d) {
        const bool rise_first = s_.dir == tally::direction::rise;
        fail(text_, "it states both a rise (\"" + std::string(rise_first ? s_.dir_word : w) + "\") and a fall (\"" +
                        std::string(rise_first ? w : s_.dir_word) + "\")");
    }
    mark_claim();
    s_.dir = d;
    s_.dir_word = w;
}

/// A second figure is taken only where it restates the first: a figure in
/// brackets of the same kind ("more than doubled (2.53 times)"), or an
/// absolute change beside a percent change ("up 1,784, or 21%"), which is
/// checked as a second claim.
constexpr void parser::add_figure(const figure& f) {
    mark_claim();
    if (!s_.first) {
        s_.first = f;
        return;
    }
    const figure& first = *s_.first;
    const bool percent_then_difference = first.kind == figure_kind::percent && !first.share && f.kind == figure_kind::difference;
    const bool difference_then_percent = first.kind == figure_kind::difference && f.kind == figure_kind::percent && !f.share;
    if ((percent_then_difference || difference_then_percent) && !s_.difference) {
        const figure& size = percent_then_difference ? f : first;
        if (size.hedge != tally::hedge::none) {
            fail(text_, "it hedges the change \"" + std::string(size.text) +
                            "\" stated beside a percent, and tally reads that change only as written");
        }
        s_.difference = size.number;
        if (difference_then_percent) s_.first = f;
        return;
    }
    if (paren_ && !s_.second && f.kind == first.kind && f.hedge == tally::hedge::none && !f.times_higher) {
        s_.second = f;
        return;
    }
    fail(text_, "it states two figures, \"" + std::string(first.text) + "\" and \"" + std::string(f.text) +
                    "\"; check one claim at a time");
}

constexpr void parser::set_time(bool earlier, claim_time t, std::string_view what) {
    claim_time& slot = earlier ? s_.from_time : s_.to_time;
    if (slot.named()) {
        fail(text_, std::string("it names two ") + (earlier ? "earlier" : "later") + " times, " + time_words(slot) +
                        " and \"" + std::string(what) + "\"");
    }
    slot = t;
    s_.last_time = earlier ? 1 : 2;
}

/// A hedge phrase at i_ followed by a figure: sets the pending hedge and moves past it.
constexpr bool parser::read_hedge() {
    struct phrase {
        std::string_view first;
        std::string_view second;  // empty: one word
        std::string_view third;
        tally::hedge h;
    };
    constexpr std::array<phrase, 28> phrases{{
        {"just", "over", "", hedge::just_over},      {"just", "above", "", hedge::just_over},
        {"just", "more", "than", hedge::just_over},  {"just", "under", "", hedge::just_under},
        {"just", "below", "", hedge::just_under},    {"just", "less", "than", hedge::just_under},
        {"no", "more", "than", hedge::at_most},      {"not", "more", "than", hedge::at_most},
        {"no", "fewer", "than", hedge::at_least},    {"no", "less", "than", hedge::at_least},
        {"more", "than", "", hedge::more_than},      {"over", "", "", hedge::more_than},
        {"above", "", "", hedge::more_than},         {"at", "least", "", hedge::at_least},
        {"less", "than", "", hedge::less_than},      {"fewer", "than", "", hedge::less_than},
        {"under", "", "", hedge::less_than},         {"below", "", "", hedge::less_than},
        {"at", "most", "", hedge::at_most},          {"up", "to", "", hedge::at_most},
        {"about", "", "", hedge::about},             {"around", "", "", hedge::about},
        {"roughly", "", "", hedge::about},           {"approximately", "", "", hedge::about},
        {"almost", "", "", hedge::almost},           {"nearly", "", "", hedge::almost},
        {"some", "", "", hedge::about},              {"circa", "", "", hedge::about},
    }};
    for (const phrase& p : phrases) {
        std::size_t k = i_;
        if (!word(k, p.first)) continue;
        ++k;
        if (!p.second.empty()) {
            if (!word(k, p.second)) continue;
            ++k;
        }
        if (!p.third.empty()) {
            if (!word(k, p.third)) continue;
            ++k;
        }
        if (!figure_starts(k) || time_at(k).length == 3) continue;
        if (pending_hedge_ != tally::hedge::none) {
            fail(text_, "it has two hedges before one figure, the second \"" + std::string(span_text(i_, k)) + "\"");
        }
        pending_hedge_ = p.h;
        if (after_direction_ == i_) after_direction_ = k;
        i_ = k;
        return true;
    }
    return false;
}

/// A time phrase at i_: between, in, since, N months to, previous year. Moves past it.
constexpr bool parser::read_time() {
    const std::size_t k = i_;
    // a span or a fiscal year with no word before it: "2015-18", "the 2018/19 figure"
    if (const time_read t = time_at(k); t.length == 3) {
        if (t.span()) {
            set_time(true, t.first, span_text(k, k + 3));
            set_time(false, t.last, span_text(k, k + 3));
        } else {
            set_time(s_.from_side, t.first, span_text(k, k + 3));
        }
        i_ = k + 3;
        return true;
    }
    if (read_time_phrase(k)) return true;
    return read_rolling_time(k);
}

/// "between A and B", "since A", "on/from/than/with A", "to B", "in B".
constexpr bool parser::read_time_phrase(std::size_t k) {
    const auto single = [&](std::size_t at_k) {
        const time_read t = time_at(at_k);
        if (t.length != 0 && t.span()) {
            fail(text_, "it names the span \"" + std::string(span_text(at_k, at_k + t.length)) +
                            "\" where one time is meant");
        }
        return t;
    };
    if (word(k, "between") && time_at(k + 1).length != 0) {
        const time_read a = single(k + 1);
        if (!word(k + 1 + a.length, "and") || time_at(k + 2 + a.length).length == 0) return false;
        const time_read b = single(k + 2 + a.length);
        set_time(true, a.first, span_text(k + 1, k + 1 + a.length));
        set_time(false, b.first, span_text(k + 2 + a.length, k + 2 + a.length + b.length));
        i_ = k + 2 + a.length + b.length;
        return true;
    }
    const bool earlier_word = word(k, "since") || word(k, "on") || word(k, "from") || word(k, "than") || word(k, "with");
    if ((earlier_word || word(k, "to")) && time_at(k + 1).length != 0) {
        const time_read t = single(k + 1);
        set_time(earlier_word, t.first, span_text(k + 1, k + 1 + t.length));
        if (word(k, "since")) s_.since = true;
        s_.from_side = earlier_word && !word(k, "since");
        i_ = k + 1 + t.length;
        return true;
    }
    if (word(k, "the") && time_at(k + 1).length != 0 && !time_at(k + 1).span()) {
        // "three times the 2015 level": the time of the side being described
        const time_read t = time_at(k + 1);
        set_time(s_.from_side, t.first, span_text(k + 1, k + 1 + t.length));
        i_ = k + 1 + t.length;
        return true;
    }
    if ((word(k, "in") || word(k, "during") || word(k, "over")) && time_at(k + 1).length != 0) {
        const time_read t = time_at(k + 1);
        const std::string_view what = span_text(k + 1, k + 1 + t.length);
        const std::size_t after = k + 1 + t.length;
        if (t.span()) {
            set_time(true, t.first, what);
            set_time(false, t.last, what);
        } else {
            // "in 2015/16 to 2018/19": the first of the two is the earlier
            set_time(s_.from_side || (word(after, "to") && time_at(after + 1).length != 0), t.first, what);
        }
        i_ = after;
        return true;
    }
    if ((word(k, "in") || word(k, "during")) && k + 1 < size() && at(k + 1).kind == token_kind::word &&
        month_of(at(k + 1).text) != 0 && is_year(k + 2)) {
        fail(text_, "it names the single month \"" + std::string(at(k + 1).text) + " " + std::string(at(k + 2).text) +
                        "\", and tally reads years and 12 months to a month");
    }
    return false;
}

/// "12 months to March 2019" (twelve months, the year to, ending, ended),
/// "on the previous year", "a year earlier", "year-on-year", "a 12-month rise".
constexpr bool parser::read_rolling_time(std::size_t k) {
    std::size_t m = k;
    if (word(k, "12-month") || word(k, "twelve-month")) {
        s_.previous = true;
        i_ = k + 1;
        return true;
    }
    if ((is_kind(k, token_kind::number) && at(k).text == "12") || word(k, "twelve")) {
        if (!word(k + 1, "months")) return false;
        m = k + 2;
    } else if (word(k, "year") && (word(k + 1, "to") || word(k + 1, "ending") || word(k + 1, "ended"))) {
        m = k + 1;
    } else if (word(k, "previous") && (word(k + 1, "year") || word(k + 1, "12"))) {
        s_.previous = true;
        i_ = word(k + 1, "year") ? k + 2 : k + 3;
        return true;
    } else if (word(k, "year") && (word(k + 1, "before") || word(k + 1, "earlier"))) {
        s_.previous = true;
        i_ = k + 2;
        return true;
    } else if (word(k, "year-on-year") || (word(k, "year") && word(k + 1, "on") && word(k + 2, "year"))) {
        s_.previous = true;
        i_ = word(k, "year-on-year") ? k + 1 : k + 3;
        return true;
    } else {
        return false;
    }
    if (!(word(m, "to") || word(m, "ending") || word(m, "ended"))) return false;
    const std::string_view month_word = m + 1 < size() ? at(m + 1).text : std::string_view("the end");
    const int month = m + 1 < size() && at(m + 1).kind == token_kind::word ? month_of(at(m + 1).text) : 0;
    if (month == 0) {
        fail(text_, "\"" + std::string(span_text(k, m + 1)) + "\" is followed by \"" + std::string(month_word) +
                        "\", which is not a month");
    }
    if (!is_year(m + 2)) fail(text_, "the month \"" + std::string(month_word) + "\" has no year after it");
    set_time(s_.from_side, claim_time{year_at(m + 2), month}, at(m + 2).text);
    i_ = m + 3;
    return true;
}

/// A number (written in digits or words) at the token before `next`, and
/// the unit or words after it that say what it is.
constexpr void parser::read_number(stated_number n, std::string_view text, std::size_t next) {
    const tally::hedge h = pending_hedge_;
    pending_hedge_ = tally::hedge::none;
    const std::size_t start = next - 1;
    i_ = next;
    constexpr std::array<std::string_view, 9> amounts{"hundred", "thousand", "million", "billion", "trillion",
                                                      "bn",      "m",        "k",       "tn"};
    if (i_ < size() && at(i_).kind == token_kind::word && one_of(at(i_).text, amounts)) {
        fail(text_, "it writes an amount in words, \"" + std::string(text) + " " + std::string(at(i_).text) +
                        "\", which tally does not read; write it in digits");
    }
    if (multiple_pending_) {
        // "by a factor of three", "a factor of 2.5"
        multiple_pending_ = false;
        if (n.digits <= 0) fail(text_, "the factor \"" + std::string(text) + "\" is not above zero");
        figure f{figure_kind::multiple, n, h, false, false, span_text(start, next)};
        f.number.in_words = is_letter(text[0]);
        add_figure(f);
        if (word(i_, "the")) s_.from_side = true;
        return;
    }
    if (read_percent(n, text, start, h) || read_multiple(n, text, start, h) || read_count(n, text, start, h)) return;
    if (s_.bare_count == s_.bare.size()) fail(text_, "it states more than four numbers");
    s_.bare[s_.bare_count] = n;
    s_.bare_hedge[s_.bare_count] = h;
    s_.bare_text[s_.bare_count] = text;
    s_.bare_at[s_.bare_count] = start;
    ++s_.bare_count;
}

/// "N or more", "N or less" after a figure: the hedge it makes, read into `h`.
constexpr void parser::read_or_hedge(tally::hedge& h, std::string_view text) {
    if (!word(i_, "or")) return;
    const bool up = word(i_ + 1, "more") || word(i_ + 1, "over") || word(i_ + 1, "above") || word(i_ + 1, "higher");
    const bool down = word(i_ + 1, "less") || word(i_ + 1, "fewer") || word(i_ + 1, "under") || word(i_ + 1, "below") ||
                      word(i_ + 1, "lower");
    if (!up && !down) return;
    if (h != tally::hedge::none) {
        fail(text_, "it hedges \"" + std::string(text) + "\" twice, before it and with \"or " +
                        std::string(at(i_ + 1).text) + "\" after it");
    }
    h = up ? tally::hedge::at_least : tally::hedge::at_most;
    i_ += 2;
}

/// A percent ("110%", "5 per cent", "12pc") or percentage points after the number.
constexpr bool parser::read_percent(stated_number n, std::string_view text, std::size_t start, tally::hedge h) {
    // "pc" ("12pc", "12 pc") is per cent, as British newspapers write it
    const bool one_word = is_kind(i_, token_kind::percent_sign) || word(i_, "percent") || word(i_, "pc");
    const bool percent = one_word || (word(i_, "per") && word(i_ + 1, "cent"));
    if (percent) {
        const std::size_t after_percent = one_word ? i_ + 1 : i_ + 2;
        figure f{figure_kind::percent, n, h, false, false, span_text(start, after_percent)};
        if (n.digits < 0) {
            set_direction(tally::direction::fall, f.text);
        } else if (!text.empty() && text[0] == '+') {
            set_direction(tally::direction::rise, f.text);
        }
        i_ = after_percent;
        read_or_hedge(f.hedge, f.text);
        if (word(i_, "of")) {
            f.share = true;
            ++i_;
            if (is_kind(i_, token_kind::number) && !is_year(i_)) read_whole(i_);
        }
        if (word(i_, "more") || word(i_, "higher")) {
            set_direction(tally::direction::rise, at(i_).text);
            ++i_;
        } else if (word(i_, "fewer") || word(i_, "lower") || word(i_, "less")) {
            set_direction(tally::direction::fall, at(i_).text);
            ++i_;
        }
        if (paren_ && paren_after_number_ && !s_.first && s_.bare_count > 0) {
            // "3,949 (11%)": the number before the bracket is the part
            --s_.bare_count;
            s_.part_value = s_.bare[s_.bare_count];
            f.share = true;
        }
        if (f.number.digits < 0) f.number.digits = -f.number.digits;
        add_figure(f);
        return true;
    }
    if ((word(i_, "percentage") && (word(i_ + 1, "points") || word(i_ + 1, "point"))) || word(i_, "points") ||
        word(i_, "point") || word(i_, "pp")) {
        const std::size_t end = i_ + (word(i_, "percentage") ? 2u : 1u);
        figure f{figure_kind::points, n, h, false, false, span_text(start, end)};
        if (n.digits < 0) {
            set_direction(tally::direction::fall, f.text);
            f.number.digits = -n.digits;
        }
        i_ = end;
        read_or_hedge(f.hedge, f.text);
        add_figure(f);
        return true;
    }
    return false;
}

/// "N times [as high | higher | the]", "N fold".
constexpr bool parser::read_multiple(stated_number n, std::string_view text, std::size_t start, tally::hedge h) {
    if (!word(i_, "times") && !word(i_, "fold")) return false;
    const bool fold = word(i_, "fold");
    ++i_;
    figure f{figure_kind::multiple, n, h, false, false, text};
    if (fold) {
    } else if (word(i_, "as") && i_ + 1 < size() && at(i_ + 1).kind == token_kind::word) {
        i_ += 2;
    } else if (word(i_, "higher") || word(i_, "more") || word(i_, "larger") || word(i_, "bigger") ||
               word(i_, "greater")) {
        f.times_higher = true;
        ++i_;
    } else if (word(i_, "lower") || word(i_, "less") || word(i_, "smaller") || word(i_, "fewer")) {
        fail(text_, "\"" + std::string(text) + " times " + std::string(at(i_).text) +
                        "\" has no arithmetic reading tally can check");
    } else if (word(i_, "the")) {
        s_.from_side = true;  // "three times the number in 2015": the base
    }
    if (n.digits <= 0) fail(text_, "the multiple \"" + std::string(text) + " times\" is not above zero");
    // "eight times" has no written precision; "8 times" has
    f.number.in_words = !text.empty() && is_letter(text[0]);
    f.text = span_text(start, i_);
    add_figure(f);
    return true;
}

/// A number with no unit: "one in four", a total, a change after a
/// direction ("up 12", "a rise of 1,784", "40 more"), or a change in
/// brackets after a percent ("up 21% (1,784)").
constexpr bool parser::read_count(stated_number n, std::string_view text, std::size_t start, tally::hedge h) {
    if (word(i_, "in") && n.decimals == 0 && n.digits >= 1) {
        const std::int64_t m = count_at(i_ + 1);
        if (m >= 2 && n.digits < m && m <= 1000000) {
            figure f{figure_kind::fraction, stated_number{n.digits, 0, m}, h, false, true, span_text(start, i_ + 2)};
            i_ += 2;
            add_figure(f);
            return true;
        }
    }
    if (total_pending_) {
        total_pending_ = false;
        figure f{figure_kind::total, n, h, false, false, text};
        read_or_hedge(f.hedge, text);
        add_figure(f);
        return true;
    }
    const bool after_direction = start == after_direction_;
    const bool more = word(i_, "more"), fewer = word(i_, "fewer") || word(i_, "less");
    const bool in_brackets = paren_ && paren_at_ + 1 == start && s_.first && s_.first->kind == figure_kind::percent &&
                             !s_.first->share && !paren_after_number_;
    if (!after_direction && !more && !fewer && !in_brackets) return false;
    if ((more || fewer) && !after_direction) {
        set_direction(more ? tally::direction::rise : tally::direction::fall, at(i_).text);
        ++i_;
    }
    // a number straight after a direction, without a unit, is the difference
    // to - from, not the later value
    figure f{figure_kind::difference, n, h, false, false, text};
    read_or_hedge(f.hedge, text);
    if (f.number.digits < 0) f.number.digits = -f.number.digits;
    add_figure(f);
    return true;
}

/// "of [the] N": the whole of a share.
constexpr void parser::read_whole(std::size_t n) {
    const stated_number value = stated_number::parse(at(n).text);
    if (s_.whole_value) {
        fail(text_, "it states two wholes, " + s_.whole_value->text() + " and " + value.text());
    }
    s_.whole_value = value;
    i_ = n + 1;
}

/// Fraction words: "a third", "two-thirds", "half"; a share with "of" or no
/// direction, a percent change with one ("rose by a fifth").
constexpr bool parser::read_fraction(std::size_t k) {
    const fraction_words fr = fraction_at(k);
    if (fr.length == 0) return false;
    if (k + fr.length < size() && at(k + fr.length).kind == token_kind::word &&
        one_of(at(k + fr.length).text, ordinal_nouns)) {
        fail(text_, "it has \"" + std::string(span_text(k, k + fr.length + 1)) +
                        "\", a rank tally does not read, not a fraction");
    }
    const tally::hedge h = pending_hedge_;
    pending_hedge_ = tally::hedge::none;
    figure f{figure_kind::fraction, stated_number{fr.numerator, 0, fr.divisor}, h, false, false, span_text(k, k + fr.length)};
    i_ = k + fr.length;
    if (word(i_, "as") && i_ + 1 < size() && at(i_ + 1).kind == token_kind::word) {
        // "half as high", "a third as many": a multiple below one
        f.kind = figure_kind::multiple;
        i_ += 2;
        add_figure(f);
        return true;
    }
    if (word(i_, "of")) {
        f.share = true;
        ++i_;
        if (is_kind(i_, token_kind::number) && !is_year(i_)) read_whole(i_);
    }
    add_figure(f);
    return true;
}

/// Multiples in one word: "twice", "doubled", "tripled", "treble",
/// "halved", "threefold", "2.5-fold"; "double the number" names the base next.
constexpr bool parser::read_multiple_word(std::size_t k) {
    struct multiple_word {
        std::string_view word;
        std::int64_t numerator;
        std::int64_t divisor;
    };
    constexpr std::array<multiple_word, 16> multiples{{{"twice", 2, 1},      {"doubled", 2, 1},    {"double", 2, 1},
                                                       {"doubling", 2, 1},   {"tripled", 3, 1},    {"triple", 3, 1},
                                                       {"tripling", 3, 1},   {"trebled", 3, 1},    {"treble", 3, 1},
                                                       {"trebling", 3, 1},   {"quadrupled", 4, 1}, {"quadruple", 4, 1},
                                                       {"quadrupling", 4, 1}, {"halved", 1, 2},    {"halving", 1, 2},
                                                       {"doubles", 2, 1}}};
    const std::string_view w = at(k).text;
    std::optional<stated_number> n{};
    for (const multiple_word& m : multiples) {
        if (same_word(w, m.word)) n = stated_number::words(m.numerator, m.divisor);
    }
    if (!n) {
        const stated_number fold = fold_multiple(w);
        if (fold.digits == 0) return false;
        if (fold.digits < 0) fail(text_, "the multiple \"" + std::string(w) + "\" is not above zero");
        n = fold;
    }
    const tally::hedge h = pending_hedge_;
    pending_hedge_ = tally::hedge::none;
    i_ = k + 1;
    if (word(i_, "as") && i_ + 1 < size() && at(i_ + 1).kind == token_kind::word) {
        i_ += 2;  // "twice as high"
    } else if (word(i_, "the")) {
        s_.from_side = true;  // "double the number recorded in 2015": the base
    }
    add_figure(figure{figure_kind::multiple, *n, h, false, false, w});
    return true;
}

/// A rise or fall word; a number straight after it (or after its "by" or
/// "of") is the difference.
constexpr bool parser::read_direction(std::size_t k) {
    const std::string_view w = at(k).text;
    const bool rise = one_of(w, rise_words) || same_word(w, "higher");
    const bool fall = one_of(w, fall_words) || same_word(w, "lower");
    if (!rise && !fall) {
        if (!same_word(w, "unchanged")) return false;
        set_direction(tally::direction::unchanged, w);
        i_ = k + 1;
        return true;
    }
    set_direction(rise ? tally::direction::rise : tally::direction::fall, w);
    i_ = k + 1;
    after_direction_ = word(i_, "by") || word(i_, "of") ? i_ + 1 : i_;
    if ((same_word(w, "up") || same_word(w, "down")) && word(i_, "from")) s_.from_side = true;
    return true;
}

/// A value stated beside the figure: "on [the] N", "from N", "when [just]
/// N" (earlier); "to N", "at N" (later); "of [the] N" (the whole of a share).
constexpr bool parser::read_value(std::size_t k) {
    const std::string_view w = at(k).text;
    const bool of = same_word(w, "of") && after_direction_ != k + 1;
    const bool marker = same_word(w, "on") || same_word(w, "from") || same_word(w, "to") || same_word(w, "at") ||
                        same_word(w, "when") || of;
    if (!marker) return false;
    std::size_t n = k + 1;
    while (word(n, "the") || word(n, "just") || word(n, "only")) ++n;
    if (!is_kind(n, token_kind::number) || is_year(n)) return false;
    if (of) {
        read_whole(n);
        return true;
    }
    const bool earlier = same_word(w, "on") || same_word(w, "from") ||
                         (same_word(w, "when") && (s_.last_time == 1 || (s_.last_time == 0 && s_.from_side)));
    const stated_number value = stated_number::parse(at(n).text);
    std::optional<stated_number>& slot = earlier ? s_.from_value : s_.to_value;
    if (slot) {
        fail(text_, std::string("it states two ") + (earlier ? "earlier" : "later") + " values, " + slot->text() +
                        " and " + value.text());
    }
    slot = value;
    i_ = n + 1;
    if (is_kind(i_, token_kind::percent_sign) || word(i_, "percent")) {
        ++i_;
    } else if (word(i_, "per") && word(i_ + 1, "cent")) {
        i_ += 2;
    }
    // "from 4,963 in 2015 to 10,213 in 2018": a time after the value is its side's
    s_.from_side = earlier;
    return true;
}

constexpr void parser::read_word() {
    const std::size_t k = i_;
    const std::string_view w = at(k).text;
    // negations first: "no more than" is a hedge, read before this
    const bool nt = (w.size() > 3 && same_word(w.substr(w.size() - 3), "n't")) ||
                    (w.size() > 5 && w.substr(w.size() - 5) == "n\xE2\x80\x99t");
    if (same_word(w, "not") || same_word(w, "no") || same_word(w, "never") || same_word(w, "nor") ||
        same_word(w, "neither") || nt) {
        fail(text_, "it negates the claim with \"" + std::string(w) + "\", and tally does not read negations");
    }
    if (read_fraction(k)) return;
    if (const int n = number_word(w); n != 0) {
        read_number(stated_number{n, 0, 1}, w, k + 1);
        return;
    }
    if (read_multiple_word(k)) return;
    if (same_word(w, "hundreds") || same_word(w, "thousands") || same_word(w, "millions")) {
        s_.has_magnitude = true;
        s_.order = same_word(w, "hundreds")    ? tally::magnitude::hundreds
                   : same_word(w, "thousands") ? tally::magnitude::thousands
                                               : tally::magnitude::millions;
        i_ = word(k + 1, "of") ? k + 2 : k + 1;
        return;
    }
    if ((same_word(w, "total") || same_word(w, "factor")) && word(k + 1, "of")) {
        (same_word(w, "total") ? total_pending_ : multiple_pending_) = true;
        i_ = k + 2;
        return;
    }
    if (read_direction(k) || read_value(k)) return;
    if (same_word(w, "than") || same_word(w, "compared") || (same_word(w, "as") && s_.first)) s_.from_side = true;
    if (one_of(w, linking_words) || same_word(w, "under") || same_word(w, "about") || same_word(w, "around") ||
        same_word(w, "above") || same_word(w, "below") || same_word(w, "more") || same_word(w, "less") ||
        same_word(w, "fewer") || same_word(w, "almost") || same_word(w, "nearly") || same_word(w, "roughly")) {
        i_ = k + 1;
        return;
    }
    skip(w);
    i_ = k + 1;
}

/// The claim's kind and figure, from the first figure read.
constexpr void parser::assemble_figure(claim& c) {
    const figure& f = *s_.first;
    // built by appending: g++ 12 at -O3 warns (-Wrestrict, falsely) on "\"" + std::string(...)
    std::string quoted(1, '"');
    quoted.append(f.text);
    quoted.push_back('"');
    const bool changed = s_.dir == tally::direction::rise || s_.dir == tally::direction::fall;
    c.number = f.number;
    c.hedge = f.hedge;
    switch (f.kind) {
    case figure_kind::percent:
        if (f.share || s_.part_value) {
            c.kind = claim_kind::share;
            c.stated_part = s_.part_value;
        } else {
            // with no direction, a bare percent: a signed change against a change, a share against a share
            c.kind = claim_kind::percent_change;
            c.stated_direction = changed ? s_.dir : tally::direction::undefined;
        }
        break;
    case figure_kind::points:
        if (!changed) fail(text_, "it states " + quoted + " but not whether it is a rise or a fall" + unread(s_));
        c.kind = claim_kind::points;
        c.stated_direction = s_.dir;
        break;
    case figure_kind::multiple:
        if (s_.dir == tally::direction::fall && c.number.value() > 1) {
            fail(text_, "it states a fall (\"" + std::string(s_.dir_word) + "\") by the multiple " + quoted +
                            ", which tally does not read; state the fall as a percent");
        }
        if (s_.dir == tally::direction::rise && c.number.value() < 1) {
            fail(text_, "it states a rise (\"" + std::string(s_.dir_word) + "\") and the multiple " + quoted);
        }
        c.kind = claim_kind::multiple;
        c.times_higher = f.times_higher;
        break;
    case figure_kind::fraction:
        // a fraction of a whole, in percent: "a third" is 100/3 %
        c.number.digits *= 100;
        c.kind = !f.share && changed ? claim_kind::percent_change : claim_kind::share;
        if (c.kind == claim_kind::percent_change) c.stated_direction = s_.dir;
        break;
    case figure_kind::total: c.kind = claim_kind::total; break;
    case figure_kind::difference:
        if (!changed) fail(text_, "it states the change " + quoted + " but not whether it is a rise or a fall" + unread(s_));
        c.kind = claim_kind::difference;
        c.stated_direction = s_.dir;
        break;
    }
    if (s_.difference) {
        if (c.kind != claim_kind::percent_change || !changed) {
            fail(text_, "it states the change " + s_.difference->text() + " beside " + quoted +
                            " but not whether it is a rise or a fall");
        }
        c.stated_difference = s_.difference;
    }
    if (s_.second) c.second_figure = s_.second->number;
    if (s_.has_magnitude) fail(text_, "it states both a magnitude and " + quoted);
}

/// The values and times stated beside the claim.
constexpr void parser::assemble_values(claim& c) {
    // a bare number before a change is its later value: "387, down from 594"
    const bool about_change = c.kind == claim_kind::percent_change || c.kind == claim_kind::multiple ||
                              c.kind == claim_kind::direction || c.kind == claim_kind::points ||
                              c.kind == claim_kind::difference;
    if (s_.bare_count == 1 && about_change && !s_.to_value && s_.bare_hedge[0] == tally::hedge::none &&
        s_.bare_at[0] < s_.claim_at) {
        s_.to_value = s_.bare[0];
        s_.bare_count = 0;
    }
    if (s_.bare_count != 0) {
        fail(text_, "it states " + std::string(s_.bare_text[0]) + " beside its claim and does not say what " +
                        std::string(s_.bare_text[0]) + " is");
    }
    if ((s_.from_value || s_.to_value) && !about_change) {
        fail(text_, "it states an earlier or later value, but its claim is not about a change");
    }
    if (s_.whole_value && c.kind != claim_kind::share) {
        fail(text_, "it states the whole " + s_.whole_value->text() + ", but its claim is not a share of a whole");
    }
    // "between 2017 and 2015": refused, not checked backwards
    if (s_.from_time.named() && s_.to_time.named()) {
        const auto order = [](const claim_time& t) { return t.year * 100 + (t.month == 0 ? 12 : t.month); };
        if (order(s_.from_time) > order(s_.to_time)) {
            fail(text_, "its earlier time, " + time_words(s_.from_time) + ", is after its later time, " +
                            time_words(s_.to_time) + "; name the earlier time first");
        }
    }
    c.stated_from = s_.from_value;
    c.stated_to = s_.to_value;
    c.stated_whole = s_.whole_value;
    c.from_time = s_.from_time;
    c.to_time = s_.to_time;
    c.previous_period = s_.previous;
    c.since = s_.since;
}

constexpr claim parser::assemble() {
    claim c{};
    if (s_.first) {
        assemble_figure(c);
    } else if (s_.has_magnitude) {
        c.kind = claim_kind::magnitude;
        c.order = s_.order;
    } else if (s_.dir != tally::direction::undefined) {
        c.kind = claim_kind::direction;
        c.stated_direction = s_.dir;
    } else if (s_.bare_count == 1 && !s_.from_value && !s_.to_value) {
        c.kind = claim_kind::value;
        c.number = s_.bare[0];
        c.hedge = s_.bare_hedge[0];
        s_.bare_count = 0;
    } else if (s_.bare_count == 0 && !s_.from_value && !s_.to_value) {
        fail(text_, std::string(text_.empty() ? "it is empty" : "it has no figure, direction, magnitude or number tally reads") +
                        unread(s_));
    } else {
        fail(text_, "it states numbers without a figure or direction saying what they are" + unread(s_));
    }
    assemble_values(c);
    return c;
}

constexpr parsed_claim parser::run() {
    while (i_ < size()) {
        const token& t = at(i_);
        switch (t.kind) {
        case token_kind::number:
            if (read_time()) break;
            read_number(stated_number::parse(t.text), t.text, i_ + 1);
            break;
        case token_kind::word:
            if (read_hedge() || read_time()) break;
            read_word();
            break;
        case token_kind::open:
            paren_ = true;
            paren_after_number_ = i_ > 0 && at(i_ - 1).kind == token_kind::number;
            paren_at_ = i_;
            ++i_;
            break;
        case token_kind::close:
            paren_ = false;
            ++i_;
            break;
        case token_kind::percent_sign: fail(text_, "it has a \"%\" with no number before it");
        case token_kind::joiner:
            fail(text_, "it joins two numbers as \"" + std::string(span_text(i_ > 0 ? i_ - 1 : i_, i_ + 2)) +
                            "\", which tally does not read; a span of years is written \"2015-18\" or \"2015-2018\", "
                            "a fiscal year \"2015/16\"");
        }
    }
    if (pending_hedge_ != tally::hedge::none) fail(text_, "it has a hedge with no figure after it");
    if (total_pending_) fail(text_, "it has \"total of\" with no number after it");
    if (multiple_pending_) fail(text_, "it has \"factor of\" with no number after it");
    parsed_claim out{};
    out.claim = assemble();
    out.skipped = s_.skipped;
    out.skipped_count = s_.skipped_count;
    return out;
}


} // namespace detail::parsing

constexpr parsed_claim parse_claim_details(std::string_view text) {
    detail::parsing::require_readable(text);
    detail::parsing::parser p(text);
    return p.run();
}

constexpr claim parse_claim(std::string_view text) { return parse_claim_details(text).claim; }

template <arithmetic T>
constexpr verdict check(const change<T>& c, std::string_view text, const claim_options& options) {
    return check(c, parse_claim(text), options);
}

template <arithmetic T>
constexpr verdict check(T value, std::string_view text, const claim_options& options) {
    return check(value, parse_claim(text), options);
}

template <arithmetic T>
constexpr verdict check(const share<T>& s, std::string_view text, const claim_options& options) {
    return check(s, parse_claim(text), options);
}

template <arithmetic T>
constexpr verdict check(const share<T>& earlier, const share<T>& later, std::string_view text,
                        const claim_options& options) {
    return check(earlier, later, parse_claim(text), options);
}

template <std::integral Year, arithmetic V>
    requires(!std::same_as<Year, bool>)
verdict check(const time_series<Year, V>& series, std::string_view text, const claim_options& options) {
    const claim cl = parse_claim(text);
    const std::string quoted = "the claim " + detail::quote(text);
    for (const claim_time& t : {cl.from_time, cl.to_time}) {
        if (t.month != 0 || t.fiscal) {
            throw invalid_argument(quoted + " is about " + std::string(t.fiscal ? "the fiscal year " : "") +
                                   detail::parsing::time_words(t) + ", which a series of years does not hold.");
        }
    }
    if (cl.kind == claim_kind::share) {
        throw invalid_argument(quoted + " is about a share of a whole, which a series of counts does not hold.");
    }
    if (series.empty()) throw invalid_argument(quoted + " cannot be checked against an empty series.");
    // a year the series' time type cannot hold is a year the series has no observation at
    const auto year = [&series](int y) {
        if (!std::in_range<Year>(y)) {
            throw missing_observation("no observation at " + detail::integer_text(y) + " in a series covering " +
                                      time_text(series.first_time()) + ".." + time_text(series.last_time()) + ".");
        }
        return static_cast<Year>(y);
    };
    const auto last = series.last_time();
    if (cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude) {
        if (!cl.to_time.named()) {
            throw invalid_argument(quoted + " names no year, so it cannot be checked against a series; name one (\"in 2019\").");
        }
        verdict v = check(series.at(year(cl.to_time.year)), cl, options);
        detail::set_label(v.to_label_, time_text(year(cl.to_time.year)));
        return v;
    }
    Year t0{}, t1{};
    if (cl.since && cl.from_time.named()) {
        t0 = year(cl.from_time.year);
        t1 = last;
    } else if (cl.from_time.named() && cl.to_time.named()) {
        t0 = year(cl.from_time.year);
        t1 = year(cl.to_time.year);
    } else if (cl.to_time.named()) {
        t1 = year(cl.to_time.year);
        t0 = cl.kind == claim_kind::total ? t1 : previous_period(t1);
    } else if (cl.from_time.named()) {
        throw invalid_argument(quoted + " names its earlier year, " + detail::integer_text(cl.from_time.year) +
                               ", but not its later one, so it cannot be checked against a series.");
    } else {
        throw invalid_argument(quoted +
                               " names no year, so it cannot be checked against a series; name one (\"in 2019\", \"between 2015 and 2018\").");
    }
    if (cl.kind == claim_kind::total) {
        if (t1 < t0) {
            throw invalid_argument(quoted + " names a span from " + time_text(t0) + " back to " + time_text(t1) + ".");
        }
        verdict v{};
        const std::string span = time_text(t0) == time_text(t1) ? "in " + time_text(t0)
                                                                : "from " + time_text(t0) + " to " + time_text(t1);
        if constexpr (std::integral<V>) {
            // the sum of 64-bit values can pass 64 bits: summed in 128 bits, then checked
            detail::int128 sum = 0;
            for (Year t = t0;; t = next_period(t)) {
                sum += series.at(t);
                if (t == t1) break;
            }
            if (sum > std::numeric_limits<std::int64_t>::max() || sum < std::numeric_limits<std::int64_t>::min()) {
                throw overflow_error("the sum of the values " + span + ", " + detail::integer_text(sum) +
                                     ", does not fit in a 64-bit signed integer.");
            }
            v = check(static_cast<std::int64_t>(sum), cl, options);
        } else {
            // a sum past the largest finite V is refused, never checked as inf
            long double sum = 0;
            for (Year t = t0;; t = next_period(t)) {
                const V x = series.at(t);
                const long double before = sum;
                sum += static_cast<long double>(x);
                const long double size = sum < 0 ? -sum : sum;
                if (!(size <= static_cast<long double>(std::numeric_limits<V>::max())) && before - before == 0 &&
                    x - x == 0) {
                    throw overflow_error("the sum of the values " + span + " passes the largest finite value of their type: " +
                                         detail::floating_text(static_cast<double>(x)) + " in " + time_text(t) +
                                         " added to the running total of " +
                                         detail::floating_text(static_cast<double>(before)) + ".");
                }
                if (t == t1) break;
            }
            v = check(sum, cl, options);
        }
        detail::set_label(v.from_label_, time_text(t0));
        detail::set_label(v.to_label_, time_text(t1));
        return v;
    }
    const V from = series.at(t0);  // in this order, so the earlier missing time is named
    const V to = series.at(t1);
    verdict v = check(change<V>{from, to}, cl, options);
    detail::set_label(v.from_label_, time_text(t0));
    detail::set_label(v.to_label_, time_text(t1));
    return v;
}

template <arithmetic V>
verdict check(const time_series<std::chrono::year_month, V>& series, std::string_view text,
              const claim_options& options) {
    using std::chrono::year_month;
    const claim cl = parse_claim(text);
    const std::string quoted = "the claim " + detail::quote(text);
    if (cl.kind == claim_kind::share) {
        throw invalid_argument(quoted + " is about a share of a whole, which a series of counts does not hold.");
    }
    if (series.empty()) throw invalid_argument(quoted + " cannot be checked against an empty series.");
    for (const claim_time& t : {cl.from_time, cl.to_time}) {
        if (t.fiscal) {
            throw invalid_argument(quoted + " is about the fiscal year " + detail::parsing::time_words(t) +
                                   ", which tally does not read from a series of months; aggregate it to fiscal years.");
        }
    }
    // a span of months, by its last month and its length
    struct span {
        year_month last;
        std::int64_t months;
        std::string words;
    };
    const auto named = [](const claim_time& t) {
        const year_month end{std::chrono::year{t.year}, std::chrono::month{static_cast<unsigned>(t.month == 0 ? 12 : t.month)}};
        return span{end, 12, detail::parsing::time_words(t)};
    };
    // the span of the same length a year earlier, named the same way
    const auto year_before = [](const span& x, bool rolling) {
        const year_month end = advance(x.last, -12);
        const claim_time t{static_cast<int>(end.year()), rolling ? static_cast<int>(static_cast<unsigned>(end.month())) : 0};
        return span{end, 12, detail::parsing::time_words(t)};
    };
    const auto sum = [&](const span& x) {
        if constexpr (std::integral<V>) {
            detail::int128 total = 0;
            for (std::int64_t k = x.months - 1; k >= 0; --k) total += series.at(advance(x.last, -k));
            if (total > std::numeric_limits<std::int64_t>::max() || total < std::numeric_limits<std::int64_t>::min()) {
                throw overflow_error("the sum of the values in " + x.words + ", " + detail::integer_text(total) +
                                     ", does not fit in a 64-bit signed integer.");
            }
            return static_cast<std::int64_t>(total);
        } else {
            // a sum past the largest finite V is refused, never checked as inf
            long double total = 0;
            for (std::int64_t k = x.months - 1; k >= 0; --k) {
                const year_month m = advance(x.last, -k);
                const V value = series.at(m);
                const long double before = total;
                total += static_cast<long double>(value);
                const long double size = total < 0 ? -total : total;
                if (!(size <= static_cast<long double>(std::numeric_limits<V>::max())) && before - before == 0 &&
                    value - value == 0) {
                    throw overflow_error("the sum of the values in " + x.words + " passes the largest finite value of their type: " +
                                         detail::floating_text(static_cast<double>(value)) + " in " + time_text(m) +
                                         " added to the running total of " +
                                         detail::floating_text(static_cast<double>(before)) + ".");
                }
            }
            return total;
        }
    };
    const auto labelled = [](verdict v, const std::string& from, const std::string& to) {
        if (!from.empty()) detail::set_label(v.from_label_, from);
        detail::set_label(v.to_label_, to);
        return v;
    };
    if (cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude ||
        (cl.kind == claim_kind::total && !cl.from_time.named())) {
        if (!cl.to_time.named()) {
            throw invalid_argument(quoted +
                                   " names no time, so it cannot be checked against a series; name one (\"in 2019\", "
                                   "\"in the 12 months to March 2019\").");
        }
        const span x = named(cl.to_time);
        return labelled(check(sum(x), cl, options), "", x.words);
    }
    if (cl.kind == claim_kind::total) {
        // "between 2015 and 2018", "since 2015": January of the first to the end of the last
        const span first = named(cl.from_time);
        const span last = cl.since ? span{series.last_time(), 12, time_text(series.last_time())} : named(cl.to_time);
        const year_month begin = advance(first.last, -(first.months - 1));
        const std::int64_t months = periods_between(begin, last.last) + 1;
        if (months < 1) throw invalid_argument(quoted + " names a span that ends before it begins.");
        const span whole{last.last, months, time_text(begin) + ".." + time_text(last.last)};
        return labelled(check(sum(whole), cl, options), time_text(begin), time_text(last.last));
    }
    span later{}, earlier{};
    if (cl.since && cl.from_time.named()) {
        const year_month end = series.last_time();
        later = span{end, 12,
                     detail::parsing::time_words(claim_time{static_cast<int>(end.year()),
                                                            static_cast<int>(static_cast<unsigned>(end.month()))})};
        earlier = named(cl.from_time);
    } else if (cl.to_time.named()) {
        later = named(cl.to_time);
        earlier = cl.from_time.named() ? named(cl.from_time) : year_before(later, cl.to_time.month != 0);
    } else if (cl.from_time.named()) {
        throw invalid_argument(quoted + " names its earlier time, " + detail::parsing::time_words(cl.from_time) +
                               ", but not its later one, so it cannot be checked against a series.");
    } else {
        throw invalid_argument(quoted + " names no time, so it cannot be checked against a series; name one (\"in 2019\", "
                                        "\"in the 12 months to March 2019\").");
    }
    const auto from = sum(earlier);  // in this order, so the first month missing is named
    const auto to = sum(later);
    return labelled(check(change{from, to}, cl, options), earlier.words, later.words);
}


namespace detail {

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
    if constexpr (std::same_as<Time, std::chrono::year_month_day>) {
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

/// The sum of a series over [first, last], each period present (else
/// missing_observation names the first missing); an integer sum past 64 bits
/// or a floating sum past the type's largest finite value throws overflow_error.
template <class Time, class V>
[[nodiscard]] auto series_sum(const time_series<Time, V>& series, Time first, Time last, const std::string& words) {
    if constexpr (std::integral<V>) {
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

} // namespace detail

template <class Time, arithmetic V>
    requires detail::month_claim_calendar<Time>
verdict check(const time_series<Time, V>& series, std::string_view text, const claim_options& options) {
    const claim cl = parse_claim(text);
    const std::string quoted = "the claim " + detail::quote(text);
    if (cl.kind == claim_kind::share) {
        throw invalid_argument(quoted + " is about a share of a whole, which a series of counts does not hold.");
    }
    if (series.empty()) throw invalid_argument(quoted + " cannot be checked against an empty series.");
    const auto labelled = [](verdict v, const std::string& from, const std::string& to) {
        if (!from.empty()) detail::set_label(v.from_label_, from);
        detail::set_label(v.to_label_, to);
        return v;
    };
    // the months ending with the series' last period, for "since 2015"
    const auto last_twelve = [&] {
        std::chrono::year_month end{};
        if constexpr (std::same_as<Time, std::chrono::year_month_day>) {
            end = series.last_time().year() / series.last_time().month();
        } else {
            end = series.last_time().last_month();
        }
        return detail::month_span{advance(end, -11), end, "the 12 months to " + time_text(end)};
    };
    const auto sum = [&](const detail::month_span& m) {
        const auto [a, b] = detail::periods_of<Time>(m, quoted);
        return detail::series_sum(series, a, b, "in " + m.words);
    };
    const bool single = cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude ||
                        (cl.kind == claim_kind::total && !cl.from_time.named());
    if (!cl.to_time.named() && !(cl.since && cl.from_time.named())) {
        throw invalid_argument(quoted + (cl.from_time.named() ? " names its earlier time but not its later one"
                                                              : " names no time") +
                               ", so it cannot be checked against a series; name one (\"in 2019\", \"in 2018/19\").");
    }
    if (single) {
        const detail::month_span m = detail::claim_months<Time>(cl.to_time);
        return labelled(check(sum(m), cl, options), "", m.words);
    }
    const detail::month_span later = cl.since ? last_twelve() : detail::claim_months<Time>(cl.to_time);
    if (cl.kind == claim_kind::total) {
        const detail::month_span first = detail::claim_months<Time>(cl.from_time);
        const detail::month_span whole{first.first, later.last, first.words + " to " + later.words};
        if (whole.last < whole.first) throw invalid_argument(quoted + " names a span that ends before it begins.");
        return labelled(check(sum(whole), cl, options), first.words, later.words);
    }
    detail::month_span earlier{};
    if (cl.from_time.named()) {
        earlier = detail::claim_months<Time>(cl.from_time);
    } else {
        earlier = detail::month_span{advance(later.first, -12), advance(later.last, -12), "the same months a year earlier"};
    }
    const auto from = sum(earlier);  // in this order, so the first period missing is named
    const auto to = sum(later);
    return labelled(check(change{from, to}, cl, options), earlier.words, later.words);
}

} // namespace tally
