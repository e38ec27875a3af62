// The driver of the ewm and rank conformance tests: reads the cases written
// by conformance_common.write_cases and writes tally's results as raw
// little-endian doubles to the file named by its second argument.
//
// The operations come from the case file as parameters, in order:
//   param op<index> <code> <a> <b> <c> <d> <e> <f>
// (see ewm_conformance.py and rank_conformance.py for the codes). For each
// case, in case order, and for each operation, in order, the driver writes
// n doubles (n = the case's length).
#include "driver.hpp"

#include <tally/ewm.hpp>
#include <tally/rank.hpp>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using conformance::operation;

enum decay_kind { k_com, k_span, k_halflife, k_alpha };
enum stat_kind { s_mean, s_var, s_std };

template <class E>
std::vector<double> statistic(const E& e, int stat, bool bias) {
    auto to_vector = [](const auto& result) {
        if constexpr (requires { result.values(); }) {
            const auto v = result.values();
            return std::vector<double>(v.begin(), v.end());
        } else {
            return std::vector<double>(result.begin(), result.end());
        }
    };
    switch (stat) {
    case s_mean: return to_vector(e.mean());
    case s_var: return to_vector(e.variance(bias));
    default: return to_vector(e.stddev(bias));
    }
}

template <class Input>
std::vector<double> by_decay(const Input& input, int kind, double value, const tally::ewm_options& options, int stat,
                             bool bias) {
    switch (kind) {
    case k_com: return statistic(tally::ewm(input, tally::com{value}, options), stat, bias);
    case k_span: return statistic(tally::ewm(input, tally::span{value}, options), stat, bias);
    case k_halflife: return statistic(tally::ewm(input, tally::halflife{value}, options), stat, bias);
    default: return statistic(tally::ewm(input, tally::alpha{value}, options), stat, bias);
    }
}

/// The day offsets of the time-based cases: gaps of 1, 2 and 3 days in turn.
std::vector<int> day_offsets(std::size_t n) {
    std::vector<int> out(n);
    int t = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) t += 1 + static_cast<int>(i % 3);
        out[i] = t;
    }
    return out;
}

template <class T>
std::vector<double> run(const operation& op, const std::vector<T>& x) {
    const std::size_t n = x.size();
    tally::ewm_options options;
    options.adjust = op.c != 0;
    options.ignore_na = op.d != 0;
    options.min_periods = static_cast<std::size_t>(op.e);
    const int stat = static_cast<int>(op.f) / 2;
    const bool bias = static_cast<int>(op.f) % 2 == 1;
    switch (op.code) {
    case 0: return by_decay(x, static_cast<int>(op.a), op.b, options, stat, bias);
    case 1: {
        std::vector<int> years(n);
        for (std::size_t i = 0; i < n; ++i) years[i] = 2000 + static_cast<int>(i);
        return by_decay(tally::time_series<int, T>(years, x), static_cast<int>(op.a), op.b, options, stat, bias);
    }
    case 2: {
        // a halflife of op.b days on days 2000-01-01 + day_offsets
        using namespace std::chrono;
        std::vector<year_month_day> days;
        for (int d : day_offsets(n)) days.emplace_back(sys_days{2000y / January / 1} + std::chrono::days{d});
        const tally::time_series<year_month_day, T> s(days, x);
        return statistic(tally::ewm(s, tally::halflife{duration<double, std::chrono::days::period>{op.b}}, options),
                         stat, bias);
    }
    case 3: {
        // a halflife of op.b periods on the years 2000 + day_offsets
        std::vector<int> years;
        for (int d : day_offsets(n)) years.push_back(2000 + d);
        const tally::time_series<int, T> s(years, x);
        return statistic(tally::ewm(s, tally::halflife{tally::periods{static_cast<std::int64_t>(op.b)}}, options),
                         stat, bias);
    }
    case 4:
    case 5: {
        const auto method = static_cast<tally::rank_method>(static_cast<int>(op.a));
        const tally::rank_options ro{.ascending = op.b != 0, .pct = op.c != 0};
        if (op.code == 4) return tally::rank(x, method, ro);
        std::vector<int> years(n);
        for (std::size_t i = 0; i < n; ++i) years[i] = 2000 + static_cast<int>(i);
        const auto r = tally::rank(tally::time_series<int, T>(years, x), method, ro);
        return std::vector<double>(r.values().begin(), r.values().end());
    }
    default: std::cerr << "unknown operation " << op.code << "\n"; std::exit(2);
    }
}

} // namespace

int main(int argc, char** argv) {
    return conformance::drive(argc, argv, "conformance_ewm", [](const auto& op, const auto& x) { return run(op, x); });
}
