#include "plan.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <set>

#include "certintake/core/date.hpp"

namespace certintake::synth {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Ymd(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}
year_month_day Plus(year_month_day day, int n) {
  return year_month_day{sys_days(day) + days(n)};
}

// ---- what to make --------------------------------------------------------------------------

/// One certificate the planner wants, before an event is picked for it.
struct CertSpec {
  std::string family;
  CertificateKind kind = CertificateKind::kAttendance;
  int mode = -1;  ///< -1 any, 0 on site, 1 web
  bool out_of_period = false;
  bool before_valid_from = false;
  bool non_branch_issuer = false;
  bool copy = false;
  bool reduced = false;
  Instrument name = Instrument::kInk;
  int same_event_as = -1;  ///< index of an earlier spec: the same event again (other mode)
  bool needed = false;     ///< part of the minimum that makes 40 points
};

const std::vector<std::string>& BranchFamilies() {
  static const std::vector<std::string> kFamilies = [] {
    std::vector<std::string> out;
    for (const CatalogEvent& e : Catalog()) {
      if (e.id.rfind("jgets-branch-", 0) == 0) {
        out.push_back(e.id);
      }
    }
    return out;
  }();
  return kFamilies;
}

std::string PrefectureFamily(Rng& rng) {
  constexpr std::array kPrefectures = {"静岡県", "神奈川県", "東京都", "大阪府", "福岡県", "宮城県", "広島県",
                                       "愛知県", "新潟県",   "京都府", "香川県", "熊本県", "石川県"};
  return std::string("jgets-prefecture/") + kPrefectures[rng.Index(kPrefectures.size())];
}

std::string JgetsFamily(Rng& rng) {
  switch (rng.Weighted({3.5, 4.5, 2})) {
    case 0: return "jgets-national";
    case 1: return rng.Pick(BranchFamilies());
    default: break;
  }
  return PrefectureFamily(rng);
}

/// Related societies in random order: (family, points).
std::vector<std::pair<std::string, int>> RelatedInRandomOrder(Rng& rng) {
  std::vector<std::pair<std::string, int>> related;
  for (const CatalogEvent& e : Catalog()) {
    if (e.category == Category::kRelatedSociety) {
      related.emplace_back(e.id, e.points);
    }
  }
  rng.Shuffle(related);
  return related;
}

CertSpec Needed(std::string family, CertificateKind kind = CertificateKind::kAttendance) {
  CertSpec spec;
  spec.family = std::move(family);
  spec.kind = kind;
  spec.needed = true;
  return spec;
}

/// Related societies adding up to at least `points` (each society once).
void AddRelated(std::vector<CertSpec>& specs, int points, Rng& rng) {
  int sum = 0;
  for (const auto& [family, value] : RelatedInRandomOrder(rng)) {
    if (sum >= points) {
      break;
    }
    specs.push_back(Needed(family));
    sum += value;
  }
}

std::string CourseFamily(Rng& rng) {
  return rng.Chance(0.6) ? "equipment-basic" : "equipment-practical";
}

/// A sound set: two or three society meetings (topped up by related societies) and the course.
std::vector<CertSpec> SoundCore(Rng& rng, int jgets) {
  std::vector<CertSpec> specs;
  specs.reserve(static_cast<std::size_t>(jgets) + 6);
  for (int i = 0; i < jgets; ++i) {
    specs.push_back(Needed(JgetsFamily(rng)));
  }
  if (jgets < 3) {
    AddRelated(specs, 10 * (3 - jgets), rng);
  }
  specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
  return specs;
}

std::vector<std::size_t> NeededIndices(const std::vector<CertSpec>& specs, bool include_course) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const bool course = specs[i].kind == CertificateKind::kCourse;
    if (specs[i].needed && (include_course || !course)) {
      out.push_back(i);
    }
  }
  return out;
}

enum class Failure {
  kFees,
  kLate,
  kUnknownMember,
  kMissingCourse,
  kOneJgets,
  kFewPoints,
  kCopy,
  kReduced,
  kReceipt,
  kNameMissing,
  kPencil,
  kOutOfPeriod,
  kPrefectureNotBranch,
  kDuplicateEvent,
  kDuplicateSociety,
  kUnknownEvent,
  kEarlyLecture,
};

const char* FailureName(Failure failure) {
  constexpr std::array kNames = {"fees",
                                 "late",
                                 "unknown-member",
                                 "missing-course",
                                 "one-jgets",
                                 "few-points",
                                 "copy",
                                 "reduced",
                                 "receipt",
                                 "name-missing",
                                 "pencil",
                                 "out-of-period",
                                 "prefecture-not-branch",
                                 "duplicate-event",
                                 "duplicate-society",
                                 "unknown-event",
                                 "early-lecture"};
  return kNames[static_cast<std::size_t>(failure)];
}

Failure RandomFailure(Rng& rng) {
  return static_cast<Failure>(rng.Weighted({7, 7, 5, 9, 7, 7, 8, 6, 6, 6, 7, 6, 6, 5, 5, 5, 4}));
}

