#pragma once
// tally/detail/rational_interval.hpp: exact rational intervals, the
// arithmetic every claim is decided in. A figure a/b (b > 0) is compared
// with a bound num/den by cross-multiplication in 128-bit integers, never
// through a floating-point value that could flip at a rounding boundary.

#include <compare>
#include <cstdint>

#include "int128.hpp"

namespace tally::detail {

/// The largest number of decimals power_of_ten is asked for: 10^36 < 2^127.
inline constexpr int max_power_of_ten = 36;

/// 10^n for 0 <= n <= max_power_of_ten (callers refuse larger n first).
[[nodiscard]] constexpr int128 power_of_ten(int n) noexcept {
    int128 r = 1;
    if (n > max_power_of_ten) n = max_power_of_ten;
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

} // namespace tally::detail
