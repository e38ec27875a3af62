# Runs tally-check on one case and fails unless its exit status, standard
# output and standard error are the expected ones, byte for byte.
#
#   cmake -DPROGRAM=<tally-check> -DCASE=<dir>/<name>.args -DSHARED_DATA=<dir>
#         -DTEST_DATA=<dir> -DBUILD_DATA=<dir> -DSOURCE_DIR=<dir> -P run_case.cmake
#
# <name>.args holds the arguments, one a line; its first lines are
#   # exit: <status>
#   # dir: shared | tests | build | source   (the working directory: ../shared/data,
#                                       tests/data, the build directory, or the source tree's root)
#   # stdin: <file in that directory>   (standard input; else /dev/null)
# and other '#' lines are comments; @TEST_DATA@ in an argument is tests/data. <name>.out is the expected standard
# output; <name>.err the expected standard error (empty when absent).
cmake_minimum_required(VERSION 3.21)
file(STRINGS "${CASE}" lines ENCODING UTF-8)
set(arguments "")
set(expected_status "")
set(directory "")
set(stdin_file "/dev/null")
foreach(line IN LISTS lines)
  if(line MATCHES "^# exit: ([0-9]+)$")
    set(expected_status "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^# dir: (shared|tests|build|source)$")
    set(directory "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^# stdin: (.+)$")
    set(stdin_file "${CMAKE_MATCH_1}")
  elseif(line MATCHES "^#")
  else()
    string(REPLACE "@TEST_DATA@" "${TEST_DATA}" line "${line}")
    list(APPEND arguments "${line}")
  endif()
endforeach()
if(expected_status STREQUAL "" OR directory STREQUAL "")
  message(FATAL_ERROR "${CASE} has no '# exit:' or no '# dir:' line")
endif()
if(directory STREQUAL "shared")
  set(directory "${SHARED_DATA}")
elseif(directory STREQUAL "tests")
  set(directory "${TEST_DATA}")
elseif(directory STREQUAL "source")
  set(directory "${SOURCE_DIR}")
else()
  set(directory "${BUILD_DATA}")
endif()

if(NOT stdin_file STREQUAL "/dev/null")
  set(stdin_file "${directory}/${stdin_file}")
endif()
execute_process(COMMAND "${PROGRAM}" ${arguments}
  WORKING_DIRECTORY "${directory}"
  INPUT_FILE "${stdin_file}"
  OUTPUT_VARIABLE actual_out ERROR_VARIABLE actual_err RESULT_VARIABLE status)

string(REGEX REPLACE "\\.args$" "" stem "${CASE}")
get_filename_component(name "${stem}" NAME)
set(expected_out "")
set(expected_err "")
if(EXISTS "${stem}.out")
  file(READ "${stem}.out" expected_out)
endif()
if(EXISTS "${stem}.err")
  file(READ "${stem}.err" expected_err)
endif()

set(failed "")
if(NOT status STREQUAL expected_status)
  string(APPEND failed "exit status ${status}, expected ${expected_status}; ")
endif()
foreach(stream IN ITEMS out err)
  if(NOT actual_${stream} STREQUAL expected_${stream})
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual.${stream}" "${actual_${stream}}")
    file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/${name}.expected.${stream}" "${expected_${stream}}")
    execute_process(COMMAND diff -u "${CMAKE_CURRENT_BINARY_DIR}/${name}.expected.${stream}"
                                    "${CMAKE_CURRENT_BINARY_DIR}/${name}.actual.${stream}")
    string(APPEND failed "standard ${stream}put differs (diff above); ")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "tally-check case ${name}: ${failed}")
endif()
message(STATUS "tally-check case ${name}: exit ${status}, output as expected")