/// Changes a sound set so that it fails for `failure` (member-level failures leave it alone).
void Break(std::vector<CertSpec>& specs, Failure failure, Rng& rng) {
  auto pick_needed = [&](bool include_course) -> CertSpec& {
    const std::vector<std::size_t> needed = NeededIndices(specs, include_course);
    return specs[needed[rng.Index(needed.size())]];
  };
  switch (failure) {
    case Failure::kFees:
    case Failure::kLate:
    case Failure::kUnknownMember: break;
    case Failure::kMissingCourse:
      specs.erase(std::remove_if(specs.begin(), specs.end(),
                                 [](const CertSpec& s) { return s.kind == CertificateKind::kCourse; }),
                  specs.end());
      break;
    case Failure::kOneJgets:
      specs = {Needed(JgetsFamily(rng))};
      AddRelated(specs, 20, rng);
      specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
      break;
    case Failure::kFewPoints:
      specs = {Needed(JgetsFamily(rng)), Needed(JgetsFamily(rng))};
      AddRelated(specs, rng.Chance(0.5) ? 3 : 6, rng);
      specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
      break;
    case Failure::kCopy: pick_needed(true).copy = true; break;
    case Failure::kReduced: pick_needed(true).reduced = true; break;
    case Failure::kReceipt: pick_needed(true).kind = CertificateKind::kReceipt; break;
    case Failure::kNameMissing: pick_needed(true).name = Instrument::kNone; break;
    case Failure::kPencil: pick_needed(true).name = Instrument::kPencil; break;
    case Failure::kOutOfPeriod: pick_needed(true).out_of_period = true; break;
    case Failure::kPrefectureNotBranch: {
      // A prefectural meeting whose certificate the prefecture's 会長 signed, not the 支部長.
      CertSpec& spec = specs[NeededIndices(specs, false).front()];
      spec.family = PrefectureFamily(rng);
      spec.non_branch_issuer = true;
      break;
    }
    case Failure::kDuplicateEvent: {
      // The second meeting is the first one again, attended the other way.
      specs = SoundCore(rng, 3);
      specs[0].family = "jgets-national";
      specs[1] = specs[0];
      specs[1].same_event_as = 0;
      break;
    }
    case Failure::kDuplicateSociety: {
      specs = {Needed(JgetsFamily(rng)), Needed(JgetsFamily(rng)), Needed("jges-congress"), Needed("jsge"),
               Needed("jsge")};
      specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
      break;
    }
    case Failure::kUnknownEvent: {
      specs = {Needed(JgetsFamily(rng)), Needed(JgetsFamily(rng)), Needed(rng.Pick(UnknownEventFamilies()))};
      specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
      break;
    }
    case Failure::kEarlyLecture: {
      specs = {Needed(JgetsFamily(rng)), Needed(JgetsFamily(rng)), Needed("jsge"),
               Needed("jace"),           Needed("jna-nursing"),    Needed("medical-lecture")};
      specs.back().before_valid_from = true;
      specs.back().mode = 1;
      specs.push_back(Needed(CourseFamily(rng), CertificateKind::kCourse));
      break;
    }
  }
}

/// Extra pieces in a sound application that must not change its verdict.
void AddDecoys(std::vector<CertSpec>& specs, Rng& rng) {
  const std::vector<std::size_t> needed = NeededIndices(specs, true);
  if (rng.Chance(0.2) && !needed.empty()) {  // the receipt that came with a certificate
    const std::size_t of = needed[rng.Index(needed.size())];
    CertSpec receipt;
    receipt.family = specs[of].family;
    receipt.kind = CertificateKind::kReceipt;
    receipt.same_event_as = static_cast<int>(of);
    receipt.name = rng.Chance(0.5) ? Instrument::kInk : Instrument::kNone;
    specs.push_back(receipt);
  }
  if (rng.Chance(0.15)) {  // an extra meeting, sound
    CertSpec extra = Needed(JgetsFamily(rng));
    extra.needed = false;
    specs.push_back(extra);
  }
  if (rng.Chance(0.15)) {  // a meeting the catalog does not know
    CertSpec extra = Needed(rng.Pick(UnknownEventFamilies()));
    extra.needed = false;
    specs.push_back(extra);
  }
  if (rng.Chance(0.12)) {  // a copy of something extra
    CertSpec extra = Needed(rng.Chance(0.5) ? JgetsFamily(rng) : RelatedInRandomOrder(rng).front().first);
    extra.needed = false;
    extra.copy = true;
    extra.reduced = rng.Chance(0.4);
    specs.push_back(extra);
  }
  if (rng.Chance(0.08)) {  // an extra certificate named in pencil
    CertSpec extra = Needed(JgetsFamily(rng));
    extra.needed = false;
    extra.name = Instrument::kPencil;
    specs.push_back(extra);
  }
  if (rng.Chance(0.08)) {  // a web certificate for a meeting also attended on site
    for (std::size_t i = 0; i < specs.size(); ++i) {
      if (specs[i].needed && specs[i].family == "jgets-national") {
        CertSpec again = specs[i];
        again.needed = false;
        again.same_event_as = static_cast<int>(i);
        specs.push_back(again);
        break;
      }
    }
  }
}

// ---- printing a certificate ----------------------------------------------------------------

const std::array<cv::Scalar, 8> kAccents = {
    cv::Scalar(120, 60, 20),  cv::Scalar(60, 110, 30),  cv::Scalar(40, 40, 150), cv::Scalar(110, 100, 20),
    cv::Scalar(30, 100, 200), cv::Scalar(110, 40, 100), cv::Scalar(90, 90, 90),  cv::Scalar(140, 90, 40)};

const std::array<cv::Scalar, 5> kTints = {cv::Scalar(232, 244, 250), cv::Scalar(250, 240, 232),
                                          cv::Scalar(234, 248, 238), cv::Scalar(242, 234, 250),
                                          cv::Scalar(228, 250, 252)};

bool IsCongress(std::string_view family) {
  return family == "jgets-national" || family == "jges-congress" || family == "jsge" || family == "jsgcs" ||
         family == "jace" || family == "jsipc" || family == "jna-nursing" || family == "jamt-congress" ||
         family == "x-jsgs" || family == "x-surgery" || family == "x-helicobacter";
}

std::string ChooseDesign(CertificateKind kind, bool web, std::string_view family, Rng& rng) {
  if (kind == CertificateKind::kReceipt) {
    return rng.Chance(0.6) ? "receipt-a" : "receipt-thermal";
  }
  if (web) {
    switch (rng.Weighted({5, 1.5, 2, kind == CertificateKind::kCourse ? 1.0 : 0.0})) {
      case 0: return "a4-web";
      case 1: return "a4-formal";
      case 2: return "postcard";
      default: return "a5-award";
    }
  }
  if (kind == CertificateKind::kCourse) {
    switch (rng.Weighted({3.5, 3.5, 2, 1})) {
      case 0: return "a5-award";
      case 1: return "course-card";
      case 2: return "a4-formal";
      default: return "postcard";
    }
  }
  if (IsCongress(family)) {
    switch (rng.Weighted({2.5, 2, 1.5, 2, 1})) {
      case 0: return "namecard-a";
      case 1: return "namecard-b";
      case 2: return "namecard-c";
      case 3: return "postcard";
      default: return "a4-formal";
    }
  }
  switch (rng.Weighted({3.5, 2.5, 1.5, 1.5, 1})) {
    case 0: return "postcard";
    case 1: return "namecard-a";
    case 2: return "a5-award";
    case 3: return "a4-formal";
    default: break;
  }
  return "namecard-c";
}

