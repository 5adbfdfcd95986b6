#pragma once

// The world the applications come from: the event catalog, the meetings actually held (with
// their dates, venues and issuers), people's names, and the ways Japanese paper writes dates.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certintake/synth/truth.hpp"
#include "random.hpp"

namespace certintake::synth {

/// models/catalog.json, compiled in.
std::string_view EmbeddedCatalogJson();

struct CatalogEvent {
  std::string id;
  Category category = Category::kUnknown;
  std::string society;
  int points = 0;
  std::string name;
  std::vector<std::string> aliases;
  bool numbered = false;
  bool requires_branch_chief = false;
  std::optional<std::chrono::year_month_day> valid_from;
};

/// The events of the embedded catalog, in file order.
const std::vector<CatalogEvent>& Catalog();
const CatalogEvent& CatalogEventById(std::string_view id);

struct Person {
  std::string family;
  std::string given;
  std::string family_kana;  ///< hiragana
  std::string given_kana;

  [[nodiscard]] std::string Name() const { return family + "\u3000" + given; }  // full-width space
  [[nodiscard]] std::string NameTight() const { return family + given; }
};

Person RandomPerson(Rng& rng);
std::string Katakana(std::string_view hiragana);

/// One issuer a certificate of an occurrence may carry.
struct Issuer {
  std::vector<std::string> lines;  ///< as printed, top to bottom
  bool branch_chief = false;
  std::string seal_text;  ///< characters of the organiser's seal
};

/// One held event: a numbered meeting on given days, or a course, or a lecture.
struct Occurrence {
  std::string key;                      ///< the same key means the same event
  const CatalogEvent* event = nullptr;  ///< nullptr for events outside the catalog
  std::string name;                     ///< the event as printed (catalog name or an alias, numbered)
  std::string organiser;                ///< who runs it, for headers and logos
  std::string short_mark;               ///< 2–4 characters for a logo
  std::chrono::year_month_day first;
  int days = 1;
  std::string venue;
  bool web_offered = false;
  bool onsite_offered = true;
  std::vector<Issuer> issuers;              ///< [0] is the usual one
  std::optional<Issuer> non_branch_issuer;  ///< prefectural meetings: the 会長 instead of the 支部長
  int fee_yen = 5000;
};

/// Families of events that certificates are for: catalog ids, plus "x-…" ones outside it.
std::vector<std::string> UnknownEventFamilies();

/// The occurrence of `family` held in `year` (slot 0/1 for twice-yearly meetings). Deterministic
/// for a (world seed, family, year, slot): every certificate for it agrees.
Occurrence HeldEvent(std::uint64_t world_seed, std::string_view family, int year, int slot);

/// How many times a year `family` meets.
int SlotsPerYear(std::string_view family);

/// Date styles seen on certificates.
enum class DateStyle {
  kSeireki,         ///< 2024年5月11日
  kSeirekiWeekday,  ///< 2024年5月11日（土）
  kWareki,          ///< 令和6年5月11日
  kWarekiShort,     ///< R6.5.11
  kDots,            ///< 2024.5.11
  kSlashes,         ///< 2024/05/11
  kFullWidth,       ///< ２０２４年５月１１日 (or 令和６年…)
};

DateStyle RandomDateStyle(Rng& rng);
/// One day, or a range "11日～12日" when `days` > 1.
std::string FormatDate(std::chrono::year_month_day day, int days, DateStyle style, bool full_width_wareki = false);
/// Only year and month (web viewing): 2024年5月 / 令和6年5月.
std::string FormatMonth(std::chrono::year_month_day day, DateStyle style);
std::string ToFullWidthDigits(std::string_view text);
std::string Weekday(std::chrono::year_month_day day);

std::string RandomHospital(Rng& rng);
std::string RandomAddress(Rng& rng, std::string* postal_code);
std::string RandomPhone(Rng& rng);

}  // namespace certintake::synth
