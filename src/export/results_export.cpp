#include "certintake/export/results_export.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "certintake/core/version.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/serialise.hpp"

namespace certintake::exporting {
namespace {

using nlohmann::ordered_json;

ordered_json OptionalText(const std::optional<std::string>& text) {
  return text ? ordered_json(*text) : ordered_json(nullptr);
}

ordered_json OptionalRotation(const store::PageRecord& page) {
  return page.rotation_degrees ? ordered_json(*page.rotation_degrees) : ordered_json(nullptr);
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    return value;
  }
  std::string quoted = "\"";
  for (char c : value) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

/// present: true / false / null (not known); instrument: ink, pencil, none, unknown.
ordered_json NameJson(const nlohmann::json& facts) {
  // Unreadable facts say nothing of the name (FactsFromJson reads missing findings as inconclusive).
  const rules::CertificateFacts read = rules::FactsFromJson(facts.is_object() ? facts : nlohmann::json::object());
  return {{"present", read.name_present == rules::Finding::kPass   ? ordered_json(true)
                      : read.name_present == rules::Finding::kFail ? ordered_json(false)
                                                                   : nullptr},
          {"instrument", rules::InstrumentCode(read.name_present, read.name_in_pencil)}};
}

ordered_json CopyJson(const nlohmann::json& facts, const nlohmann::json& reading) {
  const std::string copy = facts.value("copy", "inconclusive");
  const std::string reduced = facts.value("reduced_copy", "inconclusive");
  ordered_json suspected = nullptr;
  if (copy == "fail" || reduced == "fail") {
    suspected = true;
  } else if (copy == "pass" && reduced == "pass") {
    suspected = false;
  }
  ordered_json signs = ordered_json::array();
  if (reading.is_object()) {
    for (const auto& sign : reading.value("copy_signs", nlohmann::json::array()))
      signs.push_back(sign.get<std::string>());
  }
  return {{"suspected", suspected}, {"signs", signs}};
}

ordered_json ReviewJson(const review::ReviewState& state) {
  return {{"state", state.state},
          {"reviewer", OptionalText(state.reviewer)},
          {"final_decision", OptionalText(state.final_decision)}};
}

/// A certificate as CONTRACT.md gives it, with what the current verdict says of it.
ordered_json CertificateJson(const store::CertificateRecord& certificate, const nlohmann::json& verdict_entry) {
  const nlohmann::json facts = nlohmann::json::parse(certificate.facts_json, nullptr, false);
  ordered_json bbox = ordered_json::array();
  for (double v : certificate.bbox) bbox.push_back(std::round(v * 10000.0) / 10000.0);
  return {{"id", certificate.stable_id},
          {"file", certificate.file_name},
          {"page", certificate.page_index},
          {"bbox", bbox},
          {"kind", certificate.kind},
          {"category", verdict_entry.value("category", certificate.category)},
          {"event_id", OptionalText(certificate.event_id)},
          {"event_text", certificate.event_text},
          {"date", OptionalText(certificate.date)},
          {"attendance", certificate.attendance},
          {"issuer", certificate.issuer},
          {"name", NameJson(facts)},
          {"copy", CopyJson(facts, nlohmann::json::parse(certificate.reading_json, nullptr, false))},
          {"points", verdict_entry.value("points", 0)},
          {"counted", verdict_entry.value("counted", false)},
          {"flags", verdict_entry.value("flags", nlohmann::json::array())},
          {"explanation_ja", verdict_entry.value("explanation_ja", "")},
          {"confidence", std::round(certificate.confidence * 1000.0) / 1000.0}};
}

}  // namespace

ordered_json ResultsJson(const store::Store& store) {
  ordered_json applications = ordered_json::array();
  ordered_json catalog_version = nullptr;
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    const auto verdict = store.CurrentVerdict(application.id);
    std::map<std::string, nlohmann::json> verdict_entries;
    if (verdict) {
      catalog_version = verdict->catalog_version;
      for (const auto& entry : nlohmann::json::parse(verdict->certificates_json)) {
        verdict_entries[entry.value("id", "")] = entry;
      }
    }
    ordered_json certificates = ordered_json::array();
    for (const store::CertificateRecord& certificate : store.ListCertificates(application.id)) {
      certificates.push_back(CertificateJson(certificate, verdict_entries[certificate.stable_id]));
    }
    ordered_json pages = ordered_json::array();
    for (const store::PageRecord& page : application.pages) {
      pages.push_back({{"file", page.file_name},
                       {"index", page.index},
                       {"role", page.role},
                       {"rotation", OptionalRotation(page)},
                       {"error", OptionalText(page.error)}});
    }
    applications.push_back({
        {"member_id", application.member_id},
        {"member_name", application.member ? ordered_json(application.member->name) : ordered_json(nullptr)},
        {"received", application.received},
        {"pages", std::move(pages)},
        {"certificates", std::move(certificates)},
        {"tally", verdict ? ordered_json::parse(verdict->tally_json) : ordered_json(nullptr)},
        {"decision", verdict ? ordered_json(verdict->decision) : ordered_json(nullptr)},
        {"reasons", verdict ? ordered_json::parse(verdict->reasons_json) : ordered_json::array()},
        {"review", ReviewJson(review::StateOf(store.ListReviews(application.id)))},
    });
  }
  ordered_json unassigned = ordered_json::array();
  for (const store::PageRecord& page : store.ListUnassignedPages()) {
    unassigned.push_back({{"file", page.file_name},
                          {"index", page.index},
                          {"rotation", OptionalRotation(page)},
                          {"error", OptionalText(page.error)}});
  }
  return {
      {"schema", "certintake.results/1"},          {"pipeline_version", PipelineVersion()},
      {"catalog_version", catalog_version},        {"applications", std::move(applications)},
      {"unassigned_pages", std::move(unassigned)},
  };
}

std::string ResultsCsv(const store::Store& store) {
  std::string csv =
      "member_id,name,received,pages,certificates,decision,reasons,jgets_meetings,meeting_points,course_points,"
      "review_state,reviewer,final_decision\r\n";
  const auto text = [](const ordered_json& value) {
    return value.is_null() ? std::string() : value.is_string() ? value.get<std::string>() : value.dump();
  };
  const ordered_json results = ResultsJson(store);
  for (const ordered_json& application : results["applications"]) {
    std::string reasons;
    for (const auto& reason : application["reasons"]) reasons += (reasons.empty() ? "" : " ") + text(reason);
    const ordered_json& tally = application["tally"];
    const auto count = [&](const char* key) { return tally.is_object() ? text(tally[key]) : std::string(); };
    const ordered_json& review = application["review"];
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", CsvField(text(application["member_id"])),
                       CsvField(text(application["member_name"])), text(application["received"]),
                       application["pages"].size(), application["certificates"].size(), text(application["decision"]),
                       reasons, count("jgets_meetings"), count("meeting_points"), count("course_points"),
                       text(review["state"]), CsvField(text(review["reviewer"])), text(review["final_decision"]));
  }
  return csv;
}

}  // namespace certintake::exporting
