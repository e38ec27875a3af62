#pragma once
// tally/claim.hpp: a claim as written, reduced to what it asserts.
//
//   constexpr tally::claim c = tally::claim::percent_change("110", tally::direction::rise);   // "a 110% rise"
//   tally::to_string(c);   // "a rise of 110%"
//
// A claim is a literal type: a kind (a percent change, a multiple, a
// direction, a value, a magnitude, a share, percentage points, a total, a
// change in the data's unit), the number as written with its precision
// (stated_number), a hedge ("more than", "about"), the values and times
// stated beside it. It is read from text by tally::parse_claim
// (claim_parser.hpp) or built with the factories below, and checked by
// tally::check (check.hpp). What every claim word and hedge means, the
// interval each allows, and the grammar of the parser are written once, in
// docs/claims.md.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "change.hpp"
#include "detail/int128.hpp"
#include "detail/rational_interval.hpp"
#include "detail/text.hpp"
#include "error.hpp"

namespace tally {

/// A number as written: "34.8" is 348 with 1 decimal; "10,424" is 10424.
/// Its precision is half a unit in its last written place. A fraction word
/// is digits / divisor: "a third" of a whole, in percent, is 100 / 3.
struct stated_number {
    std::int64_t digits = 0;  ///< the written digits without point or separators, with sign
    int decimals = 0;         ///< digits written after the point
    std::int64_t divisor = 1; ///< 1 for a number written in digits; 2, 3, 4 for "half", "a third", "a quarter"
    /// Written as a word ("twice", "doubled", "eight times"): no written
    /// precision, read with the "about" tolerance as fraction words are.
    bool in_words = false;

