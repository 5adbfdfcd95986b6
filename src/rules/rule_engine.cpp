#include "certintake/rules/rule_engine.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "certintake/core/date.hpp"

namespace certintake::rules {
namespace {

using std::chrono::year_month_day;

/// A fact-derived problem: hard when the fact is sure, soft when it is uncertain.
struct Assessment {
  Category category = Category::kUnknown;
  int points = 0;
  std::string society;
  std::optional<std::string> event_id;
  std::optional<int> edition;
  std::string date;  ///< "" when unknown
  Attendance attendance = Attendance::kUnknown;
  bool wildcard = false;  ///< unreadable: could be any certificate
  std::set<Flag> hard;
  std::set<Flag> soft;
  std::string order_key;  ///< date, then id: the deterministic order of counting
};

/// The first and last day covered by "YYYY-MM-DD" or "YYYY-MM".
std::optional<std::pair<std::string, std::string>> DateSpan(const std::string& date) {
  if (date.size() == 7) {
    if (const auto first = ParseIsoDate(date + "-01")) {
      const year_month_day last{first->year() / first->month() / std::chrono::last};
      return std::pair{date + "-01", FormatIsoDate(last)};
    }
    return std::nullopt;
  }
  if (ParseIsoDate(date)) {
    return std::pair{date, date};
  }
  return std::nullopt;
}

enum class Inside { kYes, kNo, kPartly };

Inside SpanInside(const std::pair<std::string, std::string>& span, const std::string& from, const std::string& to) {
  if (span.second < from || span.first > to) return Inside::kNo;
  if (span.first >= from && span.second <= to) return Inside::kYes;
  return Inside::kPartly;
}

void AddFinding(Assessment& assessment, Finding finding, Flag flag) {
  if (finding == Finding::kFail) {
    assessment.hard.insert(flag);
  } else if (finding == Finding::kInconclusive) {
    assessment.soft.insert(flag);
  }
}

void AddFact(Assessment& assessment, bool problem, bool sure, Flag flag) {
  if (!problem) return;
  if (sure) {
    assessment.hard.insert(flag);
  } else {
    assessment.soft.insert(flag);
    assessment.soft.insert(Flag::kLowConfidence);
  }
}

/// Checks a date against the certification period and the event's first valid day.
void CheckPeriod(Assessment& assessment, const std::optional<std::string>& date, bool date_sure,
                 const std::optional<Member>& member, const CatalogEvent* event) {
  if (!member) return;  // unknown member: the application is deficient anyway
  const auto span = date ? DateSpan(*date) : std::nullopt;
  if (!span) {
    assessment.soft.insert(Flag::kOutOfPeriod);  // no date read: a person must look
    assessment.soft.insert(Flag::kLowConfidence);
    return;
  }
  const std::string from = std::max(member->cert_start, event && event->valid_from ? *event->valid_from : "");
  const Inside inside = SpanInside(*span, from, member->cert_end);
  if (inside == Inside::kPartly) {
    assessment.soft.insert(Flag::kOutOfPeriod);
  } else {
    AddFact(assessment, inside == Inside::kNo, date_sure, Flag::kOutOfPeriod);
  }
}

Assessment Assess(const CertificateFacts& facts, const std::optional<Member>& member, const Catalog& catalog) {
  Assessment assessment;
  assessment.order_key = facts.date.value_or("9999") + "|" + facts.id;
  if (facts.unreadable) {
    assessment.wildcard = true;
    assessment.soft.insert(Flag::kUnreadable);
    return assessment;
  }
  assessment.edition = facts.edition;
  assessment.date = facts.date.value_or("");
  assessment.attendance = facts.attendance;
  AddFact(assessment, facts.kind == Kind::kReceipt, facts.kind_sure, Flag::kReceipt);

  const CatalogEvent* event = facts.event_id ? catalog.Find(*facts.event_id) : nullptr;
  AddFact(assessment, event == nullptr, facts.event_sure, Flag::kUnknownEvent);
  if (event != nullptr) {
    assessment.category = event->category;
    assessment.points = event->points;
    assessment.society = event->society;
    assessment.event_id = event->id;
    if (event->requires_issuer) {
      AddFinding(assessment, facts.issued_by_branch_chief, Flag::kPrefectureNotBranchIssued);
    }
    if (!facts.event_sure) {
      assessment.soft.insert(Flag::kLowConfidence);
    }
  }
  CheckPeriod(assessment, facts.date, facts.date_sure, member, event);
  AddFinding(assessment, facts.name_present, Flag::kNameMissing);
  if (facts.name_present != Finding::kFail) {
    AddFinding(assessment, facts.name_in_pencil, Flag::kNameInPencil);
  }
  AddFinding(assessment, facts.copy, Flag::kCopy);
  AddFinding(assessment, facts.reduced_copy, Flag::kReducedCopy);
  // An event the reading could not make out surely, on a piece with nothing surely wrong with
  // it, could be any event: like an unreadable piece, it may be the one the application lacks
  // (whatever the catalog entry it was matched to).
  assessment.wildcard = !facts.event_sure && assessment.hard.empty();
  return assessment;
}

Assessment AssessHistory(const HistoryEntry& entry, const std::optional<Member>& member, const Catalog& catalog) {
  Assessment assessment;
  assessment.order_key = entry.date + "|history|" + entry.event_id;
  const CatalogEvent* event = catalog.Find(entry.event_id);
  AddFact(assessment, event == nullptr, true, Flag::kUnknownEvent);
  if (event != nullptr) {
    assessment.category = event->category;
    assessment.points = event->category == Category::kRelatedSociety ? entry.points : event->points;
    assessment.society = event->society;
    assessment.event_id = event->id;
  }
  assessment.date = entry.date;
  CheckPeriod(assessment, entry.date, true, member, event);
  return assessment;
}

/// Two web/on-site certificates of one event carry different dates (the web one is the viewing
/// date); within this many days they are taken as the same event.
constexpr int kSameEventDays = 92;

int DaysBetween(const std::string& a, const std::string& b) {
  const auto span_a = DateSpan(a);
  const auto span_b = DateSpan(b);
  if (!span_a || !span_b) return 1 << 20;
  const auto day_a = std::chrono::sys_days(*ParseIsoDate(span_a->first));
  const auto day_b = std::chrono::sys_days(*ParseIsoDate(span_b->first));
  return std::abs(static_cast<int>((day_a - day_b).count()));
}

bool SameEvent(const Assessment& a, const Assessment& b) {
  if (!a.event_id || a.event_id != b.event_id || a.category == Category::kRelatedSociety) return false;
  if (a.edition && b.edition) return *a.edition == *b.edition;
  if (a.date == b.date) return true;
  const bool web_and_onsite = (a.attendance == Attendance::kWeb && b.attendance == Attendance::kOnsite) ||
                              (a.attendance == Attendance::kOnsite && b.attendance == Attendance::kWeb);
  return web_and_onsite && DaysBetween(a.date, b.date) <= kSameEventDays;
}

/// The outcome of counting under one assumption about the uncertain facts.
struct Scenario {
  std::vector<bool> valid;
  std::vector<std::set<Flag>> duplicates;
  std::vector<bool> counted;
  std::vector<Reason> point_reasons;
  Tally tally;
  int wildcards = 0;       ///< pieces that could be any certificate, left out of the count
  int valid_meetings = 0;  ///< every society meeting that could count, not only the two required
  int valid_courses = 0;
};

/// How many more certificates, each the most useful one it could be, the scenario lacks: a
/// society meeting for each meeting missing and for the points short (at the most any meeting is
/// worth), and the equipment course.
int CertificatesLacking(const Scenario& scenario, const Catalog& catalog) {
  int best_points = catalog.jgets_meeting_points;
  for (const CatalogEvent& event : catalog.events) {
    if (event.category == Category::kJgetsMeeting || event.category == Category::kRelatedSociety) {
      best_points = std::max(best_points, event.points);
    }
  }
  const int meetings = std::max(0, catalog.jgets_meetings_required - scenario.valid_meetings);
  const int points = std::max(0, catalog.meeting_points_required - scenario.tally.meeting_points);
  const int for_points = best_points > 0 ? (points + best_points - 1) / best_points : points;
  const int courses = std::max(0, catalog.equipment_courses_required - scenario.valid_courses);
  return std::max(meetings, for_points) + courses;
}

Scenario Count(const std::vector<Assessment>& pieces, bool optimistic, const Catalog& catalog) {
  const std::size_t n = pieces.size();
  Scenario scenario{std::vector<bool>(n), std::vector<std::set<Flag>>(n), std::vector<bool>(n), {}, {}};
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return pieces[a].order_key < pieces[b].order_key; });