std::string ChooseTitle(CertificateKind kind, std::string_view design, Rng& rng) {
  if (kind == CertificateKind::kReceipt) {
    return rng.Chance(0.85) ? "領収書" : "領収証";
  }
  if (kind == CertificateKind::kCourse) {
    if (design == "course-card") {
      return rng.Chance(0.6) ? "受講証" : "修了証";
    }
    switch (rng.Weighted({4, 3.5, 2.5})) {
      case 0: return "受講証明書";
      case 1: return "修了証";
      default: return "受講証";
    }
  }
  if (design.rfind("namecard", 0) == 0) {
    switch (rng.Weighted({7, 1.5, 1.5})) {
      case 0: return "参加証";
      case 1: return "出席証明書";
      default: return "参加証明書";
    }
  }
  switch (rng.Weighted({4.5, 4.5, 1})) {
    case 0: return "出席証明書";
    case 1: return "参加証明書";
    default: break;
  }
  return "参加証";
}

std::string Yen(int amount) {
  std::string digits = std::to_string(amount);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return "￥" + digits + "-";
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) {
    out += (out.empty() ? "" : " ") + line;
  }
  return out;
}

struct Period {
  year_month_day start;
  year_month_day end;
};

/// An occurrence of `family` between `lo` and `hi` that can be attended in `mode`.
std::optional<Occurrence> PickOccurrence(std::uint64_t world_seed, const std::string& family, year_month_day lo,
                                         year_month_day hi, int mode, const std::set<std::string>& taken, Rng& rng) {
  if (hi < lo) {
    return std::nullopt;
  }
  const int y0 = static_cast<int>(lo.year());
  const int y1 = static_cast<int>(hi.year());
  for (int attempt = 0; attempt < 80; ++attempt) {
    const int year = rng.Int(y0, y1);
    const int slot = rng.Int(0, SlotsPerYear(family) - 1);
    Occurrence o = HeldEvent(world_seed, family, year, slot);
    if (o.first < lo || Plus(o.first, o.days - 1) > hi || taken.count(o.key) > 0) {
      continue;
    }
    if ((mode == 1 && !o.web_offered) || (mode == 0 && !o.onsite_offered)) {
      continue;
    }
    return o;
  }
  return std::nullopt;
}

FontId BoldOf(FontId font) {
  switch (font) {
    case FontId::kSans: return FontId::kSansBold;
    case FontId::kSerif: return FontId::kSerifBold;
    default: break;
  }
  return font;
}

