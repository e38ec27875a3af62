// Property tests: thousands of seeded random cases each, checked against an
// independent reference (exact 128-bit integer or rational arithmetic, or a
// naive recomputation). A failure prints the seed's case through INFO.

#include <tally/change.hpp>
#include <tally/claims.hpp>
#include <tally/percent.hpp>
#include <tally/rolling.hpp>
#include <tally/time_series.hpp>

#include <doctest/doctest.h>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <random>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

using int128 = tally::detail::int128;
using tally_test::same_bits;

/// The decimal text of a 128-bit integer, written here rather than taken
/// from the library so that it is an independent reference.
std::string decimal(int128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    std::string digits;
    while (v != 0) {
        const int digit = static_cast<int>(v % 10);
        digits.insert(digits.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
        v /= 10;
    }
    return negative ? "-" + digits : digits;
}

/// A value of T that is often an edge: the extremes and their neighbours,
/// 0 and +-1, small values, or any bit pattern.
template <class T>
T draw(std::mt19937_64& g) {
    using limits = std::numeric_limits<T>;
    const auto pick = g() % 8;
    if (pick == 0) {
        const T edges[] = {limits::min(), limits::max(), static_cast<T>(limits::min() + 1),
                           static_cast<T>(limits::max() - 1), T(0), T(1)};
        return edges[g() % std::size(edges)];
    }
    if (pick <= 2) {
        const auto small = static_cast<std::int64_t>(g() % 2001) - 1000;
        if constexpr (std::is_unsigned_v<T>) return static_cast<T>(small < 0 ? -small : small);
        else return static_cast<T>(std::clamp<std::int64_t>(small, limits::min(), limits::max()));
    }
    return static_cast<T>(g());
}

/// A 128-bit integer as long double, through two 64-bit halves (|v| < 2^103
/// here). The direct conversion is avoided because valgrind's emulation of
/// the x87 unit gets it wrong (-20000 becomes -20480).
long double wide(int128 v) {
    const auto high = static_cast<std::int64_t>(v >> 32);
    const auto low = static_cast<std::int64_t>(v & 0xffffffff);
    return static_cast<long double>(high) * 4294967296.0L + static_cast<long double>(low);
}

/// The sign of an exact integer: -1, 0 or 1.
int sign(int128 v) { return (v > 0) - (v < 0); }

} // namespace

// ---------------------------------------------------------------------------
// change: the difference never wraps
// ---------------------------------------------------------------------------

TEST_CASE_TEMPLATE("change: the difference of any two integers of every width is exact or throws, never wraps", T,
                   std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, std::int32_t, std::uint32_t, std::int64_t,
                   std::uint64_t) {
    std::mt19937_64 g(20200207);
    int thrown = 0;
    for (int i = 0; i < 5000; ++i) {
        const T from = draw<T>(g), to = draw<T>(g);
        const int128 exact = static_cast<int128>(to) - static_cast<int128>(from);
        INFO("from ", decimal(from), " to ", decimal(to));
        const tally::change c{from, to};
        const bool fits = exact >= std::numeric_limits<std::int64_t>::min() &&
                          exact <= std::numeric_limits<std::int64_t>::max();
        if (fits) {
            REQUIRE(static_cast<int128>(c.difference()) == exact);
        } else {
            ++thrown;
            REQUIRE(sizeof(T) == 8);
            CHECK_THROWS_WITH_AS((void)c.difference(),
                                 ("the difference from " + decimal(from) + " to " + decimal(to) +
                                  " does not fit in a 64-bit signed integer.")
                                     .c_str(),
                                 tally::overflow_error);
        }
        const auto d = c.direction();
        REQUIRE(d == (exact > 0 ? tally::direction::rise
                      : exact < 0 ? tally::direction::fall
                                  : tally::direction::unchanged));
    }
    // The edges are drawn often enough that 64-bit types overflow in some cases.
    CHECK((sizeof(T) == 8) == (thrown > 0));
}

