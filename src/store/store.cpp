#include "certintake/store/store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <chrono>
#include <utility>

#include "certintake/core/error.hpp"
#include "sqlite.hpp"

namespace certintake::store {

const std::vector<std::string_view>& Migrations();

namespace {

using sqlite::Statement;

std::string NowUtc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string_view StatusText(FileStatus status) {
  switch (status) {
    case FileStatus::kOk: return "ok";
    case FileStatus::kPartial: return "partial";
    case FileStatus::kFailed: return "failed";
  }
  return "failed";
}

FileStatus ParseStatus(const std::string& text) {
  if (text == "ok") return FileStatus::kOk;
  if (text == "partial") return FileStatus::kPartial;
  return FileStatus::kFailed;
}

constexpr std::string_view kFileColumns =
    "SELECT id, sha256, name, source_path, size_bytes, format, received, page_count, status, error FROM files";

FileRecord ReadFile(const Statement& row) {
  return FileRecord{.id = row.Int(0),
                    .sha256 = row.Text(1),
                    .name = row.Text(2),
                    .source_path = row.Text(3),
                    .size_bytes = static_cast<std::uint64_t>(row.Int(4)),
                    .format = row.Text(5),
                    .received = row.Text(6),
                    .page_count = static_cast<int>(row.Int(7)),
                    .status = ParseStatus(row.Text(8)),
                    .error = row.OptionalText(9)};
}

constexpr std::string_view kPageColumns =
    "p.file_id, f.name, p.page_index, p.application_id, p.role, p.dpi, p.dpi_source, p.width_px, p.height_px, "
    "p.colour, p.error, p.rotation, p.id, f.sha256";

PageRecord ReadPage(const Statement& row) {
  PageRecord page;
  page.file_id = row.Int(0);
  page.file_name = row.Text(1);
  page.index = static_cast<int>(row.Int(2));
  page.application_id = row.OptionalInt(3);
  page.role = row.Text(4);
  page.dpi = row.OptionalReal(5);
  page.dpi_source = row.OptionalText(6);
  if (auto w = row.OptionalInt(7)) page.width_px = static_cast<int>(*w);
  if (auto h = row.OptionalInt(8)) page.height_px = static_cast<int>(*h);
  if (auto c = row.OptionalInt(9)) page.colour = *c != 0;
  page.error = row.OptionalText(10);
  if (auto r = row.OptionalInt(11)) page.rotation_degrees = static_cast<int>(*r);
  page.id = row.Int(12);
  page.file_sha256 = row.Text(13);
  return page;
}

Member ReadMember(const Statement& row, int first) {
  return Member{.member_id = row.Text(first),
                .name = row.Text(first + 1),
                .name_kana = row.Text(first + 2),
                .cert_start = row.Text(first + 3),
                .cert_end = row.Text(first + 4),
                .fees_paid = row.Int(first + 5) != 0};
}

}  // namespace

Store Store::Open(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (code != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    sqlite3_close(db);
    throw DatabaseError(fmt::format("cannot open the database {}: {}", file.string(), message));
  }
  Store store(db);
  sqlite3_busy_timeout(db, sqlite::kBusyTimeoutMs);  // another writer: wait, then report
  sqlite3_extended_result_codes(db, 1);
  store.Execute("PRAGMA journal_mode = WAL");
  store.Execute("PRAGMA foreign_keys = ON");
  store.Execute("PRAGMA synchronous = NORMAL");
  store.Migrate();
  return store;
}

Store::Store(sqlite3* db) : db_(db) {
}
Store::Store(Store&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {
}
Store& Store::operator=(Store&& other) noexcept {
  std::swap(db_, other.db_);
  return *this;
}
Store::~Store() {
  sqlite3_close(db_);
}

void Store::Execute(const char* sql) {
  char* message = nullptr;
  const int code = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (code != SQLITE_OK) {
    std::string text = message != nullptr ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    sqlite::Check(db_, code, fmt::format("running '{}' ({})", std::string_view(sql).substr(0, 40), text));
  }
}

int Store::SchemaVersion() const {
  Statement query(db_, "PRAGMA user_version");
  query.Step();
  return static_cast<int>(query.Int(0));
}

std::string Store::IntegrityCheck() const {
  Statement query(db_, "PRAGMA integrity_check");
  std::string result;
  while (query.Step()) result += (result.empty() ? "" : "; ") + query.Text(0);
  return result;
}

void Store::Migrate() {
  const auto& migrations = Migrations();
  const int current = SchemaVersion();
  if (current > static_cast<int>(migrations.size())) {
    throw DatabaseError(
        fmt::format("the database has schema version {}, newer than this certintake knows ({}); use a newer certintake",
                    current, migrations.size()));
  }
  for (int version = current + 1; version <= static_cast<int>(migrations.size()); ++version) {
    Transaction transaction(*this);
    Execute(std::string(migrations[static_cast<std::size_t>(version - 1)]).c_str());
    Execute(fmt::format("PRAGMA user_version = {}", version).c_str());
    transaction.Commit();
  }
}

Store::Transaction::Transaction(Store& store) : store_(store) {
  store_.Execute("BEGIN IMMEDIATE");
}
Store::Transaction::~Transaction() {
  if (open_) {
    sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
}
void Store::Transaction::Commit() {
  store_.Execute("COMMIT");
  open_ = false;
}

RunId Store::BeginRun(const std::string& kind, const RunVersions& versions, const std::string& filter_json) {
  Statement(db_,
            "INSERT INTO runs (kind, started_at, pipeline_version, catalog_version, catalog_sha256, ocr_version, "
            "filter_json, config_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, kind)
      .Bind(2, NowUtc())
      .Bind(3, versions.pipeline)
      .Bind(4, versions.catalog)
      .Bind(5, versions.catalog_sha256)
      .Bind(6, versions.ocr)
      .Bind(7, filter_json.empty() ? std::nullopt : std::optional(filter_json))
      .Bind(8, versions.config_sha256)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

void Store::FinishRun(RunId run, const std::string& status) {
  Statement(db_, "UPDATE runs SET finished_at = ?, status = ? WHERE id = ?")
      .Bind(1, NowUtc())
      .Bind(2, status)
      .Bind(3, run)
      .Run();
}

namespace {

constexpr std::string_view kRunColumns =
    "SELECT r.id, r.kind, r.status, r.started_at, r.finished_at, "
    "CASE r.kind WHEN 'audit' THEN (SELECT COUNT(*) FROM audit_files a WHERE a.run_id = r.id) "
    "ELSE (SELECT COUNT(*) FROM files f WHERE f.run_id = r.id) END, "
    "CASE r.kind WHEN 'audit' THEN (SELECT COUNT(*) FROM audit_pages a WHERE a.run_id = r.id) "
    "ELSE (SELECT COUNT(*) FROM pages p JOIN files f ON f.id = p.file_id WHERE f.run_id = r.id) END, "
    "r.pipeline_version, COALESCE(r.catalog_version, ''), COALESCE(r.catalog_sha256, ''), "
    "COALESCE(r.ocr_version, ''), COALESCE(r.filter_json, ''), COALESCE(r.config_sha256, '') FROM runs r";

RunRecord ReadRun(const Statement& row) {
  return RunRecord{.id = row.Int(0),
                   .kind = row.Text(1),
                   .status = row.Text(2),
                   .started_at = row.Text(3),
                   .finished_at = row.OptionalText(4),
                   .files = static_cast<int>(row.Int(5)),
                   .pages = static_cast<int>(row.Int(6)),
                   .versions = {.pipeline = row.Text(7),
                                .catalog = row.Text(8),
                                .catalog_sha256 = row.Text(9),
                                .ocr = row.Text(10),
                                .config_sha256 = row.Text(12)},
                   .filter_json = row.Text(11)};
}

}  // namespace

std::vector<RunRecord> Store::ListRuns(int limit) const {
  Statement query(db_, fmt::format("{} ORDER BY r.id DESC LIMIT ?", kRunColumns));
  query.Bind(1, limit);
  std::vector<RunRecord> runs;
  while (query.Step()) runs.push_back(ReadRun(query));
  return runs;
}

std::optional<RunRecord> Store::FindRun(RunId run) const {
  Statement query(db_, fmt::format("{} WHERE r.id = ?", kRunColumns));
  query.Bind(1, run);
  if (!query.Step()) return std::nullopt;
  return ReadRun(query);
}

std::optional<FileRecord> Store::FindFile(const std::string& sha256) const {
  Statement query(db_, fmt::format("{} WHERE sha256 = ?", kFileColumns));
  query.Bind(1, sha256);
  if (!query.Step()) return std::nullopt;
  return ReadFile(query);
}

FileId Store::AddFile(const FileRecord& file, RunId run) {
  Statement(db_,
            "INSERT INTO files (sha256, name, source_path, size_bytes, format, received, run_id, page_count, "
            "status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, file.sha256)
      .Bind(2, file.name)
      .Bind(3, file.source_path)
      .Bind(4, static_cast<std::int64_t>(file.size_bytes))
      .Bind(5, file.format)
      .Bind(6, file.received)
      .Bind(7, run)
      .Bind(8, file.page_count)
      .Bind(9, StatusText(file.status))
      .Bind(10, file.error)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

void Store::SetFileOutcome(FileId file, int page_count, FileStatus status, const std::optional<std::string>& error) {
  Statement(db_, "UPDATE files SET page_count = ?, status = ?, error = ? WHERE id = ?")
      .Bind(1, page_count)
      .Bind(2, StatusText(status))
      .Bind(3, error)
      .Bind(4, file)
      .Run();
}

PageId Store::AddPage(const PageRecord& page) {
  Statement(db_,
            "INSERT INTO pages (file_id, page_index, application_id, role, dpi, dpi_source, width_px, height_px, "
            "colour, error, rotation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, page.file_id)
      .Bind(2, page.index)
      .Bind(3, page.application_id)
      .Bind(4, page.role)
      .Bind(5, page.dpi)
      .Bind(6, page.dpi_source)
      .Bind(7, page.width_px)
      .Bind(8, page.height_px)
      .Bind(9, page.colour)
      .Bind(10, page.error)
      .Bind(11, page.rotation_degrees)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

void Store::AddInputError(RunId run, const std::string& file_name, std::optional<FileId> file,
                          std::optional<int> page_index, const std::string& message) {
  Statement(db_,
            "INSERT INTO input_errors (run_id, file_name, file_id, page_index, message, at) VALUES (?, ?, ?, ?, ?, ?)")
      .Bind(1, run)
      .Bind(2, file_name)
      .Bind(3, file)
      .Bind(4, page_index)
      .Bind(5, message)
      .Bind(6, NowUtc())
      .Run();
}

std::vector<InputErrorRecord> Store::ListLatestInputErrors() const {
  std::vector<InputErrorRecord> errors;
  Statement query(db_,
                  "SELECT run_id, file_name, page_index, message, at FROM input_errors "
                  "WHERE run_id = (SELECT MAX(run_id) FROM input_errors) ORDER BY id");
  while (query.Step()) {
    InputErrorRecord error;
    error.run = query.Int(0);
    error.file_name = query.Text(1);
    if (auto page = query.OptionalInt(2)) error.page_index = static_cast<int>(*page);
    error.message = query.Text(3);
    error.at = query.Text(4);
    errors.push_back(std::move(error));
  }
  return errors;
}

ApplicationId Store::FindOrAddApplication(const std::string& member_id, const std::string& received, RunId run) {
  Statement find(db_, "SELECT id FROM applications WHERE member_id = ? AND received = ?");
  find.Bind(1, member_id).Bind(2, received);
  if (find.Step()) {
    return find.Int(0);
  }
  Statement(db_, "INSERT INTO applications (member_id, received, created_run) VALUES (?, ?, ?)")
      .Bind(1, member_id)
      .Bind(2, received)
      .Bind(3, run)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<ApplicationRecord> Store::QueryApplications(const char* where, std::int64_t key) const {
  std::vector<ApplicationRecord> applications;
  Statement query(db_, fmt::format("SELECT a.id, a.member_id, a.received, m.member_id, m.name, m.name_kana, "
                                   "m.cert_start, m.cert_end, m.fees_paid FROM applications a "
                                   "LEFT JOIN members m ON m.member_id = a.member_id WHERE {} "
                                   "ORDER BY a.received, a.member_id, a.id",
                                   where));
  query.Bind(1, key);
  while (query.Step()) {
    ApplicationRecord application;
    application.id = query.Int(0);
    application.member_id = query.Text(1);
    application.received = query.Text(2);
    if (!query.IsNull(3)) {
      application.member = ReadMember(query, 3);
    }
    applications.push_back(std::move(application));
  }
  Statement pages(db_, fmt::format("SELECT {} FROM pages p JOIN files f ON f.id = p.file_id "
                                   "WHERE p.application_id = ? ORDER BY f.id, p.page_index",
                                   kPageColumns));
  for (ApplicationRecord& application : applications) {
    pages.Bind(1, application.id);
    while (pages.Step()) {
      application.pages.push_back(ReadPage(pages));
    }
    pages.Reset();
  }
  return applications;
}

std::vector<ApplicationRecord> Store::ListApplications() const {
  return QueryApplications("a.id > ?", 0);
}

std::optional<ApplicationRecord> Store::FindApplication(ApplicationId application) const {
  std::vector<ApplicationRecord> found = QueryApplications("a.id = ?", application);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<PageRecord> Store::ListPages(FileId file) const {
  std::vector<PageRecord> result;
  Statement query(db_, fmt::format("SELECT {} FROM pages p JOIN files f ON f.id = p.file_id "
                                   "WHERE p.file_id = ? ORDER BY p.page_index",
                                   kPageColumns));
  query.Bind(1, file);
  while (query.Step()) result.push_back(ReadPage(query));
  return result;
}

std::vector<PageRecord> Store::ListUnassignedPages() const {
  std::vector<PageRecord> result;
  Statement query(db_, fmt::format("SELECT {} FROM pages p JOIN files f ON f.id = p.file_id "
                                   "WHERE p.application_id IS NULL ORDER BY f.id, p.page_index",
                                   kPageColumns));
  while (query.Step()) {
    result.push_back(ReadPage(query));
  }
  return result;
}

CertificateId Store::AddCertificate(const CertificateRecord& c) {
  Statement(db_,
            "INSERT INTO certificates (run_id, page_id, application_id, stable_id, bbox_x0, bbox_y0, bbox_x1, bbox_y1, "
            "quad_json, kind, category, event_id, event_text, date, attendance, issuer, name_present, "
            "name_instrument, copy_suspected, confidence, fields_json, reading_json) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(1, c.run)
      .Bind(2, c.page_id)
      .Bind(3, c.application_id)
      .Bind(4, c.stable_id)
      .Bind(5, c.bbox[0])
      .Bind(6, c.bbox[1])
      .Bind(7, c.bbox[2])
      .Bind(8, c.bbox[3])
      .Bind(9, c.quad_json)
      .Bind(10, c.kind)
      .Bind(11, c.category)
      .Bind(12, c.event_id)
      .Bind(13, c.event_text)
      .Bind(14, c.date)
      .Bind(15, c.attendance)
      .Bind(16, c.issuer)
      .Bind(17, c.name_present)
      .Bind(18, c.name_instrument)
      .Bind(19, c.copy_suspected)
      .Bind(20, c.confidence)
      .Bind(21, c.facts_json)
      .Bind(22, c.reading_json)
      .Run();
  const CertificateId id = sqlite3_last_insert_rowid(db_);
  for (const EvidenceRecord& e : c.evidence) {
    Statement(db_,
              "INSERT INTO evidence (certificate_id, check_id, value, threshold, finding, region_json, message_ja) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .Bind(1, id)
        .Bind(2, e.check_id)
        .Bind(3, e.value)
        .Bind(4, e.threshold)
        .Bind(5, e.finding)
        .Bind(6, e.region_json)
        .Bind(7, e.message_ja)
        .Run();
  }
  return id;
}

std::vector<EvidenceRecord> Store::ListEvidence(CertificateId certificate) const {
  Statement query(db_,
                  "SELECT check_id, value, threshold, finding, region_json, message_ja FROM evidence "
                  "WHERE certificate_id = ? ORDER BY id");
  query.Bind(1, certificate);
  std::vector<EvidenceRecord> evidence;
  while (query.Step()) {
    evidence.push_back({query.Text(0), query.OptionalReal(1), query.OptionalReal(2), query.Text(3),
                        query.OptionalText(4).value_or(""), query.Text(5)});
  }
  return evidence;
}

std::vector<CertificateRecord> Store::QueryCertificates(const std::string& where,
                                                        const std::vector<std::int64_t>& keys) const {
  Statement query(
      db_,
      fmt::format("SELECT c.id, c.run_id, c.page_id, c.application_id, c.stable_id, f.name, p.page_index, c.bbox_x0, "
                  "c.bbox_y0, c.bbox_x1, c.bbox_y1, c.quad_json, c.kind, c.category, c.event_id, c.event_text, "
                  "c.date, c.attendance, c.issuer, c.name_present, c.name_instrument, c.copy_suspected, "
                  "c.confidence, c.fields_json, c.reading_json FROM certificates c "
                  "JOIN pages p ON p.id = c.page_id JOIN files f ON f.id = p.file_id JOIN runs r ON r.id = c.run_id "
                  "WHERE {} ORDER BY f.id, p.page_index, c.id",
                  where));
  for (std::size_t i = 0; i < keys.size(); ++i) query.Bind(static_cast<int>(i + 1), keys[i]);
  std::vector<CertificateRecord> certificates;
  while (query.Step()) {
    CertificateRecord c;
    c.id = query.Int(0);
    c.run = query.Int(1);
    c.page_id = query.Int(2);
    c.application_id = query.OptionalInt(3);
    c.stable_id = query.Text(4);
    c.file_name = query.Text(5);
    c.page_index = static_cast<int>(query.Int(6));
    for (int i = 0; i < 4; ++i) c.bbox[i] = query.Real(7 + i);
    c.quad_json = query.Text(11);
    c.kind = query.Text(12);
    c.category = query.Text(13);
    c.event_id = query.OptionalText(14);
    c.event_text = query.Text(15);
    c.date = query.OptionalText(16);
    c.attendance = query.Text(17);
    c.issuer = query.Text(18);
    if (auto v = query.OptionalInt(19)) c.name_present = *v != 0;
    c.name_instrument = query.Text(20);
    if (auto v = query.OptionalInt(21)) c.copy_suspected = *v != 0;
    c.confidence = query.Real(22);
    c.facts_json = query.Text(23);
    c.reading_json = query.Text(24);
    certificates.push_back(std::move(c));
  }
  return certificates;
}

std::vector<CertificateRecord> Store::ListCertificates(ApplicationId application, std::optional<RunId> run) const {
  if (run) return QueryCertificates("c.application_id = ? AND c.run_id = ?", {application, *run});
  return QueryCertificates("c.application_id = ? AND r.kind = 'ingest'", {application});
}

std::optional<CertificateRecord> Store::FindCertificate(CertificateId certificate) const {
  std::vector<CertificateRecord> found = QueryCertificates("c.id = ?", {certificate});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<PageRecord> Store::FindPage(PageId page) const {
  Statement query(db_,
                  fmt::format("SELECT {} FROM pages p JOIN files f ON f.id = p.file_id WHERE p.id = ?", kPageColumns));
  query.Bind(1, page);
  if (!query.Step()) return std::nullopt;
  return ReadPage(query);
}

ApplicationId Store::AssignPage(PageId page, const std::string& member_id) {
  Statement file(db_, "SELECT f.received, f.run_id FROM pages p JOIN files f ON f.id = p.file_id WHERE p.id = ?");
  file.Bind(1, page);
  if (!file.Step()) throw InputError(fmt::format("page {} does not exist", page));
  const ApplicationId application = FindOrAddApplication(member_id, file.Text(0), file.Int(1));
  Statement(db_, "UPDATE pages SET application_id = ? WHERE id = ?").Bind(1, application).Bind(2, page).Run();
  Statement(db_, "UPDATE certificates SET application_id = ? WHERE page_id = ?")
      .Bind(1, application)
      .Bind(2, page)
      .Run();
  return application;
}

std::vector<FileRecord> Store::ListFiles() const {
  Statement query(db_, fmt::format("{} ORDER BY id DESC", kFileColumns));
  std::vector<FileRecord> files;
  while (query.Step()) files.push_back(ReadFile(query));
  return files;
}

void Store::AddVerdict(const VerdictRecord& v, bool make_current) {
  Statement(db_,
            "INSERT INTO verdicts (run_id, application_id, decision, reasons_json, tally_json, counted_json, "
            "catalog_version, catalog_sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (run_id, application_id) DO UPDATE SET decision = excluded.decision, "
            "reasons_json = excluded.reasons_json, tally_json = excluded.tally_json, "
            "counted_json = excluded.counted_json, catalog_version = excluded.catalog_version, "
            "catalog_sha256 = excluded.catalog_sha256, created_at = excluded.created_at")
      .Bind(1, v.run)
      .Bind(2, v.application_id)
      .Bind(3, v.decision)
      .Bind(4, v.reasons_json)
      .Bind(5, v.tally_json)
      .Bind(6, v.certificates_json)
      .Bind(7, v.catalog_version)
      .Bind(8, v.catalog_sha256)
      .Bind(9, NowUtc())
      .Run();
  if (!make_current) return;
  Statement(db_,
            "INSERT INTO current_verdicts (application_id, verdict_id) SELECT application_id, id FROM verdicts "
            "WHERE run_id = ? AND application_id = ? "
            "ON CONFLICT (application_id) DO UPDATE SET verdict_id = excluded.verdict_id")
      .Bind(1, v.run)
      .Bind(2, v.application_id)
      .Run();
}

std::optional<VerdictRecord> Store::QueryVerdict(const char* from_where, std::int64_t first,
                                                 std::int64_t second) const {
  Statement query(db_, fmt::format("SELECT v.id, v.run_id, v.application_id, v.decision, v.reasons_json, "
                                   "v.tally_json, v.counted_json, v.catalog_version, v.catalog_sha256, "
                                   "v.created_at FROM {}",
                                   from_where));
  query.Bind(1, first);
  if (second != 0) query.Bind(2, second);
  if (!query.Step()) return std::nullopt;
  VerdictRecord v;
  v.id = query.Int(0);
  v.run = query.Int(1);
  v.application_id = query.Int(2);
  v.decision = query.Text(3);
  v.reasons_json = query.Text(4);
  v.tally_json = query.Text(5);
  v.certificates_json = query.Text(6);
  v.catalog_version = query.Text(7);
  v.catalog_sha256 = query.Text(8);
  v.created_at = query.Text(9);
  return v;
}

std::optional<VerdictRecord> Store::CurrentVerdict(ApplicationId application) const {
  return QueryVerdict("current_verdicts c JOIN verdicts v ON v.id = c.verdict_id WHERE c.application_id = ?",
                      application, 0);
}

std::optional<VerdictRecord> Store::VerdictOf(ApplicationId application, RunId run) const {
  return QueryVerdict("verdicts v WHERE v.application_id = ? AND v.run_id = ?", application, run);
}

std::vector<HistoryEntry> Store::ListHistory(const std::string& member_id) const {
  Statement query(db_,
                  "SELECT member_id, event_id, date, points FROM attendance_history WHERE member_id = ? "
                  "ORDER BY date, event_id");
  query.Bind(1, member_id);
  std::vector<HistoryEntry> history;
  while (query.Step()) {
    history.push_back(HistoryEntry{.member_id = query.Text(0),
                                   .event_id = query.Text(1),
                                   .date = query.Text(2),
                                   .points = static_cast<int>(query.Int(3))});
  }
  return history;
}

void Store::UpsertMember(const Member& member) {
  Statement(db_,
            "INSERT INTO members (member_id, name, name_kana, cert_start, cert_end, fees_paid, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET name = excluded.name, "
            "name_kana = excluded.name_kana, cert_start = excluded.cert_start, cert_end = excluded.cert_end, "
            "fees_paid = excluded.fees_paid, updated_at = excluded.updated_at")
      .Bind(1, member.member_id)
      .Bind(2, member.name)
      .Bind(3, member.name_kana)
      .Bind(4, member.cert_start)
      .Bind(5, member.cert_end)
      .Bind(6, member.fees_paid)
      .Bind(7, NowUtc())
      .Run();
}

std::optional<Member> Store::FindMember(const std::string& member_id) const {
  Statement query(
      db_, "SELECT member_id, name, name_kana, cert_start, cert_end, fees_paid FROM members WHERE member_id = ?");
  query.Bind(1, member_id);
  if (!query.Step()) {
    return std::nullopt;
  }
  return ReadMember(query, 0);
}

void Store::UpsertHistory(const HistoryEntry& entry) {
  Statement(db_,
            "INSERT INTO attendance_history (member_id, event_id, date, points) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (member_id, event_id, date) DO UPDATE SET points = excluded.points")
      .Bind(1, entry.member_id)
      .Bind(2, entry.event_id)
      .Bind(3, entry.date)
      .Bind(4, entry.points)
      .Run();
}

}  // namespace certintake::store
