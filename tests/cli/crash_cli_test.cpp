// Killing certintake at any moment loses and duplicates nothing. Ingest and audit are killed with
// SIGKILL at random moments (a fixed seed), then run again to the end; afterwards every page is
// stored exactly once (the export equals that of a run never killed), SQLite's integrity check
// passes, and every archived file still matches its SHA-256 name.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <thread>

#include "certintake/core/sha256.hpp"
#include "certintake/store/store.hpp"
#include "cli/run_cli.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const std::vector<std::string> kIngest = {"ingest", "--received", "2025-01-15", "../batch"};
constexpr int kIngestKills = 50;
constexpr int kAuditKills = 10;

/// Four scanner PDFs of two pages (each at its own resolution, so no two files are the same)
/// and one photographed certificate: five files, nine pages.
void WriteBatch(const fs::path& batch) {
  fs::create_directories(batch);
  for (int member = 1; member <= 4; ++member) {
    const double dpi = 100 + 20 * member;
    WriteScannerPdf(batch / fmt::format("10000{}.pdf", member), {MakePage(dpi), MakePage(dpi)}, dpi);
  }
  fs::copy_file(fs::path(CERTINTAKE_SOURCE_DIR) / "samples" / "147199_02.jpg", batch / "147199_02.jpg");
}

/// What a finished ingest must look like, whatever happened before it.
void ExpectWholeAndConsistent(const fs::path& dir, const std::string& expected_export) {
  const CliResult exported = RunCli(dir, {"export"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, expected_export);
  const store::Store store = store::Store::Open(dir / "certintake.db");
  EXPECT_EQ(store.IntegrityCheck(), "ok");
  EXPECT_EQ(store.ListFiles().size(), 5U);
  int archived = 0;
  const std::regex final_name("[0-9a-f]{64}");
  for (const auto& entry : fs::recursive_directory_iterator(dir / "certintake.db.archive")) {
    if (!entry.is_regular_file() || !std::regex_match(entry.path().filename().string(), final_name)) continue;
    EXPECT_EQ(Sha256OfFile(entry.path()), entry.path().filename().string()) << entry.path();
    ++archived;
  }
  EXPECT_EQ(archived, 5);
}

class CrashCli : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteBatch(dir_ / "batch");
    fs::create_directories(dir_ / "clean");
    const Clock::time_point start = Clock::now();
    const CliResult ingested = RunCli(dir_ / "clean", kIngest);
    full_run_ = Clock::now() - start;
    ASSERT_EQ(ingested.exit_code, 0) << ingested.err;
    const CliResult exported = RunCli(dir_ / "clean", {"export"});
    ASSERT_EQ(exported.exit_code, 0);
    clean_export_ = exported.out;
  }

  /// Starts `arguments` in `dir` and kills it after a random share (up to half) of an
  /// uninterrupted run's time. True when the kill landed; false when the run ended first.
  bool KillOnce(const fs::path& dir, const std::vector<std::string>& arguments) {
    const pid_t pid = StartCli(dir, arguments);
    std::uniform_real_distribution<double> share(0.0, 0.5);
    std::this_thread::sleep_for(std::chrono::duration_cast<Clock::duration>(full_run_ * share(random_)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  }

  TempDir dir_;
  Clock::duration full_run_{};
  std::string clean_export_;
  std::mt19937 random_{20261125};
};

TEST_F(CrashCli, AnIngestKilledAtRandomMomentsStoresEveryPageExactlyOnce) {
  int kills = 0;
  int rounds = 0;
  while (kills < kIngestKills) {
    // A round: a fresh database, killed again and again until a run gets to the end by itself.
    const fs::path round = dir_ / fmt::format("round{}", ++rounds);
    fs::create_directories(round);
    while (kills < kIngestKills && KillOnce(round, kIngest)) ++kills;
    const CliResult finished = RunCli(round, kIngest);
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
    ExpectWholeAndConsistent(round, clean_export_);
    ASSERT_LT(rounds, 40) << "the kills never landed: is the ingest too fast to kill?";
  }
  RecordProperty("kills", kills);
  RecordProperty("rounds", rounds);
  EXPECT_GE(kills, kIngestKills);
}

TEST_F(CrashCli, AnAuditKilledAtRandomMomentsResumesToTheSameReport) {
  const CliResult clean_audit = RunCli(dir_ / "clean", {"audit", "--report-dir", "reports"});
  ASSERT_EQ(clean_audit.exit_code, 0) << clean_audit.err;
  const fs::path killed = dir_ / "killed";
  fs::copy(dir_ / "clean", killed, fs::copy_options::recursive);
  fs::remove_all(killed / "reports");
  // The audit run in the copy is run 3 (run 2 is the clean audit, copied with the database); each
  // run after a kill resumes it, until one gets to the end by itself or the kills are spent.
  int kills = 0;
  bool ended_by_itself = false;
  while (kills < kAuditKills && !ended_by_itself) {
    if (KillOnce(killed, {"audit", "--report-dir", "reports"})) {
      ++kills;
    } else {
      ended_by_itself = true;
    }
  }
  RecordProperty("kills", kills);
  EXPECT_GE(kills, 1);
  if (!ended_by_itself) {
    const CliResult finished = RunCli(killed, {"audit", "--report-dir", "reports"});
    ASSERT_EQ(finished.exit_code, 0) << finished.err;
  }
  const auto report = [](const fs::path& file) { return nlohmann::json::parse(ReadFile(file)); };
  const nlohmann::json clean = report(dir_ / "clean" / "reports" / "audit-2.json");
  const nlohmann::json resumed = report(killed / "reports" / "audit-3.json");
  EXPECT_EQ(clean["applications"], resumed["applications"]);
  EXPECT_EQ(clean["summary"], resumed["summary"]);
  EXPECT_EQ(store::Store::Open(killed / "certintake.db").IntegrityCheck(), "ok");
}

}  // namespace
}  // namespace certintake::testing
