// Worked example: a small fact-checking report. Each claim is checked as it
// was printed, against the figures it is about, and the report says what
// holds, what does not, and what the data would have to be.
//
//   example-04-fact-check
#include <tally/claims.hpp>
#include <tally/describe.hpp>
#include <tally/time_series.hpp>

#include <cstddef>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// Accounts/profiles removed by social media firms at the request of prison authorities.
// 2015-2018: MoJ answer to a Press Association FOI request, reported by ITV News, 1 April 2019.
// 2019:      HMPPS FOI release reported by PoliticsHome, February 2020.
const tally::time_series<int, int> removed{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

// Assaults on staff, calendar years, MoJ Safety in Custody as first published:
// 2014 April 2016 (quoted by Maybo, 2016), 2015 April 2016, 2016 April 2017, 2017 April 2018, 2018 April 2019.
const tally::time_series<int, int> staff{{2014, 3640}, {2015, 4963}, {2016, 6844}, {2017, 8429}, {2018, 10213}};

// All assault incidents, calendar years, MoJ Safety in Custody: 2015 April 2016, 2016 April 2017,
// 2017 April 2018, 2018 April 2019.
const tally::time_series<int, int> all_assaults{{2015, 20518}, {2016, 26022}, {2017, 29485}, {2018, 34223}};

// Self-harm incidents, calendar years, MoJ Safety in Custody: 2015 summary tables to March 2016
// (four quarters summed), 2018 April 2019.
const tally::time_series<int, int> self_harm{{2015, 32313}, {2018, 55598}};

// Prisoner-on-prisoner assaults, 12 months to September, MoJ Safety in Custody:
// 2015 January 2016 (Professional Security), 2017 January 2018 (Daily Mail), 2018 January 2019 (BBC News).
constexpr int pop_12m_to_sep_2015 = 14247;
constexpr int pop_12m_to_sep_2017 = 20346;
constexpr int pop_12m_to_sep_2018 = 24138;

// The article's own comparisons, decided at compile time from the words as printed.
static_assert(tally::check(tally::change{594, 387}, "a drop on the 594 logged in 2018").holds());
static_assert(tally::check(tally::change{153, 387}, "more than twice as high as it was in 2015, when just 153").holds());
static_assert(!tally::check(tally::change{4963, 10213}, "a 110% rise in assaults on staff between 2015 and 2018").holds());

struct row {
    std::string claim;      // as printed
    std::string who;        // who printed it
    std::string data;       // what it was checked against
    tally::verdict verdict;
};

/// A number with a fixed number of decimals: fixed(2.5294, 2) is "2.53".
std::string fixed(double x, int decimals, bool sign = false) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << (sign ? std::showpos : std::noshowpos) << x;
    return out.str();
}

/// The figure a verdict computed, in the claim's unit.
std::string figure_text(const tally::verdict& v) {
    if (v.outcome() == tally::outcome::undefined) return "none";
    switch (v.claim().kind) {
    case tally::claim_kind::percent_change: return tally::to_string(tally::percent<double>(v.figure()), 1);
    case tally::claim_kind::multiple: return fixed(v.figure(), 2) + " times";
    case tally::claim_kind::direction: return fixed(v.figure(), 0, true);
    case tally::claim_kind::share: return fixed(v.figure(), 1) + "%";
    case tally::claim_kind::points: return tally::to_string(tally::percentage_points<double>(v.figure()), 2);
    default: return fixed(v.figure(), 0);
    }
}

std::string verdict_text(const tally::verdict& v) {
    switch (v.outcome()) {
    case tally::outcome::holds: return "holds";
    case tally::outcome::does_not_hold: return "does not hold";
    case tally::outcome::undefined: return "undefined";
    case tally::outcome::ambiguous: return "ambiguous";
    }
    return "";
}

} // namespace

