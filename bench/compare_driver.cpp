// bench/compare_driver.cpp: the tally side of bench/compare.py.
//
//   tally_compare --data values.f64 [--times times.i32] --op NAME [--repeat N]
//   tally_compare --list
//
// Reads the little-endian float64 values (and, for the construction of a
// series, int32 times) that compare.py wrote, runs one operation N times and
// prints one line of JSON: the minimum and every time in seconds, a check
// value compare.py compares with numpy's result, and a hash of the input
// before and after the runs (to show that the caller's data was not
// reordered). Each operation builds its result as a user would, so its time
// includes allocating the output. The input is read before timing starts.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "compare_driver.hpp"

#include <tally/detail/buffer.hpp>

namespace {

template <class T>
std::vector<T> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw std::runtime_error("cannot open " + path);
    const auto bytes = static_cast<std::size_t>(in.tellg());
    std::vector<T> out(bytes / sizeof(T));
    in.seekg(0);
    in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(out.size() * sizeof(T)));
    if (!in) throw std::runtime_error("cannot read " + path);
    return out;
}

/// A 64-bit hash of the values' bytes, the same as compare.py's data_hash:
/// the wrapping sum over the 8-byte words w_i of (w_i * K) xor (w_i >> 29) xor i.
std::uint64_t data_hash(const std::vector<double>& values) {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::uint64_t w = 0;
        std::memcpy(&w, &values[i], sizeof w);
        h += (w * k) ^ (w >> 29) ^ static_cast<std::uint64_t>(i);
    }
    return h;
}

tally_compare::operation_table all_operations() {
    using namespace tally_compare;
    operation_table ops;
    // Only the input is resident: the baseline of the peak-RSS column.
    ops["load"] = [](const inputs&, int repeat) { return time_it(repeat, [] { return 0.0; }); };
    // The memory-bound limit: read n doubles and write them to a new buffer,
    // as every kernel that returns a new vector does, the buffer allocated
    // as tally's results are (huge pages advised, like numpy's arrays) ...
    ops["copy"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::detail::copy_result(std::span<const double>(in.values)); });
    };
    // ... and to a buffer written before (no page faults), as the kernels
    // that write into the caller's span do.
    ops["copy_warm"] = [](const inputs& in, int repeat) {
        std::vector<double> out(in.values.size());
        return time_it(repeat, [&] {
            std::copy(in.values.begin(), in.values.end(), out.begin());
            return std::span<const double>(out);
        });
    };
    add_stats_operations(ops);
    add_series_operations(ops);
    add_rolling_operations(ops);
    return ops;
}

} // namespace

int main(int argc, char** argv) {
    try {
        std::string data_path;
        std::string times_path;
        std::string op;
        int repeat = 1;
        const std::vector<std::string_view> args(argv + 1, argv + argc);
        const auto ops = all_operations();
        for (std::size_t i = 0; i < args.size(); ++i) {
            const auto value = [&]() -> std::string {
                if (i + 1 >= args.size()) throw std::runtime_error(std::string(args[i]) + " needs a value");
                return std::string(args[++i]);
            };
            if (args[i] == "--data") {
                data_path = value();
            } else if (args[i] == "--times") {
                times_path = value();
            } else if (args[i] == "--op") {
                op = value();
            } else if (args[i] == "--repeat") {
                repeat = std::max(1, std::stoi(value()));
            } else if (args[i] == "--list") {
                for (const auto& entry : ops) std::cout << entry.first << '\n';
                return 0;
            } else {
                throw std::runtime_error("unknown argument " + std::string(args[i]));
            }
        }
        const auto found = ops.find(op);
        if (found == ops.end()) throw std::runtime_error("unknown operation '" + op + "' (see --list)");
        tally_compare::inputs in;
        in.values = read_file<double>(data_path);
        if (!times_path.empty()) {
            const auto times = read_file<std::int32_t>(times_path);
            in.times.assign(times.begin(), times.end());
        }
        const std::uint64_t before = data_hash(in.values);
        const tally_compare::outcome o = found->second(in, repeat);
        const std::uint64_t after = data_hash(in.values);
        std::printf("{\"op\": \"%s\", \"n\": %zu, \"seconds_min\": %.9g, \"seconds\": [", op.c_str(),
                    in.values.size(), *std::min_element(o.seconds.begin(), o.seconds.end()));
        for (std::size_t i = 0; i < o.seconds.size(); ++i) std::printf("%s%.9g", i ? ", " : "", o.seconds[i]);
        std::printf("], \"check\": %.17g, \"nan_count\": %zu, \"hash_before\": \"%016llx\", "
                    "\"hash_after\": \"%016llx\"}\n",
                    o.check.value, o.check.nan_count, static_cast<unsigned long long>(before),
                    static_cast<unsigned long long>(after));
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tally_compare: %s\n", e.what());
        return 1;
    }
}
