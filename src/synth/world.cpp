#include "world.hpp"

#include <fmt/format.h>
#include <array>
#include <nlohmann/json.hpp>

#include "canvas.hpp"
#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"

namespace certintake::synth {
namespace {

using std::chrono::year_month_day;

struct NameReading {
  const char* kanji;
  const char* kana;
};

// Common surnames, a few in the variant forms (髙, 﨑, 邉, 齋) that OCR cannot read.
constexpr std::array<NameReading, 72> kFamilies = {{
    {"佐藤", "さとう"},   {"鈴木", "すずき"},   {"高橋", "たかはし"},   {"田中", "たなか"},   {"伊藤", "いとう"},
    {"渡辺", "わたなべ"}, {"山本", "やまもと"}, {"中村", "なかむら"},   {"小林", "こばやし"}, {"加藤", "かとう"},
    {"吉田", "よしだ"},   {"山田", "やまだ"},   {"佐々木", "ささき"},   {"山口", "やまぐち"}, {"松本", "まつもと"},
    {"井上", "いのうえ"}, {"木村", "きむら"},   {"林", "はやし"},       {"斎藤", "さいとう"}, {"清水", "しみず"},
    {"山崎", "やまざき"}, {"森", "もり"},       {"池田", "いけだ"},     {"橋本", "はしもと"}, {"阿部", "あべ"},
    {"石川", "いしかわ"}, {"山下", "やました"}, {"中島", "なかじま"},   {"石井", "いしい"},   {"小川", "おがわ"},
    {"前田", "まえだ"},   {"岡田", "おかだ"},   {"長谷川", "はせがわ"}, {"藤田", "ふじた"},   {"後藤", "ごとう"},
    {"近藤", "こんどう"}, {"村上", "むらかみ"}, {"遠藤", "えんどう"},   {"青木", "あおき"},   {"坂本", "さかもと"},
    {"福田", "ふくだ"},   {"太田", "おおた"},   {"西村", "にしむら"},   {"藤井", "ふじい"},   {"金子", "かねこ"},
    {"岡本", "おかもと"}, {"藤原", "ふじわら"}, {"中野", "なかの"},     {"三浦", "みうら"},   {"原田", "はらだ"},
    {"松田", "まつだ"},   {"竹内", "たけうち"}, {"上田", "うえだ"},     {"小野", "おの"},     {"田村", "たむら"},
    {"中山", "なかやま"}, {"和田", "わだ"},     {"森田", "もりた"},     {"内田", "うちだ"},   {"柴田", "しばた"},
    {"酒井", "さかい"},   {"高木", "たかぎ"},   {"横山", "よこやま"},   {"安藤", "あんどう"}, {"宮崎", "みやざき"},
    {"菅原", "すがわら"}, {"千葉", "ちば"},     {"野口", "のぐち"},     {"髙橋", "たかはし"}, {"山﨑", "やまざき"},
    {"渡邉", "わたなべ"}, {"齋藤", "さいとう"},
}};

constexpr std::array<NameReading, 48> kGivenNames = {{
    {"美咲", "みさき"},   {"陽子", "ようこ"},   {"由美", "ゆみ"},     {"恵子", "けいこ"},   {"直子", "なおこ"},
    {"裕子", "ゆうこ"},   {"真由美", "まゆみ"}, {"智子", "ともこ"},   {"久美子", "くみこ"}, {"明美", "あけみ"},
    {"愛", "あい"},       {"彩", "あや"},       {"舞", "まい"},       {"香織", "かおり"},   {"沙織", "さおり"},
    {"亜希子", "あきこ"}, {"千尋", "ちひろ"},   {"優子", "ゆうこ"},   {"奈々", "なな"},     {"恵美", "えみ"},
    {"幸子", "さちこ"},   {"典子", "のりこ"},   {"弘美", "ひろみ"},   {"真理子", "まりこ"}, {"友美", "ともみ"},
    {"綾香", "あやか"},   {"瞳", "ひとみ"},     {"加奈子", "かなこ"}, {"理恵", "りえ"},     {"さくら", "さくら"},
    {"翔太", "しょうた"}, {"大輔", "だいすけ"}, {"健太", "けんた"},   {"拓也", "たくや"},   {"誠", "まこと"},
    {"浩二", "こうじ"},   {"隆", "たかし"},     {"和也", "かずや"},   {"直樹", "なおき"},   {"雅人", "まさと"},
    {"亮", "りょう"},     {"聡", "さとし"},     {"博之", "ひろゆき"}, {"哲也", "てつや"},   {"剛", "つよし"},
    {"裕太", "ゆうた"},   {"慎一", "しんいち"}, {"勇気", "ゆうき"},
}};

struct Prefecture {
  const char* name;
  const char* branch;
  const char* city;
};

// Prefectures whose societies are named 県/都/府 (the catalog's forms), with their JGETS branch.
constexpr std::array<Prefecture, 21> kPrefectures = {{
    {"宮城県", "東北", "仙台"},   {"福島県", "東北", "郡山"},   {"東京都", "関東", "新宿"},
    {"神奈川県", "関東", "横浜"}, {"千葉県", "関東", "千葉"},   {"埼玉県", "関東", "さいたま"},
    {"新潟県", "甲信越", "新潟"}, {"長野県", "甲信越", "松本"}, {"石川県", "北陸", "金沢"},
    {"富山県", "北陸", "富山"},   {"静岡県", "東海", "静岡"},   {"愛知県", "東海", "名古屋"},
    {"大阪府", "近畿", "大阪"},   {"京都府", "近畿", "京都"},   {"兵庫県", "近畿", "神戸"},
    {"広島県", "中国", "広島"},   {"岡山県", "中国", "岡山"},   {"香川県", "四国", "高松"},
    {"愛媛県", "四国", "松山"},   {"福岡県", "九州", "福岡"},   {"熊本県", "九州", "熊本"},
}};

constexpr std::array kNationalVenues = {"パシフィコ横浜",
                                        "神戸国際会議場",
                                        "福岡国際会議場",
                                        "名古屋国際会議場",
                                        "国立京都国際会館",
                                        "仙台国際センター",
                                        "札幌コンベンションセンター",
                                        "広島国際会議場",
                                        "東京国際フォーラム",
                                        "朱鷺メッセ 新潟コンベンションセンター"};

constexpr std::array kLectureTopics = {"大腸内視鏡検査の最新知見",   "内視鏡洗浄・消毒の実際",
                                       "鎮静下内視鏡検査の安全管理", "胆膵内視鏡の基礎",
                                       "内視鏡室における感染対策",   "消化管出血への対応と看護"};

struct BranchInfo {
  const char* id;
  const char* name;
  const char* city;
  int first_meeting;  // meeting number held in 2020
};

constexpr std::array<BranchInfo, 10> kBranches = {{
    {"hokkaido", "北海道", "札幌", 61},
    {"tohoku", "東北", "仙台", 44},
    {"kanto", "関東", "東京", 70},
    {"koshinetsu", "甲信越", "長野", 38},
    {"hokuriku", "北陸", "金沢", 41},
    {"tokai", "東海", "名古屋", 52},
    {"kinki", "近畿", "大阪", 66},
    {"chugoku", "中国", "広島", 47},
    {"shikoku", "四国", "高松", 35},
    {"kyushu", "九州", "福岡", 58},
}};

std::uint64_t Hash(std::string_view text, std::uint64_t salt) {
  std::uint64_t h = 1469598103934665603ULL ^ salt;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

/// The Saturday in the week starting at `month`/`from_day`.
year_month_day SaturdayFrom(int year, unsigned month, unsigned from_day) {
  std::chrono::sys_days day{
      year_month_day{std::chrono::year(year), std::chrono::month(month), std::chrono::day(from_day)}};
  while (std::chrono::weekday(day) != std::chrono::Saturday) {
    day += std::chrono::days(1);
  }
  return year_month_day{day};
}

Issuer MakeIssuer(std::vector<std::string> lines, std::string seal, bool branch_chief = false) {
  Issuer issuer;
  issuer.lines = std::move(lines);
  issuer.seal_text = std::move(seal);
  issuer.branch_chief = branch_chief;
  return issuer;
}

std::string Chair(Rng& rng) {
  return RandomPerson(rng).Name();
}

const CatalogEvent* Find(std::string_view id) {
  for (const CatalogEvent& event : Catalog()) {
    if (event.id == id) {
      return &event;
    }
  }
  return nullptr;
}

std::string PrintedName(const CatalogEvent& event, Rng& rng) {
  if (!event.aliases.empty() && rng.Chance(0.35)) {
    return rng.Pick(event.aliases);
  }
  return event.name;
}

}  // namespace

const std::vector<CatalogEvent>& Catalog() {
  static const std::vector<CatalogEvent> kCatalog = [] {
    const nlohmann::json root = nlohmann::json::parse(EmbeddedCatalogJson());
    std::vector<CatalogEvent> events;
    for (const nlohmann::json& e : root.at("events")) {
      CatalogEvent event;
      event.id = e.at("id").get<std::string>();
      const std::string category = e.at("category").get<std::string>();
      if (category == "jgets_meeting") {
        event.category = Category::kJgetsMeeting;
      } else if (category == "related_society") {
        event.category = Category::kRelatedSociety;
      } else if (category == "equipment_course") {
        event.category = Category::kEquipmentCourse;
      }
      event.society = e.value("society", "");
      const nlohmann::json& category_info = root.at("categories").at(category);
      event.points = e.value("points", category_info.value("points", 0));
      event.name = e.at("name").get<std::string>();
      for (const nlohmann::json& alias : e.value("aliases", nlohmann::json::array())) {
        event.aliases.push_back(alias.get<std::string>());
      }
      event.numbered = e.value("numbered", false);
      event.requires_branch_chief = e.value("requires_issuer", "") == "支部長";
      if (e.contains("valid_from")) {
        event.valid_from = ParseIsoDate(e.at("valid_from").get<std::string>());
      }
      events.push_back(std::move(event));
    }
    return events;
  }();
  return kCatalog;
}

const CatalogEvent& CatalogEventById(std::string_view id) {
  if (const CatalogEvent* event = Find(id)) {
    return *event;
  }
  throw Error(ErrorKind::kInternal, fmt::format("event '{}' is not in the catalog", id));
}

Person RandomPerson(Rng& rng) {
  const NameReading& family = kFamilies[rng.Index(kFamilies.size())];
  const NameReading& given = kGivenNames[rng.Index(kGivenNames.size())];
  return Person{family.kanji, given.kanji, family.kana, given.kana};
}

std::string Katakana(std::string_view hiragana) {
  std::string out;
  for (const std::string& c : SplitCharacters(hiragana)) {
    // Hiragana U+3041..U+3096 is E3 81 81..E3 82 96; katakana is 0x60 code points later.
    if (c.size() == 3 && static_cast<unsigned char>(c[0]) == 0xE3) {
      unsigned code = ((static_cast<unsigned char>(c[0]) & 0x0FU) << 12U) |
                      ((static_cast<unsigned char>(c[1]) & 0x3FU) << 6U) | (static_cast<unsigned char>(c[2]) & 0x3FU);
      if (code >= 0x3041 && code <= 0x3096) {
        code += 0x60;
        out += static_cast<char>(0xE0 | (code >> 12U));
        out += static_cast<char>(0x80 | ((code >> 6U) & 0x3FU));
        out += static_cast<char>(0x80 | (code & 0x3FU));
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::vector<std::string> UnknownEventFamilies() {
  return {"x-jsgs", "x-surgery", "x-helicobacter", "x-washing-seminar", "x-hospital", "x-jamt-training"};
}

int SlotsPerYear(std::string_view family) {
  if (family == "jgets-national" || family == "jges-congress" || family == "jges-branch") {
    return 2;
  }
  if (family.substr(0, 9) == "equipment" || family == "medical-lecture") {
    return 4;
  }
  return 1;
}

Occurrence HeldEvent(std::uint64_t world_seed, std::string_view family, int year, int slot) {
  Rng rng = Rng::For(world_seed, Hash(family, static_cast<std::uint64_t>(year) * 8 + static_cast<std::uint64_t>(slot)));
  Occurrence o;
  o.key = fmt::format("{}#{}-{}", family, year, slot);
  const std::string id(family.substr(0, family.find('/')));
  o.event = Find(id);
  const int since_2020 = year - 2020;
  o.venue = kNationalVenues[rng.Index(kNationalVenues.size())];
  o.web_offered = year >= 2020 && rng.Chance(0.7);
  o.onsite_offered = !(year == 2020 || (year == 2021 && rng.Chance(0.6)));
  if (!o.onsite_offered) {
    o.web_offered = true;
  }
  if (id == "jgets-national") {
    const int number = 84 + 2 * since_2020 + slot;
    o.first = slot == 0 ? SaturdayFrom(year, 5, 8 + static_cast<unsigned>(rng.Int(0, 6)))
                        : SaturdayFrom(year, 11, 1 + static_cast<unsigned>(rng.Int(0, 14)));
    o.days = 2;
    o.name = fmt::format("第{}回{}", number, PrintedName(*o.event, rng));
    o.organiser = "一般社団法人 日本消化器内視鏡技師会";
    o.short_mark = "JGETS";
    const std::string chair = Chair(rng);
    o.issuers.push_back(
        MakeIssuer({fmt::format("第{}回日本消化器内視鏡技師学会", number), "会長　" + chair}, "技師学会会長之印"));
    o.issuers.push_back(
        MakeIssuer({"一般社団法人 日本消化器内視鏡技師会", "理事長　" + Chair(rng)}, "日本消化器内視鏡技師会之印"));
    o.fee_yen = rng.Pick({8000, 10000, 12000});
  } else if (id.rfind("jgets-branch-", 0) == 0) {
    const std::string branch_id = id.substr(13);
    const BranchInfo* branch = &kBranches[0];
    for (const BranchInfo& b : kBranches) {
      if (branch_id == b.id) {
        branch = &b;
      }
    }
    const int number = branch->first_meeting + since_2020;
    o.first = SaturdayFrom(year, static_cast<unsigned>(rng.Int(2, 11)), static_cast<unsigned>(rng.Int(1, 21)));
    o.name = fmt::format("第{}回{}", number, PrintedName(*o.event, rng));
    o.organiser = fmt::format("日本消化器内視鏡技師会 {}支部", branch->name);
    o.short_mark = branch->name;
    o.venue = fmt::format("{}市民会館 大ホール", branch->city);
    if (rng.Chance(0.4)) {
      o.venue = fmt::format("{}大学医学部 臨床講義棟", branch->city);
    }
    o.issuers.push_back(
        MakeIssuer({fmt::format("日本消化器内視鏡技師会 {}支部", branch->name), "支部長　" + Chair(rng)},
                   fmt::format("{}支部長之印", branch->name), true));
    o.issuers.push_back(
        MakeIssuer({fmt::format("第{}回{}消化器内視鏡技師研究会", number, branch->name), "当番世話人　" + Chair(rng)},
                   "研究会之印"));
    o.fee_yen = rng.Pick({2000, 3000, 4000});
  } else if (id == "jgets-prefecture") {
    const std::string wanted(family.find('/') == std::string_view::npos ? "" : family.substr(family.find('/') + 1));
    const Prefecture* prefecture = &kPrefectures[rng.Index(kPrefectures.size())];
    for (const Prefecture& p : kPrefectures) {
      if (wanted == p.name) {
        prefecture = &p;
      }
    }
    const int number = 10 + static_cast<int>(Hash(prefecture->name, 3) % 30) + since_2020;
    o.first = SaturdayFrom(year, static_cast<unsigned>(rng.Int(1, 12)), static_cast<unsigned>(rng.Int(1, 21)));
    // 県消化器内視鏡技師会研究会 → 静岡県消化器内視鏡技師会研究会 (東京都…, 大阪府…)
    const std::string pref(prefecture->name);
    std::string base = o.event->name;
    for (const std::string& alias : o.event->aliases) {
      if (pref.size() >= 3 && alias.substr(0, 3) == pref.substr(pref.size() - 3)) {
        base = alias;
      }
    }
    o.name = fmt::format("第{}回{}{}", number, pref.substr(0, pref.size() - 3), base);
    o.organiser = pref + "消化器内視鏡技師会";
    o.short_mark = pref.substr(0, pref.size() - 3);
    o.venue = fmt::format("{}市医師会館", prefecture->city);
    o.web_offered = rng.Chance(0.3);
    o.onsite_offered = true;
    o.issuers.push_back(
        MakeIssuer({fmt::format("日本消化器内視鏡技師会 {}支部", prefecture->branch), "支部長　" + Chair(rng)},
                   fmt::format("{}支部長之印", prefecture->branch), true));
    o.non_branch_issuer = MakeIssuer({pref + "消化器内視鏡技師会", "会長　" + Chair(rng)}, o.short_mark + "技師会長印");
    o.fee_yen = rng.Pick({1000, 2000});
  } else if (id == "jges-congress") {
    const int number = 99 + 2 * since_2020 + slot;
    o.first = slot == 0 ? SaturdayFrom(year, 5, 7) : SaturdayFrom(year, 10, 28);
    if (slot == 0) {
      o.first = year_month_day{std::chrono::sys_days{o.first} - std::chrono::days(2)};  // Thursday
    }
    o.days = 3;
    o.name = fmt::format("第{}回{}", number, o.event->name);
    o.organiser = "一般社団法人 日本消化器内視鏡学会";
    o.short_mark = "JGES";
    o.issuers.push_back(MakeIssuer({o.name, "会長　" + Chair(rng)}, "総会会長之印"));
    o.fee_yen = rng.Pick({15000, 18000});
  } else if (id == "jges-branch") {
    const BranchInfo& region = kBranches[rng.Index(kBranches.size())];
    const int number = 110 + 2 * since_2020 + slot;
    o.first = SaturdayFrom(year, slot == 0 ? 6 : 12, static_cast<unsigned>(rng.Int(1, 14)));
    o.days = rng.Chance(0.5) ? 2 : 1;
    const std::string suffix = rng.Chance(0.7) ? "支部例会" : "支部会";
    o.name = fmt::format("第{}回日本消化器内視鏡学会{}{}", number, region.name, suffix);
    o.organiser = fmt::format("日本消化器内視鏡学会 {}支部", region.name);
    o.short_mark = "JGES";
    o.venue = fmt::format("{}国際会議場", region.city);
    o.issuers.push_back(MakeIssuer({o.name, "会長　" + Chair(rng)}, "例会会長之印"));
    o.fee_yen = rng.Pick({3000, 5000});
  } else if (id == "medical-lecture") {
    const int month = 1 + 3 * slot + rng.Int(0, 2);
    o.first = SaturdayFrom(year, static_cast<unsigned>(month), static_cast<unsigned>(rng.Int(1, 20)));
    o.name = fmt::format("{}「{}」", PrintedName(*o.event, rng), kLectureTopics[rng.Index(kLectureTopics.size())]);
    o.organiser = "日本消化器内視鏡技師会 教育委員会";
    o.short_mark = "技師会";
    o.venue = "オンライン配信";
    o.web_offered = true;
    o.onsite_offered = false;
    o.issuers.push_back(
        MakeIssuer({"一般社団法人 日本消化器内視鏡技師会", "教育委員会　委員長　" + Chair(rng)}, "教育委員会印"));
    o.fee_yen = 1000;
  } else if (id == "equipment-basic" || id == "equipment-practical") {
    const int month = 1 + 3 * slot + rng.Int(0, 2);
    o.first = SaturdayFrom(year, static_cast<unsigned>(month), static_cast<unsigned>(rng.Int(1, 20)));
    const BranchInfo& region = kBranches[rng.Index(kBranches.size())];
    std::string name = PrintedName(*o.event, rng);
    o.name = rng.Chance(0.5) ? fmt::format("第{}回{}", 100 + 4 * (year - 2015) + slot, name) : name;
    o.organiser = "一般社団法人 日本消化器内視鏡技師会";
    o.short_mark = "JGETS";
    o.venue = fmt::format("{}会場（{}）", region.name, region.city);
    o.web_offered = year >= 2021 && rng.Chance(0.5);
    o.onsite_offered = !o.web_offered || rng.Chance(0.5);
    o.issuers.push_back(
        MakeIssuer({"一般社団法人 日本消化器内視鏡技師会", "会長　" + Chair(rng)}, "日本消化器内視鏡技師会之印"));
    o.issuers.push_back(MakeIssuer({fmt::format("日本消化器内視鏡技師会 {}支部", region.name), "支部長　" + Chair(rng)},
                                   fmt::format("{}支部長之印", region.name), true));
    o.fee_yen = rng.Pick({3000, 5000});
  } else if (o.event != nullptr) {
    // The other designated related societies: one numbered congress a year.
    struct Numbering {
      const char* id;
      int number_2020;
      const char* printed;
      const char* organiser;
      const char* mark;
    };
    constexpr std::array<Numbering, 6> kNumberings = {{
        {"jsge", 106, "日本消化器病学会総会", "一般財団法人 日本消化器病学会", "JSGE"},
        {"jsgcs", 59, "日本消化器がん検診学会総会", "一般社団法人 日本消化器がん検診学会", "JSGCS"},
        {"jace", 13, "日本カプセル内視鏡学会学術集会", "一般社団法人 日本カプセル内視鏡学会", "JACE"},
        {"jsipc", 35, "日本環境感染学会総会・学術集会", "一般社団法人 日本環境感染学会", "JSIPC"},
        {"jna-nursing", 51, "日本看護学会学術集会", "公益社団法人 日本看護協会", "JNA"},
        {"jamt-congress", 69, "日本医学検査学会", "一般社団法人 日本臨床衛生検査技師会", "JAMT"},
    }};
    const Numbering* numbering = &kNumberings[0];
    for (const Numbering& n : kNumberings) {
      if (id == n.id) {
        numbering = &n;
      }
    }
    const int number = numbering->number_2020 + since_2020;
    o.first = SaturdayFrom(year, static_cast<unsigned>(rng.Int(2, 11)), static_cast<unsigned>(rng.Int(1, 21)));
    o.first = year_month_day{std::chrono::sys_days{o.first} - std::chrono::days(1)};  // Friday
    o.days = 2;
    std::string printed = numbering->printed;
    if (id == "jsge" && rng.Chance(0.3)) {
      printed = "日本消化器病学会" + std::string(kBranches[rng.Index(kBranches.size())].name) + "支部例会";
    }
    o.name = fmt::format("第{}回{}", number, printed);
    o.organiser = numbering->organiser;
    o.short_mark = numbering->mark;
    o.issuers.push_back(MakeIssuer({o.name, "会長　" + Chair(rng)}, "学術集会会長印"));
    o.fee_yen = rng.Pick({8000, 10000, 12000});
  } else {
    // Events outside the catalog.
    const Person chair = RandomPerson(rng);
    o.first = SaturdayFrom(year, static_cast<unsigned>(rng.Int(1, 12)), static_cast<unsigned>(rng.Int(1, 21)));
    if (id == "x-jsgs") {
      o.name = fmt::format("第{}回日本消化管学会総会学術集会", 16 + since_2020);
      o.organiser = "一般社団法人 日本消化管学会";
      o.short_mark = "JSGS";
      o.days = 2;
    } else if (id == "x-surgery") {
      o.name = fmt::format("第{}回日本消化器外科学会総会", 75 + since_2020);
      o.organiser = "一般社団法人 日本消化器外科学会";
      o.short_mark = "JSGS";
      o.days = 3;
    } else if (id == "x-helicobacter") {
      o.name = fmt::format("第{}回日本ヘリコバクター学会学術集会", 26 + since_2020);
      o.organiser = "一般社団法人 日本ヘリコバクター学会";
      o.short_mark = "JSHR";
      o.days = 2;
    } else if (id == "x-washing-seminar") {
      o.name = "内視鏡洗浄・消毒セミナー";
      o.organiser = "内視鏡洗浄消毒研究会";
      o.short_mark = "洗浄";
      o.venue = "オンライン";
    } else if (id == "x-hospital") {
      o.name = fmt::format("{} 院内内視鏡勉強会", RandomHospital(rng));
      o.organiser = "内視鏡センター";
      o.short_mark = "院内";
      o.venue = "第2会議室";
      o.web_offered = false;
    } else {
      o.name = "日本臨床衛生検査技師会 内視鏡検査研修会";
      o.organiser = "一般社団法人 日本臨床衛生検査技師会";
      o.short_mark = "JAMT";
    }
    o.issuers.push_back(MakeIssuer({o.organiser, "会長　" + chair.Name()}, o.short_mark + "之印"));
    o.fee_yen = rng.Pick({2000, 3000, 5000});
  }
  return o;
}

DateStyle RandomDateStyle(Rng& rng) {
  return static_cast<DateStyle>(rng.Weighted({3, 2, 3, 1, 1, 1, 1}));
}

std::string Weekday(year_month_day day) {
  constexpr std::array kDaysOfWeek = {"日", "月", "火", "水", "木", "金", "土"};
  return kDaysOfWeek[std::chrono::weekday(std::chrono::sys_days(day)).c_encoding()];
}

std::string ToFullWidthDigits(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      out += "\xEF\xBC";  // U+FF10..U+FF19 is EF BC 90..99
      out += static_cast<char>(0x90 + (c - '0'));
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

struct Era {
  std::string name;
  std::string letter;
  int year;
};

Era EraOf(year_month_day day) {
  const int y = static_cast<int>(day.year());
  if (day >= year_month_day{std::chrono::year(2019), std::chrono::May, std::chrono::day(1)}) {
    return {"令和", "R", y - 2018};
  }
  return {"平成", "H", y - 1988};
}

std::string EraYear(const Era& era) {
  return era.year == 1 ? "元" : std::to_string(era.year);
}

}  // namespace

std::string FormatDate(year_month_day day, int days, DateStyle style, bool full_width_wareki) {
  const int y = static_cast<int>(day.year());
  const unsigned m = static_cast<unsigned>(day.month());
  const unsigned d = static_cast<unsigned>(day.day());
  const year_month_day last{std::chrono::sys_days(day) + std::chrono::days(days - 1)};
  const unsigned lm = static_cast<unsigned>(last.month());
  const unsigned ld = static_cast<unsigned>(last.day());
  const bool range = days > 1;
  const Era era = EraOf(day);
  std::string text;
  switch (style) {
    case DateStyle::kSeireki:
    case DateStyle::kSeirekiWeekday:
    case DateStyle::kFullWidth: {
      const bool weekday = style == DateStyle::kSeirekiWeekday;
      const std::string year_part =
          style == DateStyle::kFullWidth && full_width_wareki ? era.name + EraYear(era) : std::to_string(y);
      text = fmt::format("{}年{}月{}日", year_part, m, d);
      if (weekday) {
        text += "（" + Weekday(day) + "）";
      }
      if (range) {
        text += lm == m ? fmt::format("～{}日", ld) : fmt::format("～{}月{}日", lm, ld);
        if (weekday) {
          text += "（" + Weekday(last) + "）";
        }
      }
      if (style == DateStyle::kFullWidth) {
        text = ToFullWidthDigits(text);
      }
      break;
    }
    case DateStyle::kWareki:
      text = fmt::format("{}{}年{}月{}日", era.name, EraYear(era), m, d);
      if (range) {
        text += lm == m ? fmt::format("～{}日", ld) : fmt::format("～{}月{}日", lm, ld);
      }
      break;
    case DateStyle::kWarekiShort:
      text = fmt::format("{}{}.{}.{}", era.letter, era.year, m, d);
      if (range) {
        text += lm == m ? fmt::format("～{}", ld) : fmt::format("～{}.{}", lm, ld);
      }
      break;
    case DateStyle::kDots:
      text = fmt::format("{}.{}.{}", y, m, d);
      if (range) {
        text += lm == m ? fmt::format("～{}", ld) : fmt::format("～{}.{}", lm, ld);
      }
      break;
    case DateStyle::kSlashes:
      text = fmt::format("{}/{:02d}/{:02d}", y, m, d);
      if (range) {
        text += fmt::format("～{:02d}/{:02d}", lm, ld);
      }
      break;
  }
  return text;
}

std::string FormatMonth(year_month_day day, DateStyle style) {
  const int y = static_cast<int>(day.year());
  const unsigned m = static_cast<unsigned>(day.month());
  const Era era = EraOf(day);
  switch (style) {
    case DateStyle::kWareki:
    case DateStyle::kWarekiShort: return fmt::format("{}{}年{}月", era.name, EraYear(era), m);
    case DateStyle::kDots: return fmt::format("{}.{}", y, m);
    case DateStyle::kSlashes: return fmt::format("{}/{:02d}", y, m);
    case DateStyle::kFullWidth: return ToFullWidthDigits(fmt::format("{}年{}月", y, m));
    case DateStyle::kSeireki:
    case DateStyle::kSeirekiWeekday: break;
  }
  return fmt::format("{}年{}月", y, m);
}

std::string RandomHospital(Rng& rng) {
  const Prefecture& p = kPrefectures[rng.Index(kPrefectures.size())];
  switch (rng.Int(0, 5)) {
    case 0: return fmt::format("{}市立病院", p.city);
    case 1: return fmt::format("{}赤十字病院", p.city);
    case 2: return fmt::format("{}中央病院", p.city);
    case 3: return fmt::format("{}大学病院", p.city);
    case 4: return fmt::format("{}消化器内科クリニック", p.city);
    default: break;
  }
  return fmt::format("{}総合医療センター", p.city);
}

std::string RandomAddress(Rng& rng, std::string* postal_code) {
  const Prefecture& p = kPrefectures[rng.Index(kPrefectures.size())];
  constexpr std::array kTowns = {"本町", "中央", "緑町", "旭町", "東町", "桜台", "若葉", "栄町"};
  if (postal_code != nullptr) {
    *postal_code = fmt::format("{:03d}-{:04d}", rng.Int(100, 999), rng.Int(0, 9999));
  }
  std::string address = fmt::format("{}{}市{}{}-{}-{}", p.name, p.city, kTowns[rng.Index(kTowns.size())], rng.Int(1, 5),
                                    rng.Int(1, 30), rng.Int(1, 20));
  if (rng.Chance(0.4)) {
    address += fmt::format(" コーポ{} {}号", kTowns[rng.Index(kTowns.size())], rng.Int(101, 505));
  }
  return address;
}

std::string RandomPhone(Rng& rng) {
  if (rng.Chance(0.6)) {
    return fmt::format("0{}0-{:04d}-{:04d}", rng.Pick({7, 8, 9}), rng.Int(1000, 9999), rng.Int(0, 9999));
  }
  return fmt::format("0{}-{:03d}-{:04d}", rng.Int(11, 99), rng.Int(100, 999), rng.Int(0, 9999));
}

}  // namespace certintake::synth
