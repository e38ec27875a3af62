#pragma once
// tally/detail/ddof.hpp: the check of a ddof (delta degrees of freedom)
// argument, shared by the statistics and the rolling windows.

#include <cstddef>

#include "../error.hpp"
#include "concat.hpp"
#include "text.hpp"

namespace tally::detail {

/// Throws invalid_argument "ddof -1 is negative; it must be 0 or more."
[[noreturn]] inline void throw_negative_ddof(int ddof) {
    throw invalid_argument(concat("ddof ", integer_text(ddof), " is negative; it must be 0 or more."));
}

/// ddof as a count, after checking that it is not negative.
[[nodiscard]] inline std::size_t checked_ddof(int ddof) {
    if (ddof < 0) throw_negative_ddof(ddof);
    return static_cast<std::size_t>(ddof);
}

} // namespace tally::detail
