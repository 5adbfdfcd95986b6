#include "certintake/export/results_export.hpp"

#include <fmt/format.h>

#include "certintake/core/version.hpp"

namespace certintake::exporting {
namespace {

using nlohmann::ordered_json;

ordered_json OptionalText(const std::optional<std::string>& text) {
  return text ? ordered_json(*text) : ordered_json(nullptr);
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

}  // namespace

ordered_json ResultsJson(const store::Store& store) {
  ordered_json applications = ordered_json::array();
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    ordered_json pages = ordered_json::array();
    for (const store::PageRecord& page : application.pages) {
      pages.push_back(
          {{"file", page.file_name}, {"index", page.index}, {"role", page.role}, {"error", OptionalText(page.error)}});
    }
    applications.push_back({
        {"member_id", application.member_id},
        {"member_name", application.member ? ordered_json(application.member->name) : ordered_json(nullptr)},
        {"received", application.received},
        {"pages", std::move(pages)},
        {"certificates", ordered_json::array()},
        {"tally", nullptr},
        {"decision", nullptr},
        {"reasons", ordered_json::array()},
        {"review", {{"state", "pending"}, {"reviewer", nullptr}, {"final_decision", nullptr}}},
    });
  }
  ordered_json unassigned = ordered_json::array();
  for (const store::PageRecord& page : store.ListUnassignedPages()) {
    unassigned.push_back({{"file", page.file_name}, {"index", page.index}, {"error", OptionalText(page.error)}});
  }
  return {
      {"schema", "certintake.results/1"},
      {"pipeline_version", PipelineVersion()},
      {"catalog_version", nullptr},
      {"applications", std::move(applications)},
      {"unassigned_pages", std::move(unassigned)},
  };
}

std::string ResultsCsv(const store::Store& store) {
  std::string csv =
      "member_id,name,received,pages,certificates,decision,reasons,jgets_meetings,meeting_points,course_points,"
      "review_state,reviewer,final_decision\r\n";
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n", CsvField(application.member_id),
                       CsvField(application.member ? application.member->name : ""), application.received,
                       application.pages.size(), 0, "", "", "", "", "", "pending", "", "");
  }
  return csv;
}

}  // namespace certintake::exporting
