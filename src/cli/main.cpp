// certintake: the command line (CONTRACT.md). Parses arguments, calls the stages, and turns
// errors into one-line messages and exit codes; no processing happens here.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <thread>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "certintake/audit/audit.hpp"
#include "certintake/audit/audit_report.hpp"
#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/version.hpp"
#include "certintake/coversheet/coversheet.hpp"
#include "certintake/evaluate/evaluation.hpp"
#include "certintake/export/results_export.hpp"
#include "certintake/load/scan_reader.hpp"
#include "certintake/members/register_import.hpp"
#include "certintake/notice/deficiency_notice.hpp"
#include "certintake/pipeline/ingest.hpp"
#include "certintake/serve/accounts.hpp"
#include "certintake/serve/review_server.hpp"
#include "console.hpp"
#include "exit_codes.hpp"
#include "text_table.hpp"

namespace certintake::cli {
namespace {

namespace fs = std::filesystem;

struct DatabaseOptions {
  fs::path db = "certintake.db";
  fs::path archive;  ///< empty: "<db>.archive" beside the database

  [[nodiscard]] fs::path ArchiveRoot() const { return archive.empty() ? fs::path(db.string() + ".archive") : archive; }
};

void AddDatabaseOptions(CLI::App& command, DatabaseOptions& options) {
  command.add_option("--db", options.db, "SQLite database file")->capture_default_str();
  command.add_option("--archive", options.archive, "archive of original scans (default: <db>.archive)");
}

store::Store OpenExistingStore(const DatabaseOptions& options) {
  if (!fs::exists(options.db)) {
    throw DatabaseError(
        fmt::format("the database {} does not exist; run certintake ingest first (or give --db)", options.db.string()));
  }
  return store::Store::Open(options.db);
}

std::string ReadText(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(fmt::format("{}: cannot read the file", file.string()));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Writes `content` to `file` through a temporary name, so a reader never sees half a file.
void WriteAtomically(const fs::path& file, const std::string& content) {
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary);
    out << content;
    if (!out.flush()) {
      throw InputError(fmt::format("{}: cannot write the file", file.string()));
    }
  }
  fs::rename(temp, file);
}

/// Imports a member register or attendance history CSV; prints one line per skipped row.
/// Returns false when any row or the whole file was rejected.
template <typename Row>
bool ImportCsv(const fs::path& csv, members::Import<Row> (*read)(std::string_view),
               void (store::Store::*upsert)(const Row&), store::Store& store, Console& console, std::string_view what) {
  const auto import = read(ReadText(csv));
  for (const members::ImportProblem& problem : import.problems) {
    console.Line(problem.line > 0 ? fmt::format("error: {}:{}: {}", csv.string(), problem.line, problem.message)
                                  : fmt::format("error: {}: {}", csv.string(), problem.message));
  }
  store::Store::Transaction transaction(store);
  for (const Row& row : import.rows) {
    (store.*upsert)(row);
  }
  transaction.Commit();
  if (import.refused) {
    console.Line(fmt::format("{}: nothing imported", csv.string()));
  } else {
    console.Line(fmt::format("{}: {} {} imported, {} {} skipped", csv.string(), import.rows.size(), what,
                             import.problems.size(), import.problems.size() == 1 ? "row" : "rows"));
  }
  return import.problems.empty();
}

struct IngestArguments {
  DatabaseOptions database;
  std::vector<fs::path> inputs;
  fs::path members_csv;
  fs::path history_csv;
  std::string received;
  int jobs = 1;
  fs::path debug_dir;
  load::LoadLimits limits;
  double max_megapixels = limits.max_pixels / 1e6;
};

int RunIngest(const IngestArguments& arguments) {
  pipeline::IngestOptions options;
  options.jobs = arguments.jobs;
  options.limits = arguments.limits;
  options.limits.max_pixels = arguments.max_megapixels * 1e6;
  options.received = arguments.received.empty() ? FormatIsoDate(LocalToday()) : arguments.received;
  if (!ParseIsoDate(options.received)) {
    throw UsageError(fmt::format("--received '{}' is not a valid date (YYYY-MM-DD)", arguments.received));
  }
  store::Store store = store::Store::Open(arguments.database.db);
  const archive::Archive archive(arguments.database.ArchiveRoot());

  std::vector<pipeline::IngestMessage> input_messages;
  const std::vector<fs::path> files = pipeline::CollectInputs(arguments.inputs, input_messages);
  Console console(static_cast<int>(files.size()));
  bool failed = !input_messages.empty();
  for (const auto& message : input_messages) {
    console.Line("error: " + message.text);
  }
  if (!arguments.members_csv.empty()) {
    failed |= !ImportCsv(arguments.members_csv, members::ReadMemberRegister, &store::Store::UpsertMember, store,
                         console, "members");
  }
  if (!arguments.history_csv.empty()) {
    failed |= !ImportCsv(arguments.history_csv, members::ReadAttendanceHistory, &store::Store::UpsertHistory, store,
                         console, "history entries");
  }

  pipeline::ServiceSet service_set = pipeline::LoadServices();
  pipeline::Services services =
      service_set.View(arguments.debug_dir.empty() ? DebugSink() : DebugSink(arguments.debug_dir));
  const pipeline::BatchSummary summary = pipeline::IngestBatch(files, options, store, archive, services, console);
  console.Finish();
  fmt::print(stderr,
             "ingest: {} files ({} ingested, {} already ingested, {} with errors), {} pages, {} applications, {} "
             "unassigned pages, {:.1f} s\n",
             summary.files, summary.ingested, summary.already_ingested, summary.with_errors, summary.pages,
             summary.members.size(), summary.unassigned_pages, console.ElapsedSeconds());
  failed |= summary.with_errors > 0;
  return failed ? kExitInputFailed : kExitOk;
}

int RunExport(const DatabaseOptions& database, const std::string& format, const fs::path& out) {
  const store::Store store = OpenExistingStore(database);
  const std::string content =
      format == "csv" ? exporting::ResultsCsv(store) : exporting::ResultsJson(store).dump(2) + "\n";
  if (out.empty()) {
    std::cout << content;
  } else {
    WriteAtomically(out, content);
  }
  return kExitOk;
}

int RunSummary(const DatabaseOptions& database) {
  const store::Store store = OpenExistingStore(database);
  TextTable table({"member", "name", "received", "pages", "certificates", "decision"});
  const std::vector<store::ApplicationRecord> applications = store.ListApplications();
  for (const store::ApplicationRecord& application : applications) {
    const auto verdict = store.CurrentVerdict(application.id);
    std::string decision = "(not decided)";
    if (verdict) {
      decision = verdict->decision;
      for (const auto& reason : nlohmann::json::parse(verdict->reasons_json)) {
        decision += " " + reason.get<std::string>();
      }
    }
    table.AddRow({application.member_id, application.member ? application.member->name : "(not registered)",
                  application.received, std::to_string(application.pages.size()),
                  std::to_string(store.ListCertificates(application.id).size()), decision});
  }
  std::cout << table.Render();
  const auto unassigned = store.ListUnassignedPages();
  std::cout << fmt::format("{} applications, {} unassigned pages\n", applications.size(), unassigned.size());
  for (const store::PageRecord& page : unassigned) {
    std::cout << fmt::format("  unassigned: {} page {}{}\n", page.file_name, page.index,
                             page.error ? " (" + *page.error + ")" : "");
  }
  const auto errors = store.ListLatestInputErrors();
  if (!errors.empty()) {
    std::cout << fmt::format("problems in the latest ingest that had any (run {}):\n", errors.front().run);
  }
  for (const store::InputErrorRecord& error : errors) {
    std::cout << fmt::format("  {}{}: {}\n", error.file_name,
                             error.page_index ? fmt::format(" page {}", *error.page_index) : "", error.message);
  }
  return kExitOk;
}

int RunMembersImport(const DatabaseOptions& database, const fs::path& csv) {
  store::Store store = store::Store::Open(database.db);
  Console console(0);
  const bool ok = ImportCsv(csv, members::ReadMemberRegister, &store::Store::UpsertMember, store, console, "members");
  return ok ? kExitOk : kExitInputFailed;
}

/// Measures the pipeline on a labelled folder: ingests its files into a fresh database (or reads
/// an exported results file) and compares with labels.json.
int RunEval(const fs::path& folder, const fs::path& results_file, bool as_json, bool segmentation_only,
            const fs::path& debug_dir) {
  const nlohmann::json labels = nlohmann::json::parse(ReadText(folder / "labels.json"), nullptr, false);
  if (labels.is_discarded() || labels.value("schema", "") != "certintake.labels/1") {
    throw UsageError(fmt::format("{}: not a certintake.labels/1 file", (folder / "labels.json").string()));
  }
  nlohmann::json results;
  double seconds_per_page = 0.0;
  if (!results_file.empty()) {
    results = nlohmann::json::parse(ReadText(results_file), nullptr, false);
    if (results.is_discarded()) throw UsageError(fmt::format("{}: not valid JSON", results_file.string()));
  } else {
    const fs::path work = fs::temp_directory_path() / fmt::format("certintake-eval-{}", ::getpid());
    fs::create_directories(work);
    struct Cleanup {
      fs::path path;
      ~Cleanup() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
      }
    } cleanup{work};
    store::Store store = store::Store::Open(work / "eval.db");
    const archive::Archive archive(work / "eval.db.archive");
    const auto members = members::ReadMemberRegister(ReadText(folder / labels.value("members_csv", "members.csv")));
    for (const Member& member : members.rows) store.UpsertMember(member);
    std::vector<fs::path> files;
    for (const auto& file : labels.value("files", nlohmann::json::array())) {
      files.push_back(folder / file.value("file", ""));
    }
    pipeline::IngestOptions options;
    options.received = labels.value("received", FormatIsoDate(LocalToday()));
    pipeline::IngestObserver quiet;
    const auto start = std::chrono::steady_clock::now();
    pipeline::ServiceSet service_set = pipeline::LoadServices();
    pipeline::Services services = service_set.View(debug_dir.empty() ? DebugSink() : DebugSink(debug_dir));
    services.read_certificates = !segmentation_only;
    const pipeline::BatchSummary summary = pipeline::IngestBatch(files, options, store, archive, services, quiet);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    seconds_per_page = summary.pages > 0 ? seconds / summary.pages : 0.0;
    results = exporting::ResultsJson(store);
  }
  const std::set<evaluate::Stage> measured = segmentation_only
                                                 ? std::set{evaluate::Stage::kPageRoles, evaluate::Stage::kSegmentation}
                                                 : evaluate::ImplementedStages();
  evaluate::Evaluation evaluation = evaluate::Evaluate(labels, results, measured);
  evaluation.seconds_per_page = seconds_per_page;
  std::cout << (as_json ? evaluate::EvaluationJson(evaluation).dump(2) + "\n" : evaluate::RenderEvaluation(evaluation));
  return kExitOk;
}

