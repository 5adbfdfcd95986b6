#pragma once

// Certificate designs: name-plate cards, postcards, A5 and A4 certificates, web print-outs and
// receipts, each drawn from the content a certificate carries.

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "canvas.hpp"
#include "random.hpp"

namespace certintake::synth {

enum class SealStyle { kNone, kStamped, kPrinted };

/// Everything printed on one certificate (or receipt).
struct CertificateContent {
  std::string design;  ///< one of Designs()
  cv::Size2d size_mm;  ///< the sheet or card, uncut
  std::string title;
  std::string event_name;
  std::string date_label;  ///< "会期" / "開催日" / "視聴日" / "" before date_text
  std::string date_text;
  std::string issue_date_text;  ///< 発行日 (print-outs), may be empty
  std::string venue;
  std::string attendance_text;  ///< "Web参加", "現地参加", or "" when unstated
  std::string body;
  std::vector<std::string> issuer_lines;
  std::string seal_text;
  std::string organiser;
  std::string mark;  ///< a few letters for the logo
  std::string serial;
  std::string amount;   ///< receipts: ￥5,000-
  std::string purpose;  ///< receipts: 但し書き
  cv::Scalar accent{120, 60, 20};
  cv::Scalar paper{248, 249, 250};
  FontId font = FontId::kSerif;
  FontId title_font = FontId::kSerifBold;
  SealStyle seal = SealStyle::kNone;
  bool logo = true;
  bool border = true;
  bool bw = false;  ///< printed in black and white from a PDF
};

/// A drawn certificate, before anyone writes on it.
struct PieceArt {
  cv::Mat image;  ///< BGR
  cv::Mat alpha;  ///< CV_8U, 255 where there is paper (0 in a lanyard slot)
  double px_per_mm = 0;
  cv::Size2d size_mm;
  std::optional<cv::Rect2d> name_field;  ///< mm: where the form asks for the name
  std::vector<cv::Rect2d> margins;       ///< mm: blank places a name fits when there is no field
};

/// The design names, at least eight.
const std::vector<std::string>& Designs();
/// Uncut size of a design in mm (receipts from a till vary in length).
cv::Size2d DesignSize(std::string_view design, Rng& rng);
/// Whether the design prints a name field (氏名 / 殿 / 様 line).
bool DesignHasNameField(std::string_view design);

PieceArt DrawCertificate(const CertificateContent& content, double px_per_mm, Rng& rng);

/// A red seal (角印 or 丸印): `stamped` ones are uneven, tilted and shine through the print.
void DrawSeal(cv::Mat& bgr, cv::Point2d centre_px, double size_px, std::string_view text, bool round, bool stamped,
              const cv::Scalar& colour, Rng& rng);

}  // namespace certintake::synth
