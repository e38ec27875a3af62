// bench/compare_stats.cpp: the statistics compare.py times (tally/stats.hpp).

#include <cstddef>
#include <span>
#include <vector>

#include <tally/stats.hpp>

#include "compare_driver.hpp"

void tally_compare::add_stats_operations(operation_table& ops) {
    ops["sum"] = [](const inputs& in, int repeat) { return time_it(repeat, [&] { return tally::sum(in.values); }); };
    ops["mean"] = [](const inputs& in, int repeat) { return time_it(repeat, [&] { return tally::mean(in.values); }); };
    ops["variance"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::variance(in.values); });
    };
    ops["median"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::median(in.values); });
    };
    ops["quantile_0.9"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::quantile(in.values, 0.9); });
    };
    // One pass of Welford's update over everything, then the variance.
    ops["summary"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::summary<double>::of(in.values).variance(); });
    };
    // 1,000 shards summarised apart and merged (Chan, Golub & LeVeque).
    ops["summary_merge"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] {
            constexpr std::size_t shards = 1000;
            const std::span<const double> v(in.values);
            const std::size_t n = v.size();
            tally::summary<double> total;
            for (std::size_t s = 0; s < shards; ++s) {
                const std::size_t first = n * s / shards;
                const std::size_t last = n * (s + 1) / shards;
                total.merge(tally::summary<double>::of(v.subspan(first, last - first)));
            }
            return total.variance();
        });
    };
}
