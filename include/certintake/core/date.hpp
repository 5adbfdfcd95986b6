#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace certintake {

/// Parses a strict "YYYY-MM-DD" calendar date; nullopt for anything else (2025-02-30 included).
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);

std::string FormatIsoDate(std::chrono::year_month_day date);

/// Today's date in the machine's time zone, for defaults such as the received date.
std::chrono::year_month_day LocalToday();

}  // namespace certintake
