#pragma once

// The small review database the server tests and the HTTP fuzz target run against: a real SQLite
// file and archive holding one application that needs review, one unassigned page and a user per
// role (staff, reviewer, auditor, admin), each with the password kReviewPassword.

#include <filesystem>
#include <string>
#include <vector>

#include "certintake/rules/facts.hpp"
#include "certintake/store/records.hpp"

namespace certintake::testing {

inline constexpr const char* kReviewPassword = "correct horse";

/// A certificate of the society meeting (or equipment course) `event_id` on `date`, attended on site.
rules::CertificateFacts Meeting(const std::string& event_id, const std::string& date);

struct ReviewDatabase {
  store::ApplicationId application = 0;  ///< member 100001, received 2025-01-15: needs review
  store::PageId page = 0;                ///< its certificate sheet
  store::PageId unassigned_page = 0;
  std::vector<store::CertificateId> certificates;  ///< four pieces; the third's date is unsure
};

/// Writes `dir`/c.db and `dir`/archive (with the scan `dir`/100001.png).
ReviewDatabase MakeReviewDatabase(const std::filesystem::path& dir);

}  // namespace certintake::testing