/// Prints the certificate for `spec` at `occurrence`, and writes down its truth.
PiecePlan MakePiece(const CertSpec& spec, const Occurrence& o, bool web, const Period& valid, const Pen& member_pen,
                    Rng& rng) {
  PiecePlan piece;
  CertificateTruth& t = piece.truth;
  CertificateContent& k = piece.content;
  t.kind = spec.kind;
  if (o.event != nullptr) {
    t.event_id = o.event->id;
    t.category = o.event->category;
    t.society = o.event->society;
    t.catalog_points = o.event->points;
    t.requires_branch_chief = o.event->requires_branch_chief;
    t.valid_from = o.event->valid_from;
  }
  t.occurrence = o.key;
  t.event_text = o.name;

  k.design = ChooseDesign(spec.kind, web, spec.family, rng);
  k.size_mm = DesignSize(k.design, rng);
  k.title = ChooseTitle(spec.kind, k.design, rng);
  k.event_name = o.name;
  k.organiser = o.organiser;
  k.mark = o.short_mark;
  k.venue = web ? "" : o.venue;
  k.accent = kAccents[rng.Index(kAccents.size())];
  const std::span<const FontId> fonts = PrintFonts();
  k.font = fonts[rng.Index(fonts.size())];
  k.title_font = rng.Chance(0.7) ? BoldOf(k.font) : BoldOf(rng.Chance(0.5) ? FontId::kSerif : FontId::kSans);
  k.logo = rng.Chance(0.7);
  k.border = rng.Chance(0.7);
  if (k.design == "course-card" || (k.design.rfind("namecard", 0) == 0 && rng.Chance(0.3))) {
    k.paper = kTints[rng.Index(kTints.size())];  // tinted card stock
  } else {
    const double white = rng.Uniform(244, 253);
    k.paper = cv::Scalar(white - rng.Uniform(0, 3), white - rng.Uniform(0, 2), white);
  }
  t.design = k.design;
  t.title = k.title;

  // The issuer, and for prefectural meetings whether the branch chief signed.
  const Issuer& issuer =
      spec.non_branch_issuer && o.non_branch_issuer ? *o.non_branch_issuer : o.issuers[rng.Index(o.issuers.size())];
  const Issuer& chosen =
      (o.event != nullptr && o.event->requires_branch_chief && !spec.non_branch_issuer) ? o.issuers.front() : issuer;
  k.issuer_lines = chosen.lines;
  k.seal_text = chosen.seal_text;
  t.issuer = Joined(chosen.lines);
  t.issued_by_branch_chief = chosen.branch_chief;

  // The date as printed.
  const DateStyle style = RandomDateStyle(rng);
  const bool wareki_full = rng.Chance(0.4);
  EventDate date;
  if (spec.kind == CertificateKind::kReceipt) {
    const year_month_day paid = rng.Chance(0.5) ? o.first : Plus(o.first, -rng.Int(5, 40));
    k.date_text = FormatDate(paid, 1, style, wareki_full);
    date.day = paid;
  } else if (web) {
    year_month_day viewed = Plus(o.first, rng.Chance(0.4) ? 0 : rng.Int(0, 40));
    if (viewed > valid.end || (spec.out_of_period && viewed >= valid.start)) {
      viewed = o.first;
    }
    const int choice = static_cast<int>(rng.Weighted({4, 3, 3}));
    if (choice == 0) {  // 視聴日 with a day
      k.date_label = "視聴日：";
      k.date_text = FormatDate(viewed, 1, style, wareki_full);
      date.day = viewed;
    } else if (choice == 1) {  // only the month (the notice allows it for web)
      k.date_label = "視聴日：";
      k.date_text = FormatMonth(viewed, style);
      date.day = year_month_day{viewed.year(), viewed.month(), std::chrono::day(1)};
      date.month_only = true;
    } else {  // the meeting's own dates
      k.date_label = rng.Chance(0.5) ? "開催日：" : "会期：";
      k.date_text = FormatDate(o.first, o.days, style, wareki_full);
      date.day = o.first;
    }
  } else {
    k.date_label = rng.Pick({"会期：", "開催日：", "日時：", ""});
    k.date_text = FormatDate(o.first, o.days, style, wareki_full);
    date.day = o.first;
  }
  t.date = date;

  // How attendance is stated.
  if (spec.kind != CertificateKind::kReceipt) {
    if (web) {
      if (rng.Chance(0.85)) {
        k.attendance_text = rng.Pick(
            {"Web参加", "オンライン参加", "Web参加（ライブ配信）", "オンデマンド配信視聴", "Web（ライブ配信）"});
      }
      t.attendance =
          (!k.attendance_text.empty() || k.date_label == "視聴日：") ? Attendance::kWeb : Attendance::kUnknown;
    } else if (rng.Chance(0.4)) {
      k.attendance_text = rng.Pick({"現地参加", "会場参加", "参加形態：現地"});
      t.attendance = Attendance::kOnsite;
    }
  }

  // Body text, serial, money.
  const std::string& e = o.name;
  if (spec.kind == CertificateKind::kCourse) {
    k.body = rng.Chance(0.5) ? "あなたは" + e + "の全課程を修了されたことを証します。"
                             : "上記の者は、" + e + "を受講したことを証明します。";
  } else if (web) {
    k.body = "上記の者は、" + e + "にWebにて参加されたことを証明いたします。";
  } else {
    switch (rng.Int(0, 2)) {
      case 0: k.body = "あなたは" + e + "に出席されたことを証明します。"; break;
      case 1: k.body = "上記の者は、" + e + "に参加したことを証明いたします。"; break;
      default: k.body = "貴殿は" + e + "に出席されたことをここに証します。"; break;
    }
  }
  switch (rng.Int(0, 3)) {
    case 0: k.serial = fmt::format("No. {}-{:04d}", static_cast<int>(o.first.year()), rng.Int(1, 3000)); break;
    case 1: k.serial = fmt::format("第 {} 号", rng.Int(1, 999)); break;
    case 2: k.serial = fmt::format("受付番号 {:06d}", rng.Int(1, 999999)); break;
    default: break;
  }
  if (spec.kind == CertificateKind::kReceipt) {
    k.amount = Yen(o.fee_yen);
    k.purpose = rng.Pick({e + " 参加費として", std::string("参加費として"), e + " 参加登録費として"});
    if (rng.Chance(0.5)) {
      k.issuer_lines = {e, "運営事務局"};
      t.issuer = Joined(k.issuer_lines);
      t.issued_by_branch_chief = false;
    }
  }
  if (k.design == "a4-web") {
    k.issue_date_text = FormatDate(Plus(date.day, rng.Int(0, 20)), 1, DateStyle::kSeireki);
  }

  // Seal, and black-and-white print-outs of PDFs.
  if (k.design == "a4-web") {
    k.seal = rng.Chance(0.75) ? SealStyle::kPrinted : SealStyle::kNone;
  } else if (spec.kind == CertificateKind::kReceipt) {
    k.seal = rng.Chance(0.7) ? SealStyle::kStamped : SealStyle::kPrinted;
  } else {
    k.seal = static_cast<SealStyle>(rng.Weighted({2.5, 4, 3.5}));
  }
  k.bw = web && (k.design == "a4-web" || k.design == "a4-formal") && rng.Chance(0.45);
  if (k.bw && k.seal == SealStyle::kStamped) {
    k.seal = SealStyle::kPrinted;  // printed at home from the PDF: its seal is part of the print
  }
  t.bw_print = k.bw;
  t.seal = k.seal == SealStyle::kStamped ? "stamped" : k.seal == SealStyle::kPrinted ? "printed" : "";

  // Copies.
  t.copy = spec.copy || spec.reduced;
  t.reduced = spec.reduced;
  if (t.reduced) {
    t.scale = rng.Chance(0.6) ? rng.Pick({0.707, 0.816, 0.865}) + rng.Uniform(-0.01, 0.005) : rng.Uniform(0.70, 0.87);
  }
  if (t.copy) {
    t.colour_copy = rng.Chance(0.2);
    piece.copy_margin_mm = rng.Chance(0.5) ? 0.0 : rng.Uniform(0.8, 4.0);
    if (!t.seal.empty()) {
      t.seal = "copied";
    }
  }

  // The member's name.
  piece.name.present = spec.name != Instrument::kNone;
  piece.name.pen =
      spec.name == Instrument::kPencil ? Pen::kPencil : (rng.Chance(0.75) ? member_pen : RandomInkPen(rng));
  piece.name.in_field = DesignHasNameField(k.design) && rng.Chance(0.88);
  piece.name.before_copy = t.copy && spec.name == Instrument::kInk && rng.Chance(0.6);
  t.name_present = piece.name.present;
  t.instrument = spec.name;
  t.name_place = piece.name.present ? (piece.name.in_field ? "field" : "margin") : "";
  t.name_copied = piece.name.present && piece.name.before_copy;

  // Some members cut the certificate out of a web print-out to paste it.
  if (k.design == "a4-web" && rng.Chance(0.35)) {
    const double left = rng.Uniform(8, 20);
    const double top = rng.Uniform(12, 36);
    piece.trim = cv::Rect2d(left, top, 210 - left - rng.Uniform(8, 20), rng.Uniform(195, 228) - top);
  }
  const cv::Size2d content_mm = piece.trim.area() > 0 ? piece.trim.size() : k.size_mm;
  // A4 sheets that were not reduced go in loose; a full-size copy is on A4 copier paper too.
  piece.loose = content_mm.width * t.scale > 200 && content_mm.height * t.scale > 280;
  if (piece.loose) {
    piece.copy_margin_mm = 0;
  }
  piece.size_mm = cv::Size2d(content_mm.width * t.scale + 2 * piece.copy_margin_mm,
                             content_mm.height * t.scale + 2 * piece.copy_margin_mm);
  piece.shadow = k.design.rfind("namecard", 0) == 0 || k.design == "course-card" || k.design == "postcard"
                     ? rng.Uniform(0.2, 0.4)
                     : rng.Uniform(0.08, 0.2);
  piece.seed = rng.Next();
  return piece;
}

