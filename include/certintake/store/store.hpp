#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "certintake/store/records.hpp"

struct sqlite3;

namespace certintake::store {

/// The certintake database: one SQLite file (WAL, foreign keys on), migrated to the current schema
/// when opened. Not thread-safe: one Store per thread.
class Store {
 public:
  /// Opens or creates the database. Throws Error(kDatabase) with a one-line reason.
  static Store Open(const std::filesystem::path& file);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  [[nodiscard]] int SchemaVersion() const;
  /// SQLite's own check of the file: "ok", or what is wrong.
  [[nodiscard]] std::string IntegrityCheck() const;

  /// Everything written between Begin and Commit lands together or not at all.
  class Transaction {
   public:
    explicit Transaction(Store& store);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();  ///< rolls back unless committed
    void Commit();

   private:
    Store& store_;
    bool open_ = true;
  };

  // Runs
  using RunVersions = store::RunVersions;
  /// `filter_json`: what an audit run covers (empty for ingest).
  RunId BeginRun(const std::string& kind, const RunVersions& versions, const std::string& filter_json = {});
  void FinishRun(RunId run, const std::string& status);
  /// The latest runs, newest first.
  [[nodiscard]] std::vector<RunRecord> ListRuns(int limit) const;
  [[nodiscard]] std::optional<RunRecord> FindRun(RunId run) const;

  // Files and pages
  [[nodiscard]] std::optional<FileRecord> FindFile(const std::string& sha256) const;
  FileId AddFile(const FileRecord& file, RunId run);
  void SetFileOutcome(FileId file, int page_count, FileStatus status, const std::optional<std::string>& error);
  PageId AddPage(const PageRecord& page);
  void AddInputError(RunId run, const std::string& file_name, std::optional<FileId> file, std::optional<int> page_index,
                     const std::string& message);
  /// Input problems of the latest ingest run that had any, oldest first.
  [[nodiscard]] std::vector<InputErrorRecord> ListLatestInputErrors() const;

  // Applications
  ApplicationId FindOrAddApplication(const std::string& member_id, const std::string& received, RunId run);
  [[nodiscard]] std::vector<ApplicationRecord> ListApplications() const;
  [[nodiscard]] std::vector<PageRecord> ListUnassignedPages() const;

  // Certificates and verdicts
  CertificateId AddCertificate(const CertificateRecord& certificate);  ///< with its evidence
  [[nodiscard]] std::vector<EvidenceRecord> ListEvidence(CertificateId certificate) const;
  /// The application's certificates in page order: as found by ingest runs, or by one run.
  [[nodiscard]] std::vector<CertificateRecord> ListCertificates(ApplicationId application,
                                                                std::optional<RunId> run = std::nullopt) const;
  /// Stores a verdict and (unless an audit's) makes it the application's current one.
  void AddVerdict(const VerdictRecord& verdict, bool make_current = true);
  [[nodiscard]] std::optional<VerdictRecord> CurrentVerdict(ApplicationId application) const;
  [[nodiscard]] std::optional<VerdictRecord> VerdictOf(ApplicationId application, RunId run) const;

  // Audits (store_audit.cpp)
  /// The latest audit run with this filter that neither finished nor was recorded under other
  /// versions: an interrupted audit to resume.
  [[nodiscard]] std::optional<RunId> FindUnfinishedAudit(const std::string& filter_json,
                                                         const RunVersions& versions) const;
  void AddAuditFile(RunId run, FileId file, const std::string& outcome, const std::optional<std::string>& message);
  [[nodiscard]] std::vector<AuditFileRecord> ListAuditFiles(RunId run) const;
  void AddAuditPage(RunId run, const AuditPageRecord& page);
  [[nodiscard]] std::vector<AuditPageRecord> ListAuditPages(RunId run) const;
  /// A file's pages, in order.
  [[nodiscard]] std::vector<PageRecord> ListPages(FileId file) const;
  [[nodiscard]] std::vector<HistoryEntry> ListHistory(const std::string& member_id) const;

  [[nodiscard]] std::optional<ApplicationRecord> FindApplication(ApplicationId application) const;
  [[nodiscard]] std::optional<PageRecord> FindPage(PageId page) const;
  [[nodiscard]] std::optional<CertificateRecord> FindCertificate(CertificateId certificate) const;
  /// Gives a page (and its certificates) to the member's application received with the page's
  /// file, which is made if there is none. Returns the application.
  ApplicationId AssignPage(PageId page, const std::string& member_id);
  /// Every file ever ingested, newest first.
  [[nodiscard]] std::vector<FileRecord> ListFiles() const;

  // Review: users, sessions and the append-only trail (store_review.cpp)
  /// The name must be free (serve::AddUser checks it); the schema refuses a taken one.
  UserId AddUser(const UserRecord& user);
  [[nodiscard]] std::optional<UserRecord> FindUser(const std::string& name) const;
  [[nodiscard]] std::optional<UserRecord> FindUser(UserId user) const;
  [[nodiscard]] std::vector<UserRecord> ListUsers() const;
  /// Adds a session, removing every expired one.
  void AddSession(const SessionRecord& session);
  [[nodiscard]] std::optional<SessionRecord> FindSession(const std::string& token_sha256) const;
  void DeleteSession(const std::string& token_sha256);
  std::int64_t AddReview(const ReviewRecord& review);
  [[nodiscard]] std::vector<ReviewRecord> ListReviews(ApplicationId application) const;

  // Members and their recorded attendance
  void UpsertMember(const Member& member);
  [[nodiscard]] std::optional<Member> FindMember(const std::string& member_id) const;
  void UpsertHistory(const HistoryEntry& entry);

 private:
  explicit Store(sqlite3* db);
  [[nodiscard]] std::vector<CertificateRecord> QueryCertificates(const std::string& where,
                                                                 const std::vector<std::int64_t>& keys) const;
  [[nodiscard]] std::optional<VerdictRecord> QueryVerdict(const char* from_where, std::int64_t first,
                                                          std::int64_t second) const;
  [[nodiscard]] std::vector<ApplicationRecord> QueryApplications(const char* where, std::int64_t key) const;
  void Execute(const char* sql);
  void Migrate();

  sqlite3* db_;
};

}  // namespace certintake::store
