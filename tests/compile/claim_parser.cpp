#include <tally/claim_parser.hpp>
