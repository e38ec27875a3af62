#pragma once
// tally/detail/claim_interval.hpp: the interval a claim allows for its
// figure, exactly (a stated number's precision moved by its hedge), the
// figure of a change as a / b, and the earlier and later values that would
// make a claim hold. Everything here is constexpr: a claim can be checked
// in a static_assert.

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "../change.hpp"
#include "../claim.hpp"
#include "int128.hpp"
#include "rational_interval.hpp"
#include "text.hpp"

namespace tally::detail {

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

[[nodiscard]] constexpr double bound_value(const bound& b, double if_unbounded) noexcept {
    if (b.unbounded) return if_unbounded;
    return static_cast<double>(static_cast<long double>(b.num) / static_cast<long double>(b.den));
}

[[nodiscard]] constexpr interval to_interval(const rational_interval& r) noexcept {
    constexpr double inf = std::numeric_limits<double>::infinity();
    return interval{bound_value(r.lower, -inf), bound_value(r.upper, inf), r.lower.inclusive || r.lower.unbounded,
                    r.upper.inclusive || r.upper.unbounded};
}

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

} // namespace tally::detail
