// Worked example: the social media accounts removed at the request of
// prison authorities, and the article's four statements about them
// (PoliticsHome, February 2020).
//
//   example-02-social-media-accounts [--svg chart.svg]
#include <tally/chart.hpp>
#include <tally/claims.hpp>
#include <tally/time_series.hpp>

#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <type_traits>

namespace {

// Accounts/profiles removed by social media firms at the request of HM Prison and Probation Service.
// 2015-2018: Ministry of Justice answer to a Press Association FOI request, reported by ITV News,
//            1 April 2019 ("153 in 2015, followed by 462 in 2016, 527 in 2017 and 594 last year").
// 2019:      HMPPS FOI release reported by PoliticsHome, February 2020 ("387 profiles ... in 2019").
const tally::time_series<int, int> removed{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

// The checks that can be decided at compile time are, since the figures are literals:
// the sentences are parsed and checked by the compiler.
static_assert(tally::change{594, 387}.difference() == -207);
static_assert(tally::check(tally::change{594, 387}, "a drop on the 594 logged in 2018").holds());
static_assert(tally::check(tally::change{153, 387}, "more than twice as high as it was in 2015, when just 153").holds());
static_assert(tally::check(387, "hundreds of social media accounts").holds());
static_assert(tally::check(387, "remove 387 profiles at the request of prison authorities in 2019").holds());

void print_table() {
    std::cout << "year  removed  change on the previous year\n";
    for (const auto [year, count] : removed) {
        std::cout << year << std::setw(9) << count;
        const int previous = tally::previous_period(year);
        if (removed.contains(previous)) {
            const tally::change<int> c = removed.change(previous, year);
            std::ostringstream difference;
            difference << std::showpos << c.difference();
            std::cout << std::setw(8) << difference.str() << std::setw(9) << tally::to_string(c.percent(), 1);
        }
        std::cout << '\n';
    }
}

template <class Data>
void print_check(const char* sentence, const Data& data, std::string_view later = "later") {
    const tally::verdict v = tally::check(data, sentence);
    std::cout << "  \"" << sentence << "\"\n    " << (v.holds() ? "HOLDS" : "DOES NOT HOLD") << ": "
              << (std::is_same_v<Data, tally::time_series<int, int>> ? v.explain() : v.explain(later)) << "\n";
}

} // namespace

int main(int argc, char** argv) {
    std::cout << "Social media accounts removed at the request of prison authorities, England and Wales\n\n";
    print_table();

    tally::text_chart_options chart;
    chart.width = 30;
    std::cout << '\n' << tally::text_bar_chart(removed, chart) << '\n';

    // Each sentence as printed, with the figures it speaks of.
    std::cout << "The article's statements, checked against the figures:\n";
    print_check("social media firms had to remove 387 profiles at the request of prison authorities in 2019",
                removed);
    print_check("hundreds of social media accounts", removed.at(2019));
    print_check("a drop on the 594 logged in 2018", removed.change(2018, 2019), "2019");
    print_check("more than twice as high as it was in 2015, when just 153", removed.change(2015, 2019), "2019");
    std::cout << "The total the ITV News report (2019-04-01) gave for the FOI answer's years:\n";
    print_check("a total of 1,736 between 2015 and 2018", removed);

    const tally::change<int> fall = removed.change(2018, 2019);
    const tally::change<int> since_2015 = removed.change(2015, 2019);
    std::cout << "\nIn figures: 2018 -> 2019 " << fall << "; 2015 -> 2019 " << since_2015 << ", "
              << std::fixed << std::setprecision(2) << since_2015.ratio() << " times as high.\n";

    if (argc == 3 && std::strcmp(argv[1], "--svg") == 0) {
        tally::svg_chart_options svg;
        svg.title = "Social media accounts removed at the request of prison authorities";
        svg.x_label = "Year";
        svg.y_label = "Accounts removed";
        std::ofstream(argv[2]) << tally::svg_bar_chart(removed, svg);
        std::cerr << "wrote " << argv[2] << '\n';
    }
}
