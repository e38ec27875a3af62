#pragma once
// tally/detail/quote.hpp: user text as a message quotes it, and the UTF-8
// check that decides which of its bytes are characters.

#include <cstddef>
#include <string>
#include <string_view>

#include "numeric.hpp"

namespace tally::detail {

/// At most this many characters of the user's text appear in a message.
inline constexpr std::size_t max_quoted_characters = 80;

/// The length of the well-formed UTF-8 sequence at text[i] (1 to 4), or 0
/// where the byte there does not start one (Unicode 15, table 3-7: no
/// overlong forms, no surrogates, nothing above U+10FFFF).
[[nodiscard]] constexpr std::size_t utf8_length(std::string_view text, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[k])); };
    const unsigned b0 = byte(i);
    if (b0 < 0x80) return 1;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + n > text.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        const unsigned b = byte(i + k);
        if (b < (k == 1 ? lo : 0x80U) || b > (k == 1 ? hi : 0xBFU)) return 0;
    }
    return n;
}

/// "\xFF": a byte as a message shows it.
[[nodiscard]] inline std::string byte_text(unsigned char b) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "\\x";
    out += hex[b >> 4];
    out += hex[b & 0xF];
    return out;
}

/// The text in double quotes, as every message shows user text: at most 80
/// characters, a longer text cut there, marked with "…" and followed by its
/// length in bytes ("xxxx…" (100,000 bytes)); well-formed UTF-8 characters
/// as they are; '"' and '\' after a backslash; a NUL as \0; other control
/// characters and every byte that is not UTF-8 as \xHH, never raw.
[[nodiscard]] inline std::string quoted(std::string_view text) {
    std::string out;
    out.reserve(2 + (text.size() < 4 * max_quoted_characters ? text.size() : 4 * max_quoted_characters) + 32);
    out += '"';
    std::size_t characters = 0, i = 0;
    for (; i < text.size() && characters < max_quoted_characters; ++characters) {
        const std::size_t n = utf8_length(text, i);
        const auto b = static_cast<unsigned char>(text[i]);
        if (n == 0 || b < 0x20 || b == 0x7F) {
            out += b == 0 ? std::string("\\0") : byte_text(b);
            ++i;
            continue;
        }
        if (b == '"' || b == '\\') out += '\\';
        out.append(text.substr(i, n));
        i += n;
    }
    if (i < text.size()) {
        out += "\u2026\" (";
        out += group_thousands(std::to_string(text.size()));
        out += " bytes)";
    } else {
        out += '"';
    }
    return out;
}

} // namespace tally::detail
