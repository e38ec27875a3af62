// bench/stats_bench.cpp: descriptive statistics (tally/stats.hpp).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
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
void min(benchmark::State& state) { over_values(state, [](auto v) { return tally::min(v); }); }
void summary_of(benchmark::State& state) {
    over_values(state, [](auto v) { return tally::summary<double>::of(v).variance(); });
}

BENCHMARK(sum)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(mean)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(variance)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(median)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
BENCHMARK(quantile_0_9)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);
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
