// bench/stats_bench.cpp: descriptive statistics (tally/stats.hpp).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include <tally/stats.hpp>

#include "bench_data.hpp"

namespace {

using tally_bench::large_n;
using tally_bench::small_n;

template <class F>
void over_values(benchmark::State& state, F statistic) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    const std::span<const double> v(values);
    for (auto _ : state) benchmark::DoNotOptimize(statistic(v));
    state.SetItemsProcessed(state.iterations() * state.range(0));
    state.SetBytesProcessed(state.iterations() * state.range(0) * static_cast<std::int64_t>(sizeof(double)));
}

void sum(benchmark::State& state) { over_values(state, [](auto v) { return tally::sum(v); }); }
void mean(benchmark::State& state) { over_values(state, [](auto v) { return tally::mean(v); }); }
void variance(benchmark::State& state) { over_values(state, [](auto v) { return tally::variance(v); }); }
void median(benchmark::State& state) { over_values(state, [](auto v) { return tally::median(v); }); }
void quantile_0_9(benchmark::State& state) { over_values(state, [](auto v) { return tally::quantile(v, 0.9); }); }
// Values crowded into one bin of the top 16 bits of their keys, and half of
// them zero: the radix selection must split them below the top bits, and
// half the values fall inside the range it narrows to.
void quantile_0_75_crowded(benchmark::State& state) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    std::vector<double> crowded(values.size());
    for (std::size_t i = 0; i < crowded.size(); ++i) crowded[i] = i % 2 == 0 ? 0.0 : 1e9 + values[i] / 150.0;
    const std::span<const double> v(crowded);
    for (auto _ : state) benchmark::DoNotOptimize(tally::quantile(v, 0.75));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
void min(benchmark::State& state) { over_values(state, [](auto v) { return tally::min(v); }); }
void summary_of(benchmark::State& state) {
    over_values(state, [](auto v) { return tally::summary<double>::of(v).variance(); });
}

// The same values with one NaN in every 10,000 (skipped): the chunks and
// blocks that hold a NaN are read again with a test per value.
const std::vector<double>& values_with_nan(std::size_t n) {
    static std::vector<double> values;
    if (values.size() != n) {
        values = tally_bench::positive_values(n);
        for (std::size_t i = 5'000; i < n; i += 10'000) values[i] = std::numeric_limits<double>::quiet_NaN();
    }
    return values;
}
void sum_nan_1e4(benchmark::State& state) {
    const std::span<const double> v(values_with_nan(static_cast<std::size_t>(state.range(0))));
    for (auto _ : state) benchmark::DoNotOptimize(tally::sum(v));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
void variance_nan_1e4(benchmark::State& state) {
    const std::span<const double> v(values_with_nan(static_cast<std::size_t>(state.range(0))));
    for (auto _ : state) benchmark::DoNotOptimize(tally::variance(v));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
// float data, accumulated in double.
void sum_float(benchmark::State& state) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    const std::vector<float> floats(values.begin(), values.end());
    for (auto _ : state) benchmark::DoNotOptimize(tally::sum(floats));
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(sum)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(sum_nan_1e4)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(variance_nan_1e4)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(sum_float)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(mean)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(variance)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(median)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(quantile_0_9)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(quantile_0_75_crowded)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(min)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(summary_of)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

// Merging per-shard summaries: the cost of the merge itself, O(1) each.
void summary_merge(benchmark::State& state) {
    const auto shards = static_cast<std::size_t>(state.range(0));
    const auto& values = tally_bench::positive_values(shards * 100);
    std::vector<tally::summary<double>> parts(shards);
    for (std::size_t s = 0; s < shards; ++s) {
        parts[s] = tally::summary<double>::of(std::span<const double>(values).subspan(s * 100, 100));
    }
    for (auto _ : state) {
        tally::summary<double> total;
        for (const auto& part : parts) total.merge(part);
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(summary_merge)->Arg(1'000)->Arg(100'000)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
