#include "certintake/audit/audit_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "certintake/core/error.hpp"
#include "certintake/core/html.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/serialise.hpp"

namespace certintake::audit {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr double kSamePieceOverlap = 0.5;  ///< IoU at which two runs' pieces are the same piece

double Overlap(const double (&a)[4], const double (&b)[4]) {
  const double w = std::min(a[2], b[2]) - std::max(a[0], b[0]);
  const double h = std::min(a[3], b[3]) - std::max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const double both = w * h;
  return both / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - both);
}

ordered_json VersionsJson(const store::RunRecord& run) {
  return {{"run", run.id},
          {"kind", run.kind},
          {"pipeline", run.versions.pipeline},
          {"catalog", run.versions.catalog},
          {"catalog_sha256", run.versions.catalog_sha256},
          {"ocr", run.versions.ocr},
          {"config_sha256", run.versions.config_sha256}};
}

/// What the rules and the report compare of one certificate: its fields, and what the verdict
/// made of it.
ordered_json CertificateState(const store::CertificateRecord& certificate, const json& verdict_entry) {
  const rules::CertificateFacts facts = rules::FactsFromJson(json::parse(certificate.facts_json));
  ordered_json state = ordered_json::object();
  for (std::string_view field : review::CorrectableFields()) {
    state[std::string(field)] = review::FieldValue(facts, field);
  }
  state["unreadable"] = facts.unreadable;
  state["points"] = verdict_entry.value("points", 0);
  state["counted"] = verdict_entry.value("counted", false);
  state["flags"] = verdict_entry.value("flags", json::array());
  return state;
}

std::map<std::string, json> VerdictEntries(const std::optional<store::VerdictRecord>& verdict) {
  std::map<std::string, json> entries;
  if (!verdict) return entries;
  for (const json& entry : json::parse(verdict->certificates_json)) entries[entry.value("id", "")] = entry;
  return entries;
}

/// Pairs each stored piece with the audit's piece on the same page that overlaps it most.
ordered_json CompareCertificates(const std::vector<store::CertificateRecord>& stored,
                                 const std::optional<store::VerdictRecord>& stored_verdict,
                                 const std::vector<store::CertificateRecord>& audited,
                                 const std::optional<store::VerdictRecord>& audit_verdict) {
  const auto stored_entries = VerdictEntries(stored_verdict);
  const auto audit_entries = VerdictEntries(audit_verdict);
  std::set<std::size_t> matched;
  ordered_json rows = ordered_json::array();
  const auto entry_of = [](const std::map<std::string, json>& entries, const std::string& id) {
    const auto found = entries.find(id);
    return found == entries.end() ? json::object() : found->second;
  };
  for (const store::CertificateRecord& before : stored) {
    std::optional<std::size_t> best;
    double best_overlap = kSamePieceOverlap;
    for (std::size_t i = 0; i < audited.size(); ++i) {
      if (matched.contains(i) || audited[i].page_id != before.page_id) continue;
      const double overlap = Overlap(before.bbox, audited[i].bbox);
      if (overlap >= best_overlap) {
        best = i;
        best_overlap = overlap;
      }
    }
    ordered_json row = {{"file", before.file_name}, {"page", before.page_index}, {"stored_id", before.stable_id}};
    const ordered_json was = CertificateState(before, entry_of(stored_entries, before.stable_id));
    if (!best) {
      row["change"] = "not_found";
      row["stored"] = was;
      rows.push_back(std::move(row));
      continue;
    }
    matched.insert(*best);
    const ordered_json now = CertificateState(audited[*best], entry_of(audit_entries, audited[*best].stable_id));
    row["audit_id"] = audited[*best].stable_id;
    ordered_json differences = ordered_json::object();
    for (const auto& [key, value] : was.items()) {
      if (now[key] != value) differences[key] = {{"stored", value}, {"audit", now[key]}};
    }
    row["change"] = differences.empty() ? "same" : "changed";
    row["differences"] = std::move(differences);
    rows.push_back(std::move(row));
  }
  for (std::size_t i = 0; i < audited.size(); ++i) {
    if (matched.contains(i)) continue;
    rows.push_back({{"file", audited[i].file_name},
                    {"page", audited[i].page_index},
                    {"audit_id", audited[i].stable_id},
                    {"change", "new"},
                    {"audit", CertificateState(audited[i], entry_of(audit_entries, audited[i].stable_id))}});
  }
  return rows;
}

