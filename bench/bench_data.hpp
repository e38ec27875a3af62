#pragma once
// bench/bench_data.hpp: seeded data shared by the benchmark programs, made
// once per size and reused by every benchmark that asks for it.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <numeric>
#include <random>
#include <vector>

namespace tally_bench {

/// The element counts the streaming kernels are measured at: one that fits
/// in the caches and the 10^7 of the comparison with pandas and numpy.
inline constexpr std::int64_t small_n = 10'000;
inline constexpr std::int64_t large_n = 10'000'000;

/// n values drawn uniformly from [50, 150): positive, like counts or prices,
/// so every relative change exists. The same seed gives the same values.
inline const std::vector<double>& positive_values(std::size_t n) {
    static std::map<std::size_t, std::vector<double>> cache;
    auto& values = cache[n];
    if (values.size() != n) {
        std::mt19937_64 engine(20'190'101);
        std::uniform_real_distribution<double> draw(50.0, 150.0);
        values.resize(n);
        for (auto& v : values) v = draw(engine);
    }
    return values;
}

/// The integers 0..n-1 in a seeded random order.
inline std::vector<int> shuffled_times(std::size_t n) {
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    std::mt19937_64 engine(7);
    std::shuffle(times.begin(), times.end(), engine);
    return times;
}

} // namespace tally_bench