// ---- pasting -------------------------------------------------------------------------------

struct Region {
  double x0;
  double y0;
  double x1;
  double y1;
};

// The back page's 証明書貼付欄 frame is (11.6, 63.5)–(197.6, 259.6) mm; people paste over its
// lines and the notes above it all the same.
constexpr Region kBackFormRegion{4, 57, 206, 277};
constexpr Region kPlainRegion{3, 5, 207, 292};

/// Packs pieces onto one sheet in rows, as people do; returns how many of `order` fit.
std::size_t PackSheet(const std::vector<PiecePlan>& pieces, const std::vector<std::size_t>& order, std::size_t from,
                      const Region& region, SheetPlan& sheet, Rng& rng) {
  struct Row {
    std::vector<std::pair<Placement, cv::Size2d>> items;
    double height = 0;
    double width = 0;
  };
  std::vector<Row> rows(1);
  const double gap = rng.Uniform(0.8, 6);
  double y = 0;
  std::size_t count = 0;
  for (std::size_t i = from; i < order.size() && count < 8; ++i) {
    const PiecePlan& piece = pieces[order[i]];
    if (piece.loose) {
      break;
    }
    double angle = std::clamp(rng.Normal(0, 1.6), -4.5, 4.5);
    cv::Size2d size = piece.size_mm;
    const double width_limit = region.x1 - region.x0;
    const double height_limit = region.y1 - region.y0;
    bool turn = size.width > width_limit || (size.height > height_limit && size.width <= height_limit);
    if (!turn && size.width < 100 && rng.Chance(0.04)) {
      turn = true;  // a card pasted sideways
    }
    if (turn) {
      std::swap(size.width, size.height);
      angle += rng.Chance(0.5) ? 90 : -90;
    }
    const double radians = std::abs(std::fmod(angle, 90.0)) * std::numbers::pi / 180;
    const cv::Size2d extent(size.width * std::cos(radians) + size.height * std::sin(radians),
                            size.width * std::sin(radians) + size.height * std::cos(radians));
    if (extent.width > width_limit || extent.height > height_limit) {
      break;  // does not fit this kind of sheet at all
    }
    Row* row = &rows.back();
    if (row->width + extent.width + gap > width_limit) {
      y += row->height + gap;
      rows.emplace_back();
      row = &rows.back();
    }
    if (y + extent.height + gap > height_limit) {
      break;
    }
    Placement placement;
    placement.piece = order[i];
    placement.angle_degrees = angle;
    placement.centre_mm = cv::Point2d(row->width + gap + extent.width / 2, y + gap + extent.height / 2);
    row->items.emplace_back(placement, extent);
    row->width += extent.width + gap;
    row->height = std::max(row->height, extent.height);
    ++count;
  }
  // Spread the block over the sheet: rows shifted by their slack, the whole block lowered a bit.
  const double used_height = y + rows.back().height + gap;
  const double down = rng.Uniform(0, std::max(0.0, (region.y1 - region.y0) - used_height) * 0.5);
  for (Row& row : rows) {
    const double slack = std::max(0.0, (region.x1 - region.x0) - row.width - gap);
    const double right = rng.Uniform(0, slack);
    for (auto& [placement, extent] : row.items) {
      const double wiggle_x = std::min(gap / 2, 1.5) * rng.Uniform(-1, 1);
      const double wiggle_y = std::min((row.height - extent.height) / 2, 3.0) * rng.Uniform(-1, 1);
      placement.centre_mm += cv::Point2d(region.x0 + right + wiggle_x, region.y0 + down + wiggle_y);
      sheet.placements.push_back(placement);
    }
  }
  return count;
}

cv::Scalar SheetPaper(Rng& rng) {
  const double white = rng.Uniform(238, 252);
  return {white - rng.Uniform(0, 6), white - rng.Uniform(0, 3), white};
}

/// Puts the pieces on sheets and orders them as they will be scanned.
void PlanSheets(ApplicationPlan& application, Rng& rng) {
  std::vector<PiecePlan>& pieces = application.pieces;
  std::vector<std::size_t> pasted;
  std::vector<std::size_t> loose;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    (pieces[i].loose ? loose : pasted).push_back(i);
  }
  rng.Shuffle(pasted);
  if (rng.Chance(0.6)) {  // name-plate cards gathered on the first sheet, as the notice asks
    std::stable_partition(pasted.begin(), pasted.end(),
                          [&](std::size_t i) { return pieces[i].size_mm.area() < 100.0 * 100.0; });
  }
  std::vector<SheetPlan> sheets;
  SheetPlan form;
  form.kind = SheetKind::kApplicationForm;
  form.paper = SheetPaper(rng);
  sheets.push_back(form);
  const bool plain_first = rng.Chance(0.2);
  std::size_t next = 0;
  int back_sheets = 0;
  while (next < pasted.size()) {
    SheetPlan sheet;
    sheet.kind = (back_sheets == 0 ? !plain_first : rng.Chance(0.4)) ? SheetKind::kBackForm : SheetKind::kPlainPaper;
    sheet.paper = SheetPaper(rng);
    std::size_t placed = PackSheet(pieces, pasted, next,
                                   sheet.kind == SheetKind::kBackForm ? kBackFormRegion : kPlainRegion, sheet, rng);
    if (placed == 0 && sheet.kind == SheetKind::kBackForm) {
      sheet = SheetPlan{};
      sheet.kind = SheetKind::kPlainPaper;
      sheet.paper = SheetPaper(rng);
      placed = PackSheet(pieces, pasted, next, kPlainRegion, sheet, rng);
    }
    if (placed == 0) {  // too big to paste: it goes in loose
      loose.push_back(pasted[next]);
      ++next;
      continue;
    }
    next += placed;
    ++back_sheets;
    sheets.push_back(sheet);
  }
  for (std::size_t index : loose) {
    SheetPlan sheet;
    sheet.kind = SheetKind::kLooseCertificate;
    Placement placement;
    placement.piece = index;
    placement.centre_mm = cv::Point2d(105, 148.5);
    sheet.placements.push_back(placement);
    sheets.push_back(sheet);
  }
  if (!application.check_rows.empty()) {
    SheetPlan check;
    check.kind = SheetKind::kCheckSheet;
    check.paper = SheetPaper(rng);
    const auto at = rng.Chance(0.4) ? sheets.begin() + 1 : sheets.end();
    sheets.insert(at, check);
  }
  for (SheetPlan& sheet : sheets) {
    sheet.upside_down = rng.Chance(0.06);
  }
  // Reorder the pieces as they appear in the scan: the first of two duplicates is the one read first.
  std::vector<PiecePlan> ordered;
  for (SheetPlan& sheet : sheets) {
    for (Placement& placement : sheet.placements) {
      ordered.push_back(pieces[placement.piece]);
      placement.piece = ordered.size() - 1;
    }
  }
  pieces = std::move(ordered);
  application.sheets = std::move(sheets);
}

