#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "certintake/store/store.hpp"

namespace certintake::exporting {

/// The results document of CONTRACT.md ("certintake.results/1"): every application with its pages,
/// certificates, tally, decision and review state, and every unassigned page. Stages not yet run
/// leave their fields empty (no certificates, decision null) rather than guessing.
nlohmann::ordered_json ResultsJson(const store::Store& store);

/// One row per application, for spreadsheets: member_id, name, received, pages, certificates,
/// decision, reasons (space-separated codes), tally, review state. RFC 4180 quoting, UTF-8.
std::string ResultsCsv(const store::Store& store);

}  // namespace certintake::exporting
