#include "certintake/synth/truth.hpp"

#include <fmt/format.h>

namespace certintake::synth {

std::string_view ToLabel(PageRole role) {
  switch (role) {
    case PageRole::kSeparator: return "separator";
    case PageRole::kApplicationForm: return "application_form";
    case PageRole::kCertificateSheet: return "certificate_sheet";
    case PageRole::kCheckSheet: return "check_sheet";
    case PageRole::kOther: break;
  }
  return "other";
}

std::string_view ToLabel(CertificateKind kind) {
  switch (kind) {
    case CertificateKind::kAttendance: return "attendance";
    case CertificateKind::kCourse: return "course";
    case CertificateKind::kReceipt: return "receipt";
    case CertificateKind::kOther: break;
  }
  return "other";
}

std::string_view ToLabel(Category category) {
  switch (category) {
    case Category::kJgetsMeeting: return "jgets_meeting";
    case Category::kRelatedSociety: return "related_society";
    case Category::kEquipmentCourse: return "equipment_course";
    case Category::kUnknown: break;
  }
  return "unknown";
}

std::string_view ToLabel(Attendance attendance) {
  switch (attendance) {
    case Attendance::kWeb: return "web";
    case Attendance::kOnsite: return "onsite";
    case Attendance::kUnknown: break;
  }
  return "unknown";
}

std::string_view ToLabel(Instrument instrument) {
  switch (instrument) {
    case Instrument::kInk: return "ink";
    case Instrument::kPencil: return "pencil";
    case Instrument::kNone: return "none";
    case Instrument::kUnknown: break;
  }
  return "unknown";
}

std::string_view ToLabel(Decision decision) {
  return decision == Decision::kApprove ? "approve" : "deficient";
}

std::string_view ToLabel(CertificateFlag flag) {
  switch (flag) {
    case CertificateFlag::kCopy: return "copy";
    case CertificateFlag::kReducedCopy: return "reduced_copy";
    case CertificateFlag::kReceipt: return "receipt";
    case CertificateFlag::kNameMissing: return "name_missing";
    case CertificateFlag::kNameInPencil: return "name_in_pencil";
    case CertificateFlag::kOutOfPeriod: return "out_of_period";
    case CertificateFlag::kDuplicateRelatedSociety: return "duplicate_related_society";
    case CertificateFlag::kDuplicateEvent: return "duplicate_event";
    case CertificateFlag::kUnknownEvent: return "unknown_event";
    case CertificateFlag::kPrefectureNotBranchIssued: break;
  }
  return "prefecture_not_branch_issued";
}

std::string_view ToLabel(Reason reason) {
  switch (reason) {
    case Reason::kFeesUnpaid: return "fees_unpaid";
    case Reason::kLateApplication: return "late_application";
    case Reason::kUnknownMember: return "unknown_member";
    case Reason::kInsufficientJgetsMeetings: return "insufficient_jgets_meetings";
    case Reason::kInsufficientMeetingPoints: return "insufficient_meeting_points";
    case Reason::kMissingEquipmentCourse: break;
  }
  return "missing_equipment_course";
}

std::string EventDate::ToLabel() const {
  if (month_only) {
    return fmt::format("{:04d}-{:02d}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()));
  }
  return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                     static_cast<unsigned>(day.day()));
}

}  // namespace certintake::synth