// ---------------------------------------------------------------------------
// change: percent against exact rational arithmetic
// ---------------------------------------------------------------------------

TEST_CASE_TEMPLATE("change: percent of integer pairs has the exact sign and lies within 2^-50 of the exact rational",
                   T, std::int8_t, std::uint8_t, std::int16_t, std::uint16_t, int, unsigned, std::int64_t,
                   std::uint64_t) {
    // Reference: 100 * (to - from) / base in exact integers, divided once in
    // long double (64-bit significand, so the reference is within 2^-62 of
    // the exact rational). percent() rounds at most four times in double, so
    // it is within 2^-51; the tolerance 2^-50 leaves room for the reference
    // itself where long double has only 53 bits (under valgrind).
    std::mt19937_64 g(1100);
    for (int i = 0; i < 5000; ++i) {
        const T from = draw<T>(g), to = draw<T>(g);
        INFO("from ", decimal(from), " to ", decimal(to));
        const tally::change c{from, to};
        const int128 d = static_cast<int128>(to) - static_cast<int128>(from);
        for (const auto policy :
             {tally::base_policy::positive, tally::base_policy::signed_value, tally::base_policy::magnitude}) {
            if (from == T(0) || (static_cast<int128>(from) < 0 && policy == tally::base_policy::positive)) {
                REQUIRE_FALSE(c.try_percent(policy).has_value());
                REQUIRE_THROWS_AS((void)c.percent(policy), tally::undefined_result);
                continue;
            }
            const int128 base = policy == tally::base_policy::magnitude && static_cast<int128>(from) < 0
                                    ? -static_cast<int128>(from)
                                    : static_cast<int128>(from);
            const long double want = wide(d * 100) / wide(base);
            const double got = c.percent(policy).value();
            REQUIRE(std::isfinite(got));
            REQUIRE((got > 0) - (got < 0) == sign(d) * sign(base));
            REQUIRE(std::fabs(static_cast<long double>(got) - want) <= 0x1p-50L * std::fabs(want));
        }
    }
}

namespace {

/// The text to_string(percent) gives for the exact rational 100 * d / base
/// (base > 0) rounded to one decimal, half away from zero: "+6.3%", "-34.8%",
/// "0%". Empty when the exact value is a tie, where the text depends on
/// how the tie is broken, or within 1e-14 (relative) of one: far closer than
/// the computed percent's error (two roundings, 2^-52), so only exact ties are
/// left out for the bases drawn below.
std::string exact_one_decimal(int128 d, int128 base) {
    const int128 n = d * 1000;            // tenths of a percent: n / base
    const int128 m = n < 0 ? -n : n;
    const int128 twice = (2 * m) % (2 * base);  // twice the remainder, against base at a tie
    const int128 off = twice > base ? twice - base : base - twice;
    if (off * 100'000'000'000'000 <= 2 * (m + base)) return {};
    const int128 tenths = (2 * m + base) / (2 * base);
    if (tenths == 0) return "0%";
    // Appended piece by piece: GCC 12 -O3 warns falsely on "literal" + std::string&&.
    std::string text = n < 0 ? "-" : "+";
    text += decimal(tenths / 10);
    if (tenths % 10 != 0) {
        text += '.';
        text += decimal(tenths % 10);
    }
    text += '%';
    return text;
}

} // namespace

TEST_CASE("percent: the one-decimal text of a change between integers is the exact value rounded, at and around "
          "rounding boundaries") {
    // For each random base, `to` is chosen just below, on, and just above the
    // values whose percent change ends in 5 in the second decimal, where a
    // floating-point error would flip the rounding.
    std::mt19937_64 g(348);
    int checked = 0, ties = 0;
    for (int i = 0; i < 5000; ++i) {
        const std::int64_t base = 1 + static_cast<std::int64_t>(g() % (std::uint64_t{1} << (1 + g() % 30)));
        const std::int64_t k = static_cast<std::int64_t>(g() % 4001) - 2000;  // the boundary at (k + 0.5) tenths
        // d with 1000 * d / base near k + 0.5: d = (2k + 1) * base / 2000, and its neighbours.
        const int128 center = (static_cast<int128>(2 * k + 1) * base) / 2000;
        for (int128 d = center - 1; d <= center + 1; ++d) {
            const std::int64_t to = base + static_cast<std::int64_t>(d);
            INFO("from ", base, " to ", to);
            const std::string want = exact_one_decimal(d, base);
            if (want.empty()) {
                ++ties;
                continue;
            }
            ++checked;
            REQUIRE(tally::to_string(tally::change{base, to}.percent()) == want);
        }
    }
    CHECK(checked > 10000);  // of 15,000 drawn
    CHECK(ties < checked / 10);
}

