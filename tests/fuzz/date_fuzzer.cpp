// OCR text of a certificate, as Tesseract might misread it: the event date it yields is always a
// real calendar date (or month), taken from the text.

#include <cstddef>
#include <cstdint>
#include <string>

#include "certintake/core/date.hpp"
#include "certintake/fields/date_parser.hpp"
#include "certintake/fields/text.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string normalised = certintake::fields::NormaliseOcrText(certintake::fuzz::TextOf(data, size));
  const auto date = certintake::fields::ParseEventDate(normalised);
  if (!date) return 0;
  if (date->value.size() == 7) {
    Check(certintake::ParseIsoDate(date->value + "-01").has_value(), "a month-only date is a real month");
  } else {
    Check(certintake::ParseIsoDate(date->value).has_value(), "an event date is a real calendar date");
  }
  Check(date->confidence >= 0.0 && date->confidence <= 1.0, "a date's confidence is between 0 and 1");
  return 0;
}
