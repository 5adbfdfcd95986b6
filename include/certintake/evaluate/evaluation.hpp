#pragma once

// Measures the pipeline's results against a labelled corpus (labels.json, certintake.labels/1):
// per stage, the figures the issues ask for. Stages the pipeline does not have yet are reported
// as not measured, never as zero.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace certintake::evaluate {

/// Which stages the pipeline has; a stage it lacks is "not measured".
enum class Stage { kPageRoles, kSegmentation, kReading, kEvidence, kDecision };

/// The stages this build of the pipeline has.
std::set<Stage> ImplementedStages();

/// A count of right answers out of all answers.
struct Ratio {
  int hits = 0;
  int total = 0;
  [[nodiscard]] std::optional<double> Value() const {
    return total > 0 ? std::optional(static_cast<double>(hits) / total) : std::nullopt;
  }
};

/// Precision and recall of a yes/no finding (e.g. "pencil").
struct Detection {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  [[nodiscard]] Ratio Precision() const { return {true_positives, true_positives + false_positives}; }
  [[nodiscard]] Ratio Recall() const { return {true_positives, true_positives + false_negatives}; }
};

struct Evaluation {
  std::set<Stage> measured;
  int pages = 0;
  int certificates = 0;
  int applications = 0;
  double seconds_per_page = 0.0;

  Ratio page_roles;
  std::map<std::string, Ratio> page_roles_by_role;
  Ratio orientation;  ///< the office's forms turned upright (upside down and sideways included)

  Detection segmentation;                            ///< IoU >= 0.5
  std::map<std::string, Detection> segmentation_by;  ///< "colour", "grey", "200dpi", "design:namecard-a", ...
  /// Each piece missed or found where there is none: file, page, bbox, the certificate's id and
  /// design (missed) and the best IoU any counterpart reached — for whoever works on segmentation.
  std::vector<nlohmann::json> segmentation_errors;

  Ratio kind, category, event_id, date_exact, date_year_month, attendance;  ///< on matched pieces
  /// Each matched piece with a field read wrong: file, page, the certificate's id and design, and
  /// per wrong field the truth and what was read — for whoever works on reading.
  std::vector<nlohmann::json> reading_errors;
  Detection name_present, pencil, pencil_colour, pencil_grey, copy, receipt;
  std::map<std::string, Detection> copy_signs;  ///< each sign alone, against copy-or-reduced truth
  /// Each matched piece whose name or copy finding differs from the truth: file, page, the
  /// certificate's id and design, and per wrong check the truth and what was found.
  std::vector<nlohmann::json> evidence_errors;
  Ratio false_positive_originals;  ///< sound originals wrongly called copies (hits = flagged)

  Ratio decision_auto;      ///< right decisions among applications decided without review
  Ratio review_rate;        ///< sent to review out of all
  int false_approvals = 0;  ///< approved where the truth is deficient
  Ratio reasons_recall;
  /// Each application decided otherwise than expected (sent to review included): member, the
  /// expected and the actual decision, both lists of reasons, and what became of each piece.
  std::vector<nlohmann::json> decision_errors;
};

/// Compares `results` (certintake.results/1, as `certintake export` writes) with `labels`.
Evaluation Evaluate(const nlohmann::json& labels, const nlohmann::json& results, const std::set<Stage>& measured);

/// The report a person reads, one figure per line, grouped by stage.
std::string RenderEvaluation(const Evaluation& evaluation);

/// The same figures for machines.
nlohmann::json EvaluationJson(const Evaluation& evaluation);

/// Intersection over union of two [x0, y0, x1, y1] boxes.
double IntersectionOverUnion(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace certintake::evaluate
