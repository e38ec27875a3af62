#pragma once
// tally/error.hpp: the exceptions tally throws.
//
// Every exception tally throws derives from tally::error, itself a
// std::runtime_error. Its what() is one full sentence that names the
// offending time or value, e.g.
//   "no observation at 2020 in a series covering 2015..2019."
//
// See docs/errors.md.

#include <stdexcept>
#include <string>

// Every tally header includes this one. tally reports a bad input
// by throwing, never by a silent value, so it cannot be used with
// exceptions disabled; say so at compile time rather than terminate later.
#if !defined(__cpp_exceptions)
#error "tally reports bad inputs by throwing tally::error and needs C++ exceptions; it cannot be compiled with -fno-exceptions."
#endif

namespace tally {

/// The base of every exception tally throws.
class error : public std::runtime_error {
public:
    explicit error(const std::string& message) : std::runtime_error(message) {}
};

/// A result that does not exist for these inputs: a percent change from a
/// zero base, a ratio to a negative base, a statistic of an empty range.
class undefined_result : public error {
public:
    using error::error;
};

/// A result that exists but does not fit in the type asked for.
class overflow_error : public error {
public:
    using error::error;
};

/// An argument outside the domain the function documents (a window of 0,
/// a quantile outside [0, 1], ranges of different lengths).
class invalid_argument : public error {
public:
    using error::error;
};

/// A time asked for that the series does not hold.
class missing_observation : public error {
public:
    using error::error;
};

/// Text that could not be read (a claim, a period).
class parse_error : public error {
public:
    using error::error;
};

} // namespace tally
