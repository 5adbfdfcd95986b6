#include "certintake/evidence/evidence.hpp"

#include "piece.hpp"

namespace certintake::evidence {

EvidenceReport CheckEvidence(const cv::Mat& crop, double dpi, const read::CertificateReading& reading,
                             const EvidenceThresholds& thresholds, const DebugSink& debug) {
  EvidenceReport report;
  if (crop.empty()) return report;
  const Piece piece = MakePiece(crop, dpi, reading, thresholds);
  NameFindings name = CheckName(piece, thresholds, debug);
  CopyFindings copy = CheckCopy(piece, thresholds, debug);
  report.name_present = name.present;
  report.name_in_pencil = name.pencil;
  report.copy = copy.copy;
  report.reduced_copy = copy.reduced;
  report.copy_signs = std::move(copy.signs);
  report.checks = std::move(name.checks);
  report.checks.insert(report.checks.end(), copy.checks.begin(), copy.checks.end());
  return report;
}

void ApplyTo(const EvidenceReport& report, rules::CertificateFacts& facts) {
  facts.name_present = report.name_present;
  facts.name_in_pencil = report.name_in_pencil;
  facts.copy = report.copy;
  facts.reduced_copy = report.reduced_copy;
}

}  // namespace certintake::evidence
