#pragma once
// tally/detail/select.hpp: order statistics of contiguous float, double and
// integer data by radix selection, without writing to the data and without
// a copy of it. Used by tally::quantile and tally::median (see
// quantile_by_radix in detail/stats_impl.hpp) for large contiguous ranges;
// they keep the copy + std::nth_element path for everything else.
//
// Nothing here is public API.
//
// The method, a most-significant-digit radix selection (Alabi, Blanchard,
// Gordon & Steinbach, "Fast k-selection algorithms for graphics processing
// units", ACM J. Exp. Algorithmics 17 (2012), "radixSelect"):
//  - Each value maps to an unsigned key that orders like the value. For
//    IEEE 754 values: flip every bit of a negative value, only the sign bit
//    of a positive one (M. Herf, "Radix tricks", 2001); for signed integers
//    flip the sign bit. The k-th smallest value is the value of the k-th
//    smallest key.
//  - One pass finds the least and greatest value and counts the NaN values
//    (their keys lie outside the keys of -inf..+inf, so every later pass
//    leaves them out by its range test alone).
//  - Each further pass histograms one 16-bit digit of the keys in the
//    current key range [lo, hi] (a digit of fewer bits, down to 8, for
//    inputs under 2^19 values, whose histogram would otherwise cost more to
//    clear and scan than the pass): the digit just below the bits that lo
//    and hi share, not always the top bits of the key, so that data crowded
//    into a narrow range (1e9 + U[0, 1), small integers in a 64-bit type)
//    are split at the first pass instead of falling into one bin. The bin
//    that holds rank k becomes the new range, narrowed to the least and
//    greatest key the pass met in the range; a range of equal keys ends the
//    selection there. When the range holds few enough keys, one pass
//    collects them into a small buffer and std::nth_element finishes.
//  - Two adjacent ranks k and k + 1 (what interpolating quantiles need) are
//    selected together; when they fall into different bins, k is the
//    greatest key of its bin and k + 1 the least of the next non-empty bin,
//    and one pass finds both.
// Every pass only reads the data. Extra memory: a histogram of at most
// 65,536 counts and a buffer of at most radix_collect_limit keys. Passes:
// the extremes, one histogram, one collection for most data; at most
// 1 + ceil(64/d) + 1 for 64-bit keys whatever the data, d being the digit
// of 12 to 16 bits chosen from n (each histogram narrows the range by a
// digit): 8 passes at the very most.
//
// Signed zeros: -0.0 and +0.0 compare equal but have different keys, so the
// selection orders -0.0 before +0.0 (IEEE 754 totalOrder). The value
// returned is therefore equal (==) to the one a comparison sort or
// std::nth_element gives; the sign of a zero result may differ from theirs,
// which depends on where the zeros sit in the input.

#include <algorithm>
#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace tally::detail {

/// The element types radix selection handles: the integers but bool, and
/// float and double in the IEEE 754 binary32/binary64 formats. (long double
/// is not among them: its x87 format has padding bytes and an explicit
/// integer bit.)
template <class T>
concept radix_selectable =
    (std::integral<T> && !std::same_as<T, bool> && sizeof(T) <= 8) ||
    ((std::same_as<T, float> || std::same_as<T, double>) && std::numeric_limits<T>::is_iec559);

/// The most keys the selection collects into its buffer to finish with
/// std::nth_element (512 KiB of 64-bit keys): a bin holding more is split
/// by another histogram pass instead.
inline constexpr std::size_t radix_collect_limit = std::size_t{1} << 16;

/// The order-preserving map between values of T and unsigned keys.
template <radix_selectable T>
struct radix_key {
    using key_type = std::conditional_t<(sizeof(T) <= 4), std::uint32_t, std::uint64_t>;
    static constexpr int bits = std::numeric_limits<key_type>::digits;
    static constexpr key_type sign_bit = key_type{1} << (bits - 1);

    /// The key of x: of(x) < of(y) exactly when x < y, for every x and y
    /// but NaN, and -0.0 < +0.0.
    [[nodiscard]] static constexpr key_type of(T x) noexcept {
        if constexpr (std::floating_point<T>) {
            static_assert(sizeof(T) == sizeof(key_type));
            const auto u = std::bit_cast<key_type>(x);
            // all ones for a negative value, zero for a positive one
            const key_type negative = key_type{0} - (u >> (bits - 1));
            return u ^ (negative | sign_bit);
        } else if constexpr (std::signed_integral<T>) {
            using wide = std::make_signed_t<key_type>;
            return static_cast<key_type>(static_cast<wide>(x)) ^ sign_bit;
        } else {
            return static_cast<key_type>(x);
        }
    }

