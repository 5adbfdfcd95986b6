#include "certintake/core/member_id.hpp"

#include <algorithm>
#include <cctype>

namespace certintake {

bool IsValidMemberId(std::string_view id) {
  if (id.empty() || id.size() > 32 || id.front() == '-') {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-'; });
}

}  // namespace certintake
