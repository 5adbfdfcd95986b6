#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace certintake {

/// What kind of failure stopped an operation. Each kind maps to one exit code (cli/exit_codes.cpp)
/// and, later, one HTTP status.
enum class ErrorKind {
  kInput,     ///< a scan, CSV or other input is unreadable or invalid: that input fails, others go on
  kUsage,     ///< bad command line or configuration
  kDatabase,  ///< the database or archive cannot be opened or written
  kInternal,  ///< a bug
};

/// A failure that stops the current input (or the whole command, for kUsage and kDatabase).
/// The message is one line a clerk can act on: what happened and, where possible, what to do.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

/// What to tell a clerk when the disk holding the database or the archive is full.
inline constexpr std::string_view kDiskFullAdvice =
    "free some disk space and run the command again (nothing already stored is lost)";

inline Error InputError(const std::string& message) {
  return {ErrorKind::kInput, message};
}
inline Error UsageError(const std::string& message) {
  return {ErrorKind::kUsage, message};
}
inline Error DatabaseError(const std::string& message) {
  return {ErrorKind::kDatabase, message};
}

}  // namespace certintake
