# A project that pulls tally in builds none of tally's own targets:
# fails the configure, naming `how` tally was pulled in, if one is defined.
function(assert_no_tally_targets how)
  foreach(target IN ITEMS tally_test_main tally_compile_checks tally_warnings)
    if(TARGET ${target})
      message(FATAL_ERROR "${how} defined tally's own target ${target}")
    endif()
  endforeach()
endfunction()