TEST_CASE_TEMPLATE("apply: a change's percent applied to its from gives back its to, within 2^-50 of |from| + |to|",
                   T, int, unsigned, std::int64_t, double, long double) {
    // apply(p, from) = from * (1 + p / 100) rounds five times after the exact
    // difference (quotient, * 100, / 100, 1 +, * from); each rounding is
    // within 2^-53 of its result, and no intermediate exceeds |from| + |to| in
    // size, so the documented tolerance 2^-50 * (|from| + |to|) holds with room.
    std::mt19937_64 g(594387);
    for (int i = 0; i < 5000; ++i) {
        T from{}, to{};
        if constexpr (std::is_floating_point_v<T>) {
            std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
            from = static_cast<T>(std::ldexp(mantissa(g), static_cast<int>(g() % 120) - 60));
            to = static_cast<T>(std::ldexp(mantissa(g), static_cast<int>(g() % 120) - 60));
        } else {
            from = draw<T>(g);
            to = draw<T>(g);
        }
        const tally::change c{from, to};
        const auto p = c.try_percent(tally::base_policy::signed_value);
        if (!p) continue;  // a zero base
        INFO("from ", static_cast<long double>(from), " to ", static_cast<long double>(to));
        using R = typename tally::change<T>::result_type;
        const R back = tally::apply(*p, from);
        const long double slack =
            0x1p-50L * (std::fabs(static_cast<long double>(from)) + std::fabs(static_cast<long double>(to)));
        REQUIRE(std::fabs(static_cast<long double>(back) - static_cast<long double>(to)) <= slack);
    }
}

// ---------------------------------------------------------------------------
// time_series: construction does not depend on the order of the input
// ---------------------------------------------------------------------------

TEST_CASE_TEMPLATE("time_series: any order of the same observations builds the same series", T, int, unsigned,
                   std::int64_t, double, long double) {
    std::mt19937_64 g(2015);
    for (int i = 0; i < 2000; ++i) {
        const std::size_t n = g() % 40;
        std::vector<int> times;
        while (times.size() < n) {
            const int t = 1900 + static_cast<int>(g() % 200);
            if (std::find(times.begin(), times.end(), t) == times.end()) times.push_back(t);
        }
        std::vector<T> values;
        for (std::size_t j = 0; j < n; ++j) values.push_back(static_cast<T>(g() % 100000));

        // The reference: sorted by time, built without the sorting constructor.
        std::vector<std::size_t> order(n);
        for (std::size_t j = 0; j < n; ++j) order[j] = j;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return times[a] < times[b]; });
        std::vector<int> sorted_times;
        std::vector<T> sorted_values;
        for (const std::size_t j : order) {
            sorted_times.push_back(times[j]);
            sorted_values.push_back(values[j]);
        }
        const tally::time_series<int, T> reference(tally::sorted_unique, sorted_times, sorted_values);

        std::shuffle(order.begin(), order.end(), g);
        std::vector<int> shuffled_times;
        std::vector<T> shuffled_values;
        for (const std::size_t j : order) {
            shuffled_times.push_back(times[j]);
            shuffled_values.push_back(values[j]);
        }
        const tally::time_series<int, T> shuffled(shuffled_times, shuffled_values);
        REQUIRE(shuffled == reference);

        // A repeated time anywhere in the input is rejected, naming it.
        if (n > 1) {
            const std::size_t at = g() % n;
            shuffled_times.insert(shuffled_times.begin() + static_cast<std::ptrdiff_t>(g() % (n + 1)), times[at]);
            shuffled_values.push_back(T(1));
            const int repeated = times[at];
            CHECK_THROWS_WITH_AS((tally::time_series<int, T>(shuffled_times, shuffled_values)),
                                 ("the time " + std::to_string(repeated) +
                                  " appears more than once; a series holds one value per time.")
                                     .c_str(),
                                 tally::invalid_argument);
        }
    }
}

