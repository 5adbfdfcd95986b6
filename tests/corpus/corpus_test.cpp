// The whole pipeline on a freshly generated, labelled corpus of 30 applications (seed fixed, so
// the run is repeatable), measured once with `certintake eval --json` by the corpus_measure
// fixture (tests/corpus/measure.sh, which prints the figures). Each stage's floor is asserted here
// as the stage lands.
//
// Floors are regression guards set below today's measured figures, not the issues' targets: the
// targets (e.g. segmentation >= 0.99) are asserted once a stage reaches them.

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

namespace certintake::testing {
namespace {

using nlohmann::json;

constexpr int kApplications = 30;

class CorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(CERTINTAKE_CORPUS_FIGURES);
    ASSERT_TRUE(in) << "no figures: the corpus_measure test did not run";
    figures_ = json::parse(in);
  }

  static double Value(const json& ratio) { return ratio.at("value").is_null() ? 0.0 : ratio.at("value").get<double>(); }

  json figures_;
};

TEST_F(CorpusTest, CoversEnoughPagesAndCertificatesToMeasure) {
  EXPECT_GE(figures_.at("pages").get<int>(), 150);
  EXPECT_GE(figures_.at("certificates").get<int>(), 100);
  EXPECT_EQ(figures_.at("applications").get<int>(), kApplications);
}

TEST_F(CorpusTest, RecognisesPageRoles) {
  EXPECT_GE(Value(figures_.at("page_roles")), 0.95);
}

TEST_F(CorpusTest, FindsMostPastedCertificates) {
  EXPECT_GE(Value(figures_.at("segmentation").at("recall")), 0.55);
  EXPECT_GE(Value(figures_.at("segmentation").at("precision")), 0.55);
}

TEST_F(CorpusTest, ReadsTheFieldsOfTheCertificatesItFinds) {
  const json& reading = figures_.at("reading");
  EXPECT_GE(Value(reading.at("kind")), 0.80);
  EXPECT_GE(Value(reading.at("event_id")), 0.75);
  EXPECT_GE(Value(reading.at("date_year_month")), 0.75);
}

TEST_F(CorpusTest, NeverApprovesADeficientApplication) {
  EXPECT_EQ(figures_.at("decision").at("false_approvals").get<int>(), 0);
}

TEST_F(CorpusTest, FindsTheHandwrittenNames) {
  const json& name = figures_.at("evidence").at("name_present");
  EXPECT_GE(Value(name.at("precision")), 0.95);
  EXPECT_GE(Value(name.at("recall")), 0.85);
}

TEST_F(CorpusTest, RarelyCallsASoundOriginalACopy) {
  EXPECT_LE(Value(figures_.at("evidence").at("false_positive_originals")), 0.05);
}

}  // namespace
}  // namespace certintake::testing
