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

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail::parsing {

enum class token_kind { word, number, percent_sign, open, close };

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
    throw parse_error("tally cannot read a claim in " + quoted_text(text) + ": " + why + ".");
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

/// Splits text into words, numbers, "%", "(" and ")"; other punctuation is dropped.
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
            push(token_kind::number, begin, i);
        } else if (is_letter(c)) {
            const std::size_t begin = i++;
            while (i < text.size() && (is_letter(text[i]) || is_digit(text[i]) ||
                                       ((text[i] == '-' || text[i] == '\'') && i + 1 < text.size() &&
                                        is_letter(text[i + 1])))) {
                ++i;
            }
            push(token_kind::word, begin, i);
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
inline constexpr std::array<std::string_view, 12> number_words{
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"};

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
    tally::direction dir = tally::direction::undefined;
    std::string_view dir_word{};
    bool has_magnitude = false;
    tally::magnitude order = tally::magnitude::hundreds;
    std::optional<stated_number> from_value{}, to_value{}, part_value{};
    std::array<stated_number, 4> bare{};
    std::array<tally::hedge, 4> bare_hedge{};
    std::array<std::string_view, 4> bare_text{};
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

/// A claim's time in words: "2019", "the 12 months to March 2019".
[[nodiscard]] inline std::string time_words(const claim_time& t) {
    if (t.month == 0) return integer_text(t.year);
    std::string month(month_names[static_cast<std::size_t>(t.month - 1)]);
    month[0] = static_cast<char>(month[0] - 'a' + 'A');
    return "the 12 months to " + month + " " + integer_text(t.year);
}

class parser {
public:
    constexpr explicit parser(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

    constexpr parsed_claim run();

private:
    std::string_view text_;
    token_list tokens_;
    reading_state s_{};
    std::size_t i_ = 0;
    tally::hedge pending_hedge_ = tally::hedge::none;
    bool paren_ = false;             ///< inside "( ... )"
    bool paren_after_number_ = false;  ///< the "(" came straight after a number
    bool total_pending_ = false;     ///< "a total of" seen; the next number is the total
    /// The token after a rise or fall word (and its "by" and hedge): a bare
    /// number there is the difference to - from ("up 12"); npos when none.
    std::size_t after_direction_ = static_cast<std::size_t>(-1);

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
    [[nodiscard]] constexpr bool is_year(std::size_t k) const noexcept {
        if (!is_kind(k, token_kind::number) || at(k).text.size() != 4) return false;
        for (char c : at(k).text) {
            if (!is_digit(c)) return false;
        }
        return at(k).text[0] != '0';
    }
    [[nodiscard]] constexpr int year_at(std::size_t k) const noexcept {
        int y = 0;
        for (char c : at(k).text) y = y * 10 + (c - '0');
        return y;
    }
    /// The fraction words at k ("a third", "two thirds", "half"): numerator,
    /// divisor and the number of tokens; {0, 0, 0} when none.
    struct fraction_words {
        std::int64_t numerator = 0;
        std::int64_t divisor = 0;
        std::size_t length = 0;
    };
    [[nodiscard]] constexpr fraction_words fraction_at(std::size_t k) const noexcept {
        const bool one = word(k, "a") || word(k, "an") || word(k, "one");
        if (one && (word(k + 1, "third"))) return {1, 3, 2};
        if (one && (word(k + 1, "quarter"))) return {1, 4, 2};
        if (one && word(k + 1, "half")) return {1, 2, 2};
        if (word(k, "two") && word(k + 1, "thirds")) return {2, 3, 2};
        if (word(k, "three") && word(k + 1, "quarters")) return {3, 4, 2};
        if (word(k, "half")) return {1, 2, 1};
        return {};
    }
    /// Whether a figure or a number starts at k (what a hedge needs after it).
    [[nodiscard]] constexpr bool figure_starts(std::size_t k) const noexcept {
        if (is_kind(k, token_kind::number)) return true;
        if (k >= size() || at(k).kind != token_kind::word) return false;
        const std::string_view w = at(k).text;
        return number_word(w) != 0 || fraction_at(k).length != 0 || same_word(w, "twice") ||
               same_word(w, "doubled") || same_word(w, "tripled") || same_word(w, "quadrupled") ||
               same_word(w, "halved");
    }

    constexpr void skip(std::string_view w) {
        if (s_.skipped_count == s_.skipped.size()) fail(text_, "it has more than 32 words tally does not read");
        s_.skipped[s_.skipped_count++] = w;
    }
    constexpr void set_direction(tally::direction d, std::string_view w);
    constexpr void add_figure(const figure& f);
    constexpr void set_time(bool earlier, claim_time t, std::string_view what);
    constexpr bool read_hedge();
    constexpr bool read_time();
    constexpr void read_number(stated_number n, std::string_view text, std::size_t next);
    constexpr void read_word();
    constexpr claim assemble();
};

constexpr void parser::set_direction(tally::direction d, std::string_view w) {
    if (s_.dir != tally::direction::undefined && s_.dir != d) {
        const bool rise_first = s_.dir == tally::direction::rise;
        fail(text_, "it states both a rise (\"" + std::string(rise_first ? s_.dir_word : w) + "\") and a fall (\"" +
                        std::string(rise_first ? w : s_.dir_word) + "\")");
    }
    s_.dir = d;
    s_.dir_word = w;
}

constexpr void parser::add_figure(const figure& f) {
    if (!s_.first) {
        s_.first = f;
        return;
    }
    if (paren_ && !s_.second && f.kind == s_.first->kind && f.hedge == tally::hedge::none && !f.times_higher) {
        s_.second = f;
        return;
    }
    fail(text_, "it states two figures, \"" + std::string(s_.first->text) + "\" and \"" + std::string(f.text) +
                    "\"; check one claim at a time");
}

constexpr void parser::set_time(bool earlier, claim_time t, std::string_view what) {
    claim_time& slot = earlier ? s_.from_time : s_.to_time;
    if (slot.named()) {
        fail(text_, std::string("it names two ") + (earlier ? "earlier" : "later") + " times, " +
                        integer_text(slot.year) + " and \"" + std::string(what) + "\"");
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
        if (!figure_starts(k)) continue;
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
    if (word(k, "between") && is_year(k + 1) && word(k + 2, "and") && is_year(k + 3)) {
        set_time(true, claim_time{year_at(k + 1), 0}, at(k + 1).text);
        set_time(false, claim_time{year_at(k + 3), 0}, at(k + 3).text);
        i_ = k + 4;
        return true;
    }
    if (word(k, "since") && is_year(k + 1)) {
        set_time(true, claim_time{year_at(k + 1), 0}, at(k + 1).text);
        s_.since = true;
        i_ = k + 2;
        return true;
    }
    if ((word(k, "on") || word(k, "from") || word(k, "than") || word(k, "with")) && is_year(k + 1)) {
        set_time(true, claim_time{year_at(k + 1), 0}, at(k + 1).text);
        s_.from_side = true;
        i_ = k + 2;
        return true;
    }
    if (word(k, "to") && is_year(k + 1)) {
        set_time(false, claim_time{year_at(k + 1), 0}, at(k + 1).text);
        i_ = k + 2;
        return true;
    }
    if (word(k, "in") && is_year(k + 1)) {
        set_time(s_.from_side, claim_time{year_at(k + 1), 0}, at(k + 1).text);
        i_ = k + 2;
        return true;
    }
    if ((word(k, "in") || word(k, "during")) && k + 1 < size() && at(k + 1).kind == token_kind::word &&
        month_of(at(k + 1).text) != 0 && is_year(k + 2)) {
        fail(text_, "it names the single month \"" + std::string(at(k + 1).text) + " " + std::string(at(k + 2).text) +
                        "\", and tally reads years and 12 months to a month");
    }
    // "12 months to March 2019", "twelve months ending March 2019", "the year to March 2019"
    std::size_t m = k;
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

/// A number (written in digits or words) at the token before `next`.
constexpr void parser::read_number(stated_number n, std::string_view text, std::size_t next) {
    const tally::hedge h = pending_hedge_;
    pending_hedge_ = tally::hedge::none;
    const std::size_t start = next - 1;
    i_ = next;
    // "pc" ("12pc", "12 pc") is per cent, as British newspapers write it
    const bool percent = is_kind(i_, token_kind::percent_sign) || (word(i_, "per") && word(i_ + 1, "cent")) ||
                         word(i_, "percent") || word(i_, "pc");
    const std::size_t after_percent =
        is_kind(i_, token_kind::percent_sign) || word(i_, "percent") || word(i_, "pc") ? i_ + 1 : i_ + 2;
    if (word(i_, "hundred") || word(i_, "thousand") || word(i_, "million") || word(i_, "billion")) {
        fail(text_, "it writes an amount in words, \"" + std::string(text) + " " + std::string(at(i_).text) +
                        "\", which tally does not read; write it in digits");
    }
    if (percent) {
        // a value stated beside the figure ("from 28.6% to 29.8%") is handled by the marker
        figure f{figure_kind::percent, n, h, false, false, span_text(start, after_percent)};
        if (n.digits < 0) {
            set_direction(tally::direction::fall, f.text);
            f.number.digits = -n.digits;
        } else if (!text.empty() && text[0] == '+') {
            set_direction(tally::direction::rise, f.text);
        }
        i_ = after_percent;
        if (word(i_, "of")) {
            f.share = true;
            ++i_;
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
        return;
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
        add_figure(f);
        return;
    }
    if (word(i_, "times")) {
        ++i_;
        figure f{figure_kind::multiple, n, h, false, false, text};
        if (word(i_, "as") && i_ + 1 < size() && at(i_ + 1).kind == token_kind::word) {
            i_ += 2;
        } else if (word(i_, "higher") || word(i_, "more") || word(i_, "larger") || word(i_, "bigger") ||
                   word(i_, "greater")) {
            f.times_higher = true;
            ++i_;
        } else if (word(i_, "lower") || word(i_, "less") || word(i_, "smaller") || word(i_, "fewer")) {
            fail(text_, "\"" + std::string(text) + " times " + std::string(at(i_).text) +
                            "\" has no arithmetic reading tally can check");
        }
        if (n.digits <= 0) fail(text_, "the multiple \"" + std::string(text) + " times\" is not above zero");
        // "eight times" has no written precision; "8 times" has
        f.number.in_words = !text.empty() && is_letter(text[0]);
        f.text = span_text(start, i_);
        add_figure(f);
        return;
    }
    if (total_pending_) {
        total_pending_ = false;
        add_figure(figure{figure_kind::total, n, h, false, false, text});
        return;
    }
    if (start == after_direction_) {
        // "up 12", "fell by 30": a number straight after a direction, without a
        // unit, is the difference to - from, not the later value
        figure f{figure_kind::difference, n, h, false, false, text};
        if (f.number.digits < 0) f.number.digits = -f.number.digits;
        add_figure(f);
        return;
    }
    if (s_.bare_count == s_.bare.size()) fail(text_, "it states more than four numbers");
    s_.bare[s_.bare_count] = n;
    s_.bare_hedge[s_.bare_count] = h;
    s_.bare_text[s_.bare_count] = text;
    ++s_.bare_count;
}

constexpr void parser::read_word() {
    const std::size_t k = i_;
    const std::string_view w = at(k).text;
    // negations first: "no more than" is a hedge, read before this
    if (same_word(w, "not") || same_word(w, "no") || same_word(w, "never") || same_word(w, "nor") ||
        same_word(w, "neither") || (w.size() > 3 && same_word(w.substr(w.size() - 3), "n't"))) {
        fail(text_, "it negates the claim with \"" + std::string(w) + "\", and tally does not read negations");
    }
    // fractions: "a third", "two thirds", "half"
    if (const fraction_words fr = fraction_at(k); fr.length != 0) {
        const tally::hedge h = pending_hedge_;
        pending_hedge_ = tally::hedge::none;
        figure f{figure_kind::fraction, stated_number{fr.numerator, 0, fr.divisor}, h, false, false,
                 span_text(k, k + fr.length)};
        i_ = k + fr.length;
        if (word(i_, "of")) {
            f.share = true;
            ++i_;
        }
        add_figure(f);
        return;
    }
    // numbers in words
    if (const int n = number_word(w); n != 0) {
        read_number(stated_number{n, 0, 1}, w, k + 1);
        return;
    }
    // multiples in one word
    struct multiple_word {
        std::string_view word;
        std::int64_t numerator;
        std::int64_t divisor;
    };
    constexpr std::array<multiple_word, 5> multiples{{
        {"twice", 2, 1}, {"doubled", 2, 1}, {"tripled", 3, 1}, {"quadrupled", 4, 1}, {"halved", 1, 2}}};
    for (const multiple_word& m : multiples) {
        if (!same_word(w, m.word)) continue;
        const tally::hedge h = pending_hedge_;
        pending_hedge_ = tally::hedge::none;
        i_ = k + 1;
        if (same_word(w, "twice") && word(i_, "as") && i_ + 1 < size() && at(i_ + 1).kind == token_kind::word) i_ += 2;
        add_figure(figure{figure_kind::multiple, stated_number::words(m.numerator, m.divisor), h, false, false, w});
        return;
    }
    // magnitudes
    if (same_word(w, "hundreds") || same_word(w, "thousands") || same_word(w, "millions")) {
        s_.has_magnitude = true;
        s_.order = same_word(w, "hundreds")    ? tally::magnitude::hundreds
                   : same_word(w, "thousands") ? tally::magnitude::thousands
                                               : tally::magnitude::millions;
        i_ = word(k + 1, "of") ? k + 2 : k + 1;
        return;
    }
    if (same_word(w, "hundred") || same_word(w, "thousand") || same_word(w, "million") || same_word(w, "billion")) {
        fail(text_, "it writes an amount in words, \"" + std::string(w) + "\", which tally does not read; write it in digits");
    }
    if (same_word(w, "total") && word(k + 1, "of")) {
        total_pending_ = true;
        i_ = k + 2;
        return;
    }
    // directions ("up to N" was read as a hedge before this)
    if (one_of(w, rise_words) || same_word(w, "higher")) {
        set_direction(tally::direction::rise, w);
        i_ = k + 1;
        after_direction_ = word(i_, "by") ? i_ + 1 : i_;
        if (same_word(w, "up") && word(i_, "from")) s_.from_side = true;
        return;
    }
    if (one_of(w, fall_words) || same_word(w, "lower")) {
        set_direction(tally::direction::fall, w);
        i_ = k + 1;
        after_direction_ = word(i_, "by") ? i_ + 1 : i_;
        if (same_word(w, "down") && word(i_, "from")) s_.from_side = true;
        return;
    }
    if (same_word(w, "unchanged")) {
        set_direction(tally::direction::unchanged, w);
        i_ = k + 1;
        return;
    }
    // values stated beside the figure
    const bool marker = same_word(w, "on") || same_word(w, "from") || same_word(w, "to") || same_word(w, "at") ||
                        same_word(w, "when");
    if (marker) {
        std::size_t n = k + 1;
        while (word(n, "the") || word(n, "just") || word(n, "only")) ++n;
        if (is_kind(n, token_kind::number) && !is_year(n)) {
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
            if (earlier) s_.from_side = true;
            return;
        }
    }
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

constexpr claim parser::assemble() {
    claim c{};
    const auto figure_words = [&](const figure& f) {
        // built by appending: g++ 12 at -O3 warns (-Wrestrict, falsely) on "\"" + std::string(...)
        std::string quoted(1, '"');
        quoted.append(f.text);
        quoted.push_back('"');
        return quoted;
    };
    if (s_.first) {
        const figure& f = *s_.first;
        c.number = f.number;
        c.hedge = f.hedge;
        switch (f.kind) {
        case figure_kind::percent:
            if (f.share || s_.part_value) {
                c.kind = claim_kind::share;
                c.stated_part = s_.part_value;
            } else if (s_.dir == tally::direction::rise || s_.dir == tally::direction::fall) {
                c.kind = claim_kind::percent_change;
                c.stated_direction = s_.dir;
            } else {
                // a bare percent: a signed change against a change, a share against a share
                c.kind = claim_kind::percent_change;
                c.stated_direction = tally::direction::undefined;
            }
            break;
        case figure_kind::points:
            if (s_.dir != tally::direction::rise && s_.dir != tally::direction::fall) {
                fail(text_, "it states " + figure_words(f) + " but not whether it is a rise or a fall" +
                                unread(s_));
            }
            c.kind = claim_kind::points;
            c.stated_direction = s_.dir;
            break;
        case figure_kind::multiple:
            c.kind = claim_kind::multiple;
            c.times_higher = f.times_higher;
            break;
        case figure_kind::fraction:
            // a fraction of a whole, in percent: "a third" is 100/3 %
            c.number.digits *= 100;
            if (!f.share && (s_.dir == tally::direction::rise || s_.dir == tally::direction::fall)) {
                c.kind = claim_kind::percent_change;
                c.stated_direction = s_.dir;
            } else {
                c.kind = claim_kind::share;
            }
            break;
        case figure_kind::total: c.kind = claim_kind::total; break;
        case figure_kind::difference:
            c.kind = claim_kind::difference;
            c.stated_direction = s_.dir;
            break;
        }
        if (s_.second) c.second_figure = s_.second->number;
        if (s_.has_magnitude) fail(text_, "it states both a magnitude and " + figure_words(f));
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

    // a bare number beside a change is its later value: "387, down from 594"
    const bool about_change = c.kind == claim_kind::percent_change || c.kind == claim_kind::multiple ||
                              c.kind == claim_kind::direction || c.kind == claim_kind::points ||
                              c.kind == claim_kind::difference;
    if (s_.bare_count == 1 && about_change && !s_.to_value && s_.bare_hedge[0] == tally::hedge::none) {
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
    c.from_time = s_.from_time;
    c.to_time = s_.to_time;
    c.previous_period = s_.previous;
    c.since = s_.since;
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
            ++i_;
            break;
        case token_kind::close:
            paren_ = false;
            ++i_;
            break;
        case token_kind::percent_sign: fail(text_, "it has a \"%\" with no number before it");
        }
    }
    if (pending_hedge_ != tally::hedge::none) fail(text_, "it has a hedge with no figure after it");
    if (total_pending_) fail(text_, "it has \"total of\" with no number after it");
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
    const std::string quoted = "the claim " + detail::quoted_text(text);
    for (const claim_time& t : {cl.from_time, cl.to_time}) {
        if (t.month != 0) {
            throw invalid_argument(quoted + " is about " + detail::parsing::time_words(t) +
                                   ", which a series of years does not hold.");
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
    const std::string quoted = "the claim " + detail::quoted_text(text);
    if (cl.kind == claim_kind::share) {
        throw invalid_argument(quoted + " is about a share of a whole, which a series of counts does not hold.");
    }
    if (series.empty()) throw invalid_argument(quoted + " cannot be checked against an empty series.");
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

} // namespace tally