    /// Reads "110", "34.8", "-6", "10,424", "1.10"; throws parse_error naming
    /// the text when it is not such a number (at most 15 significant digits
    /// and 6 decimals; thousands separators must group by three).
    [[nodiscard]] static constexpr stated_number parse(std::string_view text);
    /// The value as a double: 34.8.
    [[nodiscard]] constexpr double value() const noexcept;
    /// Whether it is a fraction word, with no written precision.
    [[nodiscard]] constexpr bool is_fraction() const noexcept { return divisor != 1; }
    /// Whether it was written in digits, so that its precision is half a
    /// unit in its last written place (false for fraction words and words).
    [[nodiscard]] constexpr bool has_written_precision() const noexcept { return divisor == 1 && !in_words; }
    /// A multiple written as a word: words(2) is "twice", words(1, 2) "halved".
    [[nodiscard]] static constexpr stated_number words(std::int64_t digits, std::int64_t divisor = 1) noexcept {
        return stated_number{digits, 0, divisor, true};
    }
    /// The text it was read from, in canonical form: "34.8", "10,424"; a
    /// fraction as "100/3".
    [[nodiscard]] std::string text() const;
    [[nodiscard]] friend constexpr bool operator==(const stated_number&, const stated_number&) = default;
};

/// How a hedge word moves the interval a stated number allows (see the
/// header comment for each interval).
enum class hedge {
    none,        ///< the number's precision: "110" allows [109.5, 110.5]
    more_than,   ///< "more than", "over": (N, inf)
    at_least,    ///< "at least": [N, inf)
    less_than,   ///< "less than", "under", "fewer than": (-inf, N)
    at_most,     ///< "at most", "no more than", "up to": (-inf, N]
    about,       ///< "about", "around", "roughly", "approximately": N(1 -+ t), or the precision if wider
    almost,      ///< "almost", "nearly": [N(1 - t), N)
    just_over,   ///< "just over": (N, N(1 + t)]
    just_under,  ///< "just under": [N(1 - t), N)
};

/// A relative tolerance num/den, 0 <= num/den < 1 and 0 < den <= 1,000,000:
/// {5, 100} is 5%.
struct tolerance {
    std::int64_t num = 5;
    std::int64_t den = 100;
    [[nodiscard]] friend constexpr bool operator==(const tolerance&, const tolerance&) = default;
};

/// What the soft hedges mean: each a relative tolerance around N.
struct claim_options {
    tolerance about{5, 100};   ///< "about N" (and fraction words): [N(1 - t), N(1 + t)]
    tolerance almost{5, 100};  ///< "almost N", "nearly N": [N(1 - t), N)
    tolerance just{5, 100};    ///< "just over N": (N, N(1 + t)]; "just under N": [N(1 - t), N)
    [[nodiscard]] friend constexpr bool operator==(const claim_options&, const claim_options&) = default;
};

/// Orders of magnitude people write: "hundreds of" allows 200..999,
/// "thousands of" 2,000..9,999, "millions of" 2,000,000..9,999,999 (the
/// plural needs at least two of the unit; ten or more would be "tens of").
enum class magnitude { hundreds, thousands, millions };

/// What a claim is about.
enum class claim_kind {
    percent_change,  ///< the relative change from -> to, in percent
    multiple,        ///< to / from, "N times as high"
    direction,       ///< only which way it went
    value,           ///< one observation's value
    magnitude,       ///< one observation's order of magnitude
    share,           ///< a part of a whole, in percent: "11% of", "a third of"
    points,          ///< a difference of two shares or rates, in percentage points
    total,           ///< a sum over a series: "a total of 1,736"
    difference,      ///< to - from in the data's own unit: "up 12", "fell by 30"
};

/// A time named in a claim: a year ("in 2019"), or with a month the 12
/// months to that month ("12 months to March 2019"). Year 0 is no time.
struct claim_time {
    int year = 0;
    int month = 0;  ///< 1..12 for "12 months to <month> <year>", else 0
    /// A fiscal year written "2018/19": the year it starts in (month 0).
    bool fiscal = false;
    [[nodiscard]] constexpr bool named() const noexcept { return year != 0; }
    [[nodiscard]] friend constexpr bool operator==(const claim_time&, const claim_time&) = default;
};

/// A claim as written, reduced to what it asserts. A literal type.
struct claim {
    claim_kind kind = claim_kind::value;
    tally::direction stated_direction = tally::direction::undefined;  ///< rise or fall; undefined when not stated
    stated_number number{};
    tally::hedge hedge = tally::hedge::none;
    tally::magnitude order = tally::magnitude::hundreds;
    /// "N times higher": read both as N and as N + 1 times as high.
    bool times_higher = false;
    /// A second, unhedged figure of the same kind: the "2.53" of "more than
    /// doubled (2.53 times)"; it must hold too.
    std::optional<stated_number> second_figure{};
    /// The earlier value as stated: "on the 594", "from 594", "when just 153".
    std::optional<stated_number> stated_from{};
    /// The later value as stated: "to 387", "at 387".
    std::optional<stated_number> stated_to{};
    /// The part of a share as stated: the 3,949 of "3,949 (11%)".
    std::optional<stated_number> stated_part{};
    /// The whole of a share as stated: the 34,425 of "Of the 34,425 incidents, 3,949 (11%)".
    std::optional<stated_number> stated_whole{};
    /// The absolute change stated beside a percent change, a second claim
    /// checked on its own: the 1,784 of "up 1,784, or 21%" (its size; the
    /// direction is the claim's).
    std::optional<stated_number> stated_difference{};
    /// The earlier time: "between 2015 and", "since 2015", "as it was in 2015".
    claim_time from_time{};
    /// The later time: "and 2018", "in 2019", "12 months to March 2019".
    claim_time to_time{};
    /// "on the previous year", "year-on-year": the earlier time is the period before the later.
    bool previous_period = false;
    /// "since 2015": the later time is the series' last.
    bool since = false;

    /// "a 110% rise" is percent_change("110", direction::rise).
    [[nodiscard]] static constexpr claim percent_change(std::string_view number, tally::direction dir,
                                                        tally::hedge h = tally::hedge::none);
    /// "more than twice as high" is times_as_high("2", hedge::more_than).
    [[nodiscard]] static constexpr claim times_as_high(std::string_view number, tally::hedge h = tally::hedge::none);
    /// "eight times higher" is times_higher("8"): 8 or 9 times as high.
    [[nodiscard]] static constexpr claim times_higher_than(std::string_view number,
                                                           tally::hedge h = tally::hedge::none);
    /// "a drop" is direction_of(direction::fall).
    [[nodiscard]] static constexpr claim direction_of(tally::direction dir);
    /// "387" is value("387"); "more than 1,000" is value("1,000", hedge::more_than).
    [[nodiscard]] static constexpr claim value(std::string_view number, tally::hedge h = tally::hedge::none);
    /// "hundreds of" is magnitude_of(magnitude::hundreds).
    [[nodiscard]] static constexpr claim magnitude_of(tally::magnitude m);
    /// "11% of" is share_of("11"): the part is 11% of the whole.
    [[nodiscard]] static constexpr claim share_of(std::string_view percent, tally::hedge h = tally::hedge::none);
    /// "fell by 1.1 percentage points" is points("1.1", direction::fall).
    [[nodiscard]] static constexpr claim points(std::string_view number, tally::direction dir,
                                                tally::hedge h = tally::hedge::none);
    /// "a total of 1,736" is total("1,736").
    [[nodiscard]] static constexpr claim total(std::string_view number, tally::hedge h = tally::hedge::none);