// ---- members and applications --------------------------------------------------------------

Period PeriodOf(const Member& member) {
  return {*ParseIsoDate(member.cert_start), *ParseIsoDate(member.cert_end)};
}

std::string ShortEvent(const PiecePlan& piece) {
  std::string text = piece.truth.event_text;
  // Members abbreviate: drop the organisation's long prefix.
  for (std::string_view prefix : {"一般社団法人 ", "日本消化器内視鏡技師会"}) {
    if (text.rfind(prefix, 0) == 0 && text.size() > prefix.size() + 6) {
      text = text.substr(prefix.size());
    }
  }
  return text;
}

void PlanCheckSheet(ApplicationPlan& application, Rng& rng) {
  if (!rng.Chance(0.7)) {
    return;
  }
  std::vector<CheckRow> rows(6);
  int jgets = 0;
  int related = 0;
  int total = 0;
  for (const PiecePlan& piece : application.pieces) {
    const CertificateTruth& t = piece.truth;
    if (t.kind == CertificateKind::kReceipt) {
      continue;
    }
    const std::string date = t.date ? (t.date->month_only ? FormatMonth(t.date->day, DateStyle::kDots)
                                                          : FormatDate(t.date->day, 1, DateStyle::kDots))
                                    : "";
    if (t.category == Category::kJgetsMeeting && jgets < 3) {
      rows[static_cast<std::size_t>(jgets)] = {ShortEvent(piece), date, jgets == 2 ? "10" : ""};
      ++jgets;
      total += 10;
    } else if ((t.category == Category::kRelatedSociety || t.category == Category::kUnknown) && related < 2) {
      rows[3 + static_cast<std::size_t>(related)] = {ShortEvent(piece), date,
                                                     std::to_string(std::max(2, t.catalog_points))};
      ++related;
      total += std::max(2, t.catalog_points);
    } else if (t.category == Category::kEquipmentCourse && rows[5].event.empty()) {
      rows[5] = {t.event_id == "equipment-basic" ? "基礎編" : "実践編", date, ""};
      total += 10;
    }
  }
  application.check_rows = rows;
  application.check_total = std::to_string(total);
}

Member MakeMember(const std::string& id, const Person& person, Rng& rng) {
  Member member;
  member.member_id = id;
  member.name = person.Name();
  member.name_kana = Katakana(person.family_kana) + "\u3000" + Katakana(person.given_kana);
  member.fees_paid = true;
  switch (rng.Weighted({78, 14, 8})) {
    case 0:
      member.cert_start = "2020-04-01";
      member.cert_end = "2025-03-31";
      break;
    case 1:  // a year of leave (休会): the period runs six years
      member.cert_start = "2019-04-01";
      member.cert_end = "2025-03-31";
      break;
    default:  // two years of leave
      member.cert_start = "2018-04-01";
      member.cert_end = "2025-03-31";
      break;
  }
  return member;
}

FormFacts MakeFacts(const Member& member, const Person& person, year_month_day received, Rng& rng) {
  FormFacts f;
  f.member_id = member.member_id;
  f.name = rng.Chance(0.5) ? person.Name() : person.family + " " + person.given;
  f.kana = person.family_kana + " " + person.given_kana;
  const year_month_day applied = Plus(received, -rng.Int(3, 25));
  f.applied_year = rng.Chance(0.6) ? std::to_string(static_cast<int>(applied.year()))
                                   : fmt::format("令和{}", static_cast<int>(applied.year()) - 2018);
  f.applied_month = static_cast<int>(static_cast<unsigned>(applied.month()));
  f.applied_day = static_cast<int>(static_cast<unsigned>(applied.day()));
  f.showa = rng.Chance(0.6);
  f.birth_year = f.showa ? rng.Int(40, 63) : rng.Int(1, 8);
  f.birth_month = rng.Int(1, 12);
  f.birth_day = rng.Int(1, 28);
  f.address = RandomAddress(rng, &f.postal_code);
  f.phone = RandomPhone(rng);
  f.workplace = RandomHospital(rng);
  const year_month_day start = *ParseIsoDate(member.cert_start);
  const year_month_day end = *ParseIsoDate(member.cert_end);
  f.period_start_year = static_cast<int>(start.year());
  f.period_start_month = static_cast<int>(static_cast<unsigned>(start.month()));
  f.period_end_year = static_cast<int>(end.year());
  f.period_end_month = static_cast<int>(static_cast<unsigned>(end.month()));
  return f;
}

/// The evidence mix: every certificate has a fair chance of being a copy, reduced, or named in
/// pencil or not at all, so that those checks are measured on enough pieces.
void StressEvidence(std::vector<CertSpec>& specs, Rng& rng) {
  for (CertSpec& spec : specs) {
    switch (rng.Weighted({0.47, 0.2, 0.08, 0.15, 0.1})) {
      case 1: spec.copy = true; break;
      case 2: spec.reduced = true; break;
      case 3: spec.name = Instrument::kPencil; break;
      case 4: spec.name = Instrument::kNone; break;
      default: break;
    }
  }
}

