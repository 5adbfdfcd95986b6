// What a reviewer's correction does to a certificate's facts, and how the trail reads.

#include "certintake/review/review.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "certintake/core/error.hpp"
#include "certintake/core/models.hpp"

namespace certintake::review {
namespace {

using nlohmann::json;

const rules::Catalog& TheCatalog() {
  static const rules::Catalog catalog = rules::LoadCatalog(ModelsDirectory() / "catalog.json");
  return catalog;
}

store::ReviewRecord Action(const std::string& action, const std::string& user, const json& after) {
  store::ReviewRecord review;
  review.action = action;
  review.user_name = user;
  review.after_json = after.dump();
  return review;
}

TEST(Correct, MakesAnUnsureDateSure) {
  rules::CertificateFacts facts;
  facts.date = "2012-10-02";
  facts.date_sure = false;
  Correct(facts, "date", "2021-10-02", TheCatalog());
  EXPECT_EQ(facts.date, "2021-10-02");
  EXPECT_TRUE(facts.date_sure);
}

TEST(Correct, AcceptsAMonthOnlyDate) {
  rules::CertificateFacts facts;
  Correct(facts, "date", "2021-10", TheCatalog());
  EXPECT_EQ(facts.date, "2021-10");
}

TEST(Correct, RefusesAnImpossibleDate) {
  rules::CertificateFacts facts;
  EXPECT_THROW(Correct(facts, "date", "2021-02-30", TheCatalog()), Error);
}

TEST(Correct, RefusesAnEventTheCatalogDoesNotHave) {
  rules::CertificateFacts facts;
  EXPECT_THROW(Correct(facts, "event_id", "no-such-event", TheCatalog()), Error);
}

TEST(Correct, SetsAnEventTheCatalogDoesNotHaveAsNull) {
  rules::CertificateFacts facts;
  facts.event_id = "jgets-national";
  facts.event_sure = false;
  Correct(facts, "event_id", nullptr, TheCatalog());
  EXPECT_FALSE(facts.event_id.has_value());
  EXPECT_TRUE(facts.event_sure);
}

TEST(Correct, ANameInPencilIsPresentAndInPencil) {
  rules::CertificateFacts facts;
  facts.name_present = rules::Finding::kInconclusive;
  Correct(facts, "name", "pencil", TheCatalog());
  EXPECT_EQ(facts.name_present, rules::Finding::kPass);
  EXPECT_EQ(facts.name_in_pencil, rules::Finding::kFail);
  EXPECT_EQ(FieldValue(facts, "name"), "pencil");
}

TEST(Correct, AReducedCopyIsNotAPlainCopy) {
  rules::CertificateFacts facts;
  Correct(facts, "copy", "reduced_copy", TheCatalog());
  EXPECT_EQ(facts.copy, rules::Finding::kPass);
  EXPECT_EQ(facts.reduced_copy, rules::Finding::kFail);
}

TEST(Correct, MakesAnUnreadablePieceRead) {
  rules::CertificateFacts facts;
  facts.unreadable = true;
  Correct(facts, "kind", "attendance", TheCatalog());
  EXPECT_FALSE(facts.unreadable);
}

TEST(Correct, RefusesAFieldItDoesNotKnow) {
  rules::CertificateFacts facts;
  EXPECT_THROW(Correct(facts, "points", 10, TheCatalog()), Error);
}

TEST(FieldValue, IsNullForAnInconclusiveCheck) {
  rules::CertificateFacts facts;
  facts.copy = rules::Finding::kInconclusive;
  EXPECT_TRUE(FieldValue(facts, "copy").is_null());
}

TEST(StateOf, IsPendingWithNoActions) {
  EXPECT_EQ(StateOf({}).state, "pending");
}

TEST(StateOf, IsDecidedByTheLastDecisionWithItsReviewer) {
  const ReviewState state = StateOf({Action("correct_field", "sato", "2021-10-02"), Action("decide", "sato", "approve"),
                                     Action("decide", "suzuki", "deficient")});
  EXPECT_EQ(state.state, "decided");
  EXPECT_EQ(state.reviewer, "suzuki");
  EXPECT_EQ(state.final_decision, "deficient");
}

TEST(StateOf, ACorrectionAfterADecisionReopensTheReview) {
  const ReviewState state = StateOf({Action("decide", "sato", "approve"), Action("correct_field", "sato", "ink")});
  EXPECT_EQ(state.state, "in_review");
  EXPECT_FALSE(state.final_decision.has_value());
}

}  // namespace
}  // namespace certintake::review
