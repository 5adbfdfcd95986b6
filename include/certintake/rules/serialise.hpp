#pragma once

// JSON forms of the rules' inputs and outputs, as stored in the database and exported.

#include <nlohmann/json.hpp>
#include <string_view>

#include "certintake/rules/facts.hpp"
#include "certintake/rules/verdict.hpp"

namespace certintake::rules {

std::string_view KindCode(Kind kind);                    ///< attendance, course, receipt, other
std::string_view AttendanceCode(Attendance attendance);  ///< web, onsite, unknown
std::string_view FindingCode(Finding finding);           ///< pass, fail, inconclusive
/// CONTRACT name.instrument from the two name findings: none, pencil, ink or unknown.
std::string_view InstrumentCode(Finding name_present, Finding name_in_pencil);

nlohmann::json FactsToJson(const CertificateFacts& facts);
/// Reads what FactsToJson wrote; missing fields take their defaults.
CertificateFacts FactsFromJson(const nlohmann::json& json);

nlohmann::json TallyToJson(const Tally& tally);
nlohmann::json ReasonsToJson(const std::vector<Reason>& reasons);
/// Per certificate: id, category, points, counted, valid, sure, flags, explanation (ja).
nlohmann::json CertificateVerdictsToJson(const std::vector<CertificateVerdict>& certificates);

}  // namespace certintake::rules
