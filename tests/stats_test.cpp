// Tests for tally/stats.hpp. Expected values are derived by hand in the
// comments (or are exact by construction); the differential test against
// numpy/pandas is tests/conformance/.
#include <tally/stats.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <forward_list>
#include <functional>
#include <iterator>
#include <limits>
#include <list>
#include <numeric>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

constexpr double not_a_number = std::numeric_limits<double>::quiet_NaN();

template <class T>
std::vector<T> values_of(std::initializer_list<int> xs) {
    std::vector<T> out;
    for (int x : xs) out.push_back(static_cast<T>(x));
    return out;
}

/// A range that can be read only once (an input range, not a forward
/// range), so the single-pass code paths are taken. (Not
/// std::ranges::istream_view, which clang 14 cannot compile against
/// libstdc++ 12.)
template <class T>
class single_pass {
public:
    explicit single_pass(std::vector<T> values) : values_(std::move(values)) {}
    class iterator {
    public:
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using iterator_concept = std::input_iterator_tag;
        iterator() = default;
        explicit iterator(const single_pass* owner) : owner_(owner) {}
        T operator*() const { return owner_->values_[owner_->at_]; }
        iterator& operator++() {
            ++owner_->at_;
            return *this;
        }
        void operator++(int) { ++owner_->at_; }
        friend bool operator==(const iterator& it, std::default_sentinel_t) {
            return it.owner_->at_ == it.owner_->values_.size();
        }

    private:
        const single_pass* owner_ = nullptr;
    };
    iterator begin() const { return iterator(this); }
    std::default_sentinel_t end() const { return {}; }

    std::vector<T> values_;
    mutable std::size_t at_ = 0;
};

std::vector<double> random_normal(std::size_t n, double loc, double scale, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::normal_distribution<double> normal(loc, scale);
    std::vector<double> out(n);
    for (auto& x : out) x = normal(engine);
    return out;
}

/// The naive reference: long double two-pass variance.
long double reference_variance(const std::vector<double>& xs, int ddof) {
    long double total = 0;
    for (double x : xs) total += x;
    const long double m = total / static_cast<long double>(xs.size());
    long double squares = 0;
    for (double x : xs) squares += (x - m) * (x - m);
    return squares / static_cast<long double>(xs.size() - static_cast<std::size_t>(ddof));
}

} // namespace

// ============================================================================
// sum
// ============================================================================

TEST_CASE("sum: an empty range sums to 0") {
    CHECK(tally::sum(std::vector<double>{}) == 0.0);
    CHECK(tally::sum(std::vector<int>{}) == 0.0);
}

TEST_CASE_TEMPLATE("sum: small values sum exactly", T, int, unsigned, std::int64_t, double, long double) {
    const auto xs = values_of<T>({153, 462, 527, 594, 387});
    // 153 + 462 + 527 + 594 + 387 = 2123, exact in every type.
    CHECK(static_cast<double>(tally::sum(xs)) == 2123.0);  // exact by construction
    CHECK(static_cast<double>(tally::sum(xs.begin(), xs.end())) == 2123.0);
}

TEST_CASE("sum: Neumaier compensation recovers what naive summation loses") {
    // Naively 1e16 + 1 = 1e16 (1 is below half an ulp of 1e16), then - 1e16 = 0.
    CHECK(tally::sum(std::vector<double>{1e16, 1, -1e16}) == 1.0);
    // 0.1 ten times: the naive sum is 0.9999999999999999; the compensated
    // sum is the double nearest to ten times the double 0.1, which is 1.
    CHECK(tally::sum(std::vector<double>(10, 0.1)) == 1.0);
}

TEST_CASE("sum: the contiguous eight-lane kernel keeps the compensation in every lane") {
    // 1e16, 1, -1e16 placed so that they fall in different lanes and in the
    // tail; the exact sum is 1 + (the number of extra ones).
    for (std::size_t pad = 0; pad < 17; ++pad) {
        std::vector<double> xs(pad, 0.0);
        xs.push_back(1e16);
        for (std::size_t k = 0; k < pad; ++k) xs.push_back(1.0);
        xs.push_back(1.0);
        xs.push_back(-1e16);
        CAPTURE(pad);
        CHECK(tally::sum(xs) == static_cast<double>(pad + 1));
        const std::list<double> as_list(xs.begin(), xs.end());  // the generic path
        CHECK(tally::sum(as_list) == static_cast<double>(pad + 1));
    }
}

TEST_CASE("sum: the contiguous and generic paths agree with a long double reference") {
    for (unsigned seed = 1; seed <= 10; ++seed) {
        auto xs = random_normal(seed * 101, 1e6 * seed, 1e3, seed);
        if (seed % 2 == 0) xs[seed] = not_a_number;
        long double reference = 0;
        for (double x : xs) {
            if (!std::isnan(x)) reference += x;
        }
        const std::list<double> as_list(xs.begin(), xs.end());
        CHECK(tally::sum(xs) == doctest::Approx(static_cast<double>(reference)).epsilon(1e-15));
        CHECK(tally::sum(as_list) == doctest::Approx(static_cast<double>(reference)).epsilon(1e-15));
        CHECK(tally::mean(xs) == doctest::Approx(tally::mean(as_list)).epsilon(1e-15));
    }
}

TEST_CASE("sum: 64-bit integers are summed exactly before one rounding") {
    // Two values of 2^62 sum to 2^63, which overflows int64 but not the sum.
    const std::vector<std::int64_t> xs{std::int64_t{1} << 62, std::int64_t{1} << 62, -3, 3};
    CHECK(tally::sum(xs) == 9223372036854775808.0);
    const std::vector<std::uint64_t> big{18446744073709551615u, 1u};
    CHECK(tally::sum(big) == 18446744073709551616.0);
}

TEST_CASE("sum: NaN values are skipped by default and propagate when asked") {
    const std::vector<double> xs{1.5, not_a_number, 2.5};
    CHECK(tally::sum(xs) == 4.0);
    CHECK(std::isnan(tally::sum(xs, tally::nan_policy::propagate)));
}

TEST_CASE("sum: an infinity gives infinity, not NaN from the compensation") {
    const double inf = std::numeric_limits<double>::infinity();
    CHECK(tally::sum(std::vector<double>{1.0, inf, 2.0}) == inf);
    // inf + -inf has no value: an error, not a silent NaN
    CHECK_THROWS_WITH_AS((void)tally::sum(std::vector<double>{inf, -inf}),
                         "the sum of the range is undefined: it adds inf to -inf.", tally::undefined_result);
}

TEST_CASE("sum: float data gives float, long double gives long double") {
    static_assert(std::is_same_v<decltype(tally::sum(std::vector<float>{})), float>);
    static_assert(std::is_same_v<decltype(tally::sum(std::vector<long double>{})), long double>);
    static_assert(std::is_same_v<decltype(tally::sum(std::vector<int>{})), double>);
    static_assert(std::is_same_v<decltype(tally::mean(std::vector<unsigned>{})), double>);
}

TEST_CASE("sum, mean and variance work in constant expressions") {
    static_assert(tally::sum(std::array{1, 2, 3}) == 6.0);
    static_assert(tally::sum(std::array{1e16, 1.0, -1e16}) == 1.0);
    static_assert(tally::mean(std::array{1.0, 2.0, 6.0}) == 3.0);
    // {2,4,4,4,5,5,7,9}: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32.
    static_assert(tally::variance(std::array{2, 4, 4, 4, 5, 5, 7, 9}, 0) == 4.0);
    static_assert(tally::min(std::array{3, 1, 2}) == 1);
    static_assert(tally::argmax(std::array{3, 9, 2, 9}) == 1);
    static_assert(tally::summary<>::of(std::array{2, 4, 4, 4, 5, 5, 7, 9}).variance(0) == 4.0);
    // The same calls at run time give the same values.
    CHECK(tally::sum(std::array{1e16, 1.0, -1e16}) == doctest::Approx(1.0));
    CHECK(tally::variance(std::array{2, 4, 4, 4, 5, 5, 7, 9}, 0) == doctest::Approx(4.0));
    CHECK(tally::argmax(std::array{3, 9, 2, 9}) == 1);
}

// ============================================================================
// sum, mean, min and max as function objects
// ============================================================================

namespace {

/// A generic algorithm that takes a statistic as an argument: the statistic
/// of each group.
template <class Statistic, class Groups>
auto each_group(const Statistic& statistic, const Groups& groups) {
    using Group = typename Groups::value_type;
    std::vector<std::invoke_result_t<const Statistic&, const Group&>> out;
    for (const Group& g : groups) out.push_back(std::invoke(statistic, g));
    return out;
}

} // namespace

TEST_CASE("sum, min and max still work in constant expressions, also through std::invoke") {
    // 1 + 2 + 3 = 6; the least of {3, 1, 2} is 1, the greatest 3; (1 + 2 + 6) / 3 = 3.
    static_assert(tally::sum(std::array{1, 2, 3}) == 6);
    static_assert(std::invoke(tally::sum, std::array{1, 2, 3}) == 6);
    static_assert(std::invoke(tally::min, std::array{3, 1, 2}) == 1);
    static_assert(tally::max(std::array{3, 1, 2}) == 3);
    static_assert(std::invoke(tally::mean, std::array{1.0, 2.0, 6.0}) == 3.0);
    constexpr std::array xs{4, 8, 1};
    static_assert(tally::sum(xs.begin(), xs.end()) == 13);  // 4 + 8 + 1
    static_assert(tally::max(xs.begin(), xs.end(), tally::nan_policy::propagate) == 8);
    // The same calls at run time give the same values.
    CHECK(std::invoke(tally::sum, std::array{1, 2, 3}) == doctest::Approx(6.0));
    CHECK(std::invoke(tally::min, std::array{3, 1, 2}) == 1);
    CHECK(tally::max(xs.begin(), xs.end(), tally::nan_policy::propagate) == 8);
}

