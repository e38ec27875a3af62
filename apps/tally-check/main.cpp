// tally-check: checks sentences that state numbers against a published table.
//
//   tally-check prison_assaults.csv --where measure=staff --time period --value count
//       "a 110% rise in assaults on staff between 2015 and 2018"
//
// prints the verdict, the reasons, the figure, the values that would make the
// sentence hold and the rows it used; --json prints one JSON object per
// sentence. Exit status: 0 every sentence holds, 1 some do not hold, 2 a
// sentence was refused, ambiguous or undefined, 3 bad input (the highest
// that applies). See docs/tally-check.md.

#include <tally/tally.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "checker.hpp"
#include "report.hpp"
#include "table.hpp"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#ifndef TALLY_CHECK_VERSION
#define TALLY_CHECK_VERSION "unknown"
#endif

namespace {

constexpr const char* examples_text = R"(Examples (the published tables in ../shared/data):

  tally-check ../shared/data/prison_assaults.csv --where measure=staff --time period --value count \
      "a 110% rise in assaults on staff between 2015 and 2018"
    does not hold: +105.8% from 4,963 (2015) to 10,213 (2018); "110%" needs a 2018 count of 10,398..10,447.

  tally-check ../shared/data/social_media_accounts_removed.csv --time year --value accounts_removed \
      "remove 387 profiles at the request of prison authorities in 2019" \
      "more than twice as high in 2019 as it was in 2015, when just 153"
    both hold; a summary table follows the two verdicts.

  tally-check ../shared/data/prison_assaults.csv --where measure=pop --json \
      "a 63% jump in prisoner-on-prisoner assaults in the 12 months to September 2018 compared with the 12 months to September 2015"
    one JSON object: +69.4% on the 12-month totals (12m-to-2015-09, 12m-to-2018-09), so "63%" does not hold.

Exit status: 0 all sentences hold, 1 some do not hold, 2 a sentence was refused, ambiguous or
undefined, 3 bad input (file, column, row, option).)";

/// "col=value" split at its first '='.
std::pair<std::string, std::string> split_where(const std::string& text) {
    const auto at = text.find('=');
    if (at == std::string::npos || at == 0) {
        throw tally_check::input_error("--where " + text + " is not of the form column=value.");
    }
    return {text.substr(0, at), text.substr(at + 1)};
}

/// "5" or "2.5" (percent) as a tally::tolerance.
tally::tolerance read_tolerance(const std::string& text) {
    std::int64_t num = 0;
    std::int64_t den = 100;
    bool point = false;
    int decimals = 0;
    bool digit = false;
    for (char c : text) {
        if (c == '.' && !point) {
            point = true;
        } else if (c >= '0' && c <= '9' && decimals < 4 && num < 1'000'000) {
            num = num * 10 + (c - '0');
            digit = true;
            if (point) {
                ++decimals;
                den *= 10;
            }
        } else {
            throw tally_check::input_error("--tolerance " + text +
                                           " is not a percent of the form 5 or 2.5 (at most four decimals).");
        }
    }
    if (!digit || num >= den) {
        throw tally_check::input_error("--tolerance " + text + " is not a percent from 0 up to (not including) 100.");
    }
    return tally::tolerance{num, den};
}

std::vector<std::string> read_sentences(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw tally_check::input_error("cannot open the sentences file " + path + ".");
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string::npos || line[first] == '#') continue;
        out.push_back(line.substr(first));
    }
    if (out.empty()) throw tally_check::input_error("the sentences file " + path + " has no sentences (one a line).");
    return out;
}

