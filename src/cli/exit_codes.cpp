#include "exit_codes.hpp"

namespace certintake::cli {

ExitCode ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInput: return kExitInputFailed;
    case ErrorKind::kUsage: return kExitUsage;
    case ErrorKind::kDatabase: return kExitDatabase;
    case ErrorKind::kInternal: break;
  }
  return kExitDatabase;
}

}  // namespace certintake::cli
