#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "certintake/core/error.hpp"

namespace certintake::members {

/// CSV text that cannot be split into fields; `line` is where the trouble starts.
class CsvSyntaxError : public Error {
 public:
  CsvSyntaxError(int line, const std::string& message) : Error(ErrorKind::kInput, message), line_(line) {}
  [[nodiscard]] int line() const { return line_; }

 private:
  int line_;
};

/// One record of a CSV file and the line it starts on (1-based; a quoted field may span lines).
struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

/// Splits RFC 4180 CSV text (quoted fields, doubled quotes, CRLF or LF). A leading UTF-8 byte
/// order mark is dropped and blank lines are skipped. Fields are returned as written.
/// Throws CsvSyntaxError for an unterminated quoted field.
std::vector<CsvRow> ParseCsv(std::string_view text);

/// The 1-based line of the first byte that is not valid UTF-8, or 0 when the text is valid.
int FirstInvalidUtf8Line(std::string_view text);

}  // namespace certintake::members
