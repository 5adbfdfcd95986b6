#include "certintake/rules/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/sha256.hpp"

namespace certintake::rules {
namespace {

using nlohmann::json;

/// Reads typed values out of the catalog JSON, naming the key path in every error.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void Fail(const std::string& path, const std::string& problem) const {
    throw UsageError(fmt::format("{}: {}: {}", source_, path, problem));
  }

  const json& Field(const json& object, const std::string& path, const char* key) const {
    if (!object.contains(key)) {
      Fail(path + "." + key, "missing");
    }
    return object.at(key);
  }

  std::string Text(const json& object, const std::string& path, const char* key) const {
    const json& value = Field(object, path, key);
    if (!value.is_string() || value.get<std::string>().empty()) {
      Fail(path + "." + key, "expected a non-empty string");
    }
    return value.get<std::string>();
  }

  /// An optional list of non-empty strings (empty when the key is absent).
  std::vector<std::string> TextList(const json& object, const std::string& path, const char* key) const {
    std::vector<std::string> out;
    if (!object.contains(key)) return out;
    const json& list = object.at(key);
    if (!list.is_array()) {
      Fail(path + "." + key, "expected a list of strings");
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string() || list[i].get<std::string>().empty()) {
        Fail(fmt::format("{}.{}[{}]", path, key, i), "expected a non-empty string");
      }
      out.push_back(list[i].get<std::string>());
    }
    return out;
  }

  std::optional<std::string> OptionalText(const json& object, const std::string& path, const char* key) const {
    return object.contains(key) ? std::optional(Text(object, path, key)) : std::nullopt;
  }

  /// A misspelt optional key would otherwise be ignored without a word (a "requires_isuer" would
  /// let every prefectural meeting count), so every key must be one the catalog knows.
  void OnlyKeys(const json& object, const std::string& path, std::initializer_list<std::string_view> known) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end()) {
        Fail(fmt::format("{}.{}", path, key), fmt::format("unknown key (expected {})", fmt::join(known, ", ")));
      }
    }
  }

  bool Flag(const json& object, const std::string& path, const char* key) const {
    if (!object.contains(key)) return false;
    if (!object.at(key).is_boolean()) Fail(path + "." + key, "expected true or false");
    return object.at(key).get<bool>();
  }

  int Points(const json& object, const std::string& path, const char* key, int fallback) const {
    if (!object.contains(key)) {
      return fallback;
    }
    const json& value = object.at(key);
    if (!value.is_number_integer() || value.get<int>() < 0 || value.get<int>() > 100) {
      Fail(path + "." + key, fmt::format("expected a whole number from 0 to 100, got {}", value.dump()));
    }
    return value.get<int>();
  }

 private:
  std::string source_;
};

Category ParseCategory(const Reader& reader, const std::string& path, const std::string& name) {
  if (name == "jgets_meeting") return Category::kJgetsMeeting;
  if (name == "related_society") return Category::kRelatedSociety;
  if (name == "equipment_course") return Category::kEquipmentCourse;
  reader.Fail(path,
              fmt::format("unknown category '{}' (expected jgets_meeting, related_society or equipment_course)", name));
}

}  // namespace

std::string_view CategoryName(Category category) {
  switch (category) {
    case Category::kJgetsMeeting: return "jgets_meeting";
    case Category::kRelatedSociety: return "related_society";
    case Category::kEquipmentCourse: return "equipment_course";
    case Category::kUnknown: break;
  }
  return "unknown";
}

const CatalogEvent* Catalog::Find(std::string_view event_id) const {
  for (const CatalogEvent& event : events) {
    if (event.id == event_id) {
      return &event;
    }
  }
  return nullptr;
}

