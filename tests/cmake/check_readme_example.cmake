# Fails unless README.md shows examples/01-quickstart.cpp and its expected
# output verbatim, so the README's example is always the compiled one.
file(READ "${SOURCE_DIR}/README.md" readme)
file(READ "${SOURCE_DIR}/examples/01-quickstart.cpp" code)
file(READ "${SOURCE_DIR}/examples/01-quickstart.expected" output)
string(FIND "${readme}" "```cpp\n${code}```" code_at)
string(FIND "${readme}" "<!-- readme-output -->\n```text\n${output}```" output_at)
if(code_at EQUAL -1)
  message(FATAL_ERROR "README.md does not show examples/01-quickstart.cpp verbatim")
endif()
if(output_at EQUAL -1)
  message(FATAL_ERROR "README.md does not show examples/01-quickstart.expected verbatim")
endif()
message(STATUS "README.md shows the quickstart example and its output")
