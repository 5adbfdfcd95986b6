#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certintake/rules/catalog.hpp"

namespace certintake::rules {

/// Why a certificate does not count, or needs a look (CONTRACT.md certificate flags).
enum class Flag {
  kCopy,
  kReducedCopy,
  kReceipt,
  kNameMissing,
  kNameInPencil,
  kOutOfPeriod,
  kDuplicateRelatedSociety,
  kDuplicateEvent,
  kUnknownEvent,
  kPrefectureNotBranchIssued,
  kUnreadable,
  kLowConfidence,
};

/// An application's deficiencies (CONTRACT.md application reasons).
enum class Reason {
  kFeesUnpaid,
  kLateApplication,
  kUnknownMember,
  kInsufficientJgetsMeetings,
  kInsufficientMeetingPoints,
  kMissingEquipmentCourse,
};

enum class Decision { kApprove, kDeficient, kNeedsReview };

std::string_view FlagCode(Flag flag);
std::string_view ReasonCode(Reason reason);
std::string_view DecisionCode(Decision decision);
/// The enum a CONTRACT code names; nullopt for a code this version does not know.
std::optional<Flag> FlagFromCode(std::string_view code);
std::optional<Reason> ReasonFromCode(std::string_view code);

/// Japanese wording: for staff (what the system saw) and for the member (what to do).
std::string_view FlagWordingJa(Flag flag);
std::string_view ReasonWordingStaffJa(Reason reason);
std::string_view ReasonWordingMemberJa(Reason reason);

struct CertificateVerdict {
  std::string id;
  Category category = Category::kUnknown;
  int points = 0;        ///< what it is worth when it counts
  bool valid = false;    ///< counts when the uncertain facts turn out well
  bool sure = true;      ///< false when an uncertain fact decides whether it counts
  bool counted = false;  ///< in the set of pieces the verdict rests on
  std::vector<Flag> flags;
  std::string explanation_ja;
};

struct Tally {
  int jgets_meetings = 0;
  int meeting_points = 0;
  int course_points = 0;
};

struct Verdict {
  Decision decision = Decision::kNeedsReview;
  std::vector<Reason> reasons;  ///< deficient: what is missing; needs_review: what would be missing
  Tally tally;
  std::vector<CertificateVerdict> certificates;  ///< in the order of the facts
  int history_entries_counted = 0;
  std::string catalog_version;
  std::string catalog_sha256;
};

}  // namespace certintake::rules
