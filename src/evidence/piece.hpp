#pragma once

// The certificate crop as the checks see it: upright, at the resolution it was read at, with
// the paper's shading divided out, and the printed text the OCR was sure of marked.

#include <array>
#include <opencv2/core.hpp>
#include <string>

#include "certintake/evidence/evidence.hpp"
#include "certintake/read/certificate_reader.hpp"

namespace certintake::evidence {

/// An OCR symbol read at least this surely is print, when its line is print too (the name check's
/// IsPrintLine: Tesseract reads handwriting as sure characters of a line that makes no sense).
constexpr double kPrintConfidence = 0.80;

struct Piece {
  cv::Mat bgr;       ///< CV_8UC3; empty for grey scans
  cv::Mat grey;      ///< CV_8UC1
  cv::Mat darkness;  ///< CV_8UC1: 0 = paper, 255 = black, after the paper's shading is divided out
  cv::Mat ink;       ///< CV_8UC1 mask: darkness at or above the ink threshold
  cv::Mat print;     ///< CV_8UC1 mask: boxes of the characters Tesseract read with confidence
  double px_per_mm = 300 / 25.4;
  double print_darkness = 0;  ///< how dark the piece's printed black is (0 when nothing was read)
  const ocr::OcrText* ocr = nullptr;
  const ocr::OcrText* large_print = nullptr;  ///< the reading's look at titles (see CertificateReading)

  [[nodiscard]] bool colour() const { return !bgr.empty(); }
  [[nodiscard]] cv::Rect bounds() const { return {0, 0, grey.cols, grey.rows}; }
  [[nodiscard]] double Mm2(double pixels) const { return pixels / (px_per_mm * px_per_mm); }
  /// A region as fractions of the piece, for the evidence record.
  [[nodiscard]] std::array<double, 4> Fractions(const cv::Rect& region) const;
};

/// Turns and scales `crop` to the frame the reading's OCR boxes are in, and measures its paper
/// and printed black.
Piece MakePiece(const cv::Mat& crop, double dpi, const read::CertificateReading& reading,
                const EvidenceThresholds& thresholds);

/// The value at quantile `q` (0..1) of the pixels of `image` (CV_8UC1) under `mask`; -1 if none.
double Quantile(const cv::Mat& image, const cv::Mat& mask, double q);

/// The name checks: name_present and name_instrument.
struct NameFindings {
  rules::Finding present = rules::Finding::kInconclusive;
  rules::Finding pencil = rules::Finding::kInconclusive;
  std::vector<Evidence> checks;
};
NameFindings CheckName(const Piece& piece, const EvidenceThresholds& thresholds, const DebugSink& debug);

/// The copy checks, each a sign of its own, and the verdict on them.
struct CopyFindings {
  rules::Finding copy = rules::Finding::kInconclusive;
  rules::Finding reduced = rules::Finding::kInconclusive;
  std::vector<std::string> signs;
  std::vector<Evidence> checks;
};
CopyFindings CheckCopy(const Piece& piece, const EvidenceThresholds& thresholds, const DebugSink& debug);

}  // namespace certintake::evidence
