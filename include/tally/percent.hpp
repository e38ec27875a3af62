#pragma once
// tally/percent.hpp: percent and percentage points as distinct units.
//
//   percent<R>            a relative quantity: 110_pct.value() == 110, .fraction() == 1.10
//   percentage_points<R>  a difference of two percents: 29.8_pct - 28.6_pct == 1.2_pp
//
// The units follow the algebra of points and distances:
//   percent - percent            -> percentage_points
//   percent +/- percentage_points -> percent
//   percentage_points +/- percentage_points -> percentage_points
//   percent + percent            -> does not compile: a rise of 10% followed by
//                                   a rise of 10% is compound(10_pct, 10_pct) == 21%
// Applying a percent change to a value is explicit too: apply(10_pct, 200.0) == 220.
//
// See docs/formatting.md.

#include <cmath>
#include <limits>
#include <concepts>
#include <ios>
#include <ostream>
#include <string>

#include "detail/concat.hpp"
#include "detail/numeric.hpp"
#include "detail/text.hpp"
#include "error.hpp"

namespace tally {

template <std::floating_point R = double>
class percent;
template <std::floating_point R = double>
class percentage_points;

namespace literals {
/// 110_pct is percent<double>{110}. A literal beyond double (1e400_pct)
/// does not compile.
[[nodiscard]] consteval percent<double> operator""_pct(long double value);
[[nodiscard]] consteval percent<double> operator""_pct(unsigned long long value);
/// 1.1_pp is percentage_points<double>{1.1}; as _pct, beyond double does not compile.
[[nodiscard]] consteval percentage_points<double> operator""_pp(long double value);
[[nodiscard]] consteval percentage_points<double> operator""_pp(unsigned long long value);
} // namespace literals

/// The percent a*b-1 of two successive changes: compound(10_pct, 10_pct) ==
/// 21_pct. Throws overflow_error where finite percents compound to a
/// result beyond R: "compounding 1e+300% and 1e+300% overflows double."
template <std::floating_point R, std::same_as<percent<R>>... Rest>
[[nodiscard]] constexpr percent<R> compound(percent<R> first, Rest... rest);

/// The value after a change of p: value * (1 + p.fraction()). Throws
/// overflow_error when finite inputs give a result beyond R.
template <std::floating_point R, class T>
    requires std::is_arithmetic_v<T>
[[nodiscard]] constexpr R apply(percent<R> p, T value);

/// Text of a percent: "+110%", "-34.8%", "0%". With no precision given, one
/// decimal with trailing zeros dropped; with one, exactly that many decimals.
template <std::floating_point R>
[[nodiscard]] std::string to_string(percent<R> p);
template <std::floating_point R>
[[nodiscard]] std::string to_string(percent<R> p, int decimals);
/// Text of percentage points: "+1.1 pp", "-0.5 pp".
template <std::floating_point R>
[[nodiscard]] std::string to_string(percentage_points<R> p);
template <std::floating_point R>
[[nodiscard]] std::string to_string(percentage_points<R> p, int decimals);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

template <std::floating_point R>
class percent {
public:
    using value_type = R;

    constexpr percent() noexcept = default;
    /// percent{110} is 110%.
    constexpr explicit percent(R value) noexcept : value_(value) {}
    /// A percent in another floating type.
    template <std::floating_point Other>
    constexpr explicit percent(percent<Other> other) noexcept
        : value_(static_cast<R>(other.value())) {}

    /// The percent from a fraction: from_fraction(0.25) is 25%.
    [[nodiscard]] static constexpr percent from_fraction(R fraction) noexcept {
        return percent(fraction * R(100));
    }

    /// The number of percent: 110 for 110%.
    [[nodiscard]] constexpr R value() const noexcept { return value_; }
    /// The percent as a fraction: 1.10 for 110%.
    [[nodiscard]] constexpr R fraction() const noexcept { return value_ / R(100); }

    [[nodiscard]] constexpr percent operator+() const noexcept { return *this; }
    [[nodiscard]] constexpr percent operator-() const noexcept { return percent(-value_); }

