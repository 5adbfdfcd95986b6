#include "certintake/synth/generator.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/member_id.hpp"
#include "certintake/synth/scan_writer.hpp"
#include "plan.hpp"
#include "render.hpp"

namespace certintake::synth {
namespace {

/// Bumped when the corpus a seed gives changes on purpose.
constexpr std::string_view kGenerator = "certintake-synth/1";

void CheckOptions(const SynthOptions& options) {
  if (options.applications < 1 || options.applications > 10000) {
    throw UsageError(fmt::format("--applications must be between 1 and 10000, not {}", options.applications));
  }
  if (options.dpis.empty()) {
    throw UsageError("at least one scan resolution is needed");
  }
  for (int dpi : options.dpis) {
    if (dpi < 100 || dpi > 600) {
      throw UsageError(fmt::format("scan resolution {} dpi is outside 100..600", dpi));
    }
  }
  if (!options.received.ok()) {
    throw UsageError("--received is not a valid date");
  }
}

PageRole RoleOf(int sheet, const ApplicationPlan& application) {
  if (sheet < 0) {
    return PageRole::kSeparator;
  }
  switch (application.sheets[static_cast<std::size_t>(sheet)].kind) {
    case SheetKind::kApplicationForm: return PageRole::kApplicationForm;
    case SheetKind::kCheckSheet: return PageRole::kCheckSheet;
    case SheetKind::kBackForm:
    case SheetKind::kPlainPaper:
    case SheetKind::kLooseCertificate: break;
  }
  return PageRole::kCertificateSheet;
}

std::string PaperOf(int sheet, const ApplicationPlan& application) {
  if (sheet < 0) {
    return "separator";
  }
  switch (application.sheets[static_cast<std::size_t>(sheet)].kind) {
    case SheetKind::kApplicationForm:
    case SheetKind::kBackForm:
    case SheetKind::kCheckSheet: return "form";
    case SheetKind::kPlainPaper: return "plain";
    case SheetKind::kLooseCertificate: break;
  }
  return "certificate";
}

double NormalisedAngle(double degrees) {
  double a = std::fmod(degrees, 360.0);
  if (a <= -180) {
    a += 360;
  } else if (a > 180) {
    a -= 360;
  }
  return a;
}

/// Writes the pages of one scan file as they come.
class FileSink {
 public:
  FileSink(const ScanJob& job, const std::filesystem::path& path) : job_(job), path_(path) {
    if (job.format == "tiff") {
      tiff_ = std::make_unique<TiffWriter>(path);
    }
  }
  void Add(const cv::Mat& page) {
    if (job_.format == "pdf") {
      pdf_.AddPage(page, job_.dpi, job_.encoding);
    } else if (job_.format == "tiff") {
      tiff_->AddPage(page, job_.dpi, job_.encoding);
    } else {
      WritePageImage(path_, page, job_.dpi, job_.encoding.jpeg_quality);
    }
  }
  void Finish() {
    if (job_.format == "pdf") {
      pdf_.Finish(path_);
    } else if (tiff_) {
      tiff_->Finish();
    }
  }

 private:
  const ScanJob& job_;
  std::filesystem::path path_;
  ScannerPdfWriter pdf_;
  std::unique_ptr<TiffWriter> tiff_;
};

void WriteText(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    throw InputError(fmt::format("cannot write {}", file.string()));
  }
}

std::string MembersCsv(const std::vector<Member>& members) {
  std::string csv = "member_id,name,name_kana,cert_start,cert_end,fees_paid\n";
  for (const Member& m : members) {
    csv += fmt::format("{},{},{},{},{},{}\n", m.member_id, m.name, m.name_kana, m.cert_start, m.cert_end,
                       m.fees_paid ? "true" : "false");
  }
  return csv;
}

Labels LabelsOf(const CorpusPlan& plan, const SynthOptions& options) {
  Labels labels;
  labels.seed = options.seed;
  labels.received = FormatIsoDate(options.received);
  labels.generator = std::string(kGenerator);
  for (const ApplicationPlan& application : plan.applications) {
    ApplicationLabel label;
    label.member_id = application.member.member_id;
    label.registered = application.registered;
    label.expected = application.expected;
    for (const PiecePlan& piece : application.pieces) {
      label.certificates.push_back(piece.truth);
    }
    labels.applications.push_back(std::move(label));
  }
  return labels;
}

}  // namespace

Labels PlanLabels(const SynthOptions& options) {
  CheckOptions(options);
  return LabelsOf(PlanCorpus(options), options);
}

std::filesystem::path DefaultFormsDirectory() {
  return CERTINTAKE_FORMS_DIR;
}

