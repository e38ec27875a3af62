#pragma once
// tally/detail/claim_text.hpp: the English of verdict::explain. A verdict
// hands its findings over as verdict_facts; the paragraph is built here in
// small named steps: the inputs, what the data shows, what the wording
// allows, the values stated beside the figure, the conclusion, and what
// would make the claim hold. Runtime only.

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "../change.hpp"
#include "../claim.hpp"
#include "int128.hpp"
#include "rational_interval.hpp"
#include "text.hpp"

namespace tally::detail {

/// A count or amount as a reader reads it: "10,213", "1.5".
[[nodiscard]] inline std::string amount_text(long double v, bool integral) {
    if (integral && v - v == 0) return group_thousands(integer_text(static_cast<int128>(v)));
    return group_thousands(floating_text(static_cast<double>(v)));
}

/// The figure with enough decimals that its place against the interval's
/// ends reads correctly: start at `decimals`, add up to 6 while the printed
/// figure would equal an end it does not sit on.
[[nodiscard]] inline std::string figure_text(double figure, const interval& allowed, bool on_boundary, int decimals) {
    for (int d = decimals; d <= decimals + 6; ++d) {
        const std::string text = fixed_text(figure, d);
        const bool looks_on_end = (!allowed.lower_unbounded() && text == fixed_text(allowed.lower, d)) ||
                                  (!allowed.upper_unbounded() && text == fixed_text(allowed.upper, d));
        if (!looks_on_end || on_boundary) return trimmed_text(figure, d);
    }
    return floating_text(figure);
}

/// An interval as text: "109.5%..110.5%", "1.5..2.5 times", "more than 2 times".
/// `sign` -1 shows the sizes of a fall; with `drop_open_zero` an open end at
/// 0, which only says "a rise" or "a fall", is not shown.
[[nodiscard]] inline std::string interval_text(const interval& i, int decimals, const char* unit, double sign,
                                               bool drop_open_zero = false) {
    // for a fall, show magnitudes: "a fall of 34.75%..34.85%"
    double lo = i.lower * sign, hi = i.upper * sign;
    bool lo_inc = i.lower_inclusive, hi_inc = i.upper_inclusive;
    if (sign < 0) {
        std::swap(lo, hi);
        std::swap(lo_inc, hi_inc);
    }
    const bool lo_none = lo == -std::numeric_limits<double>::infinity() || (lo == 0 && !lo_inc && drop_open_zero);
    const bool hi_none = hi == std::numeric_limits<double>::infinity();
    const std::string unit_text = unit;
    const auto bare = [&](double x) { return group_thousands(trimmed_text(x, decimals)); };
    const auto num = [&](double x) {
        const std::string b = bare(x);
        return b + (unit_text == " percentage points" ? points_unit(b) : unit_text);
    };
    if (!lo_none && !hi_none) {
        // a unit that is a word is written once: "1.5..2.5 times"; a sign twice: "109.5%..110.5%"
        if (lo_inc && hi_inc) return (unit_text.starts_with(" ") ? bare(lo) + ".." + bare(hi) + unit_text : num(lo) + ".." + num(hi));
        return std::string(lo_inc ? "at least " : "more than ") + num(lo) + " and " +
               (hi_inc ? "at most " : "less than ") + num(hi);
    }
    if (lo_none && !hi_none) return (hi_inc ? "at most " : "less than ") + num(hi);
    if (!lo_none && hi_none) return (lo_inc ? "at least " : "more than ") + num(lo);
    return "any value";
}


/// a / b (b > 0) rounded half away from zero to `decimals` decimals, trailing
/// zeros removed, from exact integers: "18446744073709551615".
[[nodiscard]] inline std::string exact_quotient_text(int128 a, int128 b, int decimals) {
    const bool negative = a < 0;
    const uint128 n = magnitude(a) * static_cast<uint128>(power_of_ten(decimals));
    const uint128 d = static_cast<uint128>(b);
    uint128 q = n / d;
    if (2 * (n % d) >= d) ++q;
    const uint128 scale = static_cast<uint128>(power_of_ten(decimals));
    std::string out = integer_text(q / scale);
    std::string fraction = decimals > 0 ? integer_text(q % scale) : std::string();
    if (decimals > 0) fraction = std::string(static_cast<std::size_t>(decimals) - fraction.size(), '0') + fraction;
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    if (!fraction.empty()) out += "." + fraction;
    return (negative && q != 0 ? "-" : "") + out;
}

/// A time label as text.
[[nodiscard]] inline std::string label_text(const std::array<char, 32>& label) {
    std::string out;
    for (char c : label) {
        if (c == '\0') break;
        out += c;
    }
    return out;
}

/// The label stored for a series check: "2018" (at most 31 characters).
inline void set_label(std::array<char, 32>& label, const std::string& text) {
    label = {};
    for (std::size_t i = 0; i < text.size() && i + 1 < label.size(); ++i) label[i] = text[i];
}


/// What verdict::explain says, as plain data: the verdict's findings, so
/// that the English is written here, apart from the checking.
struct verdict_facts {
    claim c{};
    tally::outcome out = tally::outcome::undefined;
    double figure = 0;
    std::string exact_figure;  ///< a figure past 2^53 from integers, from the exact quotient; else empty
    interval allowed{};
    bool on_boundary = false;
    std::optional<interval> implied{};
    std::optional<undefined_reason> reason{};
    bool integral = false, is_change = false, percent_inputs = false, share_input = false;
    long double from = 0, to = 0;
    std::span<const claim_reading> readings{};
    bool from_ok = true, to_ok = true, part_ok = true, whole_ok = true, second_ok = true, difference_ok = true;
    std::string from_label, to_label;
};

/// The facts with the names and precision explain writes them in.
struct explain_context {
    const verdict_facts& f;
    std::string later;   ///< the later observation's name: "2018", "later"
    std::string quoted;  ///< the claim in canonical words, quoted
    int decimals = 1;    ///< one more than the claim's number was written with (3 for a fraction)
    int end_decimals = 1;
    /// A value as the inputs are written: "10,213", or "28.6%" for shares.
    [[nodiscard]] std::string amount(long double x) const {
        return f.percent_inputs ? trimmed_text(static_cast<double>(x), decimals + 1) + "%" : amount_text(x, f.integral);
    }
    [[nodiscard]] std::string multiple_allows(const interval& i) const {
        return interval_text(i, end_decimals, " times", 1.0);
    }
};

[[nodiscard]] inline explain_context make_context(const verdict_facts& f, std::string_view later_name) {
    std::string later = !later_name.empty() ? std::string(later_name) : !f.to_label.empty() ? f.to_label : "later";
    // built by appending: g++ 12 at -O3 warns (-Wrestrict, falsely) on "\"" + std::string&&
    std::string quoted(1, '"');
    quoted.append(to_string(f.c));
    quoted.push_back('"');
    // a fraction word's ends need 3 decimals (0.475); a number in words or digits, one more than written
    // (its ends, N (1 -+ t), are written with up to 3, trailing zeros trimmed: 1.9..2.1)
    const int decimals = f.c.number.is_fraction() ? 3 : f.c.number.decimals + 1;
    const int end_decimals = f.c.number.has_written_precision() ? decimals : 3;
    return explain_context{f, std::move(later), std::move(quoted), decimals, end_decimals};
}

/// The inputs in words: "from 4,963 in 2015 to 10,213 in 2018", "3,949 of 34,425".
[[nodiscard]] inline std::string inputs_text(const explain_context& x) {
    const verdict_facts& f = x.f;
    if (f.share_input) return x.amount(f.to) + " of " + x.amount(f.from);
    const auto in = [](const std::string& label) { return label.empty() ? std::string() : " in " + label; };
    if (f.is_change) return "from " + x.amount(f.from) + in(f.from_label) + " to " + x.amount(f.to) + in(f.to_label);
    if (f.c.kind == claim_kind::total) {
        const std::string values = f.from_label.empty()
                                       ? (f.to_label.empty() ? std::string("the values") : "the values in " + f.to_label)
                                       : "the values from " + f.from_label + " to " + f.to_label;
        return values + " sum to " + x.amount(f.to);
    }
    return x.amount(f.to) + in(f.to_label);
}

/// "rose by 105.8%" and "a rise of 109.5%..110.5%", for a change in percent, points or the data's unit.
inline void change_words(const explain_context& x, std::string& what, std::string& allows) {
    const verdict_facts& f = x.f;
    const bool points = f.c.kind == claim_kind::points;
    const char* unit = points ? " percentage points" : f.c.kind == claim_kind::difference ? "" : "%";
    const double sign = f.figure < 0 ? -1.0 : 1.0;
    std::string figure = f.exact_figure.empty()
                             ? figure_text(f.figure * sign, interval{f.allowed.lower * sign, f.allowed.upper * sign},
                                           f.on_boundary, x.decimals)
                             : f.exact_figure;
    if (figure.starts_with("-")) figure.erase(0, 1);
    if (f.c.kind == claim_kind::difference) figure = group_thousands(figure);
    what = f.figure == 0 ? "did not change"
                         : (f.figure > 0 ? "rose by " : "fell by ") + figure + (points ? points_unit(figure) : std::string(unit));
    const bool signed_change = f.c.stated_direction != direction::rise && f.c.stated_direction != direction::fall;
    const double claim_sign = f.c.stated_direction == direction::fall ? -1.0 : 1.0;
    // the open end at 0 only repeats "a rise" or "a fall", unless the figure is 0 and that end decides
    allows = std::string(signed_change ? "a change of " : claim_sign < 0 ? "a fall of " : "a rise of ") +
             interval_text(f.allowed, x.decimals, unit, claim_sign, f.figure != 0);
}

/// What the data shows and what the wording allows, by the claim's kind.
inline void figure_words(const explain_context& x, const std::string& inputs, std::string& what, std::string& allows) {
    const verdict_facts& f = x.f;
    switch (f.c.kind) {
    case claim_kind::percent_change:
    case claim_kind::points:
    case claim_kind::difference: change_words(x, what, allows); break;
    case claim_kind::multiple:
        what = "is " + (f.exact_figure.empty() ? figure_text(f.figure, f.allowed, f.on_boundary, x.decimals + 1) : f.exact_figure) +
               " times as high";
        allows = x.multiple_allows(f.allowed);
        break;
    case claim_kind::direction:
        what = f.figure > 0 ? "rose" : f.figure < 0 ? "fell" : "did not change";
        allows = f.c.stated_direction == direction::rise   ? "a rise"
                 : f.c.stated_direction == direction::fall ? "a fall"
                                                           : "no change";
        break;
    case claim_kind::share:
        what = "is " + figure_text(f.figure, f.allowed, f.on_boundary, x.decimals) + "%";
        allows = interval_text(f.allowed, x.decimals, "%", 1.0);
        break;
    case claim_kind::value:
    case claim_kind::magnitude:
    case claim_kind::total:
        what = f.c.kind == claim_kind::total ? inputs : "is " + inputs;
        allows = interval_text(f.allowed, f.c.kind == claim_kind::magnitude ? 0 : x.decimals, "", 1.0);
        break;
    }
}

/// The values stated beside the figure that the data does not bear out:
/// "the earlier value is 594, not 600 as stated; ...", or empty.
[[nodiscard]] inline std::string mismatch_text(const explain_context& x) {
    const verdict_facts& f = x.f;
    std::string out;
    const auto add = [&](bool ok, const std::optional<stated_number>& n, const char* what, long double actual) {
        if (ok || !n) return;
        out += std::string(out.empty() ? "" : "; ") + what + " is " + x.amount(actual) + ", not " + n->text() +
               (f.percent_inputs ? "%" : "") + " as stated";
    };
    add(f.from_ok, f.c.stated_from, "the earlier value", f.from);
    add(f.to_ok, f.c.stated_to, "the later value", f.to);
    add(f.part_ok, f.c.stated_part, "the part", f.to);
    add(f.whole_ok, f.c.stated_whole, "the whole", f.from);
    if (!f.difference_ok && f.c.stated_difference) {
        out += std::string(out.empty() ? "" : "; ") + "the change is " + x.amount(f.to - f.from) + ", not " +
               (f.c.stated_direction == direction::fall ? "-" : "+") + f.c.stated_difference->text() + " as stated";
    }
    if (!f.second_ok && f.c.second_figure) {
        out += std::string(out.empty() ? "" : "; ") + "the figure is not " + f.c.second_figure->text() +
               (f.c.kind == claim_kind::multiple ? " times" : "%") + " as stated";
    }
    return out;
}

/// The explanation of a wording that reads two ways ("eight times higher").
[[nodiscard]] inline std::string two_readings_text(const explain_context& x, const std::string& what,
                                                   const std::string& inputs, const std::string& mismatches) {
    const claim_reading& a = x.f.readings[0];
    const claim_reading& b = x.f.readings[1];
    const auto as = [](const claim_reading& r) { return "as " + r.multiple.text() + " times as high"; };
    const std::string out = what + ", " + inputs + "; " + x.quoted + " reads two ways, " + as(a) + " (" +
                            x.multiple_allows(a.allowed) + ") and " + as(b) + " (" + x.multiple_allows(b.allowed) + ")";
    if (!mismatches.empty()) return out + ", and the claim does not hold: " + mismatches + ".";
    if (x.f.out == tally::outcome::holds) return out + ", and the claim holds under both.";
    if (x.f.out == tally::outcome::does_not_hold) return out + ", and the claim holds under neither.";
    const claim_reading& yes = a.outcome == tally::outcome::holds ? a : b;
    const claim_reading& no = a.outcome == tally::outcome::holds ? b : a;
    return out + ", so the claim is ambiguous: it holds " + as(yes) + " but not " + as(no) + ".";
}

/// "; it would hold for a 2018 value of 10,398..10,447", or empty.
[[nodiscard]] inline std::string implied_text(const explain_context& x) {
    const verdict_facts& f = x.f;
    if (!(f.is_change || f.share_input) || !f.implied) return "";
    const interval& i = *f.implied;
    std::string out = f.share_input                ? "; it would hold for a part of "
                      : x.later.starts_with("the ") ? "; it would hold for a value in " + x.later + " of "
                                                    : "; it would hold for a " + x.later + " value of ";
    const auto end = [&](double v) {
        return f.percent_inputs ? x.amount(static_cast<long double>(v)) : amount_text(static_cast<long double>(v), f.integral);
    };
    const bool whole = f.integral && !f.percent_inputs;
    if (!i.lower_unbounded() && !i.upper_unbounded() && i.lower == i.upper) return out + end(i.lower);
    if (whole && !i.lower_unbounded() && !i.upper_unbounded()) return out + end(i.lower) + ".." + end(i.upper);
    if (whole) return out + (i.lower_unbounded() ? "at most " + end(i.upper) : "at least " + end(i.lower));
    return out + interval_text(i, 2, f.percent_inputs ? "%" : "", 1.0);
}

/// ", so the claim holds." and its variants, with what would make it hold.
[[nodiscard]] inline std::string conclusion_text(const explain_context& x, const std::string& mismatches) {
    const verdict_facts& f = x.f;
    if (f.out == tally::outcome::holds) {
        return f.on_boundary ? ", so the claim holds, on the boundary of what it allows." : ", so the claim holds.";
    }
    if (f.readings[0].outcome == tally::outcome::holds) return ", so the claim does not hold: " + mismatches + ".";
    const bool precise = f.c.hedge == hedge::none && f.c.number.has_written_precision() &&
                         f.c.kind != claim_kind::direction && f.c.kind != claim_kind::magnitude;
    std::string out = precise ? ", so the claim does not hold at its stated precision" : ", so the claim does not hold";
    out += implied_text(x);
    if (!mismatches.empty()) out += "; also, " + mismatches;
    return out + ".";
}

/// One paragraph a reader understands: the figure, the inputs, what the
/// wording allows, the verdict, and what would make it hold.
[[nodiscard]] inline std::string explain_text(const verdict_facts& f, std::string_view later_name) {
    const explain_context x = make_context(f, later_name);
    const std::string inputs = inputs_text(x);
    if (f.out == tally::outcome::undefined) {
        return x.quoted + " cannot be checked: " +
               (f.share_input ? "for the part " : f.is_change ? "for a change " : "for the value ") + inputs + ", " +
               reason_text(f.reason.value_or(undefined_reason::not_a_number)) + ".";
    }
    std::string what, allows;
    figure_words(x, inputs, what, allows);
    const std::string mismatches = mismatch_text(x);
    if (f.readings.size() == 2) return two_readings_text(x, what, inputs, mismatches);
    std::string out = what;
    if (f.is_change || f.share_input) out += f.share_input ? " (" + inputs + ")" : ", " + inputs;
    return out + "; " + x.quoted + " allows " + allows + conclusion_text(x, mismatches);
}

} // namespace tally::detail
