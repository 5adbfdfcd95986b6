#include "certintake/pipeline/process_page.hpp"

#include <fmt/format.h>

#include <opencv2/imgproc.hpp>

#include "certintake/core/models.hpp"
#include "certintake/segment/page_classifier.hpp"

namespace certintake::pipeline {
namespace {

/// A region found on the page turned 180 degrees, in the coordinates of the page as scanned.
segment::PieceRegion TurnBack(segment::PieceRegion region, const cv::Size& page) {
  region.outline.center = cv::Point2f(static_cast<float>(page.width) - region.outline.center.x,
                                      static_cast<float>(page.height) - region.outline.center.y);
  region.box = cv::Rect(page.width - region.box.x - region.box.width, page.height - region.box.y - region.box.height,
                        region.box.width, region.box.height);
  return region;
}

}  // namespace

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
  if (classification.rotation_degrees == 180) {
    cv::rotate(page.pixels, upright.pixels, cv::ROTATE_180);
  }
  std::vector<segment::PieceRegion> regions;
  // A page whose title was not read may still be the back page: the finder registers the blank
  // form to it and treats it as plain paper when the form is not there.
  if (classification.form == segment::FormKind::kBackPage || classification.form == segment::FormKind::kNone) {
    regions =
        segment::FindCertificates(upright, segment::BlankBackPage(segment::SegmentOptions{}.working_dpi), {}, debug);
  }
  for (const segment::PieceRegion& region : regions) {
    FoundCertificate found;
    found.region = classification.rotation_degrees == 180 ? TurnBack(region, page.pixels.size()) : region;
    if (!services.read_certificates) {
      result.certificates.push_back(std::move(found));
      continue;
    }
    const cv::Mat crop = segment::CropPiece(upright, region);
    const std::string name = fmt::format("piece{}", result.certificates.size() + 1);
    debug.Image("read_" + name, crop);
    found.reading = read::ReadCertificate(crop, page.dpi, services.ocr, services.catalog);
    found.facts = read::ToFacts(found.reading);
    found.evidence = evidence::CheckEvidence(crop, page.dpi, found.reading, {}, debug.Child(name));
    evidence::ApplyTo(found.evidence, found.facts);
    result.certificates.push_back(std::move(found));
  }
  result.role = segment::RoleOf(classification.form, !result.certificates.empty());
  return result;
}

}  // namespace certintake::pipeline
