#include "certintake/separate/separator.hpp"

#include <algorithm>
#include <cctype>
#include <opencv2/imgproc.hpp>
#include <vector>

// Debian's OpenCV 4.6 is built without quirc, so its QR detector finds codes but cannot decode
// them; zxing-cpp reads them instead.
#define ZX_USE_UTF8 1
#include <ZXing/ReadBarcode.h>

#include "certintake/core/member_id.hpp"

namespace certintake::separate {
namespace {

/// Separator QR codes are printed large; reading them at 150 dpi is enough and several times
/// cheaper than at scan resolution.
constexpr double kDetectionDpi = 150.0;

cv::Mat GreyAtDetectionResolution(const PageImage& page) {
  cv::Mat grey;
  if (page.IsColour()) {
    cv::cvtColor(page.pixels, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = page.pixels;
  }
  const double scale = kDetectionDpi / page.dpi;
  if (scale < 0.9) {
    cv::Mat small;
    cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
    return small;
  }
  return grey;
}

}  // namespace

std::string SeparatorPayload(std::string_view member_id) {
  return std::string(kSeparatorPrefix) + std::string(member_id);
}

SeparatorFinding ParseSeparatorPayload(std::string_view payload) {
  SeparatorFinding finding;
  if (payload.substr(0, std::string_view("certintake:").size()) != "certintake:") {
    return finding;
  }
  finding.payload = std::string(payload);
  if (payload.substr(0, kSeparatorPrefix.size()) == kSeparatorPrefix &&
      IsValidMemberId(payload.substr(kSeparatorPrefix.size()))) {
    finding.kind = SeparatorFinding::Kind::kSeparator;
    finding.member_id = std::string(payload.substr(kSeparatorPrefix.size()));
  } else {
    finding.kind = SeparatorFinding::Kind::kMalformed;
  }
  return finding;
}

SeparatorFinding FindSeparator(const PageImage& page) {
  const cv::Mat grey = GreyAtDetectionResolution(page);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const ZXing::ImageView view(grey.data, grey.cols, grey.rows, ZXing::ImageFormat::Lum, static_cast<int>(grey.step));
  SeparatorFinding best;
  for (const ZXing::Result& code : ZXing::ReadBarcodes(view, hints)) {
    if (!code.isValid()) {
      continue;
    }
    SeparatorFinding finding = ParseSeparatorPayload(code.text());
    if (finding.kind == SeparatorFinding::Kind::kSeparator) {
      return finding;
    }
    if (finding.kind == SeparatorFinding::Kind::kMalformed) {
      best = finding;
    }
  }
  return best;
}

std::optional<std::string> MemberIdFromFileName(const std::filesystem::path& file,
                                                const std::function<bool(std::string_view)>& is_registered) {
  std::string stem = file.stem().string();
  stem = stem.substr(0, stem.find('_'));
  const bool all_digits =
      !stem.empty() && std::all_of(stem.begin(), stem.end(), [](unsigned char c) { return std::isdigit(c); });
  if (IsValidMemberId(stem) && (all_digits || (is_registered && is_registered(stem)))) {
    return stem;
  }
  return std::nullopt;
}

}  // namespace certintake::separate
