#pragma once
// tally/time_series.hpp: observations at times, one value per time.
//
//   tally::time_series<int, int> removals{{2015, 153}, {2016, 462}, {2017, 527},
//                                         {2018, 594}, {2019, 387}};
//   removals.at(2019);             // 387; a missing time throws, naming it
//   removals.change(2018, 2019);   // tally::change<int>{594, 387}
//   for (auto [year, count] : removals) { ... }
//
// Times are strictly increasing and stored apart from values, each
// contiguously, so times() and values() are spans a kernel runs over.
// Construction sorts unsorted input (O(n log n); O(n) when already sorted)
// and rejects a repeated time. Values are stored as given: a NaN value is
// kept, and the transforms treat it as no observation.
//
// See docs/calendars.md.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <ranges>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "change.hpp"
#include "detail/buffer.hpp"
#include "detail/sort_pairs.hpp"
#include "detail/text.hpp"
#include "error.hpp"
#include "period.hpp"

namespace tally {

/// One observation: a time and its value.
template <class Time, class Value>
struct observation {
    Time time;
    Value value;
    [[nodiscard]] friend constexpr bool operator==(const observation&, const observation&) = default;
};

/// Tag: the times given are already strictly increasing (checked in O(n)).
struct sorted_unique_t {
    explicit sorted_unique_t() = default;
};
inline constexpr sorted_unique_t sorted_unique{};

/// Tag: the times given are strictly increasing and as many as the values,
/// and the caller guarantees it; nothing is checked (a precondition, like
/// std::sorted_unique for std::flat_map). Meant for times copied from an
/// existing series: a result series with its input's times is then built
/// in one pass over the times instead of two (copy, then check).
struct unchecked_sorted_unique_t {
    explicit unchecked_sorted_unique_t() = default;
};
inline constexpr unchecked_sorted_unique_t unchecked_sorted_unique{};

namespace detail {

/// Converts `from` to To when To holds its value exactly (NaN to a floating
/// NaN); false when the conversion would round, truncate or wrap. For
/// non-arithmetic types, an ordinary conversion.
template <class From, class To>
[[nodiscard]] constexpr bool convert_exactly(const From& from, To& to) {
    using F = std::remove_cvref_t<From>;
    if constexpr (std::is_same_v<F, To> || !std::is_arithmetic_v<F> || !std::is_arithmetic_v<To>) {
        to = static_cast<To>(from);
        return true;
    } else if constexpr (std::integral<F> && std::integral<To>) {
        if (!std::in_range<To>(from)) return false;
        to = static_cast<To>(from);
        return true;
    } else if constexpr (std::floating_point<F> && std::integral<To>) {
        // within [min, max + 1) and a whole number; long double holds both ends exactly
        const auto lowest = static_cast<long double>(std::numeric_limits<To>::min());
        const auto above = static_cast<long double>(std::numeric_limits<To>::max()) + 1.0L;
        const auto wide = static_cast<long double>(from);
        if (!(wide >= lowest && wide < above)) return false;  // NaN fails here too
        to = static_cast<To>(from);
        return static_cast<long double>(to) == wide;
    } else if constexpr (std::integral<F> && std::floating_point<To>) {
        to = static_cast<To>(from);
        return static_cast<long double>(to) == static_cast<long double>(from) &&
               static_cast<long double>(to) < 0x1p64L;  // uint64 max rounds up to 2^64
    } else {  // floating to floating
        to = static_cast<To>(from);
        return from != from || static_cast<F>(to) == from;
    }
}

} // namespace detail

template <period Time, arithmetic Value>
class time_series {
public:
    using time_type = Time;
    using value_type = observation<Time, Value>;
    using mapped_type = Value;
    using size_type = std::size_t;
    class iterator;
    using const_iterator = iterator;

    /// An empty series.
    time_series() = default;

    /// From (time, value) pairs in any order. Throws invalid_argument
    /// naming a repeated time.
    time_series(std::initializer_list<observation<Time, Value>> observations);

