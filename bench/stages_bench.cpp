// Micro-benchmarks of the costly stages, one certificate or page at a time, on the committed
// samples (samples/batch-001.pdf): page roles, segmentation, OCR and fields per certificate, and
// the evidence checks (all together, then name and copy alone). Each iteration processes one
// item, cycling through them, so the CPU time printed is per page or per certificate.
//
//   build/bench/stages_bench [--benchmark_filter=Evidence]

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "certintake/core/models.hpp"
#include "certintake/evidence/evidence.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/pipeline/process_page.hpp"
#include "certintake/read/certificate_reader.hpp"
#include "certintake/segment/certificate_finder.hpp"
#include "certintake/segment/page_classifier.hpp"
#include "piece.hpp"

namespace certintake {
namespace {

struct Certificate {
  cv::Mat crop;
  double dpi = 300;
  read::CertificateReading reading;
};

struct Sheet {
  PageImage upright;
  cv::Mat blank_form;  ///< empty for plain paper
};

/// The samples, classified, segmented and read once.
struct Samples {
  pipeline::ServiceSet services = pipeline::LoadServices();
  std::vector<PageImage> pages;
  std::vector<Sheet> sheets;
  std::vector<Certificate> certificates;

  Samples() {
    const auto scan = load::OpenScan(ModelsDirectory().parent_path() / "samples" / "batch-001.pdf");
    for (int i = 1; i <= scan->PageCount(); ++i) pages.push_back(scan->ReadPage(i));
    for (const PageImage& page : pages) {
      const segment::PageClassification role = segment::ClassifyPage(page, *services.ocr);
      if (role.form != segment::FormKind::kBackPage && role.form != segment::FormKind::kNone) continue;
      Sheet sheet{page, role.form == segment::FormKind::kBackPage
                            ? segment::BlankBackPage(segment::SegmentOptions{}.working_dpi)
                            : cv::Mat()};
      if (role.rotation_degrees == 180) cv::rotate(page.pixels, sheet.upright.pixels, cv::ROTATE_180);
      for (const segment::PieceRegion& region : segment::FindCertificates(sheet.upright, sheet.blank_form)) {
        Certificate certificate;
        certificate.crop = segment::CropPiece(sheet.upright, region);
        certificate.dpi = page.dpi;
        certificate.reading = read::ReadCertificate(certificate.crop, page.dpi, *services.ocr, services.catalog);
        certificates.push_back(std::move(certificate));
      }
      sheets.push_back(std::move(sheet));
    }
    fmt::print(stderr, "samples: {} pages, {} certificate sheets, {} certificates\n", pages.size(), sheets.size(),
               certificates.size());
  }
};

Samples& TheSamples() {
  static Samples samples;
  return samples;
}

void ClassifyPage(benchmark::State& state) {
  Samples& s = TheSamples();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(segment::ClassifyPage(s.pages[i++ % s.pages.size()], *s.services.ocr));
  }
}

void FindCertificates(benchmark::State& state) {
  Samples& s = TheSamples();
  std::size_t i = 0;
  for (auto _ : state) {
    const Sheet& sheet = s.sheets[i++ % s.sheets.size()];
    benchmark::DoNotOptimize(segment::FindCertificates(sheet.upright, sheet.blank_form));
  }
}

void ReadCertificate(benchmark::State& state) {
  Samples& s = TheSamples();
  std::size_t i = 0;
  for (auto _ : state) {
    const Certificate& c = s.certificates[i++ % s.certificates.size()];
    benchmark::DoNotOptimize(read::ReadCertificate(c.crop, c.dpi, *s.services.ocr, s.services.catalog));
  }
}

void EvidenceAllChecks(benchmark::State& state) {
  Samples& s = TheSamples();
  std::size_t i = 0;
  for (auto _ : state) {
    const Certificate& c = s.certificates[i++ % s.certificates.size()];
    benchmark::DoNotOptimize(evidence::CheckEvidence(c.crop, c.dpi, c.reading));
  }
}

void EvidencePiece(benchmark::State& state) {
  Samples& s = TheSamples();
  std::size_t i = 0;
  for (auto _ : state) {
    const Certificate& c = s.certificates[i++ % s.certificates.size()];
    benchmark::DoNotOptimize(evidence::MakePiece(c.crop, c.dpi, c.reading, {}));
  }
}

/// The samples' certificates as the evidence checks see them.
std::vector<evidence::Piece> Pieces(const Samples& s) {
  std::vector<evidence::Piece> pieces;
  for (const Certificate& c : s.certificates) pieces.push_back(evidence::MakePiece(c.crop, c.dpi, c.reading, {}));
  return pieces;
}

void EvidenceName(benchmark::State& state) {
  const std::vector<evidence::Piece> pieces = Pieces(TheSamples());
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(evidence::CheckName(pieces[i++ % pieces.size()], {}, {}));
}

void EvidenceCopy(benchmark::State& state) {
  const std::vector<evidence::Piece> pieces = Pieces(TheSamples());
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(evidence::CheckCopy(pieces[i++ % pieces.size()], {}, {}));
}

BENCHMARK(ClassifyPage)->Unit(benchmark::kMillisecond);
BENCHMARK(FindCertificates)->Unit(benchmark::kMillisecond);
BENCHMARK(ReadCertificate)->Unit(benchmark::kMillisecond);
BENCHMARK(EvidenceAllChecks)->Unit(benchmark::kMillisecond);
BENCHMARK(EvidencePiece)->Unit(benchmark::kMillisecond);
BENCHMARK(EvidenceName)->Unit(benchmark::kMillisecond);
BENCHMARK(EvidenceCopy)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace certintake

BENCHMARK_MAIN();