TEST_CASE_TEMPLATE("sum, mean, min and max: a direct call and the object passed on give the same results", T, int,
                   unsigned, std::int64_t, double, long double) {
    const auto xs = values_of<T>({387, 153, 594, 462, 527});
    // By hand: 387 + 153 + 594 + 462 + 527 = 2123; 2123 / 5 = 424.6;
    // the least is 153, the greatest 594.
    CHECK(static_cast<double>(tally::sum(xs)) == 2123.0);  // exact by construction
    CHECK(static_cast<double>(std::invoke(tally::sum, xs)) == 2123.0);
    CHECK(static_cast<double>(std::invoke(tally::sum, xs.begin(), xs.end())) == 2123.0);
    CHECK(static_cast<double>(std::invoke(tally::sum, xs, tally::nan_policy::propagate)) == 2123.0);
    CHECK(tally::mean(xs) == doctest::Approx(424.6));
    CHECK(std::invoke(tally::mean, xs) == doctest::Approx(424.6));
    CHECK(std::invoke(tally::mean, xs.begin(), xs.end(), tally::nan_policy::skip) == doctest::Approx(424.6));
    CHECK(tally::min(xs) == T(153));
    CHECK(std::invoke(tally::min, xs) == T(153));
    CHECK(std::invoke(tally::min, xs.begin(), xs.end()) == T(153));
    CHECK(tally::max(xs) == T(594));
    CHECK(std::invoke(tally::max, xs) == T(594));
    CHECK(std::invoke(tally::max, xs.begin(), xs.end()) == T(594));
    // The same result types either way: double for integers, T for floating T; T for min and max.
    static_assert(std::is_same_v<decltype(std::invoke(tally::sum, xs)), tally::statistic_t<T>>);
    static_assert(std::is_same_v<decltype(std::invoke(tally::mean, xs)), tally::statistic_t<T>>);
    static_assert(std::is_same_v<decltype(std::invoke(tally::min, xs)), T>);
    static_assert(std::is_same_v<decltype(std::invoke(tally::max, xs.begin(), xs.end())), T>);
}

TEST_CASE("sum, mean, min and max: a generic algorithm takes them as arguments") {
    // Groups {1, 2, 3}, {10, 20}, {7}: sums 6, 30, 7; means 6/3 = 2, 30/2 = 15, 7/1 = 7;
    // least 1, 10, 7; greatest 3, 20, 7.
    const std::vector<std::vector<int>> groups{{1, 2, 3}, {10, 20}, {7}};
    std::vector<double> sums(groups.size());
    std::ranges::transform(groups, sums.begin(), tally::sum);
    CHECK(sums == std::vector<double>{6, 30, 7});  // integers are summed exactly
    const std::vector<double> means = each_group(tally::mean, groups);
    REQUIRE(means.size() == 3);
    CHECK(means[0] == doctest::Approx(2.0));
    CHECK(means[1] == doctest::Approx(15.0));
    CHECK(means[2] == doctest::Approx(7.0));
    CHECK(each_group(tally::min, groups) == std::vector<int>{1, 10, 7});
    CHECK(each_group(tally::max, groups) == std::vector<int>{3, 20, 7});
    // Stored in a std::function, as any callable can be.
    const std::function<double(const std::vector<double>&)> average = tally::mean;
    CHECK(average({2.0, 4.0, 9.0}) == doctest::Approx(5.0));  // 15 / 3
    // Errors pass through unchanged.
    CHECK_THROWS_WITH_AS((void)std::invoke(tally::mean, std::vector<int>{}), "the mean of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)each_group(tally::max, std::vector<std::vector<double>>{{not_a_number}}),
                         "the maximum of a range whose values are all NaN is undefined.", tally::undefined_result);
}

TEST_CASE("sum, mean, min and max: what they can be called with is checked at compile time") {
    using sum_t = decltype(tally::sum);
    using min_t = decltype(tally::min);
    static_assert(std::is_empty_v<std::remove_cv_t<sum_t>>);
    static_assert(std::regular_invocable<sum_t, const std::vector<int>&>);
    static_assert(std::regular_invocable<sum_t, const std::vector<int>&, tally::nan_policy>);
    static_assert(std::regular_invocable<min_t, std::list<double>::const_iterator, std::list<double>::const_iterator,
                                         tally::nan_policy>);
    static_assert(!std::invocable<sum_t, int>);                                 // not a range
    static_assert(!std::invocable<decltype(tally::mean), std::vector<bool>>);   // bool is not a number here
    static_assert(!std::invocable<min_t, std::vector<std::string>>);            // nor is text
    static_assert(!std::invocable<decltype(tally::max), std::vector<int>, int>);  // the second is a nan_policy
    static_assert(!std::invocable<sum_t>);
    // And each accepted form runs: the least of {3, NaN, 1}, skipping NaN, is 1.
    const std::list<double> values{3.0, not_a_number, 1.0};
    CHECK(tally::min(values.begin(), values.end(), tally::nan_policy::skip) == doctest::Approx(1.0));
}

TEST_CASE("sum, mean, min and max: with using namespace std and using namespace tally") {
    using namespace std;
    using namespace tally;
    const vector<int> xs{387, 153, 594};
    // std has no sum or mean, so unqualified calls find tally's.
    // By hand: 387 + 153 + 594 = 1134; 1134 / 3 = 378.
    CHECK(sum(xs) == 1134.0);
    CHECK(mean(xs) == doctest::Approx(378.0));
    // min and max name both std's and tally's: an unqualified min(xs) does
    // not compile (ambiguous). Qualified, or declared, each means one thing.
    CHECK(tally::min(xs) == 153);
    CHECK(std::min(387, 153) == 153);
    {
        using tally::max;
        CHECK(max(xs) == 594);
    }
    {
        using std::max;
        CHECK(max(387, 594) == 594);
        CHECK(max({387, 153, 594}) == 594);  // std::max of an initializer_list
    }
}

// ============================================================================
// mean
// ============================================================================

TEST_CASE_TEMPLATE("mean: the sum over the count", T, int, unsigned, std::int64_t, double, long double) {
    const auto xs = values_of<T>({153, 462, 527, 594, 387});
    // 2123 / 5 = 424.6
    CHECK(tally::mean(xs) == doctest::Approx(424.6));
    CHECK(tally::mean(xs.begin(), xs.end()) == doctest::Approx(424.6));
}

TEST_CASE("mean: an empty range is undefined") {
    CHECK_THROWS_WITH_AS((void)tally::mean(std::vector<int>{}), "the mean of an empty range is undefined.",
                         tally::undefined_result);
}

TEST_CASE("mean: a range of only NaN values is undefined under skip and NaN under propagate") {
    const std::vector<double> xs{not_a_number, not_a_number};
    CHECK_THROWS_WITH_AS((void)tally::mean(xs), "the mean of a range whose values are all NaN is undefined.",
                         tally::undefined_result);
    CHECK(std::isnan(tally::mean(xs, tally::nan_policy::propagate)));
    CHECK(tally::mean(std::vector<double>{1, not_a_number, 2}) == 1.5);
}

TEST_CASE("mean: a single-pass input range works") {
    static_assert(std::ranges::input_range<single_pass<int>>);
    static_assert(!std::ranges::forward_range<single_pass<int>>);
    CHECK(tally::mean(single_pass<int>({1, 2, 3, 4})) == 2.5);
}

TEST_CASE("mean: shifting every value shifts the mean; scaling scales it") {
    const auto xs = random_normal(257, 3.0, 2.0, 11);
    std::vector<double> shifted, scaled;
    for (double x : xs) {
        shifted.push_back(x + 100.0);
        scaled.push_back(x * 8.0);  // a power of two: exact
    }
    CHECK(tally::mean(shifted) == doctest::Approx(tally::mean(xs) + 100.0).epsilon(1e-13));
    CHECK(tally::mean(scaled) == doctest::Approx(8.0 * tally::mean(xs)).epsilon(1e-15));
}

// ============================================================================
// geometric mean
// ============================================================================

TEST_CASE("geometric_mean: the nth root of the product") {
    // (1 * 4 * 16)^(1/3) = 64^(1/3) = 4; (2 * 8)^(1/2) = 4.
    CHECK(tally::geometric_mean(std::vector<int>{1, 4, 16}) == doctest::Approx(4.0));
    CHECK(tally::geometric_mean(std::vector<double>{2, not_a_number, 8}) == doctest::Approx(4.0));
}

TEST_CASE("geometric_mean: a zero gives 0; a negative value is undefined") {
    CHECK(tally::geometric_mean(std::vector<int>{3, 0, 5}) == 0.0);
    CHECK_THROWS_WITH_AS((void)tally::geometric_mean(std::vector<double>{3, -2.5, 5}),
                         "the geometric mean is undefined for the negative value -2.5.",
                         tally::undefined_result);
    // a negative after a zero is still reported
    CHECK_THROWS_WITH_AS((void)tally::geometric_mean(std::vector<int>{0, -7}),
                         "the geometric mean is undefined for the negative value -7.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::geometric_mean(std::vector<int>{}),
                         "the geometric mean of an empty range is undefined.", tally::undefined_result);
}

// ============================================================================
// variance and standard deviation
// ============================================================================

TEST_CASE_TEMPLATE("variance: the textbook example", T, int, unsigned, std::int64_t, double, long double) {
    const auto xs = values_of<T>({2, 4, 4, 4, 5, 5, 7, 9});
    // mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32
    CHECK(tally::variance(xs, 0) == doctest::Approx(4.0));
    CHECK(tally::variance(xs) == doctest::Approx(32.0 / 7.0));
    CHECK(tally::stddev(xs, 0) == doctest::Approx(2.0));
    CHECK(tally::stddev(xs) == doctest::Approx(std::sqrt(32.0 / 7.0)));
    CHECK(tally::variance(xs.begin(), xs.end(), 0) == doctest::Approx(4.0));
    CHECK(tally::stddev(xs.begin(), xs.end(), 0) == doctest::Approx(2.0));
}

TEST_CASE("variance: a constant series has variance exactly 0") {
    CHECK(tally::variance(std::vector<int>{7, 7, 7, 7}) == 0.0);
    CHECK(tally::variance(std::vector<double>{2.5, 2.5, 2.5}) == 0.0);
}

TEST_CASE("variance: values near 1e9 with small offsets keep full precision") {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6, -3, 3, 6,
    // squares 36 + 9 + 9 + 36 = 90, sample variance 90 / 3 = 30.
    // The one-pass textbook formula (sum x^2 - n mean^2) loses every digit here.
    const std::vector<double> xs{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};
    CHECK(tally::variance(xs) == doctest::Approx(30.0).epsilon(1e-14));
    const std::vector<std::int64_t> ys{1'000'000'004, 1'000'000'007, 1'000'000'013, 1'000'000'016};
    CHECK(tally::variance(ys) == doctest::Approx(30.0).epsilon(1e-14));
    // The same around 1e12, where x^2 needs 80 bits.
    const std::vector<double> zs{1e12 + 4, 1e12 + 7, 1e12 + 13, 1e12 + 16};
    CHECK(tally::variance(zs) == doctest::Approx(30.0).epsilon(1e-12));
}

TEST_CASE("variance: a single-pass input range uses Welford's update and agrees") {
    const single_pass<double> xs({1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});
    CHECK(tally::variance(xs) == doctest::Approx(30.0).epsilon(1e-12));
    CHECK_THROWS_WITH_AS((void)tally::variance(single_pass<double>({})),
                         "the variance of an empty range is undefined.", tally::undefined_result);
    CHECK(tally::median(single_pass<int>({3, 1, 2})) == 2.0);
    CHECK(tally::max(single_pass<int>({3, 1, 2})) == 3);
}

