// Tests for tally/stats.hpp. Expected values are derived by hand in the
// comments (or are exact by construction); the differential test against
// numpy/pandas is tests/conformance/.
#include <tally/stats.hpp>

#include <doctest/doctest.h>

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

TEST_CASE("sum: the contiguous four-lane kernel keeps the compensation in every lane") {
    // 1e16, 1, -1e16 placed so that they fall in different lanes and in the
    // tail; the exact sum is 1 + (the number of extra ones).
    for (std::size_t pad = 0; pad < 9; ++pad) {
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
    CHECK(true);
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
    CHECK(true);
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
    CHECK(true);
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
