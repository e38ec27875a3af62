#pragma once
// tally/detail/sort_pairs.hpp: sorting two parallel arrays by the first, in
// place.
//
// Nothing here is public API. A series built from times in any order keeps
// its times and values in two vectors; sorting them where they are, instead
// of pairing them up in a third vector first, needs no memory the size of
// the input. The sort is an introsort (Musser, Software: Practice and
// Experience 27 (1997) 983): quicksort partitioning around the median of
// three, heapsort for a range once the partitions have gone 2 log2(n)
// levels deep (so O(n log n) at worst), insertion sort for ranges of 16 or
// fewer. It is not stable; equal keys are left in some order, which the
// series does not keep (it refuses a repeated time).

#include <bit>
#include <cstddef>
#include <utility>

namespace tally::detail {

template <class K, class V>
void swap_pairs(K* keys, V* values, std::size_t a, std::size_t b) noexcept {
    using std::swap;
    swap(keys[a], keys[b]);
    swap(values[a], values[b]);
}

/// Insertion sort of [lo, hi).
template <class K, class V>
void insertion_sort_pairs(K* keys, V* values, std::size_t lo, std::size_t hi) {
    for (std::size_t i = lo + 1; i < hi; ++i) {
        K key = std::move(keys[i]);
        V value = std::move(values[i]);
        std::size_t j = i;
        for (; j > lo && key < keys[j - 1]; --j) {
            keys[j] = std::move(keys[j - 1]);
            values[j] = std::move(values[j - 1]);
        }
        keys[j] = std::move(key);
        values[j] = std::move(value);
    }
}

/// Moves [root's subtree of the heap of n elements at `keys`] into heap
/// order, the largest key at the root.
template <class K, class V>
void sift_down_pairs(K* keys, V* values, std::size_t root, std::size_t n) {
    while (true) {
        std::size_t child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && keys[child] < keys[child + 1]) ++child;
        if (!(keys[root] < keys[child])) return;
        swap_pairs(keys, values, root, child);
        root = child;
    }
}

/// Heapsort of the n pairs at keys, values.
template <class K, class V>
void heap_sort_pairs(K* keys, V* values, std::size_t n) {
    if (n < 2) return;
    for (std::size_t i = n / 2; i-- > 0;) sift_down_pairs(keys, values, i, n);
    for (std::size_t end = n - 1; end > 0; --end) {
        swap_pairs(keys, values, 0, end);
        sift_down_pairs(keys, values, 0, end);
    }
}

/// Puts the median of keys[a], keys[b], keys[c] at `to` (swapping it with
/// what was there).
template <class K, class V>
void median_to_pairs(K* keys, V* values, std::size_t to, std::size_t a, std::size_t b, std::size_t c) {
    std::size_t median = b;
    if (keys[a] < keys[b]) {
        if (keys[b] < keys[c]) {
            median = b;
        } else if (keys[a] < keys[c]) {
            median = c;
        } else {
            median = a;
        }
    } else if (keys[a] < keys[c]) {
        median = a;
    } else if (keys[b] < keys[c]) {
        median = c;
    } else {
        median = b;
    }
    swap_pairs(keys, values, to, median);
}

/// Introsort of [lo, hi), at most `depth` more partitioning levels.
template <class K, class V>
void introsort_pairs(K* keys, V* values, std::size_t lo, std::size_t hi, std::size_t depth) {
    constexpr std::size_t small = 16;
    while (hi - lo > small) {
        if (depth == 0) {
            heap_sort_pairs(keys + lo, values + lo, hi - lo);
            return;
        }
        --depth;
        // The pivot, the median of three, goes to lo and stays there. Of the
        // three positions, one now holds a key no less than the pivot and
        // one a key no greater, so the scans below stop inside [lo, hi)
        // without a bound check (the left scan at the first, the right
        // scan at lo itself at the latest).
        median_to_pairs(keys, values, lo, lo + 1, lo + (hi - lo) / 2, hi - 1);
        std::size_t i = lo + 1;
        std::size_t j = hi;
        while (true) {
            while (keys[i] < keys[lo]) ++i;
            --j;
            while (keys[lo] < keys[j]) --j;
            if (!(i < j)) break;
            swap_pairs(keys, values, i, j);
            ++i;
        }
        // [lo, i) holds keys no greater than the pivot, [i, hi) keys no
        // smaller. The smaller side is sorted by recursion (so the stack is
        // O(log n) deep), the larger one by the loop.
        if (i - lo < hi - i) {
            introsort_pairs(keys, values, lo, i, depth);
            lo = i;
        } else {
            introsort_pairs(keys, values, i, hi, depth);
            hi = i;
        }
    }
    insertion_sort_pairs(keys, values, lo, hi);
}

/// Sorts keys[0..n) ascending by operator<, moving values[i] with keys[i].
/// In place: O(log n) stack, no other memory. Not stable.
template <class K, class V>
void sort_pairs(K* keys, V* values, std::size_t n) {
    if (n < 2) return;
    const auto depth = static_cast<std::size_t>(2 * std::bit_width(n));
    introsort_pairs(keys, values, 0, n, depth);
}

} // namespace tally::detail