TEST_CASE("variance: agrees with a long double two-pass reference") {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        const auto xs = random_normal(10 + seed * 37, seed * 1e3, 0.5 + seed, seed);
        for (int ddof : {0, 1}) {
            const auto expected = static_cast<double>(reference_variance(xs, ddof));
            CHECK(tally::variance(xs, ddof) == doctest::Approx(expected).epsilon(1e-12));
        }
    }
}

TEST_CASE("variance: invariant under permutation; scaling by c scales by c squared") {
    auto xs = random_normal(301, -5.0, 3.0, 99);
    const double v = tally::variance(xs);
    std::mt19937 engine(5);
    for (int i = 0; i < 5; ++i) {
        std::shuffle(xs.begin(), xs.end(), engine);
        CHECK(tally::variance(xs) == doctest::Approx(v).epsilon(1e-13));
    }
    std::vector<double> scaled;
    for (double x : xs) scaled.push_back(x * 3.0);
    CHECK(tally::variance(scaled) == doctest::Approx(9.0 * v).epsilon(1e-13));
}

TEST_CASE("variance: an empty range is undefined") {
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<double>{}), "the variance of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::stddev(std::vector<double>{not_a_number}),
                         "the standard deviation of a range whose values are all NaN is undefined.",
                         tally::undefined_result);
}

TEST_CASE("variance: ddof must be below the count") {
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<int>{1, 2}, 2),
                         "variance with ddof 2 needs more than 2 values; the range has 2.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::stddev(std::vector<int>{5}),
                         "variance with ddof 1 needs more than 1 values; the range has 1.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<double>{5, not_a_number}),
                         "variance with ddof 1 needs more than 1 values; the range has 1 that are not NaN.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<int>{1, 2, 3}, -1),
                         "ddof -1 is negative; it must be 0 or more.", tally::invalid_argument);
    CHECK(tally::variance(std::vector<int>{5}, 0) == 0.0);
}

TEST_CASE("variance: NaN values are skipped or propagate") {
    const std::vector<double> xs{2, not_a_number, 4, 4, 4, 5, 5, 7, 9};
    CHECK(tally::variance(xs, 0) == doctest::Approx(4.0));
    CHECK(std::isnan(tally::variance(xs, 0, tally::nan_policy::propagate)));
    CHECK(std::isnan(tally::stddev(xs, 0, tally::nan_policy::propagate)));
}

// ============================================================================
// median and quantiles
// ============================================================================

TEST_CASE_TEMPLATE("median: the middle value, or the mean of the two middle values", T, int, unsigned,
                   std::int64_t, double, long double) {
    CHECK(tally::median(values_of<T>({594, 153, 387, 527, 462})) == doctest::Approx(462.0));
    // sorted: 153 387 462 527 594 600 -> (462 + 527) / 2 = 494.5
    const auto even = values_of<T>({600, 594, 153, 387, 527, 462});
    CHECK(tally::median(even) == doctest::Approx(494.5));
    CHECK(tally::median(even.begin(), even.end()) == doctest::Approx(494.5));
}

TEST_CASE("median: the caller's data is not reordered") {
    const std::vector<int> original{5, 1, 4, 2, 3};
    std::vector<int> xs = original;
    CHECK(tally::median(xs) == 3.0);
    CHECK(tally::quantile(xs, 0.9, tally::quantile_method::type1) == 5.0);
    CHECK(xs == original);
}

TEST_CASE("median: empty, all-NaN, and NaN under propagate") {
    CHECK_THROWS_WITH_AS((void)tally::median(std::vector<int>{}), "the median of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::median(std::vector<double>{not_a_number, not_a_number}),
                         "the median of a range whose values are all NaN is undefined.", tally::undefined_result);
    CHECK(tally::median(std::vector<double>{3, not_a_number, 1}) == 2.0);
    CHECK(std::isnan(tally::median(std::vector<double>{3, not_a_number, 1}, tally::nan_policy::propagate)));
}

TEST_CASE("median: works on a forward list") {
    const std::forward_list<double> xs{4, 1, 3, 2};
    CHECK(tally::median(xs) == 2.5);
}

TEST_CASE("quantile: the nine Hyndman-Fan definitions and pandas' four, derived by hand") {
    using m = tally::quantile_method;
    // x = 10, 20, 30, 40 (n = 4), p = 0.3, np = 1.2; 1-based order statistics.
    const std::vector<int> xs{40, 10, 30, 20};
    struct row {
        m method;
        double expected;
    };
    const row rows[] = {
        {m::type1, 20},       // x[ceil 1.2] = x[2]
        {m::type2, 20},       // np not an integer: as type 1
        {m::type3, 10},       // np - 1/2 = 0.7, nearest integer 1: x[1]
        {m::type4, 12},       // h = np = 1.2: 10 + 0.2 * 10
        {m::type5, 17},       // h = np + 1/2 = 1.7
        {m::type6, 15},       // h = (n + 1) p = 1.5
        {m::type7, 19},       // h = (n - 1) p + 1 = 1.9
        {m::type8, 49 / 3.},  // h = (n + 1/3) p + 1/3 = 1.3 + 1/3 = 1.6333.. -> 10 + 6.333..
        {m::type9, 16.5},     // h = (n + 1/4) p + 3/8 = 1.275 + 0.375 = 1.65
        {m::lower, 10},       // (n - 1) p = 0.9 (0-based): x[0]
        {m::higher, 20},      // x[1]
        {m::nearest, 20},     // 0.9 rounds to 1
        {m::midpoint, 15},    // (10 + 20) / 2
    };
    for (const auto& r : rows) {
        CAPTURE(static_cast<int>(r.method));
        CHECK(tally::quantile(xs, 0.3, r.method) == doctest::Approx(r.expected));
    }
    CHECK(tally::quantile(xs, 0.3) == doctest::Approx(19.0));  // linear is the default
}

TEST_CASE("quantile: the discontinuous methods at their jumps") {
    using m = tally::quantile_method;
    const std::vector<double> xs{10, 20, 30, 40};
    // p = 0.5, np = 2: type 1 takes x[2] = 20; type 2 averages x[2], x[3] = 25.
    CHECK(tally::quantile(xs, 0.5, m::type1) == 20.0);
    CHECK(tally::quantile(xs, 0.5, m::type2) == 25.0);
    // type 3, p = 0.375: np - 1/2 = 1 exactly, j = 1 is odd, so x[2] = 20
    // (Hyndman & Fan's even order statistic; numpy 1.24 gives 10 here).
    CHECK(tally::quantile(xs, 0.375, m::type3) == 20.0);
    // p = 0.625: np - 1/2 = 2, even: x[2] = 20.
    CHECK(tally::quantile(xs, 0.625, m::type3) == 20.0);
    // the ends
    for (auto method : {m::type1, m::type2, m::type3, m::type4, m::type5, m::type6, m::type7, m::type8,
                        m::type9, m::lower, m::higher, m::nearest, m::midpoint}) {
        CHECK(tally::quantile(xs, 0.0, method) == 10.0);
        CHECK(tally::quantile(xs, 1.0, method) == 40.0);
    }
}

TEST_CASE("quantile: nearest rounds a half index to even, like numpy and pandas") {
    using m = tally::quantile_method;
    const std::vector<double> xs{10, 20, 30, 40, 50};
    // (n - 1) q = 4 * 0.125 = 0.5 -> 0; 4 * 0.375 = 1.5 -> 2; 4 * 0.625 = 2.5 -> 2.
    CHECK(tally::quantile(xs, 0.125, m::nearest) == 10.0);
    CHECK(tally::quantile(xs, 0.375, m::nearest) == 30.0);
    CHECK(tally::quantile(xs, 0.625, m::nearest) == 30.0);
}

TEST_CASE("quantile: q outside [0, 1] is refused, naming q") {
    const std::vector<int> xs{1, 2, 3};
    CHECK_THROWS_WITH_AS((void)tally::quantile(xs, 1.5), "the quantile q = 1.5 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::quantile(xs, -0.25), "the quantile q = -0.25 is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::quantile(xs, not_a_number), "the quantile q = nan is outside [0, 1].",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::quantile(std::vector<double>{}, 0.25),
                         "the 0.25 quantile of an empty range is undefined.", tally::undefined_result);
}

TEST_CASE("quantile: invariant under permutation and monotone in q") {
    auto xs = random_normal(200, 0.0, 1.0, 3);
    const double q90 = tally::quantile(xs, 0.9);
    std::mt19937 engine(8);
    std::shuffle(xs.begin(), xs.end(), engine);
    CHECK(tally::quantile(xs, 0.9) == q90);
    double previous = -std::numeric_limits<double>::infinity();
    for (int i = 0; i <= 100; ++i) {
        const double q = tally::quantile(xs, i / 100.0);
        CHECK(q >= previous);
        previous = q;
    }
    // type 7 against a full sort: h = 199 * 0.9 = 179.1
    std::vector<double> sorted = xs;
    std::sort(sorted.begin(), sorted.end());
    CHECK(q90 == doctest::Approx(sorted[179] + 0.1 * (sorted[180] - sorted[179])));
}

// ============================================================================
// min, max, argmin, argmax
// ============================================================================

TEST_CASE_TEMPLATE("min and max: the extremes in the element type", T, int, unsigned, std::int64_t, double,
                   long double) {
    const auto xs = values_of<T>({387, 153, 594, 462, 153, 594});
    static_assert(std::is_same_v<decltype(tally::min(xs)), T>);
    CHECK(tally::min(xs) == T(153));
    CHECK(tally::max(xs) == T(594));
    CHECK(tally::min(xs.begin(), xs.end()) == T(153));
    CHECK(tally::max(xs.begin(), xs.end()) == T(594));
    CHECK(tally::argmin(xs) == 1);  // the first of equals
    CHECK(tally::argmax(xs) == 2);
}

TEST_CASE("min and max: exact for large 64-bit integers") {
    const std::vector<std::int64_t> xs{9007199254740993, 9007199254740992};  // 2^53 + 1, 2^53
    CHECK(tally::max(xs) == 9007199254740993);
}

