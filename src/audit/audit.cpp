#include "certintake/audit/audit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "certintake/core/error.hpp"
#include "certintake/core/version.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/pipeline/ingest.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/separate/separator.hpp"

namespace certintake::audit {
namespace {

/// One file the covered applications came in.
struct ArchivedOriginal {
  store::FileId id = 0;
  std::string name;
  std::string sha256;
};

std::vector<ArchivedOriginal> OriginalsOf(const std::vector<store::ApplicationRecord>& applications) {
  std::map<store::FileId, ArchivedOriginal> originals;
  for (const store::ApplicationRecord& application : applications) {
    for (const store::PageRecord& page : application.pages) {
      originals.emplace(page.file_id, ArchivedOriginal{page.file_id, page.file_name, page.file_sha256});
    }
  }
  std::vector<ArchivedOriginal> ordered;
  ordered.reserve(originals.size());
  for (auto& [id, original] : originals) ordered.push_back(std::move(original));
  return ordered;
}

/// Re-reads one page into the audit run: its role and turn, and the certificates on it.
void AuditPage(load::ScanReader& reader, const store::PageRecord& page, const ArchivedOriginal& original,
               store::RunId run, store::Store& store, pipeline::Services& services) {
  store::AuditPageRecord seen{
      .page_id = page.id, .role = "other", .rotation_degrees = std::nullopt, .error = std::nullopt};
  try {
    const PageImage image = reader.ReadPage(page.index);
    if (separate::FindSeparator(image).kind == separate::SeparatorFinding::Kind::kSeparator) {
      seen.role = "separator";
    } else {
      const pipeline::PageResult result = pipeline::ProcessPage(image, services);
      seen.role = result.role;
      seen.rotation_degrees = result.rotation_degrees;
      for (std::size_t n = 0; n < result.certificates.size(); ++n) {
        store.AddCertificate(pipeline::CertificateRecordOf(result.certificates[n], services.catalog, original.sha256,
                                                           page, page.id, run, n + 1));
      }
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kInput) throw;
    seen.error = error.what();
  }
  store.AddAuditPage(run, seen);
}

/// Verifies and re-reads one original in one transaction; what became of it is recorded with it.
store::AuditFileRecord AuditFile(const ArchivedOriginal& original, store::RunId run, store::Store& store,
                                 const archive::Archive& archive, pipeline::Services& services,
                                 AuditObserver& observer) {
  store::AuditFileRecord outcome{
      .file_id = original.id, .file_name = original.name, .outcome = "audited", .message = std::nullopt};
  store::Store::Transaction transaction(store);
  const std::filesystem::path path = archive.PathOf(original.sha256);
  if (!std::filesystem::exists(path)) {
    outcome.outcome = "missing";
    outcome.message = fmt::format("{}: the archived original is missing (expected {})", original.name, path.string());
  } else if (!archive.Verify(original.sha256)) {
    outcome.outcome = "altered";
    outcome.message = fmt::format(
        "{}: the archived original no longer matches its SHA-256 ({}): it was altered "
        "after it was archived",
        original.name, path.string());
  } else {
    try {
      const auto reader = load::OpenScan(path, {}, original.name);
      const std::vector<store::PageRecord> pages = store.ListPages(original.id);
      observer.FileStarted(original.name, static_cast<int>(pages.size()));
      for (const store::PageRecord& page : pages) {
        if (page.application_id) AuditPage(*reader, page, original, run, store, services);
        observer.PageDone();
      }
    } catch (const Error& error) {
      if (error.kind() != ErrorKind::kInput) throw;
      outcome.outcome = "unreadable";
      outcome.message = fmt::format("{}: {}", original.name, error.what());
    }
  }
  store.AddAuditFile(run, original.id, outcome.outcome, outcome.message);
  transaction.Commit();
  return outcome;
}

}  // namespace

bool AuditFilter::Covers(const store::ApplicationRecord& application) const {
  return (since.empty() || application.received >= since) && (until.empty() || application.received <= until) &&
         (member.empty() || application.member_id == member);
}

std::string AuditFilter::Json() const {
  return nlohmann::json{{"since", since}, {"until", until}, {"member", member}}.dump();
}

AuditSummary RunAudit(store::Store& store, const archive::Archive& archive, pipeline::Services& services,
                      const AuditOptions& options, AuditObserver& observer) {
  const rules::Catalog& catalog = services.catalog;
  const store::RunVersions versions{.pipeline = PipelineVersion(),
                                    .catalog = catalog.version,
                                    .catalog_sha256 = catalog.sha256,
                                    .ocr = services.ocr.Version(),
                                    .config_sha256 = pipeline::ConfigSha256()};
  const std::string filter = options.filter.Json();
  AuditSummary summary;
  if (const auto unfinished = store.FindUnfinishedAudit(filter, versions)) {
    summary.run = *unfinished;
    summary.resumed = true;
  } else {
    summary.run = store.BeginRun("audit", versions, filter);
  }

  std::vector<store::ApplicationRecord> covered;
  for (store::ApplicationRecord& application : store.ListApplications()) {
    if (options.filter.Covers(application)) covered.push_back(std::move(application));
  }
  std::map<store::FileId, bool> done;
  for (const store::AuditFileRecord& file : store.ListAuditFiles(summary.run)) {
    done[file.file_id] = true;
    summary.problems += file.outcome == "audited" ? 0 : 1;
  }
  int read_now = 0;
  const std::vector<ArchivedOriginal> originals = OriginalsOf(covered);
  observer.AuditStarted(static_cast<int>(originals.size() - std::min(originals.size(), done.size())));
  for (const ArchivedOriginal& original : originals) {
    ++summary.files;
    if (done.contains(original.id)) {
      ++summary.already_done;
      continue;
    }
    if (options.stop_after_files > 0 && read_now == options.stop_after_files) {
      store.FinishRun(summary.run, "interrupted");
      return summary;
    }
    const store::AuditFileRecord outcome = AuditFile(original, summary.run, store, archive, services, observer);
    summary.problems += outcome.outcome == "audited" ? 0 : 1;
    observer.FileDone(outcome);
    ++read_now;
  }

  store::Store::Transaction transaction(store);
  for (const store::ApplicationRecord& application : covered) {
    const rules::ApplicationFacts facts = review::FactsOf(store, application, catalog, false, summary.run);
    store.AddVerdict(review::VerdictRecordOf(rules::Decide(facts, catalog), application.id, summary.run),
                     /*make_current=*/false);
  }
  store.FinishRun(summary.run, "finished");
  if (options.on_finishing) options.on_finishing(summary.run);
  transaction.Commit();
  summary.finished = true;
  return summary;
}

}  // namespace certintake::audit
