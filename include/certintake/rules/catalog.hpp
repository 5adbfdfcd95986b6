#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certintake::rules {

/// What a certificate counts towards (CONTRACT.md `category`).
enum class Category { kJgetsMeeting, kRelatedSociety, kEquipmentCourse, kUnknown };

std::string_view CategoryName(Category category);

/// One event (or event family) that earns renewal points.
struct CatalogEvent {
  std::string id;
  Category category = Category::kUnknown;
  std::string name;                            ///< as printed on certificates
  std::vector<std::string> aliases;            ///< other printed forms
  int points = 0;                              ///< the event's own points, or its category's
  std::string society;                         ///< related societies: entries with the same society count once together
  bool numbered = false;                       ///< held as 第N回
  std::optional<std::string> requires_issuer;  ///< e.g. 支部長 for prefectural meetings
  std::optional<std::string> valid_from;       ///< "YYYY-MM-DD": events before this date do not count
};

/// The event catalog and point rules (models/catalog.json), validated at load.
struct Catalog {
  std::string version;
  std::string sha256;  ///< of the file's bytes: recorded with every verdict
  int jgets_meeting_points = 10;
  int jgets_meetings_required = 2;
  int meeting_points_required = 30;
  int equipment_course_points = 10;
  int equipment_courses_required = 1;
  std::vector<CatalogEvent> events;
  /// Organisations printed as issuers, never events: the society itself (日本消化器内視鏡技師会),
  /// one letter from its national meeting (技師学会). Reading an event ignores them.
  std::vector<std::string> issuer_names;

  [[nodiscard]] const CatalogEvent* Find(std::string_view event_id) const;
};

/// Parses and validates a catalog. Throws Error(kUsage) naming the file and the key path
/// ("events[3].category: unknown category 'x'").
Catalog ParseCatalog(std::string_view json_text, const std::string& source_name);

Catalog LoadCatalog(const std::filesystem::path& file);

}  // namespace certintake::rules