TEST_CASE("min and max: NaN positions count in argmin; empty and all-NaN are undefined") {
    const std::vector<double> xs{not_a_number, 3, 1, not_a_number, 1};
    CHECK(tally::min(xs) == 1.0);
    CHECK(tally::argmin(xs) == 2);
    CHECK(tally::argmax(xs) == 1);
    CHECK(std::isnan(tally::max(xs, tally::nan_policy::propagate)));
    CHECK(tally::argmax(xs, tally::nan_policy::propagate) == 0);
    CHECK_THROWS_WITH_AS((void)tally::min(std::vector<int>{}), "the minimum of an empty range is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::max(std::vector<double>{not_a_number}),
                         "the maximum of a range whose values are all NaN is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::argmin(std::vector<double>{}), "the minimum of an empty range is undefined.",
                         tally::undefined_result);
}

// ============================================================================
// covariance, correlation, linear trend
// ============================================================================

TEST_CASE("covariance and correlation: a hand-derived pair") {
    // x = 1..5, y = 2 4 5 4 5: means 3 and 4; dx = -2 -1 0 1 2, dy = -2 0 1 0 1;
    // sum dx dy = 4 + 0 + 0 + 0 + 2 = 6; sum dx^2 = 10; sum dy^2 = 6.
    const std::vector<int> x{1, 2, 3, 4, 5};
    const std::vector<double> y{2, 4, 5, 4, 5};
    CHECK(tally::covariance(x, y) == doctest::Approx(1.5));       // 6 / 4
    CHECK(tally::covariance(x, y, 0) == doctest::Approx(1.2));    // 6 / 5
    CHECK(tally::covariance(x, x) == doctest::Approx(tally::variance(x)));
    CHECK(tally::correlation(x, y) == doctest::Approx(6.0 / std::sqrt(60.0)));  // 0.7745966...
    CHECK(tally::correlation(y, x) == doctest::Approx(6.0 / std::sqrt(60.0)));
}

TEST_CASE("correlation: an exact line correlates 1 or -1; scaling leaves r alone") {
    const std::vector<double> x{1, 2, 3, 4, 5, 6};
    std::vector<double> up, down;
    for (double v : x) {
        up.push_back(3 * v + 1);
        down.push_back(-0.5 * v + 7);
    }
    CHECK(tally::correlation(x, up) == doctest::Approx(1.0));
    CHECK(tally::correlation(x, down) == doctest::Approx(-1.0));
    const auto a = random_normal(100, 0, 1, 21);
    const auto b = random_normal(100, 0, 1, 22);
    std::vector<double> a_scaled;
    for (double v : a) a_scaled.push_back(1e6 + 1000 * v);
    CHECK(tally::correlation(a_scaled, b) == doctest::Approx(tally::correlation(a, b)).epsilon(1e-10));
}

TEST_CASE("covariance and correlation: pairs with a NaN are left out") {
    const std::vector<double> x{1, 2, not_a_number, 3, 4, 5};
    const std::vector<double> y{2, 4, 100, 5, not_a_number, 4, };
    // pairs kept: (1,2) (2,4) (3,5) (5,4): means 2.75 and 3.75;
    // dx = -1.75 -0.75 0.25 2.25, dy = -1.75 0.25 1.25 0.25;
    // sum dx dy = 3.0625 - 0.1875 + 0.3125 + 0.5625 = 3.75 -> /3 = 1.25
    CHECK(tally::covariance(x, y) == doctest::Approx(1.25));
    CHECK(std::isnan(tally::covariance(x, y, 1, tally::nan_policy::propagate)));
    CHECK(std::isnan(tally::correlation(x, y, tally::nan_policy::propagate)));
}

TEST_CASE("covariance and correlation: bad inputs are refused with a sentence") {
    const std::vector<int> three{1, 2, 3};
    const std::vector<int> four{1, 2, 3, 4};
    CHECK_THROWS_WITH_AS((void)tally::covariance(three, four),
                         "covariance needs ranges of equal length; they have 3 and 4 values.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::correlation(three, four),
                         "correlation needs ranges of equal length; they have 3 and 4 values.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::covariance(std::vector<int>{}, std::vector<int>{}),
                         "the covariance of empty ranges is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::covariance(std::vector<double>{not_a_number}, std::vector<double>{1}),
                         "the covariance is undefined when every pair of values holds a NaN.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::covariance(three, three, 3),
                         "covariance with ddof 3 needs more than 3 values; the ranges have 3.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::correlation(std::vector<int>{1}, std::vector<int>{2}),
                         "the correlation needs at least 2 pairs of values; the ranges have 1.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::correlation(std::vector<int>{4, 4, 4}, three),
                         "the correlation is undefined when x has zero variance.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::correlation(three, std::vector<double>{0.1, 0.1, 0.1}),
                         "the correlation is undefined when y has zero variance.", tally::undefined_result);
}

TEST_CASE("linear_trend: the removals 2015..2019, by hand") {
    // y = 153 462 527 594 387 at x = 0..4: mean x 2, mean y 424.6;
    // s_xy = 600, s_xx = 10, s_yy = 578806/5: slope 60, intercept 424.6 - 120
    // = 304.6, r^2 = 600^2 / (10 * 578806/5) = 90000/289403 = 0.310985...
    const std::vector<int> y{153, 462, 527, 594, 387};
    const auto t = tally::linear_trend(y);
    CHECK(t.slope == doctest::Approx(60.0));
    CHECK(t.intercept == doctest::Approx(304.6));
    CHECK(t.r_squared == doctest::Approx(90000.0 / 289403.0));
    const std::vector<int> years{2015, 2016, 2017, 2018, 2019};
    const auto by_year = tally::linear_trend(years, y);
    CHECK(by_year.slope == doctest::Approx(60.0));
    CHECK(by_year.intercept == doctest::Approx(304.6 - 60.0 * 2015));
}

TEST_CASE("linear_trend: an exact line, a gap, and a flat series") {
    const auto t = tally::linear_trend(std::vector<double>{3, 5, not_a_number, 9, 11});  // y = 3 + 2x, x = 2 missing
    CHECK(t.slope == doctest::Approx(2.0));
    CHECK(t.intercept == doctest::Approx(3.0));
    CHECK(t.r_squared == doctest::Approx(1.0));
    const auto flat = tally::linear_trend(std::vector<int>{4, 4, 4});
    CHECK(flat.slope == 0.0);
    CHECK(flat.intercept == 4.0);
    CHECK(std::isnan(flat.r_squared));
    CHECK_THROWS_WITH_AS((void)tally::linear_trend(std::vector<int>{4}),
                         "a linear trend needs at least 2 distinct x values.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::linear_trend(std::vector<int>{1, 1}, std::vector<int>{1, 2}),
                         "a linear trend needs at least 2 distinct x values.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::linear_trend(std::vector<int>{1, 2}, std::vector<int>{1}),
                         "linear_trend needs ranges of equal length; they have 2 and 1 values.",
                         tally::invalid_argument);
}

// ============================================================================
// summary
// ============================================================================

TEST_CASE("summary: one pass gives count, mean, M2, min and max") {
    const auto s = tally::summary<>::of(std::vector<int>{2, 4, 4, 4, 5, 5, 7, 9});
    CHECK(s.count() == 8);
    CHECK(s.mean() == 5.0);
    CHECK(s.m2() == doctest::Approx(32.0));
    CHECK(s.min() == 2.0);
    CHECK(s.max() == 9.0);
    CHECK(s.variance(0) == doctest::Approx(4.0));
    CHECK(s.stddev(0) == doctest::Approx(2.0));
}

TEST_CASE("summary: NaN values are counted apart") {
    tally::summary<> s;
    s.add(1.0).add(not_a_number).add(3.0);
    CHECK(s.count() == 2);
    CHECK(s.nan_count() == 1);
    CHECK(s.mean() == 2.0);
}

TEST_CASE("summary: merging k shards in any order equals one pass") {
    const auto xs = random_normal(1000, 1e6, 25.0, 7);
    const auto whole = tally::summary<>::of(xs);
    for (std::size_t k : {2u, 3u, 7u, 16u}) {
        std::vector<tally::summary<>> shards(k);
        for (std::size_t i = 0; i < xs.size(); ++i) shards[(i * 7919) % k].add(xs[i]);
        std::vector<std::size_t> order(k);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::mt19937 engine(static_cast<unsigned>(k));
        for (int round = 0; round < 3; ++round) {
            std::shuffle(order.begin(), order.end(), engine);
            tally::summary<> merged;
            for (std::size_t i : order) merged.merge(shards[i]);
            CHECK(merged.count() == whole.count());
            CHECK(merged.mean() == doctest::Approx(whole.mean()).epsilon(1e-14));
            CHECK(merged.variance() == doctest::Approx(whole.variance()).epsilon(1e-10));
            CHECK(merged.min() == whole.min());
            CHECK(merged.max() == whole.max());
        }
        // pairwise tree reduction
        while (shards.size() > 1) {
            std::vector<tally::summary<>> next;
            for (std::size_t i = 0; i + 1 < shards.size(); i += 2) next.push_back(shards[i].merge(shards[i + 1]));
            if (shards.size() % 2 == 1) next.push_back(shards.back());
            shards = next;
        }
        CHECK(shards[0].variance() == doctest::Approx(tally::variance(xs)).epsilon(1e-10));
    }
}

TEST_CASE("summary: merging an empty summary changes nothing") {
    auto s = tally::summary<>::of(std::vector<int>{1, 2, 3});
    s.merge(tally::summary<>{});
    CHECK(s.count() == 3);
    CHECK(s.mean() == 2.0);
    tally::summary<> empty;
    empty.merge(s);
    CHECK(empty.variance() == doctest::Approx(1.0));
}

TEST_CASE("summary: an empty summary has no mean, minimum, maximum or variance") {
    const tally::summary<> s;
    CHECK_THROWS_WITH_AS((void)s.mean(), "the mean of an empty summary is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)s.min(), "the minimum of an empty summary is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)s.max(), "the maximum of an empty summary is undefined.", tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)s.variance(), "the variance of an empty summary is undefined.",
                         tally::undefined_result);
    const auto one = tally::summary<>::of(std::vector<int>{4});
    CHECK_THROWS_WITH_AS((void)one.variance(), "variance with ddof 1 needs more than 1 values; the range has 1.",
                         tally::invalid_argument);
}

TEST_CASE("summary: long double accumulation") {
    const auto s = tally::summary<long double>::of(std::vector<double>{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});
    static_assert(std::is_same_v<decltype(s.variance()), long double>);
    CHECK(static_cast<double>(s.variance()) == doctest::Approx(30.0).epsilon(1e-12));
}

// ============================================================================
// rates
// ============================================================================