int RunCoversheet(const DatabaseOptions& database, const std::string& member_id, fs::path out) {
  coversheet::CoversheetContent content{.member_id = member_id, .member_name = std::nullopt};
  if (fs::exists(database.db)) {
    if (auto member = store::Store::Open(database.db).FindMember(member_id)) {
      content.member_name = member->name;
    }
  }
  if (out.empty()) {
    out = fmt::format("separator-{}.pdf", member_id);
  }
  coversheet::WriteCoversheet(content, out);
  fmt::print(stderr, "coversheet: {} written for member {}\n", out.string(), member_id);
  return kExitOk;
}

struct NoticeArguments {
  DatabaseOptions database;
  std::string member_id;  ///< empty: every deficient application
  fs::path out_dir = ".";
  std::string date;  ///< the notices' date; empty: today
};

/// Writes notice-<member>-<received>.html for the member's deficient applications (or everyone's).
int RunNotice(const NoticeArguments& arguments) {
  const store::Store store = OpenExistingStore(arguments.database);
  std::string date = arguments.date;
  if (date.empty()) {
    date = FormatIsoDate(LocalToday());
  } else if (!ParseIsoDate(date)) {
    throw UsageError(fmt::format("--date '{}' is not a date (YYYY-MM-DD)", date));
  }
  fs::create_directories(arguments.out_dir);
  int written = 0;
  int applications = 0;
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    if (!arguments.member_id.empty() && application.member_id != arguments.member_id) continue;
    ++applications;
    const std::optional<notice::DeficiencyNotice> notice = notice::NoticeFor(store, application);
    if (!notice) continue;
    const fs::path file =
        arguments.out_dir / fmt::format("notice-{}-{}.html", application.member_id, application.received);
    std::ofstream out(file, std::ios::binary);
    out << notice::NoticeHtml(*notice, date);
    if (!out) throw InputError(fmt::format("{}: cannot write the notice", file.string()));
    fmt::print("{}\n", file.string());
    ++written;
  }
  if (!arguments.member_id.empty() && applications == 0) {
    throw UsageError(
        fmt::format("member {}: no application in {}", arguments.member_id, arguments.database.db.string()));
  }
  fmt::print(stderr, "notice: {} of {} applications deficient; their notices are in {}\n", written, applications,
             arguments.out_dir.string());
  return kExitOk;
}