int run(int argc, char** argv) {
    CLI::App app{"tally-check: checks sentences that state numbers (\"a 110% rise between 2015 and 2018\") against a CSV table, "
                 "and says whether each holds, why, and what the data would have to be.",
                 "tally-check"};
    app.footer(examples_text);
    app.get_formatter()->column_width(30);

    std::string file;
    std::vector<std::string> sentences;
    std::string sentences_file;
    std::vector<std::string> where;
    std::string calendar_name;
    std::string tolerance_text;
    tally_check::table_request request;
    bool json = false;

    app.add_option("file", file, "the CSV table (\"-\" reads standard input); '#' lines are comments")->required();
    app.add_option("sentences", sentences, "the sentences to check, each one argument (after \"--\" when one starts with '-')");
    app.add_option("--sentences", sentences_file, "a file of sentences to check, one a line ('#' lines skipped)");
    app.add_option("--time", request.time_column,
                   "the column of times (default: the first named year, period, date, time, quarter or month)");
    app.add_option("--value", request.value_column,
                   "the column of values (default: the one column left once time, --where and source are set aside)");
    app.add_option("--where", where, "keep only the rows where column = value; repeat for several (all must match)")
        ->allow_extra_args(false);
    app.add_option("--part", request.part_column, "shares: the column of parts (with --whole)");
    app.add_option("--whole", request.whole_column, "shares: the column of wholes (with --part)");
    app.add_option("--source", request.source_column, "the column naming each row's source (default: \"source\" if there is one)");
    app.add_option("--calendar", calendar_name, "the times' calendar, instead of reading it from the values")
        ->check(CLI::IsMember({"year", "quarter", "month", "fiscal", "day"}));
    app.add_option("--tolerance", tolerance_text,
                   "the percent that \"about\", \"almost\" and \"just over/under\" allow around a figure (default 5)");
    app.add_flag("--json", json, "one JSON object per sentence, one a line, instead of text");
    app.set_version_flag("--version", std::string("tally-check ") + TALLY_CHECK_VERSION);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "tally-check: " << e.what() << " (tally-check --help shows the options).\n";
        return 3;
    }

    try {
        request.path = file;
        for (const std::string& w : where) request.where.push_back(split_where(w));
        if (!calendar_name.empty()) {
            for (auto c : {tally_check::calendar::year, tally_check::calendar::quarter, tally_check::calendar::month,
                           tally_check::calendar::fiscal, tally_check::calendar::day}) {
                if (tally_check::calendar_option(c) == calendar_name) request.forced = c;
            }
        }
        tally::claim_options options{};
        if (!tolerance_text.empty()) {
            const tally::tolerance t = read_tolerance(tolerance_text);
            options = tally::claim_options{t, t, t};
        }
        if (!sentences_file.empty()) {
            const std::vector<std::string> more = read_sentences(sentences_file);
            sentences.insert(sentences.end(), more.begin(), more.end());
        }
        if (sentences.empty()) {
            throw tally_check::input_error("there is no sentence to check; give one after the file name, or a file of them with --sentences.");
        }

        const tally_check::table t = tally_check::read_table(request);

        std::string selection = t.name;
        nlohmann::ordered_json selection_json;
        selection_json["file"] = t.name;
        nlohmann::ordered_json where_json = nlohmann::ordered_json::object();
        for (const auto& [column, value] : request.where) {
            selection += ", " + column + "=" + value;
            where_json[column] = value;
        }
        selection_json["where"] = where_json;
        selection_json["time"] = t.time_name;
        if (t.shares) {
            selection += ", " + t.time_name + " -> " + t.value_name + " of " + t.whole_name;
            selection_json["part"] = t.value_name;
            selection_json["whole"] = t.whole_name;
        } else {
            selection += ", " + t.time_name + " -> " + t.value_name;
            selection_json["value"] = t.value_name;
        }

        std::vector<tally_check::result> results;
        int status = 0;
        for (std::size_t i = 0; i < sentences.size(); ++i) {
            results.push_back(tally_check::check_sentence(t, sentences[i], options));
            const tally_check::result& r = results.back();
            status = std::max(status, tally_check::exit_status(r.outcome));
            if (json) {
                // a byte that is not UTF-8 (a Latin-1 table, say) is written as U+FFFD
                std::cout << tally_check::json_report(t, selection_json, r)
                                 .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
                          << '\n';
            } else {
                if (i != 0) std::cout << '\n';
                std::cout << tally_check::text_report(t, selection, r);
            }
        }
        if (!json && results.size() > 1) std::cout << '\n' << tally_check::text_summary(results);
        std::cout.flush();
        return status;
    } catch (const tally_check::input_error& e) {
        std::cout.flush();
        std::cerr << "tally-check: " << e.what() << '\n';
        return 3;
    }
}

} // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "tally-check: out of memory while reading the table.\n";
        return 3;
    } catch (const std::exception& e) {
        std::cerr << "tally-check: " << e.what() << '\n';
        return 3;
    }
}
