#pragma once
// tally/claims.hpp: a claim as written, checked against the data.
//
//   constexpr auto v = tally::check(tally::change{4963, 10213}, "a 110% rise");
//   v.holds();      // false: +105.8%, and "110%" allows 109.5%..110.5%
//   v.implied();    // the later values that would make it hold: 10,398..10,447
//   v.explain();    // one paragraph that says all of the above
//   static_assert(tally::check(tally::change{153, 387}, "more than twice as high").holds());
//
// A claim is read from text by tally::parse_claim (claim_parser.hpp, which
// this header includes at its end) or built with the factories below.
//
// The precision of a stated number is read from how it is written: "110"
// allows [109.5, 110.5], "34.8" allows [34.75, 34.85]. A value exactly on a
// boundary is consistent with the claim, and the verdict says it sits on
// the boundary. Hedges move the interval (N is the number as written, t a
// relative tolerance from claim_options, 5% unless set):
//   more than N, over N          (N, inf)
//   at least N                   [N, inf)
//   less than N, under N         (-inf, N)
//   at most N, no more than N    (-inf, N]
//   about N, around, roughly     [N(1 - t), N(1 + t)], or N's stated precision
//                                where that is wider ("about 5" is 4.5..5.5)
//   almost N, nearly N           [N(1 - t), N)
//   just over N                  (N, N(1 + t)]
//   just under N                 [N(1 - t), N)
// A hedged number is otherwise taken exactly, not widened by its precision.
// For a fall the hedge applies to its size: "fell by more than 30%" is a
// change below -30%. Fraction words ("a third", "a quarter", "half") and
// multiples written as words ("twice", "doubled", "tripled", "quadrupled",
// "halved", "eight times") have no written precision and are read as
// "about" that number: with the default 5%, "doubled" allows 1.9..2.1 times
// and "halved" 0.475..0.525 (stated_number::in_words). A multiple written in
// digits keeps its written precision: "2 times" allows 1.5..2.5, "2.5 times"
// 2.45..2.55.
//
// For integer inputs the decision is exact: the figure (to - from) * 100 /
// from is compared with each bound p/q by cross-multiplication in 256-bit
// arithmetic, never by a floating-point comparison that could flip at a
// rounding boundary. Floating inputs are compared in long double, with a
// tolerance for the rounding the inputs already carry (28.6 and 29.65 are
// not exact in binary: their difference is 1.0499999999999972): a figure
// within 8 * epsilon of the input type * the magnitude of the inputs it is
// made of (|a| den + |num| b, comparing a/b with num/den) of a bound counts
// as on that bound, so it holds on a closed bound (on_boundary() says so) and
// fails on an open one, and the implied values agree with that verdict.
//
// Explanations print integers exactly (a multiple past 2^53 from integer
// inputs is printed from the integers, not through a double), floating
// inputs as floating text ("3.7", "nan"), figures with trailing zeros
// trimmed, "1 percentage point" in the singular, and the open end at 0 of
// a rise or fall when it decides the verdict ("a rise of more than 0% and
// at most 0.5%" for a change of 0).
//
// Text: a claim is at most max_claim_bytes (4,096) bytes of well-formed
// UTF-8; a longer text, or one with a byte that is not UTF-8, is refused
// with a parse_error naming its length or the byte's offset. Messages quote
// at most 80 characters of a text, then "…" and its length in bytes, and
// write a byte that is not UTF-8 as \xFF, never raw.
//
// Claim kinds:
//   claim::percent_change("110", direction::rise)       "a 110% rise"
//   claim::percent_change("34.8", direction::fall)      "fell by 34.8%"
//   claim::times_as_high("2", hedge::more_than)         "more than twice as high"
//   claim::times_higher_than("8")                       "eight times higher" (8 or 9 times as high)
//   claim::direction_of(direction::fall)                "a drop"
//   claim::value("387")                                 "387"
//   claim::magnitude_of(magnitude::hundreds)            "hundreds of"
//   claim::share_of("11")                               "11% of", "3,949 (11%)"
//   claim::points("1.1", direction::fall)               "fell by 1.1 percentage points"
//   claim::total("1,736")                               "a total of 1,736"
//   claim_kind::difference (parsed)                     "up 12", "fell by 30": to - from in the data's unit
//   claim_kind::percent_change, no direction (parsed)   "13%": a signed change against a change (+13%,
//                                                       a rise); a share when checked against a share

#include <array>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "change.hpp"
#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "percent.hpp"

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

/// Where a verdict comes from: the inputs, the formula, the reading of the
/// wording, the interval it allows and the relative tolerance it applied.
struct provenance {
    long double from = 0;           ///< the earlier value, the whole of a share, or the value checked
    long double to = 0;             ///< the later value, the part of a share, or the value checked
    std::string_view formula;       ///< "(to - from) / from * 100"
    std::string_view reading;       ///< how the hedge and the written precision were read
    tally::interval allowed{};      ///< the figures the wording allows
    tally::tolerance applied{0, 1}; ///< the relative tolerance the hedge applied; 0/1 when none
};

/// The result of checking a claim: the figure, the interval the wording
/// allows, the reading, and what the data would have to be. A literal type,
/// so a check can be a static_assert.
class verdict {
public:
    /// Whether the claim holds (for an ambiguous wording: under every reading).
    [[nodiscard]] constexpr bool holds() const noexcept { return outcome_ == tally::outcome::holds; }
    [[nodiscard]] constexpr tally::outcome outcome() const noexcept { return outcome_; }
    /// The claim as read.
    [[nodiscard]] constexpr const tally::claim& claim() const noexcept { return claim_; }
    /// The computed figure in the claim's unit: percent for percent_change
    /// and share, the ratio for multiple, the difference for direction and
    /// points, the value for value, magnitude and total. NaN when undefined.
    [[nodiscard]] constexpr double figure() const noexcept { return figure_; }
    /// The interval of figures the wording allows (the first reading's, when
    /// there are two).
    [[nodiscard]] constexpr tally::interval allowed() const noexcept { return allowed_; }
    /// Whether the figure sits exactly on a closed end of the allowed interval.
    [[nodiscard]] constexpr bool on_boundary() const noexcept { return on_boundary_; }
    /// For a claim about a change: the later values that would make it hold,
    /// given the earlier one (for integer inputs, whole numbers within the
    /// input type's range); empty when none would, or the claim is about a
    /// single value. For a share: the parts that would make it hold.
    [[nodiscard]] constexpr std::optional<tally::interval> implied() const noexcept { return implied_; }
    /// For a claim about a change: the earlier values that would make it
    /// hold, given the later one (for a relative claim, positive bases only);
    /// empty when none would or the claim is about a single value.
    [[nodiscard]] constexpr std::optional<tally::interval> implied_from() const noexcept { return implied_from_; }
    /// Why no figure exists, when the outcome is undefined.
    [[nodiscard]] constexpr std::optional<undefined_reason> why_undefined() const noexcept { return reason_; }
    /// Whether the inputs were integers (and the decision exact).
    [[nodiscard]] constexpr bool exact() const noexcept { return integral_; }
    /// The inputs: from and to for a change; value() is to() for a single value.
    [[nodiscard]] constexpr long double from() const noexcept { return from_; }
    [[nodiscard]] constexpr long double to() const noexcept { return to_; }
    [[nodiscard]] constexpr bool is_change() const noexcept { return is_change_; }
    /// The readings of an ambiguous wording ("N times higher"), each with its
    /// verdict; one reading otherwise.
    [[nodiscard]] constexpr std::span<const claim_reading> readings() const noexcept {
        return {readings_.data(), reading_count_};
    }
    /// Where the verdict comes from.
    [[nodiscard]] constexpr tally::provenance provenance() const noexcept {
        return tally::provenance{from_, to_, formula_, reading_, allowed_, tolerance_};
    }
    /// Whether the values stated beside the figure ("on the 594", "from 153
    /// to 387", the part of "3,949 (11%)", a second figure) match the data.
    [[nodiscard]] constexpr bool stated_values_match() const noexcept {
        return stated_from_holds_ && stated_to_holds_ && stated_part_holds_ && stated_whole_holds_ && second_holds_ &&
               difference_holds_;
    }
    /// The verdict on the figure alone, before the values stated beside it
    /// (the first reading's, for an ambiguous wording).
    [[nodiscard]] constexpr tally::outcome figure_outcome() const noexcept {
        return reading_count_ == 0 ? outcome_ : readings_[0].outcome;
    }
    /// For a sentence that states a change beside its percent ("up 1,784, or
    /// 21%"): the verdict on that change alone, a second claim; empty when
    /// the sentence states none. outcome() holds only when both hold.
    [[nodiscard]] constexpr std::optional<tally::outcome> difference_outcome() const noexcept {
        if (!claim_.stated_difference || reading_count_ == 0) return std::nullopt;
        return difference_holds_ ? tally::outcome::holds : tally::outcome::does_not_hold;
    }

