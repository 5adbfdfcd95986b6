#include "certintake/review/review.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/rules/serialise.hpp"

namespace certintake::review {
namespace {

using nlohmann::json;
using rules::Finding;

[[noreturn]] void Reject(std::string_view field, const json& value) {
  throw InputError(fmt::format("{}: '{}' is not a value this field takes", field, value.dump()));
}

std::string Text(std::string_view field, const json& value) {
  if (!value.is_string()) Reject(field, value);
  return value.get<std::string>();
}

/// The enum value whose code `value` is, out of `values`; rejects any other value.
template <typename Enum, std::size_t N>
Enum FromCode(std::string_view field, const json& value, const std::array<Enum, N>& values,
              std::string_view (*code)(Enum)) {
  const std::string text = Text(field, value);
  for (Enum candidate : values) {
    if (code(candidate) == text) return candidate;
  }
  Reject(field, value);
}

bool IsDate(const std::string& text) {
  return ParseIsoDate(text).has_value() || (text.size() == 7 && ParseIsoDate(text + "-01").has_value());
}

}  // namespace

const std::vector<std::string_view>& CorrectableFields() {
  static const std::vector<std::string_view> kFields = {"kind", "event_id", "date",         "attendance",
                                                        "name", "copy",     "branch_issued"};
  return kFields;
}

json FieldValue(const rules::CertificateFacts& facts, std::string_view field) {
  if (field == "kind") return rules::KindCode(facts.kind);
  if (field == "event_id") return facts.event_id ? json(*facts.event_id) : json(nullptr);
  if (field == "date") return facts.date ? json(*facts.date) : json(nullptr);
  if (field == "attendance") return rules::AttendanceCode(facts.attendance);
  if (field == "name") {
    const std::string_view instrument = rules::InstrumentCode(facts.name_present, facts.name_in_pencil);
    return instrument == "unknown" ? json(nullptr) : json(instrument);
  }
  if (field == "copy") {
    if (facts.copy == Finding::kFail) return "copy";
    if (facts.reduced_copy == Finding::kFail) return "reduced_copy";
    if (facts.copy == Finding::kPass && facts.reduced_copy == Finding::kPass) return "original";
    return nullptr;
  }
  if (field == "branch_issued") {
    if (facts.issued_by_branch_chief == Finding::kInconclusive) return nullptr;
    return facts.issued_by_branch_chief == Finding::kPass;
  }
  throw InputError(fmt::format("{}: not a field a reviewer can correct", field));
}

void Correct(rules::CertificateFacts& facts, std::string_view field, const json& value, const rules::Catalog& catalog) {
  if (field == "kind") {
    facts.kind =
        FromCode(field, value,
                 std::array{rules::Kind::kAttendance, rules::Kind::kCourse, rules::Kind::kReceipt, rules::Kind::kOther},
                 rules::KindCode);
    facts.kind_sure = true;
  } else if (field == "event_id") {
    if (!value.is_null() && catalog.Find(Text(field, value)) == nullptr) Reject(field, value);
    facts.event_id = value.is_null() ? std::nullopt : std::optional(value.get<std::string>());
    facts.event_sure = true;
  } else if (field == "date") {
    if (!value.is_null() && !IsDate(Text(field, value))) Reject(field, value);
    facts.date = value.is_null() ? std::nullopt : std::optional(value.get<std::string>());
    facts.date_sure = true;
  } else if (field == "attendance") {
    facts.attendance = FromCode(
        field, value, std::array{rules::Attendance::kWeb, rules::Attendance::kOnsite, rules::Attendance::kUnknown},
        rules::AttendanceCode);
  } else if (field == "name") {
    const std::string name = Text(field, value);
    if (name != "ink" && name != "pencil" && name != "none") Reject(field, value);
    facts.name_present = name == "none" ? Finding::kFail : Finding::kPass;
    facts.name_in_pencil = name == "pencil" ? Finding::kFail : Finding::kPass;
  } else if (field == "copy") {
    const std::string copy = Text(field, value);
    if (copy != "original" && copy != "copy" && copy != "reduced_copy") Reject(field, value);
    facts.copy = copy == "copy" ? Finding::kFail : Finding::kPass;
    facts.reduced_copy = copy == "reduced_copy" ? Finding::kFail : Finding::kPass;
  } else if (field == "branch_issued") {
    if (!value.is_boolean()) Reject(field, value);
    facts.issued_by_branch_chief = value.get<bool>() ? Finding::kPass : Finding::kFail;
  } else {
    throw InputError(fmt::format("{}: not a field a reviewer can correct", field));
  }
  // A reviewer who states what the piece says has read it.
  facts.unreadable = false;
}

rules::ApplicationFacts FactsOf(const store::Store& store, const store::ApplicationRecord& application,
                                const rules::Catalog& catalog, bool with_reviews, std::optional<store::RunId> run) {
  rules::ApplicationFacts facts;
  facts.member = store.FindMember(application.member_id);
  facts.received = application.received;
  facts.history = store.ListHistory(application.member_id);
  std::map<store::CertificateId, std::size_t> index_of;
  for (const store::CertificateRecord& certificate : store.ListCertificates(application.id, run)) {
    index_of[certificate.id] = facts.certificates.size();
    facts.certificates.push_back(rules::FactsFromJson(json::parse(certificate.facts_json)));
  }
  if (!with_reviews) return facts;
  for (const store::ReviewRecord& review : store.ListReviews(application.id)) {
    if (!review.certificate_id || (review.action != "correct_field" && review.action != "confirm_field")) continue;
    const auto found = index_of.find(*review.certificate_id);
    if (found == index_of.end()) continue;  // a page since given to another application
    Correct(facts.certificates[found->second], review.field, json::parse(review.after_json), catalog);
  }
  return facts;
}

store::VerdictRecord VerdictRecordOf(const rules::Verdict& verdict, store::ApplicationId application,
                                     store::RunId run) {
  store::VerdictRecord record;
  record.run = run;
  record.application_id = application;
  record.decision = std::string(rules::DecisionCode(verdict.decision));
  record.reasons_json = rules::ReasonsToJson(verdict.reasons).dump();
  record.tally_json = rules::TallyToJson(verdict.tally).dump();
  record.certificates_json = rules::CertificateVerdictsToJson(verdict.certificates).dump();
  record.catalog_version = verdict.catalog_version;
  record.catalog_sha256 = verdict.catalog_sha256;
  return record;
}

ReviewState StateOf(const std::vector<store::ReviewRecord>& trail) {
  ReviewState state;
  for (const store::ReviewRecord& review : trail) {
    if (review.action == "decide") {
      state.state = "decided";
      state.reviewer = review.user_name;
      state.final_decision = json::parse(review.after_json).get<std::string>();
    } else if (review.action == "correct_field" || review.action == "confirm_field") {
      state = ReviewState{.state = "in_review", .reviewer = std::nullopt, .final_decision = std::nullopt};
    }
  }
  return state;
}

}  // namespace certintake::review
