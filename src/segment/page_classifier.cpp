#include "certintake/segment/page_classifier.hpp"

#include <array>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "certintake/fields/certificate_text.hpp"
#include "certintake/fields/text.hpp"
#include "certintake/segment/certificate_finder.hpp"

namespace certintake::segment {
namespace {

/// The titles sit in the top eighth of the forms; 150 dpi reads their 16-pt print well.
constexpr double kBandFraction = 0.13;
constexpr double kBandDpi = 150.0;
/// Header layouts are compared at this resolution: enough for the forms' rules and boxes.
constexpr double kLayoutDpi = 75.0;

cv::Mat TitleBand(const cv::Mat& upright) {
  return upright(cv::Rect(0, 0, upright.cols, static_cast<int>(upright.rows * kBandFraction))).clone();
}

/// The turns that could make the page stand upright: a portrait page was fed upright or upside
/// down; a landscape one was laid sideways, one way or the other.
std::vector<int> CandidateTurns(const cv::Mat& page) {
  if (page.cols > page.rows) return {90, 270};
  return {0, 180};
}

FormKind RecogniseTitle(const std::string& text) {
  const std::u32string code_points = fields::DecodeUtf8(text);
  const auto similar = [&](const char32_t* title) { return fields::SubstringSimilarity(title, code_points) >= 0.75; };
  if (similar(U"出席ポイント") || similar(U"チェックシート")) return FormKind::kCheckSheet;
  if (similar(U"資格更新申請書")) {
    return text.find("裏面") != std::string::npos || similar(U"申請書(裏面)") ? FormKind::kBackPage
                                                                              : FormKind::kApplicationForm;
  }
  return FormKind::kNone;
}

/// The form a page is printed from, recognised by the layout of its header when its title did
/// not read: the best-matching blank form, if it matches well and clearly better than the others.
PageClassification ByLayout(const cv::Mat& grey, double dpi) {
  constexpr double kMinScore = 0.65;
  constexpr double kMinLead = 0.08;
  const double scale = kLayoutDpi / dpi;
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  const std::array<std::pair<FormKind, const char*>, 3> forms = {{{FormKind::kApplicationForm, "application-form.pdf"},
                                                                  {FormKind::kBackPage, "back-page.pdf"},
                                                                  {FormKind::kCheckSheet, "check-sheet.pdf"}}};
  PageClassification best;
  double best_score = -1.0;
  double runner_up = -1.0;
  for (const int turn : CandidateTurns(small)) {
    const cv::Mat upright = TurnClockwise(small, turn);
    for (const auto& [form, file] : forms) {
      const double score = FormHeaderScore(BlankForm(file, kLayoutDpi), upright);
      if (score > best_score) {
        runner_up = best_score;
        best_score = score;
        best.form = form;
        best.rotation_degrees = turn;
      } else {
        runner_up = std::max(runner_up, score);
      }
    }
  }
  if (best_score < kMinScore || best_score - runner_up < kMinLead) return {};
  return best;
}

/// Whether an upright page titled as the application matches the back page's header layout
/// clearly better than the front's.
bool IsBackPageByLayout(const cv::Mat& upright_grey, double dpi) {
  constexpr double kMinLead = 0.05;
  cv::Mat small;
  cv::resize(upright_grey, small, cv::Size(), kLayoutDpi / dpi, kLayoutDpi / dpi, cv::INTER_AREA);
  return FormHeaderScore(BlankForm("back-page.pdf", kLayoutDpi), small) >
         FormHeaderScore(BlankForm("application-form.pdf", kLayoutDpi), small) + kMinLead;
}

}  // namespace

PageClassification ClassifyPage(const PageImage& page, ocr::OcrEngine& engine) {
  cv::Mat grey;
  if (page.IsColour()) {
    cv::cvtColor(page.pixels, grey, cv::COLOR_BGR2GRAY);
  } else {
    grey = page.pixels;
  }
  const double scale = std::min(1.0, kBandDpi / page.dpi);
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  PageClassification result;
  for (const int turn : CandidateTurns(small)) {
    const ocr::OcrText text = engine.Read(TitleBand(TurnClockwise(small, turn)), page.dpi * scale, ocr::Layout::kBlock);
    const std::string normalised = fields::NormaliseOcrText(text.Joined());
    result.form = RecogniseTitle(normalised);
    // Both sides of the application share the title; a misread 裏面 leaves the layout to tell.
    if (result.form == FormKind::kApplicationForm && IsBackPageByLayout(TurnClockwise(small, turn), page.dpi * scale)) {
      result.form = FormKind::kBackPage;
    }
    if (result.form != FormKind::kNone) {
      result.rotation_degrees = turn;
      result.title = normalised.substr(0, normalised.find('\n'));
      return result;
    }
  }
  return ByLayout(grey, page.dpi);
}

std::string RoleOf(FormKind form, bool has_certificates) {
  switch (form) {
    case FormKind::kApplicationForm: return "application_form";
    case FormKind::kCheckSheet: return "check_sheet";
    case FormKind::kBackPage: return "certificate_sheet";
    case FormKind::kNone: break;
  }
  return has_certificates ? "certificate_sheet" : "other";
}

}  // namespace certintake::segment
