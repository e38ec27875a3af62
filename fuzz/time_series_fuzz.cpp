// fuzz/time_series_fuzz.cpp: tally::time_series built from arbitrary
// (time, value) bytes, checked against a std::map built from the same input.
//
// Input: one byte choosing the time and value types and whether the values
// are one short, then (time, value) records (a partial last record is
// dropped). Checked: a repeated time throws invalid_argument naming the
// smallest repeated time; otherwise times() is strictly increasing and holds
// exactly the input's times, at()/find()/contains() agree with the input for
// every time given and for its neighbours, a missing time throws
// missing_observation with its exact text, the sorted_unique constructor,
// insert() and insert_or_assign() agree with the sorting constructor, and
// mismatched lengths throw naming both counts.
//
// With bit 0x40 of the first byte set, the next 9 bytes are a window: an
// int64 span and a byte choosing its kind (observations, periods, or a
// std::chrono::years span for chrono years), and each reduction of the
// rolling windows (and of expanding) over the series is computed: it gives
// one value per observation (a count in [0, the series' size]), or throws a
// tally::error (a window below 1, a span beyond the type, an overflow); never
// anything else.

#include <tally/rolling.hpp>
#include <tally/time_series.hpp>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace {

void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "time_series_fuzz: property violated: %s\n", what);
        std::abort();
    }
}

template <class T>
T take(const std::uint8_t*& data, std::size_t& size) {
    T value;
    std::memcpy(&value, data, sizeof(T));
    data += sizeof(T);
    size -= sizeof(T);
    return value;
}

/// Time text, independent of the library's own formatting.
template <class Time>
std::string text(Time t) {
    if constexpr (std::is_same_v<Time, std::chrono::year>) {
        return std::to_string(static_cast<int>(t));
    } else if constexpr (std::is_signed_v<Time>) {
        return std::to_string(static_cast<long long>(t));
    } else {
        return std::to_string(static_cast<unsigned long long>(t));
    }
}

/// The same value, NaN included.
template <class Value>
bool same(Value a, Value b) {
    if constexpr (std::is_floating_point_v<Value>) {
        if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    }
    return a == b;
}

/// Times next to t (t - 1, t + 1) that the type can hold.
template <class Time>
std::vector<Time> neighbours(Time t) {
    std::vector<Time> out;
    if constexpr (std::is_same_v<Time, std::chrono::year>) {
        if (t > std::chrono::year::min()) out.push_back(t - std::chrono::years{1});
        if (t < std::chrono::year::max()) out.push_back(t + std::chrono::years{1});
    } else {
        if (t > std::numeric_limits<Time>::min()) out.push_back(static_cast<Time>(t - 1));
        if (t < std::numeric_limits<Time>::max()) out.push_back(static_cast<Time>(t + 1));
    }
    return out;
}

