// certintake ingest, as a clerk runs it: which files go in, what is said, what is stored.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "certintake/store/store.hpp"
#include "cli/run_cli.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class IngestCli : public ::testing::Test {
 protected:
  CliResult Ingest(std::vector<std::string> inputs) {
    std::vector<std::string> arguments = {"ingest", "--received", "2025-01-15"};
    arguments.insert(arguments.end(), inputs.begin(), inputs.end());
    return RunCli(dir_.path(), arguments);
  }

  nlohmann::json Export() {
    const CliResult result = RunCli(dir_.path(), {"export"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  /// Page counts per member, from the export.
  std::map<std::string, std::size_t> PagesPerMember() {
    std::map<std::string, std::size_t> pages;
    const nlohmann::json results = Export();
    for (const auto& application : results["applications"]) {
      pages[application["member_id"]] = application["pages"].size();
    }
    return pages;
  }

  void Scan(const std::string& name, const std::vector<cv::Mat>& pages) { WriteScannerPdf(dir_ / name, pages, 100); }

  static cv::Mat Separator(const std::string& member) { return MakeQrPage("certintake:member:" + member, 100); }
  static cv::Mat Blank() { return MakePage(100); }

  TempDir dir_;
};

TEST(IngestCliWorkers, StoreTheSameWhateverTheirNumber) {
  const auto ingest_and_export = [](const std::string& jobs) {
    TempDir dir;
    for (const char* sample : {"154068.pdf", "154068_back.pdf"}) {
      std::filesystem::copy_file(std::filesystem::path(CERTINTAKE_SOURCE_DIR) / "samples" / sample, dir / sample);
    }
    const CliResult ingest =
        RunCli(dir.path(), {"ingest", "--received", "2025-01-15", "--jobs", jobs, "154068.pdf", "154068_back.pdf"});
    EXPECT_EQ(ingest.exit_code, 0) << ingest.err;
    return RunCli(dir.path(), {"export"}).out;
  };
  const std::string one_worker = ingest_and_export("1");
  EXPECT_THAT(one_worker, HasSubstr("certificate_sheet"));
  EXPECT_EQ(ingest_and_export("2"), one_worker);
}

TEST_F(IngestCli, ReportsACorruptPdfAndGoesOnWithTheRestOfTheBatch) {
  WriteFile(dir_ / "a-corrupt.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage\n");
  Scan("123456.pdf", {Blank()});
  const CliResult result = Ingest({"a-corrupt.pdf", "123456.pdf"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: a-corrupt.pdf: not a readable PDF: "));
  EXPECT_THAT(result.err, HasSubstr("123456.pdf: 1 page -> member 123456\n"));
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"123456", 1}}));
}

TEST_F(IngestCli, ReportsATruncatedTiff) {
  WriteTiff(dir_ / "full.tif", {Blank(), Blank()}, 100);
  const std::string bytes = ReadFile(dir_ / "full.tif");
  WriteFile(dir_ / "cut.tif", bytes.substr(0, bytes.size() / 3));
  const CliResult result = Ingest({"cut.tif"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: cut.tif: "));
}

TEST_F(IngestCli, ReportsAnEmptyFile) {
  WriteFile(dir_ / "empty.pdf", "");
  const CliResult result = Ingest({"empty.pdf"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("error: empty.pdf: empty file (0 bytes): nothing was scanned into it; scan the pages again\n"));
}

TEST_F(IngestCli, ReportsAnUnsupportedFileType) {
  WriteFile(dir_ / "notes.txt", "call the member back");
  const CliResult result = Ingest({"notes.txt"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("error: notes.txt: unsupported file type '.txt': certintake reads PDF, TIFF, PNG and JPEG "
                        "scans\n"));
}

TEST_F(IngestCli, ArchivesAFailedFileAndListsItsProblemForStaff) {
  WriteFile(dir_ / "notes.txt", "call the member back");
  Ingest({"notes.txt"});
  EXPECT_EQ(std::distance(std::filesystem::recursive_directory_iterator(dir_ / "certintake.db.archive"),
                          std::filesystem::recursive_directory_iterator()),
            3);  // incoming/, one fan-out folder, the file
  EXPECT_THAT(RunCli(dir_.path(), {"summary"}).out,
              HasSubstr("  notes.txt: unsupported file type '.txt': certintake reads PDF, TIFF, PNG and JPEG scans\n"));
}

TEST_F(IngestCli, SaysSoAndAddsNothingWhenTheSameFileIsFedAgain) {
  Scan("123456.pdf", {Blank(), Blank()});
  ASSERT_EQ(Ingest({"123456.pdf"}).exit_code, 0);
  std::filesystem::copy_file(dir_ / "123456.pdf", dir_ / "123456_again.pdf");
  const CliResult again = Ingest({"123456.pdf", "123456_again.pdf"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.err, HasSubstr("123456.pdf: already ingested as 123456.pdf (received 2025-01-15); skipped\n"));
  EXPECT_THAT(again.err,
              HasSubstr("123456_again.pdf: already ingested as 123456.pdf (received 2025-01-15); skipped\n"));
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"123456", 2}}));
}

TEST_F(IngestCli, StartsANewApplicationAtEachSeparatorSheet) {
  Scan("batch.pdf", {Separator("100001"), Blank(), Separator("100002"), Blank(), Blank()});
  const CliResult result = Ingest({"batch.pdf"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"100001", 2}, {"100002", 3}}));
  EXPECT_EQ(Export()["applications"][0]["pages"][0]["role"], "separator");
}

TEST_F(IngestCli, GivesPagesBeforeTheFirstSeparatorToTheMemberInTheFileName) {
  Scan("100009_batch.pdf", {Blank(), Separator("100001"), Blank()});
  Ingest({"100009_batch.pdf"});
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"100001", 2}, {"100009", 1}}));
}