ApplicationPlan PlanApplication(const std::string& member_id, std::uint64_t world_seed, year_month_day received,
                                CorpusMix mix, Rng& rng) {
  ApplicationPlan application;
  application.person = RandomPerson(rng);
  application.member = MakeMember(member_id, application.person, rng);
  application.hand = RandomHand(rng);
  application.pen = RandomInkPen(rng);

  std::vector<CertSpec> specs = SoundCore(rng, rng.Chance(0.6) ? 3 : 2);
  if (mix == CorpusMix::kSoundOriginals) {
    application.scenario = "sound-originals";
    for (CertSpec& spec : specs) {
      spec.mode = rng.Chance(0.5) ? 1 : 0;  // many web certificates: their print-outs look plain
    }
  } else if (rng.Chance(0.5)) {
    application.scenario = "sound";
    AddDecoys(specs, rng);
  } else {
    const int failures = rng.Chance(0.2) ? 2 : 1;
    for (int i = 0; i < failures; ++i) {
      const Failure failure = RandomFailure(rng);
      application.scenario += (application.scenario.empty() ? "" : "+") + std::string(FailureName(failure));
      Break(specs, failure, rng);
      if (failure == Failure::kFees) {
        application.member.fees_paid = false;
      } else if (failure == Failure::kLate) {
        application.member.cert_start = "2019-04-01";
        application.member.cert_end = "2024-03-31";
      } else if (failure == Failure::kUnknownMember) {
        application.registered = false;
      }
    }
    if (rng.Chance(0.3)) {
      AddDecoys(specs, rng);
    }
  }
  if (mix == CorpusMix::kEvidence) {
    StressEvidence(specs, rng);
  }
  application.facts = MakeFacts(application.member, application.person, received, rng);

  // Pick the events and print the certificates.
  const Period period = PeriodOf(application.member);
  const year_month_day latest = std::min(period.end, Plus(received, -14));
  std::set<std::string> taken;
  std::vector<Occurrence> chosen(specs.size());
  std::vector<bool> web_of(specs.size(), false);
  for (std::size_t i = 0; i < specs.size(); ++i) {
    CertSpec& spec = specs[i];
    std::optional<Occurrence> occurrence;
    bool web = false;
    if (spec.same_event_as >= 0 && static_cast<std::size_t>(spec.same_event_as) < i) {
      const auto first = static_cast<std::size_t>(spec.same_event_as);
      occurrence = chosen[first];
      web = !web_of[first];
      if ((web && !occurrence->web_offered) || (!web && !occurrence->onsite_offered)) {
        web = web_of[first];
      }
      if (spec.kind == CertificateKind::kReceipt) {
        web = false;
      }
    } else {
      year_month_day lo = period.start;
      year_month_day hi = latest;
      const CatalogEvent* event = nullptr;
      for (const CatalogEvent& e : Catalog()) {
        if (spec.family.substr(0, spec.family.find('/')) == e.id) {
          event = &e;
        }
      }
      if (spec.out_of_period) {
        lo = Plus(period.start, -3 * 365);
        hi = Plus(period.start, -10);
      } else if (spec.before_valid_from && event != nullptr && event->valid_from) {
        lo = std::max(period.start, Ymd(2022, 4, 1));
        hi = Plus(*event->valid_from, -12);
      } else if (event != nullptr && event->valid_from) {
        lo = std::max(lo, *event->valid_from);
      }
      const int mode = spec.mode >= 0 ? spec.mode : (rng.Chance(0.25) ? 1 : 0);
      occurrence = PickOccurrence(world_seed, spec.family, lo, hi, mode, taken, rng);
      if (!occurrence) {
        occurrence = PickOccurrence(world_seed, spec.family, lo, hi, -1, taken, rng);
      }
      if (!occurrence) {
        spec.family = "jgets-national";
        occurrence = PickOccurrence(world_seed, spec.family, lo, hi, -1, taken, rng);
      }
      if (!occurrence) {
        occurrence = HeldEvent(world_seed, "jgets-national", 2023, 0);
      }
      web = mode == 1 ? occurrence->web_offered : !occurrence->onsite_offered;
      if (spec.kind == CertificateKind::kReceipt) {
        web = false;
      }
    }
    taken.insert(occurrence->key);
    chosen[i] = *occurrence;
    web_of[i] = web;
    application.pieces.push_back(MakePiece(spec, *occurrence, web, period, application.pen, rng));
  }
  PlanCheckSheet(application, rng);
  PlanSheets(application, rng);
  std::optional<Member> member;
  if (application.registered) {
    member = application.member;
  }
  std::vector<CertificateTruth> truths;
  for (const PiecePlan& piece : application.pieces) {
    truths.push_back(piece.truth);
  }
  application.expected = ApplyRenewalRules(member, received, truths);
  for (std::size_t i = 0; i < truths.size(); ++i) {
    application.pieces[i].truth = truths[i];
  }
  return application;
}

// ---- scanning ------------------------------------------------------------------------------

enum class JobKind { kBatchPdf, kBatchTiff, kSinglePdf, kSplit, kImages, kSingleTiff };

int PickDpi(const std::vector<int>& dpis, Rng& rng) {
  std::vector<double> weights;
  weights.reserve(dpis.size());
  for (int dpi : dpis) {
    weights.push_back(dpi == 300 ? 5 : dpi == 200 ? 3 : 2);
  }
  double total = 0;
  for (double w : weights) {
    total += w;
  }
  double r = rng.Uniform(0, total);
  for (std::size_t i = 0; i < dpis.size(); ++i) {
    if (r < weights[i]) {
      return dpis[i];
    }
    r -= weights[i];
  }
  return dpis.back();
}

