#pragma once

#include <memory>
#include <string>
#include <vector>

#include "certintake/core/debug_sink.hpp"
#include "certintake/core/page_image.hpp"
#include "certintake/evidence/evidence.hpp"
#include "certintake/ocr/ocr_engine.hpp"
#include "certintake/read/certificate_reader.hpp"
#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"
#include "certintake/segment/certificate_finder.hpp"

namespace certintake::pipeline {

/// What the stages share while processing pages: one per worker thread.
struct Services {
  ocr::OcrEngine& ocr;
  const rules::Catalog& catalog;
  DebugSink debug;                ///< `--debug-dir`: pictures of each stage, per page
  bool read_certificates = true;  ///< false: pages are classified and segmented only (`eval --segmentation-only`)
};

/// Owns what a worker's Services refer to.
struct ServiceSet {
  std::unique_ptr<ocr::OcrEngine> ocr;
  rules::Catalog catalog;
  Services View(const DebugSink& debug = {}) { return Services{*ocr, catalog, debug}; }
};

/// The SHA-256 of the configuration pages are processed with (the evidence thresholds, as JSON):
/// recorded with every run, so an audit can tell a changed configuration from a changed pipeline.
std::string ConfigSha256();

/// Loads the event catalog (models/catalog.json) and the OCR engine. Throws Error(kUsage) naming
/// the file when either cannot be loaded.
ServiceSet LoadServices();

/// One certificate found and read on a page.
struct FoundCertificate {
  segment::PieceRegion region;  ///< in the coordinates of the page as scanned
  read::CertificateReading reading;
  evidence::EvidenceReport evidence;
  rules::CertificateFacts facts;
};

struct PageResult {
  std::string role;  ///< CONTRACT role (not separator: that is decided before)
  int rotation_degrees = 0;
  std::vector<FoundCertificate> certificates;
};

/// Classifies a page that is not a separator, finds the certificates pasted on it and reads them:
/// classify → segment → read → check the evidence (name, instrument, copy signs).
PageResult ProcessPage(const PageImage& page, Services& services, const DebugSink& debug = {});

}  // namespace certintake::pipeline
