#pragma once
// tally/detail/claim_grammar.hpp: the parser of the claim grammar written
// out in docs/claims.md. It reads tokens left to right into a
// reading_state (the figure, the direction, the hedge, the values and
// times stated beside them) and assembles one claim, or refuses the
// sentence with a parse_error that names what it could not read.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "../claim.hpp"
#include "../error.hpp"
#include "claim_words.hpp"
#include "text.hpp"

namespace tally {

/// A claim as read, with the words skipped as its subject.
struct parsed_claim {
    tally::claim claim{};
    std::array<std::string_view, 32> skipped{};  ///< views into the text parsed
    std::size_t skipped_count = 0;
    /// The words skipped, in order: the claim's subject ("assaults on staff").
    [[nodiscard]] constexpr std::span<const std::string_view> skipped_words() const noexcept {
        return {skipped.data(), skipped_count};
    }
};

namespace detail::parsing {

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
    /// Whether "as <word>" starts at k ("as high", "as many"), the word not a figure word.
    [[nodiscard]] constexpr bool as_word(std::size_t k) const noexcept {
        return word(k, "as") && k + 1 < size() && at(k + 1).kind == token_kind::word &&
               (!is_figure_word(at(k + 1).text) || word(k + 1, "high"));
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
    constexpr void refuse_rate(std::string_view figure_text);
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
    // "2018/19", and "2018-19" as the UK writes a financial year: a fiscal year, never a span of two years
    if (at(k + 1).text == "/" || (second == y + 1 && at(k + 2).text.size() == 2)) {
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
    const bool earlier_word = word(k, "since") || word(k, "on") || word(k, "from") || word(k, "than") || word(k, "with") ||
                              (word(k, "to") && k > 0 && word(k - 1, "compared"));
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
    if (word(i_, "of") && !is_kind(i_ + 1, token_kind::number) && !(word(i_ + 1, "the") && is_kind(i_ + 2, token_kind::number))) {
        // "one of the worst", "3 of them": a count of things tally cannot see
        fail(text_, "it has \"" + std::string(text) + " of\" with no whole after it, which tally does not read");
    }
    if (s_.bare_count == s_.bare.size()) fail(text_, "it states more than four numbers");
    s_.bare[s_.bare_count] = n;
    s_.bare_hedge[s_.bare_count] = h;
    s_.bare_text[s_.bare_count] = text;
    s_.bare_at[s_.bare_count] = start;
    ++s_.bare_count;
}

/// Refuses a rate per period after a figure: "20% a year" is compound growth, not a change.
constexpr void parser::refuse_rate(std::string_view figure_text) {
    if (!word(i_, "a") && !word(i_, "per")) return;
    constexpr std::array<std::string_view, 6> periods{"year", "month", "week", "day", "quarter", "annum"};
    if (i_ + 1 < size() && at(i_ + 1).kind == token_kind::word && one_of(at(i_ + 1).text, periods)) {
        fail(text_, "it states \"" + std::string(figure_text) + " " + std::string(span_text(i_, i_ + 2)) +
                        "\", a rate per period, which tally does not read as a change");
    }
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
        refuse_rate(f.text);
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
    } else if (as_word(i_)) {
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
    // "rose 46% (2,375 to 3,477)": a bracketed pair is the earlier and later value, not a difference
    if (in_brackets && word(i_, "to") && is_kind(i_ + 1, token_kind::number) && !is_year(i_ + 1)) {
        if (h != tally::hedge::none || s_.from_value) {
            fail(text_, "it states the bracketed pair \"" + std::string(span_text(start, i_ + 2)) +
                            "\" with a hedge or beside another earlier value");
        }
        s_.from_value = n;
        s_.from_side = true;
        return true;
    }
    if (!after_direction && !more && !fewer && !in_brackets) return false;
    if ((more || fewer) && !after_direction) {
        set_direction(more ? tally::direction::rise : tally::direction::fall, at(i_).text);
        ++i_;
    }
    // a number straight after a direction, without a unit, is the difference
    // to - from, not the later value
    figure f{figure_kind::difference, n, h, false, false, text};
    read_or_hedge(f.hedge, text);
    refuse_rate(text);
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
    if (as_word(i_)) {
        // "half as high", "a third as many": a multiple below one
        f.kind = figure_kind::multiple;
        f.number.in_words = true;
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
    // "more than halved" is a ratio below 0.5, the opposite of "more than half as high": refused
    if (h != tally::hedge::none && n->value() < 1) {
        fail(text_, "it hedges \"" + std::string(w) +
                        "\", and a hedge on a halving reads two ways (on the ratio or on the fall); state the fall as a percent");
    }
    pending_hedge_ = tally::hedge::none;
    i_ = k + 1;
    if (as_word(i_)) {
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
    // "an extra 20", "an additional 5%", "a further 20% rise": a rise of what follows
    const bool extra = (same_word(w, "extra") || same_word(w, "additional") || same_word(w, "further") ||
                        same_word(w, "another")) &&
                       (is_kind(k + 1, token_kind::number) || (k + 1 < size() && number_word(at(k + 1).text) != 0));
    const bool rise = one_of(w, rise_words) || same_word(w, "higher") || extra;
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
    // "compared to 100", "compared with 100": the earlier value
    const bool compared = k > 0 && word(k - 1, "compared") && (same_word(w, "to") || same_word(w, "with"));
    const bool marker = same_word(w, "on") || same_word(w, "from") || same_word(w, "to") || same_word(w, "at") ||
                        same_word(w, "when") || of || compared;
    if (!marker) return false;
    std::size_t n = k + 1;
    while (word(n, "the") || word(n, "just") || word(n, "only")) ++n;
    // "compared with the 12 months to September 2015" names a time, not the value 12
    if (!is_kind(n, token_kind::number) || is_year(n) || (at(n).text == "12" && word(n + 1, "months"))) return false;
    if (of) {
        read_whole(n);
        return true;
    }
    const bool earlier = same_word(w, "on") || same_word(w, "from") || compared ||
                         (same_word(w, "when") && (s_.last_time == 1 || (s_.last_time == 0 && s_.from_side)));
    const stated_number value = stated_number::parse(at(n).text);
    std::optional<stated_number>& slot = earlier ? s_.from_value : s_.to_value;
    if (slot) {
        fail(text_, std::string("it states two ") + (earlier ? "earlier" : "later") + " values, " + slot->text() +
                        " and " + value.text());
    }
    slot = value;
    i_ = n + 1;
    const bool rate = is_kind(i_, token_kind::percent_sign) || word(i_, "percent") ||
                      (word(i_, "per") && word(i_ + 1, "cent"));
    // "was 1.8%, up from 1.6%": the percent is a rate's level, not a percent change
    if (rate && s_.first && s_.first->kind == figure_kind::percent && !s_.first->share) {
        fail(text_, "it states " + std::string(s_.first->text) + " beside the rate " + value.text() +
                        "%, so " + std::string(s_.first->text) + " may be a level and not a change; tally does not read it");
    }
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
    // "failed to rise", "fails to fall": a negation
    if ((same_word(w, "failed") || same_word(w, "fails") || same_word(w, "fail")) && word(k + 1, "to")) {
        fail(text_, "it negates the claim with \"" + std::string(span_text(k, k + 2)) +
                        "\", and tally does not read negations");
    }
    // "tens of thousands", "hundreds of thousands": magnitudes tally does not read
    if ((same_word(w, "tens") || same_word(w, "hundreds") || same_word(w, "thousands")) && word(k + 1, "of") &&
        (word(k + 2, "thousands") || word(k + 2, "millions") || same_word(w, "tens"))) {
        fail(text_, "it states the magnitude \"" + std::string(span_text(k, k + 3)) +
                        "\", which tally does not read");
    }
    // "half as high again" is 1.5 times, not a half: refused
    if (same_word(w, "again") && k >= 2 && word(k - 2, "as")) {
        fail(text_, "it has \"" + std::string(span_text(k - 2, k + 1)) + "\", which tally does not read");
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
    // "incidents per prisoner", "deaths per individual": "per" between two words is the subject's, not a rate
    // per period ("per year") or a percent ("per cent")
    if (same_word(w, "per") && k > 0 && at(k - 1).kind == token_kind::word && !is_figure_word(at(k - 1).text) &&
        k + 1 < size() && at(k + 1).kind == token_kind::word && !is_figure_word(at(k + 1).text)) {
        constexpr std::array<std::string_view, 14> periods{"year",  "years", "month", "months", "week",    "weeks", "day",
                                                           "days",  "annum", "hour",  "hours",  "quarter", "cent", "period"};
        if (!one_of(at(k + 1).text, periods)) {
            if (s_.skipped_count == s_.skipped.size()) fail(text_, "it has more than 32 words tally does not read");
            s_.skipped[s_.skipped_count++] = w;
            i_ = k + 1;
            return;
        }
    }
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
    // built only on the way to a refusal, by appending: g++ 12 at -O3 warns (-Wrestrict, falsely) on "\"" + std::string(...)
    const auto quoted = [&f] {
        std::string out(1, '"');
        out.append(f.text);
        out.push_back('"');
        return out;
    };
    const bool changed = s_.dir == tally::direction::rise || s_.dir == tally::direction::fall;
    c.number = f.number;
    c.hedge = f.hedge;
    switch (f.kind) {
    case figure_kind::percent:
        if (f.share || s_.part_value) {
            c.kind = claim_kind::share;
            c.stated_part = s_.part_value;
        } else {
            // with no direction, a bare percent: a signed change against a change, a share against a share;
            // beside words it cannot read ("the economy shrank 0.2%"), its sign is not known: refused
            if (!changed && s_.skipped_count != 0) {
                fail(text_, "it states " + quoted() + " but not whether it is a rise, a fall or a share" + unread(s_));
            }
            c.kind = claim_kind::percent_change;
            c.stated_direction = changed ? s_.dir : tally::direction::undefined;
        }
        break;
    case figure_kind::points:
        if (!changed) fail(text_, "it states " + quoted() + " but not whether it is a rise or a fall" + unread(s_));
        c.kind = claim_kind::points;
        c.stated_direction = s_.dir;
        break;
    case figure_kind::multiple:
        if (s_.dir == tally::direction::fall && c.number.value() > 1) {
            fail(text_, "it states a fall (\"" + std::string(s_.dir_word) + "\") by the multiple " + quoted() +
                            ", which tally does not read; state the fall as a percent");
        }
        if (s_.dir == tally::direction::rise && c.number.value() < 1) {
            fail(text_, "it states a rise (\"" + std::string(s_.dir_word) + "\") and the multiple " + quoted());
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
        if (!changed) fail(text_, "it states the change " + quoted() + " but not whether it is a rise or a fall" + unread(s_));
        c.kind = claim_kind::difference;
        c.stated_direction = s_.dir;
        break;
    }
    if (s_.difference) {
        if (c.kind != claim_kind::percent_change || !changed) {
            fail(text_, "it states the change " + s_.difference->text() + " beside " + quoted() +
                            " but not whether it is a rise or a fall");
        }
        c.stated_difference = s_.difference;
    }
    if (s_.second) c.second_figure = s_.second->number;
    if (s_.has_magnitude) fail(text_, "it states both a magnitude and " + quoted());
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
        // "the overall loss is about 45,000": a number stated as a loss or gain is a difference, not a level
        for (std::size_t j = 0; j < s_.skipped_count; ++j) {
            const std::string_view sw = s_.skipped[j];
            if (same_word(sw, "loss") || same_word(sw, "losses") || same_word(sw, "gain") || same_word(sw, "gains") ||
                same_word(sw, "drop") || same_word(sw, "decline") || same_word(sw, "reduction")) {
                fail(text_, "it states " + std::string(s_.bare_text[0]) + " as a \"" + std::string(sw) +
                                "\" with no direction tally reads, and does not read it as a level");
            }
        }
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

} // namespace tally