    constexpr percent& operator+=(percentage_points<R> p) noexcept {
        value_ += p.value();
        return *this;
    }
    constexpr percent& operator-=(percentage_points<R> p) noexcept {
        value_ -= p.value();
        return *this;
    }

    /// Scaling a percent by a number: half of a 10% rise is 5%.
    [[nodiscard]] friend constexpr percent operator*(percent p, R k) noexcept { return percent(p.value_ * k); }
    [[nodiscard]] friend constexpr percent operator*(R k, percent p) noexcept { return percent(k * p.value_); }
    [[nodiscard]] friend constexpr percent operator/(percent p, R k) noexcept { return percent(p.value_ / k); }

    /// The distance between two percents is in percentage points.
    [[nodiscard]] friend constexpr percentage_points<R> operator-(percent a, percent b) noexcept {
        return percentage_points<R>(a.value_ - b.value_);
    }
    /// Adding two percents has no meaning: compound them, or subtract them.
    friend void operator+(percent, percent) = delete;

    [[nodiscard]] friend constexpr percent operator+(percent a, percentage_points<R> b) noexcept {
        return percent(a.value_ + b.value());
    }
    [[nodiscard]] friend constexpr percent operator+(percentage_points<R> a, percent b) noexcept {
        return percent(a.value() + b.value_);
    }
    [[nodiscard]] friend constexpr percent operator-(percent a, percentage_points<R> b) noexcept {
        return percent(a.value_ - b.value());
    }

    [[nodiscard]] friend constexpr bool operator==(percent, percent) noexcept = default;
    [[nodiscard]] friend constexpr auto operator<=>(percent, percent) noexcept = default;

private:
    R value_{};
};

template <std::floating_point R>
class percentage_points {
public:
    using value_type = R;

    constexpr percentage_points() noexcept = default;
    /// percentage_points{1.1} is 1.1 pp.
    constexpr explicit percentage_points(R value) noexcept : value_(value) {}
    template <std::floating_point Other>
    constexpr explicit percentage_points(percentage_points<Other> other) noexcept
        : value_(static_cast<R>(other.value())) {}

    /// The number of points: 1.1 for 1.1 pp.
    [[nodiscard]] constexpr R value() const noexcept { return value_; }

    [[nodiscard]] constexpr percentage_points operator+() const noexcept { return *this; }
    [[nodiscard]] constexpr percentage_points operator-() const noexcept { return percentage_points(-value_); }
    constexpr percentage_points& operator+=(percentage_points p) noexcept {
        value_ += p.value_;
        return *this;
    }
    constexpr percentage_points& operator-=(percentage_points p) noexcept {
        value_ -= p.value_;
        return *this;
    }

    [[nodiscard]] friend constexpr percentage_points operator+(percentage_points a, percentage_points b) noexcept {
        return percentage_points(a.value_ + b.value_);
    }
    [[nodiscard]] friend constexpr percentage_points operator-(percentage_points a, percentage_points b) noexcept {
        return percentage_points(a.value_ - b.value_);
    }
    [[nodiscard]] friend constexpr percentage_points operator*(percentage_points p, R k) noexcept {
        return percentage_points(p.value_ * k);
    }
    [[nodiscard]] friend constexpr percentage_points operator*(R k, percentage_points p) noexcept {
        return percentage_points(k * p.value_);
    }
    [[nodiscard]] friend constexpr percentage_points operator/(percentage_points p, R k) noexcept {
        return percentage_points(p.value_ / k);
    }

