// OCR text of a certificate against the default catalog: kind, attendance, issuer and the event
// it names; any event matched is one in the catalog.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "certintake/core/models.hpp"
#include "certintake/fields/certificate_text.hpp"
#include "certintake/fields/text.hpp"
#include "certintake/rules/catalog.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;
namespace fields = certintake::fields;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A certificate's OCR text is a few hundred characters; longer inputs only make the approximate
  // matching (linear in the length) slower to fuzz.
  if (size > 1000) return 0;
  static const certintake::rules::Catalog catalog =
      certintake::rules::LoadCatalog(certintake::ModelsDirectory() / "catalog.json");
  const std::string normalised = fields::NormaliseOcrText(certintake::fuzz::TextOf(data, size));
  fields::ReadKind(normalised);
  fields::ReadAttendance(normalised);
  fields::ReadBranchChiefIssuer(normalised, 0.9);
  const fields::EventReading event = fields::ReadEvent(normalised, catalog);
  if (event.event_id) {
    Check(std::any_of(catalog.events.begin(), catalog.events.end(),
                      [&](const auto& known) { return known.id == *event.event_id; }),
          "a matched event is in the catalog");
  }
  return 0;
}
