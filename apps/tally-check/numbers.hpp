#pragma once
// tally-check: a table's numbers as written: "10213", "10,213", "-5", "1.5",
// "1,234.5". Thousands separators must group by three ("1,0213" is refused).

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace tally_check {

/// A cell's number: an integer when written without a decimal point, else a double.
struct number {
    bool integral = true;
    std::int64_t integer = 0;
    double real = 0;
};

/// Why a cell is not a number, as the end of a sentence: "is not a number".
enum class number_problem { none, empty, not_a_number, bad_grouping, too_large };

/// The number a cell holds; `problem` says why there is none.
[[nodiscard]] inline std::optional<number> read_number(std::string_view s, number_problem& problem) {
    problem = number_problem::none;
    if (s.empty()) {
        problem = number_problem::empty;
        return std::nullopt;
    }
    std::string digits;
    digits.reserve(s.size());
    std::size_t i = 0;
    if (s[0] == '-' || s[0] == '+') {
        if (s[0] == '-') digits.push_back('-');
        i = 1;
    }
    // the integer part, with or without thousands separators
    std::size_t group = 0;      // digits since the last separator (or the start)
    bool grouped = false;
    bool any_digit = false;
    for (; i < s.size() && s[i] != '.'; ++i) {
        const char c = s[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            ++group;
            any_digit = true;
        } else if (c == ',') {
            if (!any_digit || (grouped ? group != 3 : group > 3)) {
                problem = number_problem::bad_grouping;
                return std::nullopt;
            }
            grouped = true;
            group = 0;
        } else {
            problem = number_problem::not_a_number;
            return std::nullopt;
        }
    }
    if (grouped && group != 3) {
        problem = number_problem::bad_grouping;
        return std::nullopt;
    }
    bool decimal = false;
    if (i < s.size()) {  // s[i] == '.'
        decimal = true;
        digits.push_back('.');
        ++i;
        bool fraction_digit = false;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') {
                problem = number_problem::not_a_number;
                return std::nullopt;
            }
            digits.push_back(s[i]);
            fraction_digit = true;
        }
        if (!fraction_digit && !any_digit) {
            problem = number_problem::not_a_number;
            return std::nullopt;
        }
    } else if (!any_digit) {
        problem = number_problem::not_a_number;
        return std::nullopt;
    }
    number out{};
    const char* first = digits.data();
    const char* last = digits.data() + digits.size();
    if (!decimal) {
        const auto [end, ec] = std::from_chars(first, last, out.integer);
        if (ec == std::errc::result_out_of_range) {
            problem = number_problem::too_large;
            return std::nullopt;
        }
        if (ec != std::errc{} || end != last) {
            problem = number_problem::not_a_number;
            return std::nullopt;
        }
        out.integral = true;
        out.real = static_cast<double>(out.integer);
        return out;
    }
    const auto [end, ec] = std::from_chars(first, last, out.real);
    if (ec == std::errc::result_out_of_range) {
        problem = number_problem::too_large;
        return std::nullopt;
    }
    if (ec != std::errc{} || end != last) {
        problem = number_problem::not_a_number;
        return std::nullopt;
    }
    out.integral = false;
    return out;
}

/// The end of a sentence saying why a cell is not a number.
[[nodiscard]] inline std::string_view problem_text(number_problem p) {
    switch (p) {
    case number_problem::empty: return "is empty, and a value is needed here";
    case number_problem::bad_grouping: return "is not a number: its thousands separators do not group by three";
    case number_problem::too_large: return "is a number too large for tally-check (past 64-bit integers or doubles)";
    case number_problem::not_a_number:
    case number_problem::none: break;
    }
    return "is not a number";
}

} // namespace tally_check
