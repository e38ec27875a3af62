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

namespace {

using tally::claim;
using tally::direction;
using tally::hedge;

// Accounts/profiles removed by social media firms at the request of HM Prison and Probation Service.
// 2015-2018: Ministry of Justice answer to a Press Association FOI request, reported by ITV News,
//            1 April 2019 ("153 in 2015, followed by 462 in 2016, 527 in 2017 and 594 last year").
// 2019:      HMPPS FOI release reported by PoliticsHome, February 2020 ("387 profiles ... in 2019").
const tally::time_series<int, int> removed{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};

// The checks that can be decided at compile time are: the figures are literals.
static_assert(tally::change{594, 387}.difference() == -207);
static_assert(tally::check(tally::change{594, 387}, claim::direction_of(direction::fall)).holds());
static_assert(tally::check(tally::change{153, 387}, claim::times_as_high("2", hedge::more_than)).holds());
static_assert(tally::check(387, claim::magnitude_of(tally::magnitude::hundreds)).holds());
static_assert(tally::check(387, claim::value("387")).holds());

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

void print_check(const char* statement, const tally::verdict& v, std::string_view later = "later") {
    std::cout << "  " << statement << "\n    " << (v.holds() ? "HOLDS" : "DOES NOT HOLD") << ": " << v.explain(later)
              << "\n";
}

} // namespace

int main(int argc, char** argv) {
    std::cout << "Social media accounts removed at the request of prison authorities, England and Wales\n\n";
    print_table();

    tally::text_chart_options chart;
    chart.width = 30;
    std::cout << '\n' << tally::text_bar_chart(removed, chart) << '\n';

    std::cout << "The article's statements, checked against the figures:\n";
    print_check("\"social media firms had to remove 387 profiles ... in 2019\"",
                tally::check(removed.at(2019), claim::value("387")));
    print_check("\"hundreds of social media accounts\"",
                tally::check(removed.at(2019), claim::magnitude_of(tally::magnitude::hundreds)));
    print_check("\"a drop on the 594 logged in 2018\"",
                tally::check(removed.change(2018, 2019), claim::direction_of(direction::fall)), "2019");
    print_check("\"the 594 logged in 2018\"", tally::check(removed.at(2018), claim::value("594")));
    print_check("\"more than twice as high as it was in 2015, when just 153\"",
                tally::check(removed.change(2015, 2019), claim::times_as_high("2", hedge::more_than)), "2019");
    print_check("\"it was in 2015, when just 153\"", tally::check(removed.at(2015), claim::value("153")));

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
