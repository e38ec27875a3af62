// fuzz/change_fuzz.cpp: tally::change on arbitrary pairs of every arithmetic
// type, checked against exact 128-bit integer arithmetic.
//
// Input: one byte choosing the type, then the bytes of `from` and `to`
// (missing bytes are zero). For integers every result is compared with the
// exact value: difference() (or the overflow_error naming both ends),
// direction(), and percent()/ratio() under each base_policy, including the
// zero-base and negative-base cases and the exact text of their exceptions.
// For floating types the invariants that need no reference: NaN and inf
// give no percent, an infinite difference of finite ends throws, and the
// sign of every result agrees with direction().
// For every type, describe() at 0 to 6 decimals gives a sentence that names
// both ends (or "was unchanged at"), or throws a tally::error, in O(1): a
// floating ratio of 1e300 once counted up to its multiple one step at a time.

#include <tally/change.hpp>
#include <tally/describe.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>

namespace {

using tally::detail::int128;

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "change_fuzz: property violated: %s\n", what);
        std::abort();
    }
}

template <class T>
T take(const std::uint8_t*& data, std::size_t& size) {
    unsigned char bytes[sizeof(T)] = {};
    const std::size_t n = size < sizeof(T) ? size : sizeof(T);
    if (n != 0) std::memcpy(bytes, data, n);
    data += n;
    size -= n;
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

/// Decimal text of an integer, independent of the library's own formatting.
template <class T>
std::string decimal(T v) {
    if constexpr (std::is_signed_v<T>) {
        return std::to_string(static_cast<long long>(v));
    } else {
        return std::to_string(static_cast<unsigned long long>(v));
    }
}

/// The reference quotient 100 * numerator / denominator in long double
/// (64-bit significand), from exact integers.
long double exact_percent(int128 numerator, int128 denominator) {
    return static_cast<long double>(numerator * 100) / static_cast<long double>(denominator);
}

/// |got - want| within `relative` of |want| (and exact at zero).
bool close(long double got, long double want, long double relative) {
    if (want == 0) return got == 0;
    return std::fabs(got - want) <= relative * std::fabs(want);
}

template <class E, class F>
std::optional<std::string> thrown(F&& f) {
    try {
        (void)f();
    } catch (const E& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

template <class T>
void check_integers(T from, T to) {
    const tally::change c{from, to};
    const int128 exact = static_cast<int128>(to) - static_cast<int128>(from);
    const std::string ends = " from " + decimal(from) + " to " + decimal(to);

    // difference(): exact, or overflow_error when it leaves int64.
    const bool fits = exact >= std::numeric_limits<std::int64_t>::min() &&
                      exact <= std::numeric_limits<std::int64_t>::max();
    if (fits) {
        require(static_cast<int128>(c.difference()) == exact, "difference() equals the exact difference");
        require(sizeof(T) == 8 || sizeof(typename tally::change<T>::difference_type) >= sizeof(T),
                "difference type is wide enough");
    } else {
        require(sizeof(T) == 8, "only 64-bit ends can overflow the difference");
        const auto message = thrown<tally::overflow_error>([&] { return c.difference(); });
        require(message == "the difference" + ends + " does not fit in a 64-bit signed integer.",
                "difference() overflow message");
    }

    // direction(): the sign of the exact difference.
    const tally::direction expected_direction = exact > 0   ? tally::direction::rise
                                                : exact < 0 ? tally::direction::fall
                                                            : tally::direction::unchanged;
    require(c.direction() == expected_direction, "direction() is the sign of the exact difference");

    for (const auto policy :
         {tally::base_policy::positive, tally::base_policy::signed_value, tally::base_policy::magnitude}) {
        const bool zero = from == T(0);
        const bool negative = !zero && static_cast<int128>(from) < 0;
        if (zero || (negative && policy == tally::base_policy::positive)) {
            const auto reason = zero ? tally::undefined_reason::zero_base : tally::undefined_reason::negative_base;
            const std::string why = zero ? "the base is zero"
                                         : "the base is negative (base_policy::signed_value or "
                                           "base_policy::magnitude computes one)";
            require(c.why_undefined(policy) == reason, "why_undefined() names the reason");
            require(!c.try_percent(policy) && !c.try_ratio(policy), "no percent and no ratio");
            require(thrown<tally::undefined_result>([&] { return c.percent(policy); }) ==
                        "a percent change" + ends + " is undefined: " + why + ".",
                    "percent() undefined message");
            require(thrown<tally::undefined_result>([&] { return c.ratio(policy); }) ==
                        "the ratio of a change" + ends + " is undefined: " + why + ".",
                    "ratio() undefined message");
            continue;
        }
        require(!c.why_undefined(policy), "why_undefined() is empty where a percent exists");
        const int128 base = policy == tally::base_policy::magnitude && negative ? -static_cast<int128>(from)
                                                                                 : static_cast<int128>(from);
        const long double want = exact_percent(exact, base);

        // double: three roundings (difference, quotient, * 100), so within 2^-50.
        const double p = c.percent(policy).value();
        require(std::isfinite(p), "an integer percent is finite");
        require((p > 0) == (want > 0) && (p < 0) == (want < 0), "percent() has the exact sign");
        require(close(p, want, 0x1p-50L), "percent() within 2^-50 of the exact value");
        const auto tried = c.try_percent(policy);
        require(tried && tried->value() == p, "try_percent() agrees with percent()");

        // long double: within 2^-60.
        const long double q = c.template percent<long double>(policy).value();
        require(close(q, want, 0x1p-60L), "percent<long double>() within 2^-60 of the exact value");

        // ratio(): to / base, or 1 + (to - from) / |from| under magnitude.
        const long double want_ratio = static_cast<long double>(base + exact) / static_cast<long double>(base);
        const double r = c.ratio(policy);
        const long double slack = 0x1p-50L * (std::fabs(want_ratio) + std::fabs(want / 100));
        require(std::fabs(static_cast<long double>(r) - want_ratio) <= slack, "ratio() close to the exact ratio");
    }

    // The stream text starts with both ends.
    std::ostringstream out;
    out << c;
    require(out.str().rfind(decimal(from) + " -> " + decimal(to) + " (", 0) == 0, "operator<< names both ends");
}

template <class T>
void check_floating(T from, T to) {
    const tally::change c{from, to};
    const bool nan = std::isnan(from) || std::isnan(to);
    const bool inf = std::isinf(from) || std::isinf(to);
    if (nan) {
        require(c.direction() == tally::direction::undefined, "NaN gives an undefined direction");
        require(c.why_undefined() == tally::undefined_reason::not_a_number, "NaN: reason not_a_number");
    } else {
        const auto d = c.direction();
        require(d == (to > from   ? tally::direction::rise
                      : to < from ? tally::direction::fall
                                  : tally::direction::unchanged),
                "direction() compares the ends");
        if (inf) require(c.why_undefined() == tally::undefined_reason::infinite, "inf: reason infinite");
        if (!inf) {
            // difference(): finite, or overflow_error; never a silent inf.
            try {
                const T diff = c.difference();
                require(std::isfinite(diff), "a finite pair's difference is finite");
                require((diff > 0) == (d == tally::direction::rise) || diff == 0,
                        "difference() sign agrees with direction()");
            } catch (const tally::overflow_error&) {
                require(std::isinf(to - from), "difference() throws only when it overflows");
            }
        }
    }
    for (const auto policy :
         {tally::base_policy::positive, tally::base_policy::signed_value, tally::base_policy::magnitude}) {
        const auto tried = c.try_percent(policy);
        if (nan || inf || from == T(0) || (from < T(0) && policy == tally::base_policy::positive)) {
            require(!tried, "no percent where the base or an end rules it out");
            require(c.why_undefined(policy).has_value(), "why_undefined() says why");
            try {
                (void)c.percent(policy);
                require(false, "percent() throws where no percent exists");
            } catch (const tally::undefined_result&) {
            }
            continue;
        }
        try {
            const T p = c.percent(policy).value();
            require(std::isfinite(p), "percent() is finite");
            require(tried && tried->value() == p, "try_percent() agrees with percent()");
        } catch (const tally::overflow_error&) {
            require(!tried, "try_percent() is empty where percent() overflows");
        }
    }
}

/// describe(c) is a sentence about c or a tally::error.
template <class T>
void check_describe(const tally::change<T>& c, int decimals) {
    try {
        const std::string text = tally::describe(c, decimals);
        require(text.rfind("was unchanged at ", 0) == 0 || text.find(", from ") != std::string::npos,
                "describe() names both ends or says unchanged");
        // "1e,+20", "5e-,324": the comma grouping of digits inside exponent notation
        require(text.find("e,") == std::string::npos || text.find("e, from") != std::string::npos,
                "describe(): no thousands separator after an exponent's e");
        require(text.find("-,") == std::string::npos && text.find("+,") == std::string::npos,
                "describe(): no thousands separator after a sign");
    } catch (const tally::error& e) {
        require(std::string(e.what()).back() == '.', "describe() throws a sentence");
    }
}

template <class T>
void check(const std::uint8_t* data, std::size_t size) {
    const T from = take<T>(data, size);
    const T to = take<T>(data, size);
    const int decimals = size > 0 ? static_cast<int>(data[0] % 7) : 1;
    check_describe(tally::change<T>{from, to}, decimals);
    if constexpr (std::is_floating_point_v<T>) {
        check_floating(from, to);
    } else {
        check_integers(from, to);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t type = data[0];
    ++data;
    --size;
    switch (type % 17) {
    case 0: check<std::int8_t>(data, size); break;
    case 1: check<std::uint8_t>(data, size); break;
    case 2: check<std::int16_t>(data, size); break;
    case 3: check<std::uint16_t>(data, size); break;
    case 4: check<std::int32_t>(data, size); break;
    case 5: check<std::uint32_t>(data, size); break;
    case 6: check<std::int64_t>(data, size); break;
    case 7: check<std::uint64_t>(data, size); break;
    case 8: check<long long>(data, size); break;
    case 9: check<unsigned long long>(data, size); break;
    case 10: check<char>(data, size); break;
    case 11: check<wchar_t>(data, size); break;
    case 12: check<char16_t>(data, size); break;
    case 13: check<char32_t>(data, size); break;
    case 14: check<float>(data, size); break;
    case 15: check<double>(data, size); break;
    default: check<long double>(data, size); break;
    }
    return 0;
}
