#pragma once

// What every fuzz target shares: the bytes as text, and a check that stops the run (so libFuzzer
// keeps the input) when something the code promises does not hold.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace certintake::fuzz {

inline std::string_view TextOf(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Aborts with `what` when `holds` is false: a broken promise is a finding like a crash.
inline void Check(bool holds, const char* what) {
  if (!holds) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what);
    std::abort();
  }
}

}  // namespace certintake::fuzz
