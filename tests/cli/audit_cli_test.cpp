// certintake audit, as an auditor runs it, on two sample applications ingested once for all tests:
// member 154068 (its back pages: two society meetings and the equipment course) and member
// 147199 (two photographed certificates). Each test audits its own copy of the database.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "certintake/store/store.hpp"
#include "cli/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

const fs::path kSamples = fs::path(CERTINTAKE_SOURCE_DIR) / "samples";

class AuditCli : public ::testing::Test {
 protected:
  /// Ingests the samples once; every test starts from a copy.
  static void SetUpTestSuite() {
    ingested_ = new TempDir();
    for (const char* name : {"154068_back.pdf", "147199_02.jpg", "147199_03.jpg", "members.csv"}) {
      fs::copy_file(kSamples / name, *ingested_ / name);
    }
    const CliResult result =
        RunCli(ingested_->path(), {"ingest", "--members", "members.csv", "--received", "2025-01-15", "154068_back.pdf",
                                   "147199_02.jpg", "147199_03.jpg"});
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  static void TearDownTestSuite() {
    delete ingested_;
    ingested_ = nullptr;
  }

  void SetUp() override {
    fs::copy(ingested_->path(), dir_.path(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  }

  CliResult Audit(std::vector<std::string> extra = {}) {
    std::vector<std::string> arguments = {"audit", "--report-dir", "reports"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    return RunCli(dir_.path(), arguments);
  }

  json Report(int run) {
    std::ifstream in(dir_ / "reports" / fmt::format("audit-{}.json", run));
    return json::parse(in);
  }

  /// A copy of the models folder with the equipment course worth 5 points instead of 10.
  fs::path ModelsWithCheaperCourse() {
    const fs::path models = dir_ / "models";
    fs::copy(fs::path(CERTINTAKE_SOURCE_DIR) / "models", models, fs::copy_options::recursive);
    std::ifstream in(models / "catalog.json");
    json catalog = json::parse(in);
    catalog["categories"]["equipment_course"]["points"] = 5;
    fs::permissions(models / "catalog.json", fs::perms::owner_write, fs::perm_options::add);
    WriteFile(models / "catalog.json", catalog.dump(2));
    return models;
  }

  static TempDir* ingested_;
  TempDir dir_;
};

TempDir* AuditCli::ingested_ = nullptr;

TEST_F(AuditCli, FindsNothingChangedWhenNothingChanged) {
  const CliResult result = Audit();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("2 applications: 0 differ from what is stored"));
  EXPECT_EQ(Report(2)["summary"]["differ"], 0);
}

TEST_F(AuditCli, ReportsExactlyTheApplicationsACatalogChangeAffects) {
  ::setenv("CERTINTAKE_MODELS", ModelsWithCheaperCourse().c_str(), 1);
  const CliResult result = Audit();
  ::unsetenv("CERTINTAKE_MODELS");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, HasSubstr("2 applications: 1 differ from what is stored"));
  std::vector<std::string> differing;
  const json report = Report(2);
  for (const json& application : report["applications"]) {
    if (application["differs"].get<bool>()) differing.push_back(application["member_id"]);
  }
  EXPECT_EQ(differing, std::vector<std::string>{"154068"});
  EXPECT_THAT(result.out, HasSubstr("154068 2025-01-15: "));
  EXPECT_THAT(result.out, HasSubstr("\"course_points\":5"));
}

TEST_F(AuditCli, ReportsAnArchivedOriginalThatWasAltered) {
  // Find the archived copy of 147199_03.jpg by its content and change one byte of it.
  fs::path target;
  const std::string original = ReadFile(kSamples / "147199_03.jpg");
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "certintake.db.archive")) {
    if (entry.is_regular_file() && ReadFile(entry.path()) == original) target = entry.path();
  }
  ASSERT_FALSE(target.empty());
  fs::permissions(target, fs::perms::owner_write, fs::perm_options::add);
  std::string bytes = original;
  bytes[bytes.size() / 2] ^= 0x01;
  WriteFile(target, bytes);
  const CliResult result = Audit();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.out, HasSubstr("error: 147199_03.jpg: the archived original no longer matches its SHA-256"));
  const json report = Report(2);
  EXPECT_EQ(report["summary"]["file_problems"], 1);
  for (const json& application : report["applications"]) {
    EXPECT_EQ(application["incomplete"], application["member_id"] == "147199") << application["member_id"];
  }
}

TEST_F(AuditCli, ResumesAnInterruptedAuditToTheSameReport) {
  const CliResult stopped = Audit({"--stop-after-files", "1"});
  EXPECT_EQ(stopped.exit_code, 1);
  EXPECT_THAT(stopped.err, HasSubstr("audit: run 2 stopped before the end; run the same command again to resume it"));
  const CliResult resumed = Audit();
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("audit: resumed run 2 (1 of 3 files had been re-read)"));
  const CliResult uninterrupted = Audit();
  ASSERT_EQ(uninterrupted.exit_code, 0) << uninterrupted.err;
  EXPECT_EQ(Report(2)["applications"], Report(3)["applications"]);
  EXPECT_EQ(Report(2)["summary"], Report(3)["summary"]);
}

TEST_F(AuditCli, AnAuditWhoseReportCouldNotBeWrittenIsResumedAndReportedByTheSameCommand) {
  WriteFile(dir_ / "reports", "a file where the report folder should be");
  const CliResult failed = Audit();
  EXPECT_NE(failed.exit_code, 0);
  fs::remove(dir_ / "reports");
  const CliResult resumed = Audit();
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("audit: resumed run 2 (3 of 3 files had been re-read)"));
  EXPECT_EQ(Report(2)["summary"]["applications"], 2);
}

TEST_F(AuditCli, ReadsTheSameOriginalsTheSameWayEachTime) {
  ASSERT_EQ(Audit().exit_code, 0);
  ASSERT_EQ(Audit().exit_code, 0);
  // Byte for byte: every certificate the two audit runs stored, and every verdict.
  const store::Store store = store::Store::Open(dir_ / "certintake.db");
  std::size_t certificates = 0;
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    const auto first = store.ListCertificates(application.id, 2);
    const auto second = store.ListCertificates(application.id, 3);
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
      EXPECT_EQ(first[i].stable_id, second[i].stable_id);
      EXPECT_EQ(first[i].quad_json, second[i].quad_json);
      EXPECT_EQ(first[i].facts_json, second[i].facts_json);
      EXPECT_EQ(first[i].reading_json, second[i].reading_json);
    }
    certificates += first.size();
    EXPECT_EQ(store.VerdictOf(application.id, 2)->certificates_json,
              store.VerdictOf(application.id, 3)->certificates_json);
    EXPECT_EQ(store.VerdictOf(application.id, 2)->tally_json, store.VerdictOf(application.id, 3)->tally_json);
  }
  EXPECT_GE(certificates, 5U);
}

}  // namespace
}  // namespace certintake::testing
