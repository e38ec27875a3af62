// The driver of the transforms conformance test: reads the cases written by
// conformance_common.write_cases and writes tally's results as raw
// little-endian doubles to the file named by its second argument.
//
// The operations come from the case file as parameters, in order:
//   param op<index> <code> <a> <b> <c> <d> <e> <f>
// (see transform_conformance.py for the codes). For each case, in case
// order, and for each operation, in order, the driver writes n doubles
// (n = the case's length). Series times are 2000, 2001, ... for the
// by-observation operations and 1000 + i + i / 3 (a gap after every third
// year) for the calendar ones.
#include "driver.hpp"

#include <tally/rolling.hpp>
#include <tally/transform.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using conformance::operation;

enum stat_code { st_count, st_sum, st_mean, st_var, st_std, st_min, st_max, st_median, st_quantile };

template <class S>
std::vector<double> reduce(const S& windows, int stat, int ddof, double q) {
    auto to_vector = [](const auto& result) {
        if constexpr (requires { result.values(); }) {
            const auto v = result.values();
            return std::vector<double>(v.begin(), v.end());
        } else {
            return std::vector<double>(result.begin(), result.end());
        }
    };
    switch (stat) {
    case st_count: return to_vector(windows.count());
    case st_sum: return to_vector(windows.sum());
    case st_mean: return to_vector(windows.mean());
    case st_var: return to_vector(windows.variance(ddof));
    case st_std: return to_vector(windows.stddev(ddof));
    case st_min: return to_vector(windows.min());
    case st_max: return to_vector(windows.max());
    case st_median: return to_vector(windows.median());
    default: return to_vector(windows.quantile(q));
    }
}

std::vector<double> values_of(std::span<const double> v) { return {v.begin(), v.end()}; }

double reason_code(const std::optional<tally::no_value_reason>& r) {
    return r ? static_cast<double>(static_cast<int>(*r)) : -1.0;
}

template <class T>
std::vector<double> run(const operation& op, const std::vector<T>& x) {
    const std::size_t n = x.size();
    std::vector<int> rows(n);
    std::vector<int> gapped(n);
    for (std::size_t i = 0; i < n; ++i) {
        rows[i] = 2000 + static_cast<int>(i);
        gapped[i] = 1000 + static_cast<int>(i + i / 3);
    }
    const tally::time_series<int, T> s(rows, x);
    const tally::time_series<int, T> g(gapped, x);
    const auto k = static_cast<std::int64_t>(op.a);
    tally::window_options options;
    if (op.c >= 0) options.min_periods = static_cast<std::size_t>(op.c);
    options.center = op.b != 0;
    const auto ddof = static_cast<int>(op.d);
    const int stat = static_cast<int>(op.e);
    switch (op.code) {
    case 0: return values_of(tally::pct_change(s, k, tally::by_observation, tally::pandas_compatible).values());
    case 1: return values_of(tally::pct_change(s, k, tally::by_observation).values());
    case 2: {
        const auto pc = tally::pct_change(s, k, tally::by_observation);
        std::vector<double> out;
        for (int t : rows) out.push_back(reason_code(pc.reason(t)));
        return out;
    }
    case 3: return values_of(tally::diff(s, k, tally::by_observation).values());
    case 4: return values_of(tally::shift(s, k, tally::by_observation).values());
    case 5: {
        const auto c = tally::cumsum(s);
        return std::vector<double>(c.values().begin(), c.values().end());
    }
    case 6: return values_of(tally::pct_change(g, k, tally::pandas_compatible).values());
    case 7: return values_of(tally::diff(g, k).values());
    case 8: return reduce(tally::rolling(s, k, options), stat, ddof, op.f);
    case 9: return reduce(tally::expanding(s, options), stat, ddof, op.f);
    case 10: return reduce(tally::rolling(g, tally::periods{k}, options), stat, ddof, op.f);
    case 11: {
        // The range overloads, without a series.
        return reduce(tally::rolling(x, k, options), stat, ddof, op.f);
    }
    case 12: return tally::pct_change(x, k, tally::pandas_compatible);
    case 13: {
        const auto pc = tally::pct_change(g, k);
        std::vector<double> out;
        for (int t : gapped) out.push_back(reason_code(pc.reason(t)));
        return out;
    }
    default: std::cerr << "unknown operation " << op.code << "\n"; std::exit(2);
    }
}

} // namespace

int main(int argc, char** argv) {
    return conformance::drive(argc, argv, "conformance_transform", [](const auto& op, const auto& x) { return run(op, x); });
}