    [[nodiscard]] friend constexpr bool operator==(const claim&, const claim&) = default;
};

/// The claim in words, canonical: "a rise of 110%", "more than twice as high".
[[nodiscard]] std::string to_string(const claim& c);

/// One end of an interval, as a double for display; unbounded ends are ±inf.
struct interval {
    double lower = 0;
    double upper = 0;
    bool lower_inclusive = true;
    bool upper_inclusive = true;
    [[nodiscard]] constexpr bool lower_unbounded() const noexcept {
        return lower == -std::numeric_limits<double>::infinity();
    }
    [[nodiscard]] constexpr bool upper_unbounded() const noexcept {
        return upper == std::numeric_limits<double>::infinity();
    }
};

/// Whether the data bears the claim out.
enum class outcome {
    holds,          ///< the figure lies in the interval the wording allows
    does_not_hold,  ///< it lies outside
    undefined,      ///< no figure exists (zero base, ...): see why_undefined()
    ambiguous,      ///< the wording reads two ways and they disagree: see readings()
};

/// One reading of an ambiguous wording ("eight times higher" as 8 or as 9
/// times as high) and its verdict.
struct claim_reading {
    stated_number multiple{};             ///< the multiple this reading takes
    tally::outcome outcome = tally::outcome::undefined;
    tally::interval allowed{};            ///< the figures this reading allows
    std::optional<tally::interval> implied{};  ///< the later values that would make it hold
    bool on_boundary = false;
};


// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// The longest claim text tally reads, in bytes.
inline constexpr std::size_t max_claim_bytes = 4096;

[[noreturn]] inline void throw_bad_number(std::string_view text, const char* why) {
    throw parse_error(quote(text) + " is not a number as written: " + why + ".");
}

} // namespace detail

constexpr stated_number stated_number::parse(std::string_view text) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    std::int64_t digits = 0;
    int significant = 0;
    int decimals = 0;
    int group = -1;  // digits since the last thousands separator; -1 before any separator
    int leading = 0;
    bool seen_digit = false, seen_point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (detail::is_digit(c)) {
            if (significant >= 15) detail::throw_bad_number(text, "it has more than 15 significant digits");
            digits = digits * 10 + (c - '0');
            if (digits != 0) ++significant;
            seen_digit = true;
            if (seen_point) {
                ++decimals;
                if (decimals > 6) detail::throw_bad_number(text, "it has more than 6 decimals");
            } else if (group >= 0) {
                ++group;
            } else {
                ++leading;
            }
        } else if (c == ',' && !seen_point && seen_digit) {
            if ((group >= 0 && group != 3) || (group < 0 && leading > 3)) {
                detail::throw_bad_number(text, "its thousands separators do not group by three");
            }
            group = 0;
        } else if (c == '.' && !seen_point) {
            if (!seen_digit) detail::throw_bad_number(text, "it has no digit before the point");
            seen_point = true;
        } else {
            detail::throw_bad_number(text, "it has a character that is not a digit");
        }
    }
    if (!seen_digit) detail::throw_bad_number(text, "it has no digits");
    if (group >= 0 && group != 3) detail::throw_bad_number(text, "its thousands separators do not group by three");
    if (seen_point && decimals == 0) detail::throw_bad_number(text, "it has no digit after the point");
    return stated_number{negative ? -digits : digits, decimals, 1};
}

constexpr double stated_number::value() const noexcept {
    return static_cast<double>(static_cast<long double>(digits) /
                               static_cast<long double>(detail::power_of_ten(decimals) * divisor));
}

