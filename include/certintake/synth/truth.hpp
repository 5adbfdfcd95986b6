#pragma once

// The truth the generator knows about every piece it draws: what the certificate says, how it
// was named, copied and pasted, and what DOMAIN.md's rules make of it. Label names are the ones
// in CONTRACT.md.

#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace certintake::synth {

enum class PageRole { kSeparator, kApplicationForm, kCertificateSheet, kCheckSheet, kOther };
enum class CertificateKind { kAttendance, kCourse, kReceipt, kOther };
enum class Category { kJgetsMeeting, kRelatedSociety, kEquipmentCourse, kUnknown };
enum class Attendance { kWeb, kOnsite, kUnknown };
enum class Instrument { kInk, kPencil, kNone, kUnknown };
enum class Decision { kApprove, kDeficient };

/// Why a certificate does not count (CONTRACT.md "Certificate flags").
enum class CertificateFlag {
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
};

/// Why an application is deficient (CONTRACT.md "Application reasons").
enum class Reason {
  kFeesUnpaid,
  kLateApplication,
  kUnknownMember,
  kInsufficientJgetsMeetings,
  kInsufficientMeetingPoints,
  kMissingEquipmentCourse,
};

std::string_view ToLabel(PageRole role);
std::string_view ToLabel(CertificateKind kind);
std::string_view ToLabel(Category category);
std::string_view ToLabel(Attendance attendance);
std::string_view ToLabel(Instrument instrument);
std::string_view ToLabel(Decision decision);
std::string_view ToLabel(CertificateFlag flag);
std::string_view ToLabel(Reason reason);

/// A certificate's date as printed: a day, or only a month (web viewing). For a range
/// (11日～12日) it is the first day.
struct EventDate {
  std::chrono::year_month_day day;  ///< the first of the month when `month_only`
  bool month_only = false;

  /// "YYYY-MM-DD", or "YYYY-MM" when only the month is known.
  [[nodiscard]] std::string ToLabel() const;
};

/// One pasted piece, as the generator made it.
struct CertificateTruth {
  std::string id;      ///< "c-0001", unique in the corpus
  std::string design;  ///< which template drew it, e.g. "namecard-a"
  CertificateKind kind = CertificateKind::kAttendance;
  std::string title;  ///< the printed title: 出席証明書, 参加証, 領収書, ...
  Category category = Category::kUnknown;
  std::optional<std::string> event_id;  ///< catalog id; nullopt for events not in the catalog
  std::string society;                  ///< related societies: the catalog's society key (counts once)
  std::string occurrence;               ///< one held event; the same value twice is the same event
  std::string event_text;               ///< the event name as printed
  std::optional<EventDate> date;
  Attendance attendance = Attendance::kUnknown;
  std::string issuer;                                     ///< the issuer line as printed
  bool issued_by_branch_chief = false;                    ///< 支部長 signs it (matters for prefectural meetings)
  bool requires_branch_chief = false;                     ///< the catalog says only a 支部長's certificate counts
  std::optional<std::chrono::year_month_day> valid_from;  ///< the catalog's valid_from (lectures)
  int catalog_points = 0;                                 ///< what the event is worth when it counts

  bool name_present = false;
  Instrument instrument = Instrument::kNone;
  std::string name_place;    ///< "field", "margin" or "" (no name)
  bool name_copied = false;  ///< the name was written on the original and photocopied with it
  bool copy = false;         ///< a photocopy (reduced copies are copies too)
  bool reduced = false;      ///< copied at a reduced size
  double scale = 1.0;        ///< content scale against the original (0.70–0.87 for reduced copies)
  bool colour_copy = false;  ///< a colour photocopy rather than black and white
  bool bw_print = false;     ///< a black-and-white print-out of a PDF (an original)
  std::string seal;          ///< "stamped", "printed", "copied" or "" (no seal)

  // What the rules make of it (ApplyRenewalRules fills these).
  std::vector<CertificateFlag> expected_flags;
  int points = 0;        ///< points it adds to the tally: catalog_points when counted, else 0
  bool counted = false;  ///< it counts toward the renewal

  // Where it ended up (the generator fills these while scanning).
  std::string file;
  int page = 0;                  ///< 1-based page within `file`
  std::array<double, 4> bbox{};  ///< [x0, y0, x1, y1], fractions of the stored page
  double rotation_degrees = 0;   ///< the piece's rotation on the stored page, counter-clockwise
};

}  // namespace certintake::synth
