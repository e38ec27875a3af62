// The driver of the stats conformance test: reads the cases written by
// conformance_common.write_cases and prints tally's results, one line per
// case ("<id> key=value ..."; values as hex floats, or "undefined" /
// "invalid" when tally throws). stats_conformance.py compares them with
// numpy and pandas.
#include <tally/stats.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

struct method_name {
    tally::quantile_method method;
    const char* name;  // numpy's method= name
};

constexpr method_name methods[] = {
    {tally::quantile_method::type1, "inverted_cdf"},
    {tally::quantile_method::type2, "averaged_inverted_cdf"},
    {tally::quantile_method::type3, "closest_observation"},
    {tally::quantile_method::type4, "interpolated_inverted_cdf"},
    {tally::quantile_method::type5, "hazen"},
    {tally::quantile_method::type6, "weibull"},
    {tally::quantile_method::type7, "linear"},
    {tally::quantile_method::type8, "median_unbiased"},
    {tally::quantile_method::type9, "normal_unbiased"},
    {tally::quantile_method::lower, "lower"},
    {tally::quantile_method::higher, "higher"},
    {tally::quantile_method::nearest, "nearest"},
    {tally::quantile_method::midpoint, "midpoint"},
};

class line_writer {
public:
    explicit line_writer(long id) { out_ << id; }

    template <class F>
    void put(const std::string& key, F&& compute) {
        out_ << ' ' << key << '=';
        try {
            write(static_cast<long double>(compute()));
        } catch (const tally::undefined_result&) {
            out_ << "undefined";
        } catch (const tally::invalid_argument&) {
            out_ << "invalid";
        }
    }

    [[nodiscard]] std::string str() const { return out_.str(); }

private:
    void write(long double v) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%a", static_cast<double>(v));
        out_ << buffer;
    }
    std::ostringstream out_;
};

using tally::nan_policy;

/// "q3_linear": the key of quantile i computed by a method, built by
/// appending (GCC 12 -O3 warns falsely on "literal" + std::string&&).
std::string quantile_key(std::size_t i, std::string_view method) {
    std::string key = "q";
    key += std::to_string(i);
    key += '_';
    key += method;
    return key;
}

template <class T>
std::string run_case(long id, const std::vector<T>& x, const std::vector<T>& y, const std::vector<double>& qs) {
    constexpr auto propagate = nan_policy::propagate;
    line_writer w(id);
    w.put("sum", [&] { return tally::sum(x); });
    w.put("sum_p", [&] { return tally::sum(x, propagate); });
    w.put("mean", [&] { return tally::mean(x); });
    w.put("mean_p", [&] { return tally::mean(x, propagate); });
    for (int ddof : {0, 1}) {
        const std::string d = std::to_string(ddof);
        w.put("var" + d, [&] { return tally::variance(x, ddof); });
        w.put("std" + d, [&] { return tally::stddev(x, ddof); });
        w.put("var" + d + "_p", [&] { return tally::variance(x, ddof, propagate); });
        w.put("cov" + d, [&] { return tally::covariance(x, y, ddof); });
    }
    w.put("median", [&] { return tally::median(x); });
    w.put("median_p", [&] { return tally::median(x, propagate); });
    w.put("min", [&] { return tally::min(x); });
    w.put("max", [&] { return tally::max(x); });
    w.put("min_p", [&] { return tally::min(x, propagate); });
    w.put("max_p", [&] { return tally::max(x, propagate); });
    w.put("argmin", [&] { return static_cast<double>(tally::argmin(x)); });
    w.put("argmax", [&] { return static_cast<double>(tally::argmax(x)); });
    w.put("gmean", [&] { return tally::geometric_mean(x); });
    w.put("corr", [&] { return tally::correlation(x, y); });
    w.put("trend_slope", [&] { return tally::linear_trend(x).slope; });
    w.put("trend_intercept", [&] { return tally::linear_trend(x).intercept; });
    w.put("trend_r2", [&] { return tally::linear_trend(x).r_squared; });
    for (std::size_t i = 0; i < qs.size(); ++i) {
        for (const auto& m : methods) {
            w.put(quantile_key(i, m.name), [&] { return tally::quantile(x, qs[i], m.method); });
        }
        w.put(quantile_key(i, "linear_p"),
              [&] { return tally::quantile(x, qs[i], tally::quantile_method::linear, propagate); });
    }
    return w.str();
}

template <class T>
T parse(const std::string& token) {
    if constexpr (std::is_same_v<T, double>) {
        return std::strtod(token.c_str(), nullptr);  // hex floats, nan, inf
    } else {
        return static_cast<T>(std::stoll(token));
    }
}

template <class T>
std::string read_and_run(std::istringstream& in, long id, std::size_t n, const std::vector<double>& qs) {
    std::vector<T> x(n), y(n);
    std::string token;
    for (auto& v : x) {
        in >> token;
        v = parse<T>(token);
    }
    for (auto& v : y) {
        in >> token;
        v = parse<T>(token);
    }
    return run_case(id, x, y, qs);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: conformance_stats <cases file>\n";
        return 2;
    }
    std::ifstream file(argv[1]);
    if (!file) {
        std::cerr << "cannot read " << argv[1] << "\n";
        return 2;
    }
    std::vector<double> qs;
    std::string line;
    while (std::getline(file, line)) {
        std::istringstream in(line);
        std::string tag;
        in >> tag;
        if (tag == "param") {
            std::string name, token;
            in >> name;
            if (name == "q") {
                while (in >> token) qs.push_back(std::strtod(token.c_str(), nullptr));
            }
        } else if (tag == "case") {
            long id = 0;
            std::string dtype;
            std::size_t n = 0;
            in >> id >> dtype >> n;
            std::cout << (dtype == "f64" ? read_and_run<double>(in, id, n, qs)
                                         : read_and_run<std::int64_t>(in, id, n, qs))
                      << '\n';
        }
    }
    return 0;
}
