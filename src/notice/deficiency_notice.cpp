#include "certintake/notice/deficiency_notice.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "certintake/core/html.hpp"

namespace certintake::notice {
namespace {

using nlohmann::json;

/// "2025-01-15" → "2025年1月15日", "2024-05" → "2024年5月"; anything else unchanged.
std::string JapaneseDate(const std::string& iso) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3) {
    return fmt::format("{}年{}月{}日", year, month, day);
  }
  if (std::sscanf(iso.c_str(), "%4d-%2d", &year, &month) == 2) {
    return fmt::format("{}年{}月", year, month);
  }
  return iso;
}

constexpr const char* kStyle = R"(
@page { size: A4; margin: 22mm 20mm; }
body { font-family: "Noto Serif CJK JP", "IPAexMincho", "IPAMincho", serif; font-size: 11pt;
       line-height: 1.7; color: #000; max-width: 170mm; margin: 0 auto; }
.date, .from { text-align: right; margin: 0; }
.to { font-size: 13pt; margin: 1.5em 0 0.2em; }
h1 { font-size: 15pt; text-align: center; margin: 2em 0 1.2em; }
h2 { font-size: 12pt; margin: 1.4em 0 0.4em; }
.ki, .end { text-align: center; margin: 1em 0; }
.end { text-align: right; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #000; padding: 2px 6px; text-align: left; vertical-align: top; }
.note { font-size: 10pt; }
@media screen { body { margin: 2em auto; } }
)";

}  // namespace

std::optional<DeficiencyNotice> NoticeFor(const store::Store& store, const store::ApplicationRecord& application) {
  const std::optional<store::VerdictRecord> verdict = store.CurrentVerdict(application.id);
  if (!verdict) return std::nullopt;
  return NoticeFor(store, application, *verdict);
}

std::optional<DeficiencyNotice> NoticeFor(const store::Store& store, const store::ApplicationRecord& application,
                                          const store::VerdictRecord& verdict) {
  if (verdict.decision != rules::DecisionCode(rules::Decision::kDeficient)) return std::nullopt;
  DeficiencyNotice notice;
  notice.member_id = application.member_id;
  notice.member_name = application.member ? application.member->name : "";
  notice.received = application.received;
  for (const json& code : json::parse(verdict.reasons_json)) {
    if (const auto reason = rules::ReasonFromCode(code.get<std::string>())) {
      notice.deficiencies_ja.emplace_back(rules::ReasonWordingMemberJa(*reason));
    }
  }
  const json tally = json::parse(verdict.tally_json);
  notice.tally.jgets_meetings = tally.value("jgets_meetings", 0);
  notice.tally.meeting_points = tally.value("meeting_points", 0);
  notice.tally.course_points = tally.value("course_points", 0);

  std::map<std::string, store::CertificateRecord> certificates;
  for (store::CertificateRecord& certificate : store.ListCertificates(application.id)) {
    certificates.emplace(certificate.stable_id, std::move(certificate));
  }
  for (const json& entry : json::parse(verdict.certificates_json)) {
    if (entry.value("valid", true)) continue;
    RejectedCertificate rejected;
    if (const auto found = certificates.find(entry.value("id", "")); found != certificates.end()) {
      rejected.event_text = found->second.event_text;
      rejected.date = found->second.date;
    }
    for (const json& code : entry.value("flags", json::array())) {
      const auto flag = rules::FlagFromCode(code.get<std::string>());
      // How sure the machine was is the office's concern, not the member's.
      if (flag && *flag != rules::Flag::kLowConfidence) rejected.problems_ja.emplace_back(rules::FlagWordingJa(*flag));
    }
    if (!rejected.problems_ja.empty()) notice.rejected.push_back(std::move(rejected));
  }
  return notice;
}

std::string NoticeHtml(const DeficiencyNotice& notice, const std::string& issued_on) {
  const std::string addressee =
      notice.member_name.empty() ? fmt::format("認定番号 {} の申請者", notice.member_id) : notice.member_name;
  std::string html = fmt::format(
      "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>資格更新申請の不備について（認定番号 {}）</title>\n<style>{}</style>\n</head>\n<body>\n"
      "<p class=\"date\">{}</p>\n"
      "<p class=\"to\">{} 様</p>\n<p>認定番号 {}</p>\n"
      "<p class=\"from\">一般社団法人 日本消化器内視鏡技師会事務局</p>\n"
      "<h1>消化器内視鏡技師 資格更新申請の不備について</h1>\n"
      "<p>{}に受け付けました資格更新申請書類を審査しましたところ、下記のとおり不備がありましたので"
      "お知らせいたします。ご確認のうえ、必要な書類（証明書等は原本）を再提出してください。</p>\n"
      "<p class=\"ki\">記</p>\n",
      HtmlEscaped(notice.member_id), kStyle, JapaneseDate(issued_on), HtmlEscaped(addressee),
      HtmlEscaped(notice.member_id), JapaneseDate(notice.received));

  int section = 0;
  if (!notice.deficiencies_ja.empty()) {
    html += fmt::format("<h2>{}. 不備の内容</h2>\n<ol>\n", ++section);
    for (const std::string& text : notice.deficiencies_ja) html += fmt::format("<li>{}</li>\n", HtmlEscaped(text));
    html += "</ol>\n";
  }
  if (!notice.rejected.empty()) {
    html += fmt::format(
        "<h2>{}. 更新ポイントとして認められなかった証明書</h2>\n"
        "<table>\n<tr><th>学会・研究会・講習会</th><th>開催日</th><th>理由</th></tr>\n",
        ++section);
    for (const RejectedCertificate& certificate : notice.rejected) {
      std::string problems;
      for (const std::string& problem : certificate.problems_ja) {
        problems += (problems.empty() ? "" : "<br>") + HtmlEscaped(problem);
      }
      html +=
          fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                      certificate.event_text.empty() ? "（読み取れませんでした）" : HtmlEscaped(certificate.event_text),
                      certificate.date ? JapaneseDate(*certificate.date) : "", problems);
    }
    html +=
        "</table>\n<p class=\"note\">証明書等は原本に限り、マジックかボールペン（鉛筆不可）で出席者名を記載したもの"
        "のみ有効です。無記名およびコピーのものは無効です。</p>\n";
  }
  html += fmt::format(
      "<h2>{}. 認められた更新ポイント</h2>\n<table>\n"
      "<tr><th>日本消化器内視鏡技師会の学会・研究会の出席</th><td>{} 回（2回以上必要）</td></tr>\n"
      "<tr><th>学会・研究会の出席ポイント</th><td>{} 点（30点以上必要）</td></tr>\n"
      "<tr><th>機器取扱い講習会</th><td>{} 点（10点必要）</td></tr>\n</table>\n",
      ++section, notice.tally.jgets_meetings, notice.tally.meeting_points, notice.tally.course_points);
  html +=
      "<h2>再提出先</h2>\n<p>〒171-0021 東京都豊島区西池袋 3-22-15 大林ビル2F<br>"
      "一般社団法人 日本消化器内視鏡技師会事務局</p>\n<p class=\"end\">以上</p>\n</body>\n</html>\n";
  return html;
}

}  // namespace certintake::notice
