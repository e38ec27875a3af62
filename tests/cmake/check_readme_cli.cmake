# Runs the tally-check call README.md shows and fails unless its output is
# the output README.md shows beside it, verbatim. The call runs from the
# source tree's root with the built tally-check first on PATH.
#
#   cmake -DSOURCE_DIR=<root> -DPROGRAM=<tally-check> -P check_readme_cli.cmake
#
# README.md shows the call and its output as
#
#   <!-- readme-cli -->
#   ```sh
#   tally-check ... (one command; lines may end in a backslash)
#   ```
#   <!-- readme-cli-output -->
#   ```text
#   (its standard output)
#   ```
#
# Until README.md has the <!-- readme-cli --> marker there is nothing to
# check, and the check says so and passes.
cmake_minimum_required(VERSION 3.21)
file(READ "${SOURCE_DIR}/README.md" readme)

string(FIND "${readme}" "<!-- readme-cli -->\n```sh\n" call_at)
if(call_at EQUAL -1)
  message(STATUS "README.md shows no tally-check call yet (no <!-- readme-cli --> marker): nothing to check")
  return()
endif()
string(LENGTH "<!-- readme-cli -->\n```sh\n" skip)
math(EXPR call_at "${call_at} + ${skip}")
string(SUBSTRING "${readme}" ${call_at} -1 rest)
string(FIND "${rest}" "\n```" call_end)
if(call_end EQUAL -1)
  message(FATAL_ERROR "README.md: the ```sh block after <!-- readme-cli --> is not closed")
endif()
string(SUBSTRING "${rest}" 0 ${call_end} call)

set(output_marker "<!-- readme-cli-output -->\n```text\n")
string(FIND "${rest}" "${output_marker}" output_at)
if(output_at EQUAL -1)
  message(FATAL_ERROR "README.md shows a tally-check call but not its output (<!-- readme-cli-output --> and a ```text block)")
endif()
string(LENGTH "${output_marker}" skip)
math(EXPR output_at "${output_at} + ${skip}")
string(SUBSTRING "${rest}" ${output_at} -1 rest)
string(FIND "${rest}" "```" output_end)
if(output_end EQUAL -1)
  message(FATAL_ERROR "README.md: the ```text block after <!-- readme-cli-output --> is not closed")
endif()
string(SUBSTRING "${rest}" 0 ${output_end} shown)

if(NOT call MATCHES "^tally-check ")
  message(FATAL_ERROR "README.md: the call after <!-- readme-cli --> does not start with tally-check: ${call}")
endif()
get_filename_component(program_dir "${PROGRAM}" DIRECTORY)
execute_process(COMMAND ${CMAKE_COMMAND} -E env "PATH=${program_dir}:$ENV{PATH}" sh -c "${call}"
  WORKING_DIRECTORY "${SOURCE_DIR}"
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
if(status GREATER 1)
  message(FATAL_ERROR "README.md's tally-check call exited with ${status}: ${errors}")
endif()
if(NOT actual STREQUAL shown)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/readme-cli.shown" "${shown}")
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/readme-cli.actual" "${actual}")
  execute_process(COMMAND diff -u "${CMAKE_CURRENT_BINARY_DIR}/readme-cli.shown" "${CMAKE_CURRENT_BINARY_DIR}/readme-cli.actual")
  message(FATAL_ERROR "README.md's tally-check output differs from what the call prints (diff above)")
endif()
message(STATUS "README.md shows a tally-check call and its output, verbatim")
