#pragma once
// tally/detail/buffer.hpp: new result vectors whose large blocks are backed
// by transparent huge pages where the system offers them.
//
// Nothing here is public API. Every function that returns a vector the size
// of its input (pct_change, diff, the rolling windows, the times and values
// of a result series) makes it here. The first write to a fresh block of
// memory faults in one page at a time: for an 80 MB result, 20,000 faults of
// 4 KiB, which cost several times more than the kernel that fills it. A
// block advised with madvise(MADV_HUGEPAGE) before its first write faults in
// 2 MiB at a time instead, on Linux with transparent huge pages in `always`
// or `madvise` mode (numpy advises its large arrays the same way). The advice
// is only a hint: where it fails, or the kernel ignores it, the vector is the
// same, only slower to fill.
//
// On Linux, where <sys/mman.h> exists, that header is included. Beyond the names of the standard headers tally already includes,
// it declares the POSIX memory functions (mmap, madvise, mlock, ...) and
// object-like macros, all upper case with the prefixes MADV_, MAP_, PROT_,
// MS_, MCL_, MFD_, MLOCK_, MREMAP_, PKEY_ and POSIX_MADV_ (checked with
// g++ -dM -E against glibc 2.36); no function-like macro and no lower-case
// macro. Elsewhere (Windows, macOS, the BSDs) nothing is included and the
// functions below only allocate.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<sys/mman.h>)
#include <sys/mman.h>
#endif
#endif

namespace tally::detail {

/// The size of a transparent huge page on x86-64 and on arm64 with 4 KiB
/// base pages: the advice covers whole 2 MiB-aligned pieces of a block.
inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;
/// Blocks smaller than this are not advised: they hold at most one whole
/// aligned huge page, so the saving is small (numpy's threshold too, in
/// numpy/core/src/multiarray/alloc.c).
inline constexpr std::size_t huge_page_threshold = std::size_t{4} << 20;

/// Advises the kernel to back the 2 MiB-aligned part of [p, p + bytes) with
/// huge pages, when bytes >= huge_page_threshold and the system has
/// MADV_HUGEPAGE; otherwise does nothing. Only whole huge pages inside the
/// block are advised, never memory around it. Call it before the first
/// write: pages already faulted in stay 4 KiB pages.
inline void advise_huge_pages(void* p, std::size_t bytes) noexcept {
#ifdef MADV_HUGEPAGE
    if (p == nullptr || bytes < huge_page_threshold) return;
    constexpr auto align = static_cast<std::uintptr_t>(huge_page_bytes);
    const auto first = reinterpret_cast<std::uintptr_t>(p);
    const std::uintptr_t begin = (first + (align - 1)) & ~(align - 1);
    const std::uintptr_t end = (first + bytes) & ~(align - 1);
    if (begin < end) {
        // A refusal (EINVAL where THP is compiled out, ...) leaves the block
        // as it is; there is nothing to report.
        (void)::madvise(reinterpret_cast<void*>(begin), static_cast<std::size_t>(end - begin), MADV_HUGEPAGE);
    }
#else
    (void)p;
    (void)bytes;
#endif
}

/// An empty vector with room for n T, whose storage, when it is at least
/// 4 MiB, was advised to use huge pages; for results built by push_back.
/// Throws what the allocation throws.
template <class T>
[[nodiscard]] std::vector<T> reserve_result(std::size_t n) {
    std::vector<T> out;
    out.reserve(n);
    // After reserve, data() is the start of the allocated block, although
    // the vector is empty (what libstdc++, libc++ and MSVC's library give).
    advise_huge_pages(out.data(), out.capacity() * sizeof(T));
    return out;
}

/// n value-initialized T (0 for arithmetic types) in storage advised as by
/// reserve_result before the value-initialization first wrote it.
template <class T>
[[nodiscard]] std::vector<T> make_result(std::size_t n) {
    std::vector<T> out = reserve_result<T>(n);
    out.resize(n);
    return out;
}

/// n copies of `value`, in storage advised as by reserve_result.
template <class T>
[[nodiscard]] std::vector<T> make_result(std::size_t n, const T& value) {
    std::vector<T> out = reserve_result<T>(n);
    out.resize(n, value);
    return out;
}

/// The n values that fill(first, count, piece) computes, a piece at a time:
/// each call writes the values of positions [first, first + count) to
/// piece[0..count), at most 2,048 of them, and they are appended to a vector
/// reserved as by reserve_result. The piece stays in the L1 cache, so the
/// result's memory is written once; a vector made by make_result and then
/// filled is written twice (zeros first). T is an arithmetic type.
template <class T, class Fill>
[[nodiscard]] std::vector<T> fill_result(std::size_t n, Fill fill) {
    constexpr std::size_t piece_size = 2048;
    std::vector<T> out = reserve_result<T>(n);
    T piece[piece_size];
    for (std::size_t first = 0; first < n; first += piece_size) {
        const std::size_t count = n - first < piece_size ? n - first : piece_size;
        fill(first, count, static_cast<T*>(piece));
        out.insert(out.end(), piece, piece + count);
    }
    return out;
}

/// A copy of `from` in storage advised as by reserve_result, written once
/// (no value-initialization before the copy).
template <class T>
[[nodiscard]] std::vector<T> copy_result(std::span<const T> from) {
    std::vector<T> out = reserve_result<T>(from.size());
    out.assign(from.begin(), from.end());
    return out;
}

} // namespace tally::detail