/// Draws an audit's progress on the console.
class AuditProgress final : public audit::AuditObserver {
 public:
  explicit AuditProgress(Console& console) : console_(console) {}
  void AuditStarted(int files_to_read) override { console_.SetTotalFiles(files_to_read); }
  void FileStarted(const std::string& file, int page_count) override { console_.FileStarted(file, page_count); }
  void PageDone() override { console_.PageDone(); }
  void FileDone(const store::AuditFileRecord& outcome) override {
    console_.FileReread(outcome.file_name, outcome.message);
  }

 private:
  Console& console_;
};

struct AuditArguments {
  DatabaseOptions database;
  audit::AuditOptions options;
  fs::path report_dir;  ///< empty: "<db>.audits" beside the database
};

int RunAudit(const AuditArguments& arguments) {
  for (const std::string* date : {&arguments.options.filter.since, &arguments.options.filter.until}) {
    if (!date->empty() && !ParseIsoDate(*date)) {
      throw UsageError(fmt::format("'{}' is not a valid date (YYYY-MM-DD)", *date));
    }
  }
  store::Store store = OpenExistingStore(arguments.database);
  const archive::Archive archive(arguments.database.ArchiveRoot());
  pipeline::ServiceSet service_set = pipeline::LoadServices();
  pipeline::Services services = service_set.View();
  Console console(0);
  AuditProgress progress(console);
  // The report is written as the run is marked finished, in the same transaction: a run killed
  // between the two is resumed, and its report written, by the same command.
  const fs::path dir =
      arguments.report_dir.empty() ? fs::path(arguments.database.db.string() + ".audits") : arguments.report_dir;
  fs::path json_file;
  fs::path html_file;
  nlohmann::ordered_json report;
  audit::AuditOptions options = arguments.options;
  options.on_finishing = [&](store::RunId run) {
    report = audit::AuditReport(store, run);
    fs::create_directories(dir);
    json_file = dir / fmt::format("audit-{}.json", run);
    html_file = dir / fmt::format("audit-{}.html", run);
    WriteAtomically(json_file, report.dump(2) + "\n");
    WriteAtomically(html_file, audit::AuditReportHtml(report));
  };
  const audit::AuditSummary summary = audit::RunAudit(store, archive, services, options, progress);
  console.Finish();
  if (summary.resumed) {
    fmt::print(stderr, "audit: resumed run {} ({} of {} files had been re-read)\n", summary.run, summary.already_done,
               summary.files);
  }
  if (!summary.finished) {
    fmt::print(stderr, "audit: run {} stopped before the end; run the same command again to resume it\n", summary.run);
    return kExitInputFailed;
  }
  std::cout << audit::AuditSummaryText(report);
  std::cout << fmt::format("report: {} and {}\n", json_file.string(), html_file.string());
  return summary.problems > 0 ? kExitInputFailed : kExitOk;
}

