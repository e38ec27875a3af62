#pragma once
// tally/detail/concat.hpp: building a message from pieces by appending to
// one string, reserved once. Every message goes through here rather than
// through `"literal" + std::string&&`, which GCC 12 at -O3 reports as a
// -Wrestrict false positive in a consumer's build.

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

namespace tally::detail {

/// The length of one piece: a std::string, a std::string_view, a C string or a char.
[[nodiscard]] inline std::size_t piece_size(std::string_view s) noexcept { return s.size(); }
[[nodiscard]] inline std::size_t piece_size(char) noexcept { return 1; }

inline void append_piece(std::string& out, std::string_view s) { out.append(s); }
inline void append_piece(std::string& out, char c) { out.push_back(c); }

/// The pieces one after another: concat("a rate of ", text, " is ", '0', ".").
template <class... Pieces>
    requires((std::is_convertible_v<const Pieces&, std::string_view> || std::is_same_v<Pieces, char>) && ...)
[[nodiscard]] std::string concat(const Pieces&... pieces) {
    std::string out;
    out.reserve((std::size_t{0} + ... + piece_size(pieces)));
    (append_piece(out, pieces), ...);
    return out;
}

} // namespace tally::detail
