// bench/compare_series.cpp: building a series and the changes along it
// (tally/time_series.hpp, tally/transform.hpp), as compare.py times them.

#include <cstddef>
#include <numeric>
#include <span>
#include <vector>

#include <tally/time_series.hpp>
#include <tally/transform.hpp>

#include "compare_driver.hpp"

namespace {

/// The values at the consecutive years 0, 1, ..., n - 1: a gap-free series,
/// so the calendar and the row before agree (as in pandas' positional
/// pct_change). Built before timing starts.
tally::time_series<int, double> consecutive(const std::vector<double>& values) {
    std::vector<int> times(values.size());
    std::iota(times.begin(), times.end(), 0);
    return tally::time_series<int, double>(tally::sorted_unique, std::move(times), values);
}

} // namespace

void tally_compare::add_series_operations(operation_table& ops) {
    // From times in random order: pair, sort, reject repeats, split.
    ops["time_series_unsorted"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::time_series<int, double>(in.times, in.values); });
    };

    // The memory-bound limit of an operation that returns a series: a new
    // series made of copies of the times and the values (the bytes such a
    // result reads and writes), allocated as tally's results are.
    ops["copy_series"] = [](const inputs& in, int repeat) {
        const auto s = consecutive(in.values);
        return time_it(repeat, [&] {
            return tally::time_series<int, double>(tally::unchecked_sorted_unique,
                                                   tally::detail::copy_result(s.times()),
                                                   tally::detail::copy_result(s.values()));
        });
    };

    // pct_change: into the caller's buffer (the kernel alone), into a new
    // vector, and on a series (calendar and by observation, with the list of
    // the times without a value).
    ops["pct_change_span"] = [](const inputs& in, int repeat) {
        std::vector<double> out(in.values.size());
        return time_it(repeat, [&] {
            tally::pct_change(std::span<const double>(in.values), std::span<double>(out));
            return std::span<const double>(out);
        });
    };
    ops["pct_change_vector"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::pct_change(in.values); });
    };
    ops["pct_change_calendar"] = [](const inputs& in, int repeat) {
        const auto s = consecutive(in.values);
        return time_it(repeat, [&] { return tally::pct_change(s); });
    };
    ops["pct_change_by_observation"] = [](const inputs& in, int repeat) {
        const auto s = consecutive(in.values);
        return time_it(repeat, [&] { return tally::pct_change(s, tally::by_observation); });
    };

    ops["diff_vector"] = [](const inputs& in, int repeat) {
        return time_it(repeat, [&] { return tally::diff(in.values); });
    };
    ops["diff_calendar"] = [](const inputs& in, int repeat) {
        const auto s = consecutive(in.values);
        return time_it(repeat, [&] { return tally::diff(s); });
    };
}
