#include "certintake/core/debug_sink.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace certintake {
namespace {

std::filesystem::path FreshFolder(const char* name) {
  const std::filesystem::path folder = std::filesystem::temp_directory_path() / name;
  std::filesystem::remove_all(folder);
  return folder;
}

TEST(DebugSink, WritesTextUnderTheChildsPrefix) {
  const std::filesystem::path folder = FreshFolder("certintake-debug-sink-test");
  DebugSink(folder).Child("scan_p001").Text("read_piece1", "第50回");
  std::ifstream file(folder / "scan_p001_read_piece1.txt");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), "第50回");
  std::filesystem::remove_all(folder);
}

TEST(DebugSink, WritesNothingWhenMadeWithoutAFolder) {
  const DebugSink sink;
  EXPECT_FALSE(sink.Child("scan_p001").enabled());
  sink.Text("read_piece1", "ignored");  // must not throw or write anywhere
}

}  // namespace
}  // namespace certintake
