// The README's example: a series, a change, and a claim checked as written.
#include <tally/tally.hpp>

#include <iostream>

int main() {
    // Social media accounts removed at the request of prison authorities, England and Wales
    // (MoJ FOI answer, ITV News 2019-04-01; 2019: HMPPS FOI, PoliticsHome February 2020).
    const tally::time_series<int, int> removed{{2015, 153}, {2016, 462}, {2017, 527}, {2018, 594}, {2019, 387}};
    std::cout << removed.change(2018, 2019) << '\n';

    // Assaults on staff in prisons, 2015 and 2018 (MoJ Safety in Custody, as first published).
    const tally::change staff{4963, 10213};
    const auto verdict = tally::check(staff, tally::claim::percent_change("110", tally::direction::rise));
    std::cout << verdict.explain("2018") << '\n';
}
