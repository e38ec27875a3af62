// bench/claims_bench.cpp: reading and checking claims (tally/claims.hpp,
// tally/claim_parser.hpp). items_per_second is claims per second.

#include <benchmark/benchmark.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <tally/claim_parser.hpp>
#include <tally/claims.hpp>

namespace {

// Sentences of the kinds reports print, short and long.
constexpr std::string_view sentences[] = {
    "a 110% rise in assaults on staff between 2015 and 2018",
    "more than twice as high as in 2015",
    "a drop on the 594 logged in 2018",
    "fell by 34.8%",
    "removals rose by more than a half between 2015 and 2019",
    "nearly tripled since 2015",
    "up 1.1 percentage points on the previous year",
    "hundreds of profiles",
    "about 5 per cent lower than a year earlier",
    "the number of recorded offences increased by 12% in the 12 months to March 2019",
};
constexpr std::size_t sentence_count = sizeof sentences / sizeof sentences[0];

void parse_claim(benchmark::State& state) {
    for (auto _ : state) {
        for (const auto text : sentences) benchmark::DoNotOptimize(tally::parse_claim(text));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(sentence_count));
}
BENCHMARK(parse_claim);

// One long sentence: the cost per character of skipping a subject.
void parse_long_claim(benchmark::State& state) {
    const std::string text =
        "according to the annual figures published by the department the total number of assaults on "
        "members of staff working in the prisons of england and wales showed a 110% rise between 2015 and 2018";
    for (auto _ : state) benchmark::DoNotOptimize(tally::parse_claim(text));
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(parse_long_claim);

// Checking a claim already read: the exact interval arithmetic alone.
void check_parsed_claim(benchmark::State& state) {
    const tally::claim c = tally::parse_claim("a 110% rise");
    const std::vector<tally::change<long>> changes{{4963, 10213}, {153, 387}, {594, 387}, {1000, 2100}};
    for (auto _ : state) {
        for (const auto& ch : changes) benchmark::DoNotOptimize(tally::check(ch, c).holds());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(changes.size()));
}
BENCHMARK(check_parsed_claim);

// Reading and checking from the text, as a fact-checking loop does.
void check_from_text(benchmark::State& state) {
    const tally::change<long> ch{4963, 10213};
    for (auto _ : state) benchmark::DoNotOptimize(tally::check(ch, "a 110% rise").holds());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(check_from_text);

// The explanation a reader sees: the verdict written out.
void explain_verdict(benchmark::State& state) {
    const auto v = tally::check(tally::change<long>{4963, 10213}, "a 110% rise");
    for (auto _ : state) benchmark::DoNotOptimize(v.explain("2018"));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(explain_verdict);

} // namespace

BENCHMARK_MAIN();
