// Tests for tally/detail/buffer.hpp: the result vectors of the transforms and
// windows, below and above the 4 MiB from which they are advised to use huge
// pages. Whether the kernel grants huge pages is not observable portably; the
// contract tested is the vector's: its size and its values.
#include <tally/detail/buffer.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

using tally::detail::copy_result;
using tally::detail::huge_page_threshold;
using tally::detail::make_result;
using tally::detail::reserve_result;

namespace {

/// A type whose value-initialisation is visible: 7 and 0.5, never what an
/// earlier user of the memory left there.
struct marked {
    int a = 7;
    double b = 0.5;
};

/// Sizes in elements of T around the threshold: far below, one short of it,
/// exactly on it, one above, and 3x above (not a multiple of 2 MiB).
template <class T>
std::vector<std::size_t> sizes_around_threshold() {
    const std::size_t on = huge_page_threshold / sizeof(T);
    return {0, 1, 1000, on - 1, on, on + 1, 3 * on + 12345};
}

volatile unsigned char sink = 0;

/// Fills and frees a block of `bytes`, so that the next allocation of that
/// size may reuse memory that holds something other than zero (glibc's
/// malloc serves blocks of up to 32 MiB from its heap once one of that size
/// was freed). The read into a volatile keeps the compiler from leaving the
/// fill out.
void dirty_the_heap(std::size_t bytes) {
    std::vector<unsigned char> junk(bytes + 1, 0xA5);
    sink = junk[junk.size() / 2];
}

} // namespace

TEST_CASE("make_result: n value-initialised doubles, below and above the huge-page threshold") {
    for (const std::size_t n : sizes_around_threshold<double>()) {
        CAPTURE(n);
        dirty_the_heap(n * sizeof(double));
        const auto v = make_result<double>(n);
        CHECK(v.size() == n);
        CHECK(v.capacity() >= n);
        CHECK(std::ranges::all_of(v, [](double x) { return x == 0.0; }));
    }
}

TEST_CASE("make_result: other types are value-initialised too") {
    for (const std::size_t n : sizes_around_threshold<marked>()) {
        CAPTURE(n);
        dirty_the_heap(n * sizeof(marked));
        const auto v = make_result<marked>(n);
        CHECK(v.size() == n);
        CHECK(std::ranges::all_of(v, [](const marked& m) { return m.a == 7 && m.b == 0.5; }));
    }
    for (const std::size_t n : sizes_around_threshold<std::int64_t>()) {
        CAPTURE(n);
        const auto v = make_result<std::int64_t>(n);
        CHECK(v == std::vector<std::int64_t>(n));
    }
    // Bytes: the threshold itself, in single bytes.
    for (const std::size_t n : sizes_around_threshold<unsigned char>()) {
        CAPTURE(n);
        const auto v = make_result<unsigned char>(n);
        CHECK(v == std::vector<unsigned char>(n));
    }
}

TEST_CASE("make_result: with a value, n copies of it") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const std::size_t n : sizes_around_threshold<double>()) {
        CAPTURE(n);
        const auto v = make_result<double>(n, nan);
        CHECK(v.size() == n);
        CHECK(std::ranges::all_of(v, [](double x) { return x != x; }));
        const auto w = make_result<double>(n, -2.5);
        CHECK(std::ranges::all_of(w, [](double x) { return x == -2.5; }));
    }
}

TEST_CASE("copy_result and reserve_result: a copy of the input, and room without values") {
    for (const std::size_t n : sizes_around_threshold<std::int64_t>()) {
        CAPTURE(n);
        std::vector<std::int64_t> from(n);
        std::iota(from.begin(), from.end(), std::int64_t{-5});
        const auto copy = copy_result(std::span<const std::int64_t>(from));
        CHECK(copy == from);

        auto room = reserve_result<std::int64_t>(n);
        CHECK(room.empty());
        CHECK(room.capacity() >= n);
        const auto* const block = room.data();
        for (const std::int64_t x : from) room.push_back(x);
        if (n > 0) CHECK(room.data() == block);  // filled in place, never moved
        CHECK(room == from);
    }
}

TEST_CASE("advise_huge_pages: any pointer and size is accepted, and the memory stays as it was") {
    // A block 6 MiB long that starts 8 bytes past an allocation: the advice
    // covers only the whole aligned 2 MiB pieces inside it.
    std::vector<double> block(6 * 1024 * 1024 / sizeof(double) + 2, 1.25);
    tally::detail::advise_huge_pages(block.data() + 1, (block.size() - 2) * sizeof(double));
    tally::detail::advise_huge_pages(block.data(), 0);
    tally::detail::advise_huge_pages(nullptr, huge_page_threshold * 2);
    tally::detail::advise_huge_pages(block.data(), 100);
    CHECK(std::ranges::all_of(block, [](double x) { return x == 1.25; }));
    std::fill(block.begin(), block.end(), 3.0);
    CHECK(std::ranges::all_of(block, [](double x) { return x == 3.0; }));
}
