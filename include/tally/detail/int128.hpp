#pragma once
// tally/detail/int128.hpp: 128-bit integers and exact comparisons of
// products, for the decisions that must not depend on floating point.

#include <compare>
#include <concepts>
#include <cstdint>
#include <type_traits>

#ifndef __SIZEOF_INT128__
#error "tally needs a compiler with a 128-bit integer type (__int128: GCC or Clang on a 64-bit target)."
#endif

namespace tally::detail {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

/// The magnitude of v as an unsigned 128-bit value (exact for every int128,
/// including its minimum).
[[nodiscard]] constexpr uint128 magnitude(int128 v) noexcept {
    return v < 0 ? uint128(0) - static_cast<uint128>(v) : static_cast<uint128>(v);
}

/// A 256-bit unsigned value as two 128-bit halves.
struct uint256 {
    uint128 high;
    uint128 low;
    friend constexpr std::strong_ordering operator<=>(const uint256&, const uint256&) = default;
};

/// The full 256-bit product of two 128-bit unsigned values (schoolbook
/// multiplication on 64-bit limbs).
[[nodiscard]] constexpr uint256 multiply(uint128 a, uint128 b) noexcept {
    constexpr uint128 mask = (uint128(1) << 64) - 1;
    const uint128 a0 = a & mask, a1 = a >> 64;
    const uint128 b0 = b & mask, b1 = b >> 64;
    const uint128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    const uint128 middle = (p00 >> 64) + (p01 & mask) + (p10 & mask);
    const uint128 low = (p00 & mask) | (middle << 64);
    const uint128 high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    return {high, low};
}

/// The sign and magnitude of a 256-bit signed product.
struct signed_product {
    bool negative;
    uint256 magnitude;
};

[[nodiscard]] constexpr signed_product multiply_signed(int128 a, int128 b) noexcept {
    const bool negative = (a < 0) != (b < 0) && a != 0 && b != 0;
    return {negative, multiply(magnitude(a), magnitude(b))};
}

/// Compares a*b with c*d exactly, for any 128-bit signed a, b, c, d.
[[nodiscard]] constexpr std::strong_ordering compare_products(int128 a, int128 b, int128 c,
                                                              int128 d) noexcept {
    const signed_product left = multiply_signed(a, b);
    const signed_product right = multiply_signed(c, d);
    if (left.negative != right.negative) {
        return left.negative ? std::strong_ordering::less : std::strong_ordering::greater;
    }
    const auto by_magnitude = left.magnitude <=> right.magnitude;
    if (left.negative) return 0 <=> by_magnitude;  // both negative: larger magnitude is smaller
    return by_magnitude;
}

/// a*b as int128 when it fits; false when it does not.
[[nodiscard]] constexpr bool checked_multiply(int128 a, int128 b, int128& out) noexcept {
    return !__builtin_mul_overflow(a, b, &out);
}

/// a+b as int128 when it fits; false when it does not.
[[nodiscard]] constexpr bool checked_add(int128 a, int128 b, int128& out) noexcept {
    return !__builtin_add_overflow(a, b, &out);
}

/// floor(a / b), for b != 0 of either sign.
[[nodiscard]] constexpr int128 floor_div(int128 a, int128 b) noexcept {
    int128 q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0)) --q;
    return q;
}
/// a - floor(a / b) * b: the remainder with the sign of b.
[[nodiscard]] constexpr int128 floor_mod(int128 a, int128 b) noexcept { return a - floor_div(a, b) * b; }
/// ceil(a / b), for b != 0 of either sign.
[[nodiscard]] constexpr int128 ceil_div(int128 a, int128 b) noexcept {
    int128 q = a / b;
    if (a % b != 0 && (a < 0) == (b < 0)) ++q;
    return q;
}

/// Integer types whose every value an int128 holds.
template <class T>
concept narrow_integer = std::integral<T> && !std::same_as<T, bool> && sizeof(T) <= 8;

} // namespace tally::detail