ordered_json DecisionJson(const std::optional<store::VerdictRecord>& verdict) {
  if (!verdict) return nullptr;
  return {{"decision", verdict->decision},
          {"reasons", ordered_json::parse(verdict->reasons_json)},
          {"tally", ordered_json::parse(verdict->tally_json)},
          {"catalog_version", verdict->catalog_version},
          {"catalog_sha256", verdict->catalog_sha256}};
}

std::string Text(const ordered_json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

}  // namespace

ordered_json AuditReport(const store::Store& store, store::RunId run) {
  const std::optional<store::RunRecord> audit = store.FindRun(run);
  if (!audit || audit->kind != "audit") throw UsageError(fmt::format("run {} is not an audit", run));
  const json filter = json::parse(audit->filter_json.empty() ? "{}" : audit->filter_json);

  std::map<store::FileId, store::AuditFileRecord> files;
  ordered_json file_rows = ordered_json::array();
  int problems = 0;
  for (const store::AuditFileRecord& file : store.ListAuditFiles(run)) {
    files[file.file_id] = file;
    problems += file.outcome == "audited" ? 0 : 1;
    file_rows.push_back({{"file", file.file_name},
                         {"outcome", file.outcome},
                         {"message", file.message ? ordered_json(*file.message) : ordered_json(nullptr)}});
  }

  ordered_json applications = ordered_json::array();
  std::map<store::RunId, ordered_json> baselines;
  int changed = 0;
  int decisions_changed = 0;
  int certificates_changed = 0;
  int disagreements = 0;
  for (const store::ApplicationRecord& application : store.ListApplications()) {
    const std::optional<store::VerdictRecord> audit_verdict = store.VerdictOf(application.id, run);
    if (!audit_verdict) continue;  // not covered by this audit
    const std::optional<store::VerdictRecord> stored_verdict = store.CurrentVerdict(application.id);
    if (stored_verdict && !baselines.contains(stored_verdict->run)) {
      if (const auto baseline = store.FindRun(stored_verdict->run)) baselines[baseline->id] = VersionsJson(*baseline);
    }
    const ordered_json certificates = CompareCertificates(store.ListCertificates(application.id), stored_verdict,
                                                          store.ListCertificates(application.id, run), audit_verdict);
    const int pieces_changed = static_cast<int>(std::count_if(
        certificates.begin(), certificates.end(), [](const ordered_json& c) { return c["change"] != "same"; }));
    const ordered_json before = DecisionJson(stored_verdict);
    const ordered_json after = DecisionJson(audit_verdict);
    const bool decision_changed = before.is_null() || before["decision"] != after["decision"];
    const bool outcome_changed =
        decision_changed || before["reasons"] != after["reasons"] || before["tally"] != after["tally"];
    const review::ReviewState review = review::StateOf(store.ListReviews(application.id));
    ordered_json agrees = nullptr;
    if (review.final_decision) agrees = *review.final_decision == after["decision"].get<std::string>();
    bool incomplete = false;
    for (const store::PageRecord& page : application.pages) {
      const auto file = files.find(page.file_id);
      incomplete |= file != files.end() && file->second.outcome != "audited";
    }
    const bool differs = outcome_changed || pieces_changed > 0;
    changed += differs ? 1 : 0;
    decisions_changed += decision_changed ? 1 : 0;
    certificates_changed += pieces_changed;
    disagreements += agrees == false ? 1 : 0;
    applications.push_back(
        {{"member_id", application.member_id},
         {"received", application.received},
         {"differs", differs},
         {"incomplete", incomplete},
         {"stored", before},
         {"audit", after},
         {"reviewer",
          {{"state", review.state},
           {"reviewer", review.reviewer ? ordered_json(*review.reviewer) : ordered_json(nullptr)},
           {"final_decision", review.final_decision ? ordered_json(*review.final_decision) : ordered_json(nullptr)}}},
         {"audit_agrees_with_reviewer", agrees},
         {"certificates", certificates}});
  }
  ordered_json stored_versions = ordered_json::array();
  for (auto& [id, versions] : baselines) stored_versions.push_back(versions);
  return {{"schema", "certintake.audit/1"},
          {"audit", VersionsJson(*audit)},
          {"status", audit->status},
          {"started_at", audit->started_at},
          {"finished_at", audit->finished_at ? ordered_json(*audit->finished_at) : ordered_json(nullptr)},
          {"filter", filter},
          {"stored_runs", stored_versions},
          {"summary",
           {{"applications", applications.size()},
            {"differ", changed},
            {"decisions_changed", decisions_changed},
            {"certificates_changed", certificates_changed},
            {"disagree_with_reviewer", disagreements},
            {"files", files.size()},
            {"file_problems", problems}}},
          {"files", file_rows},
          {"applications", applications}};
}