struct ServeArguments {
  DatabaseOptions database;
  std::string host = "127.0.0.1";
  int port = 8080;
};

int RunServe(const ServeArguments& arguments) {
  (void)OpenExistingStore(arguments.database);  // a clear error before anything listens
  // SIGINT and SIGTERM stop the server between requests; a watcher thread waits for them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  serve::ReviewServer server(serve::ServerOptions{.db = arguments.database.db,
                                                  .archive_root = arguments.database.ArchiveRoot(),
                                                  .host = arguments.host,
                                                  .port = arguments.port});
  const int port = server.Bind();
  fmt::print(stderr, "serve: http://{}:{}/ (Ctrl-C stops)\n", arguments.host, port);
  std::thread([&server, stop_signals] {
    int signal = 0;
    sigwait(&stop_signals, &signal);
    server.Stop();
  }).detach();
  server.Run();
  fmt::print(stderr, "serve: stopped\n");
  return kExitOk;
}

/// The password from standard input: prompted for, without echo, on a terminal; else its first line.
std::string ReadPassword() {
  const bool terminal = ::isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (terminal) {
    fmt::print(stderr, "password: ");
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    fmt::print(stderr, "\n");
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  return password;
}

int RunUsersAdd(const DatabaseOptions& database, const std::string& name, const std::string& role_name) {
  store::Store store = store::Store::Open(database.db);
  const std::optional<serve::Role> role = serve::RoleFromName(role_name);
  if (!role) throw UsageError(fmt::format("--role '{}' is not staff, reviewer, auditor or admin", role_name));
  serve::AddUser(store, name, *role, ReadPassword());
  fmt::print(stderr, "users: {} added as {}\n", name, role_name);
  return kExitOk;
}

int Main(int argc, char** argv) {
  CLI::App app{"certintake: intake of mailed certification-renewal applications"};
  app.set_version_flag("--version", PipelineVersion());
  app.require_subcommand(1);

  IngestArguments ingest;
  CLI::App* ingest_command =
      app.add_subcommand("ingest", "archive and process scans (PDF, TIFF, PNG, JPEG or folders)");
  AddDatabaseOptions(*ingest_command, ingest.database);
  ingest_command->add_option("--members", ingest.members_csv, "member register CSV to import first")
      ->check(CLI::ExistingFile);
  ingest_command->add_option("--history", ingest.history_csv, "attendance history CSV to import first")
      ->check(CLI::ExistingFile);
  ingest_command->add_option("--received", ingest.received, "arrival date of the mail, YYYY-MM-DD (default: today)");
  ingest_command->add_option("--jobs", ingest.jobs, "pages worked on at once, each with its own OCR engine (default 1)")
      ->check(CLI::PositiveNumber);
  ingest_command->add_option("--debug-dir", ingest.debug_dir, "write pictures of each stage's steps, per page");
  ingest_command->add_option("--max-pages", ingest.limits.max_pages, "refuse a file with more pages than this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  ingest_command
      ->add_option("--max-megapixels", ingest.max_megapixels, "refuse a page with more pixels than this, in millions")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  ingest_command->add_option("INPUT", ingest.inputs, "scan files or folders")->required();

  DatabaseOptions export_database;
  std::string format = "json";
  fs::path export_out;
  CLI::App* export_command = app.add_subcommand("export", "write results as JSON or CSV (CONTRACT.md)");
  AddDatabaseOptions(*export_command, export_database);
  export_command->add_option("--format", format, "json or csv")->check(CLI::IsMember({"json", "csv"}));
  export_command->add_option("--out", export_out, "output file (default: standard output)");

  DatabaseOptions summary_database;
  CLI::App* summary_command = app.add_subcommand("summary", "list applications and unassigned pages");
  AddDatabaseOptions(*summary_command, summary_database);

  DatabaseOptions members_database;
  fs::path members_csv;
  CLI::App* members_command = app.add_subcommand("members", "the member register");
  members_command->require_subcommand(1);
  CLI::App* import_command = members_command->add_subcommand("import", "load or update members from a CSV");
  AddDatabaseOptions(*import_command, members_database);
  import_command->add_option("CSV", members_csv, "member_id,name,name_kana,cert_start,cert_end,fees_paid")
      ->required()
      ->check(CLI::ExistingFile);

  DatabaseOptions coversheet_database;
  std::string member_id;
  fs::path coversheet_out;
  CLI::App* coversheet_command = app.add_subcommand("coversheet", "print a separator sheet for one application");
  AddDatabaseOptions(*coversheet_command, coversheet_database);
  coversheet_command->add_option("--member", member_id, "member id")->required();
  coversheet_command->add_option("--out", coversheet_out, "PDF file (default: separator-<member>.pdf)");

  NoticeArguments notice;
  CLI::App* notice_command =
      app.add_subcommand("notice", "write the printable deficiency notice (HTML) of deficient applications");
  AddDatabaseOptions(*notice_command, notice.database);
  notice_command->add_option("--member", notice.member_id, "only this member's applications (default: all)");
  notice_command->add_option("--out-dir", notice.out_dir, "folder for the notice files")->capture_default_str();
  notice_command->add_option("--date", notice.date, "date printed on the notices, YYYY-MM-DD (default: today)");

  AuditArguments audit_arguments;
  CLI::App* audit_command = app.add_subcommand(
      "audit", "re-run archived scans with today's pipeline and rules into a new run; report what differs");
  AddDatabaseOptions(*audit_command, audit_arguments.database);
  audit_command->add_option("--since", audit_arguments.options.filter.since,
                            "applications received on or after, YYYY-MM-DD");
  audit_command->add_option("--until", audit_arguments.options.filter.until,
                            "applications received on or before, YYYY-MM-DD");
  audit_command->add_option("--member", audit_arguments.options.filter.member, "only this member's applications");
  audit_command->add_option("--report-dir", audit_arguments.report_dir,
                            "where the JSON and HTML reports go (default: <db>.audits)");
  audit_command
      ->add_option("--stop-after-files", audit_arguments.options.stop_after_files,
                   "stop after re-reading this many files, as an interruption would (the next run resumes)")
      ->check(CLI::PositiveNumber);

  ServeArguments serve;
  CLI::App* serve_command = app.add_subcommand("serve", "the reviewers' web UI and its JSON API");
  AddDatabaseOptions(*serve_command, serve.database);
  serve_command->add_option("--host", serve.host, "address to listen on")->capture_default_str();
  serve_command->add_option("--port", serve.port, "port to listen on (0: any free one)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));

  DatabaseOptions users_database;
  std::string user_name;
  std::string user_role;
  CLI::App* users_command = app.add_subcommand("users", "accounts of the review server");
  users_command->require_subcommand(1);
  CLI::App* users_add_command =
      users_command->add_subcommand("add", "add a user; the password is prompted for, or read from standard input");
  AddDatabaseOptions(*users_add_command, users_database);
  users_add_command->add_option("NAME", user_name, "user name")->required();
  users_add_command->add_option("--role", user_role, "staff, reviewer, auditor or admin")
      ->required()
      ->check(CLI::IsMember({"staff", "reviewer", "auditor", "admin"}));

  fs::path eval_folder;
  fs::path eval_results;
  bool eval_json = false;
  CLI::App* eval_command = app.add_subcommand("eval", "measure the pipeline on a labelled corpus folder");
  eval_command->add_option("FOLDER", eval_folder, "folder with labels.json, members.csv and the scans")
      ->required()
      ->check(CLI::ExistingDirectory);
  eval_command->add_option("--results", eval_results, "compare this exported results JSON instead of running")
      ->check(CLI::ExistingFile);
  eval_command->add_flag("--json", eval_json, "print the figures as JSON");
  bool eval_segmentation_only = false;
  eval_command
      ->add_flag("--segmentation-only", eval_segmentation_only,
                 "only classify pages and find certificates (fast); measure page roles and segmentation")
      ->excludes("--results");
  fs::path eval_debug_dir;
  eval_command->add_option("--debug-dir", eval_debug_dir, "write pictures of each stage's steps, per page")
      ->excludes("--results");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kExitOk : kExitUsage;
  }

  try {
    if (ingest_command->parsed()) return RunIngest(ingest);
    if (export_command->parsed()) return RunExport(export_database, format, export_out);
    if (summary_command->parsed()) return RunSummary(summary_database);
    if (import_command->parsed()) return RunMembersImport(members_database, members_csv);
    if (coversheet_command->parsed()) return RunCoversheet(coversheet_database, member_id, coversheet_out);
    if (notice_command->parsed()) return RunNotice(notice);
    if (serve_command->parsed()) return RunServe(serve);
    if (audit_command->parsed()) return RunAudit(audit_arguments);
    if (users_add_command->parsed()) return RunUsersAdd(users_database, user_name, user_role);
    if (eval_command->parsed())
      return RunEval(eval_folder, eval_results, eval_json, eval_segmentation_only, eval_debug_dir);
  } catch (const Error& error) {
    fmt::print(stderr, "error: {}\n", error.what());
    return ExitCodeFor(error.kind());
  } catch (const std::exception& error) {
    fmt::print(stderr, "error: unexpected failure: {}\n", error.what());
    return ExitCodeFor(ErrorKind::kInternal);
  }
  return kExitUsage;
}

}  // namespace
}  // namespace certintake::cli

// NOLINTNEXTLINE(bugprone-exception-escape): everything is caught; tidy cannot prove fputs does not throw.
int main(int argc, char** argv) {
  // Tesseract's LSTM asks OpenMP for several threads on every call, past omp_set_num_threads; on
  // two cores they spin against each other and a page costs three to four times as much. Only
  // OMP_THREAD_LIMIT holds them, and libgomp reads it once, as it loads. The page workers are
  // the parallelism (--jobs), so unless the caller chose a limit, start again with it set.
  if (std::getenv("OMP_THREAD_LIMIT") == nullptr) {
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    ::execv("/proc/self/exe", argv);  // returns only if it failed: then carry on as we are
  }
  return certintake::cli::Main(argc, argv);
}