Catalog ParseCatalog(std::string_view json_text, const std::string& source_name) {
  const Reader reader(source_name);
  json document;
  try {
    document = json::parse(json_text);
  } catch (const json::exception& error) {  // a syntax error, or a number too large to hold
    throw UsageError(fmt::format("{}: not valid JSON: {}", source_name, error.what()));
  }
  if (!document.is_object()) {
    reader.Fail("(top)", "expected an object");
  }
  reader.OnlyKeys(document, "(top)", {"about", "version", "categories", "events", "issuer_names"});
  Catalog catalog;
  catalog.version = reader.Text(document, "(top)", "version");
  catalog.issuer_names = reader.TextList(document, "(top)", "issuer_names");
  catalog.sha256 = Sha256Hex(json_text);

  const json& categories = reader.Field(document, "(top)", "categories");
  reader.OnlyKeys(categories, "categories", {"jgets_meeting", "related_society", "equipment_course"});
  for (const auto& [name, category] : categories.items()) {
    reader.OnlyKeys(category, "categories." + name, {"points", "repeat", "mandatory_count", "required_points"});
  }
  const json& meeting = reader.Field(categories, "categories", "jgets_meeting");
  catalog.jgets_meeting_points = reader.Points(meeting, "categories.jgets_meeting", "points", 10);
  catalog.jgets_meetings_required = reader.Points(meeting, "categories.jgets_meeting", "mandatory_count", 2);
  catalog.meeting_points_required = reader.Points(meeting, "categories.jgets_meeting", "required_points", 30);
  reader.Field(categories, "categories", "related_society");
  const json& course = reader.Field(categories, "categories", "equipment_course");
  catalog.equipment_course_points = reader.Points(course, "categories.equipment_course", "points", 10);
  catalog.equipment_courses_required = reader.Points(course, "categories.equipment_course", "mandatory_count", 1);

  const json& events = reader.Field(document, "(top)", "events");
  if (!events.is_array() || events.empty()) {
    reader.Fail("events", "expected a non-empty list");
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const std::string path = fmt::format("events[{}]", i);
    const json& entry = events[i];
    if (!entry.is_object()) {
      reader.Fail(path, "expected an object");
    }
    reader.OnlyKeys(entry, path,
                    {"id", "category", "society", "points", "name", "aliases", "numbered", "requires_issuer",
                     "valid_from", "note"});
    CatalogEvent event;
    event.id = reader.Text(entry, path, "id");
    if (!ids.insert(event.id).second) {
      reader.Fail(path + ".id", fmt::format("'{}' is used twice", event.id));
    }
    event.category = ParseCategory(reader, path + ".category", reader.Text(entry, path, "category"));
    event.name = reader.Text(entry, path, "name");
    event.aliases = reader.TextList(entry, path, "aliases");
    switch (event.category) {
      case Category::kJgetsMeeting: event.points = catalog.jgets_meeting_points; break;
      case Category::kEquipmentCourse: event.points = catalog.equipment_course_points; break;
      case Category::kRelatedSociety:
        if (!entry.contains("points")) {
          reader.Fail(path + ".points", "missing (related societies carry their own points)");
        }
        event.points = reader.Points(entry, path, "points", 0);
        event.society = reader.Text(entry, path, "society");
        break;
      case Category::kUnknown: break;
    }
    event.numbered = reader.Flag(entry, path, "numbered");
    event.requires_issuer = reader.OptionalText(entry, path, "requires_issuer");
    event.valid_from = reader.OptionalText(entry, path, "valid_from");
    if (event.valid_from && !ParseIsoDate(*event.valid_from)) {
      reader.Fail(path + ".valid_from", fmt::format("'{}' is not a date (YYYY-MM-DD)", *event.valid_from));
    }
    catalog.events.push_back(std::move(event));
  }
  return catalog;
}

Catalog LoadCatalog(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UsageError(fmt::format("{}: cannot read the event catalog", file.string()));
  }
  std::stringstream text;
  text << in.rdbuf();
  return ParseCatalog(text.str(), file.string());
}

}  // namespace certintake::rules
