# A CTest directory with one test that has a label but no TIMEOUT: the fixture that shows
# cmake/CheckCtestTests.cmake catching a missing TIMEOUT (test ctest_hygiene_catches_untimed).
add_test(untimed_fixture_test "true")
set_tests_properties(untimed_fixture_test PROPERTIES LABELS "unit")
