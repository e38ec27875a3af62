#pragma once
// tally/detail/numeric.hpp: the floating-point helpers every header shares:
// NaN and infinity tests usable in constant expressions, the Neumaier
// step, the name of a floating type for messages, and the grouping of
// digits in threes.

#include <concepts>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace tally::detail {

/// True for a floating NaN; false for every integer.
template <class T>
[[nodiscard]] constexpr bool is_nan(T x) noexcept {
    if constexpr (std::floating_point<T>) {
        return x != x;  // NOLINT: NaN is the only value unequal to itself
    } else {
        return false;
    }
}

/// True for a floating +inf or -inf; false for every integer.
template <class T>
[[nodiscard]] constexpr bool is_infinite(T x) noexcept {
    if constexpr (std::floating_point<T>) {
        return x == x && x - x != x - x;  // inf - inf is NaN, unequal to itself
    } else {
        return false;
    }
}

/// True for a finite value: every integer, and every floating value but
/// NaN and the infinities.
template <class T>
[[nodiscard]] constexpr bool is_finite(T x) noexcept {
    if constexpr (std::floating_point<T>) {
        return x - x == T(0);
    } else {
        return true;
    }
}

/// |x|, for any signed arithmetic type.
template <class A>
[[nodiscard]] constexpr A absolute(A x) noexcept {
    return x < A(0) ? -x : x;
}

/// One step of Neumaier's compensated sum (A. Neumaier, "Rundungsfehler-
/// analyze einiger Verfahren zur Summation endlicher Summen", ZAMM 54 (1974)
/// 39-51): s += x, with the rounding error of that addition added to c.
/// The error is found by Knuth's branch-free TwoSum (TAOCP vol. 2, 4.2.2,
/// theorem B), which gives the same exact error as Neumaier's comparison
/// of |s| and |x| without a branch, so loops over it vectorize. A may be a
/// vector type with element-wise arithmetic. Once s is infinite or NaN, c is
/// meaningless: read the sum with neumaier_value.
template <class A>
constexpr void neumaier_step(A& s, A& c, A x) noexcept {
    const A t = s + x;
    const A x_part = t - s;
    c += (s - (t - x_part)) + (x - x_part);
    s = t;
}

/// The compensated sum s + c; s itself where s is infinite or NaN.
template <std::floating_point A>
[[nodiscard]] constexpr A neumaier_value(A s, A c) noexcept {
    return is_finite(s) ? s + c : s;
}

/// "float", "double" or "long double", for messages.
template <std::floating_point F>
[[nodiscard]] constexpr const char* floating_type_name() noexcept {
    if constexpr (std::same_as<F, float>) {
        return "float";
    } else if constexpr (std::same_as<F, double>) {
        return "double";
    } else {
        return "long double";
    }
}

/// Digits grouped in threes with commas: "10213" -> "10,213", "-1234.5" ->
/// "-1,234.5". Text in exponent notation ("1e+20", "5e-324") and the words
/// "nan", "inf" and "-inf" come back unchanged: their digits are not a
/// count of units.
[[nodiscard]] inline std::string group_thousands(std::string_view text) {
    if (text.find_first_of("eEnNiI") != std::string_view::npos) return std::string(text);
    const std::size_t start = (!text.empty() && (text[0] == '-' || text[0] == '+')) ? 1 : 0;
    std::size_t end = text.find('.');
    if (end == std::string_view::npos) end = text.size();
    const std::size_t digits = end - start;
    std::string out;
    out.reserve(text.size() + digits / 3);
    out.append(text.substr(0, start));
    for (std::size_t i = 0; i < digits; ++i) {
        if (i != 0 && (digits - i) % 3 == 0) out += ',';
        out += text[start + i];
    }
    out.append(text.substr(end));
    return out;
}

} // namespace tally::detail
