#pragma once

// The letter the office mails a member whose application is deficient: what is missing or was
// not accepted, and what to send again, addressed with the name in the member register.

#include <optional>
#include <string>
#include <vector>

#include "certintake/rules/verdict.hpp"
#include "certintake/store/store.hpp"

namespace certintake::notice {

/// A certificate the member sent that did not count, and why, in the member's words.
struct RejectedCertificate {
  std::string event_text;           ///< as read from it; empty when unreadable
  std::optional<std::string> date;  ///< YYYY-MM-DD or YYYY-MM
  std::vector<std::string> problems_ja;
};

struct DeficiencyNotice {
  std::string member_id;
  std::string member_name;                   ///< from the register; empty for an unknown member
  std::string received;                      ///< YYYY-MM-DD
  std::vector<std::string> deficiencies_ja;  ///< each application reason, saying what to do
  std::vector<RejectedCertificate> rejected;
  rules::Tally tally;
};

/// The notice for the current verdict of `application`, or nullopt when that verdict is not
/// deficient (approved, awaiting review, or not decided yet).
std::optional<DeficiencyNotice> NoticeFor(const store::Store& store, const store::ApplicationRecord& application);

/// The notice for a given verdict (a reviewer's recomputed one), or nullopt when it is not deficient.
std::optional<DeficiencyNotice> NoticeFor(const store::Store& store, const store::ApplicationRecord& application,
                                          const store::VerdictRecord& verdict);

/// A printable A4 page (HTML with print styles, no external resources). `issued_on` is the
/// notice's date, YYYY-MM-DD.
std::string NoticeHtml(const DeficiencyNotice& notice, const std::string& issued_on);

}  // namespace certintake::notice
