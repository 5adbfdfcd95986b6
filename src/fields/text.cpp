#include "certintake/fields/text.hpp"

#include <array>

namespace certintake::fields {
namespace {

bool IsDigit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

/// Full-width forms (U+FF01..U+FF5E) and a few others that NFKC folds, as certificates print them.
char32_t FoldWidth(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) {
    c = c - 0xFF01 + 0x21;
  }
  switch (c) {
    case 0x3000: return U' ';  // ideographic space
    case U'~':
    case 0x301C:               // 〜 wave dash
    case 0x223C: return U'~';  // ∼
    case 0xFFE5: return U'¥';  // ￥
    case 0x2212:               // − minus
    case 0x2010:               // ‐ hyphen
    case 0x2013: return U'-';  // – en dash
    default: return c;
  }
}

/// Characters OCR confuses with digits when they stand between digits.
char32_t DigitLookAlike(char32_t c) {
  switch (c) {
    case 0x3007:  // 〇
    case U'O':
    case U'o': return U'0';
    case U'l':
    case U'I':
    case U'|': return U'1';
    default: return 0;
  }
}

bool IsDashLookAlike(char32_t c) {
  return c == 0x30FC /*ー*/ || c == 0x4E00 /*一*/ || c == 0x2014 /*—*/ || c == 0x2015 /*―*/ || c == U'-';
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    bool valid = true;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = valid && (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    out.push_back(valid ? code : 0xFFFD);
    i += valid ? length : 1;
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

bool IsCjk(char32_t c) {
  return (c >= 0x3000 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF5F && c <= 0xFF9F);
}

std::string NormaliseOcrText(std::string_view text) {
  std::u32string folded;
  for (char32_t c : DecodeUtf8(text)) {
    folded.push_back(FoldWidth(c));
  }
  // Spaces only separate words in Latin text: drop them beside Japanese characters and digits.
  std::u32string spaced;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char32_t c = folded[i];
    if (c == U' ' || c == U'\t') {
      std::size_t j = i;
      while (j < folded.size() && (folded[j] == U' ' || folded[j] == U'\t')) ++j;
      const char32_t before = spaced.empty() ? U'\n' : spaced.back();
      const char32_t after = j < folded.size() ? folded[j] : U'\n';
      const bool keep = !(IsCjk(before) || IsCjk(after) || (IsDigit(before) && IsDigit(after)) || before == U'\n' ||
                          after == U'\n' || IsDigit(before) || IsDigit(after));
      if (keep) spaced.push_back(U' ');
      i = j - 1;
      continue;
    }
    spaced.push_back(c);
  }
  // Look-alikes beside digits: a letter next to a digit and to no other letter is a misread digit
  // ("2O24" -> "2024", but "ISO9001" stays); a dash look-alike between digits is a dash, and a
  // Japanese full stop between digits a dot ("R2.1。4").
  std::u32string out = spaced;
  const auto is_letter = [&](std::size_t i) {
    return i < out.size() && ((out[i] >= U'A' && out[i] <= U'Z') || (out[i] >= U'a' && out[i] <= U'z'));
  };
  const auto is_digit_at = [&](std::size_t i) { return i < out.size() && IsDigit(out[i]); };
  for (std::size_t i = 0; i < out.size(); ++i) {
    const bool digit_before = i > 0 && is_digit_at(i - 1);
    const bool digit_after = is_digit_at(i + 1);
    const bool letter_beside = (i > 0 && is_letter(i - 1)) || is_letter(i + 1);
    if (const char32_t digit = DigitLookAlike(out[i]); digit != 0 && (digit_before || digit_after) && !letter_beside) {
      out[i] = digit;
    } else if (IsDashLookAlike(out[i]) && digit_before && digit_after) {
      out[i] = U'-';
    } else if (out[i] == 0x3002 /*。*/ && digit_before && digit_after) {
      out[i] = U'.';
    }
  }
  return EncodeUtf8(out);
}

}  // namespace certintake::fields