  std::vector<std::size_t> kept;
  std::set<std::string> societies;
  for (std::size_t i : order) {
    const Assessment& piece = pieces[i];
    if (piece.wildcard) {
      ++scenario.wildcards;
      continue;
    }
    if (!piece.hard.empty() || (!optimistic && !piece.soft.empty())) continue;
    if (piece.category == Category::kRelatedSociety && !societies.insert(piece.society).second) {
      scenario.duplicates[i].insert(Flag::kDuplicateRelatedSociety);
      continue;
    }
    if (std::any_of(kept.begin(), kept.end(), [&](std::size_t k) { return SameEvent(pieces[k], piece); })) {
      scenario.duplicates[i].insert(Flag::kDuplicateEvent);
      continue;
    }
    scenario.valid[i] = true;
    kept.push_back(i);
  }

  // Choose the pieces the verdict rests on: two society meetings, then the largest remaining
  // points until the meeting points are reached, then one equipment course.
  std::vector<std::size_t> meetings;
  std::vector<std::size_t> others;
  std::vector<std::size_t> courses;
  for (std::size_t i : kept) {
    switch (pieces[i].category) {
      case Category::kJgetsMeeting: meetings.push_back(i); break;
      case Category::kRelatedSociety: others.push_back(i); break;
      case Category::kEquipmentCourse: courses.push_back(i); break;
      case Category::kUnknown: break;
    }
  }
  std::vector<std::size_t> counted;
  const auto required_meetings = static_cast<std::size_t>(catalog.jgets_meetings_required);
  counted.insert(counted.end(), meetings.begin(), meetings.begin() + std::min(required_meetings, meetings.size()));
  std::vector<std::size_t> extra(meetings.begin() + std::min(required_meetings, meetings.size()), meetings.end());
  extra.insert(extra.end(), others.begin(), others.end());
  std::stable_sort(extra.begin(), extra.end(),
                   [&](std::size_t a, std::size_t b) { return pieces[a].points > pieces[b].points; });
  int meeting_points = 0;
  for (std::size_t i : counted) meeting_points += pieces[i].points;
  for (std::size_t i : extra) {
    if (meeting_points >= catalog.meeting_points_required) break;
    counted.push_back(i);
    meeting_points += pieces[i].points;
  }
  const auto required_courses = static_cast<std::size_t>(catalog.equipment_courses_required);
  counted.insert(counted.end(), courses.begin(), courses.begin() + std::min(required_courses, courses.size()));
  scenario.valid_meetings = static_cast<int>(meetings.size());
  scenario.valid_courses = static_cast<int>(courses.size());

