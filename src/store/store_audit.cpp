// The audit's part of the store: which archived files an audit run has re-read, and what it saw
// of each page. Its certificates and verdicts live in the common tables under its run id.

#include <fmt/format.h>

#include "certintake/store/store.hpp"
#include "sqlite.hpp"

namespace certintake::store {

using sqlite::Statement;

std::optional<RunId> Store::FindUnfinishedAudit(const std::string& filter_json, const RunVersions& versions) const {
  Statement query(db_,
                  "SELECT id FROM runs WHERE kind = 'audit' AND status <> 'finished' AND filter_json = ? "
                  "AND pipeline_version = ? AND catalog_sha256 = ? AND ocr_version = ? AND config_sha256 = ? "
                  "ORDER BY id DESC LIMIT 1");
  query.Bind(1, filter_json)
      .Bind(2, versions.pipeline)
      .Bind(3, versions.catalog_sha256)
      .Bind(4, versions.ocr)
      .Bind(5, versions.config_sha256);
  if (!query.Step()) return std::nullopt;
  return query.Int(0);
}

void Store::AddAuditFile(RunId run, FileId file, const std::string& outcome,
                         const std::optional<std::string>& message) {
  Statement(db_, "INSERT INTO audit_files (run_id, file_id, outcome, message) VALUES (?, ?, ?, ?)")
      .Bind(1, run)
      .Bind(2, file)
      .Bind(3, outcome)
      .Bind(4, message)
      .Run();
}

std::vector<AuditFileRecord> Store::ListAuditFiles(RunId run) const {
  Statement query(db_,
                  "SELECT a.file_id, f.name, a.outcome, a.message FROM audit_files a JOIN files f ON f.id = a.file_id "
                  "WHERE a.run_id = ? ORDER BY a.file_id");
  query.Bind(1, run);
  std::vector<AuditFileRecord> files;
  while (query.Step()) {
    files.push_back(AuditFileRecord{.file_id = query.Int(0),
                                    .file_name = query.Text(1),
                                    .outcome = query.Text(2),
                                    .message = query.OptionalText(3)});
  }
  return files;
}

void Store::AddAuditPage(RunId run, const AuditPageRecord& page) {
  Statement(db_, "INSERT INTO audit_pages (run_id, page_id, role, rotation, error) VALUES (?, ?, ?, ?, ?)")
      .Bind(1, run)
      .Bind(2, page.page_id)
      .Bind(3, page.role)
      .Bind(4, page.rotation_degrees)
      .Bind(5, page.error)
      .Run();
}

std::vector<AuditPageRecord> Store::ListAuditPages(RunId run) const {
  Statement query(db_, "SELECT page_id, role, rotation, error FROM audit_pages WHERE run_id = ? ORDER BY page_id");
  query.Bind(1, run);
  std::vector<AuditPageRecord> pages;
  while (query.Step()) {
    AuditPageRecord page;
    page.page_id = query.Int(0);
    page.role = query.Text(1);
    if (auto rotation = query.OptionalInt(2)) page.rotation_degrees = static_cast<int>(*rotation);
    page.error = query.OptionalText(3);
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace certintake::store
