#include "certintake/pipeline/ingest.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <new>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <thread>

#include "certintake/core/error.hpp"
#include "certintake/core/version.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"
#include "certintake/separate/separator.hpp"

namespace certintake::pipeline {
namespace {

namespace fs = std::filesystem;
using Severity = IngestMessage::Severity;

bool IsHidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name.front() == '.';
}

std::string PageLine(const fs::path& file, std::optional<int> page, const std::string& problem) {
  return page ? fmt::format("{}: page {}: {}", file.string(), *page, problem)
              : fmt::format("{}: {}", file.string(), problem);
}

/// Records an input problem in the outcome and the database.
void Report(FileOutcome& outcome, Severity severity, std::optional<int> page, const std::string& problem,
            store::Store& store, store::RunId run, std::optional<store::FileId> file_id) {
  outcome.messages.push_back({severity, PageLine(outcome.path, page, problem)});
  store.AddInputError(run, outcome.path.filename().string(), file_id, page, problem);
}

/// What a worker made of one page; the writer stores it.
struct PageWork {
  store::PageRecord page;  ///< dpi, size, colour, role, rotation, error
  separate::SeparatorFinding separator;
  PageResult processed;
  std::exception_ptr failure;  ///< anything but an input problem: rethrown by the writer
};

/// Reads, classifies and processes one page. An input problem becomes the page's error.
PageWork WorkOnPage(load::ScanReader& reader, std::mutex& reader_mutex, int index, Services& services,
                    const fs::path& file) {
  PageWork work;
  work.page.index = index;
  try {
    PageImage image;
    {
      const std::lock_guard<std::mutex> lock(reader_mutex);  // decoders are not thread-safe
      image = reader.ReadPage(index);
    }
    work.page.dpi = image.dpi;
    work.page.dpi_source = image.dpi_source == DpiSource::kFile ? "file" : "assumed";
    work.page.width_px = image.pixels.cols;
    work.page.height_px = image.pixels.rows;
    work.page.colour = image.IsColour();
    work.separator = separate::FindSeparator(image);
    if (work.separator.kind != separate::SeparatorFinding::Kind::kSeparator) {
      work.processed =
          ProcessPage(image, services, services.debug.Child(fmt::format("{}_p{:03d}", file.stem().string(), index)));
      work.page.role = work.processed.role;
      work.page.rotation_degrees = work.processed.rotation_degrees;
    }
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kInput) {
      work.failure = std::current_exception();
    } else {
      work.page.error = error.what();
    }
  } catch (const std::bad_alloc&) {
    work.failure = std::current_exception();
  } catch (const std::exception& error) {
    // A fault of ours on this page (an OpenCV assertion, say) must not cost the batch: the page
    // keeps its error, stays unassigned for a person, and the next page goes on.
    std::string what = error.what();
    std::replace(what.begin(), what.end(), '\n', ' ');
    while (!what.empty() && what.back() == ' ') what.pop_back();
    work.page.error = fmt::format(
        "certintake failed on this page ({}); it is kept for a person to look at, and "
        "the fault should be reported",
        what);
  } catch (...) {
    work.failure = std::current_exception();
  }
  return work;
}

/// One thread per worker's Services works on a file's pages, a few pages ahead of the writer at
/// most (memory stays bounded however long the file); `Next` hands the results back in page
/// order, so what is stored does not depend on the number of workers.
class PageWorkers {
 public:
  PageWorkers(const std::vector<Services*>& workers, int page_count,
              std::function<PageWork(int index, Services& services)> work)
      : page_count_(page_count), window_(2 * static_cast<int>(workers.size())), work_(std::move(work)) {
    for (Services* services : workers) {
      threads_.emplace_back([this, services] { Run(*services); });
    }
  }
  PageWorkers(const PageWorkers&) = delete;
  PageWorkers& operator=(const PageWorkers&) = delete;
  ~PageWorkers() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& thread : threads_) thread.join();
  }

  /// The next page's work, in page order; waits for it.
  PageWork Next() {
    std::unique_lock<std::mutex> lock(mutex_);
    const int index = ++written_;
    changed_.wait(lock, [&] { return done_.count(index) != 0; });
    PageWork work = std::move(done_.at(index));
    done_.erase(index);
    lock.unlock();
    changed_.notify_all();  // a worker may be waiting for room in the window
    return work;
  }

 private:
  void Run(Services& services) {
    for (;;) {
      int index = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || next_ > page_count_ || next_ <= written_ + window_; });
        if (stopping_ || next_ > page_count_) return;
        index = next_++;
      }
      PageWork work = work_(index, services);
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        done_.emplace(index, std::move(work));
      }
      changed_.notify_all();
    }
  }

  const int page_count_;
  const int window_;
  const std::function<PageWork(int, Services&)> work_;
  std::mutex mutex_;
  std::condition_variable changed_;
  int next_ = 1;     ///< the next page a worker takes
  int written_ = 0;  ///< pages handed to the writer
  bool stopping_ = false;
  std::map<int, PageWork> done_;
  std::vector<std::thread> threads_;
};

}  // namespace

