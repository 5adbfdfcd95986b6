#include "console.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>

namespace certintake::cli {

Console::Console(int total_files)
    : terminal_(::isatty(STDERR_FILENO) == 1), total_files_(total_files), start_(std::chrono::steady_clock::now()) {
}

double Console::ElapsedSeconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Console::ClearBar() {
  if (bar_shown_) {
    fmt::print(stderr, "\r\033[K");
    bar_shown_ = false;
  }
}

void Console::DrawBar() {
  if (!terminal_) {
    return;
  }
  constexpr int kWidth = 24;
  const int filled = total_files_ > 0 ? kWidth * files_done_ / total_files_ : 0;
  const double elapsed = ElapsedSeconds();
  const auto seconds = static_cast<int>(elapsed);
  fmt::print(stderr, "\r\033[K[{}{}] {}/{} files  {} pages  {:02d}:{:02d}  {:.1f} pages/s  {}",
             std::string(static_cast<std::size_t>(filled), '#'),
             std::string(static_cast<std::size_t>(kWidth - filled), '.'), files_done_, total_files_, pages_,
             seconds / 60, seconds % 60, elapsed > 0 ? pages_ / elapsed : 0.0, current_);
  std::fflush(stderr);
  bar_shown_ = true;
}

void Console::Line(const std::string& text) {
  ClearBar();
  fmt::print(stderr, "{}\n", text);
  DrawBar();
}

void Console::FileStarted(const std::filesystem::path& file, int /*page_count*/) {
  current_ = file.filename().string();
  DrawBar();
}

void Console::PageDone() {
  ++pages_;
  DrawBar();
}

void Console::FileDone(const pipeline::FileOutcome& outcome) {
  ++files_done_;
  for (const pipeline::IngestMessage& message : outcome.messages) {
    Line(fmt::format("{}: {}", message.severity == pipeline::IngestMessage::Severity::kError ? "error" : "warning",
                     message.text));
  }
  if (outcome.kind == pipeline::FileOutcome::Kind::kAlreadyIngested) {
    Line(fmt::format("{}: {}", outcome.path.string(), outcome.note));
  } else if (!terminal_ && outcome.kind == pipeline::FileOutcome::Kind::kIngested) {
    std::string to =
        outcome.members.empty() ? "no application" : fmt::format("member {}", fmt::join(outcome.members, ", "));
    if (outcome.unassigned_pages > 0) {
      to += fmt::format("; {} unassigned", outcome.unassigned_pages);
    }
    Line(fmt::format("{}: {} page{} -> {}", outcome.path.string(), outcome.pages, outcome.pages == 1 ? "" : "s", to));
  }
  DrawBar();
}

void Console::FileReread(const std::string& file, const std::optional<std::string>& problem) {
  ++files_done_;
  if (problem) {
    Line("error: " + *problem);
  } else if (!terminal_) {
    Line(fmt::format("{}: re-read", file));
  }
  DrawBar();
}

void Console::Finish() {
  ClearBar();
}

}  // namespace certintake::cli
