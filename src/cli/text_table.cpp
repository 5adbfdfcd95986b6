#include "text_table.hpp"

#include <algorithm>

namespace certintake::cli {

int DisplayWidth(const std::string& text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    // Three- and four-byte sequences here are CJK, kana and full-width forms: two columns.
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

std::string TextTable::Render() const {
  std::vector<int> widths;
  for (const auto& row : rows_) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t c = 0; c < row.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) {
        line += std::string(static_cast<std::size_t>(widths[c] - DisplayWidth(row[c]) + 2), ' ');
      }
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace certintake::cli