    /// One paragraph a reader understands: the figure, the inputs, what the
    /// wording allows, the verdict, and what would make it hold. `later`
    /// names the later observation ("2018"); empty: the time the check was
    /// given by a series, else "later".
    [[nodiscard]] std::string explain(std::string_view later = {}) const;

    // Built by check(); not for direct use.
    tally::outcome outcome_ = tally::outcome::undefined;
    tally::claim claim_{};
    double figure_ = std::numeric_limits<double>::quiet_NaN();
    tally::interval allowed_{};
    bool on_boundary_ = false;
    std::optional<tally::interval> implied_{};
    std::optional<tally::interval> implied_from_{};
    std::optional<undefined_reason> reason_{};
    bool integral_ = false;
    bool is_change_ = false;
    bool percent_inputs_ = false;  ///< from and to are percents (points claims)
    bool share_input_ = false;     ///< from is a whole, to its part
    long double from_ = 0;
    long double to_ = 0;
    std::array<claim_reading, 2> readings_{};
    std::size_t reading_count_ = 0;
    std::string_view formula_{};
    std::string_view reading_{};
    tally::tolerance tolerance_{0, 1};
    bool stated_from_holds_ = true;
    bool stated_to_holds_ = true;
    bool stated_part_holds_ = true;
    bool stated_whole_holds_ = true;
    bool second_holds_ = true;
    bool difference_holds_ = true;
    std::array<char, 32> from_label_{};  ///< the earlier time's name, for a series check
    std::array<char, 32> to_label_{};    ///< the later time's name, for a series check
};

/// A part of a whole: 3,949 serious assaults of 34,223. The whole is the base.
template <arithmetic T>
struct share {
    T part;
    T whole;
    [[nodiscard]] friend constexpr bool operator==(const share&, const share&) = default;
};
template <class T>
share(T, T) -> share<T>;

/// Checks a claim about a change (percent_change, multiple, direction,
/// points: for points, from and to are percents). A claim about a single
/// value (value, magnitude) is checked against the later value. Throws
/// invalid_argument when the claim is about a share or a total, or a
/// tolerance in `options` is out of range. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const change<T>& c, const claim& cl, const claim_options& options = {});

/// Checks a claim about a single value (value, magnitude, total). Throws
/// invalid_argument when the claim is about a change or a share. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(T value, const claim& cl, const claim_options& options = {});

/// Checks a share claim ("11% of", "3,949 (11%)", "a third of") against a
/// part and its whole; a bare percent ("30%", a percent change with no
/// direction) is read as a share here. Throws invalid_argument for other
/// claims. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const share<T>& s, const claim& cl, const claim_options& options = {});

/// Checks a percentage-point claim ("rose by 1.3 percentage points")
/// against two shares, the earlier first: the difference of their percents,
/// exactly for integers. Throws invalid_argument for other claims. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const share<T>& earlier, const share<T>& later, const claim& cl,
                                      const claim_options& options = {});


// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

[[nodiscard]] constexpr int128 power_of_ten(int n) noexcept {
    int128 r = 1;
    for (int i = 0; i < n; ++i) r *= 10;
    return r;
}

/// A rational bound num/den (den > 0) on a figure; open or closed; or none.
struct bound {
    int128 num = 0;
    int128 den = 1;
    bool inclusive = true;
    bool unbounded = true;
};

[[nodiscard]] constexpr bound make_bound(int128 num, int128 den, bool inclusive) noexcept {
    return bound{num, den, inclusive, false};
}

/// The interval of a figure: lower and upper bounds.
struct rational_interval {
    bound lower;
    bound upper;
};

/// Where A/B (B > 0) lies relative to a bound: A/B <=> num/den.
[[nodiscard]] constexpr std::strong_ordering compare_to_bound(int128 a, int128 b, const bound& x) noexcept {
    return compare_products(a, x.den, x.num, b);
}

/// For floating inputs: a/b against num/den, where a figure within the
/// inputs' rounding of the bound counts as on it (equivalent):
/// |a den - num b| <= 8 eps (a_scale den + |num| |b|), with eps the input
/// type's epsilon and a_scale the magnitude of the inputs a is made of.
/// eps 0: exact comparison. A non-finite slack is not applied.
[[nodiscard]] constexpr std::partial_ordering compare_to_bound(long double a, long double b, const bound& x,
                                                               long double a_scale = 0, long double eps = 0) noexcept {
    const long double den = static_cast<long double>(x.den), num = static_cast<long double>(x.num);
    const long double lhs = a * den, rhs = num * b;
    const long double slack = 8 * eps * (a_scale * den + (num < 0 ? -num : num) * (b < 0 ? -b : b));
    const long double gap = lhs - rhs;
    if (slack > 0 && slack - slack == 0 && gap - gap == 0 && (gap < 0 ? -gap : gap) <= slack) {
        return std::partial_ordering::equivalent;
    }
    return lhs <=> rhs;
}

/// The ends of an interval swapped through zero: [a, b] becomes [-b, -a].
[[nodiscard]] constexpr rational_interval mirrored(const rational_interval& r) noexcept {
    rational_interval m{};
    m.lower = r.upper;
    m.upper = r.lower;
    if (!m.lower.unbounded) m.lower.num = -m.lower.num;
    if (!m.upper.unbounded) m.upper.num = -m.upper.num;
    return m;
}

/// The relative tolerance a hedge applies under `options` (0/1 when none).
[[nodiscard]] constexpr tolerance tolerance_for(const stated_number& n, hedge h, const claim_options& options) noexcept {
    switch (h) {
    case hedge::about: return options.about;
    case hedge::almost: return options.almost;
    case hedge::just_over:
    case hedge::just_under: return options.just;
    case hedge::none: return n.has_written_precision() ? tolerance{0, 1} : options.about;
    default: return tolerance{0, 1};
    }
}

