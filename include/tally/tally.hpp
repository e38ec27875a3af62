#pragma once
// tally/tally.hpp: the whole library. Each topic header also stands alone.

#include "aggregate.hpp"
#include "change.hpp"
#include "chart.hpp"
#include "claim_parser.hpp"
#include "claims.hpp"
#include "describe.hpp"
#include "error.hpp"
#include "ewm.hpp"
#include "format.hpp"
#include "percent.hpp"
#include "period.hpp"
#include "rank.hpp"
#include "rolling.hpp"
#include "stats.hpp"
#include "time_series.hpp"
#include "transform.hpp"
