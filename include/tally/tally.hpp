#pragma once
// tally/tally.hpp: the whole library. Each topic header also stands alone.

#include "change.hpp"
#include "claims.hpp"
#include "error.hpp"
#include "percent.hpp"
#include "period.hpp"
#include "time_series.hpp"
