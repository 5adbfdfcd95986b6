#include "certintake/coversheet/coversheet.hpp"

#include <gtest/gtest.h>

#include "certintake/core/error.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/separate/separator.hpp"
#include "support/temp_dir.hpp"

namespace certintake::coversheet {
namespace {

using testing::TempDir;

TEST(WriteCoversheet, PrintsASheetWhoseQrCodeReadsBackAsASeparator) {
  TempDir dir;
  WriteCoversheet({.member_id = "123456", .member_name = "山田 花子"}, dir / "sheet.pdf");
  auto reader = load::OpenScan(dir / "sheet.pdf");
  ASSERT_EQ(reader->PageCount(), 1);
  const separate::SeparatorFinding finding = separate::FindSeparator(reader->ReadPage(1));
  EXPECT_EQ(finding.kind, separate::SeparatorFinding::Kind::kSeparator);
  EXPECT_EQ(finding.member_id, "123456");
}

TEST(WriteCoversheet, RefusesAnInvalidMemberId) {
  TempDir dir;
  EXPECT_THROW(WriteCoversheet({.member_id = "12 34", .member_name = std::nullopt}, dir / "sheet.pdf"), Error);
  EXPECT_FALSE(std::filesystem::exists(dir / "sheet.pdf"));
}

}  // namespace
}  // namespace certintake::coversheet
