// The one place Tesseract's API is used: results are copied into our own types at once.

#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstdlib>
#include <memory>

#include "certintake/core/error.hpp"
#include "certintake/ocr/ocr_engine.hpp"

namespace certintake::ocr {
namespace {

namespace fs = std::filesystem;

fs::path FindTessdata(const TesseractOptions& options) {
  if (!options.tessdata.empty()) return options.tessdata;
  if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix != nullptr && *prefix != '\0') return prefix;
  return "/usr/share/tesseract-ocr/5/tessdata";
}

tesseract::PageSegMode SegMode(Layout layout) {
  switch (layout) {
    case Layout::kBlock: return tesseract::PSM_SINGLE_BLOCK;
    case Layout::kSingleLine: return tesseract::PSM_SINGLE_LINE;
    case Layout::kVerticalBlock: return tesseract::PSM_SINGLE_BLOCK_VERT_TEXT;
  }
  return tesseract::PSM_SINGLE_BLOCK;
}

class TesseractEngine final : public OcrEngine {
 public:
  explicit TesseractEngine(const TesseractOptions& options) : language_(options.language) {
    const fs::path tessdata = FindTessdata(options);
    for (const std::string& language : {language_, language_ + "_vert"}) {
      if (!fs::exists(tessdata / (language + ".traineddata"))) {
        throw UsageError(
            fmt::format("{} not found; install the Debian package tesseract-ocr-jpn and "
                        "tesseract-ocr-jpn-vert (scripts/setup.sh) or set TESSDATA_PREFIX",
                        (tessdata / (language + ".traineddata")).string()));
      }
    }
    omp_set_num_threads(1);  // one worker, one core: OpenMP inside Tesseract only oversubscribes
    // Tesseract reports small oddities ("Image too small to scale!!") through a process-wide
    // debug file; our messages are the clerk's one-liners, so its chatter goes nowhere.
    horizontal_.SetVariable("debug_file", "/dev/null");
    if (horizontal_.Init(tessdata.c_str(), language_.c_str(), tesseract::OEM_LSTM_ONLY) != 0 ||
        vertical_.Init(tessdata.c_str(), (language_ + "_vert").c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      throw UsageError(fmt::format("Tesseract could not load the {} model from {}", language_, tessdata.string()));
    }
    version_ =
        fmt::format("tesseract {} ({} from {})", tesseract::TessBaseAPI::Version(), language_, tessdata.string());
  }

  OcrText Read(const cv::Mat& image, double dpi, Layout layout) override {
    CV_Assert(image.type() == CV_8UC1);
    omp_set_num_threads(1);
    tesseract::TessBaseAPI& api = layout == Layout::kVerticalBlock ? vertical_ : horizontal_;
    api.SetPageSegMode(SegMode(layout));
    api.SetImage(image.data, image.cols, image.rows, 1, static_cast<int>(image.step));
    api.SetSourceResolution(std::max(70, static_cast<int>(dpi)));  // Tesseract's floor
    OcrText result;
    if (api.Recognize(nullptr) != 0) {
      api.Clear();
      return result;  // nothing recognised: an empty reading, not an error
    }
    std::unique_ptr<tesseract::ResultIterator> lines(api.GetIterator());
    if (lines) {
      do {
        std::unique_ptr<char[]> text(lines->GetUTF8Text(tesseract::RIL_TEXTLINE));
        if (!text) continue;
        OcrLine line;
        line.text = text.get();
        while (!line.text.empty() && (line.text.back() == '\n' || line.text.back() == ' ')) line.text.pop_back();
        if (line.text.empty()) continue;
        int left = 0, top = 0, right = 0, bottom = 0;
        lines->BoundingBox(tesseract::RIL_TEXTLINE, &left, &top, &right, &bottom);
        line.box = cv::Rect(left, top, right - left, bottom - top);
        line.confidence = lines->Confidence(tesseract::RIL_TEXTLINE) / 100.0;
        line.min_confidence = line.confidence;
        result.lines.push_back(std::move(line));
      } while (lines->Next(tesseract::RIL_TEXTLINE));
    }
    AddSymbols(api, result);
    api.Clear();
    return result;
  }

  [[nodiscard]] std::string Version() const override { return version_; }

 private:
  /// Each line's characters with their boxes. Tesseract's line confidence hides single doubtful
  /// characters; keep the least sure one too.
  static void AddSymbols(tesseract::TessBaseAPI& api, OcrText& result) {
    std::unique_ptr<tesseract::ResultIterator> symbols(api.GetIterator());
    if (!symbols) return;
    std::size_t line = 0;
    do {
      if (line >= result.lines.size()) break;
      OcrSymbol symbol;
      symbol.confidence = symbols->Confidence(tesseract::RIL_SYMBOL) / 100.0;
      if (std::unique_ptr<char[]> text(symbols->GetUTF8Text(tesseract::RIL_SYMBOL)); text) symbol.text = text.get();
      int left = 0, top = 0, right = 0, bottom = 0;
      symbols->BoundingBox(tesseract::RIL_SYMBOL, &left, &top, &right, &bottom);
      symbol.box = cv::Rect(left, top, right - left, bottom - top);
      OcrLine& target = result.lines[line];
      target.min_confidence = std::min(target.min_confidence, symbol.confidence);
      target.symbols.push_back(std::move(symbol));
      if (symbols->IsAtFinalElement(tesseract::RIL_TEXTLINE, tesseract::RIL_SYMBOL)) ++line;
    } while (symbols->Next(tesseract::RIL_SYMBOL));
  }

  std::string language_;
  std::string version_;
  tesseract::TessBaseAPI horizontal_;
  tesseract::TessBaseAPI vertical_;
};

}  // namespace

std::unique_ptr<OcrEngine> MakeTesseractEngine(const TesseractOptions& options) {
  return std::make_unique<TesseractEngine>(options);
}

}  // namespace certintake::ocr
