// bench/time_series_bench.cpp: building a tally::time_series.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

#include <tally/time_series.hpp>

#include "bench_data.hpp"

namespace {

using series = tally::time_series<int, double>;

// From times in random order: pair, sort, check for repeats, split.
void construct_unsorted(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::vector<int> times = tally_bench::shuffled_times(n);
    const std::vector<double>& values = tally_bench::positive_values(n);
    for (auto _ : state) {
        series s(times, values);
        benchmark::DoNotOptimize(s.values().data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(construct_unsorted)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// From times already in order, through the same constructor (O(n) check, no sort).
void construct_sorted(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    const std::vector<double>& values = tally_bench::positive_values(n);
    for (auto _ : state) {
        series s(times, values);
        benchmark::DoNotOptimize(s.values().data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(construct_sorted)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// With the sorted_unique tag: the vectors are moved in and checked in O(n).
// The copies the benchmark makes to have something to move are included.
void construct_sorted_unique(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    const std::vector<double>& values = tally_bench::positive_values(n);
    for (auto _ : state) {
        series s(tally::sorted_unique, times, values);
        benchmark::DoNotOptimize(s.values().data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(construct_sorted_unique)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// Looking up values by time: at() is a binary search.
void lookup_at(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    const series s(tally::sorted_unique, times, tally_bench::positive_values(n));
    const std::vector<int> queries = tally_bench::shuffled_times(n);
    for (auto _ : state) {
        double total = 0;
        for (const int t : queries) total += s.at(t);
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(lookup_at)->Arg(1'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
