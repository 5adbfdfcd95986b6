#pragma once

#include <string>
#include <vector>

namespace certintake::cli {

/// A plain-text table for the terminal that lines up Japanese text (wide characters count as
/// two columns).
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : rows_{std::move(header)} {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  [[nodiscard]] std::string Render() const;

 private:
  std::vector<std::vector<std::string>> rows_;
};

/// Terminal columns taken by UTF-8 text: 2 for East Asian wide characters, 1 otherwise.
int DisplayWidth(const std::string& text);

}  // namespace certintake::cli
