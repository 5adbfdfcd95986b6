#pragma once

// What the rules read: the facts of each certificate (as read and checked, or as a reviewer
// confirmed them) and of the application. Every fact that can be uncertain says so.

#include <optional>
#include <string>
#include <vector>

#include "certintake/core/member.hpp"

namespace certintake::rules {

enum class Kind { kAttendance, kCourse, kReceipt, kOther };
enum class Attendance { kWeb, kOnsite, kUnknown };
enum class Instrument { kInk, kPencil, kNone, kUnknown };

/// The outcome of one evidence check about a certificate.
enum class Finding {
  kPass,          ///< the check found nothing wrong
  kFail,          ///< the check found the problem
  kInconclusive,  ///< the evidence is too weak either way
};

struct CertificateFacts {
  std::string id;           ///< stable id of the piece
  bool unreadable = false;  ///< nothing usable could be read: the piece could be anything

  Kind kind = Kind::kOther;
  bool kind_sure = true;
  std::optional<std::string> event_id;  ///< catalog id; nullopt when the event is not in the catalog
  bool event_sure = true;
  std::optional<int> edition;       ///< 第N回, when printed
  std::optional<std::string> date;  ///< "YYYY-MM-DD", or "YYYY-MM" when only the month is given
  bool date_sure = true;
  Attendance attendance = Attendance::kUnknown;
  Finding issued_by_branch_chief = Finding::kInconclusive;  ///< read only where the catalog requires it

  Finding name_present = Finding::kPass;  ///< kFail: no handwritten name
  Finding name_in_pencil = Finding::kPass;
  Finding copy = Finding::kPass;
  Finding reduced_copy = Finding::kPass;
};

struct ApplicationFacts {
  std::optional<Member> member;  ///< nullopt: the member id is not in the register
  std::string received;          ///< "YYYY-MM-DD"
  std::vector<CertificateFacts> certificates;
  std::vector<HistoryEntry> history;  ///< points the member system already recorded
};

}  // namespace certintake::rules