/// The interval a stated number allows under a hedge, signed by `sign`
/// (-1 for the size of a fall). Exact rationals throughout.
[[nodiscard]] constexpr rational_interval stated_interval(const stated_number& n, hedge h, int sign,
                                                         const claim_options& options = {}) noexcept {
    const int128 den = power_of_ten(n.decimals) * n.divisor;
    const int128 exact = n.digits;  // value = exact / den
    const int128 size = exact < 0 ? -exact : exact;
    rational_interval r{};
    const tolerance t = tolerance_for(n, h, options);
    const int128 tn = t.num, td = t.den;
    switch (h) {
    case hedge::more_than: r.lower = make_bound(exact, den, false); break;
    case hedge::at_least: r.lower = make_bound(exact, den, true); break;
    case hedge::less_than: r.upper = make_bound(exact, den, false); break;
    case hedge::at_most: r.upper = make_bound(exact, den, true); break;
    default: {
        // on the size of the number, mirrored below for a negative number
        if (h == hedge::none && n.has_written_precision()) {
            // [N - h, N + h] with h half a unit in the last place: (2N -+ 1) / (2 den)
            r.lower = make_bound(2 * size - 1, 2 * den, true);
            r.upper = make_bound(2 * size + 1, 2 * den, true);
        } else if (h == hedge::none || h == hedge::about) {
            // N (1 -+ t), or the written precision where that is wider: 2 N t < 1 unit
            if (n.has_written_precision() && 2 * size * tn < td) {
                r.lower = make_bound(2 * size - 1, 2 * den, true);
                r.upper = make_bound(2 * size + 1, 2 * den, true);
            } else {
                r.lower = make_bound(size * (td - tn), den * td, true);
                r.upper = make_bound(size * (td + tn), den * td, true);
            }
        } else if (h == hedge::almost || h == hedge::just_under) {
            r.lower = make_bound(size * (td - tn), den * td, true);
            r.upper = make_bound(size, den, false);
        } else {  // just_over
            r.lower = make_bound(size, den, false);
            r.upper = make_bound(size * (td + tn), den * td, true);
        }
        if (exact < 0) r = mirrored(r);
        break;
    }
    }
    if (sign < 0) r = mirrored(r);  // a fall of "more than 30%" is below -30%
    return r;
}

/// The tighter of two lower (or upper) bounds.
[[nodiscard]] constexpr bound tighter_lower(const bound& a, const bound& b) noexcept {
    if (a.unbounded) return b;
    if (b.unbounded) return a;
    const auto c = compare_products(a.num, b.den, b.num, a.den);
    if (c > 0) return a;
    if (c < 0) return b;
    return a.inclusive ? b : a;
}
[[nodiscard]] constexpr bound tighter_upper(const bound& a, const bound& b) noexcept {
    if (a.unbounded) return b;
    if (b.unbounded) return a;
    const auto c = compare_products(a.num, b.den, b.num, a.den);
    if (c < 0) return a;
    if (c > 0) return b;
    return a.inclusive ? b : a;
}

[[nodiscard]] constexpr double bound_value(const bound& b, double if_unbounded) noexcept {
    if (b.unbounded) return if_unbounded;
    return static_cast<double>(static_cast<long double>(b.num) / static_cast<long double>(b.den));
}

[[nodiscard]] constexpr interval to_interval(const rational_interval& r) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return interval{bound_value(r.lower, -inf), bound_value(r.upper, inf), r.lower.inclusive || r.lower.unbounded,
                    r.upper.inclusive || r.upper.unbounded};
}

/// Smallest integer x with x/1 inside a lower bound on x*k/den (see implied_integers).
struct integer_range {
    bool empty = false;
    bool lower_unbounded = true;
    bool upper_unbounded = true;
    int128 lower = 0;
    int128 upper = 0;
};

/// The integers `to` for which the figure A(to)/B lies in r, where the
/// figure is affine in `to`: figure = (scale * to + offset) / B with B > 0.
/// Bounds: (scale*to + offset) * den  >=  num * B   <=>  to >= (num*B - offset*den) / (scale*den).
[[nodiscard]] constexpr integer_range implied_integers(const rational_interval& r, int128 scale, int128 offset,
                                                       int128 b) noexcept {
    integer_range out{};
    if (!r.lower.unbounded) {
        int128 num = 0, den = 0, t = 0;
        if (!checked_multiply(r.lower.num, b, num) || !checked_multiply(offset, r.lower.den, t) ||
            !checked_add(num, -t, num) || !checked_multiply(scale, r.lower.den, den)) {
            out.empty = true;  // beyond any integer type: nothing to report
            return out;
        }
        int128 lo = ceil_div(num, den);
        if (!r.lower.inclusive && num % den == 0) lo += 1;
        out.lower = lo;
        out.lower_unbounded = false;
    }
    if (!r.upper.unbounded) {
        int128 num = 0, den = 0, t = 0;
        if (!checked_multiply(r.upper.num, b, num) || !checked_multiply(offset, r.upper.den, t) ||
            !checked_add(num, -t, num) || !checked_multiply(scale, r.upper.den, den)) {
            out.empty = true;
            return out;
        }
        int128 hi = floor_div(num, den);
        if (!r.upper.inclusive && num % den == 0) hi -= 1;
        out.upper = hi;
        out.upper_unbounded = false;
    }
    if (!out.lower_unbounded && !out.upper_unbounded && out.lower > out.upper) out.empty = true;
    return out;
}

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

/// Throws invalid_argument naming a tolerance outside 0 <= num/den < 1, 0 < den <= 1,000,000.
constexpr void require_valid(const claim_options& options) {
    for (const tolerance& t : {options.about, options.almost, options.just}) {
        if (t.den <= 0 || t.den > 1000000 || t.num < 0 || t.num >= t.den) {
            throw invalid_argument("the tolerance " + integer_text(t.num) + "/" + integer_text(t.den) +
                                   " is outside what a hedge can mean; give num/den with 0 <= num < den <= 1,000,000.");
        }
    }
}

/// The interval a claim allows for its figure, exactly.
[[nodiscard]] constexpr rational_interval allowed_interval(const claim& c, const claim_options& options = {}) noexcept {
    rational_interval r{};
    switch (c.kind) {
    case claim_kind::percent_change:
    case claim_kind::points:
    case claim_kind::difference: {
        const int sign = c.stated_direction == tally::direction::fall ? -1 : 1;
        r = stated_interval(c.number, c.hedge, sign, options);
        // a rise is above 0, a fall below it, whatever the hedge; a bare
        // percent ("13%", direction undefined) is a signed change, not bounded by 0
        if (c.stated_direction == tally::direction::rise) {
            r.lower = tighter_lower(r.lower, make_bound(0, 1, false));
        } else if (c.stated_direction == tally::direction::fall) {
            r.upper = tighter_upper(r.upper, make_bound(0, 1, false));
        }
        break;
    }
    case claim_kind::multiple:
    case claim_kind::value:
    case claim_kind::share:
    case claim_kind::total: r = stated_interval(c.number, c.hedge, 1, options); break;
    case claim_kind::direction:
        if (c.stated_direction == tally::direction::rise) r.lower = make_bound(0, 1, false);
        if (c.stated_direction == tally::direction::fall) r.upper = make_bound(0, 1, false);
        if (c.stated_direction == tally::direction::unchanged) {
            r.lower = make_bound(0, 1, true);
            r.upper = make_bound(0, 1, true);
        }
        break;
    case claim_kind::magnitude: {
        const int128 unit = c.order == magnitude::hundreds ? 100 : c.order == magnitude::thousands ? 1000 : 1000000;
        r.lower = make_bound(2 * unit, 1, true);
        r.upper = make_bound(10 * unit, 1, false);
        break;
    }
    }
    return r;
}

/// Whether a / b (b > 0) lies in r; for floating inputs, within the
/// rounding slack of compare_to_bound (a_scale, eps), counting as on a bound.
template <class Number>
[[nodiscard]] constexpr bool inside(Number a, Number b, const rational_interval& r, bool& on_boundary,
                                    long double a_scale = 0, long double eps = 0) noexcept {
    const auto order = [&](const bound& x) {
        if constexpr (std::same_as<Number, long double>) {
            return compare_to_bound(a, b, x, a_scale, eps);
        } else {
            return compare_to_bound(a, b, x);
        }
    };
    on_boundary = false;
    if (!r.lower.unbounded) {
        const auto c = order(r.lower);
        if (c < 0 || (c == 0 && !r.lower.inclusive)) return false;
        if (c == 0) on_boundary = true;
    }
    if (!r.upper.unbounded) {
        const auto c = order(r.upper);
        if (c > 0 || (c == 0 && !r.upper.inclusive)) return false;
        if (c == 0) on_boundary = true;
    }
    return true;
}

