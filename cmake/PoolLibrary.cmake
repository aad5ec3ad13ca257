# poolcheck_pool_library(NAME SOURCES files... POOL_DEPS libs... [DEPS libs...])
# A library that links the pool, in its two builds: NAME over the shipped pool (each of
# POOL_DEPS as named) and NAME_mutants over the test-only mutant pool (each POOL_DEPS
# lib's _mutants build). DEPS are linked as they are by both. The two builds differ in
# nothing else, so the variant list lives here once (POOLCHECK_POOL_VARIANTS).
set(POOLCHECK_POOL_VARIANTS "" "_mutants")

function(poolcheck_pool_library name)
  cmake_parse_arguments(L "" "" "SOURCES;POOL_DEPS;DEPS" ${ARGN})
  if(L_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "poolcheck_pool_library(${name}): unknown arguments ${L_UNPARSED_ARGUMENTS}")
  endif()
  foreach(variant IN LISTS POOLCHECK_POOL_VARIANTS)
    add_library(${name}${variant} STATIC ${L_SOURCES})
    target_include_directories(${name}${variant} PUBLIC ${PROJECT_SOURCE_DIR})
    set(pool_deps "")
    foreach(dep IN LISTS L_POOL_DEPS)
      list(APPEND pool_deps ${dep}${variant})
    endforeach()
    target_link_libraries(${name}${variant} PUBLIC ${pool_deps} ${L_DEPS})
  endforeach()
endfunction()