    /// From a range of times and a range of values, paired by position, in
    /// any order of time. Throws invalid_argument when the lengths differ
    /// (naming both), a time repeats (naming it), or a time or value would
    /// not convert exactly (1.9 into an int series, -1 into unsigned, 2^53 + 1
    /// into double), naming it. O(n) for times already in order, O(n log n)
    /// otherwise (an introsort of the series' own times and values, in
    /// place: no memory beyond the series itself).
    template <std::ranges::input_range Times, std::ranges::input_range Values>
        requires std::convertible_to<std::ranges::range_reference_t<Times>, Time> &&
                 std::convertible_to<std::ranges::range_reference_t<Values>, Value>
    time_series(Times&& times, Values&& values);

    /// From times already strictly increasing; throws invalid_argument
    /// naming the first pair out of order. O(n), no sort.
    time_series(sorted_unique_t, std::vector<Time> times, std::vector<Value> values);

    /// From times known to be strictly increasing (such as those of an
    /// existing series) and one value per time. Unchecked: a precondition,
    /// not a check. O(1).
    time_series(unchecked_sorted_unique_t, std::vector<Time> times, std::vector<Value> values) noexcept
        : times_(std::move(times)), values_(std::move(values)) {}

    [[nodiscard]] size_type size() const noexcept { return times_.size(); }
    [[nodiscard]] bool empty() const noexcept { return times_.empty(); }

    /// The times, strictly increasing.
    [[nodiscard]] std::span<const Time> times() const noexcept { return times_; }
    /// The values, in the order of times().
    [[nodiscard]] std::span<const Value> values() const noexcept { return values_; }

    /// The first and last times; the series must not be empty (throws undefined_result).
    [[nodiscard]] Time first_time() const;
    [[nodiscard]] Time last_time() const;

    /// Whether the series has an observation at t. O(log n).
    [[nodiscard]] bool contains(const Time& t) const noexcept { return find_index(t) != npos; }
    /// The value at t; throws missing_observation naming t and the span
    /// covered. O(log n).
    [[nodiscard]] const Value& at(const Time& t) const;
    /// A pointer to the value at t, or nullptr. O(log n).
    [[nodiscard]] const Value* find(const Time& t) const noexcept;

    /// The change from the value at t0 to the value at t1; throws
    /// missing_observation naming t0 when it is missing, else t1.
    [[nodiscard]] tally::change<Value> change(const Time& t0, const Time& t1) const;

    /// Adds an observation; throws invalid_argument when t is already there.
    /// O(1) amortized at the end, O(n) elsewhere.
    void insert(const Time& t, const Value& v);
    /// Adds or replaces the observation at t.
    void insert_or_assign(const Time& t, const Value& v);

    [[nodiscard]] iterator begin() const noexcept { return iterator(this, 0); }
    [[nodiscard]] iterator end() const noexcept { return iterator(this, size()); }
    /// The i-th observation in time order; i < size() (unchecked).
    [[nodiscard]] value_type operator[](size_type i) const noexcept { return {times_[i], values_[i]}; }

    [[nodiscard]] friend bool operator==(const time_series&, const time_series&) = default;

    /// A random-access iterator over the observations, yielding them by value.
    class iterator {
    public:
        using iterator_concept = std::random_access_iterator_tag;
        using iterator_category = std::input_iterator_tag;
        using value_type = observation<Time, Value>;
        using difference_type = std::ptrdiff_t;
        using reference = value_type;