/// Whether a / b lies within what a stated number allows at its precision.
template <class Number>
[[nodiscard]] constexpr bool matches(Number a, Number b, const stated_number& n, long double eps = 0) noexcept {
    bool boundary = false;
    const long double a_scale = static_cast<long double>(a < 0 ? -a : a);
    return inside(a, b, stated_interval(n, hedge::none, 1), boundary, a_scale, eps);
}

/// The relative rounding of a floating input type, for the slack of compare_to_bound.
template <class T>
inline constexpr long double input_epsilon = std::floating_point<T> ? static_cast<long double>(std::numeric_limits<T>::epsilon()) : 0.0L;

[[nodiscard]] constexpr bool is_change_claim(claim_kind k) noexcept {
    return k == claim_kind::percent_change || k == claim_kind::multiple || k == claim_kind::direction ||
           k == claim_kind::points || k == claim_kind::difference;
}

[[nodiscard]] constexpr std::string_view formula_for(claim_kind k, bool shares) noexcept {
    switch (k) {
    case claim_kind::percent_change:
        return shares ? "(later part / later whole) / (earlier part / earlier whole) * 100 - 100" : "(to - from) / from * 100";
    case claim_kind::multiple: return "to / from";
    case claim_kind::direction: return shares ? "(later part / later whole - earlier part / earlier whole) * 100" : "to - from";
    case claim_kind::points:
        return shares ? "(later part / later whole - earlier part / earlier whole) * 100" : "to - from, in percentage points";
    case claim_kind::value: return "the value";
    case claim_kind::magnitude: return "the value";
    case claim_kind::share: return "part / whole * 100";
    case claim_kind::total: return "the sum of the values";
    case claim_kind::difference: return "to - from";
    }
    return "";
}

[[nodiscard]] constexpr std::string_view reading_for(const claim& c) noexcept {
    if (c.kind == claim_kind::direction) return "the direction only";
    if (c.kind == claim_kind::magnitude) {
        return "a magnitude: at least two of the unit and fewer than ten";
    }
    switch (c.hedge) {
    case hedge::none:
        return !c.number.has_written_precision()
                   ? "a number in words or a fraction word: about that number, within the \"about\" tolerance"
                                      : "as written: half a unit in the last written place either side";
    case hedge::more_than: return "more than: above the number";
    case hedge::at_least: return "at least: the number or above";
    case hedge::less_than: return "less than: below the number";
    case hedge::at_most: return "at most: the number or below";
    case hedge::about: return "about: within the relative tolerance, or the written precision where wider";
    case hedge::almost: return "almost: below the number by at most the relative tolerance";
    case hedge::just_over: return "just over: above the number by at most the relative tolerance";
    case hedge::just_under: return "just under: below the number by at most the relative tolerance";
    }
    return "";
}

/// The number one unit larger: the N + 1 of "N times higher".
[[nodiscard]] constexpr stated_number plus_one(stated_number n) noexcept {
    n.digits += static_cast<std::int64_t>(power_of_ten(n.decimals)) * n.divisor;
    return n;
}

/// How x relates to the bound in `constrain`: k x <= m, k x < m, k x >= m, k x > m.
enum class relation { le, lt, ge, gt };

/// Narrows r to the integers x with k x REL m.
constexpr void constrain(integer_range& r, int128 k, int128 m, relation rel) noexcept {
    if (r.empty) return;
    if (k < 0) {
        k = -k;
        m = -m;
        rel = rel == relation::le ? relation::ge : rel == relation::lt ? relation::gt : rel == relation::ge ? relation::le : relation::lt;
    }
    if (k == 0) {
        const bool ok = rel == relation::le ? 0 <= m : rel == relation::lt ? 0 < m : rel == relation::ge ? 0 >= m : 0 > m;
        if (!ok) r.empty = true;
        return;
    }
    if (rel == relation::le || rel == relation::lt) {
        const int128 hi = rel == relation::le ? floor_div(m, k) : ceil_div(m, k) - 1;
        if (r.upper_unbounded || hi < r.upper) r.upper = hi;
        r.upper_unbounded = false;
    } else {
        const int128 lo = rel == relation::ge ? ceil_div(m, k) : floor_div(m, k) + 1;
        if (r.lower_unbounded || lo > r.lower) r.lower = lo;
        r.lower_unbounded = false;
    }
    if (!r.lower_unbounded && !r.upper_unbounded && r.lower > r.upper) r.empty = true;
}

/// The earlier (integer) values `from` for which the figure of a change to
/// `to` lies in `allowed`.
[[nodiscard]] constexpr integer_range implied_earlier(const rational_interval& allowed, claim_kind kind, int128 to) noexcept {
    integer_range r{};
    const auto apply = [&](const bound& x, bool is_lower) {
        if (x.unbounded || r.empty) return;
        if (kind == claim_kind::percent_change || kind == claim_kind::multiple) {
            // the ratio to/from against q = qn/qd; from > 0
            int128 qn = x.num, qd = x.den;
            if (kind == claim_kind::percent_change) {
                if (!checked_multiply(x.den, 100, qd) || !checked_add(x.num, qd, qn)) {
                    r.empty = true;
                    return;
                }
            }
            int128 m = 0;
            if (!checked_multiply(to, qd, m)) {
                r.empty = true;
                return;
            }
            // lower: to/from >= q  <=>  qn from <= to qd;  upper: qn from >= to qd
            constrain(r, qn, m, is_lower ? (x.inclusive ? relation::le : relation::lt)
                                         : (x.inclusive ? relation::ge : relation::gt));
        } else {
            // the difference to - from against n/d: lower  d from <= d to - n;  upper  d from >= d to - n
            int128 m = 0;
            if (!checked_multiply(to, x.den, m) || !checked_add(m, -x.num, m)) {
                r.empty = true;
                return;
            }
            constrain(r, x.den, m, is_lower ? (x.inclusive ? relation::le : relation::lt)
                                            : (x.inclusive ? relation::ge : relation::gt));
        }
    };
    if (kind == claim_kind::percent_change || kind == claim_kind::multiple) constrain(r, 1, 1, relation::ge);
    apply(allowed.lower, true);
    apply(allowed.upper, false);
    return r;
}

/// An integer_range clipped to the range of T, as an interval; empty when
/// nothing of it lies in T.
template <class T>
[[nodiscard]] constexpr std::optional<interval> clipped(const integer_range& range) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const int128 type_min = std::numeric_limits<T>::min(), type_max = std::numeric_limits<T>::max();
    if (range.empty) return std::nullopt;
    double lower = range.lower_unbounded ? -inf : static_cast<double>(range.lower);
    double upper = range.upper_unbounded ? inf : static_cast<double>(range.upper);
    if (std::unsigned_integral<T> && (range.lower_unbounded || range.lower < type_min)) lower = 0;
    if (!range.lower_unbounded && range.lower < type_min) lower = static_cast<double>(type_min);
    if (!range.upper_unbounded && range.upper > type_max) upper = static_cast<double>(type_max);
    if (lower <= upper && (range.lower_unbounded || range.lower <= type_max) &&
        (range.upper_unbounded || range.upper >= type_min)) {
        return interval{lower, upper, true, true};
    }
    return std::nullopt;
}

/// The figure of a change claim as a / b (b > 0), and the map from the
/// later value to it: a = scale * to + offset.
struct integer_figure {
    int128 a = 0;
    int128 b = 1;
    int128 scale = 1;
    int128 offset = 0;
};

[[nodiscard]] constexpr integer_figure figure_of(claim_kind kind, int128 from, int128 to) noexcept {
    switch (kind) {
    case claim_kind::percent_change: return {100 * (to - from), from, 100, -100 * from};
    case claim_kind::multiple: return {to, from, 1, 0};
    default: return {to - from, 1, 1, -from};
    }
}

