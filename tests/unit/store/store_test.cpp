#include "certintake/store/store.hpp"

#include <gtest/gtest.h>

#include "certintake/core/error.hpp"
#include "support/temp_dir.hpp"

namespace certintake::store {
namespace {

using testing::TempDir;

FileRecord File(const std::string& sha256, const std::string& name) {
  FileRecord file;
  file.sha256 = sha256;
  file.name = name;
  file.source_path = "/scans/" + name;
  file.size_bytes = 10;
  file.format = "PDF";
  file.received = "2025-01-15";
  return file;
}

PageRecord Page(FileId file, int index, std::optional<ApplicationId> application) {
  PageRecord page;
  page.file_id = file;
  page.index = index;
  page.application_id = application;
  return page;
}

TEST(Store, CreatesTheSchemaInANewFile) {
  TempDir dir;
  EXPECT_EQ(Store::Open(dir / "c.db").SchemaVersion(), 4);
}

TEST(Store, ReopensAnExistingDatabaseWithoutMigratingAgain) {
  TempDir dir;
  {
    Store store = Store::Open(dir / "c.db");
    store.UpsertMember({"1", "山田 花子", "ヤマダ ハナコ", "2020-04-01", "2025-03-31", true});
  }
  Store store = Store::Open(dir / "c.db");
  EXPECT_EQ(store.SchemaVersion(), 4);
  EXPECT_TRUE(store.FindMember("1"));
}

TEST(Store, ReportsAnUnopenableDatabaseAsADatabaseError) {
  TempDir dir;
  try {
    Store::Open(dir / "no-such-folder" / "c.db");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kDatabase);
  }
}

TEST(Store, FindsAFileByItsHash) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  const RunId run = store.BeginRun(
      "ingest", {.pipeline = "test", .catalog = "", .catalog_sha256 = "", .ocr = "", .config_sha256 = ""});
  store.AddFile(File("abc", "batch.pdf"), run);
  ASSERT_TRUE(store.FindFile("abc"));
  EXPECT_EQ(store.FindFile("abc")->name, "batch.pdf");
  EXPECT_FALSE(store.FindFile("def"));
}

TEST(Store, KeepsOneApplicationPerMemberAndReceivedDate) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  const RunId run = store.BeginRun(
      "ingest", {.pipeline = "test", .catalog = "", .catalog_sha256 = "", .ocr = "", .config_sha256 = ""});
  const ApplicationId first = store.FindOrAddApplication("123456", "2025-01-15", run);
  EXPECT_EQ(store.FindOrAddApplication("123456", "2025-01-15", run), first);
  EXPECT_NE(store.FindOrAddApplication("123456", "2025-02-01", run), first);
}

TEST(Store, ListsApplicationsWithTheirPagesAndKeepsUnassignedPagesApart) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  const RunId run = store.BeginRun(
      "ingest", {.pipeline = "test", .catalog = "", .catalog_sha256 = "", .ocr = "", .config_sha256 = ""});
  const FileId file = store.AddFile(File("abc", "batch.pdf"), run);
  const ApplicationId application = store.FindOrAddApplication("123456", "2025-01-15", run);
  store.AddPage(Page(file, 1, std::nullopt));
  store.AddPage(Page(file, 2, application));
  store.AddPage(Page(file, 3, application));

  const auto applications = store.ListApplications();
  ASSERT_EQ(applications.size(), 1U);
  ASSERT_EQ(applications[0].pages.size(), 2U);
  EXPECT_EQ(applications[0].pages[0].index, 2);
  EXPECT_EQ(applications[0].pages[0].file_name, "batch.pdf");
  const auto unassigned = store.ListUnassignedPages();
  ASSERT_EQ(unassigned.size(), 1U);
  EXPECT_EQ(unassigned[0].index, 1);
}

TEST(Store, RollsBackAnUncommittedTransaction) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  const RunId run = store.BeginRun(
      "ingest", {.pipeline = "test", .catalog = "", .catalog_sha256 = "", .ocr = "", .config_sha256 = ""});
  {
    Store::Transaction transaction(store);
    store.AddFile(File("abc", "batch.pdf"), run);
  }
  EXPECT_FALSE(store.FindFile("abc"));
}

TEST(Store, RefusesAPageOfAnUnknownFile) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  EXPECT_THROW(store.AddPage(Page(999, 1, std::nullopt)), Error);
}

TEST(Store, UpdatesAMemberImportedAgain) {
  TempDir dir;
  Store store = Store::Open(dir / "c.db");
  store.UpsertMember({"1", "山田 花子", "ヤマダ ハナコ", "2020-04-01", "2025-03-31", false});
  store.UpsertMember({"1", "山田 花子", "ヤマダ ハナコ", "2020-04-01", "2026-03-31", true});
  const auto member = store.FindMember("1");
  ASSERT_TRUE(member);
  EXPECT_EQ(member->cert_end, "2026-03-31");
  EXPECT_TRUE(member->fees_paid);
}

}  // namespace
}  // namespace certintake::store
