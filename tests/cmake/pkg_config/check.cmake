# A consumer that finds tally with pkg-config and builds with a plain
# compiler call, no CMake package: runs
#   PKG_CONFIG_PATH=<PC_DIR> pkg-config --cflags tally
# then compiles SOURCE with CXX and those flags, runs the program, and fails
# unless every step succeeds, the version is VERSION, and the include
# directory is INCLUDE_DIR, the install tree's.
#
#   cmake -DPKG_CONFIG=... -DCXX=... -DPC_DIR=... -DINCLUDE_DIR=... -DSOURCE=...
#         -DBINARY_DIR=... -DVERSION=... -P check.cmake
foreach(variable IN ITEMS PKG_CONFIG CXX PC_DIR INCLUDE_DIR SOURCE BINARY_DIR VERSION)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check.cmake needs -D${variable}=...")
  endif()
endforeach()

set(ENV{PKG_CONFIG_PATH} "${PC_DIR}")
set(ENV{PKG_CONFIG_LIBDIR} "${PC_DIR}")  # no other directory: a tally.pc elsewhere cannot answer

execute_process(COMMAND ${PKG_CONFIG} --modversion tally
  OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pkg-config --modversion tally failed: ${errors}")
endif()
if(NOT version STREQUAL VERSION)
  message(FATAL_ERROR "pkg-config gives tally ${version}; the project is ${VERSION}")
endif()

execute_process(COMMAND ${PKG_CONFIG} --cflags tally
  OUTPUT_VARIABLE cflags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "pkg-config --cflags tally failed: ${errors}")
endif()
message(STATUS "pkg-config --cflags tally: ${cflags}")
separate_arguments(flags UNIX_COMMAND "${cflags}")

# The include directory must be the install tree's, wherever it was installed.
set(include_dir "")
foreach(flag IN LISTS flags)
  if(flag MATCHES "^-I(.+)$")
    set(include_dir "${CMAKE_MATCH_1}")
  endif()
endforeach()
if(NOT EXISTS "${include_dir}/tally/tally.hpp")
  message(FATAL_ERROR "pkg-config's include directory '${include_dir}' has no tally/tally.hpp")
endif()
file(REAL_PATH "${include_dir}" include_real)
file(REAL_PATH "${INCLUDE_DIR}" expected_real)
if(NOT include_real STREQUAL expected_real)
  message(FATAL_ERROR "pkg-config's include directory '${include_dir}' is not the install tree's ${INCLUDE_DIR}")
endif()

file(MAKE_DIRECTORY "${BINARY_DIR}")
set(program "${BINARY_DIR}/consumer")
execute_process(COMMAND ${CXX} ${flags} "${SOURCE}" -o "${program}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${CXX} ${cflags} ${SOURCE} failed:\n${output}")
endif()

execute_process(COMMAND "${program}" RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
message(STATUS "${program}: ${output}")
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the pkg-config consumer exited with ${status}")
endif()
