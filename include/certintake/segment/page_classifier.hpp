#pragma once

#include <string>

#include "certintake/core/page_image.hpp"
#include "certintake/ocr/ocr_engine.hpp"

namespace certintake::segment {

/// Which of the office's forms a page is, read from its title band.
enum class FormKind { kNone, kApplicationForm, kBackPage, kCheckSheet };

struct PageClassification {
  FormKind form = FormKind::kNone;
  int rotation_degrees = 0;  ///< 180 when the page was fed upside down
  std::string title;         ///< what the title band read, for the reviewer
};

/// Reads only the title band of the page (top, or bottom turned round for a page fed upside
/// down) and recognises the office's forms by their printed titles.
PageClassification ClassifyPage(const PageImage& page, ocr::OcrEngine& engine);

/// The CONTRACT role of a page that is not a separator: application_form, check_sheet, or
/// certificate_sheet for the back page and for any other page with certificates on it.
std::string RoleOf(FormKind form, bool has_certificates);

}  // namespace certintake::segment