int main() {
    std::vector<row> rows;
    rows.push_back({"remove 387 profiles at the request of prison authorities in 2019", "PoliticsHome, 2020",
                    "removals, 2019", tally::check(removed, "remove 387 profiles at the request of prison authorities in 2019")});
    rows.push_back({"hundreds of social media accounts", "PoliticsHome, 2020", "removals, 2019",
                    tally::check(removed.at(2019), "hundreds of social media accounts")});
    rows.push_back({"a drop on the 594 logged in 2018", "PoliticsHome, 2020", "removals, 2018 -> 2019",
                    tally::check(removed.change(2018, 2019), "a drop on the 594 logged in 2018")});
    rows.push_back({"more than twice as high as it was in 2015, when just 153", "PoliticsHome, 2020",
                    "removals, 2015 -> 2019",
                    tally::check(removed.change(2015, 2019), "more than twice as high as it was in 2015, when just 153")});
    rows.push_back({"a 110% rise in assaults on staff between 2015 and 2018", "NAO, 2020", "staff, 2015 -> 2018",
                    tally::check(staff, "a 110% rise in assaults on staff between 2015 and 2018")});
    rows.push_back({"a 63% jump in prisoner-on-prisoner assaults", "NAO, 2020", "p-on-p, 12m to Sep 2015 -> 2018",
                    tally::check(tally::change{pop_12m_to_sep_2015, pop_12m_to_sep_2018},
                                 "a 63% jump in prisoner-on-prisoner assaults")});
    rows.push_back({"4,963 ... up 36% from 3,640 in 2014", "Maybo, 2016", "staff, 2014 -> 2015",
                    tally::check(staff.change(2014, 2015), "4,963 ... up 36% from 3,640 in 2014")});
    rows.push_back({"risen to 6,844, up almost 40% on 2015", "AOL/PA, 2017", "staff, 2015 -> 2016",
                    tally::check(staff.change(2015, 2016), "risen to 6,844, up almost 40% on 2015")});
    rows.push_back({"a year-on-year rise of ... 23%", "ITV, 2018", "staff, 2016 -> 2017",
                    tally::check(staff.change(2016, 2017), "a year-on-year rise of ... 23%")});
    rows.push_back({"10,213 ... up 21%", "Belfast Telegraph/PA, 2019", "staff, 2017 -> 2018",
                    tally::check(staff.change(2017, 2018), "10,213 ... up 21%")});
    rows.push_back({"34,223 assaults in 2018, up 16% from 2017", "Guardian, 2019", "all, 2017 -> 2018",
                    tally::check(all_assaults, "34,223 assaults in 2018, up 16% from 2017")});
    rows.push_back({"up 18%", "BBC News, 2019", "p-on-p, 12m to Sep 2017 -> 2018",
                    tally::check(tally::change{pop_12m_to_sep_2017, pop_12m_to_sep_2018}, "up 18%")});
    rows.push_back({"a 73% increase in self-harm incidents", "NAO, 2020", "self-harm, 2015 -> 2018",
                    tally::check(self_harm.change(2015, 2018), "a 73% increase in self-harm incidents")});

    std::cout << "Fact check: claims about prisons and social media, against the published figures\n\n";
    std::cout << " #  verdict        figure       checked against                   claim as printed (source)\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const row& r = rows[i];
        std::cout << std::setw(2) << i + 1 << "  " << std::left << std::setw(15) << verdict_text(r.verdict)
                  << std::setw(13) << figure_text(r.verdict) << std::setw(34) << r.data << std::right << "\""
                  << r.claim << "\" (" << r.who << ")\n";
    }

    std::cout << "\nWhy:\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::cout << std::setw(2) << i + 1 << "  " << rows[i].verdict.explain() << '\n';
    }

    // Sentences tally cannot read: each is refused with a message naming what it could not read,
    // never checked on less than it states.
    std::cout << "\nClaims tally refuses, and why:\n";
    const std::vector<std::pair<std::string, std::string>> refused{
        // MoJ, April 2017: "a record level" needs every earlier year, not the change it states
        {"a record level of 26,022 - up 27%", "MoJ, 2017"},
        // Sputnik, 2020-02-07, reporting the NAO: an extreme over a span
        {"2015 - 2018 saw all-time highs", "Sputnik, 2020"},
        // the same report: three claims in one sentence
        {"110% increase in prisoner assaults on staff; 63% increase in prisoner-on-prisoner assaults; and 73% "
         "increase in self-harm incidents",
         "Sputnik, 2020"}};
    for (const auto& [text, who] : refused) {
        std::cout << "  \"" << text << "\" (" << who << ")\n";
        try {
            (void)tally::check(all_assaults.change(2015, 2016), text);
            std::cout << "    [read]\n";
        } catch (const tally::parse_error& e) {
            std::cout << "    " << e.what() << '\n';
        }
    }

    std::cout << "\nThe same changes as a careful reporter would write them (each reads back and holds):\n";
    const auto read_back = [](const std::string& text, const tally::verdict& v) {
        std::cout << "  " << text << (v.holds() ? "" : "  [does not read back]") << '\n';
    };
    for (const auto& c : {removed.change(2018, 2019), removed.change(2015, 2019), staff.change(2015, 2018),
                          tally::change{pop_12m_to_sep_2015, pop_12m_to_sep_2018}}) {
        const std::string text = tally::describe(c);
        read_back(text, tally::check(c, text));
    }
    // The share of all assaults that were on staff, 2015 and 2018 (the series above).
    const tally::share<int> staff_share_2015{staff.at(2015), all_assaults.at(2015)};
    const tally::share<int> staff_share_2018{staff.at(2018), all_assaults.at(2018)};
    const std::string text = tally::describe(staff_share_2015, staff_share_2018);
    read_back(text, tally::check(staff_share_2015, staff_share_2018, text));
    return 0;
}
