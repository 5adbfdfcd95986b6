#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace certintake::coversheet {

/// What a separator sheet shows besides its QR code.
struct CoversheetContent {
  std::string member_id;
  std::optional<std::string> member_name;  ///< printed when the member is registered
};

/// Writes a one-page A4 PDF separator sheet: a large QR code holding
/// "certintake:member:<member_id>", the member id in large print, and what to do with the sheet.
/// Throws Error(kUsage) for an invalid member id, Error(kInput) when the file cannot be written.
void WriteCoversheet(const CoversheetContent& content, const std::filesystem::path& pdf);

}  // namespace certintake::coversheet
