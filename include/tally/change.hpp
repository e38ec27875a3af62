#pragma once
// tally/change.hpp: the change between two observations.
//
//   constexpr tally::change c{594, 387};   // from, to
//   c.difference();   // -207, exact, in a signed type wide enough; never wraps
//   c.ratio();        // 0.6515...
//   c.percent();      // percent{-34.848...}
//   c.direction();    // tally::direction::fall
//
// Both ends have the same arithmetic type (change{594, 387u} does not
// compile: say which type you mean). Integer inputs give double results by
// default; ask for another floating type with c.percent<long double>().
//
// The base (the `from` value) decides whether a relative change exists:
//   zero base      no ratio and no percent: percent() throws undefined_result,
//                  try_percent() is empty.
//   negative base  not meaningful under the default base_policy::positive;
//                  base_policy::signed_value divides by the signed base, as
//                  pandas' pct_change does; base_policy::magnitude divides by
//                  its magnitude, so a move towards +inf is always a rise.
//   NaN or inf     no ratio and no percent.
//
// See docs/transforms.md.

#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>

#include "detail/concat.hpp"
#include "detail/int128.hpp"
#include "detail/numeric.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "fwd.hpp"
#include "percent.hpp"

namespace tally {

/// Which way a change goes. `undefined` when a floating end is NaN.
enum class direction { fall, unchanged, rise, undefined };

/// Why a relative change does not exist.
enum class undefined_reason { zero_base, negative_base, not_a_number, infinite };

template <arithmetic T>
class change {
public:
    using value_type = T;
    using difference_type = difference_type_for<T>;
    using result_type = result_type_for<T>;

    constexpr change(T from, T to) noexcept : from_(from), to_(to) {}

    /// The earlier observation, the base.
    [[nodiscard]] constexpr T from() const noexcept { return from_; }
    /// The later observation.
    [[nodiscard]] constexpr T to() const noexcept { return to_; }

    /// to - from, exact. For 8-, 16- and 32-bit inputs it always fits; for
    /// 64-bit inputs it throws overflow_error when the exact difference lies
    /// outside int64 (e.g. from 0 to UINT64_MAX); for floating inputs it
    /// throws overflow_error when finite ends give an infinite difference.
    [[nodiscard]] constexpr difference_type difference() const;

    /// to / from. Throws undefined_result where no relative change exists
    /// (see the header comment); O(1).
    template <std::floating_point R = result_type>
    [[nodiscard]] constexpr R ratio(base_policy policy = base_policy::positive) const;

    /// (to - from) / base * 100 as a percent. Throws undefined_result where
    /// no relative change exists, overflow_error where it exceeds R.
    template <std::floating_point R = result_type>
    [[nodiscard]] constexpr tally::percent<R> percent(base_policy policy = base_policy::positive) const;

    /// percent(), or nothing where it would throw.
    template <std::floating_point R = result_type>
    [[nodiscard]] constexpr std::optional<tally::percent<R>> try_percent(
        base_policy policy = base_policy::positive) const noexcept;

    /// ratio(), or nothing where it would throw.
    template <std::floating_point R = result_type>
    [[nodiscard]] constexpr std::optional<R> try_ratio(base_policy policy = base_policy::positive) const noexcept;

    /// Why no relative change exists under `policy`, or nothing where one does.
    [[nodiscard]] constexpr std::optional<undefined_reason> why_undefined(
        base_policy policy = base_policy::positive) const noexcept;

    /// rise, fall or unchanged; undefined when an end is NaN.
    [[nodiscard]] constexpr tally::direction direction() const noexcept;

    [[nodiscard]] friend constexpr bool operator==(const change&, const change&) noexcept = default;

private:
    template <std::floating_point R>
    [[nodiscard]] constexpr std::optional<R> relative(base_policy policy) const noexcept;
    [[noreturn]] void throw_undefined(const char* what, undefined_reason reason) const;