  for (std::size_t i : counted) {
    scenario.counted[i] = true;
    switch (pieces[i].category) {
      case Category::kJgetsMeeting:
        ++scenario.tally.jgets_meetings;
        scenario.tally.meeting_points += pieces[i].points;
        break;
      case Category::kRelatedSociety: scenario.tally.meeting_points += pieces[i].points; break;
      case Category::kEquipmentCourse: scenario.tally.course_points += pieces[i].points; break;
      case Category::kUnknown: break;
    }
  }
  if (meetings.size() < required_meetings) {
    scenario.point_reasons.push_back(Reason::kInsufficientJgetsMeetings);
  }
  if (scenario.tally.meeting_points < catalog.meeting_points_required) {
    scenario.point_reasons.push_back(Reason::kInsufficientMeetingPoints);
  }
  if (courses.size() < required_courses) {
    scenario.point_reasons.push_back(Reason::kMissingEquipmentCourse);
  }
  return scenario;
}

std::vector<Reason> ApplicationReasons(const ApplicationFacts& facts) {
  if (!facts.member) {
    return {Reason::kUnknownMember};
  }
  std::vector<Reason> reasons;
  if (!facts.member->fees_paid) {
    reasons.push_back(Reason::kFeesUnpaid);
  }
  if (facts.received > WindowFor(facts.member->cert_end).last_day) {
    reasons.push_back(Reason::kLateApplication);
  }
  return reasons;
}

