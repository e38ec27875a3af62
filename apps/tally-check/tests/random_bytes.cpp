// Writes a file of pseudo-random bytes for tally-check's bad-input tests:
//   tally-check-random-bytes <path> <megabytes> [<first line>]
// The bytes are std::mt19937's outputs (seed 20260204), each written as four
// little-endian bytes, so the file is the same on every platform. With a
// first line, the file starts with it and a newline (a header, say).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: tally-check-random-bytes <path> <megabytes> [<first line>]\n";
        return 2;
    }
    const std::size_t bytes = static_cast<std::size_t>(std::strtoul(argv[2], nullptr, 10)) * 1024U * 1024U;
    std::ofstream out(argv[1], std::ios::binary);
    if (argc > 3) out << argv[3] << '\n';
    std::mt19937 random(20260204U);
    std::vector<char> block(1U << 20U);
    for (std::size_t written = 0; written < bytes; written += block.size()) {
        for (std::size_t i = 0; i < block.size(); i += 4) {
            const auto x = static_cast<std::uint32_t>(random());
            for (std::size_t k = 0; k < 4; ++k) block[i + k] = static_cast<char>((x >> (8U * k)) & 0xFFU);
        }
        out.write(block.data(), static_cast<std::streamsize>(block.size()));
    }
    return out ? 0 : 1;
}
