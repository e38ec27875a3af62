#pragma once
// tally/detail/concepts.hpp: the concepts every topic header shares.

#include <concepts>

namespace tally {

/// The arithmetic types tally counts and measures with (bool excluded).
template <class T>
concept arithmetic = (std::integral<T> && !std::same_as<T, bool>) || std::floating_point<T>;

} // namespace tally
