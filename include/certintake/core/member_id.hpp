#pragma once

#include <string_view>

namespace certintake {

/// A member id as the register, separator sheets and file names carry it: 1 to 32 ASCII letters,
/// digits or '-', starting with a letter or digit.
bool IsValidMemberId(std::string_view id);

}  // namespace certintake
