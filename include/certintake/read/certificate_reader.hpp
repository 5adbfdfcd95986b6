#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>

#include "certintake/fields/certificate_text.hpp"
#include "certintake/fields/date_parser.hpp"
#include "certintake/ocr/ocr_engine.hpp"
#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"

namespace certintake::read {

/// Confidence a field needs before the rules may rely on it without a person's look; below it the
/// field is marked uncertain (flag low_confidence). Chosen from the corpus (see README).
struct ReadThresholds {
  double event_similarity = 0.90;  ///< fuzzy match of the event name
  /// An event in no catalog is surely so when a meeting's name was read clearly and no catalog
  /// name comes closer than this; otherwise it could be any event (the rules treat it so).
  double other_event_similarity = 0.70;
  double line_confidence = 0.70;      ///< Tesseract's confidence in the line a field came from
  double date_confidence = 0.90;      ///< the date parser's own confidence (weekday check, ambiguity)
  double min_text_confidence = 0.45;  ///< below this, or with almost no text, the piece is unreadable
};

/// Everything read from one certificate crop, with the evidence for each field.
struct CertificateReading {
  ocr::OcrText ocr;          ///< lines in the coordinates of the upright crop at `ocr_dpi`
  ocr::OcrText large_print;  ///< a second look at a third of the resolution, which reads titles
                             ///< (large, letter-spaced) that `ocr` misses; same coordinates
  double ocr_dpi = 300.0;    ///< the resolution the crop was read at (scans above 330 dpi are reduced)
  int rotation_degrees = 0;  ///< clockwise turn (0, 90, 180, 270) that made the crop read
  std::string text;          ///< normalised text of all lines
  double text_confidence = 0.0;
  bool unreadable = false;
  fields::KindReading kind;
  fields::EventReading event;
  std::optional<fields::DateReading> date;
  rules::Attendance attendance = rules::Attendance::kUnknown;
  rules::Finding issued_by_branch_chief = rules::Finding::kInconclusive;
  std::string issuer;  ///< the line naming the issuer (…会長, …支部長), when found
};

/// Reads a certificate crop (colour or grey, upright or upside down): removes red seals, OCRs it,
/// and extracts kind, event, date, attendance and issuer.
CertificateReading ReadCertificate(const cv::Mat& crop, double dpi, ocr::OcrEngine& engine,
                                   const rules::Catalog& catalog, const ReadThresholds& thresholds = {});

/// The facts the rules need, with each uncertain field marked as such. The evidence checks
/// (name, copy) are filled in by their own stage.
rules::CertificateFacts ToFacts(const CertificateReading& reading, const ReadThresholds& thresholds = {});

}  // namespace certintake::read
