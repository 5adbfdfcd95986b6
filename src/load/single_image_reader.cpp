// PNG and JPEG pages through Leptonica, which also reads their resolution (pHYs, JFIF density).

#include <leptonica/allheaders.h>

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <opencv2/core.hpp>
#include <string>

#include "certintake/core/error.hpp"
#include "readers.hpp"

namespace certintake::load {
namespace {

thread_local std::string first_leptonica_message;

void CaptureLeptonicaMessage(const char* message) {
  if (first_leptonica_message.empty() && message != nullptr) {
    first_leptonica_message = message;
    while (!first_leptonica_message.empty() &&
           std::isspace(static_cast<unsigned char>(first_leptonica_message.back()))) {
      first_leptonica_message.pop_back();
    }
  }
}

void RouteLeptonicaMessages() {
  static std::once_flag once;
  std::call_once(once, [] { leptSetStderrHandler(CaptureLeptonicaMessage); });
}

struct PixDeleter {
  void operator()(PIX* pix) const {
    PIX* p = pix;
    pixDestroy(&p);
  }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

/// libpng and libjpeg print their complaints ("libpng error: Read Error", "Premature end of JPEG
/// file") straight to stderr, around Leptonica. While an image is decoded, stderr goes to a
/// temporary file instead, so that what the clerk sees is our one line, with the library's first
/// complaint in it. One capture at a time: two threads swapping stderr would leave it pointing at
/// the other's temporary file (the review server decodes originals on its request threads). A
/// line another thread writes meanwhile lands in the capture too; ingest opens images on its
/// writer thread while no page worker runs, and the server decodes each page once (it keeps them).
class CapturedStderr {
 public:
  CapturedStderr() : lock_(Mutex()), file_(std::tmpfile()) {
    std::fflush(stderr);
    if (file_ != nullptr) {
      saved_ = dup(STDERR_FILENO);
      if (saved_ >= 0) dup2(fileno(file_), STDERR_FILENO);
    }
  }
  CapturedStderr(const CapturedStderr&) = delete;
  CapturedStderr& operator=(const CapturedStderr&) = delete;
  ~CapturedStderr() {
    Restore();
    if (file_ != nullptr) std::fclose(file_);
  }

  /// Puts stderr back and returns the first line written meanwhile.
  std::string FirstLine() {
    Restore();
    if (file_ == nullptr) return {};
    std::rewind(file_);
    std::array<char, 512> line{};
    if (std::fgets(line.data(), line.size(), file_) == nullptr) return {};
    std::string text(line.data());
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    saved_ = -1;
  }

  static std::mutex& Mutex() {
    static std::mutex mutex;
    return mutex;
  }

  std::lock_guard<std::mutex> lock_;
  std::FILE* file_;
  int saved_ = -1;
};

/// Copies a Leptonica image into OpenCV: 8-bit grey stays grey, everything else becomes BGR, and
/// transparency is flattened onto white paper.
cv::Mat ToMat(PIX* source) {
  PixPtr flattened;
  if (pixGetSpp(source) == 4) {
    flattened.reset(pixAlphaBlendUniform(source, 0xffffff00));
    source = flattened.get();
  }
  if (pixGetDepth(source) == 8 && pixGetColormap(source) == nullptr) {
    const int w = pixGetWidth(source);
    const int h = pixGetHeight(source);
    cv::Mat grey(h, w, CV_8UC1);
    for (int y = 0; y < h; ++y) {
      const l_uint32* line = pixGetData(source) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(source);
      auto* out = grey.ptr<uchar>(y);
      for (int x = 0; x < w; ++x) {
        out[x] = static_cast<uchar>(GET_DATA_BYTE(line, x));
      }
    }
    return grey;
  }
  PixPtr rgb(pixConvertTo32(source));
  if (!rgb) {
    throw InputError("the image's pixel format is not supported");
  }
  const int w = pixGetWidth(rgb.get());
  const int h = pixGetHeight(rgb.get());
  cv::Mat bgr(h, w, CV_8UC3);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(rgb.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(rgb.get());
    auto* out = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < w; ++x) {
      l_int32 r = 0;
      l_int32 g = 0;
      l_int32 b = 0;
      extractRGBValues(line[x], &r, &g, &b);
      out[x] = cv::Vec3b(static_cast<uchar>(b), static_cast<uchar>(g), static_cast<uchar>(r));
    }
  }
  return CollapseGreyToOneChannel(std::move(bgr));
}

class SingleImageReader final : public ScanReader {
 public:
  explicit SingleImageReader(PageImage page) : page_(std::move(page)) {}
  [[nodiscard]] int PageCount() const override { return 1; }
  PageImage ReadPage(int /*index*/) override { return page_; }

 private:
  PageImage page_;
};

}  // namespace

std::unique_ptr<ScanReader> OpenSingleImage(const std::filesystem::path& file, const LoadLimits& limits) {
  RouteLeptonicaMessages();
  first_leptonica_message.clear();
  l_int32 width = 0;
  l_int32 height = 0;
  if (pixReadHeader(file.c_str(), nullptr, &width, &height, nullptr, nullptr, nullptr) != 0) {
    throw InputError("not a readable image: the header is damaged");
  }
  CheckPageSize(width, height, limits);
  CapturedStderr library_messages;
  PixPtr pix(pixRead(file.c_str()));
  const std::string library_message = library_messages.FirstLine();
  if (!pix) {
    const std::string& cause = !library_message.empty() ? library_message : first_leptonica_message;
    throw InputError(fmt::format("not a readable image: {}; the file may be damaged or incompletely copied",
                                 cause.empty() ? "decoding failed" : cause));
  }
  PageImage page;
  page.index = 1;
  const double dpi = pixGetXRes(pix.get());
  if (dpi >= 50 && dpi <= 1200) {
    page.dpi = std::round(dpi);
    page.dpi_source = DpiSource::kFile;
  } else {
    page.dpi = limits.default_dpi;
  }
  page.pixels = ToMat(pix.get());
  return std::make_unique<SingleImageReader>(std::move(page));
}

}  // namespace certintake::load