TEST_CASE("rate: per 1,000 by default, or per any number") {
    CHECK(tally::rate(3, 1500) == doctest::Approx(2.0));                      // 3 / 1500 * 1000
    CHECK(tally::rate(594, 85'000'000, 100'000) == doctest::Approx(0.6988235294117647));  // 594 / 850
    CHECK(tally::rate(0, 10) == 0.0);
    static_assert(tally::rate(5, 1000) == 5.0);
}

TEST_CASE("rate: a population of 0 or less, a negative count or per are refused") {
    CHECK_THROWS_WITH_AS((void)tally::rate(3, 0), "a rate needs a population above 0; the population is 0.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(3, -2.5), "a rate needs a population above 0; the population is -2.5.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(-3, 100), "a rate needs a count of 0 or more; the count is -3.",
                         tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate(3, 100, 0), "a rate needs a per above 0; per is 0.",
                         tally::invalid_argument);
}

TEST_CASE("rate_ratio: 594 against 387 with equal exposure, by hand") {
    // RR = 594 / 387 = 1.534883720930...; ln RR = 0.428454626...
    // se = sqrt(1/594 + 1/387) = sqrt(0.00168350168 + 0.00258397933) = sqrt(0.00426748101) = 0.0653259597
    // z(0.975) = 1.959963985; z se = 0.1280365283
    // interval: exp(0.4284546263 -/+ 0.1280365283) = exp(0.300418098), exp(0.556491155)
    //         = 1.350423299, 1.744540426
    const auto rr = tally::rate_ratio(594, 1, 387, 1);
    CHECK(rr.value() == doctest::Approx(1.5348837209302326));
    const auto ci = rr.interval();
    CHECK(ci.lower == doctest::Approx(1.350423299).epsilon(1e-9));
    CHECK(ci.upper == doctest::Approx(1.744540426).epsilon(1e-9));
    // the other way round: RR = 387/594 = 0.6515..., interval [1/1.7445, 1/1.3504]
    const auto back = tally::rate_ratio(387, 1, 594, 1).interval();
    CHECK(back.lower == doctest::Approx(1 / 1.744540426).epsilon(1e-9));
    CHECK(back.upper == doctest::Approx(1 / 1.350423299).epsilon(1e-9));
    // a wider confidence gives a wider interval; exposures enter the ratio only
    const auto wide = tally::rate_ratio(594, 2.0, 387, 1.0).interval(0.99);
    CHECK(wide.lower < 1.350423299 / 2);
    CHECK(wide.upper > 1.744540426 / 2);
}

TEST_CASE("rate_ratio: bad inputs and undefined ratios") {
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(-1, 1, 2, 1),
                         "a rate ratio needs counts of 0 or more; the first count is -1.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(1, 1, 2, 0),
                         "a rate ratio needs exposures above 0; the second exposure is 0.", tally::invalid_argument);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(1, 1, 0, 1).value(),
                         "the rate ratio is undefined when the second count is 0.", tally::undefined_result);
    CHECK(tally::rate_ratio(0, 1, 5, 1).value() == 0.0);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(0, 1, 5, 1).interval(),
                         "the interval of a rate ratio needs both counts above 0; the first count is 0.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::rate_ratio(4, 1, 5, 1).interval(1.5),
                         "a confidence level must lie strictly between 0 and 1; it is 1.5.",
                         tally::invalid_argument);
}

TEST_CASE("the inverse normal CDF is accurate to double precision") {
    // Reference values from an independent implementation, Python's
    // statistics.NormalDist().inv_cdf (Wichura's AS 241, accurate to about
    // 1e-16): 1.959963984540054, 2.5758293035489, -3.090232306167813,
    // -37.0470962993612 (the first three agree with the tables of
    // Abramowitz & Stegun 26.2 to the digits printed there).
    CHECK(tally::detail::normal_quantile(0.975) == doctest::Approx(1.959963984540054).epsilon(1e-15));
    CHECK(tally::detail::normal_quantile(0.995) == doctest::Approx(2.5758293035489).epsilon(1e-15));
    CHECK(tally::detail::normal_quantile(0.001) == doctest::Approx(-3.090232306167813).epsilon(1e-15));
    CHECK(tally::detail::normal_quantile(0.5) == doctest::Approx(0.0));
    CHECK(tally::detail::normal_quantile(1e-300) == doctest::Approx(-37.0470962993612).epsilon(1e-13));
}

// ============================================================================
// sum and variance of contiguous floating data against exact references
// ============================================================================
//
// The contiguous float and double kernels add eight interleaved lanes (two
// per vector) in chunks of 1,024 values, and the variance works in blocks
// of 2,048 values; the lengths below sit on both sides of each of those
// sizes. The references are exact: every finite double is m 2^e with an
// integer m of at most 53 bits, so over a common scale 2^E the values are
// integers, and their sums, squares and products are taken exactly in a
// 256-bit integer, then rounded once.

namespace {

/// A signed 256-bit integer in two's complement: eight 32-bit limbs, least
/// significant first. Addition, subtraction and multiplication are modulo
/// 2^256, which is exact while the magnitudes stay below 2^255 (checked).
struct wide {
    std::array<std::uint32_t, 8> limb{};

    /// m * 2^shift, for |m| < 2^63 and 0 <= shift < 192.
    static wide of(std::int64_t m, int shift) {
        REQUIRE(shift >= 0);
        REQUIRE(shift < 192);
        const std::uint64_t magnitude = m < 0 ? 0 - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
        wide w;
        const auto first = static_cast<std::size_t>(shift / 32);
        const int bit = shift % 32;
        const std::uint64_t parts[3] = {magnitude & 0xffffffffu, magnitude >> 32, 0};
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < 3 && first + j < 8; ++j) {
            const std::uint64_t x = (parts[j] << bit) | carry;
            w.limb[first + j] = static_cast<std::uint32_t>(x);
            carry = x >> 32;
        }
        return m < 0 ? w.negated() : w;
    }

    [[nodiscard]] bool negative() const { return (limb[7] >> 31) != 0; }

    [[nodiscard]] wide negated() const {
        wide r;
        std::uint64_t carry = 1;
        for (std::size_t i = 0; i < 8; ++i) {
            const std::uint64_t x = static_cast<std::uint64_t>(~limb[i]) + carry;
            r.limb[i] = static_cast<std::uint32_t>(x);
            carry = x >> 32;
        }
        return r;
    }

    friend wide operator+(const wide& a, const wide& b) {
        wide r;
        std::uint64_t carry = 0;
        for (std::size_t i = 0; i < 8; ++i) {
            const std::uint64_t x = std::uint64_t{a.limb[i]} + b.limb[i] + carry;
            r.limb[i] = static_cast<std::uint32_t>(x);
            carry = x >> 32;
        }
        return r;
    }

    friend wide operator-(const wide& a, const wide& b) { return a + b.negated(); }

    friend wide operator*(const wide& a, const wide& b) {
        wide r;
        for (std::size_t i = 0; i < 8; ++i) {
            std::uint64_t carry = 0;
            for (std::size_t j = 0; i + j < 8; ++j) {
                const std::uint64_t x = std::uint64_t{a.limb[i]} * b.limb[j] + r.limb[i + j] + carry;
                r.limb[i + j] = static_cast<std::uint32_t>(x);
                carry = x >> 32;
            }
        }
        return r;
    }

    /// The number of significant bits of the magnitude.
    [[nodiscard]] int bits() const {
        const wide m = negative() ? negated() : *this;
        for (int i = 255; i >= 0; --i) {
            if (m.bit(i)) return i + 1;
        }
        return 0;
    }

    [[nodiscard]] bool bit(int i) const {
        return ((limb[static_cast<std::size_t>(i / 32)] >> (i % 32)) & 1u) != 0;
    }

    /// The bits [from, from + count) of the magnitude, count <= 64.
    [[nodiscard]] std::uint64_t magnitude_bits(int from, int count) const {
        const wide m = negative() ? negated() : *this;
        std::uint64_t out = 0;
        for (int i = count - 1; i >= 0; --i) out = (out << 1) | (from + i >= 0 && m.bit(from + i) ? 1u : 0u);
        return out;
    }

    /// this * 2^-scale rounded once to the nearest double, ties to even.
    [[nodiscard]] double to_double(int scale) const {
        const int length = bits();
        REQUIRE(length < 255);
        if (length == 0) return 0.0;
        const int low = length - 53;  // the bit position of the last kept bit
        std::uint64_t kept = magnitude_bits(low, 53);
        if (low > 0) {
            const wide m = negative() ? negated() : *this;
            const bool half = m.bit(low - 1);
            bool sticky = false;
            for (int i = 0; i < low - 1; ++i) sticky = sticky || m.bit(i);
            if (half && (sticky || (kept & 1u) != 0)) ++kept;  // 2^53 stays exact
        }
        const double magnitude = std::ldexp(static_cast<double>(kept), low - scale);
        return negative() ? -magnitude : magnitude;
    }

    /// this * 2^-scale with a relative error below 2^-63 (truncated to 64 bits).
    [[nodiscard]] long double to_long_double(int scale) const {
        const int length = bits();
        REQUIRE(length < 255);
        const int low = length - 64;
        const long double magnitude = std::ldexp(static_cast<long double>(magnitude_bits(low, 64)), low - scale);
        return negative() ? -magnitude : magnitude;
    }
};

/// The exact sum and variance of finite doubles, from their integer images
/// over the common scale 2^scale.
struct exact_moments {
    std::vector<double> kept;  // the values that are not NaN
    int scale = 0;
    wide sum;
    wide squares;

    explicit exact_moments(const std::vector<double>& xs) {
        for (double x : xs) {
            if (!std::isnan(x)) kept.push_back(x);
        }
        // x = f 2^e with f in [0.5, 1), so x = (f 2^53) 2^(e - 53) with an integer f 2^53.
        for (double x : kept) {
            int e = 0;
            (void)std::frexp(x, &e);
            if (x != 0) scale = std::max(scale, 53 - e);
        }
        for (double x : kept) {
            if (x == 0) continue;
            int e = 0;
            const double f = std::frexp(x, &e);
            const wide k = wide::of(static_cast<std::int64_t>(std::ldexp(f, 53)), e - 53 + scale);
            sum = sum + k;
            squares = squares + k * k;
        }
        REQUIRE(squares.bits() < 240);
    }

    /// The sum, rounded once to double.
    [[nodiscard]] double sum_value() const { return sum.to_double(scale); }

    /// The mean, to about 1e-19.
    [[nodiscard]] long double mean_value() const {
        return sum.to_long_double(scale) / static_cast<long double>(kept.size());
    }

    /// (n sum k^2 - (sum k)^2) / (n (n - ddof)), over 2^(2 scale), to about 1e-19.
    [[nodiscard]] long double variance_value(int ddof) const {
        const auto n = static_cast<std::int64_t>(kept.size());
        const wide numerator = wide::of(n, 0) * squares - sum * sum;
        REQUIRE(!numerator.negative());
        if (numerator.bits() == 0) return 0.0L;
        return numerator.to_long_double(2 * scale) / (static_cast<long double>(n) * static_cast<long double>(n - ddof));
    }
};

