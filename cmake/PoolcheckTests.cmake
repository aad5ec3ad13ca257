# How poolcheck's tests are built and registered, and the configure-time checks that keep
# the build honest: every *_test.cc is built into exactly one test binary, every CTest test
# has a TIMEOUT and a label tools/test.sh knows, and each binary links the pool build it
# says it tests (the shipped pool, or the test-only mutant build).
include(${CMAKE_CURRENT_LIST_DIR}/TestLabels.cmake)

# poolcheck_test(NAME LABEL [POOL production|mutants] [TIMEOUT seconds] [TEST_FILTER filter]
#                SOURCES files... [REUSED_SOURCES files...] LIBS libs...)
# One gtest binary; each of its tests becomes a CTest case with LABEL and TIMEOUT (default
# 300 s). SOURCES are the test files this binary owns; REUSED_SOURCES are test files owned
# by another binary and compiled again here (for example the ported Go tests against the
# mutant pool); TEST_FILTER limits which of its tests CTest runs. With POOL, the binary also
# gets model/sql/testing/pool_build_check.cc, a test that fails unless the linked pool is
# that build.
function(poolcheck_test name label)
  cmake_parse_arguments(T "" "POOL;TIMEOUT;TEST_FILTER" "SOURCES;REUSED_SOURCES;LIBS" ${ARGN})
  if(T_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "poolcheck_test(${name}): unknown arguments ${T_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  add_executable(${name} ${T_SOURCES} ${T_REUSED_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main)
  if(T_POOL STREQUAL "production" OR T_POOL STREQUAL "mutants")
    string(COMPARE EQUAL "${T_POOL}" "mutants" wants_mutants)
    target_sources(${name} PRIVATE ${PROJECT_SOURCE_DIR}/model/sql/testing/pool_build_check.cc)
    target_compile_definitions(${name} PRIVATE POOLCHECK_WANTS_MUTANTS=${wants_mutants}
                               POOLCHECK_BUILD_CHECK_SUITE=PoolBuild_${name})
  elseif(T_POOL)
    message(FATAL_ERROR "poolcheck_test(${name}): POOL must be production or mutants")
  endif()
  set(filter_args "")
  if(T_TEST_FILTER)
    set(filter_args TEST_FILTER "${T_TEST_FILTER}")
  endif()
  gtest_discover_tests(${name} ${filter_args}
                       PROPERTIES LABELS ${label} TIMEOUT ${T_TIMEOUT}
                       DISCOVERY_TIMEOUT 60)
  foreach(src IN LISTS T_SOURCES)
    get_filename_component(abs ${src} ABSOLUTE)
    set_property(GLOBAL APPEND PROPERTY POOLCHECK_OWNED_TEST_SOURCES "${abs}")
  endforeach()
  foreach(src IN LISTS T_REUSED_SOURCES)
    get_filename_component(abs ${src} ABSOLUTE)
    set_property(GLOBAL APPEND PROPERTY POOLCHECK_REUSED_TEST_SOURCES "${abs}")
  endforeach()
  set_property(GLOBAL APPEND PROPERTY POOLCHECK_USED_TEST_LABELS ${label})
endfunction()

# poolcheck_test_sources(OUT DIR...): every *_test.cc directly in the given directories,
# split by the mutant convention: OUT gets the files linked against the shipped pool,
# OUT_MUTANT the *_mutant_test.cc files, which link the mutant build.
function(poolcheck_test_sources out)
  set(all "")
  foreach(dir IN LISTS ARGN)
    file(GLOB found CONFIGURE_DEPENDS ${dir}/*_test.cc)
    list(APPEND all ${found})
  endforeach()
  set(mutant ${all})
  list(FILTER mutant INCLUDE REGEX "_mutant_test\\.cc$")
  list(FILTER all EXCLUDE REGEX "_mutant_test\\.cc$")
  set(${out} ${all} PARENT_SCOPE)
  set(${out}_MUTANT ${mutant} PARENT_SCOPE)
endfunction()

# Every *_test.cc under the source tree (outside build directories) must be the SOURCES of
# exactly one poolcheck_test, and a REUSED_SOURCES file must be owned by some binary.
function(poolcheck_check_test_sources)
  file(GLOB_RECURSE all_tests ${PROJECT_SOURCE_DIR}/*_test.cc)
  get_property(owned GLOBAL PROPERTY POOLCHECK_OWNED_TEST_SOURCES)
  get_property(reused GLOBAL PROPERTY POOLCHECK_REUSED_TEST_SOURCES)
  set(problems "")
  foreach(file IN LISTS all_tests)
    file(RELATIVE_PATH rel ${PROJECT_SOURCE_DIR} ${file})
    cmake_path(IS_PREFIX CMAKE_BINARY_DIR "${file}" in_build)
    if(in_build OR rel MATCHES "^(build[^/]*|\\.[^/]*)/")
      continue()
    endif()
    set(count 0)
    foreach(o IN LISTS owned)
      if(o STREQUAL file)
        math(EXPR count "${count} + 1")
      endif()
    endforeach()
    if(count EQUAL 0)
      string(APPEND problems "\n  ${rel} is in no test binary")
    elseif(count GREATER 1)
      string(APPEND problems "\n  ${rel} is the SOURCES of ${count} test binaries")
    endif()
  endforeach()
  foreach(file IN LISTS reused)
    if(NOT file IN_LIST owned)
      string(APPEND problems "\n  ${file} is reused but owned by no test binary")
    endif()
  endforeach()
  if(problems)
    message(FATAL_ERROR "test sources not built exactly once (see cmake/PoolcheckTests.cmake):"
                        "${problems}")
  endif()
endfunction()

# tools/test.sh names its labels on two lines, `default_labels="..."` (the default suite)
# and `other_labels="..."` (run on request). Every label a test uses must be on one of
# them, and every label named there must be used by some test.
function(poolcheck_check_test_labels)
  poolcheck_named_test_labels(named ${PROJECT_SOURCE_DIR}/tools/test.sh)
  get_property(used GLOBAL PROPERTY POOLCHECK_USED_TEST_LABELS)
  list(REMOVE_DUPLICATES used)
  set(problems "")
  foreach(label IN LISTS used)
    if(NOT label IN_LIST named)
      string(APPEND problems "\n  label '${label}' is used by a test but not named in tools/test.sh")
    endif()
  endforeach()
  foreach(label IN LISTS named)
    if(NOT label IN_LIST used)
      string(APPEND problems "\n  tools/test.sh names label '${label}' that no test has")
    endif()
  endforeach()
  if(problems)
    message(FATAL_ERROR "test labels disagree with tools/test.sh:${problems}")
  endif()
endfunction()

# ctest_hygiene: checks every CTest test of this build has a TIMEOUT and a label named in
# tools/test.sh (cmake/CheckCtestTests.cmake); ctest_hygiene_catches_untimed shows that
# check failing on a fixture whose one test has no TIMEOUT.
function(poolcheck_add_hygiene_tests)
  set(script ${PROJECT_SOURCE_DIR}/cmake/CheckCtestTests.cmake)
  add_test(NAME ctest_hygiene
           COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${CMAKE_BINARY_DIR}
                   -DTEST_SH=${PROJECT_SOURCE_DIR}/tools/test.sh -P ${script})
  # A copy in the build tree: ctest writes a Testing/ directory beside the file it reads.
  configure_file(${PROJECT_SOURCE_DIR}/cmake/testdata/untimed_test/CTestTestfile.cmake
                 ${CMAKE_BINARY_DIR}/untimed_test_fixture/CTestTestfile.cmake COPYONLY)
  add_test(NAME ctest_hygiene_catches_untimed
           COMMAND ${CMAKE_COMMAND}
                   -DBUILD_DIR=${CMAKE_BINARY_DIR}/untimed_test_fixture
                   -DTEST_SH=${PROJECT_SOURCE_DIR}/tools/test.sh -P ${script})
  set_tests_properties(ctest_hygiene ctest_hygiene_catches_untimed
                       PROPERTIES LABELS unit TIMEOUT 120)
  set_tests_properties(ctest_hygiene_catches_untimed PROPERTIES
                       PASS_REGULAR_EXPRESSION "untimed_fixture_test: no TIMEOUT")
  set_property(GLOBAL APPEND PROPERTY POOLCHECK_USED_TEST_LABELS unit)
endfunction()
