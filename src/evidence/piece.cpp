#include "piece.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "certintake/core/page_image.hpp"

namespace certintake::evidence {

std::array<double, 4> Piece::Fractions(const cv::Rect& region) const {
  const double w = std::max(1, grey.cols);
  const double h = std::max(1, grey.rows);
  return {region.x / w, region.y / h, (region.x + region.width) / w, (region.y + region.height) / h};
}

double Quantile(const cv::Mat& image, const cv::Mat& mask, double q) {
  CV_Assert(image.type() == CV_8UC1);
  int histogram[256] = {};
  long total = 0;
  for (int y = 0; y < image.rows; ++y) {
    const auto* row = image.ptr<std::uint8_t>(y);
    const auto* keep = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < image.cols; ++x) {
      if (keep == nullptr || keep[x] != 0) {
        ++histogram[row[x]];
        ++total;
      }
    }
  }
  if (total == 0) return -1;
  const auto target = static_cast<long>(q * static_cast<double>(total - 1));
  long seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += histogram[v];
    if (seen > target) return v;
  }
  return 255;
}

Piece MakePiece(const cv::Mat& crop, double dpi, const read::CertificateReading& reading,
                const EvidenceThresholds& thresholds) {
  Piece piece;
  piece.ocr = &reading.ocr;
  piece.large_print = &reading.large_print;
  piece.px_per_mm = reading.ocr_dpi / 25.4;
  cv::Mat upright = TurnClockwise(crop, reading.rotation_degrees);
  if (std::abs(reading.ocr_dpi - dpi) > 1) {
    cv::resize(upright, upright, cv::Size(), reading.ocr_dpi / dpi, reading.ocr_dpi / dpi, cv::INTER_AREA);
  }
  if (upright.channels() == 3) {
    piece.bgr = upright;
    cv::cvtColor(upright, piece.grey, cv::COLOR_BGR2GRAY);
  } else {
    piece.grey = upright;
  }

  // The paper's own shading (tone, a copier's dark band, the scanner's falloff): the brightest
  // value nearby, smoothed. Dividing it out leaves the ink.
  const int reach = std::max(3, static_cast<int>(2.0 * piece.px_per_mm)) | 1;
  cv::Mat paper;
  cv::dilate(piece.grey, paper, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(reach, reach)));
  cv::blur(paper, paper, cv::Size(reach, reach));
  cv::Mat ratio;
  cv::divide(piece.grey, paper, ratio, 255.0, CV_8U);
  cv::subtract(cv::Scalar(255), ratio, piece.darkness);
  piece.ink = piece.darkness >= thresholds.ink_darkness;

  // What Tesseract read with confidence is print (handwriting rarely reads that well).
  piece.print = cv::Mat::zeros(piece.grey.size(), CV_8U);
  for (const ocr::OcrLine& line : reading.ocr.lines) {
    for (const ocr::OcrSymbol& symbol : line.symbols) {
      if (symbol.confidence >= kPrintConfidence) {
        cv::rectangle(piece.print, symbol.box & piece.bounds(), cv::Scalar(255), cv::FILLED);
      }
    }
  }
  const cv::Mat printed_ink = piece.print & piece.ink;
  piece.print_darkness = std::max(0.0, Quantile(piece.darkness, printed_ink, 0.85));
  return piece;
}

}  // namespace certintake::evidence