TEST_F(IngestCli, KeepsPagesBeforeTheFirstSeparatorUnassignedWhenTheFileNameGivesNoMember) {
  Scan("scan.pdf", {Blank(), Separator("100001"), Blank()});
  const CliResult result = Ingest({"scan.pdf"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.err, HasSubstr("scan.pdf: 3 pages -> member 100001; 1 unassigned\n"));
  const auto unassigned = Export()["unassigned_pages"];
  ASSERT_EQ(unassigned.size(), 1U);
  EXPECT_EQ(unassigned[0]["file"], "scan.pdf");
  EXPECT_EQ(unassigned[0]["index"], 1);
}

TEST_F(IngestCli, WarnsAboutAQrCodeWithAWrongPayloadAndKeepsThePage) {
  Scan("100001.pdf", {Blank(), MakeQrPage("certintake:member:", 100)});
  const CliResult result = Ingest({"100001.pdf"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THAT(result.err,
              HasSubstr("warning: 100001.pdf: page 2: QR code 'certintake:member:' is not a valid separator (expected "
                        "certintake:member:<member id>); the page stays with the application before it\n"));
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"100001", 2}}));
}

TEST_F(IngestCli, ReadsFoldersRecursivelyAndSkipsHiddenFiles) {
  std::filesystem::create_directories(dir_ / "scans" / "monday");
  WriteScannerPdf(dir_ / "scans" / "monday" / "100001.pdf", {Blank()}, 100);
  WriteFile(dir_ / "scans" / ".DS_Store", "junk");
  const CliResult result = Ingest({"scans"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, Not(HasSubstr("DS_Store")));
  EXPECT_EQ(PagesPerMember(), (std::map<std::string, std::size_t>{{"100001", 1}}));
}

TEST_F(IngestCli, ImportsTheGoodRowsOfAMembersCsvAndReportsTheBadOnes) {
  WriteFile(dir_ / "members.csv",
            "member_id,name,name_kana,cert_start,cert_end,fees_paid\n"
            "100001,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n"
            "100002,佐藤 太郎,サトウ タロウ,2020-04-01,2025-02-30,true\n");
  Scan("100001.pdf", {Blank()});
  const CliResult result = RunCli(dir_.path(), {"ingest", "--members", "members.csv", "100001.pdf"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err,
              HasSubstr("error: members.csv:3: cert_end '2025-02-30' is not a valid date (YYYY-MM-DD); row skipped\n"));
  EXPECT_EQ(Export()["applications"][0]["member_name"], "山田 花子");
}

TEST_F(IngestCli, RejectsAnInvalidReceivedDateAsBadUsage) {
  Scan("100001.pdf", {Blank()});
  const CliResult result = RunCli(dir_.path(), {"ingest", "--received", "2025-02-30", "100001.pdf"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "error: --received '2025-02-30' is not a valid date (YYYY-MM-DD)\n");
}

TEST_F(IngestCli, ReportsAMissingInputAndGoesOn) {
  Scan("100001.pdf", {Blank()});
  const CliResult result = Ingest({"missing.pdf", "100001.pdf"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: missing.pdf: no such file or folder\n"));
  EXPECT_EQ(PagesPerMember().size(), 1U);
}

TEST_F(IngestCli, EndsWithASummaryOfTheBatch) {
  Scan("batch.pdf", {Separator("100001"), Blank(), Separator("100002"), Blank()});
  WriteFile(dir_ / "empty.pdf", "");
  const CliResult result = Ingest({"batch.pdf", "empty.pdf"});
  EXPECT_THAT(result.err, HasSubstr("ingest: 2 files (1 ingested, 0 already ingested, 1 with errors), 4 pages, "
                                    "2 applications, 0 unassigned pages, "));
}

TEST_F(IngestCli, DrawsAProgressBarOnATerminal) {
  Scan("100001.pdf", {Blank(), Blank()});
  // script(1) gives the command a pseudo-terminal, as a clerk's console would.
  const CliResult result = RunCli(dir_.path(), {"--via-terminal", "ingest", "100001.pdf"});
  EXPECT_EQ(result.exit_code, 0) << result.out;
  EXPECT_THAT(result.out, HasSubstr("] 1/1 files  2 pages  00:0"));
  EXPECT_THAT(result.out, HasSubstr("pages/s"));
  EXPECT_THAT(result.out, Not(HasSubstr("100001.pdf: 2 pages -> member 100001")));
}

TEST_F(IngestCli, WaitsForAnotherWriterThenSaysTheDatabaseIsLockedAndChangesNothing) {
  WriteScannerPdf(dir_ / "100001.pdf", {MakePage(100)}, 100);
  WriteScannerPdf(dir_ / "100002.pdf", {MakePage(120)}, 120);
  ASSERT_EQ(Ingest({"100001.pdf"}).exit_code, 0);
  {
    // Another process's write, held while the ingest runs.
    store::Store other = store::Store::Open(dir_ / "certintake.db");
    const store::Store::Transaction held(other);
    const CliResult locked = Ingest({"100002.pdf"});
    EXPECT_EQ(locked.exit_code, 3);
    EXPECT_THAT(locked.err, HasSubstr("certintake.db: the database is locked: another process (an ingest, an audit or "
                                      "serve) kept it busy for 10 s; nothing was changed"));
  }
  EXPECT_EQ(Ingest({"100002.pdf"}).exit_code, 0);
  const store::Store store = store::Store::Open(dir_ / "certintake.db");
  EXPECT_EQ(store.IntegrityCheck(), "ok");
  EXPECT_EQ(store.ListFiles().size(), 2U);
}

}  // namespace
}  // namespace certintake::testing