// ---------------------------------------------------------------------------
// claims: verdicts against exact rational arithmetic
// ---------------------------------------------------------------------------

namespace {

/// N / 10^decimals as written: (348, 1) is "34.8", (5, 2) is "0.05".
std::string written(std::int64_t n, int decimals) {
    std::string digits = std::to_string(n);
    if (decimals == 0) return digits;
    while (static_cast<int>(digits.size()) <= decimals) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - decimals, '.');
    return digits;
}

} // namespace

TEST_CASE("claims: a percent-change claim on integers holds exactly when the exact figure lies within its written "
          "precision, and is on the boundary exactly at its ends") {
    // "a 34.8% rise" allows [34.75, 34.85]; for from > 0 the figure
    // 100 * d / from is in [N - 1/2, N + 1/2] / 10^dec exactly when
    // (2N - 1) * from <= 200 * 10^dec * d <= (2N + 1) * from (d negated for a
    // fall), all in 128-bit integers. Half the cases put the figure exactly on
    // an end: from = 200 * 10^dec * m and d = m * (2N +- 1).
    std::mt19937_64 g(4963);
    int holds = 0, fails = 0, boundaries = 0;
    for (int i = 0; i < 5000; ++i) {
        const int decimals = static_cast<int>(g() % 3);
        const std::int64_t scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        const bool fall = g() % 2 == 0;
        const std::int64_t n = 1 + static_cast<std::int64_t>(g() % static_cast<std::uint64_t>(99 * scale));
        std::int64_t from = 0, d = 0;
        if (g() % 2 == 0) {
            const std::int64_t m = 1 + static_cast<std::int64_t>(g() % 1000);
            from = 200 * scale * m;
            d = m * (2 * n + (g() % 2 == 0 ? 1 : -1)) + static_cast<std::int64_t>(g() % 3) - 1;
        } else {
            from = 1 + static_cast<std::int64_t>(g() % 1'000'000);
            // near the stated figure: d = from * n / (100 * scale), give or take a little
            d = static_cast<std::int64_t>(static_cast<int128>(from) * n / (100 * scale)) +
                static_cast<std::int64_t>(g() % 5) - 2;
        }
        if (fall) d = -d;
        const std::int64_t to = from + d;
        INFO("from ", from, " to ", to, ": ", fall ? "a fall of " : "a rise of ", written(n, decimals), "%");

        const int128 left = static_cast<int128>(200) * scale * (fall ? -d : d);
        const int128 low = (2 * static_cast<int128>(n) - 1) * from;
        const int128 high = (2 * static_cast<int128>(n) + 1) * from;
        const bool want = low <= left && left <= high;
        const bool on_end = left == low || left == high;

        const auto claim =
            tally::claim::percent_change(written(n, decimals), fall ? tally::direction::fall : tally::direction::rise);
        const tally::verdict v = tally::check(tally::change{from, to}, claim);
        REQUIRE(v.holds() == want);
        REQUIRE(v.outcome() == (want ? tally::outcome::holds : tally::outcome::does_not_hold));
        if (want) REQUIRE(v.on_boundary() == on_end);
        holds += want;
        fails += !want;
        boundaries += on_end;
    }
    // Both outcomes and the boundary cases are well represented.
    CHECK(holds > 1000);
    CHECK(fails > 500);
    CHECK(boundaries > 500);
}