/// One reading of a change claim, checked: the outcome, boundary and implied values.
template <arithmetic T>
[[nodiscard]] constexpr claim_reading read_change(const change<T>& c, claim_kind kind, const rational_interval& allowed,
                                                  double& figure, std::optional<interval>& implied_from) noexcept {
    claim_reading out{};
    out.allowed = to_interval(allowed);
    bool holds = false, boundary = false;
    if constexpr (std::integral<T>) {
        const integer_figure f = figure_of(kind, c.from(), c.to());
        holds = inside(f.a, f.b, allowed, boundary);
        figure = static_cast<double>(static_cast<long double>(f.a) / static_cast<long double>(f.b));
        out.implied = clipped<T>(implied_integers(allowed, f.scale, f.offset, f.b));
        implied_from = clipped<T>(implied_earlier(allowed, kind, c.to()));
    } else {
        using L = long double;
        const L from = static_cast<L>(c.from()), to = static_cast<L>(c.to());
        L a = 0, b = 1, a_scale = 0;
        const L size = (from < 0 ? -from : from) + (to < 0 ? -to : to);
        switch (kind) {
        case claim_kind::percent_change: a = 100 * (to - from); b = from; a_scale = 100 * size; break;
        case claim_kind::multiple: a = to; b = from; a_scale = to < 0 ? -to : to; break;
        default: a = to - from; b = 1; a_scale = size; break;
        }
        holds = inside(a, b, allowed, boundary, a_scale, input_epsilon<T>);
        figure = static_cast<double>(a / b);
        constexpr double inf = std::numeric_limits<double>::infinity();
        const auto value = [](const bound& x) { return static_cast<L>(x.num) / static_cast<L>(x.den); };
        // the later values: figure bounds mapped back through to = from + figure * from / 100 (etc.)
        const auto later = [&](const bound& x, double if_unbounded) -> double {
            if (x.unbounded) return if_unbounded;
            const L f = value(x);
            switch (kind) {
            case claim_kind::percent_change: return static_cast<double>(from + f * from / 100);
            case claim_kind::multiple: return static_cast<double>(f * from);
            default: return static_cast<double>(from + f);
            }
        };
        out.implied = interval{later(allowed.lower, -inf), later(allowed.upper, inf),
                               allowed.lower.inclusive || allowed.lower.unbounded,
                               allowed.upper.inclusive || allowed.upper.unbounded};
        // the earlier values: from = to / ratio, or to - difference
        if (kind == claim_kind::percent_change || kind == claim_kind::multiple) {
            const auto ratio = [&](const bound& x) {
                return kind == claim_kind::percent_change ? 1 + value(x) / 100 : value(x);
            };
            if (to > 0) {
                const double lo = allowed.upper.unbounded ? 0.0 : static_cast<double>(to / ratio(allowed.upper));
                const double hi = allowed.lower.unbounded || ratio(allowed.lower) <= 0
                                      ? inf
                                      : static_cast<double>(to / ratio(allowed.lower));
                implied_from = interval{lo, hi, !allowed.upper.unbounded && allowed.upper.inclusive,
                                        allowed.lower.unbounded || allowed.lower.inclusive};
            }
        } else {
            implied_from = interval{allowed.upper.unbounded ? -inf : static_cast<double>(to - value(allowed.upper)),
                                    allowed.lower.unbounded ? inf : static_cast<double>(to - value(allowed.lower)),
                                    allowed.upper.inclusive || allowed.upper.unbounded,
                                    allowed.lower.inclusive || allowed.lower.unbounded};
        }
    }
    out.outcome = holds ? tally::outcome::holds : tally::outcome::does_not_hold;
    out.on_boundary = holds && boundary;
    return out;
}

/// Combines the readings and the stated values into the verdict's outcome.
constexpr void settle(verdict& v) noexcept {
    bool all = true, none = true;
    for (std::size_t i = 0; i < v.reading_count_; ++i) {
        const bool h = v.readings_[i].outcome == tally::outcome::holds;
        all = all && h;
        none = none && !h;
    }
    const claim_reading& first = v.readings_[0];
    v.allowed_ = first.allowed;
    v.implied_ = first.implied;
    v.on_boundary_ = all && first.on_boundary;
    if (!v.stated_values_match()) {
        v.outcome_ = tally::outcome::does_not_hold;
    } else if (all) {
        v.outcome_ = tally::outcome::holds;
    } else if (none) {
        v.outcome_ = tally::outcome::does_not_hold;
    } else {
        v.outcome_ = tally::outcome::ambiguous;
    }
}

constexpr void start(verdict& v, const claim& cl, const claim_options& options, bool shares) noexcept {
    v.claim_ = cl;
    v.formula_ = formula_for(cl.kind, shares);
    v.reading_ = reading_for(cl);
    v.tolerance_ = (cl.kind == claim_kind::direction || cl.kind == claim_kind::magnitude)
                       ? tolerance{0, 1}
                       : tolerance_for(cl.number, cl.hedge, options);
    v.allowed_ = to_interval(allowed_interval(cl, options));
}

} // namespace detail

template <arithmetic T>
constexpr verdict check(const change<T>& c, const claim& cl, const claim_options& options) {
    detail::require_valid(options);
    if (cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude) return check(c.to(), cl, options);
    if (cl.kind == claim_kind::share) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a share of a whole, not a change.");
    }
    if (cl.kind == claim_kind::total) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a total over a series, not a change.");
    }
    verdict v{};
    detail::start(v, cl, options, false);
    v.is_change_ = true;
    v.integral_ = std::integral<T>;
    v.percent_inputs_ = cl.kind == claim_kind::points;
    v.from_ = static_cast<long double>(c.from());
    v.to_ = static_cast<long double>(c.to());

    // The figure as A / B with B > 0:
    //   percent_change  A = 100 (to - from), B = from
    //   multiple        A = to,             B = from
    //   direction       A = to - from,      B = 1   (points too)
    if (cl.kind == claim_kind::percent_change || cl.kind == claim_kind::multiple) {
        if (const auto reason = c.why_undefined()) {
            v.reason_ = reason;
            return v;
        }
    } else if (c.direction() == tally::direction::undefined) {
        v.reason_ = undefined_reason::not_a_number;
        return v;
    }

    // the values stated beside the figure, each at its written precision
    const auto matches = [&](T x, const stated_number& n) {
        if constexpr (std::integral<T>) {
            return detail::matches(static_cast<detail::int128>(x), detail::int128{1}, n);
        } else {
            return detail::matches(static_cast<long double>(x), 1.0L, n, detail::input_epsilon<T>);
        }
    };
    if (cl.stated_from) v.stated_from_holds_ = matches(c.from(), *cl.stated_from);
    if (cl.stated_to) v.stated_to_holds_ = matches(c.to(), *cl.stated_to);
    if (cl.stated_difference) {
        // the change stated beside the percent, signed by the claim's direction, at its written precision
        stated_number d = *cl.stated_difference;
        if (cl.stated_direction == tally::direction::fall) d.digits = -d.digits;
        if constexpr (std::integral<T>) {
            const detail::int128 diff = static_cast<detail::int128>(c.to()) - static_cast<detail::int128>(c.from());
            v.difference_holds_ = detail::matches(diff, detail::int128{1}, d);
        } else {
            const long double diff = static_cast<long double>(c.to()) - static_cast<long double>(c.from());
            v.difference_holds_ = detail::matches(diff, 1.0L, d, detail::input_epsilon<T>);
        }
    }

    claim reading = cl;
    v.reading_count_ = cl.times_higher ? 2 : 1;
    for (std::size_t i = 0; i < v.reading_count_; ++i) {
        if (i == 1) reading.number = detail::plus_one(cl.number);
        std::optional<interval> earlier{};
        v.readings_[i] = detail::read_change(c, cl.kind, detail::allowed_interval(reading, options), v.figure_, earlier);
        v.readings_[i].multiple = reading.number;
        if (i == 0) v.implied_from_ = earlier;
    }
    if (cl.second_figure) {
        claim second = cl;
        second.number = *cl.second_figure;
        second.hedge = hedge::none;
        double ignored = 0;
        std::optional<interval> also{};
        v.second_holds_ = detail::read_change(c, cl.kind, detail::allowed_interval(second, options), ignored, also)
                              .outcome == tally::outcome::holds;
    }
    detail::settle(v);
    return v;
}