inline std::string stated_number::text() const {
    if (divisor != 1) return detail::integer_text(digits) + "/" + detail::integer_text(divisor);
    const detail::int128 den = detail::power_of_ten(decimals);
    const detail::int128 magnitude = digits < 0 ? -static_cast<detail::int128>(digits) : digits;
    std::string out = detail::group_thousands(detail::integer_text(magnitude / den));
    if (decimals > 0) {
        std::string fraction = detail::integer_text(magnitude % den);
        // appended piece by piece: g++ 12 at -O3 warns (-Wrestrict, falsely) on "." + std::string(...)
        out.push_back('.');
        out.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
        out.append(fraction);
    }
    if (digits < 0) out.insert(out.begin(), '-');
    return out;
}

constexpr claim claim::percent_change(std::string_view number, tally::direction dir, tally::hedge h) {
    if (dir != tally::direction::rise && dir != tally::direction::fall) {
        throw invalid_argument("a claimed percent change needs a direction, rise or fall.");
    }
    stated_number n = stated_number::parse(number);
    if (n.digits < 0) throw invalid_argument("a claimed percent change is written without a sign; its direction says which way.");
    claim c{};
    c.kind = claim_kind::percent_change;
    c.stated_direction = dir;
    c.number = n;
    c.hedge = h;
    return c;
}

constexpr claim claim::times_as_high(std::string_view number, tally::hedge h) {
    const stated_number n = stated_number::parse(number);
    if (n.digits <= 0) throw invalid_argument("a claimed multiple must be above zero; \"" + std::string(number) + "\" is not.");
    claim c{};
    c.kind = claim_kind::multiple;
    c.number = n;
    c.hedge = h;
    return c;
}

constexpr claim claim::times_higher_than(std::string_view number, tally::hedge h) {
    claim c = times_as_high(number, h);
    c.times_higher = true;
    return c;
}

constexpr claim claim::direction_of(tally::direction dir) {
    if (dir == tally::direction::undefined) throw invalid_argument("a claimed direction must be rise, fall or unchanged.");
    claim c{};
    c.kind = claim_kind::direction;
    c.stated_direction = dir;
    return c;
}

constexpr claim claim::value(std::string_view number, tally::hedge h) {
    claim c{};
    c.kind = claim_kind::value;
    c.number = stated_number::parse(number);
    c.hedge = h;
    return c;
}

constexpr claim claim::magnitude_of(tally::magnitude m) {
    claim c{};
    c.kind = claim_kind::magnitude;
    c.order = m;
    return c;
}

constexpr claim claim::share_of(std::string_view percent, tally::hedge h) {
    const stated_number n = stated_number::parse(percent);
    if (n.digits < 0) throw invalid_argument("a claimed share cannot be negative; \"" + std::string(percent) + "\" is.");
    claim c{};
    c.kind = claim_kind::share;
    c.number = n;
    c.hedge = h;
    return c;
}

constexpr claim claim::points(std::string_view number, tally::direction dir, tally::hedge h) {
    if (dir != tally::direction::rise && dir != tally::direction::fall) {
        throw invalid_argument("a claimed change in percentage points needs a direction, rise or fall.");
    }
    const stated_number n = stated_number::parse(number);
    if (n.digits < 0) {
        throw invalid_argument("a claimed change in percentage points is written without a sign; its direction says which way.");
    }
    claim c{};
    c.kind = claim_kind::points;
    c.stated_direction = dir;
    c.number = n;
    c.hedge = h;
    return c;
}

constexpr claim claim::total(std::string_view number, tally::hedge h) {
    claim c{};
    c.kind = claim_kind::total;
    c.number = stated_number::parse(number);
    c.hedge = h;
    return c;
}

