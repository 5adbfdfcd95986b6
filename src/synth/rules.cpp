#include "certintake/synth/rules.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "certintake/core/date.hpp"

namespace certintake::synth {
namespace {

using std::chrono::year_month_day;

/// The days a printed date may stand for: one day, or a whole month.
struct DaySpan {
  year_month_day first;
  year_month_day last;
};

DaySpan SpanOf(const EventDate& date) {
  if (!date.month_only) {
    return {date.day, date.day};
  }
  const std::chrono::year_month_day_last last{date.day.year(), std::chrono::month_day_last{date.day.month()}};
  return {year_month_day{date.day.year(), date.day.month(), std::chrono::day(1)}, year_month_day{last}};
}

bool Overlaps(const DaySpan& span, year_month_day first, year_month_day last) {
  return span.last >= first && span.first <= last;
}

void Flag(CertificateTruth& certificate, CertificateFlag flag) {
  certificate.expected_flags.push_back(flag);
}

/// The flags a certificate earns on its own, without looking at the others.
void FlagAlone(CertificateTruth& certificate, const std::optional<Member>& member) {
  if (certificate.kind == CertificateKind::kReceipt) {
    Flag(certificate, CertificateFlag::kReceipt);
  }
  if (certificate.copy) {
    Flag(certificate, CertificateFlag::kCopy);
  }
  if (certificate.reduced) {
    Flag(certificate, CertificateFlag::kReducedCopy);
  }
  if (!certificate.name_present) {
    Flag(certificate, CertificateFlag::kNameMissing);
  } else if (certificate.instrument == Instrument::kPencil) {
    Flag(certificate, CertificateFlag::kNameInPencil);
  }
  if (!certificate.event_id) {
    Flag(certificate, CertificateFlag::kUnknownEvent);
  }
  if (certificate.requires_branch_chief && !certificate.issued_by_branch_chief) {
    Flag(certificate, CertificateFlag::kPrefectureNotBranchIssued);
  }
  bool in_period = certificate.date.has_value();
  if (certificate.date && member) {
    const auto start = ParseIsoDate(member->cert_start);
    const auto end = ParseIsoDate(member->cert_end);
    in_period = start && end && Overlaps(SpanOf(*certificate.date), *start, *end);
  }
  if (certificate.date && certificate.valid_from) {
    in_period = in_period && SpanOf(*certificate.date).last >= *certificate.valid_from;
  }
  if (!in_period) {
    Flag(certificate, CertificateFlag::kOutOfPeriod);
  }
}

}  // namespace

ApplicationWindow WindowFor(year_month_day cert_end) {
  const std::chrono::year year = cert_end.year();
  return {year_month_day{year - std::chrono::years(1), std::chrono::September, std::chrono::day(1)},
          year_month_day{std::chrono::year_month_day_last{year, std::chrono::month_day_last{std::chrono::February}}}};
}

RuleOutcome ApplyRenewalRules(const std::optional<Member>& member, year_month_day received,
                              std::vector<CertificateTruth>& certificates) {
  RuleOutcome outcome;
  std::set<std::string> events_seen;
  std::set<std::string> societies_seen;
  bool equipment_course = false;
  for (CertificateTruth& certificate : certificates) {
    certificate.expected_flags.clear();
    FlagAlone(certificate, member);
    if (certificate.expected_flags.empty() && !events_seen.insert(certificate.occurrence).second) {
      Flag(certificate, CertificateFlag::kDuplicateEvent);
    }
    if (certificate.expected_flags.empty() && certificate.category == Category::kRelatedSociety &&
        !societies_seen.insert(certificate.society).second) {
      Flag(certificate, CertificateFlag::kDuplicateRelatedSociety);
    }
    certificate.counted = certificate.expected_flags.empty();
    certificate.points = certificate.counted ? certificate.catalog_points : 0;
    if (!certificate.counted) {
      continue;
    }
    switch (certificate.category) {
      case Category::kJgetsMeeting:
        ++outcome.tally.jgets_meetings;
        outcome.tally.meeting_points += certificate.points;
        break;
      case Category::kRelatedSociety: outcome.tally.meeting_points += certificate.points; break;
      case Category::kEquipmentCourse:
        equipment_course = true;
        outcome.tally.course_points = std::max(outcome.tally.course_points, certificate.points);
        break;
      case Category::kUnknown: break;
    }
  }

  if (!member) {
    outcome.reasons.push_back(Reason::kUnknownMember);
  } else {
    if (!member->fees_paid) {
      outcome.reasons.push_back(Reason::kFeesUnpaid);
    }
    const auto end = ParseIsoDate(member->cert_end);
    if (!end) {
      outcome.reasons.push_back(Reason::kLateApplication);
    } else {
      const ApplicationWindow window = WindowFor(*end);
      if (received < window.first || received > window.last) {
        outcome.reasons.push_back(Reason::kLateApplication);
      }
    }
    if (outcome.tally.jgets_meetings < 2) {
      outcome.reasons.push_back(Reason::kInsufficientJgetsMeetings);
    }
    if (outcome.tally.meeting_points < 30) {
      outcome.reasons.push_back(Reason::kInsufficientMeetingPoints);
    }
    if (!equipment_course) {
      outcome.reasons.push_back(Reason::kMissingEquipmentCourse);
    }
  }
  outcome.decision = outcome.reasons.empty() ? Decision::kApprove : Decision::kDeficient;
  return outcome;
}

}  // namespace certintake::synth
