#pragma once

#include <string>

namespace certintake {

/// A registered member, as the member register CSV gives it. Dates are "YYYY-MM-DD".
struct Member {
  std::string member_id;
  std::string name;
  std::string name_kana;
  std::string cert_start;
  std::string cert_end;  ///< already includes any leave-of-absence extension
  bool fees_paid = false;
};

/// Points the member system has already recorded (attendance history CSV).
struct HistoryEntry {
  std::string member_id;
  std::string event_id;
  std::string date;
  int points = 0;
};

}  // namespace certintake
