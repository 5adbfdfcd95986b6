#include <cmath>

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

namespace {
cv::Rect ScaledBox(const cv::Rect& box, double factor) {
  return {cv::Point(static_cast<int>(std::lround(box.x * factor)), static_cast<int>(std::lround(box.y * factor))),
          cv::Point(static_cast<int>(std::lround(box.br().x * factor)),
                    static_cast<int>(std::lround(box.br().y * factor)))};
}
}  // namespace

OcrText OcrText::Scaled(double factor) const {
  OcrText scaled = *this;
  for (OcrLine& line : scaled.lines) {
    line.box = ScaledBox(line.box, factor);
    for (OcrSymbol& symbol : line.symbols) symbol.box = ScaledBox(symbol.box, factor);
  }
  return scaled;
}

}  // namespace certintake::ocr
