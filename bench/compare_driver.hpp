#pragma once
// bench/compare_driver.hpp: what the parts of the compare driver share —
// the inputs compare.py wrote, the timing loop, and the table of operations
// each part adds to (compare_stats.cpp, compare_series.cpp, ...).

#include <chrono>
#include <cmath>
#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace tally_compare {

/// The bytes compare.py wrote: float64 values and, for the construction
/// benchmark, int32 times in random order.
struct inputs {
    std::vector<double> values;
    std::vector<int> times;
};

/// What compare.py checks a result by: a scalar itself; for a sequence,
/// the sum of its non-NaN values and the count of NaN ones.
struct check_value {
    double value = 0;
    std::size_t nan_count = 0;
};

inline check_value check_of(double x) { return {x, 0}; }
inline check_value check_of(std::span<const double> xs) {
    check_value c;
    long double total = 0;
    for (const double x : xs) {
        if (std::isnan(x)) ++c.nan_count;
        else total += x;
    }
    c.value = static_cast<double>(total);
    return c;
}
inline check_value check_of(const std::vector<double>& xs) { return check_of(std::span<const double>(xs)); }
/// A series (time_series, change_series, ...): its values.
template <class Series>
    requires requires(const Series& s) { std::span<const double>(s.values()); }
check_value check_of(const Series& s) {
    return check_of(std::span<const double>(s.values()));
}

struct outcome {
    std::vector<double> seconds;
    check_value check;
};

/// Runs f `repeat` times and keeps every time; the result of each run is
/// destroyed after the clock stops. check_of(result) must be callable.
template <class F>
outcome time_it(int repeat, F&& f) {
    using clock = std::chrono::steady_clock;
    outcome o;
    for (int r = 0; r < repeat; ++r) {
        const auto start = clock::now();
        const auto result = f();
        const auto stop = clock::now();
        o.seconds.push_back(std::chrono::duration<double>(stop - start).count());
        if (r == 0) o.check = check_of(result);
    }
    return o;
}

using operation = std::function<outcome(const inputs&, int repeat)>;
using operation_table = std::map<std::string, operation>;

// Each part of the driver adds its operations.
void add_stats_operations(operation_table& ops);
void add_series_operations(operation_table& ops);
void add_rolling_operations(operation_table& ops);

} // namespace tally_compare
