// bench/rolling_bench.cpp: rolling and expanding windows (tally/rolling.hpp).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include <tally/rolling.hpp>

#include "bench_data.hpp"

namespace {

using tally_bench::large_n;
using tally_bench::small_n;

/// Runs reduce(tally::rolling(values, window)) over state.range(0) values
/// with the window state.range(1).
template <class Reduce>
void windowed(benchmark::State& state, Reduce reduce) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    const std::span<const double> v(values);
    const auto window = state.range(1);
    for (auto _ : state) benchmark::DoNotOptimize(reduce(tally::rolling(v, window)).data());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void rolling_sum(benchmark::State& state) { windowed(state, [](const auto& r) { return r.sum(); }); }
void rolling_mean(benchmark::State& state) { windowed(state, [](const auto& r) { return r.mean(); }); }
void rolling_std(benchmark::State& state) { windowed(state, [](const auto& r) { return r.stddev(); }); }
void rolling_min(benchmark::State& state) { windowed(state, [](const auto& r) { return r.min(); }); }
void rolling_max(benchmark::State& state) { windowed(state, [](const auto& r) { return r.max(); }); }
void rolling_median(benchmark::State& state) { windowed(state, [](const auto& r) { return r.median(); }); }
void rolling_quantile_0_9(benchmark::State& state) {
    windowed(state, [](const auto& r) { return r.quantile(0.9); });
}

// Windows of 10 and 1,000 values over 10^4 (in cache) and 10^7 values.
void streaming_sizes(benchmark::internal::Benchmark* b) {
    for (const std::int64_t n : {small_n, large_n}) {
        for (const std::int64_t w : {10, 1000}) b->Args({n, w});
    }
    b->Unit(benchmark::kMillisecond);
}
BENCHMARK(rolling_sum)->Apply(streaming_sizes);
BENCHMARK(rolling_mean)->Apply(streaming_sizes);
BENCHMARK(rolling_std)->Apply(streaming_sizes);
BENCHMARK(rolling_min)->Apply(streaming_sizes);
BENCHMARK(rolling_max)->Apply(streaming_sizes);

// Order statistics: windows of 1,001 values over 10^4 and 10^6 values; over
// 10^6 values also a window of 11 (the sorted vector of small windows) and
// one of 100,001 (the cost of a step grows as log w, not as w).
void order_sizes(benchmark::internal::Benchmark* b) {
    b->Args({small_n, 1001})->Args({1'000'000, 11})->Args({1'000'000, 1001})->Args({1'000'000, 100'001});
    b->Unit(benchmark::kMillisecond);
}
BENCHMARK(rolling_median)->Apply(order_sizes);
BENCHMARK(rolling_quantile_0_9)->Apply(order_sizes);

void expanding_mean(benchmark::State& state) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    const std::span<const double> v(values);
    for (auto _ : state) benchmark::DoNotOptimize(tally::expanding(v).mean().data());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(expanding_mean)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMillisecond);

// On a series: the same windows, plus the copy of the times into the result.
void rolling_mean_of_series(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    const tally::time_series<int, double> s(tally::sorted_unique, std::move(times), tally_bench::positive_values(n));
    for (auto _ : state) benchmark::DoNotOptimize(tally::rolling(s, 1000).mean().values().data());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(rolling_mean_of_series)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMillisecond);

// A time-span window (variable starts): the median of the last 1,001 periods
// of a series missing every tenth time, so windows hold about 900 values.
void rolling_median_of_span(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    for (std::size_t i = 0; i < n; ++i) times[i] = static_cast<int>(i + i / 9);
    const tally::time_series<int, double> s(tally::sorted_unique, std::move(times), tally_bench::positive_values(n));
    for (auto _ : state) {
        benchmark::DoNotOptimize(tally::rolling(s, tally::periods{1001}).median().values().data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(rolling_median_of_span)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