Labels GenerateCorpus(const SynthOptions& options) {
  CheckOptions(options);
  if (options.out.empty()) {
    throw UsageError("--out is required: the folder to write the corpus into");
  }
  CheckFontsInstalled();
  FormLibrary forms(options.forms_dir);
  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  if (error) {
    throw InputError(fmt::format("cannot create {}: {}", options.out.string(), error.message()));
  }

  const CorpusPlan plan = PlanCorpus(options);
  Labels labels = LabelsOf(plan, options);

  std::uint64_t page_number = 0;
  int files_done = 0;
  for (const ScanJob& job : plan.jobs) {
    FileLabel file_label;
    file_label.file = job.file;
    file_label.format = job.format;
    FileSink sink(job, options.out / job.file);
    Rng file_rng = Rng::For(options.seed, 0x5CA11E5ULL + static_cast<std::uint64_t>(files_done));
    const bool lossless = job.encoding.compression == ScanEncoding::Compression::kLossless;
    for (std::size_t i = 0; i < job.pages.size(); ++i) {
      const ScanJob::Page& page = job.pages[i];
      const ApplicationPlan& application = plan.applications[page.application];
      Rng rng = Rng::For(options.seed, ++page_number);
      const RenderedSheet sheet = RenderSheet(application, page.sheet, job.dpi, forms, rng);
      const double px_per_mm = job.dpi / 25.4;
      ScanSettings settings = RandomScanSettings(job.colour, px_per_mm, rng);
      const bool upside_down =
          page.sheet < 0 ? rng.Chance(0.03) : application.sheets[static_cast<std::size_t>(page.sheet)].upside_down;
      settings.rotation_degrees = upside_down ? 180 : 0;
      // A sheet laid sideways on a flatbed (its own stream, so the other draws stay as they were).
      Rng sideways = Rng::For(options.seed, 0x51DE5ULL + page_number);
      if (sideways.Chance(0.03)) {
        settings.rotation_degrees = sideways.Chance(0.5) ? 90 : 270;
      }
      if (lossless && file_rng.Chance(0.5)) {
        settings.pre_jpeg_quality = rng.Int(75, 92);
      }
      cv::Mat paper = sheet.image;
      Handle(paper, px_per_mm, page.sheet >= 0 && rng.Chance(0.55), page.sheet >= 0 && rng.Chance(0.06),
             settings.backing, rng);
      cv::Matx23d transform;
      const cv::Mat scanned = Scan(paper, settings, rng, &transform);
      sink.Add(scanned);

      const int index = static_cast<int>(i) + 1;
      PageLabel page_label;
      page_label.index = index;
      page_label.role = RoleOf(page.sheet, application);
      page_label.member_id = application.member.member_id;
      page_label.dpi = job.dpi;
      page_label.colour = job.colour;
      page_label.rotation = settings.rotation_degrees;
      page_label.skew_degrees = settings.skew_degrees;
      page_label.paper = PaperOf(page.sheet, application);
      file_label.pages.push_back(page_label);

      ApplicationLabel& application_label = labels.applications[page.application];
      application_label.pages.push_back({job.file, index});
      for (const PiecePosition& position : sheet.pieces) {
        CertificateTruth& truth = application_label.certificates[position.piece];
        double x0 = 1e18;
        double y0 = 1e18;
        double x1 = -1e18;
        double y1 = -1e18;
        for (const cv::Point2d& corner : position.corners) {
          const double x = transform(0, 0) * corner.x + transform(0, 1) * corner.y + transform(0, 2);
          const double y = transform(1, 0) * corner.x + transform(1, 1) * corner.y + transform(1, 2);
          x0 = std::min(x0, x);
          y0 = std::min(y0, y);
          x1 = std::max(x1, x);
          y1 = std::max(y1, y);
        }
        const double w = scanned.cols;
        const double h = scanned.rows;
        truth.file = job.file;
        truth.page = index;
        truth.bbox = {std::clamp(x0 / w, 0.0, 1.0), std::clamp(y0 / h, 0.0, 1.0), std::clamp(x1 / w, 0.0, 1.0),
                      std::clamp(y1 / h, 0.0, 1.0)};
        truth.rotation_degrees =
            NormalisedAngle(position.angle_degrees + settings.skew_degrees + settings.rotation_degrees);
      }
    }
    sink.Finish();
    labels.files.push_back(std::move(file_label));
    ++files_done;
    if (options.progress) {
      options.progress(files_done, static_cast<int>(plan.jobs.size()));
    }
  }

  WriteText(options.out / labels.members_csv, MembersCsv(plan.members));
  WriteText(options.out / "labels.json", LabelsToJson(labels));
  return labels;
}

}  // namespace certintake::synth