namespace detail {

/// A whole number 1..20 in words: "three"; empty outside 1..20.
[[nodiscard]] inline std::string number_in_words(std::int64_t n) {
    constexpr std::array<std::string_view, 20> words{
        "one",    "two",     "three",   "four",     "five",     "six",     "seven",
        "eight",  "nine",    "ten",     "eleven",   "twelve",   "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    return n >= 1 && n <= 20 ? std::string(words[static_cast<std::size_t>(n - 1)]) : std::string();
}

/// A fraction word for digits / divisor of `unit`: 1/2 "half", 1/3 "a
/// third", 3/10 "three tenths"; a fraction with a denominator past ten "1 in
/// 20"; else the canonical text.
[[nodiscard]] inline std::string fraction_words(const stated_number& n, std::int64_t unit) {
    constexpr std::array<std::string_view, 9> singular{"half",    "third",  "quarter", "fifth", "sixth",
                                                       "seventh", "eighth", "ninth",   "tenth"};
    constexpr std::array<std::string_view, 9> plural{"halves",   "thirds",  "quarters", "fifths", "sixths",
                                                     "sevenths", "eighths", "ninths",   "tenths"};
    if (n.decimals != 0 || n.digits % unit != 0 || n.digits <= 0) return n.text();
    const std::int64_t top = n.digits / unit, d = n.divisor;
    if (d == 2 && top == 1) return "half";
    if (d >= 2 && d <= 10 && top < d) {
        const auto k = static_cast<std::size_t>(d - 2);
        return top == 1 ? "a " + std::string(singular[k]) : number_in_words(top) + " " + std::string(plural[k]);
    }
    if (d > 10 && top < d) return integer_text(top) + " in " + group_thousands(integer_text(d));
    return n.text();
}

/// A multiple as written: "twice", "three times", "2.5 times". A multiple
/// in digits whose written precision matters (unhedged, or "about") stays
/// in digits, so that it reads back the same: "2 times".
[[nodiscard]] inline std::string multiple_words(const stated_number& n, bool precision_matters = true) {
    if (n.is_fraction()) return fraction_words(n, 1);
    if (n.decimals == 0 && n.digits == 2 && (n.in_words || !precision_matters)) return "twice";
    if (n.decimals == 0 && n.in_words && !number_in_words(n.digits).empty()) return number_in_words(n.digits) + " times";
    return n.text() + " times";
}

[[nodiscard]] inline std::string hedge_words(hedge h) {
    switch (h) {
    case hedge::none: return "";
    case hedge::more_than: return "more than ";
    case hedge::at_least: return "at least ";
    case hedge::less_than: return "less than ";
    case hedge::at_most: return "at most ";
    case hedge::about: return "about ";
    case hedge::almost: return "almost ";
    case hedge::just_over: return "just over ";
    case hedge::just_under: return "just under ";
    }
    return "";
}

/// " percentage point" after "1", " percentage points" after any other figure.
[[nodiscard]] inline std::string points_unit(std::string_view figure) {
    return figure == "1" ? " percentage point" : " percentage points";
}

/// A percent figure as written: "110%", "a third".
[[nodiscard]] inline std::string percent_words(const stated_number& n) {
    return n.is_fraction() ? fraction_words(n, 100) : n.text() + "%";
}

} // namespace detail

inline std::string to_string(const claim& c) {
    const std::string h = detail::hedge_words(c.hedge);
    switch (c.kind) {
    case claim_kind::percent_change:
        if (c.stated_direction != direction::rise && c.stated_direction != direction::fall) {
            return h + detail::percent_words(c.number);  // a bare percent: a signed change
        }
        return std::string(c.stated_direction == direction::fall ? "a fall of " : "a rise of ") + h +
               detail::percent_words(c.number);
    case claim_kind::multiple:
        if (c.times_higher) {
            const bool spelled = c.number.in_words && c.number.decimals == 0 && !detail::number_in_words(c.number.digits).empty();
            return h + (spelled ? detail::number_in_words(c.number.digits) : c.number.text()) + " times higher";
        }
        return h + detail::multiple_words(c.number, c.hedge == hedge::none || c.hedge == hedge::about) + " as high";
    case claim_kind::direction:
        return c.stated_direction == direction::rise   ? "a rise"
               : c.stated_direction == direction::fall ? "a fall"
                                                       : "no change";
    case claim_kind::value: return h + c.number.text();
    case claim_kind::magnitude:
        return c.order == magnitude::hundreds ? "hundreds" : c.order == magnitude::thousands ? "thousands" : "millions";
    case claim_kind::share: return h + detail::percent_words(c.number) + " of the whole";
    case claim_kind::points:
        return std::string(c.stated_direction == direction::fall ? "a fall of " : "a rise of ") + h + c.number.text() +
               detail::points_unit(c.number.text());
    case claim_kind::total: return "a total of " + h + c.number.text();
    case claim_kind::difference:
        return std::string(c.stated_direction == direction::fall ? "a fall of " : "a rise of ") + h + c.number.text();
    }
    return "";
}

} // namespace tally