    /// The value whose key is k (the inverse of of()).
    [[nodiscard]] static constexpr T value(key_type k) noexcept {
        if constexpr (std::floating_point<T>) {
            return std::bit_cast<T>((k & sign_bit) != 0 ? k ^ sign_bit : ~k);
        } else if constexpr (std::signed_integral<T>) {
            using wide = std::make_signed_t<key_type>;
            return static_cast<T>(static_cast<wide>(k ^ sign_bit));
        } else {
            return static_cast<T>(k);
        }
    }
};

/// The least and greatest value that is not NaN, and the number of NaN
/// values (least and greatest are meaningless when nan_count == n). For
/// floating T, whether some value has its sign bit set and whether every
/// value has: the scan compares with <, which does not tell -0.0 from
/// +0.0, and these settle which zeros can be there when an extreme is 0.
template <class T>
struct radix_extremes {
    T least;
    T greatest;
    std::size_t nan_count;
    bool some_sign_bit;
    bool every_sign_bit;
};

/// The first pass: the extremes and the NaN count of data[0, n). Written
/// with comparisons that vectorize (minpd/maxpd compute x < m ? x : m
/// exactly, NaN included: a NaN x never replaces m).
template <radix_selectable T>
[[nodiscard]] radix_extremes<T> radix_scan(const T* data, std::size_t n) noexcept {
    T least = std::numeric_limits<T>::max();
    T greatest = std::numeric_limits<T>::lowest();
    if constexpr (std::floating_point<T>) {
        using K = typename radix_key<T>::key_type;
        least = std::numeric_limits<T>::infinity();
        greatest = -std::numeric_limits<T>::infinity();
        std::size_t nans = 0;
        K some = 0;
        K every = ~K{0};
        for (std::size_t i = 0; i < n; ++i) {
            const T x = data[i];
            nans += static_cast<std::size_t>(x != x);  // NOLINT: the NaN test
            least = x < least ? x : least;
            greatest = greatest < x ? x : greatest;
            const auto bits = std::bit_cast<K>(x);
            some |= bits;
            every &= bits;
        }
        return {least, greatest, nans, (some & radix_key<T>::sign_bit) != 0,
                (every & radix_key<T>::sign_bit) != 0};
    } else {
        for (std::size_t i = 0; i < n; ++i) {
            const T x = data[i];
            least = x < least ? x : least;
            greatest = greatest < x ? x : greatest;
        }
        return {least, greatest, 0, false, false};
    }
}

