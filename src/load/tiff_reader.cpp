// TIFF, single- and multi-page, through libtiff. TIFFReadRGBAImageOriented decodes every
// photometric interpretation a scanner writes (bilevel, grey, palette, RGB, CMYK, YCbCr, 16-bit).

#include <tiffio.h>

#include <fmt/format.h>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "certintake/core/error.hpp"
#include "readers.hpp"

namespace certintake::load {
namespace {

/// libtiff's messages for one open file, so an error can name its cause.
struct TiffMessages {
  std::string first_error;
};

int CaptureTiffError(TIFF* /*tif*/, void* user_data, const char* /*module*/, const char* format, va_list args) {
  auto* messages = static_cast<TiffMessages*>(user_data);
  if (messages->first_error.empty()) {
    std::array<char, 512> buffer{};
    std::vsnprintf(buffer.data(), buffer.size(), format, args);
    messages->first_error = buffer.data();
  }
  return 1;  // handled: libtiff prints nothing
}

int IgnoreTiffWarning(TIFF* /*tif*/, void* /*user_data*/, const char* /*module*/, const char* /*format*/,
                      va_list /*args*/) {
  return 1;
}

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};

double ResolutionDpi(TIFF* tif) {
  float x_resolution = 0;
  uint16_t unit = RESUNIT_INCH;
  if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &x_resolution) != 1 || !(x_resolution > 0)) {
    return 0;
  }
  TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
  if (unit == RESUNIT_CENTIMETER) {
    return std::round(x_resolution * 2.54);
  }
  return unit == RESUNIT_INCH ? std::round(x_resolution) : 0;
}

class TiffReader final : public ScanReader {
 public:
  TiffReader(std::unique_ptr<TiffMessages> messages, TIFF* tif, int pages, const LoadLimits& limits)
      : messages_(std::move(messages)), tif_(tif), pages_(pages), limits_(limits) {}

  [[nodiscard]] int PageCount() const override { return pages_; }

  PageImage ReadPage(int index) override {
    messages_->first_error.clear();
    if (TIFFSetDirectory(tif_.get(), static_cast<tdir_t>(index - 1)) != 1) {
      throw InputError(fmt::format("the page cannot be read: {}", Cause("the file is truncated")));
    }
    uint32_t width = 0;
    uint32_t height = 0;
    TIFFGetField(tif_.get(), TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(tif_.get(), TIFFTAG_IMAGELENGTH, &height);
    CheckPageSize(width, height, limits_);

    std::vector<uint32_t> raster(static_cast<std::size_t>(width) * height);
    if (TIFFReadRGBAImageOriented(tif_.get(), width, height, raster.data(), ORIENTATION_TOPLEFT, 0) != 1) {
      throw InputError(fmt::format("the page cannot be decoded: {}", Cause("the image data is damaged")));
    }
    // Each raster word is A,B,G,R from high to low byte, i.e. bytes R,G,B,A on little-endian.
    const cv::Mat rgba(static_cast<int>(height), static_cast<int>(width), CV_8UC4, raster.data());
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);

    PageImage page;
    page.index = index;
    const double dpi = ResolutionDpi(tif_.get());
    if (dpi >= 50 && dpi <= 1200) {
      page.dpi = dpi;
      page.dpi_source = DpiSource::kFile;
    } else {
      page.dpi = limits_.default_dpi;
    }
    page.pixels = CollapseGreyToOneChannel(std::move(bgr));
    return page;
  }

 private:
  [[nodiscard]] std::string Cause(const char* fallback) const {
    return messages_->first_error.empty() ? fallback : messages_->first_error;
  }

  std::unique_ptr<TiffMessages> messages_;
  std::unique_ptr<TIFF, TiffCloser> tif_;
  int pages_;
  LoadLimits limits_;
};

}  // namespace

std::unique_ptr<ScanReader> OpenTiff(const std::filesystem::path& file, const LoadLimits& limits) {
  auto messages = std::make_unique<TiffMessages>();
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  TIFFOpenOptionsSetErrorHandlerExtR(options, CaptureTiffError, messages.get());
  TIFFOpenOptionsSetWarningHandlerExtR(options, IgnoreTiffWarning, nullptr);
  TIFF* tif = TIFFOpenExt(file.c_str(), "r", options);
  TIFFOpenOptionsFree(options);
  if (tif == nullptr) {
    throw InputError(
        fmt::format("not a readable TIFF: {}; the file may be damaged or incompletely copied",
                    messages->first_error.empty() ? "no page could be found in it" : messages->first_error));
  }
  std::unique_ptr<TIFF, TiffCloser> guard(tif);
  const int pages = TIFFNumberOfDirectories(tif);
  if (pages <= 0) {
    throw InputError("the TIFF has no pages");
  }
  if (pages > limits.max_pages) {
    throw InputError(
        fmt::format("the TIFF has {} pages, more than the limit of {}; split the batch", pages, limits.max_pages));
  }
  return std::make_unique<TiffReader>(std::move(messages), guard.release(), pages, limits);
}

}  // namespace certintake::load