        iterator() = default;
        [[nodiscard]] reference operator*() const noexcept { return (*series_)[index_]; }
        [[nodiscard]] reference operator[](difference_type n) const noexcept {
            return (*series_)[static_cast<size_type>(static_cast<difference_type>(index_) + n)];
        }
        iterator& operator++() noexcept { ++index_; return *this; }
        iterator operator++(int) noexcept { auto old = *this; ++index_; return old; }
        iterator& operator--() noexcept { --index_; return *this; }
        iterator operator--(int) noexcept { auto old = *this; --index_; return old; }
        iterator& operator+=(difference_type n) noexcept {
            index_ = static_cast<size_type>(static_cast<difference_type>(index_) + n);
            return *this;
        }
        iterator& operator-=(difference_type n) noexcept { return *this += -n; }
        [[nodiscard]] friend iterator operator+(iterator it, difference_type n) noexcept { return it += n; }
        [[nodiscard]] friend iterator operator+(difference_type n, iterator it) noexcept { return it += n; }
        [[nodiscard]] friend iterator operator-(iterator it, difference_type n) noexcept { return it -= n; }
        [[nodiscard]] friend difference_type operator-(const iterator& a, const iterator& b) noexcept {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        [[nodiscard]] friend bool operator==(const iterator& a, const iterator& b) noexcept {
            return a.index_ == b.index_;
        }
        [[nodiscard]] friend auto operator<=>(const iterator& a, const iterator& b) noexcept {
            return a.index_ <=> b.index_;
        }

    private:
        friend class time_series;
        iterator(const time_series* series, size_type index) noexcept : series_(series), index_(index) {}
        const time_series* series_ = nullptr;
        size_type index_ = 0;
    };

private:
    static constexpr size_type npos = static_cast<size_type>(-1);
    [[nodiscard]] size_type find_index(const Time& t) const noexcept;
    [[noreturn]] void throw_missing(const Time& t) const;
    void assign_unsorted(std::vector<observation<Time, Value>> observations);
    void sort_and_check();

    std::vector<Time> times_;
    std::vector<Value> values_;
};

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

template <period Time, arithmetic Value>
time_series<Time, Value>::time_series(std::initializer_list<observation<Time, Value>> observations) {
    assign_unsorted(std::vector<observation<Time, Value>>(observations));
}

template <period Time, arithmetic Value>
template <std::ranges::input_range Times, std::ranges::input_range Values>
    requires std::convertible_to<std::ranges::range_reference_t<Times>, Time> &&
             std::convertible_to<std::ranges::range_reference_t<Values>, Value>
time_series<Time, Value>::time_series(Times&& times, Values&& values) {
    // The times and values go straight into the series' own vectors, which
    // are then sorted where they are: no copy of the input beside them.
    if constexpr (std::ranges::sized_range<Times> && std::ranges::sized_range<Values>) {
        const auto time_count = static_cast<std::size_t>(std::ranges::size(times));
        const auto value_count = static_cast<std::size_t>(std::ranges::size(values));
        const std::size_t count = std::min(time_count, value_count);
        times_ = detail::reserve_result<Time>(count);
        values_ = detail::reserve_result<Value>(count);
    }
    auto t = std::ranges::begin(times);
    auto v = std::ranges::begin(values);
    const auto t_end = std::ranges::end(times);
    const auto v_end = std::ranges::end(values);
    for (; t != t_end && v != v_end; ++t, ++v) {
        const auto& given_time = *t;
        const auto& given_value = *v;
        Time time{};
        Value value{};
        if (!detail::convert_exactly(given_time, time)) {
            if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(given_time)>>) {
                throw invalid_argument("the time " + detail::value_text(given_time) +
                                       " does not fit the series' time type; a series stores its times exactly.");
            }
        }
        if (!detail::convert_exactly(given_value, value)) {
            if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(given_value)>>) {
                throw invalid_argument("the value " + detail::value_text(given_value) + " given for " +
                                       time_text(time) + " does not fit the series' value type exactly.");
            }
        }
        times_.push_back(time);
        values_.push_back(value);
    }
    if (t != t_end || v != v_end) {
        std::size_t time_count = times_.size();
        std::size_t value_count = times_.size();
        for (; t != t_end; ++t) ++time_count;
        for (; v != v_end; ++v) ++value_count;
        throw invalid_argument("a series needs one value per time, but " + detail::integer_text(time_count) +
                               " times and " + detail::integer_text(value_count) + " values were given.");
    }
    sort_and_check();
}