std::string Explain(const CertificateVerdict& verdict) {
  if (verdict.counted) {
    return fmt::format("{}点として算入しました", verdict.points);
  }
  if (verdict.flags.empty()) {
    return verdict.valid ? "有効ですが、必要数を満たしているため算入していません" : "算入していません";
  }
  std::string text;
  for (Flag flag : verdict.flags) {
    text += (text.empty() ? "" : "。") + std::string(FlagWordingJa(flag));
  }
  return text;
}

}  // namespace

ApplicationWindow WindowFor(const std::string& cert_end) {
  const auto end = ParseIsoDate(cert_end);
  if (!end) return {"", ""};
  const std::chrono::year_month expiry{end->year(), end->month()};
  const std::chrono::year_month last_month = expiry - std::chrono::months(1);
  const std::chrono::year_month first_month = expiry - std::chrono::months(6);
  return {FormatIsoDate(year_month_day{first_month / 1}),
          FormatIsoDate(year_month_day{last_month / std::chrono::last})};
}

Verdict Decide(const ApplicationFacts& facts, const Catalog& catalog) {
  std::vector<Assessment> pieces;
  for (const CertificateFacts& certificate : facts.certificates) {
    pieces.push_back(Assess(certificate, facts.member, catalog));
  }
  for (const HistoryEntry& entry : facts.history) {
    pieces.push_back(AssessHistory(entry, facts.member, catalog));
  }
  const Scenario best = Count(pieces, /*optimistic=*/true, catalog);
  const Scenario worst = Count(pieces, /*optimistic=*/false, catalog);

  Verdict verdict;
  verdict.catalog_version = catalog.version;
  verdict.catalog_sha256 = catalog.sha256;
  const std::vector<Reason> application_reasons = ApplicationReasons(facts);
  // Pieces that could be any certificate could fill the gap only if there are enough of them.
  const bool unreadable_could_fill =
      !best.point_reasons.empty() && best.wildcards >= CertificatesLacking(best, catalog);
  const Scenario* basis = &best;
  if (!application_reasons.empty()) {
    verdict.decision = Decision::kDeficient;
    verdict.reasons = application_reasons;
    verdict.reasons.insert(verdict.reasons.end(), best.point_reasons.begin(), best.point_reasons.end());
  } else if (worst.point_reasons.empty()) {
    verdict.decision = Decision::kApprove;
    basis = &worst;
  } else if (!best.point_reasons.empty() && !unreadable_could_fill) {
    verdict.decision = Decision::kDeficient;
    verdict.reasons = best.point_reasons;
  } else {
    verdict.decision = Decision::kNeedsReview;
    verdict.reasons = worst.point_reasons;
  }
  verdict.tally = basis->tally;

  for (std::size_t i = 0; i < facts.certificates.size(); ++i) {
    const Assessment& piece = pieces[i];
    CertificateVerdict certificate;
    certificate.id = facts.certificates[i].id;
    certificate.category = piece.category;
    certificate.points = piece.points;
    certificate.valid = best.valid[i];
    certificate.sure = best.valid[i] == worst.valid[i] && !piece.wildcard;
    certificate.counted = basis->counted[i];
    std::set<Flag> flags = piece.hard;
    flags.insert(piece.soft.begin(), piece.soft.end());
    flags.insert(basis->duplicates[i].begin(), basis->duplicates[i].end());
    certificate.flags.assign(flags.begin(), flags.end());
    certificate.explanation_ja = Explain(certificate);
    verdict.certificates.push_back(std::move(certificate));
  }
  for (std::size_t i = facts.certificates.size(); i < pieces.size(); ++i) {
    verdict.history_entries_counted += basis->counted[i] ? 1 : 0;
  }
  return verdict;
}

}  // namespace certintake::rules
