// A full disk stops an ingest with one line and loses nothing: what was committed stays, nothing
// half-written passes for stored, and the same command finishes the batch once there is space
// again. The database (or the archive) lives on a small tmpfs the test mounts and later enlarges;
// mounting needs root, as CI runs.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <opencv2/core.hpp>
#include <regex>
#include <string>
#include <vector>

#include "certintake/core/sha256.hpp"
#include "certintake/store/store.hpp"
#include "cli/run_cli.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

constexpr int kFiles = 6;

/// A tmpfs of a given size, mounted for the life of the object.
class SmallDisk {
 public:
  SmallDisk(fs::path at, std::uintmax_t bytes) : at_(std::move(at)) {
    fs::create_directories(at_);
    if (::mount("tmpfs", at_.c_str(), "tmpfs", 0, fmt::format("size={}", bytes).c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  ~SmallDisk() {
    if (mounted_) ::umount2(at_.c_str(), MNT_DETACH);
  }

  [[nodiscard]] bool mounted() const { return mounted_; }
  [[nodiscard]] const std::string& error() const { return error_; }

  /// Space returns: the same files, a larger disk.
  void Grow(std::uintmax_t bytes) const {
    ASSERT_EQ(::mount("tmpfs", at_.c_str(), "tmpfs", MS_REMOUNT, fmt::format("size={}", bytes).c_str()), 0)
        << std::strerror(errno);
  }

 private:
  fs::path at_;
  bool mounted_ = false;
  std::string error_;
};

/// Six one-page scans of about 100 KB each: a page with a patch of scanner noise that no
/// compression shrinks, so the archive fills in a known number of files.
std::vector<std::string> WriteBatch(const fs::path& batch) {
  fs::create_directories(batch);
  std::vector<std::string> names;
  cv::RNG random(20261206);
  for (int n = 1; n <= kFiles; ++n) {
    cv::Mat page = MakePage(100);
    cv::Mat noise(320, 320, CV_8UC1);
    random.fill(noise, cv::RNG::UNIFORM, 225, 256);
    noise.copyTo(page(cv::Rect(page.cols - 400, page.rows - 400, noise.cols, noise.rows)));
    names.push_back(fmt::format("10000{}.pdf", n));
    WriteScannerPdf(batch / names.back(), {page}, 100);
  }
  return names;
}

std::uintmax_t SizeOf(const fs::path& dir) {
  std::uintmax_t size = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) size += entry.file_size();
  }
  return size;
}

class FullDiskCli : public ::testing::Test {
 protected:
  void SetUp() override {
    names_ = WriteBatch(dir_ / "batch");
    fs::create_directories(dir_ / "clean");
    ASSERT_EQ(RunCli(dir_ / "clean", Ingest("certintake.db")).exit_code, 0);
    const CliResult exported = RunCli(dir_ / "clean", {"export"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    clean_export_ = exported.out;
  }

  std::vector<std::string> Ingest(const std::string& db, const std::vector<std::string>& more = {}) const {
    std::vector<std::string> arguments = {"ingest", "--db", db, "--received", "2025-01-15"};
    arguments.insert(arguments.end(), more.begin(), more.end());
    for (const std::string& name : names_) arguments.push_back((dir_ / "batch" / name).string());
    return arguments;
  }

  /// The one line a stopped ingest says: which file it stopped at, why, and how far it got.
  static void ExpectOneLineNamingTheFileWhereItStopped(const CliResult& stopped, const std::string& cause) {
    EXPECT_EQ(stopped.exit_code, 3) << stopped.err;
    const std::regex error_line("(^|\n)error: [^\n]*");
    const auto errors =
        std::distance(std::sregex_iterator(stopped.err.begin(), stopped.err.end(), error_line), std::sregex_iterator());
    EXPECT_EQ(errors, 1) << stopped.err;
    EXPECT_THAT(stopped.err, HasSubstr(cause));
    EXPECT_THAT(stopped.err, MatchesRegex(fmt::format("(.|\n)*\nerror: [^\n]*/10000[1-6]\\.pdf: [^\n]*; "
                                                      "stopped at this file \\([1-5] of {} files done\\)\n",
                                                      kFiles)));
  }

  /// After the rerun: every file stored once, as a run on an empty disk stores it.
  void ExpectWholeAndConsistent(const fs::path& db, const fs::path& archive) const {
    const CliResult exported = RunCli(dir_.path(), {"export", "--db", db.string()});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_EQ(exported.out, clean_export_);
    const store::Store store = store::Store::Open(db);
    EXPECT_EQ(store.IntegrityCheck(), "ok");
    EXPECT_EQ(store.ListFiles().size(), static_cast<std::size_t>(kFiles));
    int archived = 0;
    for (const auto& entry : fs::recursive_directory_iterator(archive)) {
      if (!entry.is_regular_file()) continue;
      EXPECT_EQ(entry.path().parent_path().filename(), entry.path().filename().string().substr(0, 2))
          << "only originals under their SHA-256 remain: " << entry.path();
      EXPECT_EQ(Sha256OfFile(entry.path()), entry.path().filename().string()) << entry.path();
      ++archived;
    }
    EXPECT_EQ(archived, kFiles);
  }

  TempDir dir_;
  std::vector<std::string> names_;
  std::string clean_export_;
};

TEST_F(FullDiskCli, AFullArchiveDiskStopsTheIngestWithOneLineAndTheSameCommandFinishesItLater) {
  // Room for the database and about half of the scans.
  const std::uintmax_t scans = SizeOf(dir_ / "clean" / "certintake.db.archive");
  const SmallDisk disk(dir_ / "small", fs::file_size(dir_ / "clean" / "certintake.db") + 256 * 1024 + scans / 2);
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs (run as root): " << disk.error();
  const std::vector<std::string> ingest = Ingest("small/certintake.db");

  const CliResult stopped = RunCli(dir_.path(), ingest);

  ExpectOneLineNamingTheFileWhereItStopped(stopped,
                                           "cannot write to the archive small/certintake.db.archive: No "
                                           "space left on device; free some disk space and run the command "
                                           "again (nothing already stored is lost)");
  const std::size_t kept = store::Store::Open(dir_ / "small" / "certintake.db").ListFiles().size();
  EXPECT_GE(kept, 1U);
  EXPECT_LT(kept, static_cast<std::size_t>(kFiles));

  disk.Grow(64 * 1024 * 1024);
  const CliResult resumed = RunCli(dir_.path(), ingest);

  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err,
              HasSubstr(fmt::format("({} ingested, {} already ingested, 0 with errors)", kFiles - kept, kept)));
  ExpectWholeAndConsistent(dir_ / "small" / "certintake.db", dir_ / "small" / "certintake.db.archive");
}

TEST_F(FullDiskCli, AFullDatabaseDiskStopsTheIngestWithOneLineAndTheSameCommandFinishesItLater) {
  // The archive elsewhere. While an ingest runs, SQLite's write-ahead log holds every file's
  // changes (it is folded into the database when the command ends), so a disk twice the size of
  // the finished database fills part-way through the batch.
  const SmallDisk disk(dir_ / "small", 2 * fs::file_size(dir_ / "clean" / "certintake.db"));
  if (!disk.mounted()) GTEST_SKIP() << "cannot mount a tmpfs (run as root): " << disk.error();
  const std::vector<std::string> ingest = Ingest("small/certintake.db", {"--archive", "archive"});

  const CliResult stopped = RunCli(dir_.path(), ingest);

  ExpectOneLineNamingTheFileWhereItStopped(stopped,
                                           "small/certintake.db: cannot write the database: the disk is "
                                           "full; free some disk space and run the command again "
                                           "(nothing already stored is lost)");

  disk.Grow(64 * 1024 * 1024);
  const CliResult resumed = RunCli(dir_.path(), ingest);

  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  ExpectWholeAndConsistent(dir_ / "small" / "certintake.db", dir_ / "archive");
}

}  // namespace
}  // namespace certintake::testing
