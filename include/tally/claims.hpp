#pragma once
// tally/claims.hpp: a claim as written, checked against the data.
//
//   using tally::claim;
//   constexpr auto v = tally::check(tally::change{4963, 10213},
//                                   claim::percent_change("110", tally::direction::rise));
//   v.holds();      // false: +105.8%, and "110%" allows 109.5%..110.5%
//   v.implied();    // the later values that would make it hold: 10,398..10,447
//   v.explain();    // one paragraph that says all of the above
//
// The precision of a stated number is read from how it is written: "110"
// allows [109.5, 110.5], "34.8" allows [34.75, 34.85]. A value exactly on a
// boundary is consistent with the claim, and the verdict says it sits on
// the boundary. Hedges move the interval: "more than 2" is (2, inf), "at
// least 2" is [2, inf), "less than 2" is (-inf, 2), "at most 2" is
// (-inf, 2]; a hedged number is taken exactly, not widened by its precision.
//
// For integer inputs the decision is exact: the figure (to - from) * 100 /
// from is compared with each bound p/q by cross-multiplication in 256-bit
// arithmetic, never by a floating-point comparison that could flip at a
// rounding boundary. Floating inputs are compared in long double.
//
// Claim kinds supplied here (the parser in a later layer produces them from
// text):
//   claim::percent_change("110", direction::rise)       "a 110% rise"
//   claim::percent_change("34.8", direction::fall)      "fell by 34.8%"
//   claim::times_as_high("2", hedge::more_than)         "more than twice as high"
//   claim::direction_of(direction::fall)                "a drop"
//   claim::value("387")                                 "387"
//   claim::magnitude_of(magnitude::hundreds)            "hundreds of"

#include <compare>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "change.hpp"
#include "detail/int128.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "percent.hpp"

namespace tally {

/// A number as written: "34.8" is 348 with 1 decimal; "10,424" is 10424.
/// Its precision is half a unit in its last written place.
struct stated_number {
    std::int64_t digits = 0;  ///< the written digits without point or separators, with sign
    int decimals = 0;         ///< digits written after the point

    /// Reads "110", "34.8", "-6", "10,424", "1.10"; throws parse_error naming
    /// the text when it is not such a number (at most 15 significant digits
    /// and 6 decimals; thousands separators must group by three).
    [[nodiscard]] static constexpr stated_number parse(std::string_view text);
    /// The value as a double: 34.8.
    [[nodiscard]] constexpr double value() const noexcept;
    /// The text it was read from, in canonical form: "34.8", "10,424".
    [[nodiscard]] std::string text() const;
    [[nodiscard]] friend constexpr bool operator==(const stated_number&, const stated_number&) = default;
};

/// How a hedge word moves the interval a stated number allows.
enum class hedge {
    none,       ///< the number's precision: "110" allows [109.5, 110.5]
    more_than,  ///< "more than", "over": (N, inf)
    at_least,   ///< "at least": [N, inf)
    less_than,  ///< "less than", "under": (-inf, N)
    at_most,    ///< "at most", "no more than": (-inf, N]
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
};

/// A claim as written, reduced to what it asserts. A literal type.
struct claim {
    claim_kind kind = claim_kind::value;
    tally::direction stated_direction = tally::direction::undefined;  ///< rise or fall; undefined when not stated
    stated_number number{};
    tally::hedge hedge = tally::hedge::none;
    tally::magnitude order = tally::magnitude::hundreds;

