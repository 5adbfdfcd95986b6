#pragma once

// labels.json: the truth beside a generated corpus, for `certintake eval` and the tests.
//
// {
//   "schema": "certintake.labels/1",
//   "seed": 7,                          // the --seed that made the corpus
//   "received": "2025-01-15",           // arrival date of every application (--received)
//   "members_csv": "members.csv",       // the register, CONTRACT.md format, beside this file
//   "generator": "certintake-synth 0.1.0+<sha>",                                      (extra)
//   "files": [                          // every scan file, in the order they were written
//     {"file": "batch-001.pdf",         // base name, beside labels.json
//      "format": "pdf",                 // pdf | tiff | jpeg | png                     (extra)
//      "pages": [{"index": 1,           // 1-based within the file
//                 "role": "separator",  // separator | application_form | certificate_sheet |
//                                       // check_sheet | other
//                 "member_id": "100001",
//                 "dpi": 300, "colour": true,
//                 "rotation": 180,      // clockwise turn to upright: 180 fed upside down, 90/270 laid sideways
//                 "skew": -0.62,        // degrees, counter-clockwise, as scanned       (extra)
//                 "paper": "form"}]}],  // form | plain | certificate | separator     (extra)
//   "applications": [
//     {"member_id": "100001",
//      "registered": true,              // false: the id is not in members.csv         (extra)
//      "expected_decision": "approve",  // approve | deficient (never needs_review)
//      "expected_reasons": [],          // CONTRACT.md application reasons
//      "tally": {"jgets_meetings": 3, "meeting_points": 30, "course_points": 10},   (extra)
//      "pages": [{"file": "batch-001.pdf", "index": 1}],                            (extra)
//      "certificates": [
//        {"id": "c-0001",               // unique in the corpus
//         "file": "batch-001.pdf", "page": 3,
//         "bbox": [0.08, 0.12, 0.47, 0.40],  // [x0,y0,x1,y1] fractions of the stored page: the
//                                       // axis-aligned box around the piece as it lies on the
//                                       // page as scanned (after skew and upside-down feeding)
//         "rotation": 2.1,              // the piece's angle on the stored page, degrees  (extra)
//         "design": "namecard-a",
//         "kind": "attendance",         // attendance | course | receipt | other
//         "title": "参加証",            // printed title                                 (extra)
//         "category": "jgets_meeting",  // jgets_meeting | related_society | equipment_course |
//                                       // unknown
//         "event_id": "jgets-national", // catalog id, or null for events not in the catalog
//         "event_text": "第90回日本消化器内視鏡技師学会",
//         "date": "2024-05-11",         // YYYY-MM-DD, YYYY-MM (month only), or null
//         "attendance": "web",          // web | onsite | unknown (unstated)
//         "issuer": "…",
//         "name": {"present": true, "instrument": "ink",   // ink | pencil | none | unknown
//                  "place": "field", "copied": false},                                (extra)
//         "copy": {"copy": false, "reduced": false,
//                  "scale": 1.0, "colour_copy": false, "bw_print": false},          (extra)
//         "seal": "stamped",            // stamped | printed | copied | none           (extra)
//         "expected_flags": [],         // CONTRACT.md certificate flags; a reduced copy has
//                                       // both copy and reduced_copy
//         "points": 10,                 // points it adds when counted, else 0
//         "counted": true}]}]
// }
//
// Fields marked (extra) are beyond the minimum; readers must ignore fields they do not
// know. Everything is written in a fixed order with fixed rounding, so the same seed gives the
// same bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "certintake/synth/rules.hpp"
#include "certintake/synth/truth.hpp"

namespace certintake::synth {

inline constexpr std::string_view kLabelsSchema = "certintake.labels/1";

struct PageLabel {
  int index = 0;
  PageRole role = PageRole::kOther;
  std::string member_id;
  int dpi = 300;
  bool colour = true;
  int rotation = 0;
  double skew_degrees = 0;
  std::string paper;
};

struct FileLabel {
  std::string file;
  std::string format;
  std::vector<PageLabel> pages;
};

struct PageRef {
  std::string file;
  int index = 0;
};

struct ApplicationLabel {
  std::string member_id;
  bool registered = true;
  RuleOutcome expected;
  std::vector<PageRef> pages;
  std::vector<CertificateTruth> certificates;
};

struct Labels {
  std::uint64_t seed = 0;
  std::string received;
  std::string members_csv = "members.csv";
  std::string generator;
  std::vector<FileLabel> files;
  std::vector<ApplicationLabel> applications;
};

/// The labels as JSON text (two-space indented, fixed key order, trailing newline).
std::string LabelsToJson(const Labels& labels);

/// Reads labels.json text back. Throws Error(kInput) naming the first problem.
Labels LabelsFromJson(std::string_view json);

}  // namespace certintake::synth
