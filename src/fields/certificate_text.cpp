#include "certintake/fields/certificate_text.hpp"

#include <algorithm>
#include <numeric>
#include <regex>
#include <vector>

#include "certintake/fields/text.hpp"

namespace certintake::fields {
namespace {

bool Contains(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

std::optional<std::string_view> FirstOf(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (Contains(text, word)) return word;
  }
  return std::nullopt;
}

/// `text` with each occurrence of `word` replaced by a bar, so that what stood either side does not
/// join into one name.
std::u32string WithoutWord(std::u32string_view text, std::u32string_view word) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!word.empty() && text.substr(i, word.size()) == word) {
      out.push_back(U'|');
      i += word.size();
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

/// An event name matches when this similar (about one OCR error in ten characters).
constexpr double kEventMatchThreshold = 0.82;

}  // namespace

KindReading ReadKind(std::string_view text) {
  const auto receipt = FirstOf(text, {"領収書", "領収証", "領収いたしました", "上記正に", "受領書"});
  // Titles first, then the sentence that certifies ("…に出席されたことを証明します").
  const auto course =
      FirstOf(text, {"受講証明書", "修了証明書", "修了証", "受講証", "受講したことを証", "受講されたことを証",
                     "修了したことを証", "修了されたことを証", "全課程を修了", "全課程修了"});
  const auto attendance = FirstOf(
      text, {"出席証明書", "参加証明書", "出席証", "参加証", "出席証明", "出席されたことを証", "出席したことを証",
             "参加されたことを証", "参加したことを証", "に出席されたこと", "に参加されたこと"});
  static const std::regex kAmount(R"((¥|\\)\s?[\d,]+|[\d,]+円)");
  const bool amount = std::regex_search(std::string(text), kAmount);
  if (receipt && (course || attendance)) {
    return {course ? rules::Kind::kCourse : rules::Kind::kAttendance, false,
            std::string(course ? *course : *attendance) + " / " + std::string(*receipt)};
  }
  if (receipt) return {rules::Kind::kReceipt, true, std::string(*receipt)};
  if (course) return {rules::Kind::kCourse, true, std::string(*course)};
  if (attendance) return {rules::Kind::kAttendance, true, std::string(*attendance)};
  if (amount && Contains(text, "但し")) return {rules::Kind::kReceipt, true, "但し + amount"};
  return {rules::Kind::kOther, false, ""};
}

rules::Attendance ReadAttendance(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (FirstOf(lower, {"web参加", "web開催", "web視聴", "webにて", "オンライン", "ライブ配信", "オンデマンド", "web受講",
                      "e-learning", "eラーニング", "配信", "形態:web", "形態web"})) {
    return rules::Attendance::kWeb;
  }
  if (FirstOf(lower, {"現地参加", "会場参加", "現地開催", "会場にて", "現地にて", "形態:現地", "形態現地", "形態:会場",
                      "形態会場"})) {
    return rules::Attendance::kOnsite;
  }
  return rules::Attendance::kUnknown;
}

rules::Finding ReadBranchChiefIssuer(std::string_view text, double text_confidence) {
  if (Contains(text, "支部長")) return rules::Finding::kPass;
  const std::u32string code_points = DecodeUtf8(text);
  if (SubstringSimilarity(U"支部長", code_points) >= 0.66) return rules::Finding::kInconclusive;
  // Another officer signs (a prefectural society's 会長, a meeting's 世話人): unless the signature
  // was read at all, a person must look.
  const bool another_officer = FirstOf(text, {"会長", "理事長", "世話人", "委員長"}).has_value();
  return another_officer && text_confidence >= 0.8 ? rules::Finding::kFail : rules::Finding::kInconclusive;
}

SubstringMatch ClosestSubstring(std::u32string_view needle, std::u32string_view haystack) {
  // Sellers' algorithm: edit distance of needle to any substring of haystack.
  std::vector<int> previous(needle.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  std::vector<int> current(needle.size() + 1);
  SubstringMatch best{static_cast<int>(needle.size()), 0};
  for (std::size_t at = 0; at < haystack.size(); ++at) {
    current[0] = 0;
    for (std::size_t i = 1; i <= needle.size(); ++i) {
      const int substitute = previous[i - 1] + (needle[i - 1] == haystack[at] ? 0 : 1);
      current[i] = std::min(substitute, std::min(previous[i], current[i - 1]) + 1);
    }
    if (current[needle.size()] < best.distance) best = {current[needle.size()], at + 1};
    std::swap(previous, current);
  }
  return best;
}

double SubstringSimilarity(std::u32string_view needle, std::u32string_view haystack) {
  if (needle.empty()) return 0.0;
  return 1.0 - static_cast<double>(ClosestSubstring(needle, haystack).distance) / static_cast<double>(needle.size());
}

EventReading ReadEvent(std::string_view text, const rules::Catalog& catalog) {
  std::string flat(text);
  flat.erase(std::remove(flat.begin(), flat.end(), '\n'), flat.end());
  const std::u32string haystack = DecodeUtf8(flat);
  // The text without the issuers' names, for the names that do not contain one: the society's own
  // name is no evidence for a meeting one letter away.
  std::u32string without_issuers = haystack;
  std::vector<std::u32string> issuers;
  for (const std::string& issuer : catalog.issuer_names) {
    issuers.push_back(DecodeUtf8(NormaliseOcrText(issuer)));
    without_issuers = WithoutWord(without_issuers, issuers.back());
  }

  // Each catalog name close enough to some stretch of the text is a candidate. The one chosen is
  // the one the text bears out most: its characters matched, less four per error. A short name one
  // error away (the society's 技師会 read as the national meeting's 技師学会) must not beat a
  // long one matched with two OCR errors, and a long name missing its last words (the branch
  // that issued a prefectural meeting's certificate) must not beat a short one matched exactly.
  struct Match {
    const rules::CatalogEvent* event = nullptr;
    std::string_view name;
    double similarity = 0.0;
    double weight = 0.0;
  };
  Match chosen;
  double best = 0.0;  // the closest similarity of any name, reported when none is close enough
  for (const rules::CatalogEvent& event : catalog.events) {
    std::vector<std::string_view> names = {event.name};
    names.insert(names.end(), event.aliases.begin(), event.aliases.end());
    for (std::string_view name : names) {
      const std::u32string needle = DecodeUtf8(NormaliseOcrText(name));
      if (needle.empty()) continue;
      const bool names_an_issuer = std::any_of(issuers.begin(), issuers.end(), [&](const std::u32string& issuer) {
        return !issuer.empty() && needle.find(issuer) != std::u32string::npos;
      });
      const double similarity = SubstringSimilarity(needle, names_an_issuer ? haystack : without_issuers);
      best = std::max(best, similarity);
      if (similarity < kEventMatchThreshold) continue;
      const double length = static_cast<double>(needle.size());
      const double errors = (1.0 - similarity) * length;
      const double weight = (length - errors) - 4.0 * errors;
      // On a tie the closer match, then the earlier name (names before aliases).
      if (chosen.event == nullptr || weight > chosen.weight + 1e-9 ||
          (weight > chosen.weight - 1e-9 && similarity > chosen.similarity + 1e-9)) {
        chosen = {&event, name, similarity, weight};
      }
    }
  }
  EventReading reading;
  reading.confidence = chosen.event != nullptr ? chosen.similarity : best;
  if (chosen.event != nullptr) {
    reading.event_id = chosen.event->id;
    reading.matched_text = std::string(chosen.name);
  } else {
    // Keep the most title-like line for the reviewer: the longest line mentioning a meeting.
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = text.substr(start, end - start);
      if (FirstOf(line, {"学会", "研究会", "講習会", "講演会", "セミナー", "大会", "集会"}) &&
          line.size() > reading.matched_text.size()) {
        reading.matched_text = std::string(line);
      }
      start = end + 1;
    }
  }
  static const std::regex kEdition(R"(第(\d{1,3})回)");
  std::smatch edition;
  if (std::regex_search(flat, edition, kEdition)) {
    reading.edition = std::stoi(edition[1].str());
  }
  return reading;
}

}  // namespace certintake::fields
