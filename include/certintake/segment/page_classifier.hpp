#pragma once

#include <string>

#include "certintake/core/page_image.hpp"
#include "certintake/ocr/ocr_engine.hpp"

namespace certintake::segment {

/// Which of the office's forms a page is, read from its title band.
enum class FormKind { kNone, kApplicationForm, kBackPage, kCheckSheet };

struct PageClassification {
  FormKind form = FormKind::kNone;
  int rotation_degrees = 0;  ///< clockwise turn that stands the page upright: 0, 90, 180 or 270
  std::string title;         ///< what the title band read, for the reviewer
};

/// Reads only the title band of the page and recognises the office's forms by their printed
/// titles. A portrait page is tried upright and upside down, a landscape one turned either way
/// (laid sideways on a flatbed). A page whose title does not read is recognised, if it can be,
/// by the layout of its header.
PageClassification ClassifyPage(const PageImage& page, ocr::OcrEngine& engine);

/// The CONTRACT role of a page that is not a separator: application_form, check_sheet, or
/// certificate_sheet for the back page and for any other page with certificates on it.
std::string RoleOf(FormKind form, bool has_certificates);

}  // namespace certintake::segment
