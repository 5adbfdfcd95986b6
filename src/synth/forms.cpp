#include "forms.hpp"

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "canvas.hpp"
#include "certintake/core/error.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/separate/separator.hpp"

namespace certintake::synth {
namespace {

const char* FileName(FormId form) {
  switch (form) {
    case FormId::kApplication: return "application-form.pdf";
    case FormId::kBackPage: return "back-page.pdf";
    case FormId::kCheckSheet: break;
  }
  return "check-sheet.pdf";
}

/// A field of the PDF, in points (the forms' own coordinates; see models/forms/README.md).
struct FieldPt {
  double x;
  double y;
  double width;
  double height;
};

/// The field's box on the sheet, following the printer's placement.
cv::Rect2d OnSheet(const FieldPt& field, const cv::Matx23d& form_to_sheet, double px_per_mm) {
  const double scale = px_per_mm * 25.4 / 72.0;  // form pixels per point
  double x0 = 1e9;
  double y0 = 1e9;
  double x1 = -1e9;
  double y1 = -1e9;
  for (const cv::Point2d& corner :
       {cv::Point2d(field.x, field.y), cv::Point2d(field.x + field.width, field.y),
        cv::Point2d(field.x, field.y + field.height), cv::Point2d(field.x + field.width, field.y + field.height)}) {
    const cv::Point2d p = corner * scale;
    const double x = form_to_sheet(0, 0) * p.x + form_to_sheet(0, 1) * p.y + form_to_sheet(0, 2);
    const double y = form_to_sheet(1, 0) * p.x + form_to_sheet(1, 1) * p.y + form_to_sheet(1, 2);
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
  }
  return {x0, y0, x1 - x0, y1 - y0};
}

void Write(cv::Mat& sheet, const std::string& text, const FieldPt& field, const cv::Matx23d& form_to_sheet,
           const Hand& hand, Pen pen, double px_per_mm, Rng& rng, double max_em_mm = 7.5) {
  if (text.empty()) {
    return;
  }
  WriteByHand(sheet, text, OnSheet(field, form_to_sheet, px_per_mm), hand, pen, px_per_mm, rng, max_em_mm);
}

}  // namespace

FormLibrary::FormLibrary(std::filesystem::path directory) : directory_(std::move(directory)) {
  for (FormId form : {FormId::kApplication, FormId::kBackPage, FormId::kCheckSheet}) {
    const std::filesystem::path file = directory_ / FileName(form);
    if (!std::filesystem::exists(file)) {
      throw UsageError(fmt::format("blank form {} is missing: pass --forms with the folder holding {}", file.string(),
                                   "application-form.pdf, back-page.pdf and check-sheet.pdf (models/forms/)"));
    }
  }
}

const cv::Mat& FormLibrary::Blank(FormId form, int dpi) {
  const auto key = std::make_pair(form, dpi);
  auto found = rendered_.find(key);
  if (found == rendered_.end()) {
    load::LoadLimits limits;
    limits.default_dpi = dpi;
    auto reader = load::OpenScan(directory_ / FileName(form), limits);
    PageImage page = reader->ReadPage(1);
    cv::Mat grey;
    if (page.IsColour()) {
      cv::cvtColor(page.pixels, grey, cv::COLOR_BGR2GRAY);
    } else {
      grey = page.pixels;
    }
    // Exactly A4 at this resolution, whatever the PDF's rounding.
    const cv::Size a4(static_cast<int>(std::lround(210.0 / 25.4 * dpi)),
                      static_cast<int>(std::lround(297.0 / 25.4 * dpi)));
    if (grey.size() != a4) {
      cv::Mat fitted(a4, CV_8U, cv::Scalar(255));
      const cv::Rect common(0, 0, std::min(a4.width, grey.cols), std::min(a4.height, grey.rows));
      grey(common).copyTo(fitted(common));
      grey = fitted;
    }
    found = rendered_.emplace(key, grey).first;
  }
  return found->second;
}

void FillApplicationForm(cv::Mat& sheet, const cv::Matx23d& m, const FormFacts& f, const Hand& hand, Pen pen,
                         double px_per_mm, Rng& rng) {
  // 申請日 ____年 __月 __日 (labels at x 455 / 497 / 539 pt, y 158–168)
  Write(sheet, f.applied_year, {417, 152, 37, 20}, m, hand, pen, px_per_mm, rng, 5);
  Write(sheet, std::to_string(f.applied_month), {468, 152, 28, 20}, m, hand, pen, px_per_mm, rng, 5);
  Write(sheet, std::to_string(f.applied_day), {510, 152, 28, 20}, m, hand, pen, px_per_mm, rng, 5);
  Write(sheet, f.member_id, {172, 186, 200, 28}, m, hand, pen, px_per_mm, rng);
  Write(sheet, f.kana, {172, 223, 260, 28}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, f.name, {175, 262, 280, 40}, m, hand, pen, px_per_mm, rng, 10);
  // 生年月日: circle 昭和 (168.7–189.7) or 平成 (200.2–221.2), then the numbers.
  const FieldPt era = f.showa ? FieldPt{165, 316, 28, 19} : FieldPt{197, 316, 28, 19};
  CircleByHand(sheet, OnSheet(era, m, px_per_mm), pen, px_per_mm, rng);
  Write(sheet, std::to_string(f.birth_year), {228, 313, 34, 24}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, std::to_string(f.birth_month), {278, 313, 26, 24}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, std::to_string(f.birth_day), {320, 313, 26, 24}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, f.postal_code, {182, 364, 70, 22}, m, hand, pen, px_per_mm, rng, 5.5);
  Write(sheet, f.address, {170, 386, 372, 20}, m, hand, pen, px_per_mm, rng, 5.5);
  Write(sheet, f.phone, {172, 414, 220, 26}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, f.workplace, {172, 451, 320, 26}, m, hand, pen, px_per_mm, rng, 6.5);
  // 認定期間 ____年 __月 ～ ____年 __月 (年 at 210.7 / 326.2, 月 at 252.7 / 368.2)
  Write(sheet, std::to_string(f.period_start_year), {166, 490, 43, 22}, m, hand, pen, px_per_mm, rng, 5.5);
  Write(sheet, std::to_string(f.period_start_month), {224, 490, 27, 22}, m, hand, pen, px_per_mm, rng, 5.5);
  Write(sheet, std::to_string(f.period_end_year), {283, 490, 42, 22}, m, hand, pen, px_per_mm, rng, 5.5);
  Write(sheet, std::to_string(f.period_end_month), {340, 490, 27, 22}, m, hand, pen, px_per_mm, rng, 5.5);
}

void FillBackPageHeader(cv::Mat& sheet, const cv::Matx23d& m, const FormFacts& f, const Hand& hand, Pen pen,
                        double px_per_mm, Rng& rng) {
  Write(sheet, f.member_id, {80, 50, 170, 21}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, f.name, {332, 48, 200, 23}, m, hand, pen, px_per_mm, rng, 7);
}

void FillCheckSheet(cv::Mat& sheet, const cv::Matx23d& m, const FormFacts& f, const std::vector<CheckRow>& rows,
                    const std::string& total, const Hand& hand, Pen pen, double px_per_mm, Rng& rng) {
  Write(sheet, f.member_id, {86, 63, 200, 21}, m, hand, pen, px_per_mm, rng, 6);
  Write(sheet, f.name, {332, 61, 200, 23}, m, hand, pen, px_per_mm, rng, 7);
  constexpr std::array<std::pair<double, double>, 6> kRowsPt = {
      {{129, 161}, {161, 193}, {193, 235}, {235, 267}, {267, 299}, {299, 331}}};
  for (std::size_t i = 0; i < rows.size() && i < kRowsPt.size(); ++i) {
    const double top = kRowsPt[i].first + 4;
    const double height = kRowsPt[i].second - kRowsPt[i].first - 8;
    // The equipment row prints （基礎編・実践編） at the left of the name column.
    const double name_x = i == 5 ? 205 : 118;
    Write(sheet, rows[i].event, {name_x, top, 392 - name_x, height}, m, hand, pen, px_per_mm, rng, 4.5);
    Write(sheet, rows[i].date, {398, top, 96, height}, m, hand, pen, px_per_mm, rng, 4);
    if (!rows[i].points.empty()) {
      Write(sheet, rows[i].points, {503, top, 48, height}, m, hand, pen, px_per_mm, rng, 5);
    }
  }
  Write(sheet, total, {500, 335, 52, 24}, m, hand, pen, px_per_mm, rng, 6);
}

void DrawSeparatorSheet(cv::Mat& sheet, const std::string& member_id, const std::string& member_name,
                        double px_per_mm) {
  // The layout of `certintake coversheet`: title, a 70 mm QR code, the member id large.
  constexpr double kMmPerPt = 25.4 / 72.0;
  cv::Mat art(sheet.size(), CV_8UC3, cv::Scalar::all(0));
  auto centred = [&](const std::string& text, double size_pt, double baseline_mm, bool bold) {
    const FontId font = bold ? FontId::kSansBold : FontId::kSans;
    const double em = size_pt * kMmPerPt * px_per_mm;
    const double width = TextWidthPx(text, font, em);
    DrawTextPx(art, text, font, em, cv::Point2d((art.cols - width) / 2, baseline_mm * px_per_mm - 0.88 * em),
               cv::Scalar::all(255));
  };
  centred("申請書区切り用紙", 28, 40, true);
  centred("Application separator sheet", 14, 50, false);
  const ZXing::BitMatrix matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                      .setMargin(0)
                                      .setEccLevel(2)
                                      .encode(separate::SeparatorPayload(member_id), 0, 0);
  const double side = 70 * px_per_mm;
  const double module = side / matrix.width();
  const double left = (art.cols - side) / 2;
  const double top = 70 * px_per_mm;
  for (int row = 0; row < matrix.height(); ++row) {
    for (int column = 0; column < matrix.width(); ++column) {
      if (matrix.get(column, row)) {
        const cv::Point a(static_cast<int>(std::lround(left + column * module)),
                          static_cast<int>(std::lround(top + row * module)));
        const cv::Point b(static_cast<int>(std::lround(left + (column + 1) * module)) - 1,
                          static_cast<int>(std::lround(top + (row + 1) * module)) - 1);
        cv::rectangle(art, a, b, cv::Scalar::all(255), cv::FILLED);
      }
    }
  }
  centred("会員番号  " + member_id, 36, 170, true);
  if (!member_name.empty()) {
    centred(member_name + "  様", 22, 188, false);
  }
  centred("この用紙を申請書類の先頭に重ねて、一緒にスキャンしてください。", 12, 220, false);
  centred("Put this sheet on top of the member's application and scan them together.", 10, 228, false);
  cv::Mat toner;
  cv::extractChannel(art, toner, 0);
  MultiplyInk(sheet, toner, cv::Point(0, 0), cv::Scalar(28, 28, 30));
}

}  // namespace certintake::synth
