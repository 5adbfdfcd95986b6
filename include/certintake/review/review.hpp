#pragma once

// What reviewers do to an application: correct or confirm what was read from a certificate, and
// decide. Every action is kept in the store's append-only trail; the facts the rules read are the
// ingest's facts with the trail applied in order, so the verdict is recomputed from them at once.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"
#include "certintake/rules/verdict.hpp"
#include "certintake/store/store.hpp"

namespace certintake::review {

/// The fields a reviewer can correct, and the JSON values each takes:
/// - `kind`: "attendance", "course", "receipt", "other";
/// - `event_id`: a catalog id, or null for an event the catalog does not have;
/// - `date`: "YYYY-MM-DD", "YYYY-MM", or null when the certificate gives none;
/// - `attendance`: "web", "onsite", "unknown";
/// - `name`: "ink", "pencil", "none" (no handwritten name);
/// - `copy`: "original", "copy", "reduced_copy";
/// - `branch_issued`: true or false (issued by the branch chief, for prefectural meetings).
const std::vector<std::string_view>& CorrectableFields();

/// The field's value in the form above; null where the reading left it undecided.
nlohmann::json FieldValue(const rules::CertificateFacts& facts, std::string_view field);

/// Sets `field` to `value` as the reviewer saw it; the field is then sure. Throws Error(kInput)
/// naming the field for an unknown field or a value it cannot take.
void Correct(rules::CertificateFacts& facts, std::string_view field, const nlohmann::json& value,
             const rules::Catalog& catalog);

/// The application's facts: what ingest read (or, given `run`, what that run read), then (with
/// `with_reviews`) every reviewer correction and confirmation in the order they were made.
rules::ApplicationFacts FactsOf(const store::Store& store, const store::ApplicationRecord& application,
                                const rules::Catalog& catalog, bool with_reviews,
                                std::optional<store::RunId> run = std::nullopt);

/// The stored form of a verdict on `application` (run 0: not stored, recomputed for a reviewer).
store::VerdictRecord VerdictRecordOf(const rules::Verdict& verdict, store::ApplicationId application, store::RunId run);

/// Where the review of one application stands, as the export reports it.
struct ReviewState {
  std::string state = "pending";  ///< pending (nothing done), in_review, decided
  std::optional<std::string> reviewer;
  std::optional<std::string> final_decision;  ///< approve or deficient
};

/// Read from the trail: decided when the last action was a decision; corrections made after a
/// decision reopen the review.
ReviewState StateOf(const std::vector<store::ReviewRecord>& trail);

}  // namespace certintake::review