template <arithmetic T>
constexpr verdict check(T value, const claim& cl, const claim_options& options) {
    detail::require_valid(options);
    if (detail::is_change_claim(cl.kind)) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a change, not a single value.");
    }
    if (cl.kind == claim_kind::share) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a share of a whole, not a single value.");
    }
    verdict v{};
    detail::start(v, cl, options, false);
    v.integral_ = std::integral<T>;
    v.from_ = static_cast<long double>(value);
    v.to_ = static_cast<long double>(value);
    if (detail::is_nan(value)) {
        v.reason_ = undefined_reason::not_a_number;
        return v;
    }
    const detail::rational_interval allowed = detail::allowed_interval(cl, options);
    bool boundary = false;
    bool holds = false;
    if constexpr (std::integral<T>) {
        holds = detail::inside(static_cast<detail::int128>(value), detail::int128(1), allowed, boundary);
    } else {
        const long double x = static_cast<long double>(value);
        holds = detail::inside(x, 1.0L, allowed, boundary, x < 0 ? -x : x, detail::input_epsilon<T>);
    }
    v.figure_ = static_cast<double>(value);
    v.reading_count_ = 1;
    v.readings_[0] = claim_reading{cl.number, holds ? tally::outcome::holds : tally::outcome::does_not_hold, v.allowed_,
                                   std::nullopt, holds && boundary};
    detail::settle(v);
    return v;
}

template <arithmetic T>
constexpr verdict check(const share<T>& s, const claim& given, const claim_options& options) {
    detail::require_valid(options);
    claim cl = given;
    // a bare percent ("13%") is a signed change against a change, a share against a share
    if (cl.kind == claim_kind::percent_change && cl.stated_direction != tally::direction::rise &&
        cl.stated_direction != tally::direction::fall) {
        cl.kind = claim_kind::share;
        cl.stated_direction = tally::direction::undefined;
    }
    if (cl.kind != claim_kind::share) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is not about a share of a whole.");
    }
    verdict v{};
    detail::start(v, cl, options, false);
    v.integral_ = std::integral<T>;
    v.share_input_ = true;
    v.from_ = static_cast<long double>(s.whole);
    v.to_ = static_cast<long double>(s.part);
    if (const auto reason = change<T>(s.whole, s.part).why_undefined()) {
        v.reason_ = reason;
        return v;
    }
    const detail::rational_interval allowed = detail::allowed_interval(cl, options);
    bool boundary = false, holds = false;
    claim_reading r{};
    r.multiple = cl.number;
    r.allowed = v.allowed_;
    if constexpr (std::integral<T>) {
        const detail::int128 part = s.part, whole = s.whole;
        holds = detail::inside(100 * part, whole, allowed, boundary);
        v.figure_ = static_cast<double>(static_cast<long double>(100 * part) / static_cast<long double>(whole));
        r.implied = detail::clipped<T>(detail::implied_integers(allowed, 100, 0, whole));
        if (cl.stated_part) v.stated_part_holds_ = detail::matches(part, detail::int128{1}, *cl.stated_part);
        if (cl.stated_whole) v.stated_whole_holds_ = detail::matches(whole, detail::int128{1}, *cl.stated_whole);
    } else {
        using L = long double;
        const L part = static_cast<L>(s.part), whole = static_cast<L>(s.whole);
        holds = detail::inside(100 * part, whole, allowed, boundary, 100 * (part < 0 ? -part : part),
                               detail::input_epsilon<T>);
        v.figure_ = static_cast<double>(100 * part / whole);
        constexpr double inf = std::numeric_limits<double>::infinity();
        const auto end = [&](const detail::bound& x, double if_unbounded) {
            return x.unbounded ? if_unbounded
                               : static_cast<double>(static_cast<L>(x.num) / static_cast<L>(x.den) * whole / 100);
        };
        r.implied = interval{end(allowed.lower, -inf), end(allowed.upper, inf),
                             allowed.lower.inclusive || allowed.lower.unbounded,
                             allowed.upper.inclusive || allowed.upper.unbounded};
        if (cl.stated_part) v.stated_part_holds_ = detail::matches(part, 1.0L, *cl.stated_part, detail::input_epsilon<T>);
        if (cl.stated_whole) {
            v.stated_whole_holds_ = detail::matches(whole, 1.0L, *cl.stated_whole, detail::input_epsilon<T>);
        }
    }
    r.outcome = holds ? tally::outcome::holds : tally::outcome::does_not_hold;
    r.on_boundary = holds && boundary;
    v.reading_count_ = 1;
    v.readings_[0] = r;
    detail::settle(v);
    return v;
}

namespace detail {

/// The figure of a change between two shares p1/w1 -> p2/w2 as a / b (b > 0),
/// exactly where it fits in 128 bits: for points (and direction) the
/// difference of the percents, 100 (p2 w1 - p1 w2) / (w1 w2); for a percent
/// change of the share, 100 (p2 w1 - p1 w2) / (p1 w2). False when it does not fit.
[[nodiscard]] constexpr bool share_change_figure(claim_kind kind, int128 p1, int128 w1, int128 p2, int128 w2, int128& a,
                                                 int128& b) noexcept {
    int128 x = 0, y = 0;
    if (!checked_multiply(p2, w1, x) || !checked_multiply(p1, w2, y) || !checked_add(x, -y, a) ||
        !checked_multiply(a, 100, a)) {
        return false;
    }
    return kind == claim_kind::percent_change ? checked_multiply(p1, w2, b) : checked_multiply(w1, w2, b);
}

} // namespace detail

template <arithmetic T>
constexpr verdict check(const share<T>& earlier, const share<T>& later, const claim& cl, const claim_options& options) {
    detail::require_valid(options);
    const bool relative = cl.kind == claim_kind::percent_change &&
                          (cl.stated_direction == tally::direction::rise || cl.stated_direction == tally::direction::fall);
    if (cl.kind != claim_kind::points && cl.kind != claim_kind::direction && !relative) {
        throw invalid_argument("the claim \"" + to_string(cl) +
                               "\" is not about a change of a share; two shares check a change in percentage points, "
                               "a percent change of the share, or a direction.");
    }
    if (cl.stated_difference) {
        throw invalid_argument("the claim \"" + to_string(cl) +
                               "\" states a change in the data's unit beside its percent, which two shares do not hold.");
    }
    verdict v{};
    detail::start(v, cl, options, true);
    v.is_change_ = true;
    v.percent_inputs_ = true;
    v.integral_ = std::integral<T>;
    for (const share<T>* s : {&earlier, &later}) {
        if (const auto reason = change<T>(s->whole, s->part).why_undefined()) {
            v.reason_ = reason;
            return v;
        }
    }
    using L = long double;
    v.from_ = 100 * static_cast<L>(earlier.part) / static_cast<L>(earlier.whole);
    v.to_ = 100 * static_cast<L>(later.part) / static_cast<L>(later.whole);
    if (relative) {
        if (const auto reason = change<L>(v.from_, v.to_).why_undefined()) {
            v.reason_ = reason;
            return v;
        }
    }
    const detail::rational_interval allowed = detail::allowed_interval(cl, options);
    bool boundary = false, holds = false;
    claim_reading r{};
    r.multiple = cl.number;
    r.allowed = v.allowed_;
    bool exact = false;
    if constexpr (std::integral<T>) {
        const detail::int128 p1 = earlier.part, w1 = earlier.whole, p2 = later.part, w2 = later.whole;
        detail::int128 a = 0, b = 0;
        if (detail::share_change_figure(cl.kind, p1, w1, p2, w2, a, b)) {
            exact = true;
            holds = detail::inside(a, b, allowed, boundary);
            v.figure_ = static_cast<double>(static_cast<L>(a) / static_cast<L>(b));
            if (cl.stated_from) v.stated_from_holds_ = detail::matches(100 * p1, w1, *cl.stated_from);
            if (cl.stated_to) v.stated_to_holds_ = detail::matches(100 * p2, w2, *cl.stated_to);
        }
    }
    if (!exact) {
        v.integral_ = false;
        const long double eps = std::floating_point<T> ? detail::input_epsilon<T> : detail::input_epsilon<long double>;
        const L a = relative ? 100 * (v.to_ - v.from_) : v.to_ - v.from_, b = relative ? v.from_ : 1.0L;
        const L size = (v.to_ < 0 ? -v.to_ : v.to_) + (v.from_ < 0 ? -v.from_ : v.from_);
        holds = detail::inside(a, b, allowed, boundary, relative ? 100 * size : size, eps);
        v.figure_ = static_cast<double>(a / b);
        if (cl.stated_from) v.stated_from_holds_ = detail::matches(v.from_, 1.0L, *cl.stated_from, eps);
        if (cl.stated_to) v.stated_to_holds_ = detail::matches(v.to_, 1.0L, *cl.stated_to, eps);
    }
    r.outcome = holds ? tally::outcome::holds : tally::outcome::does_not_hold;
    r.on_boundary = holds && boundary;
    v.reading_count_ = 1;
    v.readings_[0] = r;
    detail::settle(v);
    return v;
}

