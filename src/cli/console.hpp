#pragma once

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include "certintake/pipeline/ingest.hpp"

namespace certintake::cli {

/// Writes messages to stderr and, when stderr is a terminal, keeps a one-line progress bar
/// below them (files, pages, elapsed time, rate). Without a terminal it prints one line per file.
class Console final : public pipeline::IngestObserver {
 public:
  explicit Console(int total_files);

  void Line(const std::string& text);  ///< a message line, above the progress bar
  void FileStarted(const std::filesystem::path& file, int page_count) override;
  void PageDone() override;
  void FileDone(const pipeline::FileOutcome& outcome) override;
  /// An audit re-read one file: its problem, or (without a terminal) one line saying so.
  void FileReread(const std::string& file, const std::optional<std::string>& problem);
  void SetTotalFiles(int total_files) { total_files_ = total_files; }
  void Finish();

  [[nodiscard]] int pages() const { return pages_; }
  [[nodiscard]] double ElapsedSeconds() const;

 private:
  void DrawBar();
  void ClearBar();

  bool terminal_;
  int total_files_;
  int files_done_ = 0;
  int pages_ = 0;
  std::string current_;
  std::chrono::steady_clock::time_point start_;
  bool bar_shown_ = false;
};

}  // namespace certintake::cli
