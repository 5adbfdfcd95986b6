#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "certintake/archive/archive.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/pipeline/process_page.hpp"
#include "certintake/store/store.hpp"

namespace certintake::pipeline {

struct IngestOptions {
  std::string received;  ///< arrival date of the mail, "YYYY-MM-DD"
  load::LoadLimits limits;
  int jobs = 1;  ///< pages worked on at once, each worker with its own OCR engine; output is the same
};

/// One line for the clerk: "error: <file>: page 3: <problem>" or "warning: ...".
struct IngestMessage {
  enum class Severity { kWarning, kError };
  Severity severity = Severity::kError;
  std::string text;
};

/// What became of one input file.
struct FileOutcome {
  enum class Kind {
    kIngested,         ///< archived and processed (some pages may have failed: see page_errors)
    kAlreadyIngested,  ///< the same content was ingested before: nothing done again
    kFailed,           ///< archived (when readable) but not processable at all
  };
  std::filesystem::path path;
  Kind kind = Kind::kIngested;
  int pages = 0;
  int page_errors = 0;
  int unassigned_pages = 0;
  std::vector<std::string> members;  ///< applications its pages went to, in page order
  std::string note;                  ///< for kAlreadyIngested: when and under which name
  std::vector<IngestMessage> messages;

  [[nodiscard]] bool HasErrors() const { return kind == Kind::kFailed || page_errors > 0; }
};

/// Told about progress while files are ingested (the CLI draws a progress bar from it).
class IngestObserver {
 public:
  virtual ~IngestObserver() = default;
  virtual void FileStarted(const std::filesystem::path& /*file*/, int /*page_count*/) {}
  virtual void PageDone() {}
  virtual void FileDone(const FileOutcome& /*outcome*/) {}
};

/// What a batch came to.
struct BatchSummary {
  int files = 0;
  int ingested = 0;
  int already_ingested = 0;
  int with_errors = 0;
  int pages = 0;
  int unassigned_pages = 0;
  std::vector<std::string> members;  ///< applications touched, in order of first appearance
};

/// The files named by `inputs`: files as given, folders read recursively (hidden files and
/// folders skipped), in a stable order. A missing input becomes an error message.
std::vector<std::filesystem::path> CollectInputs(const std::vector<std::filesystem::path>& inputs,
                                                 std::vector<IngestMessage>& messages);

/// Archives one scan file and records its pages and their applications, in one transaction.
/// Input problems come back in the outcome; only Error(kDatabase) (archive or database
/// unwritable) is thrown, and then nothing of this file is recorded.
FileOutcome IngestFile(const std::filesystem::path& file, const IngestOptions& options, store::RunId run,
                       store::Store& store, const archive::Archive& archive, const std::vector<Services*>& workers,
                       IngestObserver& observer);

/// The stored form of the `number`th certificate found on `page` (stored as `page_id`) of the file
/// with `file_sha256`, in `run`: box in page fractions, the facts the rules read, and the reading
/// behind them. Its stable id is the same in every run that finds it in the same place.
store::CertificateRecord CertificateRecordOf(const FoundCertificate& found, const rules::Catalog& catalog,
                                             const std::string& file_sha256, const store::PageRecord& page,
                                             store::PageId page_id, store::RunId run, std::size_t number);

/// Applies the rules to an application's certificates (all files ingested for it so far) and
/// stores the verdict of `run` as its current one.
void DecideApplication(store::ApplicationId application, const std::string& member_id, const std::string& received,
                       store::RunId run, store::Store& store, const rules::Catalog& catalog);

/// Ingests `files` in order as one run (recorded in the database), telling `observer` as it goes.
/// With `options.jobs` > 1, that many workers process pages at once (`services` and copies of it
/// with their own OCR engines); results are stored in page order by this thread alone.
BatchSummary IngestBatch(const std::vector<std::filesystem::path>& files, const IngestOptions& options,
                         store::Store& store, const archive::Archive& archive, Services& services,
                         IngestObserver& observer);

}  // namespace certintake::pipeline
