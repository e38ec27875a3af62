// Worked example: the National Audit Office's "110% rise in assaults on
// staff between 2015 and 2018" and "63% jump in prisoner-on-prisoner
// assaults" (as quoted by PoliticsHome, February 2020), checked against the
// Ministry of Justice figures as first published. It shows what reproduces,
// what does not, and what the figures would have to be.
//
//   example-03-prison-assaults [--svg chart.svg]
#include <tally/chart.hpp>
#include <tally/claims.hpp>
#include <tally/stats.hpp>
#include <tally/time_series.hpp>

#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <locale>
#include <sstream>
#include <string>

namespace {

// Assaults on staff in prison custody, England and Wales, calendar years, as first published in
// MoJ Safety in Custody bulletins: 2014 and 2015 from April 2016 (Maybo, 2016: "4,963 ... up 36%
// from 3,640 in 2014"); 2016 from April 2017 (AOL/PA 2017-04-27: "6,844, up almost 40% on 2015");
// 2017 from April 2018 (ITV 2018-04-26: "a year-on-year rise of ... 23%"); 2018 from April 2019
// (Belfast Telegraph/PA: "10,213 ... up 21%").
const tally::time_series<int, int> staff{{2014, 3640}, {2015, 4963}, {2016, 6844}, {2017, 8429}, {2018, 10213}};

// Assaults on staff, 12 months to September: 2015 from MoJ Safety in Custody, January 2016
// (written parliamentary question, 2016-01-28); 2018 from January 2019 (BBC News uk-47070713).
constexpr int staff_12m_to_sep_2015 = 4568;
constexpr int staff_12m_to_sep_2018 = 10085;

// Prisoner-on-prisoner assaults, 12 months to September: 2015 from MoJ Safety in Custody,
// January 2016 (Professional Security); 2018 from January 2019 (BBC News uk-47070713: "up 18%").
constexpr int pop_12m_to_sep_2015 = 14247;
constexpr int pop_12m_to_sep_2018 = 24138;

// Prisoner-on-prisoner assaults, calendar 2015: MoJ Safety in Custody summary tables to March 2016,
// quarterly assaults table, the four quarters of 2015 summed (BBC Data Unit, prison-assaults
// repository). The calendar 2018 count was not located.
constexpr int pop_2015 = 15511;

// Prison population on 30 June (Offender Management Statistics Quarterly, quoted in a MoJ written
// parliamentary answer). MoJ's rates per 1,000 prisoners use the average population over the
// year, so rates from these snapshots approximate MoJ's.
constexpr int population_2015 = 86193;
constexpr int population_2018 = 82773;

// The National Audit Office's sentences, as quoted by PoliticsHome (February 2020).
constexpr const char* staff_claim = "a 110% rise in assaults on staff between 2015 and 2018";
constexpr const char* pop_claim = "a 63% jump in prisoner-on-prisoner assaults";

// Decided at compile time, exactly, from the integers:
static_assert(!tally::check(tally::change{4963, 10213}, staff_claim).holds());
static_assert(!tally::check(tally::change{staff_12m_to_sep_2015, staff_12m_to_sep_2018}, staff_claim).holds());
static_assert(!tally::check(tally::change{pop_12m_to_sep_2015, pop_12m_to_sep_2018}, pop_claim).holds());

// Counts printed with commas between thousands, as the sources print them.
struct with_commas : std::numpunct<char> {
    char do_thousands_sep() const override { return ','; }
    std::string do_grouping() const override { return "\3"; }
};

/// A count with commas between thousands: 25206 -> "25,206".
std::string with_separators(long long count) {
    std::ostringstream out;
    out.imbue(std::locale(out.getloc(), new with_commas));
    out << count;
    return out.str();
}

std::string per_1000(double rate) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << rate << " per 1,000";
    return out.str();
}

void print_verdict(const char* heading, const tally::verdict& v, std::string_view later) {
    std::cout << "  " << heading << "\n    " << (v.holds() ? "HOLDS" : "DOES NOT HOLD") << ": " << v.explain(later)
              << '\n';
}

void print_rates(const char* measure, int count_2015, int count_2018, const char* sentence) {
    const double r2015 = tally::rate(count_2015, population_2015, 1000);
    const double r2018 = tally::rate(count_2018, population_2018, 1000);
    const tally::change<double> rates{r2015, r2018};
    std::cout << "  " << measure << " per 1,000 prisoners (population on 30 June): " << per_1000(r2015) << " -> "
              << per_1000(r2018) << '\n';
    const tally::verdict v = tally::check(rates, sentence);
    std::cout << "    " << (v.holds() ? "HOLDS" : "DOES NOT HOLD") << ": rates " << tally::to_string(rates.percent())
              << "; \"" << tally::to_string(v.claim()) << "\" allows " << tally::to_string(tally::percent{v.allowed().lower}, 1)
              << ".." << tally::to_string(tally::percent{v.allowed().upper}, 1) << ".\n";
}

} // namespace

