#include "certintake/pipeline/process_page.hpp"

#include <nlohmann/json.hpp>

#include "certintake/core/sha256.hpp"

#include <fmt/format.h>

#include <array>

#include <opencv2/imgproc.hpp>

#include "certintake/core/models.hpp"
#include "certintake/segment/page_classifier.hpp"

namespace certintake::pipeline {
namespace {

/// What OCR read, for --debug-dir: each line with its confidence, then each character's.
std::string OcrDump(const ocr::OcrText& text) {
  std::string out;
  for (const ocr::OcrLine& line : text.lines) {
    out += fmt::format("{}\t[{:.2f}]\n ", line.text, line.confidence);
    for (const ocr::OcrSymbol& symbol : line.symbols)
      out += fmt::format(" {}{:.0f}", symbol.text, 100 * symbol.confidence);
    out += "\n";
  }
  return out;
}

/// A region found on the page after it was turned `degrees` clockwise, in the coordinates of the
/// page as scanned (`scanned` is that page's size).
segment::PieceRegion TurnBack(const segment::PieceRegion& region, int degrees, const cv::Size& scanned) {
  if (degrees == 0) return region;
  const auto to_scanned = [&](cv::Point2f p) {
    const auto w = static_cast<float>(scanned.width);
    const auto h = static_cast<float>(scanned.height);
    switch (degrees) {
      case 90: return cv::Point2f(p.y, h - p.x);
      case 180: return cv::Point2f(w - p.x, h - p.y);
      default: return cv::Point2f(w - p.y, p.x);  // 270
    }
  };
  std::array<cv::Point2f, 4> corners;
  region.outline.points(corners.data());
  for (cv::Point2f& corner : corners) corner = to_scanned(corner);
  segment::PieceRegion turned = region;
  turned.outline = cv::RotatedRect(corners[0], corners[1], corners[2]);
  const cv::Point2f a = to_scanned(cv::Point2f(static_cast<float>(region.box.x), static_cast<float>(region.box.y)));
  const cv::Point2f b =
      to_scanned(cv::Point2f(static_cast<float>(region.box.br().x), static_cast<float>(region.box.br().y)));
  turned.box = cv::Rect(cv::Point(cvRound(std::min(a.x, b.x)), cvRound(std::min(a.y, b.y))),
                        cv::Point(cvRound(std::max(a.x, b.x)), cvRound(std::max(a.y, b.y))));
  return turned;
}

}  // namespace

std::string ConfigSha256() {
  return Sha256Hex(nlohmann::json{{"evidence_thresholds", evidence::EvidenceThresholds{}}}.dump());
}

ServiceSet LoadServices() {
  ServiceSet services;
  services.catalog = rules::LoadCatalog(ModelsDirectory() / "catalog.json");
  services.ocr = ocr::MakeTesseractEngine();
  return services;
}

PageResult ProcessPage(const PageImage& page, Services& services, const DebugSink& debug) {
  PageResult result;
  const segment::PageClassification classification = segment::ClassifyPage(page, services.ocr);
  result.rotation_degrees = classification.rotation_degrees;
  PageImage upright = page;
  upright.pixels = TurnClockwise(page.pixels, classification.rotation_degrees);
  std::vector<segment::PieceRegion> regions;
  // A page whose title was not read may still be the back page: the finder registers the blank
  // form to it and treats it as plain paper when the form is not there.
  if (classification.form == segment::FormKind::kBackPage || classification.form == segment::FormKind::kNone) {
    regions =
        segment::FindCertificates(upright, segment::BlankBackPage(segment::SegmentOptions{}.working_dpi), {}, debug);
  }
  for (const segment::PieceRegion& region : regions) {
    FoundCertificate found;
    found.region = TurnBack(region, classification.rotation_degrees, page.pixels.size());
    if (!services.read_certificates) {
      result.certificates.push_back(std::move(found));
      continue;
    }
    const cv::Mat crop = segment::CropPiece(upright, region);
    const std::string name = fmt::format("piece{}", result.certificates.size() + 1);
    debug.Image("read_" + name, crop);
    found.reading = read::ReadCertificate(crop, page.dpi, services.ocr, services.catalog);
    debug.Text("read_" + name, OcrDump(found.reading.ocr) + "\n-- large print (a third of the resolution) --\n" +
                                   OcrDump(found.reading.large_print));
    found.facts = read::ToFacts(found.reading);
    found.evidence = evidence::CheckEvidence(crop, page.dpi, found.reading, {}, debug.Child(name));
    evidence::ApplyTo(found.evidence, found.facts);
    result.certificates.push_back(std::move(found));
  }
  result.role = segment::RoleOf(classification.form, !result.certificates.empty());
  return result;
}

}  // namespace certintake::pipeline
