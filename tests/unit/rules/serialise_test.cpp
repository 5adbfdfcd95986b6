#include "certintake/rules/serialise.hpp"

#include <gtest/gtest.h>

namespace certintake::rules {
namespace {

TEST(InstrumentCode, NoNameHasNoInstrument) {
  EXPECT_EQ(InstrumentCode(Finding::kFail, Finding::kPass), "none");
}

TEST(InstrumentCode, ANameNotInPencilIsInk) {
  EXPECT_EQ(InstrumentCode(Finding::kPass, Finding::kPass), "ink");
  EXPECT_EQ(InstrumentCode(Finding::kPass, Finding::kFail), "pencil");
}

TEST(InstrumentCode, AnythingUnsureIsUnknown) {
  EXPECT_EQ(InstrumentCode(Finding::kInconclusive, Finding::kPass), "unknown");
  EXPECT_EQ(InstrumentCode(Finding::kPass, Finding::kInconclusive), "unknown");
}

TEST(FactsJson, ReadsBackWhatItWrote) {
  CertificateFacts facts;
  facts.id = "c1";
  facts.name_in_pencil = Finding::kFail;
  facts.date = "2024-05";
  const CertificateFacts read = FactsFromJson(FactsToJson(facts));
  EXPECT_EQ(read.id, "c1");
  EXPECT_EQ(read.name_in_pencil, Finding::kFail);
  EXPECT_EQ(read.date, "2024-05");
}

}  // namespace
}  // namespace certintake::rules
