# slate_warnings: the warning level every target of ours compiles with.
# Not -Wnull-dereference, and no -Wmaybe-uninitialized: with optimisation
# g++ 12 reports both inside Boost.Asio, libstdc++ and date/tz code inlined
# into ours (false positives we cannot fix; the sanitizer build checks the
# real thing at run time).
add_library(slate_warnings INTERFACE)
target_compile_options(slate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
if(SLATE_WERROR)
  target_compile_options(slate_warnings INTERFACE -Werror)
endif()

# slate_sanitizers: ASan + UBSan for the test build CI runs.
add_library(slate_sanitizers INTERFACE)
if(SLATE_SANITIZE)
  target_compile_options(slate_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(slate_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
# ThreadSanitizer, for the build of the tests that run threads (the writer,
# the render cache, the webhook workers): scripts/test runs it.
if(SLATE_TSAN)
  target_compile_options(slate_sanitizers INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(slate_sanitizers INTERFACE -fsanitize=thread)
endif()
# The fuzz build instruments every library for libFuzzer's coverage; only
# the fuzz targets themselves link libFuzzer's main (tests/fuzz).
if(SLATE_FUZZ)
  target_compile_options(slate_sanitizers INTERFACE -fsanitize=fuzzer-no-link)
endif()