// ---------------------------------------------------------------------------
// rolling: median and quantiles against a sort of each window
// ---------------------------------------------------------------------------

namespace {

/// A value for order statistics: often a repeat, +0 or -0, NaN, +-inf or an
/// extreme of T (whose mean with another overflows); for long double one a
/// double cannot hold; for 64-bit integers ones that round to the same double.
template <class T>
T order_draw(std::mt19937_64& g) {
    using limits = std::numeric_limits<T>;
    const auto pick = g() % 16;
    if constexpr (std::is_floating_point_v<T>) {
        if (pick == 0) return limits::quiet_NaN();
        if (pick == 1) return g() % 2 == 0 ? limits::infinity() : -limits::infinity();
        if (pick <= 3) return g() % 2 == 0 ? T(0) : -T(0);
        if (pick == 4) return g() % 2 == 0 ? limits::max() : limits::lowest();
        if (pick == 5) return T(1) + limits::epsilon() * static_cast<T>(g() % 4);
        if (pick <= 10) return static_cast<T>(static_cast<int>(g() % 7) - 3);
        return static_cast<T>(static_cast<double>(static_cast<std::int64_t>(g() % 2'000'001) - 1'000'000) / 1024.0);
    } else {
        if (pick == 0) return g() % 2 == 0 ? limits::max() : limits::min();
        if (pick <= 2) return static_cast<T>(limits::max() - static_cast<T>(g() % 4));
        if (pick <= 9) return static_cast<T>(g() % 7);
        return static_cast<T>(g());
    }
}

/// The median and type-7 quantiles of a window's valid values, from a
/// stable sort of them in the type the kernel computes in (double, or long
/// double for long double values): equal values keep their order in the
/// series, which is what decides the sign of a zero result.
template <class A>
struct sorted_window {
    std::vector<A> sorted;

    [[nodiscard]] A median() const {
        const std::size_t m = sorted.size();
        if (m % 2 == 1) return sorted[m / 2];
        const A a = sorted[m / 2 - 1];
        const A b = sorted[m / 2];
        const A mid = (a + b) / 2;
        // Two finite values whose sum overflows: halve each first.
        if (std::isinf(mid) && std::isfinite(a) && std::isfinite(b)) return a / 2 + b / 2;
        return mid;
    }
    /// Hyndman & Fan type 7: h = q (m - 1); the value at floor(h), plus the
    /// fraction of h of the step to the next value.
    [[nodiscard]] A quantile(double q) const {
        const std::size_t m = sorted.size();
        const double h = q * static_cast<double>(m - 1);
        const double below = std::floor(h);
        const auto j = static_cast<std::size_t>(below);
        if (h == below || j + 1 >= m) return sorted[j];
        return sorted[j] + (sorted[j + 1] - sorted[j]) * static_cast<A>(h - below);
    }
};

constexpr double order_quantiles[] = {0.0, 0.25, 0.3, 0.9, 1.0};

/// Checks median() and quantile(q) of windows(need), for each need, against
/// a sort of the valid values of rows [begin, end) = rows(i) for each i:
/// NaN where fewer than need values are valid.
template <class T, class Windows, class Rows>
void check_order_statistics(const std::vector<T>& values, std::initializer_list<std::size_t> needs, Windows windows,
                            Rows rows) {
    using R = std::conditional_t<std::is_floating_point_v<T>, T, double>;
    using A = std::conditional_t<std::is_same_v<T, long double>, long double, double>;
    constexpr R nan = std::numeric_limits<R>::quiet_NaN();
    auto as_vector = [](const auto& result) {
        if constexpr (requires { result.values(); }) {
            return std::vector<R>(result.values().begin(), result.values().end());
        } else {
            return std::vector<R>(result.begin(), result.end());
        }
    };
    struct results {
        std::size_t need;
        std::vector<R> median;
        std::vector<std::vector<R>> quantiles;
        std::size_t wrong = 0;
        std::size_t first_wrong = 0;
    };
    std::vector<results> all;
    for (const std::size_t need : needs) {
        const auto w = windows(need);
        results r{need, as_vector(w.median()), {}};
        for (const double q : order_quantiles) r.quantiles.push_back(as_vector(w.quantile(q)));
        REQUIRE(r.median.size() == values.size());
        all.push_back(std::move(r));
    }
    sorted_window<A> window;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto [begin, end] = rows(i);
        window.sorted.clear();
        for (std::size_t j = begin; j < end; ++j) {
            if (!std::isnan(static_cast<long double>(values[j]))) window.sorted.push_back(static_cast<A>(values[j]));
        }
        std::stable_sort(window.sorted.data(), window.sorted.data() + window.sorted.size());
        const bool some = !window.sorted.empty();
        const R median = some ? static_cast<R>(window.median()) : nan;
        std::vector<R> quantiles;
        for (const double q : order_quantiles) quantiles.push_back(some ? static_cast<R>(window.quantile(q)) : nan);
        for (auto& r : all) {
            const bool none = window.sorted.size() < r.need;
            bool ok = same_bits(r.median[i], none ? nan : median);
            for (std::size_t k = 0; k < quantiles.size(); ++k) {
                ok = ok && same_bits(r.quantiles[k][i], none ? nan : quantiles[k]);
            }
            if (!ok && r.wrong++ == 0) r.first_wrong = i;
        }
    }
    for (const auto& r : all) {
        INFO("min_periods ", r.need, ", first wrong window: ", r.first_wrong);
        CHECK(r.wrong == 0);
    }
}

} // namespace

