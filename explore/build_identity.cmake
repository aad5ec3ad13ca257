# Writes OUT, defining POOLCHECK_SOURCE_ID as `git describe --always --dirty` of SRC, but
# only touches OUT when the id changed (so an unchanged tree rebuilds nothing). Run before
# every build by the poolcheck_build_identity target (explore/CMakeLists.txt).
execute_process(COMMAND git -C "${SRC}" describe --always --dirty --abbrev=12
                OUTPUT_VARIABLE id OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR id STREQUAL "")
  set(id "unknown")
endif()
file(WRITE "${OUT}.new" "#define POOLCHECK_SOURCE_ID \"${id}\"\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.new" "${OUT}")
file(REMOVE "${OUT}.new")
