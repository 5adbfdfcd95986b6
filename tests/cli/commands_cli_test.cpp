// The other certintake commands: members import, export, coversheet, summary.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_cli.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kRegisterHeader = "member_id,name,name_kana,cert_start,cert_end,fees_paid\n";

TEST(MembersImportCli, ImportsGoodRowsAndNamesEachBadLine) {
  TempDir dir;
  WriteFile(dir / "members.csv", std::string(kRegisterHeader) +
                                     "1,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n"
                                     "1,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n"
                                     "2,佐藤 太郎,サトウ タロウ,2020-04-01,2025-03-31,maybe\n");
  const CliResult result = RunCli(dir.path(), {"members", "import", "members.csv"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "error: members.csv:3: member_id 1 is already on line 2; row skipped\n"
            "error: members.csv:4: fees_paid 'maybe' must be true or false; row skipped\n"
            "members.csv: 1 members imported, 2 rows skipped\n");
}

TEST(MembersImportCli, RejectsAFileWithoutTheRequiredColumns) {
  TempDir dir;
  WriteFile(dir / "members.csv", "id,name\n1,A\n");
  const CliResult result = RunCli(dir.path(), {"members", "import", "members.csv"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, StartsWith("error: members.csv:1: missing column 'member_id'; the first line must be: "));
}

TEST(ExportCli, RefusesToRunWithoutADatabase) {
  TempDir dir;
  const CliResult result = RunCli(dir.path(), {"export"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err,
            "error: the database certintake.db does not exist; run certintake ingest first (or give --db)\n");
}

TEST(ExportCli, WritesTheContractSchemaToAFile) {
  TempDir dir;
  WriteScannerPdf(dir / "100001.pdf", {MakePage(100)}, 100);
  RunCli(dir.path(), {"ingest", "--received", "2025-01-15", "100001.pdf"});
  ASSERT_EQ(RunCli(dir.path(), {"export", "--format", "json", "--out", "results.json"}).exit_code, 0);
  const auto results = nlohmann::json::parse(ReadFile(dir / "results.json"));
  EXPECT_EQ(results["schema"], "certintake.results/1");
  EXPECT_THAT(results["pipeline_version"].get<std::string>(), StartsWith("0."));
  const auto& application = results["applications"][0];
  EXPECT_EQ(application["member_id"], "100001");
  EXPECT_EQ(application["received"], "2025-01-15");
  EXPECT_EQ(
      application["pages"][0],
      (nlohmann::json{{"file", "100001.pdf"}, {"index", 1}, {"role", "other"}, {"rotation", 0}, {"error", nullptr}}));
  EXPECT_TRUE(application["certificates"].is_array());
  EXPECT_EQ(application["review"]["state"], "pending");
}

TEST(ExportCli, WritesOneCsvRowPerApplication) {
  TempDir dir;
  WriteScannerPdf(dir / "100001.pdf", {MakePage(100), MakePage(100)}, 100);
  RunCli(dir.path(), {"ingest", "--received", "2025-01-15", "100001.pdf"});
  const CliResult result = RunCli(dir.path(), {"export", "--format", "csv"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.out, StartsWith("member_id,name,received,pages,certificates,decision,reasons,"));
  // Not registered, so the rules find the member unknown; nothing reviewed yet.
  EXPECT_THAT(result.out, HasSubstr("\r\n100001,,2025-01-15,2,0,deficient,unknown_member"));
  EXPECT_THAT(result.out, HasSubstr(",pending,,\r\n"));
}

TEST(ExportCli, RejectsAnUnknownFormatAsBadUsage) {
  TempDir dir;
  EXPECT_EQ(RunCli(dir.path(), {"export", "--format", "xml"}).exit_code, 2);
}

TEST(CoversheetCli, PrintsASheetThatSeparatesTheBatchItIsScannedWith) {
  TempDir dir;
  ASSERT_EQ(RunCli(dir.path(), {"coversheet", "--member", "100001", "--out", "sheet.pdf"}).exit_code, 0);
  const CliResult result = RunCli(dir.path(), {"ingest", "sheet.pdf"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("sheet.pdf: 1 page -> member 100001\n"));
}

TEST(CoversheetCli, RefusesAnInvalidMemberId) {
  TempDir dir;
  const CliResult result = RunCli(dir.path(), {"coversheet", "--member", "12 34"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "error: '12 34' is not a member id (letters, digits and '-', at most 32)\n");
}

TEST(SummaryCli, ListsEachApplicationWithItsMemberName) {
  TempDir dir;
  WriteFile(dir / "members.csv",
            std::string(kRegisterHeader) + "100001,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n");
  WriteScannerPdf(dir / "100001.pdf", {MakePage(100)}, 100);
  RunCli(dir.path(), {"ingest", "--members", "members.csv", "--received", "2025-01-15", "100001.pdf"});
  const CliResult result = RunCli(dir.path(), {"summary"});
  EXPECT_EQ(result.exit_code, 0);
  // A blank page holds no certificate, so the rules find everything missing.
  EXPECT_THAT(result.out,
              HasSubstr("100001  山田 花子  2025-01-15  1      0             deficient "
                        "insufficient_jgets_meetings insufficient_meeting_points missing_equipment_course\n"));
}

TEST(UsersCli, AddsAUserWhosePasswordComesFromStandardInput) {
  TempDir dir;
  const CliResult result = RunCli(dir.path(), {"users", "add", "sato", "--role", "reviewer"}, "long enough\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "users: sato added as reviewer\n");
}

TEST(UsersCli, RefusesAShortPassword) {
  TempDir dir;
  const CliResult result = RunCli(dir.path(), {"users", "add", "sato", "--role", "reviewer"}, "short\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "error: the password must have at least 8 characters\n");
}

TEST(UsersCli, RefusesANameAlreadyTaken) {
  TempDir dir;
  RunCli(dir.path(), {"users", "add", "sato", "--role", "reviewer"}, "long enough\n");
  const CliResult result = RunCli(dir.path(), {"users", "add", "sato", "--role", "admin"}, "long enough\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "error: a user named 'sato' already exists\n");
}

TEST(ServeCli, RefusesADatabaseThatDoesNotExist) {
  TempDir dir;
  const CliResult result = RunCli(dir.path(), {"serve", "--db", "missing.db"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.err, "error: the database missing.db does not exist; run certintake ingest first (or give --db)\n");
}

}  // namespace
}  // namespace certintake::testing