ScanJob NewJob(std::string file, std::string format, const SynthOptions& options, Rng& rng) {
  ScanJob job;
  job.file = std::move(file);
  job.format = std::move(format);
  job.dpi = PickDpi(options.dpis, rng);
  job.colour = rng.Chance(0.6);
  if (job.format == "pdf") {
    // Scanners write lossless PDFs only for grey pages, and seldom.
    job.encoding.compression =
        job.colour || rng.Chance(0.85) ? ScanEncoding::Compression::kJpeg : ScanEncoding::Compression::kLossless;
  } else if (job.format == "tiff") {
    job.encoding.compression =
        rng.Chance(0.65) ? ScanEncoding::Compression::kJpeg : ScanEncoding::Compression::kLossless;
  } else {
    job.encoding.compression =
        job.format == "jpeg" ? ScanEncoding::Compression::kJpeg : ScanEncoding::Compression::kLossless;
  }
  job.encoding.jpeg_quality = rng.Int(55, 90);
  if (!options.lossless) {
    job.encoding.compression = ScanEncoding::Compression::kJpeg;
    if (job.format == "png") {  // (the image jobs already choose JPEG when lossless is off)
      job.format = "jpeg";
    }
  }
  return job;
}

std::vector<ScanJob> PlanJobs(const std::vector<ApplicationPlan>& applications, const SynthOptions& options, Rng& rng) {
  std::vector<JobKind> cycle = {JobKind::kBatchPdf, JobKind::kBatchTiff, JobKind::kSinglePdf,
                                JobKind::kSplit,    JobKind::kImages,    JobKind::kBatchPdf};
  rng.Shuffle(cycle);
  std::vector<ScanJob> jobs;
  int batch = 0;
  std::size_t next = 0;
  std::size_t turn = 0;
  while (next < applications.size()) {
    const JobKind kind = cycle[turn++ % cycle.size()];
    const std::string& id = applications[next].member.member_id;
    auto all_sheets = [&](ScanJob& job, std::size_t application, bool separator, int from, int to) {
      if (separator) {
        job.pages.push_back({application, -1});
      }
      for (int s = from; s < to; ++s) {
        job.pages.push_back({application, s});
      }
    };
    const int sheets = static_cast<int>(applications[next].sheets.size());
    switch (kind) {
      case JobKind::kBatchPdf:
      case JobKind::kBatchTiff: {
        const bool pdf = kind == JobKind::kBatchPdf;
        ScanJob job =
            NewJob(fmt::format("batch-{:03d}.{}", ++batch, pdf ? "pdf" : "tif"), pdf ? "pdf" : "tiff", options, rng);
        const std::size_t count =
            std::min<std::size_t>(applications.size() - next, static_cast<std::size_t>(rng.Int(2, 4)));
        for (std::size_t i = 0; i < count; ++i, ++next) {
          all_sheets(job, next, true, 0, static_cast<int>(applications[next].sheets.size()));
        }
        jobs.push_back(std::move(job));
        break;
      }
      case JobKind::kSinglePdf:
      case JobKind::kSingleTiff: {
        const bool pdf = kind == JobKind::kSinglePdf;
        ScanJob job = NewJob(id + (pdf ? ".pdf" : ".tif"), pdf ? "pdf" : "tiff", options, rng);
        all_sheets(job, next, false, 0, sheets);
        jobs.push_back(std::move(job));
        ++next;
        break;
      }
      case JobKind::kSplit: {
        // The form in one file, the rest scanned later into <id>_back.
        ScanJob front = NewJob(id + ".pdf", "pdf", options, rng);
        all_sheets(front, next, false, 0, 1);
        const bool tiff = rng.Chance(0.6);
        ScanJob back = NewJob(id + (tiff ? "_back.tif" : "_back.pdf"), tiff ? "tiff" : "pdf", options, rng);
        all_sheets(back, next, false, 1, sheets);
        jobs.push_back(std::move(front));
        if (!back.pages.empty()) {
          jobs.push_back(std::move(back));
        }
        ++next;
        break;
      }
      case JobKind::kImages: {
        const bool jpeg = !options.lossless || rng.Chance(0.65);
        const ScanJob settings = NewJob("", jpeg ? "jpeg" : "png", options, rng);
        for (int s = 0; s < sheets; ++s) {
          ScanJob job = settings;
          job.file = fmt::format("{}_{:02d}.{}", id, s + 1, jpeg ? "jpg" : "png");
          job.pages.push_back({next, s});
          jobs.push_back(std::move(job));
        }
        ++next;
        break;
      }
    }
  }
  return jobs;
}

}  // namespace

CorpusPlan PlanCorpus(const SynthOptions& options) {
  Rng rng(options.seed);
  const std::uint64_t world_seed = rng.Next();
  CorpusPlan plan;

  // Member ids: six digits, unique; unregistered applicants get ids the register lacks.
  std::set<std::string> used;
  auto new_id = [&](int lo, int hi) {
    for (;;) {
      std::string id = std::to_string(rng.Int(lo, hi));
      if (used.insert(id).second) {
        return id;
      }
    }
  };
  int certificate_number = 0;
  for (int i = 0; i < options.applications; ++i) {
    const std::string id = new_id(100001, 189999);
    ApplicationPlan application = PlanApplication(id, world_seed, options.received, options.mix, rng);
    if (!application.registered) {
      // Not in the register: give it an id from a range the register never uses.
      used.erase(id);
      application.member.member_id = new_id(190000, 199999);
      application.facts.member_id = application.member.member_id;
    }
    for (PiecePlan& piece : application.pieces) {
      piece.truth.id = fmt::format("c-{:04d}", ++certificate_number);
    }
    plan.applications.push_back(std::move(application));
  }
  for (const ApplicationPlan& application : plan.applications) {
    if (application.registered) {
      plan.members.push_back(application.member);
    }
  }
  // Members who did not apply this time.
  const int others = std::max(3, options.applications / 2);
  for (int i = 0; i < others; ++i) {
    const Person person = RandomPerson(rng);
    Member member = MakeMember(new_id(100001, 189999), person, rng);
    member.fees_paid = rng.Chance(0.85);
    if (rng.Chance(0.3)) {
      member.cert_start = "2021-04-01";
      member.cert_end = "2026-03-31";
    }
    plan.members.push_back(member);
  }
  std::sort(plan.members.begin(), plan.members.end(),
            [](const Member& a, const Member& b) { return a.member_id < b.member_id; });
  plan.jobs = PlanJobs(plan.applications, options, rng);
  return plan;
}

}  // namespace certintake::synth
