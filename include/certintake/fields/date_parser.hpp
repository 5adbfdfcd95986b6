#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace certintake::fields {

/// The date a certificate gives for its event.
struct DateReading {
  std::string value;        ///< "YYYY-MM-DD", or "YYYY-MM" when only the month is given
  std::string source;       ///< the text it was read from
  double confidence = 1.0;  ///< lowered when a printed weekday disagrees or the choice is ambiguous
};

/// Finds the event date in normalised certificate text (NormaliseOcrText): 2024年5月11日,
/// 令和6年5月11日 / 令和元年 / 平成, R6.5.11, H31.4.1, 2024.5.11, 2024/05/11, 2024-05-11, ranges
/// (the first day), month-only dates (web viewing), dates split over two lines. A date labelled
/// as the event's (開催日, 会期, 受講日, 視聴日 ...) wins over one labelled as the issue date
/// (発行日, 交付日 ...). Impossible dates are rejected. nullopt when no date is found.
std::optional<DateReading> ParseEventDate(std::string_view normalised_text);

}  // namespace certintake::fields
