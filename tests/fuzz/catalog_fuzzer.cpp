// The event catalog (models/catalog.json), edited by hand in the office: either loaded, or one
// error naming the key; never a crash, never a catalog that breaks the rules' assumptions.

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/rules/catalog.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const certintake::rules::Catalog catalog =
        certintake::rules::ParseCatalog(certintake::fuzz::TextOf(data, size), "catalog.json");
    std::set<std::string> ids;
    for (const auto& event : catalog.events) {
      Check(ids.insert(event.id).second, "event ids are unique");
      Check(event.points >= 0, "points are not negative");
      Check(!event.valid_from || certintake::ParseIsoDate(*event.valid_from), "valid_from is a date");
    }
  } catch (const certintake::Error& error) {
    Check(error.kind() == certintake::ErrorKind::kUsage, "a bad catalog is a configuration error");
    Check(std::string(error.what()).starts_with("catalog.json: "), "the error names the file");
  }
  return 0;
}