std::string AuditSummaryText(const ordered_json& report) {
  const ordered_json& summary = report["summary"];
  const ordered_json& audit = report["audit"];
  std::string text =
      fmt::format("audit run {} ({}; pipeline {}, catalog {} {}): {} files re-read, {} with problems\n",
                  Text(audit["run"]), Text(report["status"]), Text(audit["pipeline"]), Text(audit["catalog"]),
                  Text(audit["catalog_sha256"]).substr(0, 12), Text(summary["files"]), Text(summary["file_problems"]));
  text += fmt::format(
      "{} applications: {} differ from what is stored ({} decisions changed, {} certificates changed); {} disagree "
      "with the reviewer's final decision\n",
      Text(summary["applications"]), Text(summary["differ"]), Text(summary["decisions_changed"]),
      Text(summary["certificates_changed"]), Text(summary["disagree_with_reviewer"]));
  for (const ordered_json& application : report["applications"]) {
    if (!application["differs"].get<bool>() && application["audit_agrees_with_reviewer"] != false) continue;
    const ordered_json& before = application["stored"];
    const ordered_json& after = application["audit"];
    const auto pieces = std::count_if(application["certificates"].begin(), application["certificates"].end(),
                                      [](const ordered_json& c) { return c["change"] != "same"; });
    std::string line = fmt::format("  {} {}: {} -> {}", Text(application["member_id"]), Text(application["received"]),
                                   before.is_null() ? "(none)" : Text(before["decision"]), Text(after["decision"]));
    if (!before.is_null() && before["tally"] != after["tally"]) {
      line += fmt::format(", tally {} -> {}", before["tally"].dump(), after["tally"].dump());
    }
    if (pieces > 0) line += fmt::format(", {} certificates differ", pieces);
    if (application["audit_agrees_with_reviewer"] == false) {
      line += fmt::format(", reviewer decided {}", Text(application["reviewer"]["final_decision"]));
    }
    if (application["incomplete"].get<bool>()) line += " (an original could not be re-read)";
    text += line + "\n";
  }
  for (const ordered_json& file : report["files"]) {
    if (file["outcome"] != "audited") text += fmt::format("error: {}\n", Text(file["message"]));
  }
  return text;
}

