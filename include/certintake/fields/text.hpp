#pragma once

// Text helpers for Japanese OCR output: UTF-8 <-> code points and the normalisation every
// field parser starts from.

#include <string>
#include <string_view>

namespace certintake::fields {

std::u32string DecodeUtf8(std::string_view text);  ///< invalid bytes become U+FFFD
std::string EncodeUtf8(std::u32string_view text);

/// What OCR text looks like before parsing: full-width letters, digits and punctuation become
/// ASCII (NFKC for the forms on certificates), wave dashes become '~', the spaces Tesseract puts
/// between Japanese characters and inside numbers are removed, and look-alikes between digits are
/// mended (〇/O → 0, l/I/| → 1, ー/一/－/— → '-'). Line breaks are kept.
std::string NormaliseOcrText(std::string_view text);

bool IsCjk(char32_t c);  ///< kanji, kana, CJK punctuation and the iteration marks

}  // namespace certintake::fields
