// bench/change_bench.cpp: the arithmetic of one change, applied to many pairs.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include <tally/change.hpp>

#include "bench_data.hpp"

namespace {

/// Positive counts, like the observations of a yearly series.
std::vector<std::int64_t> counts(std::size_t n) {
    std::mt19937_64 engine(11);
    std::uniform_int_distribution<std::int64_t> draw(1, 1'000'000);
    std::vector<std::int64_t> out(n);
    for (auto& c : out) c = draw(engine);
    return out;
}

constexpr std::int64_t pairs = 1'000'000;

void percent_of_int_changes(benchmark::State& state) {
    const auto v = counts(static_cast<std::size_t>(pairs) + 1);
    for (auto _ : state) {
        double total = 0;
        for (std::size_t i = 1; i < v.size(); ++i) total += tally::change{v[i - 1], v[i]}.percent().value();
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * pairs);
}
BENCHMARK(percent_of_int_changes)->Unit(benchmark::kMicrosecond);

void percent_of_double_changes(benchmark::State& state) {
    const auto& v = tally_bench::positive_values(static_cast<std::size_t>(pairs) + 1);
    for (auto _ : state) {
        double total = 0;
        for (std::size_t i = 1; i < v.size(); ++i) total += tally::change{v[i - 1], v[i]}.percent().value();
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * pairs);
}
BENCHMARK(percent_of_double_changes)->Unit(benchmark::kMicrosecond);

void try_percent_of_double_changes(benchmark::State& state) {
    const auto& v = tally_bench::positive_values(static_cast<std::size_t>(pairs) + 1);
    for (auto _ : state) {
        double total = 0;
        for (std::size_t i = 1; i < v.size(); ++i) {
            if (const auto p = tally::change{v[i - 1], v[i]}.try_percent()) total += p->value();
        }
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * pairs);
}
BENCHMARK(try_percent_of_double_changes)->Unit(benchmark::kMicrosecond);

void difference_of_int_changes(benchmark::State& state) {
    const auto v = counts(static_cast<std::size_t>(pairs) + 1);
    for (auto _ : state) {
        std::int64_t total = 0;
        for (std::size_t i = 1; i < v.size(); ++i) total += tally::change{v[i - 1], v[i]}.difference();
        benchmark::DoNotOptimize(total);
    }
    state.SetItemsProcessed(state.iterations() * pairs);
}
BENCHMARK(difference_of_int_changes)->Unit(benchmark::kMicrosecond);

void direction_of_double_changes(benchmark::State& state) {
    const auto& v = tally_bench::positive_values(static_cast<std::size_t>(pairs) + 1);
    for (auto _ : state) {
        std::size_t rises = 0;
        for (std::size_t i = 1; i < v.size(); ++i) {
            rises += tally::change{v[i - 1], v[i]}.direction() == tally::direction::rise ? 1u : 0u;
        }
        benchmark::DoNotOptimize(rises);
    }
    state.SetItemsProcessed(state.iterations() * pairs);
}
BENCHMARK(direction_of_double_changes)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
