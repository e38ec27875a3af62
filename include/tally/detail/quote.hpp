#pragma once
// tally/detail/quote.hpp: user text as a message quotes it.

#include <cstddef>
#include <string>
#include <string_view>

#include "numeric.hpp"

namespace tally::detail {

/// At most this many characters of the user's text appear in a message.
inline constexpr std::size_t max_quoted_chars = 80;

/// The text in double quotes, as a message shows it: printable ASCII as it
/// is, '"' and '\' escaped with a backslash, a NUL as \0, other control
/// characters and every byte above 0x7E as \xHH (so the message is ASCII
/// whatever the input), and text longer than 80 characters cut there and
/// followed by its length: "xxxx..." (100,000 bytes).
[[nodiscard]] inline std::string quoted(std::string_view text) {
    constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(2 + 4 * (text.size() < max_quoted_chars ? text.size() : max_quoted_chars) + 32);
    out += '"';
    const std::size_t shown = text.size() < max_quoted_chars ? text.size() : max_quoted_chars;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == 0) {
            out += "\\0";
        } else if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    if (shown < text.size()) {
        out += "...\" (";
        out += group_thousands(std::to_string(text.size()));
        out += " bytes)";
    } else {
        out += '"';
    }
    return out;
}

} // namespace tally::detail
