#include "certintake/evaluate/evaluation.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <tuple>

namespace certintake::evaluate {
namespace {

using nlohmann::json;

std::string Text(const json& object, const char* key) {
  return object.is_object() && object.contains(key) && object.at(key).is_string() ? object.at(key).get<std::string>()
                                                                                  : "";
}

/// object[key] when it is an object (or array), else an empty one: labels and results may leave
/// fields out or null.
const json& Object(const json& object, const char* key) {
  static const json kEmpty = json::object();
  return object.is_object() && object.contains(key) && object.at(key).is_object() ? object.at(key) : kEmpty;
}

const json& Items(const json& object, const char* key) {
  static const json kEmpty = json::array();
  return object.is_object() && object.contains(key) && object.at(key).is_array() ? object.at(key) : kEmpty;
}

int Number(const json& object, const char* key) {
  return object.is_object() && object.contains(key) && object.at(key).is_number_integer() ? object.at(key).get<int>()
                                                                                          : 0;
}

bool Flag(const json& object, const char* key) {
  return object.is_object() && object.contains(key) && object.at(key).is_boolean() && object.at(key).get<bool>();
}

void Count(Ratio& ratio, bool hit) {
  ratio.hits += hit ? 1 : 0;
  ++ratio.total;
}

void Count(Detection& detection, bool truth, bool predicted) {
  if (truth && predicted) ++detection.true_positives;
  if (!truth && predicted) ++detection.false_positives;
  if (truth && !predicted) ++detection.false_negatives;
}

using PageKey = std::tuple<std::string, int>;

std::vector<double> Box(const json& certificate) {
  std::vector<double> box;
  if (certificate.contains("bbox") && certificate["bbox"].is_array()) {
    for (const json& v : certificate["bbox"]) box.push_back(v.get<double>());
  }
  return box.size() == 4 ? box : std::vector<double>{0, 0, 0, 0};
}

std::string Percent(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : "n/a";
}

std::string Line(const char* name, const Ratio& ratio) {
  return fmt::format("  {:<34} {:>6}  ({}/{})\n", name, Percent(ratio.Value()), ratio.hits, ratio.total);
}

std::string Line(const char* name, const Detection& detection) {
  return fmt::format("  {:<34} precision {:>6}  recall {:>6}  (tp {}, fp {}, fn {})\n", name,
                     Percent(detection.Precision().Value()), Percent(detection.Recall().Value()),
                     detection.true_positives, detection.false_positives, detection.false_negatives);
}

json RatioJson(const Ratio& ratio) {
  return {
      {"value", ratio.Value() ? json(*ratio.Value()) : json(nullptr)}, {"hits", ratio.hits}, {"total", ratio.total}};
}

json DetectionJson(const Detection& detection) {
  return {{"precision", RatioJson(detection.Precision())},
          {"recall", RatioJson(detection.Recall())},
          {"tp", detection.true_positives},
          {"fp", detection.false_positives},
          {"fn", detection.false_negatives}};
}

/// What the pipeline made of each piece of an application: where, which event, and why it did
/// or did not count.
json PieceSummaries(const json& application) {
  json out = json::array();
  for (const json& piece : Items(application, "certificates")) {
    out.push_back({{"file", Text(piece, "file")},
                   {"page", Number(piece, "page")},
                   {"event_id", Text(piece, "event_id")},
                   {"counted", Flag(piece, "counted")},
                   {"flags", Items(piece, "flags")}});
  }
  return out;
}

}  // namespace

std::set<Stage> ImplementedStages() {
  return {Stage::kPageRoles, Stage::kSegmentation, Stage::kReading, Stage::kEvidence, Stage::kDecision};
}

double IntersectionOverUnion(const std::vector<double>& a, const std::vector<double>& b) {
  const double ix = std::max(0.0, std::min(a[2], b[2]) - std::max(a[0], b[0]));
  const double iy = std::max(0.0, std::min(a[3], b[3]) - std::max(a[1], b[1]));
  const double intersection = ix * iy;
  const double area_a = (a[2] - a[0]) * (a[3] - a[1]);
  const double area_b = (b[2] - b[0]) * (b[3] - b[1]);
  const double union_area = area_a + area_b - intersection;
  return union_area > 0 ? intersection / union_area : 0.0;
}

Evaluation Evaluate(const json& labels, const json& results, const std::set<Stage>& measured) {
  Evaluation evaluation;
  evaluation.measured = measured;

  // Pages: the role the pipeline gave each labelled page.
  std::map<PageKey, std::string> predicted_roles;
  std::map<PageKey, int> predicted_rotations;
  const auto note_rotation = [&](const json& page) {
    if (page.contains("rotation") && page.at("rotation").is_number_integer()) {
      predicted_rotations[{Text(page, "file"), Number(page, "index")}] = page.at("rotation").get<int>();
    }
  };
  for (const json& application : Items(results, "applications")) {
    for (const json& page : Items(application, "pages")) {
      predicted_roles[{Text(page, "file"), Number(page, "index")}] = Text(page, "role");
      note_rotation(page);
    }
  }
  for (const json& page : Items(results, "unassigned_pages")) {
    predicted_roles[{Text(page, "file"), Number(page, "index")}] = page.contains("role") ? Text(page, "role") : "other";
    note_rotation(page);
  }
  std::map<PageKey, const json*> labelled_pages;
  for (const json& file : Items(labels, "files")) {
    for (const json& page : Items(file, "pages")) {
      const PageKey key{Text(file, "file"), Number(page, "index")};
      labelled_pages[key] = &page;
      ++evaluation.pages;
      const std::string truth = Text(page, "role");
      const bool hit = predicted_roles.count(key) != 0 && predicted_roles[key] == truth;
      Count(evaluation.page_roles, hit);
      Count(evaluation.page_roles_by_role[truth], hit);
      if (page.value("paper", "") == "form") {
        const auto rotation = predicted_rotations.find(key);
        Count(evaluation.orientation,
              rotation != predicted_rotations.end() && rotation->second == page.value("rotation", 0));
      }
    }
  }

  // Certificates: matched page by page at IoU >= 0.5, best overlaps first.
  std::map<PageKey, std::vector<const json*>> truth_pieces;
  std::map<PageKey, std::vector<const json*>> predicted_pieces;
  for (const json& application : Items(labels, "applications")) {
    for (const json& piece : Items(application, "certificates")) {
      truth_pieces[{Text(piece, "file"), Number(piece, "page")}].push_back(&piece);
      ++evaluation.certificates;
    }
  }
  for (const json& application : Items(results, "applications")) {
    for (const json& piece : Items(application, "certificates")) {
      predicted_pieces[{Text(piece, "file"), Number(piece, "page")}].push_back(&piece);
    }
  }
  std::vector<std::pair<bool, json>> copy_judgements;  // truth (copy or reduced), the signs found
  std::set<PageKey> keys;
  for (const auto& [key, pieces] : truth_pieces) keys.insert(key);
  for (const auto& [key, pieces] : predicted_pieces) keys.insert(key);
  for (const PageKey& key : keys) {
    const auto& truths = truth_pieces[key];
    const auto& predictions = predicted_pieces[key];
    std::vector<std::tuple<double, std::size_t, std::size_t>> overlaps;
    for (std::size_t t = 0; t < truths.size(); ++t) {
      for (std::size_t p = 0; p < predictions.size(); ++p) {
        const double iou = IntersectionOverUnion(Box(*truths[t]), Box(*predictions[p]));
        if (iou >= 0.5) overlaps.emplace_back(iou, t, p);
      }
    }
    std::sort(overlaps.rbegin(), overlaps.rend());
    std::vector<int> match(truths.size(), -1);
    std::vector<bool> used(predictions.size(), false);
    for (const auto& [iou, t, p] : overlaps) {
      if (match[t] < 0 && !used[p]) {
        match[t] = static_cast<int>(p);
        used[p] = true;
      }
    }
    const json* page = labelled_pages.count(key) != 0 ? labelled_pages[key] : nullptr;
    std::vector<std::string> breakdown;
    if (page != nullptr) {
      breakdown.push_back(Flag(*page, "colour") ? "colour" : "grey");
      breakdown.push_back(fmt::format("{}dpi", Number(*page, "dpi")));
    }
    for (std::size_t t = 0; t < truths.size(); ++t) {
      const bool found = match[t] >= 0;
      Count(evaluation.segmentation, true, found);
      for (const std::string& group : breakdown) Count(evaluation.segmentation_by[group], true, found);
      Count(evaluation.segmentation_by["design:" + Text(*truths[t], "design")], true, found);
      if (!found) {
        double best = 0.0;
        for (const json* predicted : predictions)
          best = std::max(best, IntersectionOverUnion(Box(*truths[t]), Box(*predicted)));
        evaluation.segmentation_errors.push_back({{"error", "missed"},
                                                  {"file", std::get<0>(key)},
                                                  {"page", std::get<1>(key)},
                                                  {"certificate", Text(*truths[t], "id")},
                                                  {"design", Text(*truths[t], "design")},
                                                  {"bbox", Box(*truths[t])},
                                                  {"best_iou", best}});
        continue;
      }
      const json& truth = *truths[t];
      const json& predicted = *predictions[static_cast<std::size_t>(match[t])];
      Count(evaluation.kind, Text(truth, "kind") == Text(predicted, "kind"));
      Count(evaluation.category, Text(truth, "category") == Text(predicted, "category"));
      Count(evaluation.event_id, Text(truth, "event_id") == Text(predicted, "event_id"));
      const std::string truth_date = Text(truth, "date");
      const std::string predicted_date = Text(predicted, "date");
      Count(evaluation.date_exact, truth_date == predicted_date);
      Count(evaluation.date_year_month, truth_date.substr(0, 7) == predicted_date.substr(0, 7));
      Count(evaluation.attendance, Text(truth, "attendance") == Text(predicted, "attendance"));
      json wrong = json::object();
      for (const char* field : {"kind", "category", "event_id", "date", "attendance"}) {
        if (Text(truth, field) != Text(predicted, field)) {
          wrong[field] = {{"truth", Text(truth, field)}, {"read", Text(predicted, field)}};
        }
      }
      if (!wrong.empty()) {
        evaluation.reading_errors.push_back({{"file", std::get<0>(key)},
                                             {"page", std::get<1>(key)},
                                             {"certificate", Text(truth, "id")},
                                             {"design", Text(truth, "design")},
                                             {"fields", wrong}});
      }

      const json truth_name = Object(truth, "name");
      const json predicted_name = Object(predicted, "name");
      Count(evaluation.name_present, Flag(truth_name, "present"), Flag(predicted_name, "present"));
      const bool truth_pencil = Text(truth_name, "instrument") == "pencil";
      const bool predicted_pencil = Text(predicted_name, "instrument") == "pencil";
      Count(evaluation.pencil, truth_pencil, predicted_pencil);
      Count(page != nullptr && Flag(*page, "colour") ? evaluation.pencil_colour : evaluation.pencil_grey, truth_pencil,
            predicted_pencil);
      const json truth_copy = Object(truth, "copy");
      const bool is_copy = Flag(truth_copy, "copy") || Flag(truth_copy, "reduced");
      const json predicted_copy = Object(predicted, "copy");
      const bool called_copy = Flag(predicted_copy, "suspected");
      Count(evaluation.copy, is_copy, called_copy);
      if (!is_copy) Count(evaluation.false_positive_originals, called_copy);
      copy_judgements.emplace_back(is_copy, Items(predicted_copy, "signs"));
      json misjudged = json::object();
      // Unsure findings too: each sends its application to review.
      if (Text(truth_name, "instrument") != Text(predicted_name, "instrument")) {
        misjudged["name"] = {{"truth", truth_name}, {"found", predicted_name}};
      }
      if (!predicted_copy.contains("suspected") || predicted_copy["suspected"] != json(is_copy)) {
        misjudged["copy"] = {{"truth", truth_copy}, {"found", predicted_copy}};
      }
      if (!misjudged.empty()) {
        evaluation.evidence_errors.push_back({{"file", std::get<0>(key)},
                                              {"page", std::get<1>(key)},
                                              {"certificate", Text(truth, "id")},
                                              {"design", Text(truth, "design")},
                                              {"checks", misjudged}});
      }
      Count(evaluation.receipt, Text(truth, "kind") == "receipt", Text(predicted, "kind") == "receipt");
    }
    for (std::size_t p = 0; p < predictions.size(); ++p) {
      if (!used[p]) {
        double best = 0.0;
        for (const json* truth : truths)
          best = std::max(best, IntersectionOverUnion(Box(*truth), Box(*predictions[p])));
        evaluation.segmentation_errors.push_back({{"error", "extra"},
                                                  {"file", std::get<0>(key)},
                                                  {"page", std::get<1>(key)},
                                                  {"bbox", Box(*predictions[p])},
                                                  {"best_iou", best}});
        Count(evaluation.segmentation, false, true);
        for (const std::string& group : breakdown) Count(evaluation.segmentation_by[group], false, true);
      }
    }
  }

  // Each copy sign alone, as if it were the only check.
  std::set<std::string> signs;
  for (const auto& [is_copy, found] : copy_judgements) {
    for (const json& sign : found) signs.insert(sign.get<std::string>());
  }
  for (const std::string& sign : signs) {
    for (const auto& [is_copy, found] : copy_judgements) {
      Count(evaluation.copy_signs[sign], is_copy, std::find(found.begin(), found.end(), json(sign)) != found.end());
    }
  }

  // Applications: the decision and its reasons.
  std::map<std::string, const json*> predicted_applications;
  for (const json& application : Items(results, "applications")) {
    predicted_applications[Text(application, "member_id")] = &application;
  }
  for (const json& truth : Items(labels, "applications")) {
    ++evaluation.applications;
    const auto found = predicted_applications.find(Text(truth, "member_id"));
    const std::string expected = Text(truth, "expected_decision");
    const std::string decided = found != predicted_applications.end() ? Text(*found->second, "decision") : "";
    Count(evaluation.review_rate, decided == "needs_review" || decided.empty());
    if (decided == "approve" || decided == "deficient") {
      Count(evaluation.decision_auto, decided == expected);
    }
    if (decided == "approve" && expected == "deficient") ++evaluation.false_approvals;
    if (decided != expected) {
      evaluation.decision_errors.push_back(
          {{"member_id", Text(truth, "member_id")},
           {"expected", expected},
           {"decided", decided},
           {"expected_reasons", Items(truth, "expected_reasons")},
           {"reasons", found != predicted_applications.end() ? Items(*found->second, "reasons") : json::array()},
           {"certificates", found != predicted_applications.end() ? PieceSummaries(*found->second) : json::array()}});
    }
    if (expected == "deficient" && found != predicted_applications.end()) {
      const json reasons = found->second->value("reasons", json::array());
      for (const json& reason : Items(truth, "expected_reasons")) {
        Count(evaluation.reasons_recall, std::find(reasons.begin(), reasons.end(), reason) != reasons.end());
      }
    }
  }
  return evaluation;
}

std::string RenderEvaluation(const Evaluation& e) {
  const auto measured = [&](Stage stage) { return e.measured.count(stage) != 0; };
  const auto not_measured = [](const char* stage) { return fmt::format("{}: not measured\n", stage); };
  std::string out = fmt::format("corpus: {} pages, {} certificates, {} applications; {:.2f} s per page\n", e.pages,
                                e.certificates, e.applications, e.seconds_per_page);
  out += "page roles:\n" + Line("accuracy", e.page_roles);
  for (const auto& [role, ratio] : e.page_roles_by_role) out += Line(("  " + role).c_str(), ratio);
  out += Line("forms turned upright", e.orientation);
  if (measured(Stage::kSegmentation)) {
    out += "segmentation (IoU >= 0.5):\n" + Line("all", e.segmentation);
    for (const auto& [group, detection] : e.segmentation_by) out += Line(("  " + group).c_str(), detection);
  } else {
    out += not_measured("segmentation");
  }
  if (measured(Stage::kReading)) {
    out += "reading (matched pieces):\n" + Line("kind", e.kind) + Line("category", e.category) +
           Line("event_id", e.event_id) + Line("date exact", e.date_exact) +
           Line("date year-month", e.date_year_month) + Line("attendance", e.attendance) + Line("receipt", e.receipt);
  } else {
    out += not_measured("reading");
  }
  if (measured(Stage::kEvidence)) {
    out += "evidence:\n" + Line("name present", e.name_present) + Line("pencil", e.pencil) +
           Line("pencil (colour scans)", e.pencil_colour) + Line("pencil (grey scans)", e.pencil_grey) +
           Line("copy (reduced counted as copy)", e.copy);
    for (const auto& [sign, detection] : e.copy_signs) out += Line(("  sign " + sign).c_str(), detection);
    out += Line("sound originals flagged as copy", e.false_positive_originals);
  } else {
    out += not_measured("evidence");
  }
  if (measured(Stage::kDecision)) {
    out += "decision:\n" + Line("accuracy (auto-decided)", e.decision_auto) + Line("review rate", e.review_rate) +
           fmt::format("  {:<34} {}\n", "false approvals", e.false_approvals) +
           Line("reasons recall", e.reasons_recall);
  } else {
    out += not_measured("decision");
  }
  return out;
}

json EvaluationJson(const Evaluation& e) {
  const auto measured = [&](Stage stage) { return e.measured.count(stage) != 0; };
  json out = {{"pages", e.pages},
              {"certificates", e.certificates},
              {"applications", e.applications},
              {"seconds_per_page", e.seconds_per_page},
              {"page_roles", RatioJson(e.page_roles)},
              {"orientation", RatioJson(e.orientation)}};
  if (measured(Stage::kSegmentation)) {
    out["segmentation"] = DetectionJson(e.segmentation);
    for (const auto& [group, detection] : e.segmentation_by) out["segmentation_by"][group] = DetectionJson(detection);
    out["segmentation_errors"] = e.segmentation_errors;
  }
  if (measured(Stage::kReading)) {
    out["reading"] = {{"kind", RatioJson(e.kind)},
                      {"category", RatioJson(e.category)},
                      {"event_id", RatioJson(e.event_id)},
                      {"date_exact", RatioJson(e.date_exact)},
                      {"date_year_month", RatioJson(e.date_year_month)},
                      {"attendance", RatioJson(e.attendance)},
                      {"receipt", DetectionJson(e.receipt)}};
    out["reading_errors"] = e.reading_errors;
  }
  if (measured(Stage::kEvidence)) {
    out["evidence"] = {{"name_present", DetectionJson(e.name_present)},
                       {"pencil", DetectionJson(e.pencil)},
                       {"pencil_colour", DetectionJson(e.pencil_colour)},
                       {"pencil_grey", DetectionJson(e.pencil_grey)},
                       {"copy", DetectionJson(e.copy)},
                       {"false_positive_originals", RatioJson(e.false_positive_originals)}};
    for (const auto& [sign, detection] : e.copy_signs) out["evidence"]["copy_signs"][sign] = DetectionJson(detection);
    out["evidence_errors"] = e.evidence_errors;
  }
  if (measured(Stage::kDecision)) {
    out["decision"] = {{"accuracy_auto", RatioJson(e.decision_auto)},
                       {"review_rate", RatioJson(e.review_rate)},
                       {"false_approvals", e.false_approvals},
                       {"reasons_recall", RatioJson(e.reasons_recall)}};
    out["decision_errors"] = e.decision_errors;
  }
  return out;
}

}  // namespace certintake::evaluate
