#pragma once

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace certintake::ocr {

/// One recognised character, in the pixel coordinates of the image that was read.
struct OcrSymbol {
  std::string text;
  cv::Rect box;
  double confidence = 0.0;  ///< 0..1
};

/// One line of recognised text, in the pixel coordinates of the image that was read.
struct OcrLine {
  std::string text;
  cv::Rect box;
  double confidence = 0.0;      ///< mean of the line's character confidences, 0..1
  double min_confidence = 0.0;  ///< the least sure character, 0..1
  std::vector<OcrSymbol> symbols;
};

struct OcrText {
  std::vector<OcrLine> lines;

  [[nodiscard]] std::string Joined() const;     ///< the lines, one per row
  [[nodiscard]] double MeanConfidence() const;  ///< over lines, weighted by length; 0 when empty
  /// The same text with every box scaled by `factor` (a reading of a resized image, in the
  /// original's coordinates).
  [[nodiscard]] OcrText Scaled(double factor) const;
};

/// How a block of text is laid out, for the engine's page segmentation.
enum class Layout { kBlock, kSingleLine, kVerticalBlock };

/// Reads text from an image. One engine per thread.
class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  /// `image` is 8-bit grey; `dpi` its resolution.
  virtual OcrText Read(const cv::Mat& image, double dpi, Layout layout) = 0;
  [[nodiscard]] virtual std::string Version() const = 0;  ///< engine and model versions
};

struct TesseractOptions {
  std::filesystem::path tessdata;  ///< empty: $TESSDATA_PREFIX, then Debian's /usr/share/tesseract-ocr/5/tessdata
  std::string language = "jpn";
};

/// Tesseract 5 (LSTM) through its C++ API, limited to one OpenMP thread. Throws Error(kUsage)
/// naming the missing file when the language model cannot be found.
std::unique_ptr<OcrEngine> MakeTesseractEngine(const TesseractOptions& options = {});

}  // namespace certintake::ocr