store::CertificateRecord CertificateRecordOf(const FoundCertificate& found, const rules::Catalog& catalog,
                                             const std::string& file_sha256, const store::PageRecord& page,
                                             store::PageId page_id, store::RunId run, std::size_t number) {
  store::CertificateRecord record;
  record.run = run;
  record.page_id = page_id;
  record.application_id = page.application_id;
  record.stable_id = fmt::format("{}-p{}-{}", file_sha256.substr(0, 12), page.index, number);
  const double width = page.width_px.value_or(1);
  const double height = page.height_px.value_or(1);
  const cv::Rect& box = found.region.box;
  record.bbox[0] = box.x / width;
  record.bbox[1] = box.y / height;
  record.bbox[2] = (box.x + box.width) / width;
  record.bbox[3] = (box.y + box.height) / height;
  std::array<cv::Point2f, 4> corners;
  found.region.outline.points(corners.data());
  nlohmann::json quad = nlohmann::json::array();
  for (const cv::Point2f& corner : corners) quad.push_back({corner.x, corner.y});
  record.quad_json = quad.dump();
  const rules::CertificateFacts& facts = found.facts;
  record.kind = std::string(rules::KindCode(facts.kind));
  const rules::CatalogEvent* event = facts.event_id ? catalog.Find(*facts.event_id) : nullptr;
  record.category = std::string(rules::CategoryName(event != nullptr ? event->category : rules::Category::kUnknown));
  record.event_id = facts.event_id;
  record.event_text = found.reading.event.matched_text;
  record.date = facts.date;
  record.attendance = std::string(rules::AttendanceCode(facts.attendance));
  record.issuer = found.reading.issuer;
  const evidence::EvidenceReport& report = found.evidence;
  if (report.name_present != rules::Finding::kInconclusive)
    record.name_present = report.name_present == rules::Finding::kPass;
  record.name_instrument = std::string(rules::InstrumentCode(report.name_present, report.name_in_pencil));
  if (report.copy != rules::Finding::kInconclusive || report.reduced_copy == rules::Finding::kFail) {
    record.copy_suspected = report.copy == rules::Finding::kFail || report.reduced_copy == rules::Finding::kFail;
  }
  for (const evidence::Evidence& e : report.checks) {
    record.evidence.push_back({e.check, e.value, e.threshold, std::string(rules::FindingCode(e.finding)),
                               nlohmann::json(e.region).dump(), e.message_ja});
  }
  record.confidence = found.reading.text_confidence;
  rules::CertificateFacts stored = facts;
  stored.id = record.stable_id;
  record.facts_json = rules::FactsToJson(stored).dump();
  const read::CertificateReading& reading = found.reading;
  record.reading_json = nlohmann::json{
      {"text", reading.text},
      {"text_confidence", reading.text_confidence},
      {"rotation", reading.rotation_degrees},
      {"kind_evidence", reading.kind.evidence},
      {"event_similarity", reading.event.confidence},
      {"date_source", reading.date ? reading.date->source : ""},
      {"date_confidence", reading.date ? reading.date->confidence : 0.0},
      {"segment_score", found.region.score},
      {"copy_signs",
       report.copy_signs}}.dump();
  return record;
}

void DecideApplication(store::ApplicationId application, const std::string& member_id, const std::string& received,
                       store::RunId run, store::Store& store, const rules::Catalog& catalog) {
  store::ApplicationRecord record_of;
  record_of.id = application;
  record_of.member_id = member_id;
  record_of.received = received;
  const rules::ApplicationFacts facts = review::FactsOf(store, record_of, catalog, /*with_reviews=*/false);
  store.AddVerdict(review::VerdictRecordOf(rules::Decide(facts, catalog), application, run));
}