template <period Time, arithmetic Value>
time_series<Time, Value>::time_series(sorted_unique_t, std::vector<Time> times, std::vector<Value> values)
    : times_(std::move(times)), values_(std::move(values)) {
    if (times_.size() != values_.size()) {
        throw invalid_argument("a series needs one value per time, but " + detail::integer_text(times_.size()) +
                               " times and " + detail::integer_text(values_.size()) + " values were given.");
    }
    for (size_type i = 1; i < times_.size(); ++i) {
        if (!(times_[i - 1] < times_[i])) {
            throw invalid_argument("times given as sorted are not: " + time_text(times_[i - 1]) + " comes before " +
                                   time_text(times_[i]) + ".");
        }
    }
}

template <period Time, arithmetic Value>
void time_series<Time, Value>::assign_unsorted(std::vector<observation<Time, Value>> observations) {
    times_.reserve(observations.size());
    values_.reserve(observations.size());
    for (const auto& o : observations) {
        times_.push_back(o.time);
        values_.push_back(o.value);
    }
    sort_and_check();
}

/// Sorts times_ and values_ by time, in place (no memory the size of the
/// series), and refuses a repeated time: the smallest one is named.
template <period Time, arithmetic Value>
void time_series<Time, Value>::sort_and_check() {
    const auto before = [](const Time& a, const Time& b) { return a < b; };
    if (!std::ranges::is_sorted(times_, before)) detail::sort_pairs(times_.data(), values_.data(), times_.size());
    const auto repeated = std::ranges::adjacent_find(times_, [](const Time& a, const Time& b) { return !(a < b); });
    if (repeated != times_.end()) {
        throw invalid_argument("the time " + time_text(*repeated) +
                               " appears more than once; a series holds one value per time.");
    }
}

template <period Time, arithmetic Value>
auto time_series<Time, Value>::find_index(const Time& t) const noexcept -> size_type {
    const auto it = std::ranges::lower_bound(times_, t);
    if (it == times_.end() || t < *it) return npos;
    return static_cast<size_type>(it - times_.begin());
}

template <period Time, arithmetic Value>
void time_series<Time, Value>::throw_missing(const Time& t) const {
    if (empty()) throw missing_observation("no observation at " + time_text(t) + " in an empty series.");
    throw missing_observation("no observation at " + time_text(t) + " in a series covering " +
                              time_text(times_.front()) + ".." + time_text(times_.back()) + ".");
}

template <period Time, arithmetic Value>
Time time_series<Time, Value>::first_time() const {
    if (empty()) throw undefined_result("an empty series has no first time.");
    return times_.front();
}

template <period Time, arithmetic Value>
Time time_series<Time, Value>::last_time() const {
    if (empty()) throw undefined_result("an empty series has no last time.");
    return times_.back();
}

template <period Time, arithmetic Value>
const Value& time_series<Time, Value>::at(const Time& t) const {
    const size_type i = find_index(t);
    if (i == npos) throw_missing(t);
    return values_[i];
}

template <period Time, arithmetic Value>
const Value* time_series<Time, Value>::find(const Time& t) const noexcept {
    const size_type i = find_index(t);
    return i == npos ? nullptr : &values_[i];
}

template <period Time, arithmetic Value>
tally::change<Value> time_series<Time, Value>::change(const Time& t0, const Time& t1) const {
    const Value& from = at(t0);  // t0 first, so a message names the earlier missing time
    return tally::change<Value>(from, at(t1));
}

template <period Time, arithmetic Value>
void time_series<Time, Value>::insert(const Time& t, const Value& v) {
    const auto it = std::ranges::lower_bound(times_, t);
    if (it != times_.end() && !(t < *it)) {
        throw invalid_argument("the time " + time_text(t) + " is already in the series; a series holds one value per time.");
    }
    const auto offset = it - times_.begin();
    times_.insert(it, t);
    values_.insert(values_.begin() + offset, v);
}

template <period Time, arithmetic Value>
void time_series<Time, Value>::insert_or_assign(const Time& t, const Value& v) {
    const size_type i = find_index(t);
    if (i != npos) {
        values_[i] = v;
    } else {
        insert(t, v);
    }
}

} // namespace tally
