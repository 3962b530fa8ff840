# slate_warnings: the warning level every target of ours compiles with.
# Not -Wnull-dereference: with optimisation g++ 12 reports it inside Boost.Asio
# and libstdc++ code inlined into ours (false positives we cannot fix).
add_library(slate_warnings INTERFACE)
target_compile_options(slate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
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