/// got equals the correctly rounded value or one of its neighbours.
bool within_one_ulp(double got, double exact) {
    const double inf = std::numeric_limits<double>::infinity();
    return got == exact || got == std::nextafter(exact, inf) || got == std::nextafter(exact, -inf);
}

double relative_error(long double got, long double exact) {
    if (exact == 0) return static_cast<double>(std::fabs(got));
    return static_cast<double>(std::fabs((got - exact) / exact));
}

/// Pairs x, -x (1 + 1e-12 z), z standard normal, with |x| spread
/// log-uniformly over 1e-3..1e9 and random signs, shuffled: the sum is
/// about 1e-12 of the sum of magnitudes (condition number 1e12 and more).
std::vector<double> cancelling_pairs(std::size_t n, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> exponent(-3.0, 9.0);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::bernoulli_distribution negative(0.5);
    std::vector<double> out;
    while (out.size() < n) {
        const double x = (negative(engine) ? -1.0 : 1.0) * std::pow(10.0, exponent(engine));
        out.push_back(x);
        out.push_back(-x * (1 + 1e-12 * normal(engine)));
    }
    out.resize(n);
    std::shuffle(out.begin(), out.end(), engine);
    return out;
}

/// 1e9 + U[0, 1): a large mean and a small spread.
std::vector<double> offset_values(std::size_t n, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<double> out(n);
    for (auto& x : out) x = 1e9 + unit(engine);
    return out;
}

/// U[50, 150).
std::vector<double> uniform_values(std::size_t n, unsigned seed) {
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> draw(50.0, 150.0);
    std::vector<double> out(n);
    for (auto& x : out) x = draw(engine);
    return out;
}

/// The lengths around the vector (2 x 4 = 8 lanes), chunk (1,024) and block
/// (2,048) sizes.
const std::vector<std::size_t> lengths_around_blocks{0,    1,    2,    3,    7,    8,    9,    15,   16,
                                                     17,   1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096,
                                                     4097, 5000};

/// Checks sum, mean and variance (ddof 0 and 1) of xs against the exact values.
void check_against_exact(const std::vector<double>& xs) {
    const exact_moments exact(xs);
    const std::size_t n = exact.kept.size();
    const double sum = tally::sum(xs);
    CHECK(within_one_ulp(sum, exact.sum_value()));
    if (n == 0) return;
    CHECK(relative_error(tally::mean(xs), exact.mean_value()) <= 2 * std::numeric_limits<double>::epsilon());
    CHECK(relative_error(tally::variance(xs, 0), exact.variance_value(0)) <= 1e-15);
    if (n >= 2) CHECK(relative_error(tally::variance(xs, 1), exact.variance_value(1)) <= 1e-15);
}

} // namespace

TEST_CASE("exact references: the 256-bit reference itself, on sums and variances known by hand") {
    // 1e16 + 1 - 1e16 = 1; 0.1 is 3602879701896397 / 2^55, so ten of them
    // are 36028797018963970 / 2^55 = 1.0000000000000000555..., nearest double 1.
    CHECK(exact_moments({1e16, 1.0, -1e16}).sum_value() == 1.0);
    CHECK(exact_moments(std::vector<double>(10, 0.1)).sum_value() == 1.0);
    // 2^53 + 1 rounds to even (2^53); 2^53 + 3 rounds up to 2^53 + 4.
    CHECK(exact_moments({9007199254740992.0, 1.0}).sum_value() == 9007199254740992.0);
    CHECK(exact_moments({9007199254740992.0, 3.0}).sum_value() == 9007199254740996.0);
    CHECK(exact_moments({9007199254740992.0, 1.0, 0.5}).sum_value() == 9007199254740994.0);
    CHECK(exact_moments({-2.5, -0.25}).sum_value() == -2.75);
    // {2,4,4,4,5,5,7,9}: M2 = 32 (as in "variance: the textbook example").
    CHECK(exact_moments({2, 4, 4, 4, 5, 5, 7, 9}).variance_value(0) == 4.0L);
    CHECK(exact_moments({1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}).variance_value(1) == 30.0L);
}

TEST_CASE("sum, mean and variance: ill-conditioned data at lengths around the vector, chunk and block sizes") {
    for (const std::size_t n : lengths_around_blocks) {
        CAPTURE(n);
        SUBCASE("cancelling pairs over 1e-3..1e9") { check_against_exact(cancelling_pairs(n, static_cast<unsigned>(n) + 1)); }
        SUBCASE("1e9 + U[0, 1)") { check_against_exact(offset_values(n, static_cast<unsigned>(n) + 2)); }
        SUBCASE("U[50, 150)") { check_against_exact(uniform_values(n, static_cast<unsigned>(n) + 3)); }
    }
}

TEST_CASE("sum, mean and variance: a longer cancelling set, over many chunks and blocks") {
    // 20,000 values: 19 chunks, 9 blocks and a partial one.
    check_against_exact(cancelling_pairs(20'000, 77));
    check_against_exact(offset_values(20'003, 78));
}

TEST_CASE("sum: 1e16, 1 and -1e16 in any three of the eight lanes and the tail") {
    // The exact sum is 1 wherever they are; they may share a lane or not.
    for (std::size_t n : {std::size_t{3}, std::size_t{11}, std::size_t{19}, std::size_t{1030}}) {
        for (std::size_t a = 0; a < std::min<std::size_t>(n, 12); ++a) {
            for (std::size_t b = 0; b < std::min<std::size_t>(n, 12); ++b) {
                const std::size_t c = n - 1;
                if (a == b || a == c || b == c) continue;
                std::vector<double> xs(n, 0.0);
                xs[a] = 1e16;
                xs[b] = 1.0;
                xs[c] = -1e16;
                CAPTURE(n);
                CAPTURE(a);
                CAPTURE(b);
                CHECK(tally::sum(xs) == 1.0);
            }
        }
    }
}

TEST_CASE("sum, mean and variance: a NaN in each lane position, the tail, a later chunk and block") {
    for (const std::size_t n : {std::size_t{9}, std::size_t{16}, std::size_t{23}, std::size_t{2049}, std::size_t{4101}}) {
        const auto base = cancelling_pairs(n, static_cast<unsigned>(n));
        std::vector<std::size_t> positions;
        for (std::size_t j = 0; j < std::min<std::size_t>(n, 16); ++j) positions.push_back(j);
        for (std::size_t j : {n - 1, n - 2, std::size_t{1024 + 3}, std::size_t{2048}, std::size_t{2048 + 9}}) {
            if (j < n) positions.push_back(j);
        }
        for (const std::size_t j : positions) {
            CAPTURE(n);
            CAPTURE(j);
            auto xs = base;
            xs[j] = not_a_number;
            check_against_exact(xs);  // skip: as if the NaN were not there
            CHECK(std::isnan(tally::sum(xs, tally::nan_policy::propagate)));
            CHECK(std::isnan(tally::mean(xs, tally::nan_policy::propagate)));
            CHECK(std::isnan(tally::variance(xs, 1, tally::nan_policy::propagate)));
            // Two NaN values, in the same vector and one chunk later.
            if ((j ^ 1u) < n) xs[j ^ 1u] = not_a_number;
            if (j + 1030 < n) xs[j + 1030] = not_a_number;
            check_against_exact(xs);
        }
    }
}

TEST_CASE("variance: a block of only NaN values between others is left out") {
    // Values 0..2 repeated, with positions 2,048..4,095 (the second block) all NaN.
    std::vector<double> xs(5000);
    for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = static_cast<double>(i % 3);
    for (std::size_t i = 2048; i < 4096; ++i) xs[i] = not_a_number;
    check_against_exact(xs);
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<double>(3000, not_a_number)),
                         "the variance of a range whose values are all NaN is undefined.", tally::undefined_result);
    CHECK(std::isnan(tally::variance(std::vector<double>(3000, not_a_number), 0, tally::nan_policy::propagate)));
}

TEST_CASE("sum and variance: an infinity in any lane, a later chunk, or after a NaN") {
    const double inf = std::numeric_limits<double>::infinity();
    for (const std::size_t n : {std::size_t{9}, std::size_t{17}, std::size_t{2050}}) {
        for (std::size_t j = 0; j < n; j += (j < 16 ? 1 : 1000)) {
            CAPTURE(n);
            CAPTURE(j);
            auto xs = uniform_values(n, 5);
            xs[j] = inf;
            CHECK(tally::sum(xs) == inf);
            CHECK(tally::mean(xs) == inf);
            // As numpy: var([1, inf]) is nan (inf - inf in the deviations).
            CHECK(std::isnan(tally::variance(xs)));
            xs[(j + 1) % n] = not_a_number;
            CHECK(tally::sum(xs) == inf);  // the NaN skipped, the infinity kept
            CHECK(std::isnan(tally::sum(xs, tally::nan_policy::propagate)));
            xs[(j + 5) % n] = -inf;
            CHECK_THROWS_WITH_AS((void)tally::sum(xs), "the sum of the range is undefined: it adds inf to -inf.",
                                 tally::undefined_result);
        }
    }
}

TEST_CASE("sum: finite values whose sum overflows throw, in the same lane or not, in any chunk") {
    for (const std::size_t n : {std::size_t{2}, std::size_t{10}, std::size_t{3000}}) {
        for (const std::size_t gap : {std::size_t{1}, std::size_t{8}}) {
            for (const std::size_t j : {std::size_t{0}, std::size_t{1}, n > 2000 ? std::size_t{2500} : std::size_t{0}}) {
                if (j + gap >= n) continue;
                CAPTURE(n);
                CAPTURE(gap);
                CAPTURE(j);
                std::vector<double> xs(n, 1.0);
                xs[j] = 1.5e308;
                xs[j + gap] = 1.5e308;
                CHECK_THROWS_WITH_AS((void)tally::sum(xs), "the sum of the range passes the largest finite double.",
                                     tally::overflow_error);
                // The mean is still there: (2 x 1.5e308 + (n - 2)) / n, where n - 2 is lost.
                CHECK(tally::mean(xs) == doctest::Approx(1.5e308 * (2.0 / static_cast<double>(n))).epsilon(1e-15));
            }
        }
    }
}

TEST_CASE("variance: huge values whose squares overflow throw, never a silent inf; equal huge values give 0") {
    const std::string message =
        "the variance cannot be given: the variance of the values is beyond the range of the result type.";
    // Deviations of +-1e200 from the mean 0: M2 = 2e400, beyond double.
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<double>{1e200, -1e200}), message.c_str(),
                         tally::overflow_error);
    // The deviations themselves leave double: (1.7e308 - -1.7e308) overflows.
    CHECK_THROWS_WITH_AS((void)tally::variance(std::vector<double>{1.7e308, -1.7e308}), message.c_str(),
                         tally::overflow_error);
    // The standard deviation, 1.41e200, would fit, but its variance does not: it throws too.
    CHECK_THROWS_WITH_AS((void)tally::stddev(std::vector<double>{1e200, -1e200}),
                         "the standard deviation cannot be given: the variance of the values is beyond the range "
                         "of the result type.",
                         tally::overflow_error);
    // Floats: the variance 2e76 is a double but not a float.
    CHECK_THROWS_AS((void)tally::variance(std::vector<float>{1e38f, -1e38f}), tally::overflow_error);
    // An infinite value is not an overflow: its deviations are NaN, and so is the variance.
    CHECK(std::isnan(tally::variance(std::vector<double>{std::numeric_limits<double>::infinity(), 1.0})));
    // Every deviation is 0 (the mean of equal values is that value), even
    // though their sum overflows.
    CHECK(tally::variance(std::vector<double>(20, 1.7e308)) == 0.0);
}

