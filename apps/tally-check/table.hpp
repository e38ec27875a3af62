#pragma once
// tally-check: the rows of a CSV table that a check uses.
//
// The file is read with fast-cpp-csv-parser (Debian libfccp-dev): its
// LineReader reads the file in large blocks and hands out lines (a UTF-8
// byte order mark and CRLF line ends are handled there), and its
// double_quote_escape policy finds the end of each field and undoes RFC 4180
// quoting ("a, b" and "say ""hi"""). Its CSVReader fixes the number of
// columns at compile time, so the columns are split here, one field at a
// time with that policy, into as many fields as the header has.
//
// The file reaches the LineReader through line_ended_file, which ends a
// last line that has no line break, so the reader never looks past its data.
//
// Lines whose first non-blank character is '#' are comments; blank lines
// are skipped. The first other line is the header. A quoted field cannot
// hold a line break (the reader is line-based); such a field is reported as
// not closed, naming its line and column.

#ifndef CSV_IO_NO_THREAD
#define CSV_IO_NO_THREAD  // one core: no reader thread
#endif
// GCC 12 at -O2 and above warns (-Wstringop-truncation) about the header's
// strncpy of a file name into its 256-byte error buffer once it is inlined
// here; the copy is bounded and terminated, so that warning is off for it.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#endif
#include <libfccp/csv.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

#include "numbers.hpp"
#include "times.hpp"

#include <algorithm>
#include <cstddef>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

