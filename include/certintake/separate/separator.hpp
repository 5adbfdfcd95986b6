#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "certintake/core/page_image.hpp"

namespace certintake::separate {

/// The text of a separator sheet's QR code: this prefix, then the member id.
inline constexpr std::string_view kSeparatorPrefix = "certintake:member:";

std::string SeparatorPayload(std::string_view member_id);

/// What a page's QR codes say about separating applications.
struct SeparatorFinding {
  enum class Kind {
    kNone,       ///< no certintake QR code: an ordinary page (other QR codes are ignored)
    kSeparator,  ///< a separator sheet for `member_id`
    kMalformed,  ///< a certintake QR code whose member id is missing or invalid
  };
  Kind kind = Kind::kNone;
  std::string member_id;
  std::string payload;  ///< the QR text, for kSeparator and kMalformed
};

/// Reads a QR payload: kSeparator for "certintake:member:<valid id>", kMalformed for any other
/// text starting with "certintake:", kNone for everything else.
SeparatorFinding ParseSeparatorPayload(std::string_view payload);

/// Looks for a separator QR code on the page (at any rotation).
SeparatorFinding FindSeparator(const PageImage& page);

/// The member id a file's name gives to pages before its first separator: the stem, or the part
/// of it before the first '_' ("123456.pdf", "123456_back.tif"). Accepted when it is all digits
/// (the society's member numbers) or a registered member; otherwise the pages are unassigned.
std::optional<std::string> MemberIdFromFileName(const std::filesystem::path& file,
                                                const std::function<bool(std::string_view)>& is_registered);

/// Walks a file's pages in order and says which member each belongs to: the file name's member
/// until the first separator, then the member of the latest separator.
class ApplicationSplitter {
 public:
  explicit ApplicationSplitter(std::optional<std::string> file_member) : current_(std::move(file_member)) {}

  /// The member of the next page; a separator page belongs to the application it starts.
  const std::optional<std::string>& Next(const SeparatorFinding& finding) {
    if (finding.kind == SeparatorFinding::Kind::kSeparator) {
      current_ = finding.member_id;
    }
    return current_;
  }

 private:
  std::optional<std::string> current_;
};

}  // namespace certintake::separate
