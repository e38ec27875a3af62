// bench/compare_rolling.cpp: rolling and expanding windows (tally/rolling.hpp),
// as compare.py times them: over the values as a span, into a new vector.

#include <span>

#include <tally/rolling.hpp>

#include "compare_driver.hpp"

namespace {

template <class Reduce>
tally_compare::operation windowed(int window, Reduce reduce) {
    return [window, reduce](const tally_compare::inputs& in, int repeat) {
        const std::span<const double> v(in.values);
        return tally_compare::time_it(repeat, [&] { return reduce(tally::rolling(v, window)); });
    };
}

} // namespace

void tally_compare::add_rolling_operations(operation_table& ops) {
    ops["rolling_sum_10"] = windowed(10, [](const auto& r) { return r.sum(); });
    ops["rolling_sum_1000"] = windowed(1000, [](const auto& r) { return r.sum(); });
    ops["rolling_mean_10"] = windowed(10, [](const auto& r) { return r.mean(); });
    ops["rolling_mean_1000"] = windowed(1000, [](const auto& r) { return r.mean(); });
    ops["rolling_std_10"] = windowed(10, [](const auto& r) { return r.stddev(); });
    ops["rolling_std_1000"] = windowed(1000, [](const auto& r) { return r.stddev(); });
    ops["rolling_min_10"] = windowed(10, [](const auto& r) { return r.min(); });
    ops["rolling_min_1000"] = windowed(1000, [](const auto& r) { return r.min(); });
    ops["rolling_max_10"] = windowed(10, [](const auto& r) { return r.max(); });
    ops["rolling_max_1000"] = windowed(1000, [](const auto& r) { return r.max(); });
    ops["rolling_median_1001"] = windowed(1001, [](const auto& r) { return r.median(); });
    ops["rolling_quantile_0.9_1001"] = windowed(1001, [](const auto& r) { return r.quantile(0.9); });
    ops["expanding_mean"] = [](const inputs& in, int repeat) {
        const std::span<const double> v(in.values);
        return time_it(repeat, [&] { return tally::expanding(v).mean(); });
    };
}