namespace tally_check {

/// A bad input: a file that cannot be read, a column that is not there, a
/// cell that is not what it must be. Exit status 3. The message is one
/// sentence naming the file, the line and the column.
class input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What to read from the table.
struct table_request {
    std::string path;                 ///< "-" for standard input
    std::string time_column;          ///< empty: the first of year, period, date, time, quarter, month
    std::string value_column;         ///< empty: the one column left over (see docs)
    std::vector<std::pair<std::string, std::string>> where;  ///< column = value, all must match
    std::string part_column;          ///< shares: the part ...
    std::string whole_column;         ///< ... and its whole
    std::string source_column;        ///< empty: "source" when the table has one
    std::optional<calendar> forced{}; ///< --calendar
};

/// Text kept for the rows, in blocks that never move, so a row can hold
/// views of it and stay trivially copyable (a million rows are moved and
/// sorted cheaply).
class text_store {
public:
    /// A copy of `s` that lives as long as the store.
    [[nodiscard]] std::string_view keep(std::string_view s) {
        if (s.empty()) return {};
        if (s.size() > capacity_ - used_) {
            capacity_ = std::max<std::size_t>(s.size(), block_size);
            blocks_.push_back(std::make_unique<char[]>(capacity_));
            used_ = 0;
        }
        char* at = blocks_.back().get() + used_;
        std::copy(s.begin(), s.end(), at);
        used_ += s.size();
        return {at, s.size()};
    }

private:
    static constexpr std::size_t block_size = std::size_t{1} << 20;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t used_ = 0;
    std::size_t capacity_ = 0;
};

/// One row kept: where it is, its time, its numbers as read and as written
/// (views into the table's text_store).
struct row {
    std::size_t line = 0;
    time_point time{};
    std::string_view time_text;
    number value{};        ///< the value, or the part of a share
    std::string_view value_text;
    number whole{};        ///< the whole of a share
    std::string_view whole_text;
    std::string_view source;
};

/// The rows a request keeps, split into calendar rows and rolling 12-month rows.
struct table {
    std::string path;
    std::string name;                 ///< the file name as given, for messages
    std::vector<std::string> header;
    std::size_t header_line = 0;
    std::string time_name, value_name, whole_name, source_name;
    std::size_t time_index = 0, value_index = 0;
    bool shares = false;              ///< part and whole instead of one value
    std::optional<calendar> cal{};    ///< the calendar of `rows`; empty when there are none
    std::vector<row> rows;            ///< calendar rows, in time order
    std::vector<row> rolling;         ///< 12m-to-YYYY-MM rows, in time order
    bool integral = true;             ///< every number kept is an integer
    text_store text;                  ///< the text the rows' views point into
};

namespace detail {

inline constexpr std::string_view time_column_names[] = {"year", "period", "date", "time", "quarter", "month"};

[[nodiscard]] inline std::string lower_text(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// A cell's text for a message: quoted, at most 40 characters, control and
/// non-ASCII bytes written as \xHH.
[[nodiscard]] inline std::string cell_text(std::string_view s) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out = "\"";
    std::size_t shown = 0;
    for (char c : s) {
        if (shown == 40) {
            out += "...";
            break;
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7F) {
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 0xF];
        } else {
            out += c;
        }
        ++shown;
    }
    out += '"';
    return out;
}

/// Splits a line into its fields in place: each field trimmed of spaces and
/// tabs, then unquoted. Throws input_error when a quoted field is not closed.
inline void split_line(char* line, std::vector<std::string_view>& fields, const std::string& where_text) {
    using quoting = io::double_quote_escape<',', '"'>;
    fields.clear();
    char* rest = line;
    while (rest != nullptr) {
        char* begin = rest;
        char* end = nullptr;
        try {
            end = begin + (quoting::find_next_column_end(begin) - begin);
        } catch (const io::error::base&) {
            throw input_error(where_text + ", column " + std::to_string(fields.size() + 1) +
                              ": a quoted field is not closed on its line (tally-check reads a field's line breaks as the end of the row).");
        }
        if (*end == '\0') {
            rest = nullptr;
        } else {
            *end = '\0';
            rest = end + 1;
        }
        while (begin != end && (*begin == ' ' || *begin == '\t')) ++begin;
        while (begin != end && (end[-1] == ' ' || end[-1] == '\t')) --end;
        *end = '\0';
        quoting::unescape(begin, end);
        fields.emplace_back(begin, static_cast<std::size_t>(end - begin));
    }
}

/// A file as io::LineReader reads it, ending in a line break even where the
/// file does not: the reader looks at the byte after a last line that has
/// none, which is past the data it read. A read error throws input_error.
class line_ended_file : public io::ByteSourceBase {
public:
    line_ended_file(std::FILE* file, bool owned, std::string name) : file_(file), owned_(owned), name_(std::move(name)) {
        std::setvbuf(file_, nullptr, _IONBF, 0);
    }
    line_ended_file(const line_ended_file&) = delete;
    line_ended_file& operator=(const line_ended_file&) = delete;
    ~line_ended_file() override {
        if (owned_) std::fclose(file_);
    }

    /// Up to `size` bytes; at the end of the file, a '\n' after a last byte that is not one.
    int read(char* buffer, int size) override {
        if (ended_ || size <= 0) return 0;
        const std::size_t n = std::fread(buffer, 1, static_cast<std::size_t>(size), file_);
        if (n < static_cast<std::size_t>(size)) {
            if (std::ferror(file_)) {
                const int why = errno;
                throw input_error("cannot read " + name_ + ": " + std::error_code(why, std::generic_category()).message() + ".");
            }
            ended_ = true;
            const char last = n > 0 ? buffer[n - 1] : last_;
            if ((n > 0 || read_any_) && last != '\n') {
                buffer[n] = '\n';
                return static_cast<int>(n + 1);
            }
        }
        if (n > 0) {
            read_any_ = true;
            last_ = buffer[n - 1];
        }
        return static_cast<int>(n);
    }

private:
    std::FILE* file_;
    bool owned_;
    std::string name_;
    bool ended_ = false;
    bool read_any_ = false;
    char last_ = '\n';
};

[[nodiscard]] inline bool is_comment_or_blank(const char* line) {
    while (*line == ' ' || *line == '\t') ++line;
    return *line == '\0' || *line == '#';
}

[[nodiscard]] inline std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i != 0) out += ", ";
        out += names[i];
    }
    return out;
}

} // namespace detail

