# tally_find_python_with(<var> <module>...)
#
# Sets the cache variable <var> to a Python 3 interpreter that imports every
# <module>, or to an empty string when there is none. The candidates, in
# order: the interpreter find_package(Python3) finds (only that one if
# Python3_EXECUTABLE was given), then every python3 on PATH. A value already
# in the cache (-D<var>=...) is kept as it is, so the choice is made once.
# Used by the conformance tests and bench/compare.py, which need numpy and
# pandas: the first python3 on PATH is often a virtual environment without them.
function(tally_find_python_with var)
  if(DEFINED CACHE{${var}})
    return()
  endif()
  find_package(Python3 COMPONENTS Interpreter QUIET)
  set(candidates)
  if(Python3_Interpreter_FOUND)
    list(APPEND candidates "${Python3_EXECUTABLE}")
  endif()
  if(NOT DEFINED CACHE{Python3_EXECUTABLE})
    cmake_path(CONVERT "$ENV{PATH}" TO_CMAKE_PATH_LIST path_dirs NORMALIZE)
    foreach(dir IN LISTS path_dirs)
      foreach(name IN ITEMS python3 python3.exe)
        if(EXISTS "${dir}/${name}" AND NOT IS_DIRECTORY "${dir}/${name}")
          list(APPEND candidates "${dir}/${name}")
        endif()
      endforeach()
    endforeach()
  endif()
  list(REMOVE_DUPLICATES candidates)
  list(JOIN ARGN ", " modules)
  set(found "")
  foreach(candidate IN LISTS candidates)
    execute_process(COMMAND "${candidate}" -c "import ${modules}"
      RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
    if(status EQUAL 0)
      set(found "${candidate}")
      break()
    endif()
  endforeach()
  set(${var} "${found}" CACHE FILEPATH "A Python 3 that imports ${modules}")
endfunction()
