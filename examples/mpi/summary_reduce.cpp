// An MPI program: every rank summarises its shard of the data with
// tally::summary (count, mean, M2, minimum, maximum), the shards' summaries
// are combined by a custom MPI reduction that calls summary::merge (the
// pairwise update of Chan, Golub & LeVeque), and rank 0 checks the result
// against one pass over all the data.
//
//   mpirun -n 4 ./example-mpi-summary
//
// A summary travels as its bytes: it is trivially copyable, and every rank
// runs this same program on machines with the same representation of
// double (as ranks of one job do). The reduction is declared
// non-commutative, so MPI combines the shards in rank order and the result
// is the same on every run.
#include <tally/stats.hpp>

#include <mpi.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <type_traits>

namespace {

using summary = tally::summary<double>;
static_assert(std::is_trivially_copyable_v<summary>, "a summary must be trivially copyable to travel as bytes");

constexpr std::uint64_t value_count = 1'000'000;

// The data, the same on every rank: value i is 1000 + ((i * 7919) mod 10007) / 8,
// a spread of 1000..2250.75 in steps of 1/8.
double value_at(std::uint64_t i) {
    return 1000.0 + static_cast<double>((i * 7919u) % 10007u) / 8.0;
}

// inout[k] = in[k] merged with inout[k]: `in` holds the lower ranks' values.
void merge_summaries(void* in, void* inout, int* length, MPI_Datatype*) {
    auto* const in_bytes = static_cast<const unsigned char*>(in);
    auto* const inout_bytes = static_cast<unsigned char*>(inout);
    for (int k = 0; k < *length; ++k) {
        const auto offset = static_cast<std::size_t>(k) * sizeof(summary);
        summary lower;
        summary upper;
        std::memcpy(&lower, in_bytes + offset, sizeof(summary));
        std::memcpy(&upper, inout_bytes + offset, sizeof(summary));
        lower.merge(upper);
        std::memcpy(inout_bytes + offset, &lower, sizeof(summary));
    }
}

bool close(double a, double b) {
    return std::fabs(a - b) <= 1e-12 * std::fmax(std::fabs(a), std::fabs(b));
}

} // namespace

int main(int argc, char** argv) {
    MPI_Init(&argc, &argv);
    int rank = 0;
    int ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);

    MPI_Datatype summary_type{};
    MPI_Type_contiguous(static_cast<int>(sizeof(summary)), MPI_BYTE, &summary_type);
    MPI_Type_commit(&summary_type);
    MPI_Op merge_op{};
    MPI_Op_create(&merge_summaries, /*commute=*/0, &merge_op);

    // This rank's shard: a contiguous block of the indices.
    const auto r = static_cast<std::uint64_t>(rank);
    const auto p = static_cast<std::uint64_t>(ranks);
    const std::uint64_t first = value_count * r / p;
    const std::uint64_t last = value_count * (r + 1) / p;
    summary shard;
    for (std::uint64_t i = first; i < last; ++i) shard.add(value_at(i));

    summary reduced;
    MPI_Reduce(&shard, &reduced, 1, summary_type, merge_op, 0, MPI_COMM_WORLD);

    int failed = 0;
    if (rank == 0) {
        summary single;
        for (std::uint64_t i = 0; i < value_count; ++i) single.add(value_at(i));
        std::printf("ranks: %d, values: %llu\n", ranks, static_cast<unsigned long long>(value_count));
        std::printf("one pass: count %zu, mean %.6f, M2 %.6e, min %.3f, max %.3f\n", single.count(), single.mean(),
                    single.m2(), single.min(), single.max());
        std::printf("reduced:  count %zu, mean %.6f, M2 %.6e, min %.3f, max %.3f\n", reduced.count(),
                    reduced.mean(), reduced.m2(), reduced.min(), reduced.max());
        // Counts, minimum and maximum are exact; mean and M2 agree to 1e-12, relative.
        const bool agree = reduced.count() == single.count() && reduced.min() == single.min() &&
                           reduced.max() == single.max() && close(reduced.mean(), single.mean()) &&
                           close(reduced.m2(), single.m2());
        std::printf("the reduction %s the single pass\n", agree ? "agrees with" : "DIFFERS FROM");
        failed = agree ? 0 : 1;
    }
    MPI_Bcast(&failed, 1, MPI_INT, 0, MPI_COMM_WORLD);

    MPI_Op_free(&merge_op);
    MPI_Type_free(&summary_type);
    MPI_Finalize();
    return failed;
}
