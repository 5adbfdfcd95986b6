#include "certintake/evaluate/evaluation.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace certintake::evaluate {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

const std::set<Stage> kAll = {Stage::kPageRoles, Stage::kSegmentation, Stage::kReading, Stage::kEvidence,
                              Stage::kDecision};

json Labels() {
  return json::parse(R"({
    "schema": "certintake.labels/1",
    "files": [{"file": "b.pdf", "pages": [{"index": 1, "role": "separator", "colour": true, "dpi": 300},
                                          {"index": 2, "role": "certificate_sheet", "colour": true, "dpi": 300}]}],
    "applications": [{"member_id": "1", "expected_decision": "deficient", "expected_reasons": ["missing_equipment_course"],
      "certificates": [
        {"file": "b.pdf", "page": 2, "bbox": [0.1, 0.1, 0.5, 0.3], "design": "card", "kind": "attendance",
         "category": "jgets_meeting", "event_id": "jgets-national", "date": "2024-05-11", "attendance": "web",
         "name": {"present": true, "instrument": "pencil"}, "copy": {"copy": false, "reduced": false}},
        {"file": "b.pdf", "page": 2, "bbox": [0.1, 0.5, 0.5, 0.7], "design": "a4", "kind": "receipt",
         "category": "unknown", "event_id": null, "date": null, "attendance": "unknown",
         "name": {"present": false, "instrument": "none"}, "copy": {"copy": true, "reduced": false}}]}]})");
}

json Results() {
  return json::parse(R"({
    "applications": [{"member_id": "1", "decision": "approve", "reasons": [],
      "pages": [{"file": "b.pdf", "index": 1, "role": "separator"}, {"file": "b.pdf", "index": 2, "role": "other"}],
      "certificates": [
        {"file": "b.pdf", "page": 2, "bbox": [0.11, 0.1, 0.5, 0.31], "kind": "attendance", "category": "jgets_meeting",
         "event_id": "jgets-national", "date": "2024-05-12", "attendance": "web",
         "name": {"present": true, "instrument": "ink"}, "copy": {"suspected": false, "signs": []}},
        {"file": "b.pdf", "page": 2, "bbox": [0.6, 0.6, 0.9, 0.9]}]}],
    "unassigned_pages": []})");
}

TEST(IntersectionOverUnion, IsOneForTheSameBoxAndZeroForDisjointOnes) {
  EXPECT_DOUBLE_EQ(IntersectionOverUnion({0, 0, 1, 1}, {0, 0, 1, 1}), 1.0);
  EXPECT_DOUBLE_EQ(IntersectionOverUnion({0, 0, 1, 1}, {2, 2, 3, 3}), 0.0);
  EXPECT_DOUBLE_EQ(IntersectionOverUnion({0, 0, 2, 1}, {1, 0, 3, 1}), 1.0 / 3.0);
}

TEST(Evaluate, ScoresPageRoles) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  EXPECT_EQ(e.page_roles.hits, 1);
  EXPECT_EQ(e.page_roles.total, 2);
}

TEST(Evaluate, MatchesPiecesAtHalfOverlapAndCountsTheRestAsMissedOrSpurious) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  EXPECT_EQ(e.segmentation.true_positives, 1);
  EXPECT_EQ(e.segmentation.false_negatives, 1);
  EXPECT_EQ(e.segmentation.false_positives, 1);
  EXPECT_EQ(e.segmentation_by.at("design:a4").false_negatives, 1);
}

TEST(Evaluate, ListsEachMissedAndSpuriousPieceForWhoeverWorksOnSegmentation) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  ASSERT_EQ(e.segmentation_errors.size(), 2U);
  EXPECT_EQ(e.segmentation_errors[0].at("error"), "missed");
  EXPECT_EQ(e.segmentation_errors[0].at("design"), "a4");
  EXPECT_EQ(e.segmentation_errors[0].at("bbox"), json::parse("[0.1, 0.5, 0.5, 0.7]"));
  EXPECT_EQ(e.segmentation_errors[1].at("error"), "extra");
  EXPECT_EQ(e.segmentation_errors[1].at("bbox"), json::parse("[0.6, 0.6, 0.9, 0.9]"));
}

TEST(Evaluate, ScoresFieldsOnMatchedPiecesOnly) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  EXPECT_EQ(e.event_id.hits, 1);
  EXPECT_EQ(e.date_exact.hits, 0);
  EXPECT_EQ(e.date_year_month.hits, 1);
  EXPECT_EQ(e.pencil.false_negatives, 1);
}

TEST(Evaluate, ListsEachFieldReadWrongWithItsTruthForWhoeverWorksOnReading) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  ASSERT_EQ(e.reading_errors.size(), 1U);
  EXPECT_EQ(e.reading_errors[0].at("design"), "card");
  EXPECT_EQ(e.reading_errors[0].at("fields"),
            json::parse(R"({"date": {"truth": "2024-05-11", "read": "2024-05-12"}})"));
}

TEST(Evaluate, ListsEachNameOrCopyMisjudgedWithItsTruthForWhoeverWorksOnEvidence) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  ASSERT_EQ(e.evidence_errors.size(), 1U);
  EXPECT_EQ(e.evidence_errors[0].at("design"), "card");
  EXPECT_EQ(e.evidence_errors[0].at("checks").at("name").at("found").at("instrument"), "ink");
  EXPECT_FALSE(e.evidence_errors[0].at("checks").contains("copy"));
}

TEST(Evaluate, CountsAFalseApproval) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  EXPECT_EQ(e.false_approvals, 1);
  EXPECT_EQ(e.decision_auto.hits, 0);
  EXPECT_EQ(e.reasons_recall.total, 1);
}

TEST(Evaluate, ListsEachApplicationDecidedOtherwiseThanExpected) {
  const Evaluation e = Evaluate(Labels(), Results(), kAll);
  ASSERT_EQ(e.decision_errors.size(), 1U);
  EXPECT_EQ(e.decision_errors[0].at("decided"), "approve");
  EXPECT_EQ(e.decision_errors[0].at("expected_reasons"), json::parse(R"(["missing_equipment_course"])"));
}

TEST(RenderEvaluation, SaysNotMeasuredForAStageNotBuilt) {
  const std::string report = RenderEvaluation(Evaluate(Labels(), Results(), {Stage::kPageRoles}));
  EXPECT_THAT(report, HasSubstr("segmentation: not measured"));
  EXPECT_THAT(report, HasSubstr("decision: not measured"));
}

}  // namespace
}  // namespace certintake::evaluate