// --- text -------------------------------------------------------------------

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
    if (d > 10 && top < d) return integer_text(top) + " in " + integer_text(d);
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

/// A count or amount as a reader reads it: "10,213", "1.5".
[[nodiscard]] inline std::string amount_text(long double v, bool integral) {
    if (integral && v - v == 0) return group_thousands(integer_text(static_cast<int128>(v)));
    return group_thousands(floating_text(static_cast<double>(v)));
}

/// The figure with enough decimals that its place against the interval's
/// ends reads correctly: start at `decimals`, add up to 6 while the printed
/// figure would equal an end it does not sit on.
[[nodiscard]] inline std::string figure_text(double figure, const interval& allowed, bool on_boundary, int decimals) {
    for (int d = decimals; d <= decimals + 6; ++d) {
        const std::string text = fixed_text(figure, d);
        const bool looks_on_end = (!allowed.lower_unbounded() && text == fixed_text(allowed.lower, d)) ||
                                  (!allowed.upper_unbounded() && text == fixed_text(allowed.upper, d));
        if (!looks_on_end || on_boundary) return trimmed_text(figure, d);
    }
    return floating_text(figure);
}

/// An interval as text: "109.5%..110.5%", "1.5..2.5 times", "more than 2 times".
/// `sign` -1 shows the sizes of a fall; with `drop_open_zero` an open end at
/// 0, which only says "a rise" or "a fall", is not shown.
[[nodiscard]] inline std::string interval_text(const interval& i, int decimals, const char* unit, double sign,
                                               bool drop_open_zero = false) {
    // for a fall, show magnitudes: "a fall of 34.75%..34.85%"
    double lo = i.lower * sign, hi = i.upper * sign;
    bool lo_inc = i.lower_inclusive, hi_inc = i.upper_inclusive;
    if (sign < 0) {
        std::swap(lo, hi);
        std::swap(lo_inc, hi_inc);
    }
    const bool lo_none = lo == -std::numeric_limits<double>::infinity() || (lo == 0 && !lo_inc && drop_open_zero);
    const bool hi_none = hi == std::numeric_limits<double>::infinity();
    const std::string unit_text = unit;
    const auto bare = [&](double x) { return group_thousands(trimmed_text(x, decimals)); };
    const auto num = [&](double x) {
        const std::string b = bare(x);
        return b + (unit_text == " percentage points" ? points_unit(b) : unit_text);
    };
    if (!lo_none && !hi_none) {
        // a unit that is a word is written once: "1.5..2.5 times"; a sign twice: "109.5%..110.5%"
        if (lo_inc && hi_inc) return (unit_text.starts_with(" ") ? bare(lo) + ".." + bare(hi) + unit_text : num(lo) + ".." + num(hi));
        return std::string(lo_inc ? "at least " : "more than ") + num(lo) + " and " +
               (hi_inc ? "at most " : "less than ") + num(hi);
    }
    if (lo_none && !hi_none) return (hi_inc ? "at most " : "less than ") + num(hi);
    if (!lo_none && hi_none) return (lo_inc ? "at least " : "more than ") + num(lo);
    return "any value";
}


/// a / b (b > 0) rounded half away from zero to `decimals` decimals, trailing
/// zeros removed, from exact integers: "18446744073709551615".
[[nodiscard]] inline std::string exact_quotient_text(int128 a, int128 b, int decimals) {
    const bool negative = a < 0;
    const uint128 n = magnitude(a) * static_cast<uint128>(power_of_ten(decimals));
    const uint128 d = static_cast<uint128>(b);
    uint128 q = n / d;
    if (2 * (n % d) >= d) ++q;
    const uint128 scale = static_cast<uint128>(power_of_ten(decimals));
    std::string out = integer_text(q / scale);
    std::string fraction = decimals > 0 ? integer_text(q % scale) : std::string();
    if (decimals > 0) fraction = std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
    return (negative && q != 0 ? "-" : "") + out;
}

/// A percent figure as written: "110%", "a third".
[[nodiscard]] inline std::string percent_words(const stated_number& n) {
    return n.is_fraction() ? fraction_words(n, 100) : n.text() + "%";
}

/// A time label as text.
[[nodiscard]] inline std::string label_text(const std::array<char, 32>& label) {
    std::string out;
    for (char c : label) {
        if (c == '\0') break;
        out += c;
    }
    return out;
}