std::vector<fs::path> CollectInputs(const std::vector<fs::path>& inputs, std::vector<IngestMessage>& messages) {
  std::vector<fs::path> files;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (IsHidden(it->path())) {
          if (it->is_directory()) {
            it.disable_recursion_pending();
          }
          continue;
        }
        if (it->is_regular_file()) {
          found.push_back(it->path());
        }
      }
      if (ec) {
        messages.push_back(
            {Severity::kError, fmt::format("{}: cannot read the folder: {}", input.string(), ec.message())});
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, ec)) {
      files.push_back(input);
    } else {
      messages.push_back({Severity::kError, fmt::format("{}: no such file or folder", input.string())});
    }
  }
  return files;
}

FileOutcome IngestFile(const fs::path& file, const IngestOptions& options, store::RunId run, store::Store& store,
                       const archive::Archive& archive, const std::vector<Services*>& workers,
                       IngestObserver& observer) {
  const rules::Catalog& catalog = workers.front()->catalog;
  FileOutcome outcome;
  outcome.path = file;

  // 1. Keep the original before anything else is done with it.
  archive::ArchivedFile archived;
  try {
    archived = archive.Store(file);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kInput) {
      throw;
    }
    outcome.kind = FileOutcome::Kind::kFailed;
    Report(outcome, Severity::kError, std::nullopt, error.what(), store, run, std::nullopt);
    return outcome;
  }
  if (auto existing = store.FindFile(archived.sha256)) {
    outcome.kind = FileOutcome::Kind::kAlreadyIngested;
    outcome.note = fmt::format("already ingested as {} (received {}){}; skipped", existing->name, existing->received,
                               existing->status == store::FileStatus::kFailed ? ", when it could not be read" : "");
    return outcome;
  }

  // 2. Everything about this file lands in one transaction, or not at all.
  store::Store::Transaction transaction(store);
  store::FileRecord record;
  record.sha256 = archived.sha256;
  record.name = file.filename().string();
  record.source_path = fs::absolute(file).string();
  record.size_bytes = archived.size;
  record.received = options.received;

  std::unique_ptr<load::ScanReader> reader;
  try {
    record.format = std::string(load::ScanFormatName(load::DetectScanFormat(archived.path)));
    reader = load::OpenScan(archived.path, options.limits, file);
  } catch (const Error& error) {
    if (error.kind() != ErrorKind::kInput) {
      throw;
    }
    record.status = store::FileStatus::kFailed;
    record.error = error.what();
    const store::FileId file_id = store.AddFile(record, run);
    outcome.kind = FileOutcome::Kind::kFailed;
    Report(outcome, Severity::kError, std::nullopt, error.what(), store, run, file_id);
    transaction.Commit();
    return outcome;
  }

  const store::FileId file_id = store.AddFile(record, run);
  const int page_count = reader->PageCount();
  observer.FileStarted(file, page_count);
  separate::ApplicationSplitter splitter(separate::MemberIdFromFileName(
      file, [&store](std::string_view id) { return store.FindMember(std::string(id)).has_value(); }));

  std::map<store::ApplicationId, std::string> touched;
  std::mutex reader_mutex;
  PageWorkers page_workers(workers, page_count, [&](int index, Services& services) {
    return WorkOnPage(*reader, reader_mutex, index, services, file);
  });
  for (int index = 1; index <= page_count; ++index) {
    PageWork work = page_workers.Next();
    if (work.failure) std::rethrow_exception(work.failure);
    store::PageRecord& page = work.page;
    page.file_id = file_id;
    const separate::SeparatorFinding& separator = work.separator;
    const PageResult& processed = work.processed;
    if (page.error) {
      ++outcome.page_errors;
      Report(outcome, Severity::kError, index, *page.error, store, run, file_id);
    }
    if (separator.kind == separate::SeparatorFinding::Kind::kSeparator) {
      page.role = "separator";
    } else if (separator.kind == separate::SeparatorFinding::Kind::kMalformed) {
      Report(outcome, Severity::kWarning, index,
             fmt::format("QR code '{}' is not a valid separator (expected {}<member id>); the page stays with the "
                         "application before it",
                         separator.payload, separate::kSeparatorPrefix),
             store, run, file_id);
    }
    if (const auto& member = splitter.Next(separator)) {
      page.application_id = store.FindOrAddApplication(*member, options.received, run);
      touched.emplace(*page.application_id, *member);
      if (outcome.members.empty() || outcome.members.back() != *member) {
        outcome.members.push_back(*member);
      }
    } else {
      ++outcome.unassigned_pages;
    }
    const store::PageId page_id = store.AddPage(page);
    for (std::size_t n = 0; n < processed.certificates.size(); ++n) {
      store.AddCertificate(
          CertificateRecordOf(processed.certificates[n], catalog, archived.sha256, page, page_id, run, n + 1));
    }
    observer.PageDone();
  }
  for (const auto& [application, member] : touched) {
    DecideApplication(application, member, options.received, run, store, catalog);
  }
  outcome.pages = page_count;
  const store::FileStatus status = outcome.page_errors == 0           ? store::FileStatus::kOk
                                   : outcome.page_errors < page_count ? store::FileStatus::kPartial
                                                                      : store::FileStatus::kFailed;
  store.SetFileOutcome(file_id, page_count, status, std::nullopt);
  transaction.Commit();
  return outcome;
}

