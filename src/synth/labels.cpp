#include "certintake/synth/labels.hpp"

#include <fmt/format.h>
#include <cmath>
#include <nlohmann/json.hpp>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"

namespace certintake::synth {
namespace {

using Json = nlohmann::ordered_json;

double Rounded(double value, double unit) {
  return std::round(value / unit) * unit;
}

Json CertificateJson(const CertificateTruth& c) {
  Json flags = Json::array();
  for (CertificateFlag flag : c.expected_flags) {
    flags.push_back(ToLabel(flag));
  }
  Json bbox = Json::array();
  for (double v : c.bbox) {
    bbox.push_back(Rounded(v, 1e-4));
  }
  Json j;
  j["id"] = c.id;
  j["file"] = c.file;
  j["page"] = c.page;
  j["bbox"] = bbox;
  j["rotation"] = Rounded(c.rotation_degrees, 0.01);
  j["design"] = c.design;
  j["kind"] = ToLabel(c.kind);
  j["title"] = c.title;
  j["category"] = ToLabel(c.category);
  j["event_id"] = c.event_id ? Json(*c.event_id) : Json(nullptr);
  j["event_text"] = c.event_text;
  j["date"] = c.date ? Json(c.date->ToLabel()) : Json(nullptr);
  j["attendance"] = ToLabel(c.attendance);
  j["issuer"] = c.issuer;
  j["name"] = {{"present", c.name_present},
               {"instrument", ToLabel(c.instrument)},
               {"place", c.name_place},
               {"copied", c.name_copied}};
  j["copy"] = {{"copy", c.copy},
               {"reduced", c.reduced},
               {"scale", Rounded(c.scale, 0.001)},
               {"colour_copy", c.colour_copy},
               {"bw_print", c.bw_print}};
  j["seal"] = c.seal.empty() ? "none" : c.seal;
  j["expected_flags"] = flags;
  j["points"] = c.points;
  j["counted"] = c.counted;
  return j;
}

// --- reading back ---------------------------------------------------------------------------

template <typename Enum, std::size_t N>
Enum Parse(const Json& value, const std::array<Enum, N>& all, const char* what) {
  const std::string text = value.get<std::string>();
  for (Enum e : all) {
    if (ToLabel(e) == text) {
      return e;
    }
  }
  throw InputError(fmt::format("labels: unknown {} '{}'", what, text));
}

constexpr std::array kRoles = {PageRole::kSeparator, PageRole::kApplicationForm, PageRole::kCertificateSheet,
                               PageRole::kCheckSheet, PageRole::kOther};
constexpr std::array kKinds = {CertificateKind::kAttendance, CertificateKind::kCourse, CertificateKind::kReceipt,
                               CertificateKind::kOther};
constexpr std::array kCategories = {Category::kJgetsMeeting, Category::kRelatedSociety, Category::kEquipmentCourse,
                                    Category::kUnknown};
constexpr std::array kAttendances = {Attendance::kWeb, Attendance::kOnsite, Attendance::kUnknown};
constexpr std::array kInstruments = {Instrument::kInk, Instrument::kPencil, Instrument::kNone, Instrument::kUnknown};
constexpr std::array kDecisions = {Decision::kApprove, Decision::kDeficient};
constexpr std::array kFlags = {CertificateFlag::kCopy,
                               CertificateFlag::kReducedCopy,
                               CertificateFlag::kReceipt,
                               CertificateFlag::kNameMissing,
                               CertificateFlag::kNameInPencil,
                               CertificateFlag::kOutOfPeriod,
                               CertificateFlag::kDuplicateRelatedSociety,
                               CertificateFlag::kDuplicateEvent,
                               CertificateFlag::kUnknownEvent,
                               CertificateFlag::kPrefectureNotBranchIssued};
constexpr std::array kReasons = {Reason::kFeesUnpaid,
                                 Reason::kLateApplication,
                                 Reason::kUnknownMember,
                                 Reason::kInsufficientJgetsMeetings,
                                 Reason::kInsufficientMeetingPoints,
                                 Reason::kMissingEquipmentCourse};

std::optional<EventDate> ParseEventDate(const Json& value) {
  if (value.is_null()) {
    return std::nullopt;
  }
  const std::string text = value.get<std::string>();
  EventDate date;
  if (text.size() == 7) {
    date.month_only = true;
    if (auto day = ParseIsoDate(text + "-01")) {
      date.day = *day;
      return date;
    }
  } else if (auto day = ParseIsoDate(text)) {
    date.day = *day;
    return date;
  }
  throw InputError(fmt::format("labels: bad date '{}'", text));
}

CertificateTruth CertificateFromJson(const Json& j) {
  CertificateTruth c;
  c.id = j.at("id").get<std::string>();
  c.file = j.at("file").get<std::string>();
  c.page = j.at("page").get<int>();
  const Json& bbox = j.at("bbox");
  for (std::size_t i = 0; i < 4; ++i) {
    c.bbox[i] = bbox.at(i).get<double>();
  }
  c.rotation_degrees = j.value("rotation", 0.0);
  c.design = j.value("design", "");
  c.kind = Parse(j.at("kind"), kKinds, "kind");
  c.title = j.value("title", "");
  c.category = Parse(j.at("category"), kCategories, "category");
  if (!j.at("event_id").is_null()) {
    c.event_id = j.at("event_id").get<std::string>();
  }
  c.event_text = j.value("event_text", "");
  c.date = ParseEventDate(j.at("date"));
  c.attendance = Parse(j.at("attendance"), kAttendances, "attendance");
  c.issuer = j.value("issuer", "");
  const Json& name = j.at("name");
  c.name_present = name.at("present").get<bool>();
  c.instrument = Parse(name.at("instrument"), kInstruments, "instrument");
  c.name_place = name.value("place", "");
  c.name_copied = name.value("copied", false);
  const Json& copy = j.at("copy");
  c.copy = copy.at("copy").get<bool>();
  c.reduced = copy.at("reduced").get<bool>();
  c.scale = copy.value("scale", 1.0);
  c.colour_copy = copy.value("colour_copy", false);
  c.bw_print = copy.value("bw_print", false);
  c.seal = j.value("seal", "none");
  if (c.seal == "none") {
    c.seal.clear();
  }
  for (const Json& flag : j.at("expected_flags")) {
    c.expected_flags.push_back(Parse(flag, kFlags, "flag"));
  }
  c.points = j.at("points").get<int>();
  c.counted = j.at("counted").get<bool>();
  return c;
}

}  // namespace

std::string LabelsToJson(const Labels& labels) {
  Json root;
  root["schema"] = kLabelsSchema;
  root["seed"] = labels.seed;
  root["received"] = labels.received;
  root["members_csv"] = labels.members_csv;
  root["generator"] = labels.generator;
  Json files = Json::array();
  for (const FileLabel& file : labels.files) {
    Json pages = Json::array();
    for (const PageLabel& page : file.pages) {
      pages.push_back({{"index", page.index},
                       {"role", ToLabel(page.role)},
                       {"member_id", page.member_id},
                       {"dpi", page.dpi},
                       {"colour", page.colour},
                       {"rotation", page.rotation},
                       {"skew", Rounded(page.skew_degrees, 0.01)},
                       {"paper", page.paper}});
    }
    files.push_back({{"file", file.file}, {"format", file.format}, {"pages", pages}});
  }
  root["files"] = files;
  Json applications = Json::array();
  for (const ApplicationLabel& application : labels.applications) {
    Json reasons = Json::array();
    for (Reason reason : application.expected.reasons) {
      reasons.push_back(ToLabel(reason));
    }
    Json pages = Json::array();
    for (const PageRef& page : application.pages) {
      pages.push_back({{"file", page.file}, {"index", page.index}});
    }
    Json certificates = Json::array();
    for (const CertificateTruth& certificate : application.certificates) {
      certificates.push_back(CertificateJson(certificate));
    }
    Json a;
    a["member_id"] = application.member_id;
    a["registered"] = application.registered;
    a["expected_decision"] = ToLabel(application.expected.decision);
    a["expected_reasons"] = reasons;
    a["tally"] = {{"jgets_meetings", application.expected.tally.jgets_meetings},
                  {"meeting_points", application.expected.tally.meeting_points},
                  {"course_points", application.expected.tally.course_points}};
    a["pages"] = pages;
    a["certificates"] = certificates;
    applications.push_back(a);
  }
  root["applications"] = applications;
  return root.dump(2) + "\n";
}

Labels LabelsFromJson(std::string_view text) {
  try {
    const Json root = Json::parse(text);
    if (root.at("schema").get<std::string>() != kLabelsSchema) {
      throw InputError(
          fmt::format("labels: schema is '{}', expected '{}'", root.at("schema").get<std::string>(), kLabelsSchema));
    }
    Labels labels;
    labels.seed = root.at("seed").get<std::uint64_t>();
    labels.received = root.at("received").get<std::string>();
    labels.members_csv = root.value("members_csv", "members.csv");
    labels.generator = root.value("generator", "");
    for (const Json& file : root.at("files")) {
      FileLabel f;
      f.file = file.at("file").get<std::string>();
      f.format = file.value("format", "");
      for (const Json& page : file.at("pages")) {
        PageLabel p;
        p.index = page.at("index").get<int>();
        p.role = Parse(page.at("role"), kRoles, "role");
        p.member_id = page.value("member_id", "");
        p.dpi = page.at("dpi").get<int>();
        p.colour = page.at("colour").get<bool>();
        p.rotation = page.at("rotation").get<int>();
        p.skew_degrees = page.value("skew", 0.0);
        p.paper = page.value("paper", "");
        f.pages.push_back(p);
      }
      labels.files.push_back(std::move(f));
    }
    for (const Json& application : root.at("applications")) {
      ApplicationLabel a;
      a.member_id = application.at("member_id").get<std::string>();
      a.registered = application.value("registered", true);
      a.expected.decision = Parse(application.at("expected_decision"), kDecisions, "decision");
      for (const Json& reason : application.at("expected_reasons")) {
        a.expected.reasons.push_back(Parse(reason, kReasons, "reason"));
      }
      if (application.contains("tally")) {
        const Json& tally = application.at("tally");
        a.expected.tally.jgets_meetings = tally.value("jgets_meetings", 0);
        a.expected.tally.meeting_points = tally.value("meeting_points", 0);
        a.expected.tally.course_points = tally.value("course_points", 0);
      }
      if (application.contains("pages")) {
        for (const Json& page : application.at("pages")) {
          a.pages.push_back({page.at("file").get<std::string>(), page.at("index").get<int>()});
        }
      }
      for (const Json& certificate : application.at("certificates")) {
        a.certificates.push_back(CertificateFromJson(certificate));
      }
      labels.applications.push_back(std::move(a));
    }
    return labels;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(fmt::format("labels: not valid labels JSON: {}", error.what()));
  }
}

}  // namespace certintake::synth
