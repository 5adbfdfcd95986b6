#pragma once

// The renewal rules of DOMAIN.md applied to the generator's truth. This is the yardstick's own,
// deliberately small copy of the rules: it decides from what the generator knows for certain, so
// it never needs review.

#include <chrono>
#include <optional>
#include <vector>

#include "certintake/core/member.hpp"
#include "certintake/synth/truth.hpp"

namespace certintake::synth {

struct Tally {
  int jgets_meetings = 0;  ///< counted society meetings (10 points each)
  int meeting_points = 0;  ///< society meetings plus related societies, each society once
  int course_points = 0;   ///< the equipment course (10 when present)
};

struct RuleOutcome {
  Decision decision = Decision::kDeficient;
  std::vector<Reason> reasons;  ///< in the order of CONTRACT.md's list; empty when approved
  Tally tally;
};

/// The window in which an application for a certification ending in `cert_end`'s year is
/// accepted: 1 September of the year before until the end of February of that year.
struct ApplicationWindow {
  std::chrono::year_month_day first;
  std::chrono::year_month_day last;
};
ApplicationWindow WindowFor(std::chrono::year_month_day cert_end);

/// Applies the rules to one application. `member` is nullopt for an id not in the register.
/// Sets each certificate's expected_flags, points and counted (in place, in pasted order: the
/// first of two certificates for the same event or related society is the one that counts).
///
/// - A certificate is invalid when it is a receipt, a copy (reduced copies also get
///   reduced_copy), unnamed, named in pencil, for an event not in the catalog, a prefectural
///   meeting not issued by the branch chief, or dated outside the member's period or before the
///   event's valid_from (out_of_period; a month-only date counts when its month overlaps).
/// - Of the valid ones, a second certificate for the same occurrence is duplicate_event and a
///   second one for the same related society is duplicate_related_society.
/// - Reasons: fees_unpaid, late_application (received outside WindowFor(cert_end), early
///   included: the contract has no separate code), unknown_member (then no other reason is
///   given), insufficient_jgets_meetings (< 2), insufficient_meeting_points (< 30),
///   missing_equipment_course.
RuleOutcome ApplyRenewalRules(const std::optional<Member>& member, std::chrono::year_month_day received,
                              std::vector<CertificateTruth>& certificates);

}  // namespace certintake::synth