template <class E, class F>
std::optional<std::string> thrown(F&& f) {
    try {
        f();
    } catch (const E& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

/// Every reduction of the windows r over a series of n observations.
template <class Windows>
void check_reductions(const Windows& r, std::size_t n) {
    try {
        const auto counts = r.count();
        require(counts.size() == n, "rolling count: one value per observation");
        for (const auto c : counts.values()) {
            require(std::isnan(c) || (c >= 0 && c <= static_cast<double>(n)), "rolling count: in [0, n]");
        }
        for (const auto& reduced : {r.sum(), r.mean(), r.variance(), r.stddev(0), r.min(), r.max(), r.median(), r.quantile(0.3)}) {
            require(reduced.size() == n, "rolling reduction: one value per observation");
        }
    } catch (const tally::error&) {
    }
}

/// rolling windows of `span` of the chosen kind, and expanding windows.
template <class Time, class Value>
void check_rolling(const tally::time_series<Time, Value>& s, std::int64_t span, std::uint8_t kind) {
    try {
        switch (kind % 3) {
        case 0: check_reductions(tally::rolling(s, span), s.size()); break;
        case 1: check_reductions(tally::rolling(s, tally::periods{span}), s.size()); break;
        default:
            if constexpr (std::is_same_v<Time, std::chrono::year>) {
                check_reductions(tally::rolling(s, std::chrono::years{span}), s.size());
            } else {
                check_reductions(tally::rolling(s, static_cast<std::size_t>(span)), s.size());
            }
        }
        check_reductions(tally::expanding(s), s.size());
    } catch (const tally::error&) {
    }
}

template <class Time, class Value>
void check(const std::uint8_t* data, std::size_t size, bool one_value_short, std::optional<std::int64_t> span,
           std::uint8_t kind) {
    using series = tally::time_series<Time, Value>;
    std::vector<Time> times;
    std::vector<Value> values;
    while (size >= sizeof(Time) + sizeof(Value) && times.size() < 64) {
        static_assert(sizeof(Time) == sizeof(std::int16_t) || !std::is_same_v<Time, std::chrono::year>);
        Time t{};
        if constexpr (std::is_same_v<Time, std::chrono::year>) {
            // Only the valid years -32767..32767.
            const auto raw = take<std::int16_t>(data, size);
            t = std::chrono::year{raw == -32768 ? 0 : raw};
        } else {
            t = take<Time>(data, size);
        }
        times.push_back(t);
        values.push_back(take<Value>(data, size));
    }

    if (one_value_short && !values.empty()) {
        values.pop_back();
        const auto message = thrown<tally::invalid_argument>([&] { series s(times, values); });
        require(message == "a series needs one value per time, but " + std::to_string(times.size()) + " times and " +
                               std::to_string(values.size()) + " values were given.",
                "mismatched lengths: exact message");
        return;
    }

    // The reference: the first value given at each time; the repeated times.
    std::map<Time, Value> first;
    std::map<Time, Value> last;
    std::optional<Time> smallest_repeat;
    std::optional<Time> first_repeat_in_order;
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (!first.emplace(times[i], values[i]).second) {
            if (!smallest_repeat || times[i] < *smallest_repeat) smallest_repeat = times[i];
            if (!first_repeat_in_order) first_repeat_in_order = times[i];
        }
        last[times[i]] = values[i];
    }

    // insert_or_assign: the last value at each time wins.
    series assigned;
    for (std::size_t i = 0; i < times.size(); ++i) assigned.insert_or_assign(times[i], values[i]);
    require(assigned.size() == last.size(), "insert_or_assign: one observation per time");
    {
        std::size_t i = 0;
        for (const auto& [t, v] : last) {
            require(assigned.times()[i] == t && same(assigned.values()[i], v), "insert_or_assign: last value wins");
            ++i;
        }
    }

    if (smallest_repeat) {
        const auto message = thrown<tally::invalid_argument>([&] { series s(times, values); });
        require(message == "the time " + text(*smallest_repeat) + " appears more than once; a series holds one value per time.",
                "a repeated time throws, naming the smallest one");
        series inserted;
        const auto insert_message = thrown<tally::invalid_argument>([&] {
            for (std::size_t i = 0; i < times.size(); ++i) inserted.insert(times[i], values[i]);
        });
        require(insert_message == "the time " + text(*first_repeat_in_order) +
                                      " is already in the series; a series holds one value per time.",
                "insert() of a repeated time throws, naming it");
        return;
    }

    const series s(times, values);
    require(s.size() == first.size() && s.empty() == first.empty(), "size() is the number of distinct times");
    if (span) check_rolling(s, *span, kind);
    for (std::size_t i = 1; i < s.size(); ++i) require(s.times()[i - 1] < s.times()[i], "times strictly increase");
    require(s.values().size() == s.times().size(), "one value per time");
    {
        std::size_t i = 0;
        for (const auto& [t, v] : first) {
            require(s.times()[i] == t && same(s.values()[i], v), "times() and values() hold the input, sorted");
            require(s[i].time == t && same(s[i].value, v), "operator[] agrees with times() and values()");
            ++i;
        }
    }
    require(std::ranges::distance(s.begin(), s.end()) == static_cast<std::ptrdiff_t>(s.size()),
            "the iterators span size() observations");
    {
        std::size_t i = 0;
        for (const auto [t, v] : s) {
            require(t == s.times()[i] && same(v, s.values()[i]), "iteration yields the observations in order");
            ++i;
        }
    }

    for (std::size_t i = 0; i < times.size(); ++i) {
        require(s.contains(times[i]), "contains() every input time");
        require(same(s.at(times[i]), values[i]), "at() gives the input value");
        const Value* found = s.find(times[i]);
        require(found != nullptr && found == &s.at(times[i]), "find() agrees with at()");
        for (const Time n : neighbours(times[i])) {
            if (first.count(n) != 0) continue;
            require(!s.contains(n) && s.find(n) == nullptr, "a time not given is not contained");
            if (i >= 4) continue;  // the exact text of a few misses is enough; throwing is slow
            const auto message = thrown<tally::missing_observation>([&] { (void)s.at(n); });
            require(message == "no observation at " + text(n) + " in a series covering " + text(first.begin()->first) +
                                   ".." + text(first.rbegin()->first) + ".",
                    "at() of a missing time: exact message");
        }
    }

    if (s.empty()) {
        require(thrown<tally::undefined_result>([&] { (void)s.first_time(); }) == "an empty series has no first time.",
                "first_time() of an empty series throws");
        require(thrown<tally::undefined_result>([&] { (void)s.last_time(); }) == "an empty series has no last time.",
                "last_time() of an empty series throws");
        const Time probe{};
        require(thrown<tally::missing_observation>([&] { (void)s.at(probe); }) ==
                    "no observation at " + text(probe) + " in an empty series.",
                "at() on an empty series: exact message");
    } else {
        require(s.first_time() == first.begin()->first && s.last_time() == first.rbegin()->first,
                "first_time() and last_time() are the extremes");
        const auto c = s.change(s.first_time(), s.last_time());
        require(same(c.from(), first.begin()->second) && same(c.to(), first.rbegin()->second),
                "change() pairs the values at both times");
    }

    // The sorted_unique constructor: accepts the sorted times, and rejects the
    // input order at its first pair out of order.
    std::vector<Time> sorted_times;
    std::vector<Value> sorted_values;
    for (const auto& [t, v] : first) {
        sorted_times.push_back(t);
        sorted_values.push_back(v);
    }
    const series presorted(tally::sorted_unique, sorted_times, sorted_values);
    require(presorted.size() == s.size(), "sorted_unique: same size");
    for (std::size_t i = 0; i < s.size(); ++i) {
        require(presorted.times()[i] == s.times()[i] && same(presorted.values()[i], s.values()[i]),
                "sorted_unique: same observations");
    }
    std::optional<std::size_t> out_of_order;
    for (std::size_t i = 1; i < times.size() && !out_of_order; ++i) {
        if (!(times[i - 1] < times[i])) out_of_order = i;
    }
    const auto message = thrown<tally::invalid_argument>([&] { series u(tally::sorted_unique, times, values); });
    if (out_of_order) {
        require(message == "times given as sorted are not: " + text(times[*out_of_order - 1]) + " comes before " +
                               text(times[*out_of_order]) + ".",
                "sorted_unique: exact message for the first pair out of order");
    } else {
        require(!message, "sorted_unique: accepts strictly increasing times");
    }

    // insert(), one at a time in input order, gives the same series.
    series inserted;
    for (std::size_t i = 0; i < times.size(); ++i) inserted.insert(times[i], values[i]);
    require(inserted.size() == s.size(), "insert(): same size");
    for (std::size_t i = 0; i < s.size(); ++i) {
        require(inserted.times()[i] == s.times()[i] && same(inserted.values()[i], s.values()[i]),
                "insert(): same observations");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t selector = data[0];
    ++data;
    --size;
    const bool short_values = (selector & 0x80) != 0;
    std::optional<std::int64_t> span;
    std::uint8_t kind = 0;
    if ((selector & 0x40) != 0) {
        if (size < 9) return 0;
        span = take<std::int64_t>(data, size);
        kind = take<std::uint8_t>(data, size);
    }
    switch (selector % 8) {
    case 0: check<int, int>(data, size, short_values, span, kind); break;
    case 1: check<int, double>(data, size, short_values, span, kind); break;
    case 2: check<std::int16_t, std::uint64_t>(data, size, short_values, span, kind); break;
    case 3: check<std::int64_t, std::int64_t>(data, size, short_values, span, kind); break;
    case 4: check<std::uint8_t, float>(data, size, short_values, span, kind); break;
    case 5: check<unsigned, std::int8_t>(data, size, short_values, span, kind); break;
    case 6: check<std::chrono::year, double>(data, size, short_values, span, kind); break;
    default: check<std::uint64_t, long double>(data, size, short_values, span, kind); break;
    }
    return 0;
}
