#pragma once
// tally/check.hpp: a claim checked against the data, exactly.
//
//   constexpr auto v = tally::check(tally::change{4963, 10213}, "a 110% rise");
//   v.holds();      // false: +105.8%, and "110%" allows 109.5%..110.5%
//   v.implied();    // the later values that would make it hold: 10,398..10,447
//   v.explain();    // one paragraph that says all of the above
//   static_assert(tally::check(tally::change{153, 387}, "more than twice as high").holds());
//
// check() takes a claim (claim.hpp) or its text (read by parse_claim,
// claim_parser.hpp) and the data: a change, a single value, a share of a
// whole, or two shares. Series of years, quarters, months, fiscal years
// and days are checked by check_series.hpp. The figure is compared with the
// interval the wording allows in exact rational arithmetic for integer
// inputs (detail/rational_interval.hpp); floating inputs are compared with a
// tolerance for the rounding they already carry. What each wording allows,
// and how floating inputs are compared, is written once in docs/claims.md.

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
#include "claim.hpp"
#include "claim_parser.hpp"
#include "detail/claim_interval.hpp"
#include "detail/claim_text.hpp"
#include "detail/int128.hpp"
#include "detail/rational_interval.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "percent.hpp"

namespace tally {

namespace detail {
struct verdict_builder;
} // namespace detail

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

private:
    friend struct detail::verdict_builder;
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

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// Refuses a hand-built claim whose numbers tally cannot hold exactly:
/// more than 18 decimals, a divisor that is not positive or above
/// 1,000,000, or more than 18 digits.
constexpr void require_valid(const claim& c) {
    const auto valid = [](const std::optional<stated_number>& n) {
        if (!n) return;
        const std::int64_t size = n->digits < 0 ? -(n->digits + 1) : n->digits;  // no overflow at the minimum
        if (n->decimals < 0 || n->decimals > 18 || n->divisor <= 0 || n->divisor > 1000000 || size >= 1000000000000000000) {
            throw invalid_argument("the stated number with digits " + integer_text(n->digits) + ", " +
                                   integer_text(n->decimals) + " decimals and divisor " + integer_text(n->divisor) +
                                   " is outside what tally checks: at most 18 digits and 18 decimals, a divisor 1..1,000,000.");
        }
    };
    for (const auto& n : {std::optional<stated_number>(c.number), c.second_figure, c.stated_from, c.stated_to,
                          c.stated_part, c.stated_whole, c.stated_difference}) {
        valid(n);
    }
}

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


/// The one place a verdict is filled in: check() builds every verdict here.
struct verdict_builder {
    /// Combines the readings and the stated values into the verdict's outcome.
    static constexpr void settle(verdict& v) noexcept {
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

    static constexpr void start(verdict& v, const claim& cl, const claim_options& options, bool shares) noexcept {
        v.claim_ = cl;
        v.formula_ = formula_for(cl.kind, shares);
        v.reading_ = reading_for(cl);
        v.tolerance_ = (cl.kind == claim_kind::direction || cl.kind == claim_kind::magnitude)
                           ? tolerance{0, 1}
                           : tolerance_for(cl.number, cl.hedge, options);
        v.allowed_ = to_interval(allowed_interval(cl, options));
    }

    template <arithmetic T>
    static constexpr verdict of_change(const change<T>& c, const claim& cl, const claim_options& options) {
        detail::require_valid(options);
        detail::require_valid(cl);
        if (cl.kind == claim_kind::value || cl.kind == claim_kind::magnitude) return check(c.to(), cl, options);
        if (cl.kind == claim_kind::share) {
            throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a share of a whole, not a change.");
        }
        if (cl.kind == claim_kind::total) {
            throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a total over a series, not a change.");
        }
        verdict v{};
        start(v, cl, options, false);
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
        settle(v);
        return v;
    }

    template <arithmetic T>
    static constexpr verdict of_value(T value, const claim& cl, const claim_options& options) {
        detail::require_valid(options);
        detail::require_valid(cl);
        if (detail::is_change_claim(cl.kind)) {
            throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a change, not a single value.");
        }
        if (cl.kind == claim_kind::share) {
            throw invalid_argument("the claim \"" + to_string(cl) + "\" is about a share of a whole, not a single value.");
        }
        verdict v{};
        start(v, cl, options, false);
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
        settle(v);
        return v;
    }

    template <arithmetic T>
    static constexpr verdict of_share(const share<T>& s, const claim& given, const claim_options& options) {
        detail::require_valid(options);
        detail::require_valid(given);
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
        start(v, cl, options, false);
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
        settle(v);
        return v;
    }

    template <arithmetic T>
    static constexpr verdict of_shares(const share<T>& earlier, const share<T>& later, const claim& cl,
                                           const claim_options& options) {
        detail::require_valid(options);
        detail::require_valid(cl);
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
        start(v, cl, options, true);
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
        settle(v);
        return v;
    }

    /// The verdict with the names of the times a series check compared.
    static verdict labelled(verdict v, const std::string& from, const std::string& to) {
        if (!from.empty()) set_label(v.from_label_, from);
        set_label(v.to_label_, to);
        return v;
    }
};

} // namespace detail

template <arithmetic T>
constexpr verdict check(const change<T>& c, const claim& cl, const claim_options& options) {
    return detail::verdict_builder::of_change(c, cl, options);
}

template <arithmetic T>
constexpr verdict check(T value, const claim& cl, const claim_options& options) {
    return detail::verdict_builder::of_value(value, cl, options);
}

template <arithmetic T>
constexpr verdict check(const share<T>& s, const claim& cl, const claim_options& options) {
    return detail::verdict_builder::of_share(s, cl, options);
}

template <arithmetic T>
constexpr verdict check(const share<T>& earlier, const share<T>& later, const claim& cl, const claim_options& options) {
    return detail::verdict_builder::of_shares(earlier, later, cl, options);
}

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

inline std::string verdict::explain(std::string_view later) const {
    detail::verdict_facts f{};
    f.c = claim_;
    f.out = outcome_;
    f.figure = figure_;
    f.allowed = allowed_;
    f.on_boundary = on_boundary_;
    f.implied = implied_;
    f.reason = reason_;
    f.integral = integral_;
    f.is_change = is_change_;
    f.percent_inputs = percent_inputs_;
    f.share_input = share_input_;
    f.from = from_;
    f.to = to_;
    f.readings = readings();
    f.from_ok = stated_from_holds_;
    f.to_ok = stated_to_holds_;
    f.part_ok = stated_part_holds_;
    f.whole_ok = stated_whole_holds_;
    f.second_ok = second_holds_;
    f.difference_ok = difference_holds_;
    f.from_label = detail::label_text(from_label_);
    f.to_label = detail::label_text(to_label_);
    // a figure past 2^53 from integer inputs, printed from the exact quotient, not through a double
    if (integral_ && is_change_ && !percent_inputs_ && (figure_ >= 0x1p53 || figure_ <= -0x1p53)) {
        const detail::int128 a = static_cast<detail::int128>(from_), b = static_cast<detail::int128>(to_);
        const detail::integer_figure q = detail::figure_of(claim_.kind, a, b);
        const int decimals = claim_.number.is_fraction() ? 3 : claim_.number.decimals + 1;
        f.exact_figure = detail::exact_quotient_text(q.a, q.b, claim_.kind == claim_kind::multiple ? decimals + 1 : decimals);
    }
    return detail::explain_text(f, later);
}

} // namespace tally