    T from_;
    T to_;
};

/// "594 -> 387 (-207, -34.8%)"; where no percent exists, its reason instead.
template <class CharT, class Traits, arithmetic T>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const change<T>& c);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

namespace detail {

/// The exact difference b - a of two integers, as int128.
template <narrow_integer T>
[[nodiscard]] constexpr int128 exact_difference(T a, T b) noexcept {
    return static_cast<int128>(b) - static_cast<int128>(a);
}

[[nodiscard]] inline const char* reason_text(undefined_reason reason) noexcept {
    switch (reason) {
    case undefined_reason::zero_base: return "the base is zero";
    case undefined_reason::negative_base:
        return "the base is negative (base_policy::signed_value or base_policy::magnitude computes one)";
    case undefined_reason::not_a_number: return "a value is not a number";
    case undefined_reason::infinite: return "a value is infinite";
    }
    return "it is undefined";
}

/// Why c has no percent, as a clause: "the base is zero", or "it overflows
/// double" where the ends are fine but the percent is beyond its type.
template <arithmetic T>
[[nodiscard]] std::string no_percent_text(const change<T>& c) {
    if (const auto reason = c.why_undefined()) return reason_text(*reason);
    return concat("it overflows ", floating_type_name<result_type_for<T>>());
}

/// The signed difference of c's ends as text ("+1", "-207"); for floating
/// ends whose difference is beyond their type, says so.
template <arithmetic T>
[[nodiscard]] std::string difference_text(const change<T>& c, std::string (*digits)(const std::string&)) {
    if constexpr (std::floating_point<T>) {
        const T d = c.to() - c.from();
        if (!is_finite(d) && is_finite(c.from()) && is_finite(c.to())) {
            return concat("a difference beyond ", floating_type_name<T>());
        }
        return concat(d > T(0) ? "+" : "", digits(floating_text(d)));
    } else {
        const int128 d = exact_difference(c.from(), c.to());
        return concat(d > 0 ? "+" : "", digits(integer_text(d)));
    }
}

} // namespace detail

template <arithmetic T>
constexpr auto change<T>::difference() const -> difference_type {
    if constexpr (std::floating_point<T>) {
        const T d = to_ - from_;
        if (detail::is_infinite(d) && !detail::is_infinite(from_) && !detail::is_infinite(to_)) {
            throw overflow_error(detail::concat("the difference from ", detail::value_text(from_), " to ",
                                                detail::value_text(to_), " overflows ",
                                                detail::floating_type_name<T>(), "."));
        }
        return d;
    } else {
        const detail::int128 d = detail::exact_difference(from_, to_);
        if (d > std::numeric_limits<difference_type>::max() || d < std::numeric_limits<difference_type>::min()) {
            throw overflow_error(detail::concat("the difference from ", detail::value_text(from_), " to ",
                                                detail::value_text(to_), " does not fit in a 64-bit signed integer."));
        }
        return static_cast<difference_type>(d);
    }
}

template <arithmetic T>
constexpr std::optional<undefined_reason> change<T>::why_undefined(base_policy policy) const noexcept {
    if (detail::is_nan(from_) || detail::is_nan(to_)) return undefined_reason::not_a_number;
    if (detail::is_infinite(from_) || detail::is_infinite(to_)) return undefined_reason::infinite;
    if (from_ == T(0)) return undefined_reason::zero_base;
    if (from_ < T(0) && policy == base_policy::positive) return undefined_reason::negative_base;
    return std::nullopt;
}

