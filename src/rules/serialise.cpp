#include "certintake/rules/serialise.hpp"
#include <array>

namespace certintake::rules {
namespace {

using nlohmann::json;

template <typename Enum, std::size_t N>
Enum Parse(const json& object, const char* key, const std::array<Enum, N>& values, std::string_view (*code)(Enum),
           Enum fallback) {
  if (!object.contains(key) || !object.at(key).is_string()) return fallback;
  const std::string text = object.at(key).get<std::string>();
  for (Enum value : values) {
    if (code(value) == text) return value;
  }
  return fallback;
}

constexpr std::array kKinds = {Kind::kAttendance, Kind::kCourse, Kind::kReceipt, Kind::kOther};
constexpr std::array kAttendances = {Attendance::kWeb, Attendance::kOnsite, Attendance::kUnknown};
constexpr std::array kFindings = {Finding::kPass, Finding::kFail, Finding::kInconclusive};

json Optional(const auto& value) {
  return value ? json(*value) : json(nullptr);
}

}  // namespace

std::string_view KindCode(Kind kind) {
  switch (kind) {
    case Kind::kAttendance: return "attendance";
    case Kind::kCourse: return "course";
    case Kind::kReceipt: return "receipt";
    case Kind::kOther: break;
  }
  return "other";
}

std::string_view AttendanceCode(Attendance attendance) {
  switch (attendance) {
    case Attendance::kWeb: return "web";
    case Attendance::kOnsite: return "onsite";
    case Attendance::kUnknown: break;
  }
  return "unknown";
}

std::string_view FindingCode(Finding finding) {
  switch (finding) {
    case Finding::kPass: return "pass";
    case Finding::kFail: return "fail";
    case Finding::kInconclusive: break;
  }
  return "inconclusive";
}

std::string_view InstrumentCode(Finding name_present, Finding name_in_pencil) {
  if (name_present == Finding::kFail) return "none";
  if (name_present != Finding::kPass) return "unknown";
  if (name_in_pencil == Finding::kFail) return "pencil";
  if (name_in_pencil == Finding::kPass) return "ink";
  return "unknown";
}

json FactsToJson(const CertificateFacts& f) {
  return {{"id", f.id},
          {"unreadable", f.unreadable},
          {"kind", KindCode(f.kind)},
          {"kind_sure", f.kind_sure},
          {"event_id", Optional(f.event_id)},
          {"event_sure", f.event_sure},
          {"edition", Optional(f.edition)},
          {"date", Optional(f.date)},
          {"date_sure", f.date_sure},
          {"attendance", AttendanceCode(f.attendance)},
          {"issued_by_branch_chief", FindingCode(f.issued_by_branch_chief)},
          {"name_present", FindingCode(f.name_present)},
          {"name_in_pencil", FindingCode(f.name_in_pencil)},
          {"copy", FindingCode(f.copy)},
          {"reduced_copy", FindingCode(f.reduced_copy)}};
}

CertificateFacts FactsFromJson(const json& j) {
  CertificateFacts f;
  f.id = j.value("id", "");
  f.unreadable = j.value("unreadable", false);
  f.kind = Parse(j, "kind", kKinds, KindCode, Kind::kOther);
  f.kind_sure = j.value("kind_sure", true);
  if (j.contains("event_id") && j["event_id"].is_string()) f.event_id = j["event_id"].get<std::string>();
  f.event_sure = j.value("event_sure", true);
  if (j.contains("edition") && j["edition"].is_number_integer()) f.edition = j["edition"].get<int>();
  if (j.contains("date") && j["date"].is_string()) f.date = j["date"].get<std::string>();
  f.date_sure = j.value("date_sure", true);
  f.attendance = Parse(j, "attendance", kAttendances, AttendanceCode, Attendance::kUnknown);
  f.issued_by_branch_chief = Parse(j, "issued_by_branch_chief", kFindings, FindingCode, Finding::kInconclusive);
  f.name_present = Parse(j, "name_present", kFindings, FindingCode, Finding::kInconclusive);
  f.name_in_pencil = Parse(j, "name_in_pencil", kFindings, FindingCode, Finding::kInconclusive);
  f.copy = Parse(j, "copy", kFindings, FindingCode, Finding::kInconclusive);
  f.reduced_copy = Parse(j, "reduced_copy", kFindings, FindingCode, Finding::kInconclusive);
  return f;
}

json TallyToJson(const Tally& tally) {
  return {{"jgets_meetings", tally.jgets_meetings},
          {"meeting_points", tally.meeting_points},
          {"course_points", tally.course_points}};
}

json ReasonsToJson(const std::vector<Reason>& reasons) {
  json out = json::array();
  for (Reason reason : reasons) out.push_back(ReasonCode(reason));
  return out;
}

json CertificateVerdictsToJson(const std::vector<CertificateVerdict>& certificates) {
  json out = json::array();
  for (const CertificateVerdict& c : certificates) {
    json flags = json::array();
    for (Flag flag : c.flags) flags.push_back(FlagCode(flag));
    out.push_back({{"id", c.id},
                   {"category", CategoryName(c.category)},
                   {"points", c.points},
                   {"counted", c.counted},
                   {"valid", c.valid},
                   {"sure", c.sure},
                   {"flags", flags},
                   {"explanation_ja", c.explanation_ja}});
  }
  return out;
}

}  // namespace certintake::rules
