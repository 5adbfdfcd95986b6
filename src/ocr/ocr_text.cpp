#include "certintake/ocr/ocr_engine.hpp"

namespace certintake::ocr {

std::string OcrText::Joined() const {
  std::string text;
  for (const OcrLine& line : lines) {
    if (!text.empty()) text += '\n';
    text += line.text;
  }
  return text;
}

double OcrText::MeanConfidence() const {
  double weighted = 0.0;
  double total = 0.0;
  for (const OcrLine& line : lines) {
    weighted += line.confidence * static_cast<double>(line.text.size());
    total += static_cast<double>(line.text.size());
  }
  return total > 0 ? weighted / total : 0.0;
}

}  // namespace certintake::ocr