TEST_CASE_TEMPLATE("rolling: median and quantiles equal a sort of each window's valid values, bit for bit", T, int,
                   std::int64_t, float, double, long double) {
    std::mt19937_64 g(1001);
    for (const std::size_t n : std::initializer_list<std::size_t>{0, 1, 2, 5, 40, 1100, 5000}) {
        std::vector<T> values(n);
        for (auto& v : values) v = order_draw<T>(g);

        // Windows of w rows, ending at each row or centered on it (pandas'
        // convention: rows i - w + 1 + (w - 1) / 2 .. i + (w - 1) / 2). A
        // window longer than the series is, without center, an expanding one.
        for (const std::size_t w : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{33},
                                    std::size_t{1000}, n + 5}) {
            // The reference sorts every window: long windows on the shorter series only.
            if ((w >= 1000 && n > 1100) || (w == n + 5 && n > 40)) continue;
            for (const bool center : {false, true}) {
                INFO("n ", n, ", window ", w, ", center ", center);
                const std::size_t ahead = center ? (w - 1) / 2 : 0;
                check_order_statistics(
                    values, {w, std::size_t{1}, (w + 1) / 2},
                    [&](std::size_t need) {
                        return tally::rolling(values, w, {.min_periods = need, .center = center});
                    },
                    [&](std::size_t i) {
                        const std::size_t end = std::min(n, i + ahead + 1);
                        const std::size_t begin = i + ahead + 1 > w ? i + ahead + 1 - w : 0;
                        return std::pair{std::min(begin, end), end};
                    });
            }
        }

        // Windows of k periods of a series with gaps: the times in (t - k, t].
        std::vector<int> times;
        int t = 2000;
        for (std::size_t i = 0; i < n; ++i) {
            t += 1 + (g() % 4 == 0 ? static_cast<int>(g() % 30) : 0);
            times.push_back(t);
        }
        const tally::time_series<int, T> series(tally::sorted_unique, times, values);
        for (const std::int64_t k : {1, 3, 40, 200}) {
            INFO("n ", n, ", ", k, " periods");
            check_order_statistics(
                values, {std::size_t{1}, std::size_t{3}},
                [&](std::size_t need) { return tally::rolling(series, tally::periods{k}, {.min_periods = need}); },
                [&](std::size_t i) {
                    std::size_t begin = i;
                    while (begin > 0 && times[begin - 1] > times[i] - k) --begin;
                    return std::pair{begin, i + 1};
                });
        }
    }
}
