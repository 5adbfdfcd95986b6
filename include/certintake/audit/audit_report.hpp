#pragma once

// What an audit found: per application and per certificate, what differs between the stored
// results (the current verdicts) and the audit run, and how the audit compares with the
// reviewers' final decisions. Computed from the database, so the CLI and the web UI agree.

#include <nlohmann/json.hpp>
#include <string>

#include "certintake/store/store.hpp"

namespace certintake::audit {

/// The report of audit `run` ("certintake.audit/1"). Throws Error(kUsage) when `run` is not an
/// audit run.
nlohmann::ordered_json AuditReport(const store::Store& store, store::RunId run);

/// The terminal summary: counts, then one line per application that differs.
std::string AuditSummaryText(const nlohmann::ordered_json& report);

/// A self-contained HTML page of the report (no external resources).
std::string AuditReportHtml(const nlohmann::ordered_json& report);

}  // namespace certintake::audit