int main(int argc, char** argv) {
    std::cout << "Assaults on staff in prisons, England and Wales (as first published)\n\n";
    std::cout << "year  assaults  change on the previous year\n";
    for (const auto [year, count] : staff) {
        std::cout << year << std::setw(10) << count;
        if (staff.contains(year - 1)) std::cout << std::setw(9) << tally::to_string(staff.change(year - 1, year).percent());
        std::cout << '\n';
    }
    tally::text_chart_options chart;
    chart.width = 30;
    std::cout << '\n' << tally::text_bar_chart(staff, chart) << '\n';

    std::cout << "The press reports of each year's rise, checked:\n";
    print_verdict("2015: \"up 36% from 3,640 in 2014\" (Maybo, 2016)",
                  tally::check(staff.change(2014, 2015), "up 36% from 3,640 in 2014"), "2015");
    print_verdict("2016: \"up almost 40% on 2015\" (AOL/PA, 2017)",
                  tally::check(staff.change(2015, 2016), "up almost 40% on 2015"), "2016");
    print_verdict("2017: \"a year-on-year rise of ... 23%\" (ITV, 2018)",
                  tally::check(staff.change(2016, 2017), "a year-on-year rise of 23%"), "2017");
    print_verdict("2018: \"10,213 ... up 21%\" (PA, 2019)", tally::check(staff.change(2017, 2018), "up 21%"), "2018");

    std::cout << "\n\"" << staff_claim << "\" (National Audit Office)\n";
    print_verdict("calendar-year counts, as first published:", tally::check(staff, staff_claim), "2018");
    print_verdict("12 months to September:",
                  tally::check(tally::change{staff_12m_to_sep_2015, staff_12m_to_sep_2018}, staff_claim),
                  "September 2018");
    print_rates("calendar-year counts", staff.at(2015), staff.at(2018), staff_claim);

    std::cout << "\n\"" << pop_claim << "\" (National Audit Office)\n";
    // The calendar 2018 count is not known: check the claim against no change from 15,511, and ask
    // which later values would make it hold (implied() depends only on the earlier value).
    const tally::verdict pop_calendar = tally::check(tally::change{pop_2015, pop_2015}, pop_claim);
    const tally::interval pop_2018_needed = pop_calendar.implied().value();
    std::cout << "  calendar years: " << with_separators(pop_2015) << " in 2015; the 2018 count was not located.\n"
              << "    For \"63%\" (" << tally::to_string(tally::percent{pop_calendar.allowed().lower}, 1) << ".."
              << tally::to_string(tally::percent{pop_calendar.allowed().upper}, 1) << ") the calendar 2018 count would have to be "
              << with_separators(static_cast<long long>(pop_2018_needed.lower)) << ".."
              << with_separators(static_cast<long long>(pop_2018_needed.upper)) << ".\n";
    print_verdict("12 months to September:",
                  tally::check(tally::change{pop_12m_to_sep_2015, pop_12m_to_sep_2018}, pop_claim), "September 2018");
    print_rates("12-month counts", pop_12m_to_sep_2015, pop_12m_to_sep_2018, pop_claim);

    // The summary, from the same computations as above.
    const auto pct = [](int from, int to) { return tally::to_string(tally::change{from, to}.percent()); };
    const auto rate_pct = [](int from, int to) {
        return tally::to_string(tally::change{tally::rate(from, population_2015, 1000),
                                              tally::rate(to, population_2018, 1000)}
                                    .percent());
    };
    const auto range_text = [](const tally::interval& i) {
        std::ostringstream out;
        out.imbue(std::locale(out.getloc(), new with_commas));
        out << static_cast<long long>(i.lower) << ".." << static_cast<long long>(i.upper);
        return out.str();
    };
    const tally::verdict staff_verdict = tally::check(staff, staff_claim);
    std::cout << "\nWhat reproduces and what does not:\n"
              << "  - The year-on-year rises the press reported as 36%, 23% and 21% reproduce from the counts;\n"
              << "    \"almost 40%\" for 2016 (" << pct(staff.at(2015), staff.at(2016))
              << ") is just outside what tally reads \"almost\" to allow (within 5% below 40%).\n"
              << "  - \"110%\" does not: the first-published counts give " << pct(staff.at(2015), staff.at(2018))
              << ", the 12 months to September " << pct(staff_12m_to_sep_2015, staff_12m_to_sep_2018)
              << ",\n    and rates per 1,000 prisoners from June populations " << rate_pct(staff.at(2015), staff.at(2018))
              << ".\n    A 2018 count of " << range_text(staff_verdict.implied().value()) << " (given 4,963 in 2015),\n"
              << "    or a 2015 count of " << range_text(staff_verdict.implied_from().value())
              << " (given 10,213 in 2018), would make it hold.\n"
              << "  - \"63%\" does not reproduce from the figures we hold: 12 months to September give "
              << pct(pop_12m_to_sep_2015, pop_12m_to_sep_2018) << ",\n    and rates "
              << rate_pct(pop_12m_to_sep_2015, pop_12m_to_sep_2018) << "; a September 2018 count of "
              << range_text(tally::check(tally::change{pop_12m_to_sep_2015, pop_12m_to_sep_2018}, pop_claim).implied().value())
              << " (given 14,247) would make it hold;\n    on calendar years, given 15,511 in 2015, a 2018 count of "
              << range_text(tally::check(tally::change{pop_2015, pop_2015}, pop_claim).implied().value()) << " would.\n"
              << "  - Why: the report does not state its inputs. Its figures most likely come from MoJ's revised\n"
                 "    tables (MoJ revises assault counts in later bulletins) or from rates on the average\n"
                 "    population, neither of which is in the material we hold; nothing here is back-solved.\n";

    if (argc == 3 && std::strcmp(argv[1], "--svg") == 0) {
        tally::svg_chart_options svg;
        svg.title = "Assaults on staff in prisons, England and Wales";
        svg.x_label = "Year";
        svg.y_label = "Assaults on staff";
        std::ofstream(argv[2]) << tally::svg_bar_chart(staff, svg);
        std::cerr << "wrote " << argv[2] << '\n';
    }
}
