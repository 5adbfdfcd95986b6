#pragma once

// Reading the rule-relevant fields out of a certificate's normalised OCR text.

#include <optional>
#include <string>
#include <string_view>

#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"

namespace certintake::fields {

/// What kind of paper the text is, and how sure: certificate titles (出席証明書, 参加証,
/// 参加証明書; 受講証明書, 受講証, 修了証), receipts (領収書, 領収証, 但し…として, an amount in 円/¥).
/// A combined document (参加証 兼 領収書) proves attendance but is marked unsure for a person.
struct KindReading {
  rules::Kind kind = rules::Kind::kOther;
  bool sure = false;
  std::string evidence;  ///< the words that decided
};
KindReading ReadKind(std::string_view normalised_text);

/// Web (Web参加, オンライン, ライブ配信, オンデマンド, WEB開催 ...), on site (現地参加, 会場参加) or unknown.
rules::Attendance ReadAttendance(std::string_view normalised_text);

/// Whether the branch chief (支部長) issued the certificate: kPass when the title appears,
/// kFail when another officer's title does and the text was read with confidence, kInconclusive
/// otherwise (no signature read).
rules::Finding ReadBranchChiefIssuer(std::string_view normalised_text, double text_confidence);

/// The catalog event the text names, matched approximately (OCR errors tolerated) over names and
/// aliases; `edition` is the 第N回 number when printed.
struct EventReading {
  std::optional<std::string> event_id;  ///< nullopt: no catalog event matches well enough
  std::string matched_text;             ///< the stretch of text that matched, or the title line
  std::optional<int> edition;
  double confidence = 0.0;  ///< similarity of the best match, 0..1
};
EventReading ReadEvent(std::string_view normalised_text, const rules::Catalog& catalog);

/// The stretch of `haystack` most like `needle` (approximate substring matching, over code
/// points): its edit distance from the needle, and where it ends (one past its last code point).
struct SubstringMatch {
  int distance = 0;
  std::size_t end = 0;
};
SubstringMatch ClosestSubstring(std::u32string_view needle, std::u32string_view haystack);

/// Similarity (0..1) of `needle` to its best-matching stretch of `haystack`: 1 - edit distance /
/// length of the needle.
double SubstringSimilarity(std::u32string_view needle, std::u32string_view haystack);

}  // namespace certintake::fields
