# The CTest labels tools/test.sh names, read from its two lines `default_labels="..."` (the
# default suite) and `other_labels="..."` (run on request). Shared by the configure check
# (PoolcheckTests.cmake) and the ctest_hygiene test (CheckCtestTests.cmake).
function(poolcheck_named_test_labels out test_sh)
  file(STRINGS ${test_sh} lines REGEX "^(default|other)_labels=")
  set(named "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "^[a-z]+_labels=\"([^\"]*)\".*$" "\\1" words "${line}")
    separate_arguments(words UNIX_COMMAND "${words}")
    list(APPEND named ${words})
  endforeach()
  if(NOT named)
    message(FATAL_ERROR "${test_sh} names no default_labels/other_labels")
  endif()
  set(${out} ${named} PARENT_SCOPE)
endfunction()
