#pragma once

// `certintake audit`: re-reads archived originals with today's pipeline and rules into a run of its
// own, never touching what is stored (README: "Audits"). The report compares the two.

#include <filesystem>
#include <functional>
#include <string>

#include "certintake/archive/archive.hpp"
#include "certintake/pipeline/process_page.hpp"
#include "certintake/store/store.hpp"

namespace certintake::audit {

/// Which applications an audit covers: received in [since, until] (either may be empty), of one
/// member or all.
struct AuditFilter {
  std::string since;
  std::string until;
  std::string member;

  [[nodiscard]] bool Covers(const store::ApplicationRecord& application) const;
  [[nodiscard]] std::string Json() const;  ///< as recorded with the run
};

struct AuditOptions {
  AuditFilter filter;
  int stop_after_files = 0;  ///< > 0: stop (as if interrupted) after re-reading this many files
  /// Called with the run once every original is re-read and every verdict stored, inside the
  /// transaction that marks the run finished (the CLI writes the report then). A run is never
  /// finished without it: killed before the commit, the run is resumed and this is called again.
  std::function<void(store::RunId)> on_finishing;
};

/// Told about progress (the CLI draws a progress bar from it).
class AuditObserver {
 public:
  virtual ~AuditObserver() = default;
  virtual void AuditStarted(int /*files_to_read*/) {}
  virtual void FileStarted(const std::string& /*file*/, int /*page_count*/) {}
  virtual void PageDone() {}
  virtual void FileDone(const store::AuditFileRecord& /*outcome*/) {}
};

struct AuditSummary {
  store::RunId run = 0;
  bool resumed = false;   ///< an interrupted audit with the same filter and versions went on
  int files = 0;          ///< files the covered applications came in
  int already_done = 0;   ///< re-read before an interruption
  int problems = 0;       ///< missing, altered or unreadable originals
  bool finished = false;  ///< false: stopped early; running it again resumes
};

/// Re-reads every original the covered applications came in, verifying its SHA-256 first (a
/// missing or altered original is recorded and reported, never skipped silently), and decides
/// each covered application on what it reads. One transaction per file, so an interrupted audit
/// resumes where it stopped. Throws Error(kDatabase) when the database cannot be written.
AuditSummary RunAudit(store::Store& store, const archive::Archive& archive, pipeline::Services& services,
                      const AuditOptions& options, AuditObserver& observer);

}  // namespace certintake::audit
