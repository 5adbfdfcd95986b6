#include "certintake/archive/archive.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "certintake/core/error.hpp"
#include "certintake/core/sha256.hpp"
#include "support/temp_dir.hpp"

namespace certintake::archive {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

TEST(Sha256OfFile, MatchesTheKnownDigestOfAbc) {
  TempDir dir;
  WriteFile(dir / "abc", "abc");
  EXPECT_EQ(certintake::Sha256OfFile(dir / "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ArchiveStore, KeepsAByteForByteCopyUnderItsHash) {
  TempDir dir;
  WriteFile(dir / "scan.pdf", "%PDF-1.4 some bytes");
  const Archive archive(dir / "archive");
  const ArchivedFile stored = archive.Store(dir / "scan.pdf");
  EXPECT_FALSE(stored.was_already_archived);
  EXPECT_EQ(stored.path, dir / "archive" / stored.sha256.substr(0, 2) / stored.sha256);
  EXPECT_EQ(ReadFile(stored.path), "%PDF-1.4 some bytes");
  EXPECT_EQ(stored.size, 19U);
}

TEST(ArchiveStore, MakesTheCopyReadOnly) {
  TempDir dir;
  WriteFile(dir / "scan.pdf", "content");
  const ArchivedFile stored = Archive(dir / "archive").Store(dir / "scan.pdf");
  struct stat info {};
  ASSERT_EQ(::stat(stored.path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0444U);
}

TEST(ArchiveStore, RecognisesContentAlreadyArchivedUnderAnotherName) {
  TempDir dir;
  WriteFile(dir / "a.pdf", "same");
  WriteFile(dir / "b.pdf", "same");
  const Archive archive(dir / "archive");
  archive.Store(dir / "a.pdf");
  EXPECT_TRUE(archive.Store(dir / "b.pdf").was_already_archived);
}

TEST(ArchiveStore, LeavesNoTemporaryCopyBehind) {
  TempDir dir;
  WriteFile(dir / "a.pdf", "x");
  const Archive archive(dir / "archive");
  archive.Store(dir / "a.pdf");
  archive.Store(dir / "a.pdf");
  EXPECT_TRUE(std::filesystem::is_empty(dir / "archive" / "incoming"));
}

TEST(ArchiveStore, ReportsAnUnreadableSourceAsAnInputError) {
  TempDir dir;
  try {
    Archive(dir / "archive").Store(dir / "missing.pdf");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kInput);
    EXPECT_STREQ(error.what(), "cannot read the file: No such file or directory");
  }
}

TEST(ArchiveVerify, DetectsAnAlteredCopy) {
  TempDir dir;
  WriteFile(dir / "a.pdf", "original");
  const Archive archive(dir / "archive");
  const ArchivedFile stored = archive.Store(dir / "a.pdf");
  EXPECT_TRUE(archive.Verify(stored.sha256));
  std::filesystem::permissions(stored.path, std::filesystem::perms::owner_write, std::filesystem::perm_options::add);
  WriteFile(stored.path, "tampered");
  EXPECT_FALSE(archive.Verify(stored.sha256));
}

}  // namespace
}  // namespace certintake::archive