    /// "a 110% rise" is percent_change("110", direction::rise).
    [[nodiscard]] static constexpr claim percent_change(std::string_view number, tally::direction dir,
                                                        tally::hedge h = tally::hedge::none);
    /// "more than twice as high" is times_as_high("2", hedge::more_than).
    [[nodiscard]] static constexpr claim times_as_high(std::string_view number, tally::hedge h = tally::hedge::none);
    /// "a drop" is direction_of(direction::fall).
    [[nodiscard]] static constexpr claim direction_of(tally::direction dir);
    /// "387" is value("387"); "more than 1,000" is value("1,000", hedge::more_than).
    [[nodiscard]] static constexpr claim value(std::string_view number, tally::hedge h = tally::hedge::none);
    /// "hundreds of" is magnitude_of(magnitude::hundreds).
    [[nodiscard]] static constexpr claim magnitude_of(tally::magnitude m);

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
};

/// The result of checking a claim: the figure, the interval the wording
/// allows, the reading, and what the data would have to be. A literal type,
/// so a check can be a static_assert.
class verdict {
public:
    [[nodiscard]] constexpr bool holds() const noexcept { return outcome_ == tally::outcome::holds; }
    [[nodiscard]] constexpr tally::outcome outcome() const noexcept { return outcome_; }
    /// The claim as read.
    [[nodiscard]] constexpr const tally::claim& claim() const noexcept { return claim_; }
    /// The computed figure in the claim's unit: percent for percent_change,
    /// the ratio for multiple, the difference for direction, the value for
    /// value and magnitude. NaN when the outcome is undefined.
    [[nodiscard]] constexpr double figure() const noexcept { return figure_; }
    /// The interval of figures the wording allows.
    [[nodiscard]] constexpr tally::interval allowed() const noexcept { return allowed_; }
    /// Whether the figure sits exactly on a closed end of the allowed interval.
    [[nodiscard]] constexpr bool on_boundary() const noexcept { return on_boundary_; }
    /// For a claim about a change: the later values that would make it hold,
    /// given the earlier one (for integer inputs, whole numbers within the
    /// input type's range); empty when none would, or the claim is about a
    /// single value.
    [[nodiscard]] constexpr std::optional<tally::interval> implied() const noexcept { return implied_; }
    /// Why no figure exists, when the outcome is undefined.
    [[nodiscard]] constexpr std::optional<undefined_reason> why_undefined() const noexcept { return reason_; }
    /// Whether the inputs were integers (and the decision exact).
    [[nodiscard]] constexpr bool exact() const noexcept { return integral_; }
    /// The inputs: from and to for a change; value() is to() for a single value.
    [[nodiscard]] constexpr long double from() const noexcept { return from_; }
    [[nodiscard]] constexpr long double to() const noexcept { return to_; }
    [[nodiscard]] constexpr bool is_change() const noexcept { return is_change_; }

    /// One paragraph a reader understands: the figure, the inputs, what the
    /// wording allows, the verdict, and what would make it hold.
    /// `later` names the later observation ("2018"), else "later".
    [[nodiscard]] std::string explain(std::string_view later = "later") const;

