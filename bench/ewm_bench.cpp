// bench/ewm_bench.cpp: exponentially weighted windows (tally/ewm.hpp) and
// ranks (tally/rank.hpp).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include <tally/ewm.hpp>
#include <tally/rank.hpp>

#include "bench_data.hpp"

namespace {

using tally_bench::large_n;
using tally_bench::small_n;

/// Runs statistic(tally::ewm(values, span 20)) over state.range(0) values.
template <class Statistic>
void exponential(benchmark::State& state, Statistic statistic, tally::ewm_options options = {}) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    const std::span<const double> v(values);
    for (auto _ : state) benchmark::DoNotOptimize(statistic(tally::ewm(v, tally::span{20}, options)).data());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void ewm_mean(benchmark::State& state) { exponential(state, [](const auto& e) { return e.mean(); }); }
void ewm_mean_not_adjusted(benchmark::State& state) {
    exponential(state, [](const auto& e) { return e.mean(); }, {.adjust = false});
}
void ewm_var(benchmark::State& state) { exponential(state, [](const auto& e) { return e.variance(); }); }
void ewm_std(benchmark::State& state) { exponential(state, [](const auto& e) { return e.stddev(); }); }

void rank_average(benchmark::State& state) {
    const auto& values = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::rank(values).data());
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void sizes(benchmark::internal::Benchmark* b) {
    b->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMillisecond);
}
BENCHMARK(ewm_mean)->Apply(sizes);
BENCHMARK(ewm_mean_not_adjusted)->Apply(sizes);
BENCHMARK(ewm_var)->Apply(sizes);
BENCHMARK(ewm_std)->Apply(sizes);
BENCHMARK(rank_average)->Arg(small_n)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
