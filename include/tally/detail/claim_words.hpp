#pragma once
// tally/detail/claim_words.hpp: the words of the claim grammar (written
// out in docs/claims.md): the tokenizer, which refuses by name every
// character and glued number it does not read, and the word lists the
// parser reads: directions, hedges' neighbours, numbers, fractions,
// multiples, and the figure words it must never skip.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../claim.hpp"
#include "../error.hpp"
#include "text.hpp"
#include "utf8.hpp"

namespace tally::detail {

namespace parsing {

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

/// Throws parse_error: "tally cannot read a claim in "<text>": <why>." A
/// control byte the reason quotes from the text (a NUL, a tab) is written
/// \x00, never echoed raw.
[[noreturn]] inline void fail(std::string_view text, const std::string& why) {
    std::string message = "tally cannot read a claim in " + quote(text) + ": ";
    for (const char c : why) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 || b == 0x7F) {
            message += byte_text(b);
        } else {
            message += c;
        }
    }
    message += '.';
    throw parse_error(message);
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
    fail(text, "tally does not read " + quote(text.substr(begin, end - begin)) +
                   "; write a number in digits with at most a % or \"pc\" after it");
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

inline constexpr std::array<std::string_view, 39> rise_words{
    "rise", "rises", "rose", "risen", "rising", "increase", "increased", "increases", "increasing", "jump", "jumped", "jumps", "climb", "climbed", "climbs", "climbing", "up", "grew", "grown", "grow", "grows", "growing", "surge", "surged", "surges", "surging", "soar", "soared", "soars", "soaring", "rocketed", "leapt", "leaped", "gain", "gained", "gains", "expanded", "expand", "expands"};
inline constexpr std::array<std::string_view, 36> fall_words{
    "fall", "falls", "fell", "fallen", "falling", "drop", "dropped", "drops", "dropping", "decline", "declined", "declines", "declining", "decrease", "decreased", "decreases", "decreasing", "down", "plunge", "plunged", "plunges", "slump", "slumped", "slumps", "tumbled", "slid", "dipped", "shrank", "shrunk", "shrink", "shrinks", "contracted", "contract", "sank", "cut", "reduced"};
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
inline constexpr std::array<std::string_view, 108> figure_words{
    "zero", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "dozen", "dozens", "half", "halves", "halved", "halving", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths", "seventh", "eighth", "ninth", "tenth", "tenths", "hundredth", "twice", "double", "doubled", "doubling", "triple", "tripled", "tripling", "treble", "trebled", "quadruple", "quadrupled", "fold", "factor", "times", "percent", "per", "cent", "pc", "pp", "percentage", "point", "points", "bn", "tn", "record", "records", "highest", "lowest", "peak", "most", "least", "fewest", "largest", "smallest", "biggest", "majority", "first", "second", "consecutive", "high", "highs", "low", "lows", "all-time", "annually", "annum", "yearly", "each", "every", "annualised", "annualized", "average", "slowed", "slowing", "accelerated", "accelerating", "narrowed", "widened", "eased", "swing", "slowest", "fastest", "worst", "best", "sharpest", "steepest", "strongest", "weakest", "greatest", "longest", "shortest", "deepest", "highest-ever", "lowest-ever", "unprecedented"};
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

} // namespace parsing

} // namespace tally::detail
