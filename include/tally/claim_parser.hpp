#pragma once
// tally/claim_parser.hpp: a claim read from the words it was written in,
// and nothing else (check.hpp checks it; check_series.hpp against a series).
//
//   constexpr tally::claim c = tally::parse_claim("a 110% rise in assaults on staff between 2015 and 2018");
//   // c.kind == claim_kind::percent_change, c.number is "110", c.from_time.year == 2015
//
// The parser reads one claim: a figure (a percent, a multiple, percentage
// points, a fraction, "one in four", a total, a share, a change in the
// data's unit), a direction word, a magnitude or a bare number; the hedge
// before it; the values stated beside it ("on the 594", "from 153 to 387",
// "3,949 (11%)", "up 1,784, or 21%"); and the times it names ("between 2015
// and 2018", "in 2015-18", "in 2018/19", "in the 12 months to March 2019").
// Any other word is taken to be the claim's subject and listed by
// parse_claim_details.
//
// Correct or refused: every number and every figure word of the sentence is
// read, or parse_error is thrown naming it ("tally does not read "½"", "it
// has "fifth", a word for a figure ..."). A claim is never checked on less
// than the sentence states.
//
// The grammar, word by word, and every refusal are written once, in
// docs/claims.md.

#include <string_view>

#include "claim.hpp"
#include "detail/claim_grammar.hpp"
#include "detail/claim_words.hpp"

namespace tally {

/// The claim a sentence makes. Throws parse_error naming the word or
/// character it could not read (docs/claims.md lists every refusal). O(n)
/// in the length of the text.
[[nodiscard]] constexpr claim parse_claim(std::string_view text);

/// parse_claim, with the words skipped as the claim's subject (views into `text`).
[[nodiscard]] constexpr parsed_claim parse_claim_details(std::string_view text);

// ---------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------

constexpr parsed_claim parse_claim_details(std::string_view text) {
    detail::parsing::require_readable(text);
    detail::parsing::parser p(text);
    return p.run();
}

constexpr claim parse_claim(std::string_view text) { return parse_claim_details(text).claim; }

} // namespace tally
