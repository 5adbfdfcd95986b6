#include "certintake/read/certificate_reader.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>

#include "certintake/fields/text.hpp"

namespace certintake::read {
namespace {

/// Grey image for OCR with red seals (朱印) painted out: they overlap the issuer's name.
cv::Mat GreyWithoutRedSeals(const cv::Mat& crop) {
  if (crop.channels() == 1) {
    return crop;
  }
  cv::Mat hsv;
  cv::cvtColor(crop, hsv, cv::COLOR_BGR2HSV);
  cv::Mat low_red;
  cv::Mat high_red;
  cv::inRange(hsv, cv::Scalar(0, 70, 60), cv::Scalar(10, 255, 255), low_red);
  cv::inRange(hsv, cv::Scalar(165, 70, 60), cv::Scalar(180, 255, 255), high_red);
  cv::Mat seal = low_red | high_red;
  cv::dilate(seal, seal, cv::Mat(), cv::Point(-1, -1), 1);
  cv::Mat grey;
  cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  grey.setTo(cv::Scalar(255), seal);
  return grey;
}

/// Certificates are scanned at 200-400 dpi; Tesseract reads 300 dpi text best and faster.
cv::Mat AtReadingResolution(const cv::Mat& grey, double dpi, double& out_dpi) {
  if (dpi > 330) {
    cv::Mat scaled;
    cv::resize(grey, scaled, cv::Size(), 300.0 / dpi, 300.0 / dpi, cv::INTER_AREA);
    out_dpi = 300;
    return scaled;
  }
  out_dpi = dpi;
  return grey;
}

double Score(const ocr::OcrText& text) {
  return text.MeanConfidence() * static_cast<double>(std::min<std::size_t>(text.Joined().size(), 60));
}

/// The confidence of the line holding `needle`, or the text's mean when no line does.
double LineConfidence(const ocr::OcrText& ocr, std::string_view needle, double fallback) {
  if (needle.empty()) return fallback;
  for (const ocr::OcrLine& line : ocr.lines) {
    const std::string normalised = fields::NormaliseOcrText(line.text);
    if (normalised.find(needle) != std::string::npos) return line.confidence;
  }
  return fallback;
}

}  // namespace

CertificateReading ReadCertificate(const cv::Mat& crop, double dpi, ocr::OcrEngine& engine,
                                   const rules::Catalog& catalog, const ReadThresholds& thresholds) {
  double reading_dpi = dpi;
  const cv::Mat grey = AtReadingResolution(GreyWithoutRedSeals(crop), dpi, reading_dpi);

  CertificateReading reading;
  reading.ocr = engine.Read(grey, reading_dpi, ocr::Layout::kBlock);
  // A piece pasted upside down reads as noise: try it turned round and keep the better reading.
  if (reading.ocr.MeanConfidence() < 0.75) {
    cv::Mat turned;
    cv::rotate(grey, turned, cv::ROTATE_180);
    ocr::OcrText other = engine.Read(turned, reading_dpi, ocr::Layout::kBlock);
    if (Score(other) > Score(reading.ocr)) {
      reading.ocr = std::move(other);
      reading.rotation_degrees = 180;
    }
  }
  reading.text = fields::NormaliseOcrText(reading.ocr.Joined());
  reading.text_confidence = reading.ocr.MeanConfidence();
  reading.unreadable =
      reading.text_confidence < thresholds.min_text_confidence || fields::DecodeUtf8(reading.text).size() < 4;
  reading.kind = fields::ReadKind(reading.text);
  reading.event = fields::ReadEvent(reading.text, catalog);
  reading.date = fields::ParseEventDate(reading.text);
  reading.attendance = fields::ReadAttendance(reading.text);
  reading.issued_by_branch_chief = fields::ReadBranchChiefIssuer(reading.text, reading.text_confidence);
  for (const ocr::OcrLine& line : reading.ocr.lines) {
    const std::string normalised = fields::NormaliseOcrText(line.text);
    if (normalised.find("会長") != std::string::npos || normalised.find("支部長") != std::string::npos ||
        normalised.find("理事長") != std::string::npos || normalised.find("大会長") != std::string::npos) {
      reading.issuer = normalised;
    }
  }
  return reading;
}

rules::CertificateFacts ToFacts(const CertificateReading& reading, const ReadThresholds& thresholds) {
  rules::CertificateFacts facts;
  facts.unreadable = reading.unreadable;
  const double mean = reading.text_confidence;
  facts.kind = reading.kind.kind;
  facts.kind_sure =
      reading.kind.sure && LineConfidence(reading.ocr, reading.kind.evidence, mean) >= thresholds.line_confidence;
  facts.event_id = reading.event.event_id;
  facts.event_sure = reading.event.confidence >= thresholds.event_similarity && mean >= thresholds.line_confidence;
  facts.edition = reading.event.edition;
  if (reading.date) {
    facts.date = reading.date->value;
    facts.date_sure = reading.date->confidence >= thresholds.date_confidence &&
                      LineConfidence(reading.ocr, reading.date->source, mean) >= thresholds.line_confidence;
  } else {
    facts.date_sure = false;
  }
  facts.attendance = reading.attendance;
  facts.issued_by_branch_chief = reading.issued_by_branch_chief;
  return facts;
}

}  // namespace certintake::read