/// The values of rank k and k2 (0-based, k <= k2 <= k + 1) among the values
/// of data[0, n) that are not NaN, ordered by their keys. `extremes` is
/// radix_scan(data, n); k2 must be less than n - extremes.nan_count.
/// `collect_limit` is a parameter only so that the tests can make every
/// level of the selection run on small inputs.
template <radix_selectable T>
[[nodiscard]] std::pair<T, T> radix_select(const T* data, std::size_t n, const radix_extremes<T>& extremes,
                                           std::size_t k, std::size_t k2,
                                           std::size_t collect_limit = radix_collect_limit) {
    using R = radix_key<T>;
    using K = typename R::key_type;
    // 16-bit digits (a 256 KiB histogram) for large inputs; fewer for
    // small ones, where clearing and scanning 65,536 bins would cost more
    // than the passes over the data.
    const int digit_bits = std::clamp(static_cast<int>(std::bit_width(n)) - 3, 8, 16);

    // The current range [lo, hi] of keys, holding `count` keys (the
    // values that are not NaN with keys in the range), ranks k, k2 among them.
    K lo = R::of(extremes.least);
    K hi = R::of(extremes.greatest);
    if constexpr (std::floating_point<T>) {
        // A least value of 0 is the first zero met; when some value has its
        // sign bit set (none is negative, so a -0.0, or a NaN), the range
        // must begin at -0.0. A greatest value of 0 is +0.0 unless every
        // value has its sign bit set.
        if (extremes.least == T(0)) lo = R::of(extremes.some_sign_bit ? -T(0) : T(0));
        if (extremes.greatest == T(0)) hi = R::of(extremes.every_sign_bit ? -T(0) : T(0));
    }
    std::size_t count = n - extremes.nan_count;
    // The extremes themselves, when the scan found their keys.
    if (k2 == 0 && lo == R::of(extremes.least)) return {extremes.least, extremes.least};
    if (k == count - 1 && hi == R::of(extremes.greatest)) return {extremes.greatest, extremes.greatest};

    std::vector<std::uint32_t> histogram;  // counts of at most n < 2^32 keys
    std::vector<std::size_t> wide_histogram;  // for larger n
    const bool narrow = n <= std::numeric_limits<std::uint32_t>::max();
    bool first_level = true;
    for (;;) {
        if (lo == hi) return {R::value(lo), R::value(lo)};
        const K span = hi - lo;
        if (!first_level && count <= collect_limit) {
            std::vector<K> keys;
            keys.reserve(count);
            for (std::size_t i = 0; i < n; ++i) {
                const K key = R::of(data[i]);
                if (key - lo <= span) keys.push_back(key);
            }
            const auto at = keys.begin() + static_cast<std::ptrdiff_t>(k);
            std::nth_element(keys.begin(), at, keys.end());
            const K a = *at;
            const K b = k2 == k ? a : *std::min_element(at + 1, keys.end());
            return {R::value(a), R::value(b)};
        }
        first_level = false;

        // The digit: the digit_bits bits below those that every key in
        // [lo, hi] shares (fewer at the bottom of the key).
        const int width = R::bits - std::countl_zero(static_cast<K>(lo ^ hi));
        const int shift = width > digit_bits ? width - digit_bits : 0;
        const K base = lo >> shift;
        const auto bins = static_cast<std::size_t>((hi >> shift) - base) + 1;
        std::size_t below = 0;  // keys in the bins before bin j
        std::size_t j = 0;      // the bin of rank k
        std::size_t in_j = 0;   // keys in bin j
        std::size_t next = 0;   // the first non-empty bin after j, when k2 is there
        K least = hi;
        K greatest = lo;
        // When between 1/8 and 7/8 of the values are in the range, a branch
        // on the range test would mispredict often (a pass of 10^7 doubles
        // half in the range: 55 ms against 20 ms without): select with
        // masks instead, the keys outside counted in four spare bins in turn
        // (four, so that their increments do not wait on each other).
        const bool mixed = count > n / 8 && count < n - n / 8;
        const auto locate = [&](auto& h) {
            if (mixed) {
                K least_offset = ~K{0};
                K greatest_offset = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    const K key = R::of(data[i]);
                    const K offset = key - lo;
                    const K in = K{0} - static_cast<K>(offset <= span);  // all ones in the range
                    const std::size_t digit = static_cast<std::size_t>(((key >> shift) - base) & in);
                    ++h[digit | ((bins + (i & 3)) & static_cast<std::size_t>(~in))];
                    least_offset = std::min(least_offset, static_cast<K>(offset | ~in));
                    greatest_offset = std::max(greatest_offset, static_cast<K>(offset & in));
                }
                least = static_cast<K>(lo + least_offset);
                greatest = static_cast<K>(lo + greatest_offset);
            } else {
                for (std::size_t i = 0; i < n; ++i) {
                    const K key = R::of(data[i]);
                    if (key - lo <= span) {
                        ++h[static_cast<std::size_t>((key >> shift) - base)];
                        least = std::min(least, key);
                        greatest = std::max(greatest, key);
                    }
                }
            }
            if (least == greatest) return;
            while (below + h[j] <= k) below += h[j++];
            in_j = h[j];
            if (k2 != k && k2 - below == in_j) {
                next = j + 1;
                while (h[next] == 0) ++next;
            }
        };
        if (narrow) {
            histogram.assign(bins + 4, 0);
            locate(histogram);
        } else {
            wide_histogram.assign(bins + 4, 0);
            locate(wide_histogram);
        }
        if (least == greatest) return {R::value(least), R::value(least)};
        lo = least;
        hi = greatest;
        const K one = K{1};
        const K low_bits = shift == 0 ? K{0} : static_cast<K>((one << shift) - one);
        const auto bin_first = [&](std::size_t b) { return static_cast<K>((base + static_cast<K>(b)) << shift); };
        if (next == 0) {
            // k and k2 in bin j: it becomes the range.
            lo = std::max(lo, bin_first(j));
            hi = std::min(hi, static_cast<K>(bin_first(j) | low_bits));
            count = in_j;
            k -= below;
            k2 -= below;
            continue;
        }
        // k is the greatest key of bin j, k2 the least of bin `next`.
        if (shift == 0) return {R::value(bin_first(j)), R::value(bin_first(next))};
        const K lo_j = std::max(lo, bin_first(j));
        const K span_j = static_cast<K>((bin_first(j) | low_bits) - lo_j);
        const K lo_next = bin_first(next);
        const K span_next = static_cast<K>(std::min(hi, static_cast<K>(lo_next | low_bits)) - lo_next);
        K greatest_j = lo_j;
        K least_next = static_cast<K>(lo_next + span_next);
        for (std::size_t i = 0; i < n; ++i) {
            const K key = R::of(data[i]);
            if (key - lo_j <= span_j) {
                greatest_j = std::max(greatest_j, key);
            } else if (key - lo_next <= span_next) {
                least_next = std::min(least_next, key);
            }
        }
        return {R::value(greatest_j), R::value(least_next)};
    }
}

} // namespace tally::detail