/// Reads the rows `request` asks for. Throws input_error (see the class).
[[nodiscard]] inline table read_table(const table_request& request) {
    table t;
    t.path = request.path;
    t.name = request.path == "-" ? std::string("standard input") : request.path;
    std::unique_ptr<io::LineReader> reader;
    if (request.path == "-") {
        reader = std::make_unique<io::LineReader>("standard input",
                                                  std::make_unique<detail::line_ended_file>(stdin, false, t.name));
    } else {
        std::error_code ec;
        if (std::filesystem::is_directory(request.path, ec)) {
            throw input_error("cannot read " + t.name + ": it is a directory, not a CSV file.");
        }
        std::FILE* file = std::fopen(request.path.c_str(), "rb");
        if (file == nullptr) {
            const int why = errno;
            throw input_error("cannot open " + t.name + ": " + std::error_code(why, std::generic_category()).message() + ".");
        }
        reader = std::make_unique<io::LineReader>(request.path, std::make_unique<detail::line_ended_file>(file, true, t.name));
    }

    const auto at_line = [&t](std::size_t line) { return t.name + ", line " + std::to_string(line); };
    const auto next_line = [&]() -> char* {
        try {
            return reader->next_line();
        } catch (const io::error::line_length_limit_exceeded&) {
            throw input_error(at_line(reader->get_file_line()) +
                              ", column 1: the line is longer than 16 MiB, so this is not a CSV table tally-check can read.");
        }
    };

    // the header
    std::vector<std::string_view> fields;
    char* line = nullptr;
    do {
        line = next_line();
        if (line == nullptr) {
            if (reader->get_file_line() == 0) throw input_error(t.name + ", line 1: the file is empty, so it holds no table.");
            throw input_error(t.name + ", line " + std::to_string(reader->get_file_line()) +
                              ": the file has no header line, only comments or blank lines, so it holds no table.");
        }
    } while (detail::is_comment_or_blank(line));
    t.header_line = reader->get_file_line();
    detail::split_line(line, fields, at_line(t.header_line));
    for (std::string_view f : fields) t.header.emplace_back(f);

    const auto header_text = [&t]() { return detail::join_names(t.header); };
    const auto column = [&](const std::string& name, std::string_view option) -> std::size_t {
        std::optional<std::size_t> found;
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            if (t.header[i] != name) continue;
            if (found) {
                throw input_error(at_line(t.header_line) + ", columns " + std::to_string(*found + 1) + " and " +
                                  std::to_string(i + 1) + ": the header names two columns " + detail::cell_text(name) +
                                  ", so " + std::string(option) + " " + name + " does not say which to read.");
            }
            found = i;
        }
        if (!found) {
            throw input_error(at_line(t.header_line) + ": there is no column " + detail::cell_text(name) + " (" +
                              std::string(option) + "); the header's columns are " + header_text() + ".");
        }
        return *found;
    };

    // the columns asked for
    std::string time_name = request.time_column;
    if (time_name.empty()) {
        for (std::string_view candidate : detail::time_column_names) {
            for (const std::string& h : t.header) {
                if (time_name.empty() && detail::lower_text(h) == candidate) time_name = h;
            }
        }
        if (time_name.empty()) {
            throw input_error(at_line(t.header_line) +
                              ": no column is named year, period, date, time, quarter or month; name the column of times with --time (the header's columns are " +
                              header_text() + ").");
        }
    }
    t.time_name = time_name;
    t.time_index = column(time_name, "--time");

    std::vector<std::pair<std::size_t, std::string>> filters;
    for (const auto& [name, value] : request.where) filters.emplace_back(column(name, "--where"), value);

    std::optional<std::size_t> source_index;
    if (!request.source_column.empty()) {
        source_index = column(request.source_column, "--source");
        t.source_name = request.source_column;
    } else if (const auto it = std::find(t.header.begin(), t.header.end(), "source"); it != t.header.end()) {
        source_index = static_cast<std::size_t>(it - t.header.begin());
        t.source_name = "source";
    }

    std::optional<std::size_t> whole_index;
    if (!request.part_column.empty() || !request.whole_column.empty()) {
        if (request.part_column.empty() || request.whole_column.empty()) {
            throw input_error("--part and --whole go together: a share is a part of a whole, so name both columns.");
        }
        t.shares = true;
        t.value_name = request.part_column;
        t.value_index = column(request.part_column, "--part");
        t.whole_name = request.whole_column;
        whole_index = column(request.whole_column, "--whole");
    } else if (!request.value_column.empty()) {
        t.value_name = request.value_column;
        t.value_index = column(request.value_column, "--value");
    } else {
        // the one column that is not the time, a filter or the source
        std::vector<std::string> left;
        std::size_t left_index = 0;
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            const bool used = i == t.time_index || (source_index && i == *source_index) ||
                              std::any_of(filters.begin(), filters.end(), [i](const auto& f) { return f.first == i; });
            if (!used) {
                left.push_back(t.header[i]);
                left_index = i;
            }
        }
        if (left.size() != 1) {
            throw input_error(at_line(t.header_line) + ": name the column of values with --value; " +
                              (left.empty() ? std::string("no column is left once the time, --where and source columns are set aside")
                                            : "it could be any of " + detail::join_names(left)) +
                              ".");
        }
        t.value_name = left.front();
        t.value_index = left_index;
    }

    // the rows
    const std::size_t width = t.header.size();
    std::optional<std::size_t> first_calendar_line;
    const auto cell_place = [&](std::size_t line_no, std::size_t index) {
        return at_line(line_no) + ", column " + std::to_string(index + 1) + " (" + t.header[index] + ")";
    };
    const auto read_cell_number = [&](std::size_t line_no, std::size_t index, std::string_view text) {
        number_problem problem{};
        const std::optional<number> n = read_number(text, problem);
        if (!n) {
            throw input_error(cell_place(line_no, index) + ": the value " + detail::cell_text(text) + " " +
                              std::string(problem_text(problem)) + ".");
        }
        return *n;
    };
    bool any_data_row = false;
    std::vector<std::string> seen_values;
    while ((line = next_line()) != nullptr) {
        if (detail::is_comment_or_blank(line)) continue;
        const std::size_t line_no = reader->get_file_line();
        if (!any_data_row) {
            // room for as many rows as lines like this one fit in the file: reserved,
            // not touched, so a filter that keeps few rows costs no memory
            std::error_code ec;
            const std::uintmax_t bytes = request.path == "-" ? 0 : std::filesystem::file_size(request.path, ec);
            const std::size_t line_bytes = std::char_traits<char>::length(line) + 1;
            if (!ec && bytes > 0 && bytes / line_bytes < (std::size_t{1} << 26)) {
                t.rows.reserve(static_cast<std::size_t>(bytes / line_bytes) + static_cast<std::size_t>(bytes / line_bytes) / 8 + 16);
            }
        }
        any_data_row = true;
        detail::split_line(line, fields, at_line(line_no));
        if (fields.size() != width) {
            const std::size_t col = std::min(fields.size(), width) + 1;
            throw input_error(at_line(line_no) + ", column " + std::to_string(col) + ": the row has " +
                              std::to_string(fields.size()) + (fields.size() == 1 ? " column" : " columns") +
                              ", but the header at line " + std::to_string(t.header_line) + " has " +
                              std::to_string(width) + ".");
        }
        bool keep = true;
        for (const auto& [index, value] : filters) {
            if (fields[index] != value) {
                keep = false;
                break;
            }
        }
        if (!filters.empty() && seen_values.size() < 8) {
            // a few of the first filter column's values, for the message when nothing matches
            const std::string_view v = fields[filters.front().first];
            if (std::find(seen_values.begin(), seen_values.end(), v) == seen_values.end()) {
                seen_values.emplace_back(v);
            }
        }
        if (!keep) continue;

        row r;
        r.line = line_no;
        const std::string_view time_cell = fields[t.time_index];
        const std::optional<time_point> tp = read_time(time_cell);
        if (!tp) {
            throw input_error(cell_place(line_no, t.time_index) + ": " + detail::cell_text(time_cell) +
                              " is not a time tally-check reads (" + std::string(time_forms) + ").");
        }
        if (request.forced && tp->cal != *request.forced && tp->cal != calendar::rolling) {
            throw input_error(cell_place(line_no, t.time_index) + ": " + detail::cell_text(time_cell) + " is " +
                              std::string(calendar_noun(tp->cal)) + ", not " +
                              std::string(calendar_noun(*request.forced)) + " (--calendar " +
                              std::string(calendar_option(*request.forced)) + ").");
        }
        if (tp->cal != calendar::rolling) {
            if (!t.cal) {
                t.cal = tp->cal;
                first_calendar_line = line_no;
            } else if (*t.cal != tp->cal) {
                throw input_error(cell_place(line_no, t.time_index) + ": " + detail::cell_text(time_cell) + " is " +
                                  std::string(calendar_noun(tp->cal)) + ", but the rows before it are " +
                                  std::string(calendar_plural(*t.cal)) + " (the first at line " +
                                  std::to_string(*first_calendar_line) +
                                  "); a table is checked in one calendar, so pick its rows with --where.");
            }
        }
        r.time = *tp;
        r.time_text = t.text.keep(time_cell);
        r.value = read_cell_number(line_no, t.value_index, fields[t.value_index]);
        r.value_text = t.text.keep(fields[t.value_index]);
        if (whole_index) {
            r.whole = read_cell_number(line_no, *whole_index, fields[*whole_index]);
            r.whole_text = t.text.keep(fields[*whole_index]);
            if (!r.whole.integral) t.integral = false;
        }
        if (!r.value.integral) t.integral = false;
        if (source_index) r.source = t.text.keep(fields[*source_index]);
        (tp->cal == calendar::rolling ? t.rolling : t.rows).push_back(r);
    }

    if (t.rows.empty() && t.rolling.empty()) {
        if (!any_data_row) {
            throw input_error(at_line(t.header_line) + ": the table has a header but no rows of data, so there is nothing to check.");
        }
        std::string filter_text;
        for (const auto& [name, value] : request.where) {
            if (!filter_text.empty()) filter_text += " and ";
            filter_text += name + "=" + value;
        }
        std::string seen;
        for (const std::string& v : seen_values) {
            seen += seen.empty() ? "" : ", ";
            seen += detail::cell_text(v);
        }
        throw input_error(at_line(t.header_line) + ", column " + std::to_string(filters.front().first + 1) + " (" +
                          request.where.front().first + "): no row has " + filter_text +
                          ", so there is nothing to check (the column holds " + seen +
                          (seen_values.size() == 8 ? ", ..." : "") + ").");
    }

    // in time order; a time twice is refused, naming both lines
    for (std::vector<row>* rows : {&t.rows, &t.rolling}) {
        const auto by_time = [](const row& a, const row& b) { return a.time < b.time; };
        if (!std::is_sorted(rows->begin(), rows->end(), by_time)) std::stable_sort(rows->begin(), rows->end(), by_time);
        for (std::size_t i = 1; i < rows->size(); ++i) {
            const row& a = (*rows)[i - 1];
            const row& b = (*rows)[i];
            if (a.time == b.time) {
                const row& later = a.line < b.line ? b : a;
                const row& earlier = a.line < b.line ? a : b;
                throw input_error(cell_place(later.line, t.time_index) + ": " + detail::cell_text(later.time_text) +
                                  " is also at line " + std::to_string(earlier.line) +
                                  "; a series holds one value per time, so pick the rows with --where.");
            }
        }
    }
    return t;
}

} // namespace tally_check
