#pragma once
// tally/describe.hpp: the sentence a careful reporter would write about a change.
//
//   tally::describe(tally::change{594, 387});        // "fell by 34.8%, from 594 to 387"
//   tally::describe(tally::change{153, 387});        // "more than doubled (2.53 times), from 153 to 387"
//   tally::describe(tally::share{4963, 20518}, tally::share{10213, 34223});
//                                                    // "rose by 5.7 percentage points, from 24.2% to 29.8%"
//
// The wording, for a change from a positive base:
//   to == from                  "was unchanged at 153"
//   to < 2 * from               "rose by 12.5%, from 72 to 81" / "fell by 34.8%, from 594 to 387"
//   to == k * from, k = 2..4    "doubled", "tripled", "quadrupled", then ", from a to b"
//   to == k * from, k >= 5      "was 5 times as high, from 100 to 500"
//   k * from < to < (k+1) from  "more than doubled (2.53 times)" for k = 2..4,
//                               "was more than 5 times as high (5.12 times)" for k >= 5
// From a zero or negative base no relative change exists: "rose, from 0 to 5",
// "fell, from -2 to -7". Percents carry `decimals` decimals, multiples one more,
// rounded half away from zero, with trailing zeros removed as in every
// other tally text ("fell by 40%", not "40.0%"; "1 percentage point"); for
// integer inputs the rounding is exact.
// Every sentence reads back: check(c, describe(c)) holds.

#include <cmath>
#include <limits>
#include <string>

#include "change.hpp"
#include "check.hpp"
#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/numeric.hpp"
#include "detail/text.hpp"
#include "error.hpp"

namespace tally {

/// The change in words, with its figure rounded to `decimals` decimals
/// (0..6; throws invalid_argument outside). O(1).
template <arithmetic T>
[[nodiscard]] std::string describe(const change<T>& c, int decimals = 1);

/// The change between two shares in percentage points, with both shares:
/// "rose by 5.7 percentage points, from 24.2% to 29.8%". Throws
/// undefined_result when a whole is zero or negative. O(1).
template <arithmetic T>
[[nodiscard]] std::string describe(const share<T>& earlier, const share<T>& later, int decimals = 1);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

inline void require_decimals(int decimals) {
    if (decimals < 0 || decimals > 6) {
        throw invalid_argument(concat("a description has 0 to 6 decimals, not ", integer_text(decimals), "."));
    }
}

/// |num| / den (den > 0) rounded half away from zero to `decimals` decimals,
/// as text with trailing zeros removed ("40", not "40.0"), as elsewhere.
[[nodiscard]] inline std::string rounded_quotient(int128 num, int128 den, int decimals) {
    const int128 scale = power_of_ten(decimals);
    const uint128 n = magnitude(num) * static_cast<uint128>(scale);
    const uint128 d = static_cast<uint128>(den);
    uint128 q = n / d;
    if (2 * (n % d) >= d) ++q;
    std::string whole = group_thousands(integer_text(q / static_cast<uint128>(scale)));
    if (decimals == 0) return whole;
    std::string fraction = integer_text(q % static_cast<uint128>(scale));
    fraction.insert(0, static_cast<std::size_t>(decimals) - fraction.size(), '0');
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    return fraction.empty() ? whole : concat(whole, ".", fraction);
}

/// |x| (finite) rounded to `decimals` decimals, as text with trailing zeros
/// removed: rounded as a double where x is within double's range, else as
/// the long double itself.
[[nodiscard]] inline std::string rounded_floating(long double x, int decimals) {
    const long double m = x < 0 ? -x : x;
    if (m <= static_cast<long double>(std::numeric_limits<double>::max())) {
        return group_thousands(trimmed_text(static_cast<double>(m), decimals));
    }
    return group_thousands(trimmed_text(m, decimals));
}

[[nodiscard]] inline const char* multiple_verb(int128 k) {
    if (k == 2) return "doubled";
    if (k == 3) return "tripled";
    return "quadrupled";
}

/// The sentence for to = ratio * from, ratio >= 2, given the whole multiple
/// k = floor(ratio) as text and as a number where it is small (k_small is 5
/// for every k >= 5), and `times`, the ratio rounded.
[[nodiscard]] inline std::string multiple_text(int k_small, const std::string& k_text, bool whole,
                                               const std::string& times, const std::string& ends) {
    const std::string exact = whole ? std::string() : concat(" (", times, " times)");
    if (k_small <= 4) return concat(whole ? "" : "more than ", multiple_verb(k_small), exact, ends);
    return concat(whole ? "was " : "was more than ", k_text, " times as high", exact, ends);
}

} // namespace detail

