#pragma once
// The main loop of the conformance drivers whose operations come from the
// case file (conformance_transform, conformance_ewm): reads the cases that
// conformance_common.write_cases writes and writes tally's results as raw
// little-endian doubles.
//
//   param op<index> <code> <a> <b> <c> <d> <e> <f>   an operation, in index order
//   case <id> <f64|i64> <n> <value>...                a case
//
// For each case, in case order, and for each operation, in order, the
// driver writes what run(op, values) returns.

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace conformance {

/// One operation: a code and up to six parameters, as the script wrote them.
struct operation {
    int code;
    double a, b, c, d, e, f;
};

/// main() of a driver: `run(op, x)` gives the results of one operation on
/// one case's values (a std::vector<double> or std::vector<std::int64_t>).
/// Returns main's exit status: 0, 1 when tally threw, 2 for bad arguments.
template <class Run>
int drive(int argc, char** argv, const char* name, Run run) {
    if (argc != 3) {
        std::cerr << "usage: " << name << " <cases file> <results file>\n";
        return 2;
    }
    std::ifstream file(argv[1]);
    std::ofstream out(argv[2], std::ios::binary);
    if (!file || !out) {
        std::cerr << "cannot open " << argv[1] << " or " << argv[2] << "\n";
        return 2;
    }
    std::map<int, operation> ops;
    std::string line;
    while (std::getline(file, line)) {
        std::istringstream in(line);
        std::string tag;
        in >> tag;
        if (tag == "param") {
            std::string op_name;
            in >> op_name;
            std::vector<double> p;
            for (std::string token; in >> token;) p.push_back(std::strtod(token.c_str(), nullptr));
            p.resize(7, 0.0);
            ops[std::stoi(op_name.substr(2))] = operation{static_cast<int>(p[0]), p[1], p[2], p[3], p[4], p[5], p[6]};
            continue;
        }
        long id = 0;
        std::string dtype;
        std::size_t n = 0;
        in >> id >> dtype >> n;
        std::vector<std::string> tokens(n);
        for (auto& t : tokens) in >> t;
        std::vector<double> results;
        const auto run_all = [&](const auto& x) {
            for (const auto& [index, op] : ops) {
                const auto r = run(op, x);
                results.insert(results.end(), r.begin(), r.end());
            }
        };
        try {
            if (dtype == "f64") {
                std::vector<double> x(n);
                for (std::size_t i = 0; i < n; ++i) x[i] = std::strtod(tokens[i].c_str(), nullptr);
                run_all(x);
            } else {
                std::vector<std::int64_t> x(n);
                for (std::size_t i = 0; i < n; ++i) x[i] = std::stoll(tokens[i]);
                run_all(x);
            }
        } catch (const std::exception& e) {
            std::cerr << "case " << id << ": " << e.what() << "\n";
            return 1;
        }
        out.write(reinterpret_cast<const char*>(results.data()),
                  static_cast<std::streamsize>(results.size() * sizeof(double)));
    }
    return 0;
}

} // namespace conformance