/// The label stored for a series check: "2018" (at most 31 characters).
inline void set_label(std::array<char, 32>& label, const std::string& text) {
    label = {};
    for (std::size_t i = 0; i < text.size() && i + 1 < label.size(); ++i) label[i] = text[i];
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
        return h + (c.times_higher ? c.number.text() + " times higher" : detail::multiple_words(c.number, c.hedge == hedge::none || c.hedge == hedge::about) + " as high");
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

inline std::string verdict::explain(std::string_view later_name) const {
    using detail::amount_text;
    const std::string from_label = detail::label_text(from_label_), to_label = detail::label_text(to_label_);
    const std::string later = !later_name.empty() ? std::string(later_name) : !to_label.empty() ? to_label : "later";
    const std::string quoted = "\"" + to_string(claim_) + "\"";
    // a fraction word's ends need 3 decimals (0.475); a number in words or digits, one more than written
    // (its ends, N (1 -+ t), are written with up to 3, trailing zeros trimmed: 1.9..2.1)
    const int decimals = claim_.number.is_fraction() ? 3 : claim_.number.decimals + 1;
    const int end_decimals = claim_.number.has_written_precision() ? decimals : 3;
    const auto amount = [&](long double x) {
        return percent_inputs_ ? detail::trimmed_text(static_cast<double>(x), decimals + 1) + "%"
                               : amount_text(x, integral_);
    };
    std::string inputs;
    if (share_input_) {
        inputs = amount(to_) + " of " + amount(from_);
    } else if (is_change_) {
        inputs = "from " + amount(from_) + (from_label.empty() ? "" : " in " + from_label) + " to " + amount(to_) +
                 (to_label.empty() ? "" : " in " + to_label);
    } else if (claim_.kind == claim_kind::total) {
        inputs = (from_label.empty() ? (to_label.empty() ? std::string("the values") : "the values in " + to_label)
                                     : "the values from " + from_label + " to " + to_label) +
                 " sum to " + amount(to_);
    } else {
        inputs = amount(to_) + (to_label.empty() ? "" : " in " + to_label);
    }
    if (outcome_ == tally::outcome::undefined) {
        return quoted + " cannot be checked: " +
               (share_input_ ? "for the part " : is_change_ ? "for a change " : "for the value ") + inputs + ", " +
               detail::reason_text(reason_.value_or(undefined_reason::not_a_number)) + ".";
    }
    std::string what;
    std::string allows;
    // a figure past 2^53 from integer inputs, printed from the exact quotient, not through a double
    std::string exact_figure;
    if (integral_ && is_change_ && !percent_inputs_ && (figure_ >= 0x1p53 || figure_ <= -0x1p53)) {
        const detail::int128 f = static_cast<detail::int128>(from_), t = static_cast<detail::int128>(to_);
        const detail::integer_figure q = detail::figure_of(claim_.kind, f, t);
        exact_figure = detail::exact_quotient_text(q.a, q.b, claim_.kind == claim_kind::multiple ? decimals + 1 : decimals);
    }
    const auto multiple_allows = [&](const interval& i) { return detail::interval_text(i, end_decimals, " times", 1.0); };
    switch (claim_.kind) {
    case claim_kind::percent_change:
    case claim_kind::points:
    case claim_kind::difference: {
        const bool points = claim_.kind == claim_kind::points;
        const char* unit = points ? " percentage points" : claim_.kind == claim_kind::difference ? "" : "%";
        const double sign = figure_ < 0 ? -1.0 : 1.0;
        const std::string verb = figure_ > 0 ? "rose by " : "fell by ";
        std::string figure_words = exact_figure.empty()
                                       ? detail::figure_text(figure_ * sign,
                                                             interval{allowed_.lower * sign, allowed_.upper * sign},
                                                             on_boundary_, decimals)
                                       : exact_figure;
        if (!exact_figure.empty() && figure_words.starts_with("-")) figure_words.erase(0, 1);
        if (claim_.kind == claim_kind::difference) figure_words = detail::group_thousands(figure_words);
        what = figure_ == 0 ? "did not change"
                            : verb + figure_words + (points ? detail::points_unit(figure_words) : std::string(unit));
        const bool signed_change = claim_.stated_direction != direction::rise && claim_.stated_direction != direction::fall;
        const double claim_sign = claim_.stated_direction == direction::fall ? -1.0 : 1.0;
        // the open end at 0 only repeats "a rise" or "a fall", unless the figure is 0 and that end decides
        allows = std::string(signed_change ? "a change of " : claim_sign < 0 ? "a fall of " : "a rise of ") +
                 detail::interval_text(allowed_, decimals, unit, claim_sign, figure_ != 0);
        break;
    }
    case claim_kind::multiple:
        what = "is " + (exact_figure.empty() ? detail::figure_text(figure_, allowed_, on_boundary_, decimals + 1) : exact_figure) +
               " times as high";
        allows = multiple_allows(allowed_);
        break;
    case claim_kind::direction:
        what = figure_ > 0 ? "rose" : figure_ < 0 ? "fell" : "did not change";
        allows = claim_.stated_direction == direction::rise ? "a rise" : claim_.stated_direction == direction::fall ? "a fall" : "no change";
        break;
    case claim_kind::share:
        what = "is " + detail::figure_text(figure_, allowed_, on_boundary_, decimals) + "%";
        allows = detail::interval_text(allowed_, decimals, "%", 1.0);
        break;
    case claim_kind::value:
    case claim_kind::magnitude:
    case claim_kind::total:
        what = claim_.kind == claim_kind::total ? inputs : "is " + inputs;
        allows = detail::interval_text(allowed_, claim_.kind == claim_kind::magnitude ? 0 : decimals, "", 1.0);
        break;
    }
    std::string out = what;
    if (is_change_ || share_input_) out += (share_input_ ? " (" + inputs + ")" : ", " + inputs);
    out += "; " + quoted + " allows " + allows;

    // the values stated beside the figure
    std::string mismatches;
    const auto mismatch = [&](bool ok, const std::optional<stated_number>& n, const char* what_value, long double actual) {
        if (ok || !n) return;
        mismatches += std::string(mismatches.empty() ? "" : "; ") + what_value + " is " + amount(actual) + ", not " +
                      n->text() + (percent_inputs_ ? "%" : "") + " as stated";
    };
    mismatch(stated_from_holds_, claim_.stated_from, "the earlier value", from_);
    mismatch(stated_to_holds_, claim_.stated_to, "the later value", to_);
    mismatch(stated_part_holds_, claim_.stated_part, "the part", to_);
    mismatch(stated_whole_holds_, claim_.stated_whole, "the whole", from_);
    if (!difference_holds_ && claim_.stated_difference) {
        mismatches += std::string(mismatches.empty() ? "" : "; ") + "the change is " +
                      amount(to_ - from_) + ", not " + (claim_.stated_direction == direction::fall ? "-" : "+") +
                      claim_.stated_difference->text() + " as stated";
    }
    if (!second_holds_ && claim_.second_figure) {
        mismatches += std::string(mismatches.empty() ? "" : "; ") + "the figure is not " +
                      claim_.second_figure->text() + (claim_.kind == claim_kind::multiple ? " times" : "%") + " as stated";
    }

    if (reading_count_ == 2) {
        const claim_reading& a = readings_[0];
        const claim_reading& b = readings_[1];
        const auto as = [&](const claim_reading& r) { return "as " + r.multiple.text() + " times as high"; };
        out = what + ", " + inputs + "; " + quoted + " reads two ways, " + as(a) + " (" + multiple_allows(a.allowed) +
              ") and " + as(b) + " (" + multiple_allows(b.allowed) + ")";
        if (!mismatches.empty()) return out + ", and the claim does not hold: " + mismatches + ".";
        if (outcome_ == tally::outcome::holds) return out + ", and the claim holds under both.";
        if (outcome_ == tally::outcome::does_not_hold) return out + ", and the claim holds under neither.";
        const claim_reading& yes = a.outcome == tally::outcome::holds ? a : b;
        const claim_reading& no = a.outcome == tally::outcome::holds ? b : a;
        return out + ", so the claim is ambiguous: it holds " + as(yes) + " but not " + as(no) + ".";
    }

    out += ", so the claim ";
    const bool figure_holds = readings_[0].outcome == tally::outcome::holds;
    if (holds()) {
        out += on_boundary_ ? "holds, on the boundary of what it allows." : "holds.";
        return out;
    }
    if (figure_holds) return out + "does not hold: " + mismatches + ".";
    out += claim_.hedge == hedge::none && claim_.number.has_written_precision() && claim_.kind != claim_kind::direction &&
                   claim_.kind != claim_kind::magnitude
               ? "does not hold at its stated precision"
               : "does not hold";
    if ((is_change_ || share_input_) && implied_) {
        const interval& i = *implied_;
        out += share_input_              ? "; it would hold for a part of "
               : later.starts_with("the ") ? "; it would hold for a value in " + later + " of "
                                           : "; it would hold for a " + later + " value of ";
        const auto end = [&](double x) {
            return percent_inputs_ ? amount(static_cast<long double>(x)) : amount_text(static_cast<long double>(x), integral_);
        };
        if (!i.lower_unbounded() && !i.upper_unbounded() && i.lower == i.upper) {
            out += end(i.lower);
        } else if (integral_ && !percent_inputs_ && !i.lower_unbounded() && !i.upper_unbounded()) {
            out += end(i.lower) + ".." + end(i.upper);
        } else if (integral_ && !percent_inputs_) {
            out += i.lower_unbounded() ? "at most " + end(i.upper) : "at least " + end(i.lower);
        } else {
            out += detail::interval_text(i, 2, percent_inputs_ ? "%" : "", 1.0);
        }
    }
    if (!mismatches.empty()) out += "; also, " + mismatches;
    out += ".";
    return out;
}

} // namespace tally

// The parser: tally::parse_claim and the check overloads that take text.
#include "claim_parser.hpp"
