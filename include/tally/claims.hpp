#pragma once
// tally/claims.hpp: claims as written, checked against the data. An
// umbrella over the parts, each of which stands alone:
//
//   claim.hpp          a claim: its kind, its number as written, its hedge (factories, to_string)
//   claim_parser.hpp   text -> claim (parse_claim), correct or refused
//   check.hpp          a claim checked against a change, a value or shares (check, verdict)
//   check_series.hpp   a claim checked against a series, at the times it names
//
// What every claim word means, and the grammar the parser reads, are
// written once in docs/claims.md.

#include "check.hpp"
#include "check_series.hpp"
#include "claim.hpp"
#include "claim_parser.hpp"
