#include "certintake/rules/catalog.hpp"

#include <gtest/gtest.h>

#include "certintake/core/error.hpp"
#include "unit/rules/test_catalog.hpp"

namespace certintake::rules {
namespace {

std::string LoadError(const std::string& json) {
  try {
    ParseCatalog(json, "catalog.json");
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kUsage);
    return error.what();
  }
  return "no error";
}

constexpr const char* kCategories =
    R"("categories": {"jgets_meeting": {"points": 10, "mandatory_count": 2}, "related_society": {},
        "equipment_course": {"points": 10, "mandatory_count": 1}})";

std::string CatalogWith(const std::string& events) {
  return std::string(R"({"version": "t", )") + kCategories + R"(, "events": [)" + events + "]}";
}

TEST(Catalog, LoadsTheShippedCatalog) {
  const Catalog catalog = testing::DefaultCatalog();
  EXPECT_EQ(catalog.version, "2024-09");
  ASSERT_NE(catalog.Find("jges-congress"), nullptr);
  EXPECT_EQ(catalog.Find("jges-congress")->points, 5);
  EXPECT_EQ(catalog.Find("jgets-national")->points, 10);
  EXPECT_EQ(catalog.Find("jgets-prefecture")->requires_issuer, "支部長");
  EXPECT_EQ(catalog.Find("medical-lecture")->valid_from, "2024-04-01");
  EXPECT_EQ(catalog.issuer_names, std::vector<std::string>{"日本消化器内視鏡技師会"});
}

TEST(Catalog, NamesAnIssuerNameThatIsNotText) {
  EXPECT_EQ(LoadError(std::string(R"({"version": "t", "issuer_names": ["a", 3], )") + kCategories +
                      R"(, "events": [{"id": "x", "category": "jgets_meeting", "name": "n"}]})"),
            "catalog.json: (top).issuer_names[1]: expected a non-empty string");
}

TEST(Catalog, NamesTheKeyOfAnUnknownCategory) {
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "party", "name": "n"})")),
            "catalog.json: events[0].category: unknown category 'party' (expected jgets_meeting, related_society or "
            "equipment_course)");
}

TEST(Catalog, NamesAMissingKey) {
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting"})")),
            "catalog.json: events[0].name: missing");
}

TEST(Catalog, RefusesANumberTooLargeToReadAsInvalidJson) {
  // Found by the catalog fuzz target: the parser's overflow error escaped as a crash.
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "n", "points": 1e999})")),
            "catalog.json: not valid JSON: [json.exception.out_of_range.406] number overflow parsing '1e999'");
}

TEST(Catalog, NamesAMisspeltKeyRatherThanIgnoringIt) {
  EXPECT_EQ(
      LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "n", "requires_isuer": "支部長"})")),
      "catalog.json: events[0].requires_isuer: unknown key (expected id, category, society, points, name, "
      "aliases, numbered, requires_issuer, valid_from, note)");
}

TEST(Catalog, RejectsAFlagThatIsNotTrueOrFalse) {
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "n", "numbered": "yes"})")),
            "catalog.json: events[0].numbered: expected true or false");
}

TEST(Catalog, RequiresPointsOnARelatedSociety) {
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "related_society", "society": "s", "name": "n"})")),
            "catalog.json: events[0].points: missing (related societies carry their own points)");
}

TEST(Catalog, RejectsPointsOutOfRange) {
  EXPECT_EQ(LoadError(CatalogWith(
                R"({"id": "x", "category": "related_society", "society": "s", "name": "n", "points": 500})")),
            "catalog.json: events[0].points: expected a whole number from 0 to 100, got 500");
}

TEST(Catalog, RejectsADuplicateId) {
  EXPECT_EQ(LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "a"},
                                     {"id": "x", "category": "jgets_meeting", "name": "b"})")),
            "catalog.json: events[1].id: 'x' is used twice");
}

TEST(Catalog, RejectsAnInvalidValidFromDate) {
  EXPECT_EQ(
      LoadError(CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "a", "valid_from": "2024-13-01"})")),
      "catalog.json: events[0].valid_from: '2024-13-01' is not a date (YYYY-MM-DD)");
}

TEST(Catalog, RejectsTextThatIsNotJson) {
  EXPECT_EQ(LoadError("{").substr(0, 28), "catalog.json: not valid JSON");
}

TEST(Catalog, HashesTheFileSoAVerdictCanNameIt) {
  const std::string text = CatalogWith(R"({"id": "x", "category": "jgets_meeting", "name": "a"})");
  EXPECT_EQ(ParseCatalog(text, "a").sha256, ParseCatalog(text, "b").sha256);
  EXPECT_NE(ParseCatalog(text, "a").sha256, ParseCatalog(text + " ", "a").sha256);
}

}  // namespace
}  // namespace certintake::rules
