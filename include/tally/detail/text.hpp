#pragma once
// tally/detail/text.hpp: turning numbers into the text of messages and
// explanations. Runtime only.

#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>

#include "int128.hpp"
#include "numeric.hpp"
#include "utf8.hpp"

namespace tally::detail {

/// Whether c is an ASCII decimal digit.
[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

/// The decimal digits of an integer, with a leading '-' where negative.
template <class I>
    requires std::integral<I> || std::same_as<I, int128> || std::same_as<I, uint128>
[[nodiscard]] std::string integer_text(I value) {
    if constexpr (std::is_same_v<I, bool>) {
        return value ? "1" : "0";
    } else {
        const bool negative = value < I{0};
        uint128 magnitude = negative ? uint128(0) - static_cast<uint128>(value) : static_cast<uint128>(value);
        std::array<char, 48> buffer{};
        std::size_t at = buffer.size();
        do {
            buffer[--at] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0);
        if (negative) buffer[--at] = '-';
        return std::string(buffer.data() + at, buffer.size() - at);
    }
}

/// The shortest text that reads back as the same floating value;
/// "nan", "inf" and "-inf" for the non-finite ones.
template <std::floating_point F>
[[nodiscard]] std::string floating_text(F value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
    std::array<char, 64> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec != std::errc{}) return "?";
    return std::string(buffer.data(), end);
}

/// A value as a message names it: integers in full, floating values shortest.
template <class T>
[[nodiscard]] std::string value_text(const T& value) {
    if constexpr (std::is_floating_point_v<T>) {
        return floating_text(value);
    } else {
        return integer_text(value);
    }
}

/// A floating value with exactly `decimals` digits after the point,
/// rounded half away from zero, as a stated figure is read: 0.25 at one
/// decimal is "0.3", -2.25 is "-2.3". Every other value is correctly rounded
/// from its exact binary value; an exact tie is found from the value's full
/// decimal expansion, which is finite for every binary floating value.
/// "-0" never appears: a negative value that rounds to zero prints without
/// its sign.
template <std::floating_point F>
[[nodiscard]] std::string fixed_text(F value, int decimals) {
    if (!std::isfinite(value)) return floating_text(value);
    if (decimals < 0) decimals = 0;
    // The exact expansion has at most as many decimals as the value has
    // fractional bits: 1074 for double, 16445 for long double.
    constexpr int exact_decimals = std::numeric_limits<F>::digits - std::numeric_limits<F>::min_exponent + 1;
    std::string exact(static_cast<std::size_t>(exact_decimals) + 64 + std::numeric_limits<F>::max_exponent10, '\0');
    auto [exact_end, exact_ec] = std::to_chars(exact.data(), exact.data() + exact.size(), value,
                                               std::chars_format::fixed, exact_decimals);
    std::string out;
    if (exact_ec == std::errc{}) {
        exact.resize(static_cast<std::size_t>(exact_end - exact.data()));
        const std::size_t point = exact.find('.');
        const std::size_t cut = point + 1 + static_cast<std::size_t>(decimals);
        const bool tie = point != std::string::npos && cut < exact.size() && exact[cut] == '5' &&
                         exact.find_first_not_of('0', cut + 1) == std::string::npos;
        if (tie) {
            // keep the digits before the cut and round the magnitude up
            out = exact.substr(0, decimals == 0 ? point : cut);
            std::size_t i = out.size();
            while (i > 0) {
                --i;
                if (out[i] == '.') continue;
                // (one char inserted, not a string: GCC 12 at -O3 reports a
                // -Wrestrict false positive for insert(pos, "1"))
                if (out[i] == '-') {
                    out.insert(out.begin() + static_cast<std::ptrdiff_t>(i + 1), '1');
                    break;
                }
                if (out[i] == '9') {
                    out[i] = '0';
                    if (i == 0) out.insert(out.begin(), '1');
                    continue;
                }
                ++out[i];
                break;
            }
        }
    }
    if (out.empty()) {
        std::array<char, 512> buffer{};
        auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed,
                                       decimals);
        if (ec != std::errc{}) return floating_text(value);
        out.assign(buffer.data(), end);
    }
    if (out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
    return out;
}

/// fixed_text with trailing zeros (and a trailing point) removed: 110.0 -> "110".
template <std::floating_point F>
[[nodiscard]] std::string trimmed_text(F value, int decimals) {
    std::string out = fixed_text(value, decimals);
    if (out.find('.') != std::string::npos && std::isfinite(value)) {
        while (!out.empty() && out.back() == '0') out.pop_back();
        if (!out.empty() && out.back() == '.') out.pop_back();
    }
    return out;
}

/// "\xFF": a byte as a message shows it.
[[nodiscard]] inline std::string byte_text(unsigned char b) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "\\x";
    out += hex[b >> 4];
    out += hex[b & 0xF];
    return out;
}

/// The characters of a text quoted in a message before it is cut.
inline constexpr std::size_t quoted_characters = 80;

/// A text quoted for a message: "..." with at most 80 characters; a longer
/// text is cut, marked with "…", and its length in bytes given:
/// "rose by 5% ...…" (4,200 bytes). A byte that is not UTF-8 is written as
/// \xFF, a NUL as \x00, never echoed raw; a quote or backslash inside is
/// escaped with a backslash.
[[nodiscard]] inline std::string quote(std::string_view text) {
    std::string out = "\"";
    std::size_t characters = 0, i = 0;
    for (; i < text.size() && characters < quoted_characters; ++characters) {
        const std::size_t n = utf8_sequence(text, i);
        const auto b = static_cast<unsigned char>(text[i]);
        if (n == 0 || b < 0x20 || b == 0x7F) {
            out += byte_text(b);
            ++i;
        } else {
            if (b == '"' || b == '\\') out += '\\';
            out.append(text.substr(i, n));
            i += n;
        }
    }
    if (i < text.size()) {
        out += "\u2026\" (";
        out += group_thousands(integer_text(text.size()));
        out += " bytes)";
        return out;
    }
    out += '"';
    return out;
}

} // namespace tally::detail