BatchSummary IngestBatch(const std::vector<fs::path>& files, const IngestOptions& options, store::Store& store,
                         const archive::Archive& archive, Services& services, IngestObserver& observer) {
  BatchSummary summary;
  summary.files = static_cast<int>(files.size());
  const store::RunId run = store.BeginRun("ingest", {.pipeline = PipelineVersion(),
                                                     .catalog = services.catalog.version,
                                                     .catalog_sha256 = services.catalog.sha256,
                                                     .ocr = services.ocr.Version(),
                                                     .config_sha256 = ConfigSha256()});
  // One Services per worker: the caller's, and copies of it with their own OCR engine.
  std::vector<ServiceSet> extra_sets;
  std::vector<Services> extra;
  extra_sets.reserve(static_cast<std::size_t>(std::max(0, options.jobs - 1)));
  extra.reserve(extra_sets.capacity());
  for (int i = 1; i < options.jobs; ++i) {
    extra_sets.push_back(ServiceSet{ocr::MakeTesseractEngine(), services.catalog});
    extra.push_back(extra_sets.back().View(services.debug));
    extra.back().read_certificates = services.read_certificates;
  }
  std::vector<Services*> workers = {&services};
  for (Services& worker : extra) workers.push_back(&worker);
  // The workers are the parallelism, one core each: OpenCV's own threads inside a worker would
  // contend with the others, and even alone they spend more CPU than they save (at --jobs 1 a page
  // cost 2.3 CPU-seconds with them, against 1.5 at --jobs 2 with one thread each; scripts/bench.sh).
  const int opencv_threads = cv::getNumThreads();
  cv::setNumThreads(1);
  struct RestoreThreads {
    int count;
    ~RestoreThreads() { cv::setNumThreads(count); }
  } restore{opencv_threads};
  for (std::size_t done = 0; done < files.size(); ++done) {
    const fs::path& file = files[done];
    FileOutcome outcome;
    try {
      outcome = IngestFile(file, options, run, store, archive, workers, observer);
    } catch (const Error& error) {
      // The database or the archive cannot be written (a full disk, a lock): nothing of this file
      // was stored and every file before it was; the clerk needs to know where it stopped.
      if (error.kind() != ErrorKind::kDatabase) throw;
      throw DatabaseError(fmt::format("{}: {}; stopped at this file ({} of {} files done)", file.string(), error.what(),
                                      done, files.size()));
    }
    observer.FileDone(outcome);
    summary.ingested += outcome.kind == FileOutcome::Kind::kIngested ? 1 : 0;
    summary.already_ingested += outcome.kind == FileOutcome::Kind::kAlreadyIngested ? 1 : 0;
    summary.with_errors += outcome.HasErrors() ? 1 : 0;
    summary.pages += outcome.pages;
    summary.unassigned_pages += outcome.unassigned_pages;
    for (const std::string& member : outcome.members) {
      if (std::find(summary.members.begin(), summary.members.end(), member) == summary.members.end()) {
        summary.members.push_back(member);
      }
    }
  }
  store.FinishRun(run, "finished");
  return summary;
}

}  // namespace certintake::pipeline
