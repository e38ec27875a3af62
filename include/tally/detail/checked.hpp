#pragma once
// tally/detail/checked.hpp: integer arithmetic on the numbers a user hands
// in (lags, windows, spans, exponents, durations, years), checked, for every
// integer type including int128. Two forms: `checked(op, a, b, out)` says
// whether the exact result fits `out`; `checked_or_throw(op, a, b, message)`
// returns it or throws tally::overflow_error with the sentence `message()`
// builds (only when it is needed), which names the user's value.

#include <concepts>
#include <string>
#include <type_traits>

#include "../error.hpp"
#include "int128.hpp"

namespace tally::detail {

/// The operations checked here.
enum class arithmetic_op { add, subtract, multiply };

/// Integer types the compiler's overflow builtins take: every standard
/// integer but bool, and the 128-bit ones.
template <class I>
concept checkable_integer = (std::is_integral_v<I> && !std::is_same_v<I, bool>) || std::is_same_v<I, int128> ||
                            std::is_same_v<I, uint128>;

/// a op b in `out` when the exact result fits it; false (out unspecified) when not.
template <checkable_integer I, checkable_integer J, checkable_integer Out>
[[nodiscard]] constexpr bool checked(arithmetic_op op, I a, J b, Out& out) noexcept {
    switch (op) {
    case arithmetic_op::add: return !__builtin_add_overflow(a, b, &out);
    case arithmetic_op::subtract: return !__builtin_sub_overflow(a, b, &out);
    case arithmetic_op::multiply: return !__builtin_mul_overflow(a, b, &out);
    }
    return false;
}

/// A callable that builds the sentence of an error.
template <class F>
concept message_builder = requires(const F& f) {
    { f() } -> std::convertible_to<std::string>;
};

/// a op b, exactly, in I; or overflow_error(message()).
template <checkable_integer I, message_builder F>
[[nodiscard]] constexpr I checked_or_throw(arithmetic_op op, I a, I b, const F& message) {
    I out{};
    if (!checked(op, a, b, out)) throw overflow_error(message());
    return out;
}

/// a*b as int128 when it fits; false when it does not.
[[nodiscard]] constexpr bool checked_multiply(int128 a, int128 b, int128& out) noexcept {
    return checked(arithmetic_op::multiply, a, b, out);
}

/// a+b as int128 when it fits; false when it does not.
[[nodiscard]] constexpr bool checked_add(int128 a, int128 b, int128& out) noexcept {
    return checked(arithmetic_op::add, a, b, out);
}

} // namespace tally::detail
