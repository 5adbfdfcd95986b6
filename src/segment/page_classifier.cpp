#include "certintake/segment/page_classifier.hpp"

#include <array>
#include <opencv2/imgproc.hpp>

#include "certintake/fields/certificate_text.hpp"
#include "certintake/fields/text.hpp"
#include "certintake/segment/certificate_finder.hpp"

namespace certintake::segment {
namespace {

/// The titles sit in the top eighth of the forms; 150 dpi reads their 16-pt print well.
constexpr double kBandFraction = 0.13;
constexpr double kBandDpi = 150.0;

cv::Mat TitleBand(const cv::Mat& grey, bool from_bottom) {
  const int height = static_cast<int>(grey.rows * kBandFraction);
  cv::Mat band = grey(cv::Rect(0, from_bottom ? grey.rows - height : 0, grey.cols, height));
  if (from_bottom) {
    cv::Mat turned;
    cv::rotate(band, turned, cv::ROTATE_180);
    return turned;
  }
  return band.clone();
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
  constexpr double kLayoutDpi = 75.0;
  constexpr double kMinScore = 0.65;
  constexpr double kMinLead = 0.08;
  const double scale = kLayoutDpi / dpi;
  cv::Mat small;
  cv::resize(grey, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat turned;
  cv::rotate(small, turned, cv::ROTATE_180);
  const std::array<std::pair<FormKind, const char*>, 3> forms = {{{FormKind::kApplicationForm, "application-form.pdf"},
                                                                  {FormKind::kBackPage, "back-page.pdf"},
                                                                  {FormKind::kCheckSheet, "check-sheet.pdf"}}};
  PageClassification best;
  double best_score = -1.0;
  double runner_up = -1.0;
  for (const auto& [form, file] : forms) {
    const cv::Mat& blank = BlankForm(file, kLayoutDpi);
    for (const bool upside_down : {false, true}) {
      const double score = FormHeaderScore(blank, upside_down ? turned : small);
      if (score > best_score) {
        runner_up = best_score;
        best_score = score;
        best.form = form;
        best.rotation_degrees = upside_down ? 180 : 0;
      } else {
        runner_up = std::max(runner_up, score);
      }
    }
  }
  if (best_score < kMinScore || best_score - runner_up < kMinLead) return {};
  return best;
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
  for (const bool upside_down : {false, true}) {
    const ocr::OcrText text = engine.Read(TitleBand(small, upside_down), page.dpi * scale, ocr::Layout::kBlock);
    const std::string normalised = fields::NormaliseOcrText(text.Joined());
    result.form = RecogniseTitle(normalised);
    if (result.form != FormKind::kNone) {
      result.rotation_degrees = upside_down ? 180 : 0;
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