TEST_CASE("sum, mean and variance: float data is accumulated in double") {
    // 2^24 + 1 is not a float: a float accumulator stays at 2^24 after
    // adding 1 eight times; in double the sum is 2^24 + 8, which is a float.
    std::vector<float> xs{16777216.0f, 1, 1, 1, 1, 1, 1, 1, 1};
    CHECK(tally::sum(xs) == 16777224.0f);
    for (const std::size_t n : {std::size_t{7}, std::size_t{9}, std::size_t{2049}, std::size_t{5000}}) {
        CAPTURE(n);
        std::vector<float> fs;
        for (double x : offset_values(n, 9)) fs.push_back(static_cast<float>(x - 1e9 + 1e4));
        fs[n / 2] = std::numeric_limits<float>::quiet_NaN();
        std::vector<double> as_double(fs.begin(), fs.end());  // every float is a double
        const exact_moments exact(as_double);
        const float sum = tally::sum(fs);
        const auto rounded = static_cast<float>(exact.sum_value());
        CHECK((sum == rounded || sum == std::nextafter(rounded, 1e30f) || sum == std::nextafter(rounded, -1e30f)));
        // float results: one rounding of a double with relative error ~1e-15.
        CHECK(relative_error(tally::variance(fs), exact.variance_value(1)) <= 1e-7);
        CHECK(std::isnan(tally::sum(fs, tally::nan_policy::propagate)));
    }
}

TEST_CASE("sum and variance: the constexpr path, a list and a vector agree on ill-conditioned data") {
    // In constant evaluation the scalar kernels run: 1e9 + {4, 7, 13, 16}
    // has mean 1e9 + 10 and squared deviations 36 + 9 + 9 + 36 = 90.
    static_assert(tally::variance(std::array{1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) == 30.0);
    static_assert(tally::sum(std::array{1e16, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -1e16}) == 1.0);
    const auto xs = cancelling_pairs(3001, 11);
    const std::list<double> as_list(xs.begin(), xs.end());
    const exact_moments exact(xs);
    CHECK(within_one_ulp(tally::sum(as_list), exact.sum_value()));
    CHECK(within_one_ulp(tally::sum(xs), exact.sum_value()));
    CHECK(relative_error(tally::variance(as_list), exact.variance_value(1)) <= 1e-13);
    CHECK(relative_error(tally::variance(xs), exact.variance_value(1)) <= 1e-15);
}

TEST_CASE("variance: many small deviations after a few large ones are not lost") {
    // Per block of 2,048: sixteen values +-2^26 then +-0.625, alternating, so
    // the mean is 0 and every lane of the squares meets 2^52 first. A plain
    // sum of the squares then drops each 0.625^2 = 0.390625 (below half an
    // ulp of 2^53); summed in lanes, the variance would be about 2e-14 low.
    std::vector<double> xs(5000);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double sign = i % 2 == 0 ? 1.0 : -1.0;
        xs[i] = sign * (i % 2048 < 16 ? 67108864.0 : 0.625);
    }
    check_against_exact(xs);
}

// ============================================================================
// median and quantile of large contiguous ranges: radix selection
// ============================================================================
//
// From detail::radix_quantile_threshold values on, median and quantile of a
// contiguous range select by radix (detail/select.hpp) instead of copying.
// The references here are a sorted copy and each method's formula written
// out below; the order statistics themselves are compared exactly (they are
// elements of the data, so any difference is a wrong selection).