template <arithmetic T>
std::string describe(const change<T>& c, int decimals) {
    detail::require_decimals(decimals);
    // -0 is written as 0: "was unchanged at 0", never "-0"
    const auto end_text = [](T v) {
        return detail::amount_text(v == T(0) ? 0.0L : static_cast<long double>(v), std::integral<T>);
    };
    const std::string from = end_text(c.from());
    const std::string to = end_text(c.to());
    const std::string ends = detail::concat(", from ", from, " to ", to);
    if (c.direction() == direction::undefined) {
        throw undefined_result(detail::concat("a change from ", detail::value_text(c.from()), " to ",
                                              detail::value_text(c.to()),
                                              " has no direction to describe: a value is not a number."));
    }
    if (c.to() == c.from()) return detail::concat("was unchanged at ", from);
    const bool rise = c.direction() == direction::rise;
    if (c.why_undefined()) {
        if (detail::is_infinite(c.from()) || detail::is_infinite(c.to())) {
            throw undefined_result(detail::concat("a change from ", detail::value_text(c.from()), " to ",
                                                  detail::value_text(c.to()), " cannot be described: a value is infinite."));
        }
        return detail::concat(rise ? "rose" : "fell", ends);
    }
    if constexpr (std::integral<T>) {
        const detail::int128 f = c.from(), t = c.to();
        if (t >= 2 * f) {
            const detail::int128 k = t / f;
            return detail::multiple_text(k <= 4 ? static_cast<int>(k) : 5, detail::group_thousands(detail::integer_text(k)),
                                         t % f == 0, detail::rounded_quotient(t, f, decimals + 1), ends);
        }
        return detail::concat(rise ? "rose by " : "fell by ", detail::rounded_quotient(100 * (t - f), f, decimals), "%",
                              ends);
    } else {
        // O(1) for every ratio: the whole multiple is floor(ratio), written
        // exactly (every long double from 2^64 up is an integer).
        using L = long double;
        const L f = static_cast<L>(c.from()), t = static_cast<L>(c.to());
        const L ratio = t / f;
        if (!detail::is_finite(ratio)) {
            throw overflow_error(detail::concat("the multiple of a change from ", detail::value_text(c.from()), " to ",
                                                detail::value_text(c.to()), " overflows long double."));
        }
        if (ratio >= 2) {
            const L k = std::floor(ratio);
            const int k_small = k <= 4 ? static_cast<int>(k) : 5;
            return detail::multiple_text(k_small, detail::rounded_floating(k, 0), ratio == k,
                                         detail::rounded_floating(ratio, decimals + 1), ends);
        }
        L p = 100 * (t - f) / f;
        if (!detail::is_finite(p)) p = 100 * (t / f - 1);  // ends near the top of L
        return detail::concat(rise ? "rose by " : "fell by ", detail::rounded_floating(p, decimals), "%", ends);
    }
}

template <arithmetic T>
std::string describe(const share<T>& earlier, const share<T>& later, int decimals) {
    detail::require_decimals(decimals);
    for (const share<T>* s : {&earlier, &later}) {
        if (const auto reason = change<T>(s->whole, s->part).why_undefined()) {
            throw undefined_result(detail::concat("the share ", detail::value_text(s->part), " of ",
                                                  detail::value_text(s->whole), " is undefined: ",
                                                  detail::reason_text(*reason), "."));
        }
    }
    std::string from, to, points;
    int sign = 0;
    if constexpr (std::integral<T>) {
        const detail::int128 p1 = earlier.part, w1 = earlier.whole, p2 = later.part, w2 = later.whole;
        detail::int128 x = 0, y = 0, a = 0, b = 0;
        if (detail::checked_multiply(p2, w1, x) && detail::checked_multiply(p1, w2, y) && detail::checked_add(x, -y, a) &&
            detail::checked_multiply(a, 100, a) && detail::checked_multiply(w1, w2, b)) {
            const auto percent = [&](detail::int128 p, detail::int128 w) {
                return detail::concat(p < 0 ? "-" : "", detail::rounded_quotient(100 * p, w, decimals), "%");
            };
            from = percent(p1, w1);
            to = percent(p2, w2);
            points = detail::rounded_quotient(a, b, decimals);
            sign = a > 0 ? 1 : a < 0 ? -1 : 0;
        }
    }
    if (points.empty()) {
        using L = long double;
        const L s1 = 100 * static_cast<L>(earlier.part) / static_cast<L>(earlier.whole);
        const L s2 = 100 * static_cast<L>(later.part) / static_cast<L>(later.whole);
        from = detail::concat(s1 < 0 ? "-" : "", detail::rounded_floating(s1, decimals), "%");
        to = detail::concat(s2 < 0 ? "-" : "", detail::rounded_floating(s2, decimals), "%");
        points = detail::rounded_floating(s2 - s1, decimals);
        sign = s2 > s1 ? 1 : s2 < s1 ? -1 : 0;
    }
    if (sign == 0) return detail::concat("was unchanged at ", from);
    return detail::concat(sign > 0 ? "rose by " : "fell by ", points, detail::points_unit(points), ", from ", from, " to ",
                          to);
}

} // namespace tally
