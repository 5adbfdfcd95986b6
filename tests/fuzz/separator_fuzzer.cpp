// A QR code's text on a scanned page, and a scan file's name: what decides which member's
// application a page joins. A separator is only ever read back from the payload coversheet prints.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "certintake/core/member_id.hpp"
#include "certintake/separate/separator.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;
namespace separate = certintake::separate;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = certintake::fuzz::TextOf(data, size);

  const separate::SeparatorFinding finding = separate::ParseSeparatorPayload(text);
  if (finding.kind == separate::SeparatorFinding::Kind::kSeparator) {
    Check(certintake::IsValidMemberId(finding.member_id), "a separator names a valid member id");
    Check(separate::SeparatorPayload(finding.member_id) == text, "a separator is exactly what coversheet prints");
  }
  if (finding.kind == separate::SeparatorFinding::Kind::kNone) {
    Check(finding.member_id.empty(), "an ordinary page names no member");
  }

  if (text.find('\0') == std::string_view::npos) {
    const auto member = separate::MemberIdFromFileName(std::filesystem::path(std::string(text)),
                                                       [](std::string_view) { return false; });
    if (member) Check(certintake::IsValidMemberId(*member), "a file name gives only a valid member id");
  }
  return 0;
}