namespace {

using radix_method = tally::quantile_method;
using tally_test::same_bits;

constexpr radix_method radix_all_methods[] = {
    radix_method::type1, radix_method::type2, radix_method::type3,  radix_method::type4,  radix_method::type5,
    radix_method::type6, radix_method::type7, radix_method::type8,  radix_method::type9,  radix_method::lower,
    radix_method::higher, radix_method::nearest, radix_method::midpoint};

constexpr double radix_qs[] = {0.0, 0.001, 0.25, 0.5, 0.9, 1.0};

/// numpy's _lerp: a + (b - a) t from the nearer end; except that between
/// two equal ends the value is that end, also where both are the same
/// infinity (numpy's inf - inf makes it NaN; tally documents inf).
double radix_reference_lerp(double a, double b, double t) {
    if (a == b) return a;
    const double d = b - a;
    return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

/// The q-quantile of the sorted values x[0..n-1] (n >= 1) by Hyndman & Fan's
/// definitions, in numpy's arithmetic (numpy 1.22+, _QuantileMethods): a
/// 0-based virtual index v = n q + alpha + q (1 - alpha - beta) - 1 (type 7:
/// (n - 1) q), x[0] below 0, x[n - 1] at or above n - 1, else x[floor v]
/// and x[floor v + 1] interpolated by v - floor v. Type 3 breaks ties to
/// the even order statistic as the paper does; pandas' four work on
/// h = (n - 1) q.
template <class T>
double radix_reference_quantile(const std::vector<T>& x, double q, radix_method method) {
    const std::size_t n = x.size();
    const double nd = static_cast<double>(n);
    const auto at = [&](double i) {  // x[i] for a whole i, clamped to the ends
        if (i <= 0) return static_cast<double>(x.front());
        if (i >= nd - 1) return static_cast<double>(x.back());
        return static_cast<double>(x[static_cast<std::size_t>(i)]);
    };
    const auto interpolate = [&](double v) {
        if (v < 0) return at(0);
        if (v >= nd - 1) return at(nd - 1);
        const double f = std::floor(v);
        const double g = v - f;
        return g == 0 ? at(f) : radix_reference_lerp(at(f), at(f + 1), g);
    };
    const auto hf = [&](double alpha, double beta) { return nd * q + (alpha + q * (1 - alpha - beta)) - 1; };
    const double h = (nd - 1) * q;
    switch (method) {
    case radix_method::type1: {  // x[ceil(np)], 1-based
        const double v = nd * q - 1;
        return at(v == std::floor(v) ? v : std::floor(v) + 1);
    }
    case radix_method::type2: {  // as type 1, averaging where np is whole
        const double v = nd * q - 1;
        if (v < 0) return at(0);
        if (v >= nd - 1) return at(nd - 1);
        const double f = std::floor(v);
        return radix_reference_lerp(at(f), at(f + 1), v == f ? 0.5 : 1.0);
    }
    case radix_method::type3: {  // x[j], j the integer nearest np - 1/2, ties to even (1-based)
        const double w = nd * q - 0.5;
        const double j = std::floor(w);
        const double one_based = w == j && std::fmod(j, 2.0) == 0 ? j : j + 1;
        return at(one_based - 1);
    }
    case radix_method::type4: return interpolate(hf(0, 1));
    case radix_method::type5: return interpolate(hf(0.5, 0.5));
    case radix_method::type6: return interpolate(hf(0, 0));
    case radix_method::type7: return interpolate(h);
    case radix_method::type8: return interpolate(hf(1 / 3.0, 1 / 3.0));
    case radix_method::type9: return interpolate(hf(3 / 8.0, 3 / 8.0));
    case radix_method::lower: return at(std::floor(h));
    case radix_method::higher: return at(std::ceil(h));
    case radix_method::nearest: return at(std::nearbyint(h));  // round half to even
    case radix_method::midpoint: {
        const double f = std::floor(h);
        return f == h ? at(f) : radix_reference_lerp(at(f), at(f + 1), 0.5);
    }
    }
    return not_a_number;
}

template <class T>
bool radix_unchanged(const std::vector<T>& now, const std::vector<T>& before) {
    if (now.size() != before.size()) return false;
    for (std::size_t i = 0; i < now.size(); ++i) {
        if (!same_bits(now[i], before[i])) return false;
    }
    return true;
}

/// The values but NaN, sorted, -0.0 before +0.0 (IEEE 754 totalOrder).
template <class T>
std::vector<T> radix_sorted(const std::vector<T>& xs) {
    std::vector<T> out;
    for (T x : xs) {
        if constexpr (std::is_floating_point_v<T>) {
            if (std::isnan(x)) continue;
        }
        out.push_back(x);
    }
    std::sort(out.begin(), out.end(), [](T a, T b) {
        if constexpr (std::is_floating_point_v<T>) {
            if (a == b) return std::signbit(a) && !std::signbit(b);
        }
        return a < b;
    });
    return out;
}

/// got agrees with want: NaN with NaN, infinities exactly, finite values
/// within 4 units of rounding of the largest finite magnitude in the data
/// (the interpolation rounds a few times; neighbouring order statistics
/// in these data lie much further apart).
template <class Out>
bool radix_agrees(Out got, double want, double scale) {
    if (std::isnan(want)) return std::isnan(got);
    if (std::isinf(want)) return static_cast<double>(got) == want;
    const double tolerance = 4 * static_cast<double>(std::numeric_limits<Out>::epsilon()) * scale;
    return std::fabs(static_cast<double>(got) - static_cast<double>(static_cast<Out>(want))) <= tolerance;
}

/// Every method at every q in radix_qs on the vector (contiguous, so radix
/// selection from the threshold on) against the reference; the median also
/// through an iterator pair of pointers and under propagate; then the data
/// must be unchanged.
template <class T>
void radix_check_quantiles(const std::vector<T>& xs) {
    using Out = tally::statistic_t<T>;
    const std::vector<T> before = xs;
    const std::vector<T> sorted = radix_sorted(xs);
    const std::size_t nans = xs.size() - sorted.size();
    CAPTURE(xs.size());
    CAPTURE(nans);
    double scale = 0;
    for (T x : sorted) {
        if (std::isfinite(static_cast<double>(x))) scale = std::max(scale, std::fabs(static_cast<double>(x)));
    }
    for (const auto method : radix_all_methods) {
        for (const double q : radix_qs) {
            CAPTURE(static_cast<int>(method));
            CAPTURE(q);
            const double want = radix_reference_quantile(sorted, q, method);
            CHECK(radix_agrees(tally::quantile(xs, q, method), want, scale));
        }
    }
    const Out median = tally::median(xs);
    CHECK(radix_agrees(median, radix_reference_quantile(sorted, 0.5, radix_method::linear), scale));
    CHECK(same_bits(tally::median(xs.data(), xs.data() + xs.size()), median));
    if (nans != 0) CHECK(std::isnan(tally::median(xs, tally::nan_policy::propagate)));
    CHECK(radix_unchanged(xs, before));
}

/// Lengths around the threshold and a larger one.
std::vector<std::size_t> radix_lengths() {
    const std::size_t t = tally::detail::radix_quantile_threshold;
    return {t - 1, t, t + 1, 3 * t + 7};
}

template <class T, class Draw>
std::vector<T> radix_data(std::size_t n, unsigned seed, Draw draw) {
    std::mt19937_64 engine(seed);
    std::vector<T> out(n);
    for (auto& x : out) x = draw(engine);
    return out;
}

/// radix_select against the sorted copy for every rank k and k2 = k, k + 1,
/// bit for bit (zeros ordered -0.0 before +0.0), with collection limits
/// that make every level of the selection run on these small inputs.
template <class T>
void radix_check_every_rank(const std::vector<T>& xs) {
    const std::vector<T> sorted = radix_sorted(xs);
    const auto extremes = tally::detail::radix_scan(xs.data(), xs.size());
    REQUIRE(extremes.nan_count == xs.size() - sorted.size());
    for (const std::size_t limit : {std::size_t{0}, std::size_t{1}, std::size_t{16}, tally::detail::radix_collect_limit}) {
        CAPTURE(limit);
        bool all = true;
        for (std::size_t k = 0; k < sorted.size(); ++k) {
            for (const std::size_t k2 : {k, k + 1}) {
                if (k2 >= sorted.size()) continue;
                const auto [a, b] = tally::detail::radix_select(xs.data(), xs.size(), extremes, k, k2, limit);
                if (!same_bits(a, sorted[k]) || !same_bits(b, sorted[k2])) {
                    all = false;
                    CAPTURE(k);
                    CAPTURE(k2);
                    CHECK(same_bits(a, sorted[k]));
                    CHECK(same_bits(b, sorted[k2]));
                }
            }
        }
        CHECK(all);
    }
}

} // namespace

TEST_CASE("radix selection: every rank of small inputs, every level, against a sorted copy") {
    const double inf = std::numeric_limits<double>::infinity();
    for (const std::size_t n : {1u, 2u, 3u, 7u, 64u, 301u}) {
        CAPTURE(n);
        radix_check_every_rank(random_normal(n, 0.0, 1.0, 1));
        // one top-16-bit bin: only the low 23 bits of the mantissa differ
        radix_check_every_rank(radix_data<double>(n, 2, [](auto& e) {
            return 1e9 + std::uniform_real_distribution<double>(0.0, 1.0)(e);
        }));
        // signed zeros among few values, infinities, denormals, NaN of both signs
        const double specials[] = {0.0,  -0.0, inf,     -inf, not_a_number, -not_a_number,
                                   1.5, -2.5, 5e-324, -5e-324, 1e308, -1e308};
        radix_check_every_rank(radix_data<double>(n, 3, [&](auto& e) { return specials[e() % 12]; }));
        radix_check_every_rank(radix_data<double>(n, 4, [](auto& e) { return e() % 2 == 0 ? 0.0 : -0.0; }));
        radix_check_every_rank(radix_data<double>(n, 5, [](auto& e) { return static_cast<double>(e() % 4); }));
        radix_check_every_rank(std::vector<double>(n, 7.25));
        radix_check_every_rank(radix_data<float>(n, 6, [](auto& e) {
            return e() % 5 == 0 ? -0.0f : static_cast<float>(std::normal_distribution<double>()(e));
        }));
        radix_check_every_rank(radix_data<std::int64_t>(n, 7, [](auto& e) {
            const auto r = e() % 4;
            return r == 0   ? std::numeric_limits<std::int64_t>::min()
                   : r == 1 ? std::numeric_limits<std::int64_t>::max()
                            : static_cast<std::int64_t>(e() % 7) - 3;
        }));
        radix_check_every_rank(radix_data<std::uint64_t>(n, 8, [](auto& e) {
            const auto r = e() % 3;
            return r == 0 ? std::numeric_limits<std::uint64_t>::max() : r == 1 ? std::uint64_t{0} : e();
        }));
        radix_check_every_rank(radix_data<int>(n, 9, [](auto& e) { return static_cast<int>(e()); }));
        radix_check_every_rank(radix_data<std::int8_t>(n, 10, [](auto& e) { return static_cast<std::int8_t>(e()); }));
        radix_check_every_rank(radix_data<std::uint16_t>(n, 11, [](auto& e) { return static_cast<std::uint16_t>(e() % 9); }));
    }
}

TEST_CASE("radix selection: a long double, a list or a short range keep the copy, with the same results") {
    // long double and non-contiguous ranges never take the radix path; the
    // list's result must equal the vector's (the same values).
    const auto xs = random_normal(tally::detail::radix_quantile_threshold + 5, 2.0, 3.0, 12);
    const std::list<double> as_list(xs.begin(), xs.end());
    const std::vector<long double> as_long(xs.begin(), xs.end());
    for (const auto method : radix_all_methods) {
        for (const double q : radix_qs) {
            CAPTURE(static_cast<int>(method));
            CAPTURE(q);
            const double v = tally::quantile(xs, q, method);
            CHECK(same_bits(tally::quantile(as_list, q, method), v));
            CHECK(tally::quantile(as_long, q, method) == doctest::Approx(v).epsilon(1e-15));
        }
    }
}

TEST_CASE("radix selection: median and quantile of large ranges, every method, against a sorted copy") {
    const double inf = std::numeric_limits<double>::infinity();
    for (const std::size_t n : radix_lengths()) {
        CAPTURE(n);
        SUBCASE("uniform and normal doubles") {
            radix_check_quantiles(radix_data<double>(n, 21, [](auto& e) {
                return std::uniform_real_distribution<double>(-1.0, 1.0)(e);
            }));
            radix_check_quantiles(random_normal(n, 100.0, 15.0, 22));
        }
        SUBCASE("many duplicates, and all equal") {
            radix_check_quantiles(radix_data<double>(n, 23, [](auto& e) { return static_cast<double>(e() % 10); }));
            radix_check_quantiles(std::vector<double>(n, -3.5));
        }
        SUBCASE("crowded into one top-16-bit bin: 1e9 + U[0, 1)") {
            radix_check_quantiles(radix_data<double>(n, 24, [](auto& e) {
                return 1e9 + std::uniform_real_distribution<double>(0.0, 1.0)(e);
            }));
        }
        SUBCASE("negative and positive zeros, infinities, NaN sprinkled") {
            radix_check_quantiles(radix_data<double>(n, 25, [](auto& e) {
                const auto r = e() % 8;
                return r == 0 ? -0.0 : r == 1 ? 0.0 : std::normal_distribution<double>()(e);
            }));
            radix_check_quantiles(radix_data<double>(n, 26, [&](auto& e) {
                const auto r = e() % 100;
                return r == 0 ? inf : r == 1 ? -inf : r == 2 ? not_a_number : std::normal_distribution<double>()(e);
            }));
            radix_check_quantiles(radix_data<double>(n, 27, [](auto& e) {
                return e() % 3 == 0 ? not_a_number : std::uniform_real_distribution<double>(50.0, 150.0)(e);
            }));
        }
        SUBCASE("floats") {
            radix_check_quantiles(radix_data<float>(n, 28, [](auto& e) {
                return static_cast<float>(std::normal_distribution<double>(0.0, 1e3)(e));
            }));
        }
        SUBCASE("integers, with the extremes of int64 and uint64") {
            radix_check_quantiles(radix_data<std::int64_t>(n, 29, [](auto& e) {
                const auto r = e() % 10;
                return r == 0   ? std::numeric_limits<std::int64_t>::min()
                       : r == 1 ? std::numeric_limits<std::int64_t>::max()
                                : static_cast<std::int64_t>(e());
            }));
            radix_check_quantiles(radix_data<std::uint64_t>(n, 30, [](auto& e) {
                const auto r = e() % 10;
                return r == 0 ? std::numeric_limits<std::uint64_t>::max() : r == 1 ? std::uint64_t{0} : e() >> (e() % 64);
            }));
            radix_check_quantiles(radix_data<int>(n, 31, [](auto& e) { return static_cast<int>(e() % 1001) - 500; }));
            radix_check_quantiles(radix_data<unsigned>(n, 32, [](auto& e) { return static_cast<unsigned>(e()); }));
            radix_check_quantiles(radix_data<std::int16_t>(n, 33, [](auto& e) { return static_cast<std::int16_t>(e()); }));
        }
    }
}

TEST_CASE("radix selection: NaN under both policies, and the messages, on large ranges") {
    const std::size_t n = tally::detail::radix_quantile_threshold + 1;
    std::vector<double> xs(n, not_a_number);
    CHECK_THROWS_WITH_AS((void)tally::median(xs), "the median of a range whose values are all NaN is undefined.",
                         tally::undefined_result);
    CHECK_THROWS_WITH_AS((void)tally::quantile(xs, 0.25), "the 0.25 quantile of a range whose values are all NaN is undefined.",
                         tally::undefined_result);
    CHECK(std::isnan(tally::median(xs, tally::nan_policy::propagate)));
    CHECK_THROWS_WITH_AS((void)tally::quantile(xs, 1.5), "the quantile q = 1.5 is outside [0, 1].",
                         tally::invalid_argument);
    // One value left among the NaN: every quantile is that value.
    xs[n / 2] = 42.0;
    CHECK(tally::median(xs) == 42.0);
    CHECK(tally::quantile(xs, 0.9, radix_method::type2) == 42.0);
    CHECK(std::isnan(tally::median(xs, tally::nan_policy::propagate)));
    // Zeros: the value equals the one the copy gives; 0 of either sign.
    std::vector<double> zeros(n);
    for (std::size_t i = 0; i < n; ++i) zeros[i] = i % 3 == 0 ? -0.0 : 0.0;
    CHECK(tally::median(zeros) == 0.0);
    CHECK(tally::quantile(zeros, 0.0) == 0.0);
    CHECK(tally::quantile(zeros, 1.0) == 0.0);
}