template <arithmetic T>
template <std::floating_point R>
constexpr std::optional<R> change<T>::relative(base_policy policy) const noexcept {
    // (to - from) / base, computed from the exact difference for integers.
    if (why_undefined(policy)) return std::nullopt;
    if constexpr (std::floating_point<T>) {
        // in the wider of T and R, so a narrower R sees only the result
        using W = std::common_type_t<R, T>;
        W base = static_cast<W>(from_);
        if (policy == base_policy::magnitude && base < W(0)) base = -base;
        const W difference = static_cast<W>(to_) - static_cast<W>(from_);
        if (!detail::is_finite(difference)) {  // ends near the top of W: divide first
            return static_cast<R>(static_cast<W>(to_) / base - static_cast<W>(from_) / base);
        }
        return static_cast<R>(difference / base);
    } else {
        R base = static_cast<R>(from_);
        if (policy == base_policy::magnitude && base < R(0)) base = -base;
        return static_cast<R>(detail::exact_difference(from_, to_)) / base;
    }
}

template <arithmetic T>
void change<T>::throw_undefined(const char* what, undefined_reason reason) const {
    throw undefined_result(detail::concat(what, " from ", detail::value_text(from_), " to ", detail::value_text(to_),
                                          " is undefined: ", detail::reason_text(reason), "."));
}

template <arithmetic T>
template <std::floating_point R>
constexpr R change<T>::ratio(base_policy policy) const {
    if (const auto reason = why_undefined(policy)) throw_undefined("the ratio of a change", *reason);
    const auto r = try_ratio<R>(policy);
    if (!r) {
        throw overflow_error(detail::concat("the ratio of a change from ", detail::value_text(from_), " to ",
                                            detail::value_text(to_), " overflows ", detail::floating_type_name<R>(),
                                            "."));
    }
    return *r;
}

template <arithmetic T>
template <std::floating_point R>
constexpr tally::percent<R> change<T>::percent(base_policy policy) const {
    if (const auto reason = why_undefined(policy)) throw_undefined("a percent change", *reason);
    // finite ends can still overflow R: in the division, or in the conversion
    // to a narrower R (inf / inf is NaN)
    const R p = *relative<R>(policy) * R(100);
    if (!detail::is_finite(p)) {
        throw overflow_error(detail::concat("a percent change from ", detail::value_text(from_), " to ",
                                            detail::value_text(to_), " overflows ", detail::floating_type_name<R>(),
                                            "."));
    }
    return tally::percent<R>(p);
}

template <arithmetic T>
template <std::floating_point R>
constexpr std::optional<tally::percent<R>> change<T>::try_percent(base_policy policy) const noexcept {
    const auto r = relative<R>(policy);
    if (!r || !detail::is_finite(*r * R(100))) return std::nullopt;
    return tally::percent<R>(*r * R(100));
}

template <arithmetic T>
template <std::floating_point R>
constexpr std::optional<R> change<T>::try_ratio(base_policy policy) const noexcept {
    // to / from directly; under base_policy::magnitude, 1 + (to - from) / |from|.
    if (why_undefined(policy)) return std::nullopt;
    using W = std::common_type_t<R, result_type_for<T>>;
    const R r = policy == base_policy::magnitude && from_ < T(0)
                    ? R(1) + *relative<R>(policy)
                    : static_cast<R>(static_cast<W>(to_) / static_cast<W>(from_));
    if (!detail::is_finite(r)) return std::nullopt;
    return r;
}

template <arithmetic T>
constexpr tally::direction change<T>::direction() const noexcept {
    if (detail::is_nan(from_) || detail::is_nan(to_)) return tally::direction::undefined;
    if (to_ > from_) return tally::direction::rise;
    if (to_ < from_) return tally::direction::fall;
    return tally::direction::unchanged;
}

template <class CharT, class Traits, arithmetic T>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const change<T>& c) {
    const auto p = c.try_percent();
    const std::string text =
        detail::concat(detail::value_text(c.from()), " -> ", detail::value_text(c.to()), " (",
                       detail::difference_text(c, [](const std::string& d) { return d; }), ", ",
                       p ? to_string(*p) : detail::concat("no percent: ", detail::no_percent_text(c)), ")");
    return detail::write_text(os, text);
}

} // namespace tally
