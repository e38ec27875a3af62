// bench/transform_bench.cpp: changes along a series (tally/transform.hpp).

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

#include <tally/transform.hpp>

#include "bench_data.hpp"

namespace {

using tally_bench::large_n;
using tally_bench::small_n;

/// The values at the consecutive years 0..n-1 (a gap-free series).
tally::time_series<int, double> consecutive(std::size_t n) {
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    const auto& values = tally_bench::positive_values(n);
    return tally::time_series<int, double>(tally::sorted_unique, std::move(times), values);
}

/// The same series with every 10th year left out: the calendar path with gaps.
tally::time_series<int, double> with_gaps(std::size_t n) {
    const auto& values = tally_bench::positive_values(n);
    std::vector<int> times;
    std::vector<double> kept;
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 10 == 9) continue;
        times.push_back(static_cast<int>(i));
        kept.push_back(values[i]);
    }
    return tally::time_series<int, double>(tally::sorted_unique, std::move(times), std::move(kept));
}

void set_counters(benchmark::State& state) {
    state.SetItemsProcessed(state.iterations() * state.range(0));
    // Bytes read and written by the kernel: n doubles in, n doubles out.
    state.SetBytesProcessed(state.iterations() * state.range(0) * 2 * static_cast<std::int64_t>(sizeof(double)));
}

// The memory-bound limit the kernels are measured against.
void copy_into_span(benchmark::State& state) {
    const auto& in = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    std::vector<double> out(in.size());
    for (auto _ : state) {
        std::copy(in.begin(), in.end(), out.begin());
        benchmark::ClobberMemory();
    }
    set_counters(state);
}
BENCHMARK(copy_into_span)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void pct_change_into_span(benchmark::State& state) {
    const auto& in = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    std::vector<double> out(in.size());
    for (auto _ : state) {
        tally::pct_change(std::span<const double>(in), std::span<double>(out));
        benchmark::ClobberMemory();
    }
    set_counters(state);
}
BENCHMARK(pct_change_into_span)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void pct_change_vector(benchmark::State& state) {
    const auto& in = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::pct_change(in).data());
    set_counters(state);
}
BENCHMARK(pct_change_vector)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void pct_change_calendar(benchmark::State& state) {
    const auto s = consecutive(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::pct_change(s).values().data());
    set_counters(state);
}
BENCHMARK(pct_change_calendar)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void pct_change_calendar_with_gaps(benchmark::State& state) {
    const auto s = with_gaps(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::pct_change(s).values().data());
    set_counters(state);
}
BENCHMARK(pct_change_calendar_with_gaps)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

// One NaN in the middle: the kernel reports a value that is not finite, so
// the points without a value are looked for over the whole result (the
// reasons are listed); without it only the k ends are.
void pct_change_calendar_one_nan(benchmark::State& state) {
    const auto n = static_cast<std::size_t>(state.range(0));
    std::vector<int> times(n);
    std::iota(times.begin(), times.end(), 0);
    std::vector<double> values = tally_bench::positive_values(n);
    values[n / 2] = std::numeric_limits<double>::quiet_NaN();
    const tally::time_series<int, double> s(tally::sorted_unique, std::move(times), std::move(values));
    for (auto _ : state) benchmark::DoNotOptimize(tally::pct_change(s).values().data());
    set_counters(state);
}
BENCHMARK(pct_change_calendar_one_nan)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void pct_change_by_observation(benchmark::State& state) {
    const auto s = consecutive(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::pct_change(s, tally::by_observation).values().data());
    set_counters(state);
}
BENCHMARK(pct_change_by_observation)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void diff_vector(benchmark::State& state) {
    const auto& in = tally_bench::positive_values(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::diff(in).data());
    set_counters(state);
}
BENCHMARK(diff_vector)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

void diff_calendar(benchmark::State& state) {
    const auto s = consecutive(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) benchmark::DoNotOptimize(tally::diff(s).values().data());
    set_counters(state);
}
BENCHMARK(diff_calendar)->Arg(small_n)->Arg(large_n)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
