#include "render.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace certintake::synth {
namespace {

std::optional<cv::Rect2d> NameBox(const PieceArt& art, bool in_field, Rng& rng) {
  if (in_field && art.name_field) {
    return art.name_field;
  }
  if (!art.margins.empty()) {
    cv::Rect2d margin = art.margins[rng.Index(art.margins.size())];
    // A margin name is short: use part of the blank strip.
    const double width = std::min(margin.width, rng.Uniform(30, 55));
    margin.x += rng.Uniform(0, margin.width - width);
    margin.width = width;
    margin.height = std::min(margin.height, 11.0);
    return margin;
  }
  return art.name_field;
}

cv::Rect2d Scaled(const cv::Rect2d& mm, double px_per_mm, cv::Point2d offset) {
  return {mm.x * px_per_mm + offset.x, mm.y * px_per_mm + offset.y, mm.width * px_per_mm, mm.height * px_per_mm};
}

std::string WrittenName(const Person& person, Rng& rng) {
  switch (rng.Weighted({5, 3, 2})) {
    case 0: return person.family + " " + person.given;
    case 1: return person.NameTight();
    default: break;
  }
  return person.family + "  " + person.given;
}

}  // namespace

cv::Size A4Pixels(int dpi) {
  return {static_cast<int>(std::lround(210.0 / 25.4 * dpi)), static_cast<int>(std::lround(297.0 / 25.4 * dpi))};
}

Piece RenderPiece(const PiecePlan& plan, const ApplicationPlan& application, double px_per_mm) {
  Rng rng(plan.seed);
  const CertificateTruth& truth = plan.truth;
  const double draw_px_per_mm = px_per_mm * truth.scale;
  PieceArt art = DrawCertificate(plan.content, draw_px_per_mm, rng);
  if (plan.trim.area() > 0) {
    // Cut out with scissors: keep the trimmed part, and only what a name can still go on.
    const cv::Rect2d px = Scaled(plan.trim, draw_px_per_mm, {0, 0});
    const cv::Rect keep = cv::Rect(px) & cv::Rect(0, 0, art.image.cols, art.image.rows);
    art.image = art.image(keep).clone();
    art.alpha = art.alpha(keep).clone();
    const cv::Point2d shift(plan.trim.x, plan.trim.y);
    std::vector<cv::Rect2d> margins;
    for (cv::Rect2d margin : art.margins) {
      margin -= shift;
      if (margin.x >= 0 && margin.y >= 0 && margin.br().x <= plan.trim.width && margin.br().y <= plan.trim.height) {
        margins.push_back(margin);
      }
    }
    art.margins = margins;
    if (art.name_field) {
      *art.name_field -= shift;
    }
  }
  Piece piece{art.image, art.alpha};
  const std::string name = WrittenName(application.person, rng);
  const std::optional<cv::Rect2d> box = NameBox(art, plan.name.in_field, rng);
  const bool write_before = plan.name.present && (!truth.copy || plan.name.before_copy);
  if (write_before && box) {
    WriteByHand(piece.image, name, Scaled(*box, draw_px_per_mm, {0, 0}), application.hand, plan.name.pen,
                draw_px_per_mm, rng);
  }
  if (truth.copy) {
    CopyLook look;
    look.colour = truth.colour_copy;
    look.margin_mm = plan.copy_margin_mm;
    piece = Photocopy(piece, px_per_mm, look, rng);
    if (plan.name.present && !plan.name.before_copy && box) {
      const double margin = plan.copy_margin_mm * px_per_mm;
      WriteByHand(piece.image, name, Scaled(*box, draw_px_per_mm, {margin, margin}), application.hand, plan.name.pen,
                  px_per_mm, rng);
    }
  } else {
    AgePaper(piece, px_per_mm, rng);
  }
  return piece;
}

RenderedSheet RenderSheet(const ApplicationPlan& application, int sheet_index, int dpi, FormLibrary& forms, Rng& rng) {
  const double px_per_mm = dpi / 25.4;
  const cv::Size size = A4Pixels(dpi);
  RenderedSheet out;
  if (sheet_index < 0) {
    out.image = BlankPaper(size, cv::Scalar::all(rng.Uniform(246, 253)), rng);
    DrawSeparatorSheet(out.image, application.member.member_id, rng.Chance(0.7) ? application.member.name : "",
                       px_per_mm);
    return out;
  }
  const SheetPlan& sheet = application.sheets[static_cast<std::size_t>(sheet_index)];
  if (sheet.kind == SheetKind::kLooseCertificate) {
    const Placement& placement = sheet.placements.front();
    Piece piece = RenderPiece(application.pieces[placement.piece], application, px_per_mm);
    cv::resize(piece.image, out.image, size, 0, 0, cv::INTER_LINEAR);
    const double w = size.width;
    const double h = size.height;
    out.pieces.push_back(
        {placement.piece, {cv::Point2d(0, 0), cv::Point2d(w, 0), cv::Point2d(w, h), cv::Point2d(0, h)}, 0});
    return out;
  }
  out.image = BlankPaper(size, sheet.paper, rng);
  switch (sheet.kind) {
    case SheetKind::kApplicationForm: {
      const cv::Matx23d m = PrintForm(out.image, forms.Blank(FormId::kApplication, dpi), px_per_mm, rng);
      FillApplicationForm(out.image, m, application.facts, application.hand, application.pen, px_per_mm, rng);
      break;
    }
    case SheetKind::kBackForm: {
      const cv::Matx23d m = PrintForm(out.image, forms.Blank(FormId::kBackPage, dpi), px_per_mm, rng);
      if (rng.Chance(0.85)) {
        FillBackPageHeader(out.image, m, application.facts, application.hand, application.pen, px_per_mm, rng);
      }
      break;
    }
    case SheetKind::kCheckSheet: {
      const cv::Matx23d m = PrintForm(out.image, forms.Blank(FormId::kCheckSheet, dpi), px_per_mm, rng);
      FillCheckSheet(out.image, m, application.facts, application.check_rows, application.check_total, application.hand,
                     application.pen, px_per_mm, rng);
      break;
    }
    case SheetKind::kPlainPaper:
      if (rng.Chance(0.35)) {  // who it belongs to, in the corner
        const cv::Rect2d corner(rng.Uniform(8, 110) * px_per_mm, rng.Uniform(2, 5) * px_per_mm, 85 * px_per_mm,
                                9 * px_per_mm);
        WriteByHand(out.image, application.member.member_id + "  " + application.person.NameTight(), corner,
                    application.hand, application.pen, px_per_mm, rng, 6);
      }
      break;
    case SheetKind::kLooseCertificate: break;
  }
  for (const Placement& placement : sheet.placements) {
    const PiecePlan& plan = application.pieces[placement.piece];
    const Piece piece = RenderPiece(plan, application, px_per_mm);
    const auto corners =
        Paste(out.image, piece, placement.centre_mm * px_per_mm, placement.angle_degrees, px_per_mm, plan.shadow, rng);
    out.pieces.push_back({placement.piece, corners, placement.angle_degrees});
    if (rng.Chance(0.12)) {  // taped rather than glued
      const cv::Point2d centre = (corners[0] + corners[2]) * 0.5;
      for (std::size_t corner = 0; corner < 4; corner += rng.Chance(0.5) ? 2 : 1) {
        Tape(out.image, corners[corner], centre, px_per_mm, rng);
      }
    }
  }
  return out;
}

}  // namespace certintake::synth
