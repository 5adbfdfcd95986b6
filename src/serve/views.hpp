#pragma once

// The JSON the review UI reads: the queue, one application with its reviewed verdict, intake.
// Built from the store alone, so the API and the export tell the same story.

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>

#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"
#include "certintake/rules/verdict.hpp"
#include "certintake/store/store.hpp"

namespace certintake::serve {

/// A request for something that does not exist (HTTP 404).
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An application as reviewers see it now: the ingest's facts with their corrections applied,
/// and the verdict the rules reach on them.
struct ReviewedApplication {
  store::ApplicationRecord application;
  std::vector<store::CertificateRecord> certificates;
  rules::ApplicationFacts facts;
  rules::Verdict verdict;
  std::vector<store::ReviewRecord> trail;
};

/// Throws NotFound for an unknown id.
ReviewedApplication Review(const store::Store& store, const rules::Catalog& catalog, store::ApplicationId id);
ReviewedApplication Review(const store::Store& store, const rules::Catalog& catalog,
                           store::ApplicationRecord application);

nlohmann::json ApplicationView(const store::Store& store, const rules::Catalog& catalog,
                               const ReviewedApplication& reviewed);

struct QueueFilter {
  std::optional<std::string> decision;  ///< needs_review, deficient, approve
  std::optional<std::string> flag;      ///< a certificate flag code
  std::optional<std::string> review;    ///< pending, in_review, decided
  std::optional<std::string> received_from;
  std::optional<std::string> received_to;
};

/// Applications matching the filter: needs_review first, then deficient, then approve; oldest
/// received first within each. With counts per decision over the matching applications.
nlohmann::json QueueView(const store::Store& store, const rules::Catalog& catalog, const QueueFilter& filter);

/// Files, their problems, unassigned pages and the runs (a running ingest shows as running).
nlohmann::json IntakeView(const store::Store& store);

nlohmann::json CatalogView(const rules::Catalog& catalog);

}  // namespace certintake::serve