    // Built by check(); not for direct use.
    tally::outcome outcome_ = tally::outcome::undefined;
    tally::claim claim_{};
    double figure_ = std::numeric_limits<double>::quiet_NaN();
    tally::interval allowed_{};
    bool on_boundary_ = false;
    std::optional<tally::interval> implied_{};
    std::optional<undefined_reason> reason_{};
    bool integral_ = false;
    bool is_change_ = false;
    long double from_ = 0;
    long double to_ = 0;
};

/// Checks a claim about a change (percent_change, multiple, direction).
/// Throws invalid_argument when the claim is about a single value. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(const change<T>& c, const claim& cl);

/// Checks a claim about a single value (value, magnitude). Throws
/// invalid_argument when the claim is about a change. O(1).
template <arithmetic T>
[[nodiscard]] constexpr verdict check(T value, const claim& cl);

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

[[nodiscard]] constexpr std::partial_ordering compare_to_bound(long double a, long double b, const bound& x) noexcept {
    return a * static_cast<long double>(x.den) <=> static_cast<long double>(x.num) * b;
}

/// The interval a stated number allows under a hedge, in units of the
/// number scaled by `scale` and signed by `sign`.
[[nodiscard]] constexpr rational_interval stated_interval(const stated_number& n, hedge h, int sign) noexcept {
    const int128 den = power_of_ten(n.decimals);
    const int128 exact = static_cast<int128>(n.digits) * sign;  // value = exact / den
    rational_interval r{};
    switch (h) {
    case hedge::none: {
        // [N - h, N + h] with h half a unit in the last place: (2N -+ 1) / (2 den)
        const int128 a = 2 * exact - 1, b = 2 * exact + 1;
        r.lower = make_bound(a, 2 * den, true);
        r.upper = make_bound(b, 2 * den, true);
        break;
    }
    case hedge::more_than: r.lower = make_bound(exact, den, false); break;
    case hedge::at_least: r.lower = make_bound(exact, den, true); break;
    case hedge::less_than: r.upper = make_bound(exact, den, false); break;
    case hedge::at_most: r.upper = make_bound(exact, den, true); break;
    }
    if (sign < 0) {  // a fall of "more than 30%" is below -30%: the hedge's ends swap
        if (h == hedge::more_than || h == hedge::at_least) {
            r.upper = r.lower;
            r.lower = bound{};
        } else if (h == hedge::less_than || h == hedge::at_most) {
            r.lower = r.upper;
            r.upper = bound{};
        }
    }
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

/// floor(a / b) and ceil(a / b) for b > 0.
[[nodiscard]] constexpr int128 floor_div(int128 a, int128 b) noexcept {
    const int128 q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
[[nodiscard]] constexpr int128 ceil_div(int128 a, int128 b) noexcept {
    const int128 q = a / b;
    return (a % b != 0 && a > 0) ? q + 1 : q;
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

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

[[noreturn]] inline void throw_bad_number(std::string_view text, const char* why) {
    throw parse_error("\"" + std::string(text) + "\" is not a number as written: " + why + ".");
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
    return stated_number{negative ? -digits : digits, decimals};
}

constexpr double stated_number::value() const noexcept {
    return static_cast<double>(static_cast<long double>(digits) /
                               static_cast<long double>(detail::power_of_ten(decimals)));
}

inline std::string stated_number::text() const {
    const detail::int128 den = detail::power_of_ten(decimals);
    const detail::int128 magnitude = digits < 0 ? -static_cast<detail::int128>(digits) : digits;
    std::string out = detail::group_thousands(detail::integer_text(magnitude / den));
    if (decimals > 0) {
        std::string fraction = detail::integer_text(magnitude % den);
        out += "." + std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    }
    return digits < 0 ? "-" + out : out;
}

constexpr claim claim::percent_change(std::string_view number, tally::direction dir, tally::hedge h) {
    if (dir != tally::direction::rise && dir != tally::direction::fall) {
        throw invalid_argument("a claimed percent change needs a direction, rise or fall.");
    }
    stated_number n = stated_number::parse(number);
    if (n.digits < 0) throw invalid_argument("a claimed percent change is written without a sign; its direction says which way.");
    return claim{claim_kind::percent_change, dir, n, h, tally::magnitude::hundreds};
}

constexpr claim claim::times_as_high(std::string_view number, tally::hedge h) {
    const stated_number n = stated_number::parse(number);
    if (n.digits <= 0) throw invalid_argument("a claimed multiple must be above zero; \"" + std::string(number) + "\" is not.");
    return claim{claim_kind::multiple, tally::direction::undefined, n, h, tally::magnitude::hundreds};
}

constexpr claim claim::direction_of(tally::direction dir) {
    if (dir == tally::direction::undefined) throw invalid_argument("a claimed direction must be rise, fall or unchanged.");
    return claim{claim_kind::direction, dir, stated_number{}, tally::hedge::none, tally::magnitude::hundreds};
}

constexpr claim claim::value(std::string_view number, tally::hedge h) {
    return claim{claim_kind::value, tally::direction::undefined, stated_number::parse(number), h,
                 tally::magnitude::hundreds};
}

constexpr claim claim::magnitude_of(tally::magnitude m) {
    return claim{claim_kind::magnitude, tally::direction::undefined, stated_number{}, tally::hedge::none, m};
}

namespace detail {

/// The interval a claim allows for its figure, exactly.
[[nodiscard]] constexpr rational_interval allowed_interval(const claim& c) noexcept {
    rational_interval r{};
    switch (c.kind) {
    case claim_kind::percent_change: {
        const int sign = c.stated_direction == tally::direction::fall ? -1 : 1;
        r = stated_interval(c.number, c.hedge, sign);
        // a rise is above 0%, a fall below it, whatever the hedge
        if (sign > 0) {
            r.lower = tighter_lower(r.lower, make_bound(0, 1, false));
        } else {
            r.upper = tighter_upper(r.upper, make_bound(0, 1, false));
        }
        break;
    }
    case claim_kind::multiple: r = stated_interval(c.number, c.hedge, 1); break;
    case claim_kind::value: r = stated_interval(c.number, c.hedge, 1); break;
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

template <class Number>
[[nodiscard]] constexpr bool inside(Number a, Number b, const rational_interval& r, bool& on_boundary) noexcept {
    on_boundary = false;
    if (!r.lower.unbounded) {
        const auto c = compare_to_bound(a, b, r.lower);
        if (c < 0 || (c == 0 && !r.lower.inclusive)) return false;
        if (c == 0) on_boundary = true;
    }
    if (!r.upper.unbounded) {
        const auto c = compare_to_bound(a, b, r.upper);
        if (c > 0 || (c == 0 && !r.upper.inclusive)) return false;
        if (c == 0) on_boundary = true;
    }
    return true;
}

[[nodiscard]] constexpr bool is_change_claim(claim_kind k) noexcept {
    return k == claim_kind::percent_change || k == claim_kind::multiple || k == claim_kind::direction;
}

} // namespace detail

template <arithmetic T>
constexpr verdict check(const change<T>& c, const claim& cl) {
    if (!detail::is_change_claim(cl.kind)) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a single value, not a change.");
    }
    verdict v{};
    v.claim_ = cl;
    v.is_change_ = true;
    v.integral_ = std::integral<T>;
    v.from_ = static_cast<long double>(c.from());
    v.to_ = static_cast<long double>(c.to());
    const detail::rational_interval allowed = detail::allowed_interval(cl);
    v.allowed_ = detail::to_interval(allowed);

    // The figure as A / B with B > 0:
    //   percent_change  A = 100 (to - from), B = from
    //   multiple        A = to,             B = from
    //   direction       A = to - from,      B = 1
    if (cl.kind != claim_kind::direction) {
        if (const auto reason = c.why_undefined()) {
            v.reason_ = reason;
            return v;
        }
    } else if (c.direction() == tally::direction::undefined) {
        v.reason_ = undefined_reason::not_a_number;
        return v;
    }

    bool boundary = false;
    bool holds = false;
    if constexpr (std::integral<T>) {
        const detail::int128 from = c.from(), to = c.to();
        detail::int128 a = 0, b = 1, scale = 1, offset = 0;
        switch (cl.kind) {
        case claim_kind::percent_change: a = 100 * (to - from); b = from; scale = 100; offset = -100 * from; break;
        case claim_kind::multiple: a = to; b = from; scale = 1; offset = 0; break;
        default: a = to - from; b = 1; scale = 1; offset = -from; break;
        }
        holds = detail::inside(a, b, allowed, boundary);
        v.figure_ = static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b));
        detail::integer_range range = detail::implied_integers(allowed, scale, offset, b);
        // within the input type's range; an end beyond it that the claim
        // leaves open stays unbounded (for unsigned inputs the lower end is 0)
        constexpr double inf = std::numeric_limits<double>::infinity();
        const detail::int128 type_min = std::numeric_limits<T>::min(), type_max = std::numeric_limits<T>::max();
        double lower = range.lower_unbounded ? -inf : static_cast<double>(range.lower);
        double upper = range.upper_unbounded ? inf : static_cast<double>(range.upper);
        if (std::unsigned_integral<T> && (range.lower_unbounded || range.lower < type_min)) lower = 0;
        if (!range.lower_unbounded && range.lower < type_min) lower = static_cast<double>(type_min);
        if (!range.upper_unbounded && range.upper > type_max) upper = static_cast<double>(type_max);
        if (!range.empty && lower <= upper && (range.lower_unbounded || range.lower <= type_max) &&
            (range.upper_unbounded || range.upper >= type_min)) {
            v.implied_ = interval{lower, upper, true, true};
        }
    } else {
        using L = long double;
        const L from = static_cast<L>(c.from()), to = static_cast<L>(c.to());
        L a = 0, b = 1;
        switch (cl.kind) {
        case claim_kind::percent_change: a = 100 * (to - from); b = from; break;
        case claim_kind::multiple: a = to; b = from; break;
        default: a = to - from; b = 1; break;
        }
        holds = detail::inside(a, b, allowed, boundary);
        v.figure_ = static_cast<double>(a / b);
        // the later values: figure bounds mapped back through to = from + figure * from / 100 (etc.)
        const auto map = [&](const detail::bound& x, double if_unbounded) -> double {
            if (x.unbounded) return if_unbounded;
            const L f = static_cast<L>(x.num) / static_cast<L>(x.den);
            switch (cl.kind) {
            case claim_kind::percent_change: return static_cast<double>(from + f * from / 100);
            case claim_kind::multiple: return static_cast<double>(f * from);
            default: return static_cast<double>(from + f);
            }
        };
        constexpr double inf = std::numeric_limits<double>::infinity();
        v.implied_ = interval{map(allowed.lower, -inf), map(allowed.upper, inf),
                              allowed.lower.inclusive || allowed.lower.unbounded,
                              allowed.upper.inclusive || allowed.upper.unbounded};
    }
    v.outcome_ = holds ? tally::outcome::holds : tally::outcome::does_not_hold;
    v.on_boundary_ = holds && boundary;
    return v;
}

template <arithmetic T>
constexpr verdict check(T value, const claim& cl) {
    if (detail::is_change_claim(cl.kind)) {
        throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a change, not a single value.");
    }
    verdict v{};
    v.claim_ = cl;
    v.integral_ = std::integral<T>;
    v.from_ = static_cast<long double>(value);
    v.to_ = static_cast<long double>(value);
    const detail::rational_interval allowed = detail::allowed_interval(cl);
    v.allowed_ = detail::to_interval(allowed);
    if (detail::is_nan(value)) {
        v.reason_ = undefined_reason::not_a_number;
        return v;
    }
    bool boundary = false;
    bool holds = false;
    if constexpr (std::integral<T>) {
        holds = detail::inside(static_cast<detail::int128>(value), detail::int128(1), allowed, boundary);
    } else {
        holds = detail::inside(static_cast<long double>(value), 1.0L, allowed, boundary);
    }
    v.figure_ = static_cast<double>(value);
    v.outcome_ = holds ? tally::outcome::holds : tally::outcome::does_not_hold;
    v.on_boundary_ = holds && boundary;
    return v;
}

// --- text -------------------------------------------------------------------

namespace detail {

[[nodiscard]] inline std::string multiple_words(const stated_number& n) {
    if (n.decimals == 0 && n.digits == 2) return "twice";
    if (n.decimals == 0 && n.digits == 3) return "three times";
    return n.text() + " times";
}

[[nodiscard]] inline std::string hedge_words(hedge h) {
    switch (h) {
    case hedge::none: return "";
    case hedge::more_than: return "more than ";
    case hedge::at_least: return "at least ";
    case hedge::less_than: return "less than ";
    case hedge::at_most: return "at most ";
    }
    return "";
}

/// A count or amount as a reader reads it: "10,213", "1.5".
[[nodiscard]] inline std::string amount_text(long double v, bool integral) {
    if (integral) return group_thousands(integer_text(static_cast<int128>(v)));
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

[[nodiscard]] inline std::string interval_text(const interval& i, int decimals, const char* unit, double sign) {
    // for a fall, show magnitudes: "a fall of 34.75%..34.85%"
    double lo = i.lower * sign, hi = i.upper * sign;
    bool lo_inc = i.lower_inclusive, hi_inc = i.upper_inclusive;
    if (sign < 0) {
        std::swap(lo, hi);
        std::swap(lo_inc, hi_inc);
    }
    // the bound at 0% that only says "a rise" or "a fall" is not shown
    const bool lo_none = lo == -std::numeric_limits<double>::infinity() || (lo == 0 && !lo_inc && unit[0] == '%');
    const bool hi_none = hi == std::numeric_limits<double>::infinity();
    const auto num = [&](double x) { return group_thousands(trimmed_text(x, decimals)) + unit; };
    if (!lo_none && !hi_none) {
        if (lo_inc && hi_inc) return num(lo) + ".." + num(hi);
        return std::string(lo_inc ? "at least " : "more than ") + num(lo) + " and " +
               (hi_inc ? "at most " : "less than ") + num(hi);
    }
    if (lo_none && !hi_none) return (hi_inc ? "at most " : "less than ") + num(hi);
    if (!lo_none && hi_none) return (lo_inc ? "at least " : "more than ") + num(lo);
    return "any value";
}

} // namespace detail

inline std::string to_string(const claim& c) {
    const std::string h = detail::hedge_words(c.hedge);
    switch (c.kind) {
    case claim_kind::percent_change:
        return std::string(c.stated_direction == direction::fall ? "a fall of " : "a rise of ") + h + c.number.text() + "%";
    case claim_kind::multiple: return h + detail::multiple_words(c.number) + " as high";
    case claim_kind::direction:
        return c.stated_direction == direction::rise   ? "a rise"
               : c.stated_direction == direction::fall ? "a fall"
                                                       : "no change";
    case claim_kind::value: return h + c.number.text();
    case claim_kind::magnitude:
        return c.order == magnitude::hundreds ? "hundreds" : c.order == magnitude::thousands ? "thousands" : "millions";
    }
    return "";
}

inline std::string verdict::explain(std::string_view later) const {
    using detail::amount_text;
    const std::string quoted = "\"" + to_string(claim_) + "\"";
    const std::string inputs = is_change_ ? "from " + amount_text(from_, integral_) + " to " + amount_text(to_, integral_)
                                          : amount_text(to_, integral_);
    if (outcome_ == tally::outcome::undefined) {
        return quoted + " cannot be checked: " + (is_change_ ? "for a change " : "for the value ") + inputs + ", " +
               detail::reason_text(reason_.value_or(undefined_reason::not_a_number)) + ".";
    }
    const int decimals = claim_.number.decimals + 1;
    std::string what;
    std::string allows;
    switch (claim_.kind) {
    case claim_kind::percent_change: {
        const double sign = figure_ < 0 ? -1.0 : 1.0;
        const std::string verb = figure_ > 0 ? "rose by " : figure_ < 0 ? "fell by " : "did not change ";
        what = figure_ == 0 ? "did not change" : verb + detail::figure_text(figure_ * sign, interval{allowed_.lower * sign, allowed_.upper * sign}, on_boundary_, decimals) + "%";
        const double claim_sign = claim_.stated_direction == direction::fall ? -1.0 : 1.0;
        allows = std::string(claim_sign < 0 ? "a fall of " : "a rise of ") + detail::interval_text(allowed_, decimals, "%", claim_sign);
        break;
    }
    case claim_kind::multiple:
        what = "is " + detail::figure_text(figure_, allowed_, on_boundary_, decimals + 1) + " times as high";
        allows = detail::interval_text(allowed_, decimals, " times", 1.0);
        break;
    case claim_kind::direction:
        what = figure_ > 0 ? "rose" : figure_ < 0 ? "fell" : "did not change";
        allows = claim_.stated_direction == direction::rise ? "a rise" : claim_.stated_direction == direction::fall ? "a fall" : "no change";
        break;
    case claim_kind::value:
    case claim_kind::magnitude:
        what = "is " + inputs;
        allows = detail::interval_text(allowed_, claim_.kind == claim_kind::value ? decimals : 0, "", 1.0);
        break;
    }
    std::string out = what;
    if (is_change_) out += ", " + inputs;
    out += "; " + quoted + " allows " + allows + ", so the claim ";
    if (holds()) {
        out += on_boundary_ ? "holds, on the boundary of what it allows." : "holds.";
        return out;
    }
    out += claim_.hedge == hedge::none && claim_.kind != claim_kind::direction && claim_.kind != claim_kind::magnitude
               ? "does not hold at its stated precision"
               : "does not hold";
    if (is_change_ && implied_) {
        const interval& i = *implied_;
        out += "; it would hold for a " + std::string(later) + " value of ";
        const auto amount = [&](double x) { return amount_text(static_cast<long double>(x), integral_); };
        if (!i.lower_unbounded() && !i.upper_unbounded() && i.lower == i.upper) {
            out += amount(i.lower);
        } else if (integral_ && !i.lower_unbounded() && !i.upper_unbounded()) {
            out += amount(i.lower) + ".." + amount(i.upper);
        } else if (integral_) {
            out += i.lower_unbounded() ? "at most " + amount(i.upper) : "at least " + amount(i.lower);
        } else {
            out += detail::interval_text(i, 2, "", 1.0);
        }
    }
    out += ".";
    return out;
}

} // namespace tally
