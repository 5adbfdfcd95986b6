#include "views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"

namespace certintake::serve {
namespace {

using nlohmann::json;

json Optional(const auto& value) {
  return value ? json(*value) : json(nullptr);
}

json FieldValues(const rules::CertificateFacts& facts) {
  json values = json::object();
  for (std::string_view field : review::CorrectableFields())
    values[std::string(field)] = review::FieldValue(facts, field);
  return values;
}

json FlagsJson(const std::vector<rules::Flag>& flags) {
  json list = json::array();
  for (rules::Flag flag : flags) list.push_back({{"code", rules::FlagCode(flag)}, {"ja", rules::FlagWordingJa(flag)}});
  return list;
}

json ReasonsJson(const std::vector<rules::Reason>& reasons) {
  json list = json::array();
  for (rules::Reason reason : reasons) {
    list.push_back({{"code", rules::ReasonCode(reason)},
                    {"staff_ja", rules::ReasonWordingStaffJa(reason)},
                    {"member_ja", rules::ReasonWordingMemberJa(reason)}});
  }
  return list;
}

json MemberJson(const std::optional<Member>& member) {
  if (!member) return nullptr;
  return {{"name", member->name},
          {"name_kana", member->name_kana},
          {"cert_start", member->cert_start},
          {"cert_end", member->cert_end},
          {"fees_paid", member->fees_paid}};
}

json CertificateView(const store::Store& store, const rules::Catalog& catalog, const store::CertificateRecord& record,
                     const rules::CertificateFacts& facts, const rules::CertificateVerdict& verdict,
                     const std::vector<store::ReviewRecord>& trail) {
  const rules::CertificateFacts read = rules::FactsFromJson(json::parse(record.facts_json));
  std::set<std::string> corrected;
  for (const store::ReviewRecord& review : trail) {
    if (review.certificate_id == record.id && review.action != "decide") corrected.insert(review.field);
  }
  const rules::CatalogEvent* event = facts.event_id ? catalog.Find(*facts.event_id) : nullptr;
  json evidence = json::array();
  for (const store::EvidenceRecord& check : store.ListEvidence(record.id)) {
    evidence.push_back(
        {{"check_id", check.check_id},
         {"value", Optional(check.value)},
         {"threshold", Optional(check.threshold)},
         {"finding", check.finding},
         {"region", check.region_json.empty() ? json(nullptr) : json::parse(check.region_json, nullptr, false)},
         {"message_ja", check.message_ja}});
  }
  return {{"id", record.id},
          {"stable_id", record.stable_id},
          {"file", record.file_name},
          {"page", record.page_index},
          {"page_id", record.page_id},
          {"bbox", {record.bbox[0], record.bbox[1], record.bbox[2], record.bbox[3]}},
          {"values", FieldValues(facts)},
          {"read", FieldValues(read)},
          {"unreadable", facts.unreadable},
          {"sure", {{"kind", facts.kind_sure}, {"event_id", facts.event_sure}, {"date", facts.date_sure}}},
          {"corrected", corrected},
          {"event_text", record.event_text},
          {"event_name", event != nullptr ? json(event->name) : json(nullptr)},
          {"issuer", record.issuer},
          {"confidence", record.confidence},
          {"category", rules::CategoryName(verdict.category)},
          {"points", verdict.points},
          {"valid", verdict.valid},
          {"sure_to_count", verdict.sure},
          {"counted", verdict.counted},
          {"flags", FlagsJson(verdict.flags)},
          {"explanation_ja", verdict.explanation_ja},
          {"evidence", std::move(evidence)}};
}

json TrailJson(const std::vector<store::ReviewRecord>& trail,
               const std::vector<store::CertificateRecord>& certificates) {
  json list = json::array();
  for (const store::ReviewRecord& review : trail) {
    json certificate = nullptr;
    for (std::size_t i = 0; i < certificates.size(); ++i) {
      if (certificates[i].id == review.certificate_id) certificate = {{"id", certificates[i].id}, {"number", i + 1}};
    }
    list.push_back({{"id", review.id},
                    {"at", review.at},
                    {"user", review.user_name},
                    {"action", review.action},
                    {"field", review.field.empty() ? json(nullptr) : json(review.field)},
                    {"certificate", certificate},
                    {"before", json::parse(review.before_json, nullptr, false)},
                    {"after", json::parse(review.after_json, nullptr, false)}});
  }
  return list;
}

int DecisionRank(const std::string& decision) {
  if (decision == "needs_review") return 0;
  if (decision == "deficient") return 1;
  return 2;
}

}  // namespace

ReviewedApplication Review(const store::Store& store, const rules::Catalog& catalog, store::ApplicationId id) {
  std::optional<store::ApplicationRecord> application = store.FindApplication(id);
  if (!application) throw NotFound(fmt::format("application {} does not exist", id));
  return Review(store, catalog, std::move(*application));
}

ReviewedApplication Review(const store::Store& store, const rules::Catalog& catalog,
                           store::ApplicationRecord application) {
  ReviewedApplication reviewed;
  reviewed.application = std::move(application);
  reviewed.certificates = store.ListCertificates(reviewed.application.id);
  reviewed.trail = store.ListReviews(reviewed.application.id);
  reviewed.facts = review::FactsOf(store, reviewed.application, catalog, /*with_reviews=*/true);
  reviewed.verdict = rules::Decide(reviewed.facts, catalog);
  return reviewed;
}

json ApplicationView(const store::Store& store, const rules::Catalog& catalog, const ReviewedApplication& reviewed) {
  const store::ApplicationRecord& application = reviewed.application;
  json pages = json::array();
  for (const store::PageRecord& page : application.pages) {
    pages.push_back({{"id", page.id},
                     {"file", page.file_name},
                     {"index", page.index},
                     {"role", page.role},
                     {"rotation", Optional(page.rotation_degrees)},
                     {"error", Optional(page.error)}});
  }
  json machine = nullptr;
  if (const auto stored = store.CurrentVerdict(application.id)) {
    machine = {{"decision", stored->decision}, {"reasons", json::parse(stored->reasons_json)}};
  }
  json certificates = json::array();
  for (std::size_t i = 0; i < reviewed.certificates.size(); ++i) {
    certificates.push_back(CertificateView(store, catalog, reviewed.certificates[i], reviewed.facts.certificates[i],
                                           reviewed.verdict.certificates[i], reviewed.trail));
  }
  const review::ReviewState state = review::StateOf(reviewed.trail);
  return {{"id", application.id},
          {"member_id", application.member_id},
          {"member", MemberJson(application.member)},
          {"received", application.received},
          {"pages", std::move(pages)},
          {"machine", std::move(machine)},
          {"verdict",
           {{"decision", rules::DecisionCode(reviewed.verdict.decision)},
            {"reasons", ReasonsJson(reviewed.verdict.reasons)},
            {"tally", rules::TallyToJson(reviewed.verdict.tally)},
            {"history_entries_counted", reviewed.verdict.history_entries_counted},
            {"catalog_version", reviewed.verdict.catalog_version}}},
          {"certificates", std::move(certificates)},
          {"review",
           {{"state", state.state},
            {"reviewer", Optional(state.reviewer)},
            {"final_decision", Optional(state.final_decision)}}},
          {"trail", TrailJson(reviewed.trail, reviewed.certificates)}};
}

json QueueView(const store::Store& store, const rules::Catalog& catalog, const QueueFilter& filter) {
  json rows = json::array();
  json counts = {{"needs_review", 0}, {"deficient", 0}, {"approve", 0}};
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    if (filter.received_from && application.received < *filter.received_from) continue;
    if (filter.received_to && application.received > *filter.received_to) continue;
    const ReviewedApplication reviewed = Review(store, catalog, application);
    const std::string decision(rules::DecisionCode(reviewed.verdict.decision));
    const review::ReviewState state = review::StateOf(reviewed.trail);
    std::set<std::string> flags;
    for (const rules::CertificateVerdict& certificate : reviewed.verdict.certificates) {
      for (rules::Flag flag : certificate.flags) flags.insert(std::string(rules::FlagCode(flag)));
    }
    if (filter.decision && decision != *filter.decision) continue;
    if (filter.review && state.state != *filter.review) continue;
    if (filter.flag && !flags.contains(*filter.flag)) continue;
    counts[decision] = counts[decision].get<int>() + 1;
    json reasons = json::array();
    for (rules::Reason reason : reviewed.verdict.reasons) reasons.push_back(rules::ReasonCode(reason));
    rows.push_back({{"id", application.id},
                    {"member_id", application.member_id},
                    {"member_name", application.member ? json(application.member->name) : json(nullptr)},
                    {"received", application.received},
                    {"decision", decision},
                    {"reasons", std::move(reasons)},
                    {"certificates", reviewed.certificates.size()},
                    {"flags", flags},
                    {"review_state", state.state},
                    {"final_decision", Optional(state.final_decision)}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    return DecisionRank(a["decision"]) < DecisionRank(b["decision"]);
  });
  return {{"counts", std::move(counts)}, {"applications", std::move(rows)}};
}

json IntakeView(const store::Store& store) {
  json files = json::array();
  for (const store::FileRecord& file : store.ListFiles()) {
    files.push_back({{"id", file.id},
                     {"name", file.name},
                     {"format", file.format},
                     {"received", file.received},
                     {"pages", file.page_count},
                     {"status", file.status == store::FileStatus::kOk        ? "ok"
                                : file.status == store::FileStatus::kPartial ? "partial"
                                                                             : "failed"},
                     {"error", Optional(file.error)}});
  }
  json errors = json::array();
  for (const store::InputErrorRecord& error : store.ListLatestInputErrors()) {
    errors.push_back({{"file", error.file_name},
                      {"page", Optional(error.page_index)},
                      {"message", error.message},
                      {"at", error.at}});
  }
  json unassigned = json::array();
  for (const store::PageRecord& page : store.ListUnassignedPages()) {
    unassigned.push_back({{"id", page.id},
                          {"file", page.file_name},
                          {"index", page.index},
                          {"role", page.role},
                          {"error", Optional(page.error)}});
  }
  json runs = json::array();
  for (const store::RunRecord& run : store.ListRuns(10)) {
    runs.push_back({{"id", run.id},
                    {"kind", run.kind},
                    {"status", run.status},
                    {"started_at", run.started_at},
                    {"finished_at", Optional(run.finished_at)},
                    {"files", run.files},
                    {"pages", run.pages}});
  }
  return {{"files", std::move(files)},
          {"errors", std::move(errors)},
          {"unassigned", std::move(unassigned)},
          {"runs", std::move(runs)}};
}

json CatalogView(const rules::Catalog& catalog) {
  json events = json::array();
  for (const rules::CatalogEvent& event : catalog.events) {
    events.push_back({{"id", event.id},
                      {"name", event.name},
                      {"category", rules::CategoryName(event.category)},
                      {"points", event.points}});
  }
  return {{"version", catalog.version}, {"events", std::move(events)}};
}

}  // namespace certintake::serve
