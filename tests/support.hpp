#pragma once
// tests/support.hpp: helpers shared by tally's tests.
//
// same_values(got, want) compares two sequences of numbers element by
// element and, when they differ, says where: doctest prints the result of
// CHECK(same_values(a, b)) through its operator<<, so a failure names the
// first differing index, both values at full precision and both lengths.
// same_bits(a, b) is exact equality that tells -0 from +0.

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <iomanip>
#include <iterator>
#include <limits>
#include <ostream>
#include <ranges>
#include <sstream>
#include <string>
#include <type_traits>

namespace tally_test {

/// How far apart two finite values may be and still agree:
/// |a - b| <= max(abs, rel * max(|a|, |b|)). The default is a relative
/// 1e-12 and nothing absolute, so a zero must be exactly zero.
struct tolerance {
    long double rel = 1e-12L;
    long double abs = 0.0L;
};

/// Whether a and b agree: both NaN; the same infinity; or both finite and
/// within `tol`. +0 and -0 agree.
[[nodiscard]] inline bool same_value(long double a, long double b, tolerance tol = {}) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::fabs(a - b) <= std::max(tol.abs, tol.rel * std::max(std::fabs(a), std::fabs(b)));
}

/// Whether a and b are the same value to the bit that matters: for floating
/// types both NaN with the same sign, or equal with the same sign (+0 is
/// not -0); for other types equal.
template <class T>
[[nodiscard]] bool same_bits(T a, T b) {
    if constexpr (std::floating_point<T>) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) && std::signbit(a) == std::signbit(b);
        return a == b && std::signbit(a) == std::signbit(b);
    } else {
        return a == b;
    }
}

/// The result of comparing two sequences: true when they agree; otherwise
/// `detail` says how they first differ.
struct comparison {
    bool agree = true;
    std::string detail;
    explicit operator bool() const noexcept { return agree; }
};

inline std::ostream& operator<<(std::ostream& os, const comparison& c) {
    return os << (c.agree ? std::string("the sequences agree") : c.detail);
}

namespace detail {
/// x at full precision: every digit a floating-point value needs to be
/// read back exactly; integers as they are.
template <class T>
void write_value(std::ostream& os, const T& x) {
    if constexpr (std::floating_point<T>) {
        os << std::setprecision(std::numeric_limits<T>::max_digits10) << x;
    } else if constexpr (std::integral<T>) {
        os << x;
    } else {
        os << std::setprecision(std::numeric_limits<long double>::max_digits10) << static_cast<long double>(x);
    }
}
} // namespace detail

/// Element-wise agreement of two sequences of numbers (see same_value): the
/// same length, and each pair of elements agrees within `tol`.
template <std::ranges::input_range A, std::ranges::input_range B>
[[nodiscard]] comparison same_values(const A& got, const B& want, tolerance tol = {}) {
    const auto got_size = static_cast<std::size_t>(std::ranges::distance(got));
    const auto want_size = static_cast<std::size_t>(std::ranges::distance(want));
    if (got_size != want_size) {
        std::ostringstream out;
        out << "the lengths differ: got " << got_size << " values, want " << want_size;
        return {false, out.str()};
    }
    auto g = std::ranges::begin(got);
    std::size_t index = 0;
    for (auto w = std::ranges::begin(want); w != std::ranges::end(want); ++w, ++g, ++index) {
        if (!same_value(static_cast<long double>(*g), static_cast<long double>(*w), tol)) {
            std::ostringstream out;
            out << "first difference at index " << index << " (both sequences have " << got_size << " values): got ";
            detail::write_value(out, *g);
            out << ", want ";
            detail::write_value(out, *w);
            out << std::setprecision(3) << " (tolerance: relative " << static_cast<double>(tol.rel) << ", absolute "
                << static_cast<double>(tol.abs) << ")";
            return {false, out.str()};
        }
    }
    return {};
}

} // namespace tally_test