    [[nodiscard]] friend constexpr bool operator==(percentage_points, percentage_points) noexcept = default;
    [[nodiscard]] friend constexpr auto operator<=>(percentage_points, percentage_points) noexcept = default;

private:
    R value_{};
};

namespace detail {
/// Not constexpr on purpose: a literal operator that reaches it does not
/// compile, and the compiler's message names it.
inline double literal_beyond_double() { return 0; }

/// The literal's value as a double; a literal beyond double does not compile.
consteval double literal_value(long double value) {
    if (value > static_cast<long double>(std::numeric_limits<double>::max())) return literal_beyond_double();
    return static_cast<double>(value);
}
} // namespace detail

namespace literals {
consteval percent<double> operator""_pct(long double value) {
    return percent<double>(detail::literal_value(value));
}
consteval percent<double> operator""_pct(unsigned long long value) {
    return percent<double>(static_cast<double>(value));
}
consteval percentage_points<double> operator""_pp(long double value) {
    return percentage_points<double>(detail::literal_value(value));
}
consteval percentage_points<double> operator""_pp(unsigned long long value) {
    return percentage_points<double>(static_cast<double>(value));
}
} // namespace literals

template <std::floating_point R, std::same_as<percent<R>>... Rest>
constexpr percent<R> compound(percent<R> first, Rest... rest) {
    R factor = R(1) + first.fraction();
    ((factor *= R(1) + rest.fraction()), ...);
    const R result = (factor - R(1)) * R(100);
    if (!detail::is_finite(result) && detail::is_finite(first.value()) && (detail::is_finite(rest.value()) && ...)) {
        std::string text = detail::concat("compounding ", detail::floating_text(first.value()), "%");
        ((text += detail::concat(" and ", detail::floating_text(rest.value()), "%")), ...);
        throw overflow_error(detail::concat(text, " overflows ", detail::floating_type_name<R>(), "."));
    }
    return percent<R>(result);
}

template <std::floating_point R, class T>
    requires std::is_arithmetic_v<T>
constexpr R apply(percent<R> p, T value) {
    const R base = static_cast<R>(value);
    const R result = base * (R(1) + p.fraction());
    if (!detail::is_finite(result) && detail::is_finite(base) && detail::is_finite(p.value())) {
        throw overflow_error("applying a change of " + detail::floating_text(p.value()) + "% to " +
                             detail::value_text(value) + " overflows " +
                             detail::floating_type_name<R>() +
                             ".");
    }
    return result;
}

namespace detail {
template <std::floating_point R>
[[nodiscard]] std::string signed_text(R value, int decimals, bool trim) {
    std::string digits = trim ? trimmed_text(value, decimals) : fixed_text(value, decimals);
    if (digits.empty() || digits[0] == '-' || digits == "nan") return digits;
    if (digits.find_first_not_of("0.") == std::string::npos) return digits;  // zero: no sign
    return "+" + digits;
}

/// Writes text as one formatted insertion, so the stream's width, fill and
/// alignment apply to the whole of it.
template <class CharT, class Traits>
std::basic_ostream<CharT, Traits>& write_text(std::basic_ostream<CharT, Traits>& os, const std::string& text) {
    std::basic_string<CharT, Traits> wide;
    wide.reserve(text.size());
    for (char c : text) wide.push_back(os.widen(c));
    return os << wide;
}

template <class CharT, class Traits>
[[nodiscard]] int stream_decimals(const std::basic_ostream<CharT, Traits>& os) {
    return (os.flags() & std::ios_base::floatfield) == std::ios_base::fixed
               ? static_cast<int>(os.precision())
               : -1;
}
} // namespace detail

template <std::floating_point R>
std::string to_string(percent<R> p) {
    return detail::signed_text(p.value(), 1, true) + "%";
}
template <std::floating_point R>
std::string to_string(percent<R> p, int decimals) {
    return detail::signed_text(p.value(), decimals, false) + "%";
}
template <std::floating_point R>
std::string to_string(percentage_points<R> p) {
    return detail::signed_text(p.value(), 1, true) + " pp";
}
template <std::floating_point R>
std::string to_string(percentage_points<R> p, int decimals) {
    return detail::signed_text(p.value(), decimals, false) + " pp";
}

/// Writes to_string(p); a stream set to std::fixed gives its precision's decimals.
template <class CharT, class Traits, std::floating_point R>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, percent<R> p) {
    const int decimals = detail::stream_decimals(os);
    const std::string text = decimals < 0 ? to_string(p) : to_string(p, decimals);
    return detail::write_text(os, text);
}

/// Writes to_string(p); a stream set to std::fixed gives its precision's decimals.
template <class CharT, class Traits, std::floating_point R>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, percentage_points<R> p) {
    const int decimals = detail::stream_decimals(os);
    const std::string text = decimals < 0 ? to_string(p) : to_string(p, decimals);
    return detail::write_text(os, text);
}

} // namespace tally
