#include "certintake/coversheet/coversheet.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <fmt/format.h>
#include <memory>

#define ZX_USE_UTF8 1
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include "certintake/core/error.hpp"
#include "certintake/core/member_id.hpp"
#include "certintake/separate/separator.hpp"

namespace certintake::coversheet {
namespace {

constexpr double kMm = 72.0 / 25.4;  // PDF points per millimetre
constexpr double kPageWidth = 210 * kMm;
constexpr double kPageHeight = 297 * kMm;
constexpr double kQrSide = 70 * kMm;

struct CairoDeleter {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};

void ShowCentred(cairo_t* cr, const std::string& text, double size, double baseline_y, bool bold = false) {
  cairo_select_font_face(cr, "Noto Sans CJK JP", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  cairo_move_to(cr, (kPageWidth - extents.x_advance) / 2, baseline_y);
  cairo_show_text(cr, text.c_str());
}

/// Draws the code as vector squares, so it prints sharp at any printer resolution.
void DrawQr(cairo_t* cr, const std::string& payload, double x, double y, double side) {
  const ZXing::BitMatrix matrix =
      ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).setEccLevel(2).encode(payload, 0, 0);
  const double module = side / matrix.width();
  for (int row = 0; row < matrix.height(); ++row) {
    for (int column = 0; column < matrix.width(); ++column) {
      if (matrix.get(column, row)) {
        cairo_rectangle(cr, x + column * module, y + row * module, module, module);
      }
    }
  }
  cairo_fill(cr);
}

}  // namespace

void WriteCoversheet(const CoversheetContent& content, const std::filesystem::path& pdf) {
  if (!IsValidMemberId(content.member_id)) {
    throw UsageError(fmt::format("'{}' is not a member id (letters, digits and '-', at most 32)", content.member_id));
  }
  std::unique_ptr<cairo_surface_t, CairoDeleter> surface(
      cairo_pdf_surface_create(pdf.c_str(), kPageWidth, kPageHeight));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 fmt::format("certintake separator {}", content.member_id).c_str());
  {
    std::unique_ptr<cairo_t, CairoDeleter> cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 0, 0, 0);
    ShowCentred(cr.get(), "申請書区切り用紙", 28, 40 * kMm, true);
    ShowCentred(cr.get(), "Application separator sheet", 14, 50 * kMm);
    DrawQr(cr.get(), separate::SeparatorPayload(content.member_id), (kPageWidth - kQrSide) / 2, 70 * kMm, kQrSide);
    ShowCentred(cr.get(), "会員番号  " + content.member_id, 36, 170 * kMm, true);
    if (content.member_name) {
      ShowCentred(cr.get(), *content.member_name + "  様", 22, 188 * kMm);
    }
    ShowCentred(cr.get(), "この用紙を申請書類の先頭に重ねて、一緒にスキャンしてください。", 12, 220 * kMm);
    ShowCentred(cr.get(), "Put this sheet on top of the member's application and scan them together.", 10, 228 * kMm);
    cairo_show_page(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    throw InputError(
        fmt::format("cannot write {}: {}", pdf.string(), cairo_status_to_string(cairo_surface_status(surface.get()))));
  }
}

}  // namespace certintake::coversheet
