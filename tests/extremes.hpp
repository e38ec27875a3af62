#pragma once
// tests/extremes.hpp: the tables of extreme inputs and the outcome rule of
// the extremes matrix (tests/extremes_test.cpp, tests/extremes_claims_test.cpp).
//
// The rule: every call with an extreme input either returns a value the
// header documents (checked by the row) or throws a tally::error whose
// message is one full sentence; it never crashes, hangs, or throws anything
// else. Run under ASan/UBSan (the sanitize preset) this also proves the
// absence of undefined behaviour on every row.

#include <doctest/doctest.h>

#include <tally/error.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace extremes {

/// The extremes of T: both zeros, the smallest subnormal, min, max,
/// lowest, both infinities and NaN for floating T; min, min + 1, -1, 0, 1,
/// max - 1 and max for integers.
template <class T>
std::vector<T> values() {
    using L = std::numeric_limits<T>;
    if constexpr (std::is_floating_point_v<T>) {
        return {T(0), -T(0), L::denorm_min(), -L::denorm_min(), L::min(), L::max(), L::lowest(),
                L::infinity(), -L::infinity(), L::quiet_NaN(), T(1), T(-1)};
    } else if constexpr (std::is_signed_v<T>) {
        return {L::min(), T(L::min() + 1), T(-1), T(0), T(1), T(L::max() - 1), L::max()};
    } else {
        return {T(0), T(1), T(L::max() - 1), L::max()};
    }
}

/// Lags, shifts and windows at the edges: 0, +-1, n, n + 1, and the ends of int64.
inline std::vector<std::int64_t> lags(std::int64_t n) {
    return {0,  1,  -1, n, n + 1, -n, -(n + 1), std::numeric_limits<std::int64_t>::max(),
            std::numeric_limits<std::int64_t>::max() - 1, std::numeric_limits<std::int64_t>::min(),
            std::numeric_limits<std::int64_t>::min() + 1};
}

/// A message as tally writes them: one sentence, starting in lower case (or
/// with a quote or digit), ending with '.', ASCII control characters never raw.
inline bool is_sentence(const std::string& m) {
    if (m.size() < 8 || m.back() != '.') return false;
    for (char c : m) {
        if (static_cast<unsigned char>(c) < 0x20) return false;
    }
    return true;
}

/// Calls f: a value is checked by `ok`; a tally::error must be a sentence;
/// anything else fails the row.
template <class F, class Ok>
void outcome(F&& f, Ok&& ok) {
    try {
        auto value = f();
        CHECK(ok(value));
    } catch (const tally::error& e) {
        const std::string message = e.what();
        INFO("message: " << message);
        CHECK(is_sentence(message));
    }
}

/// The same for a call whose every value is documented.
template <class F>
void outcome(F&& f) {
    outcome(std::forward<F>(f), [](const auto&) { return true; });
}

/// True for a finite floating value or any integer.
template <class T>
bool finite(T v) {
    if constexpr (std::is_floating_point_v<T>) {
        return std::isfinite(v);
    } else {
        return true;
    }
}

/// True when any input is not finite.
template <class T>
bool any_non_finite(const std::vector<T>& xs) {
    for (T x : xs) {
        if (!finite(x)) return true;
    }
    return false;
}

} // namespace extremes

#define TALLY_EXTREME_TYPES                                                                                  \
    std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t, std::uint32_t, std::int64_t,     \
        std::uint64_t, float, double, long double