std::string AuditReportHtml(const ordered_json& report) {
  const ordered_json& summary = report["summary"];
  std::string rows;
  for (const ordered_json& application : report["applications"]) {
    const ordered_json& before = application["stored"];
    std::string pieces;
    if (!before.is_null() && before["tally"] != application["audit"]["tally"]) {
      pieces += fmt::format("<li>集計: {} → {}</li>", HtmlEscaped(before["tally"].dump()),
                            HtmlEscaped(application["audit"]["tally"].dump()));
    }
    for (const ordered_json& certificate : application["certificates"]) {
      if (certificate["change"] == "same") continue;
      std::string what = Text(certificate["change"]);
      if (certificate.contains("differences")) {
        what.clear();
        for (const auto& [field, values] : certificate["differences"].items()) {
          what += fmt::format("{}: {} → {}; ", field, Text(values["stored"]), Text(values["audit"]));
        }
      }
      pieces += fmt::format("<li>{} p.{}: {}</li>", HtmlEscaped(Text(certificate["file"])), Text(certificate["page"]),
                            HtmlEscaped(what));
    }
    rows += fmt::format(
        "<tr "
        "class=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><ul>{}</ul></td></tr>\n",
        application["differs"].get<bool>() ? "differs" : "same", HtmlEscaped(Text(application["member_id"])),
        Text(application["received"]), before.is_null() ? "—" : HtmlEscaped(Text(before["decision"])),
        HtmlEscaped(Text(application["audit"]["decision"])),
        application["reviewer"]["final_decision"].is_null()
            ? "—"
            : HtmlEscaped(Text(application["reviewer"]["final_decision"])),
        application["audit_agrees_with_reviewer"].is_null()
            ? "—"
            : (application["audit_agrees_with_reviewer"].get<bool>() ? "一致" : "<strong>不一致</strong>"),
        pieces);
  }
  std::string files;
  for (const ordered_json& file : report["files"]) {
    if (file["outcome"] != "audited")
      files += fmt::format("<li class=\"problem\">{}</li>", HtmlEscaped(Text(file["message"])));
  }
  const ordered_json& audit = report["audit"];
  return fmt::format(
      R"(<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>監査 {run}</title>
<style>
body {{ font-family: "Noto Sans CJK JP", sans-serif; margin: 1.5em; color: #1d232a; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border-bottom: 1px solid #ccd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }}
tr.differs td {{ background: #fff7e6; }} .problem {{ color: #b91c1c; }} ul {{ margin: 0; padding-left: 1.2em; }}
</style></head><body>
<h1>監査 {run}（{status}）</h1>
<p>パイプライン {pipeline} ・ カタログ {catalog}（{sha}） ・ OCR {ocr} ・ 開始 {started}</p>
<p>申請 {applications} 件のうち {differ} 件が保存済みの結果と異なります（判定の変化 {decisions} 件、証明書の変化 {certificates} 件）。審査者の最終決定と異なるもの {disagree} 件。原本 {files} 件、問題 {problems} 件。</p>
<ul>{file_problems}</ul>
<table><thead><tr><th>会員番号</th><th>受付日</th><th>保存済み判定</th><th>監査の判定</th><th>審査者の決定</th><th>審査者との一致</th><th>証明書の違い</th></tr></thead>
<tbody>
{rows}</tbody></table>
</body></html>
)",
      fmt::arg("run", Text(audit["run"])), fmt::arg("status", HtmlEscaped(Text(report["status"]))),
      fmt::arg("pipeline", HtmlEscaped(Text(audit["pipeline"]))),
      fmt::arg("catalog", HtmlEscaped(Text(audit["catalog"]))),
      fmt::arg("sha", Text(audit["catalog_sha256"]).substr(0, 12)), fmt::arg("ocr", HtmlEscaped(Text(audit["ocr"]))),
      fmt::arg("started", Text(report["started_at"])), fmt::arg("applications", Text(summary["applications"])),
      fmt::arg("differ", Text(summary["differ"])), fmt::arg("decisions", Text(summary["decisions_changed"])),
      fmt::arg("certificates", Text(summary["certificates_changed"])),
      fmt::arg("disagree", Text(summary["disagree_with_reviewer"])), fmt::arg("files", Text(summary["files"])),
      fmt::arg("problems", Text(summary["file_problems"])), fmt::arg("file_problems", files), fmt::arg("rows", rows));
}

}  // namespace certintake::audit
