#pragma once

#include "certintake/core/error.hpp"

namespace certintake::cli {

/// The exit codes of CONTRACT.md.
enum ExitCode : int {
  kExitOk = 0,           ///< all inputs processed
  kExitInputFailed = 1,  ///< some inputs failed; each is recorded and the others were processed
  kExitUsage = 2,        ///< bad usage or unusable configuration
  kExitDatabase = 3,     ///< the database (or the archive beside it) cannot be opened or written
};

/// The one place where an error kind becomes an exit code.
ExitCode ExitCodeFor(ErrorKind kind);

}  // namespace certintake::cli
