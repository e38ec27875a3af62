#pragma once
// tally/detail/checked.hpp: integer arithmetic on the numbers a user hands
// in (lags, windows, spans, exponents, durations, years), checked. Each
// function returns the exact result or throws tally::overflow_error with
// the sentence `message()` builds, which names the user's value; the
// message is built only when it is needed.

#include <concepts>
#include <limits>
#include <string>
#include <utility>

#include "../error.hpp"

namespace tally::detail {

/// A callable that builds the sentence of an error.
template <class F>
concept message_builder = requires(const F& f) {
    { f() } -> std::convertible_to<std::string>;
};

/// a + b, exactly, or overflow_error(message()).
template <std::integral I, message_builder F>
[[nodiscard]] constexpr I checked_sum(I a, I b, const F& message) {
    I out{};
    if (__builtin_add_overflow(a, b, &out)) throw overflow_error(message());
    return out;
}

/// a - b, exactly, or overflow_error(message()).
template <std::integral I, message_builder F>
[[nodiscard]] constexpr I checked_difference(I a, I b, const F& message) {
    I out{};
    if (__builtin_sub_overflow(a, b, &out)) throw overflow_error(message());
    return out;
}

/// a * b, exactly, or overflow_error(message()).
template <std::integral I, message_builder F>
[[nodiscard]] constexpr I checked_product(I a, I b, const F& message) {
    I out{};
    if (__builtin_mul_overflow(a, b, &out)) throw overflow_error(message());
    return out;
}

/// -a, exactly (the minimum of a signed type has no negation), or
/// overflow_error(message()).
template <std::signed_integral I, message_builder F>
[[nodiscard]] constexpr I checked_negation(I a, const F& message) {
    if (a == std::numeric_limits<I>::min()) throw overflow_error(message());
    return static_cast<I>(-a);
}

/// v in type To, exactly, or overflow_error(message()).
template <std::integral To, std::integral From, message_builder F>
[[nodiscard]] constexpr To checked_cast(From v, const F& message) {
    if (!std::in_range<To>(v)) throw overflow_error(message());
    return static_cast<To>(v);
}

} // namespace tally::detail
