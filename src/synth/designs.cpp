#include "designs.hpp"

#include <fmt/format.h>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>

#include "certintake/core/error.hpp"

namespace certintake::synth {
namespace {

const cv::Scalar kInk(35, 32, 30);
const cv::Scalar kGreyInk(110, 108, 105);
const cv::Scalar kWhite(255, 255, 255);

std::string Joined(const std::vector<std::string>& lines, std::string_view separator) {
  std::string out;
  for (const std::string& line : lines) {
    out += (out.empty() ? "" : std::string(separator)) + line;
  }
  return out;
}

cv::Scalar Lighter(const cv::Scalar& colour, double amount) {
  return {colour[0] + (255 - colour[0]) * amount, colour[1] + (255 - colour[1]) * amount,
          colour[2] + (255 - colour[2]) * amount};
}

void DrawLogo(Canvas& canvas, cv::Point2d centre, double radius, const std::string& mark, const cv::Scalar& colour,
              int style) {
  const FontId font = FontId::kSansBold;
  switch (style % 4) {
    case 0:
      canvas.Circle(centre, radius, radius * 0.12, colour);
      canvas.Text(mark, font, radius * 0.7, centre + cv::Point2d(0, -radius * 0.38), Align::kCentre, colour,
                  radius * 1.5);
      break;
    case 1:
      canvas.Disc(centre, radius, colour);
      canvas.Text(mark, font, radius * 0.7, centre + cv::Point2d(0, -radius * 0.38), Align::kCentre, kWhite,
                  radius * 1.5);
      break;
    case 2: {
      // A stylised scope: a ring and a sweeping tail.
      canvas.Circle(centre, radius * 0.55, radius * 0.18, colour);
      for (int i = 0; i < 12; ++i) {
        const double a0 = std::numbers::pi * (0.15 + 0.07 * i);
        const double a1 = a0 + 0.07 * std::numbers::pi;
        canvas.Line(centre + cv::Point2d(std::cos(a0), std::sin(a0)) * radius,
                    centre + cv::Point2d(std::cos(a1), std::sin(a1)) * radius, radius * 0.14, colour);
      }
      canvas.Disc(centre, radius * 0.18, colour);
      break;
    }
    default:
      canvas.Frame(cv::Rect2d(centre.x - radius, centre.y - radius, 2 * radius, 2 * radius), radius * 0.1, colour);
      canvas.Text(mark, font, radius * 0.6, centre + cv::Point2d(0, -radius * 0.33), Align::kCentre, colour,
                  radius * 1.7);
      break;
  }
}

/// A guilloche band: interleaved sine waves following a rectangle.
void DrawGuilloche(Canvas& canvas, const cv::Rect2d& outer, double band, const cv::Scalar& colour, Rng& rng) {
  const double wavelength = rng.Uniform(4, 7);
  const double phase = rng.Uniform(0, 2 * std::numbers::pi);
  const cv::Rect2d mid(outer.x + band / 2, outer.y + band / 2, outer.width - band, outer.height - band);
  const double perimeter = 2 * (mid.width + mid.height);
  auto point_at = [&mid](double t, cv::Point2d* normal) {
    if (t < mid.width) {
      *normal = {0, -1};
      return cv::Point2d(mid.x + t, mid.y);
    }
    t -= mid.width;
    if (t < mid.height) {
      *normal = {1, 0};
      return cv::Point2d(mid.x + mid.width, mid.y + t);
    }
    t -= mid.height;
    if (t < mid.width) {
      *normal = {0, 1};
      return cv::Point2d(mid.x + mid.width - t, mid.y + mid.height);
    }
    t -= mid.width;
    *normal = {-1, 0};
    return cv::Point2d(mid.x, mid.y + mid.height - t);
  };
  for (int wave = 0; wave < 4; ++wave) {
    cv::Point2d previous;
    for (double t = 0; t <= perimeter; t += 0.5) {
      cv::Point2d normal;
      const cv::Point2d base = point_at(std::min(t, perimeter - 1e-6), &normal);
      const double offset =
          band * 0.45 * std::sin(2 * std::numbers::pi * t / wavelength + phase + wave * std::numbers::pi / 2);
      const cv::Point2d p = base + normal * offset;
      if (t > 0) {
        canvas.Line(previous, p, 0.12, colour);
      }
      previous = p;
    }
  }
  canvas.Frame(outer, 0.3, colour);
  canvas.Frame(cv::Rect2d(outer.x + band, outer.y + band, outer.width - 2 * band, outer.height - 2 * band), 0.3,
               colour);
}

void PrintedSeal(Canvas& canvas, const CertificateContent& content, cv::Point2d centre_mm, double size_mm, bool round,
                 Rng& rng) {
  if (content.seal != SealStyle::kPrinted || content.seal_text.empty()) {
    return;
  }
  DrawSeal(canvas.Image(), canvas.Px(centre_mm), canvas.Px(size_mm), content.seal_text, round, false,
           cv::Scalar(45, 40, 205), rng);
}

/// Where the stamp goes, for designs that carry one: next to the issuer's name.
struct SealSpot {
  cv::Point2d centre;
  double size = 0;
  bool round = false;
};

// ---- the designs ---------------------------------------------------------------------------

SealSpot NamecardA(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  if (k.border) {
    c.Frame(cv::Rect2d(2.5, 2.5, w - 5, c.SizeMm().height - 5), 0.4, k.accent);
  }
  c.Text(k.event_name, FontId::kSansBold, 3.0, {w / 2, 4.5}, Align::kCentre, k.accent, w - 10);
  c.Text(k.date_label + k.date_text, k.font, 2.5, {w / 2, 8.8}, Align::kCentre, kInk, w - 12);
  const double title_size = std::min(8.5, (w - 18) / (static_cast<double>(SplitCharacters(k.title).size()) * 1.35));
  c.SpacedText(k.title, k.title_font, title_size, {w / 2, 13.2}, Align::kCentre, kInk, 0.35);
  c.Text("氏名", k.font, 3.4, {8, 32}, Align::kLeft, kInk);
  c.Line({19, 39.5}, {84, 39.5}, 0.25, kInk);
  art.name_field = cv::Rect2d(20, 28.0, 63, 11);
  if (!k.attendance_text.empty()) {
    c.Text("【" + k.attendance_text + "】", k.font, 2.3, {w - 5, 24}, Align::kRight, kInk);
  }
  c.Text(Joined(k.issuer_lines, "　"), k.font, 2.4, {w / 2 + 4, 45.5}, Align::kCentre, kInk, w - 22);
  if (k.logo) {
    DrawLogo(c, {8.5, 47.5}, 3.6, k.mark, k.accent, rng.Int(0, 3));
  }
  art.margins.emplace_back(w - 38, 49.0, 34, 5);
  return {{w - 14, 47.5}, 9, rng.Chance(0.5)};
}

SealSpot NamecardB(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  c.Fill(cv::Rect2d(0, 0, w, 14), k.accent);
  c.Text(k.event_name, FontId::kSansBold, 3.2, {w / 2, 2.3}, Align::kCentre, kWhite, w - 8);
  const std::string& where = k.attendance_text.empty() ? k.venue : k.attendance_text;
  c.Text(k.date_label + k.date_text + (where.empty() ? "" : "　" + where), FontId::kSans, 2.4, {w / 2, 8.2},
         Align::kCentre, kWhite, w - 8);
  const double title_size = std::min(10.0, (w - 16) / (static_cast<double>(SplitCharacters(k.title).size()) * 1.2));
  c.SpacedText(k.title, k.title_font, title_size, {w / 2, 17.5}, Align::kCentre, k.bw ? kInk : k.accent, 0.2);
  c.Text("PARTICIPANT", FontId::kSans, 2.4, {w / 2, 29.5}, Align::kCentre, kGreyInk);
  c.Text(Joined(k.issuer_lines, "　"), k.font, 2.2, {w - 4, h - 5.5}, Align::kRight, kInk, w - 20);
  if (k.logo) {
    DrawLogo(c, {7, h - 6.5}, 3.2, k.mark, k.accent, rng.Int(0, 3));
  }
  art.margins.emplace_back(8, 34, w - 16, 12);
  return {{w - 12, h - 12}, 9, true};
}

SealSpot NamecardC(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  const double title_size = std::min(8.0, (w - 10) / (static_cast<double>(SplitCharacters(k.title).size()) * 1.2));
  c.SpacedText(k.title, k.title_font, title_size, {w / 2, 10}, Align::kCentre, kInk, 0.2);
  c.Paragraph(k.event_name, FontId::kSansBold, 3.0, {4.5, 22}, w - 9, 1.35, k.accent);
  c.Text(k.date_label + k.date_text, k.font, 2.5, {w / 2, 36.5}, Align::kCentre, kInk, w - 6);
  if (!k.attendance_text.empty()) {
    c.Text(k.attendance_text, k.font, 2.4, {w / 2, 40.5}, Align::kCentre, kInk, w - 6);
  }
  c.Frame(cv::Rect2d(5, 46, w - 10, 20), 0.3, kInk);
  c.Text("お名前", k.font, 2.3, {6.5, 47.2}, Align::kLeft, kGreyInk);
  art.name_field = cv::Rect2d(7, 51, w - 14, 13);
  c.Fill(cv::Rect2d(0, h - 11, w, 11), k.accent);
  c.Text(k.organiser, FontId::kSans, 2.4, {w / 2, h - 7.3}, Align::kCentre, kWhite, w - 6);
  if (k.logo) {
    DrawLogo(c, {w - 8, 72}, 3.2, k.mark, k.accent, rng.Int(0, 3));
  }
  art.margins.emplace_back(4, 67.5, w - 18, 10);
  return {{w - 9, 72}, 8, true};
}

SealSpot Postcard(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  if (k.border) {
    c.Frame(cv::Rect2d(4, 4, w - 8, h - 8), 0.6, k.accent);
    c.Frame(cv::Rect2d(5.4, 5.4, w - 10.8, h - 10.8), 0.2, k.accent);
  }
  if (!k.serial.empty()) {
    c.Text(k.serial, k.font, 2.8, {w - 9, 8}, Align::kRight, kInk);
  }
  c.SpacedText(k.title, k.title_font, 8.0, {w / 2, 17}, Align::kCentre, kInk, 0.45);
  c.Line({15, 44}, {78, 44}, 0.3, kInk);
  c.Text("殿", k.font, 5, {80, 38}, Align::kLeft, kInk);
  art.name_field = cv::Rect2d(16, 33.5, 62, 10.5);
  double y = c.Paragraph(k.body, k.font, 4.1, {12, 54}, w - 24, 1.75, kInk);
  y = std::max(y + 4, 84.0);
  c.Text(k.date_label + k.date_text, k.font, 3.8, {w / 2, y}, Align::kCentre, kInk, w - 20);
  if (!k.venue.empty()) {
    c.Text("会場：" + k.venue, k.font, 3.2, {w / 2, y + 6}, Align::kCentre, kInk, w - 20);
  }
  if (!k.attendance_text.empty()) {
    c.Text("（" + k.attendance_text + "）", k.font, 3.2, {w / 2, y + 11}, Align::kCentre, kInk, w - 20);
  }
  double iy = 110;
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 3.8, {w - 16, iy}, Align::kRight, kInk, w - 24);
    iy += 6.5;
  }
  if (k.logo && rng.Chance(0.5)) {
    DrawLogo(c, {16, 112}, 5, k.mark, k.accent, rng.Int(0, 3));
  }
  art.margins.emplace_back(10, h - 22, w - 20, 12);
  return {{w - 18, iy - 8}, 14, false};
}

SealSpot A5Award(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  if (k.border) {
    DrawGuilloche(c, cv::Rect2d(6, 6, w - 12, h - 12), 7, k.accent, rng);
  }
  if (!k.serial.empty()) {
    c.Text(k.serial, k.font, 3.4, {20, 19}, Align::kLeft, kInk);
  }
  c.SpacedText(k.title, k.title_font, std::min(14.0, 80.0 / static_cast<double>(SplitCharacters(k.title).size())),
               {w / 2, 27}, Align::kCentre, kInk, 0.5);
  c.Text("氏名", k.font, 4.6, {22, 54}, Align::kLeft, kInk);
  c.Line({36, 61}, {114, 61}, 0.3, kInk);
  c.Text("殿", k.font, 5.5, {116, 54}, Align::kLeft, kInk);
  art.name_field = cv::Rect2d(37, 49.5, 76, 11.5);
  double y = c.Paragraph(k.body, k.font, 4.8, {22, 74}, w - 44, 1.8, kInk);
  y = std::max(y + 6, 128.0);
  c.Text(k.date_label + k.date_text, k.font, 4.4, {22, y}, Align::kLeft, kInk, w - 44);
  if (!k.attendance_text.empty()) {
    c.Text("（" + k.attendance_text + "）", k.font, 3.8, {22, y + 6.5}, Align::kLeft, kInk, w - 44);
  }
  double iy = std::max(y + 14, 150.0);
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 4.4, {w - 22, iy}, Align::kRight, kInk, w - 44);
    iy += 8;
  }
  art.margins.emplace_back(20, h - 30, w - 40, 14);
  return {{w - 28, iy - 11}, 17, rng.Chance(0.4)};
}

SealSpot A4Web(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  const cv::Scalar grey_fill = Lighter(k.accent, 0.88);
  if (rng.Chance(0.5)) {  // the browser's own header and footer
    c.Text(k.issue_date_text.empty() ? "2024/06/03 14:22" : k.issue_date_text, FontId::kSans, 2.4, {8, 5}, Align::kLeft,
           kInk);
    c.Text(k.title + " | " + k.event_name, FontId::kSans, 2.4, {w / 2, 5}, Align::kCentre, kInk, 110);
    c.Text("https://www.congress-reg.jp/certificate/print?id=" + std::to_string(rng.Int(100000, 999999)), FontId::kSans,
           2.4, {8, h - 8}, Align::kLeft, kInk);
    c.Text("1/1", FontId::kSans, 2.4, {w - 8, h - 8}, Align::kRight, kInk);
  }
  if (k.logo) {
    DrawLogo(c, {30, 27}, 7.5, k.mark, k.accent, rng.Int(0, 3));
  }
  c.Text(k.organiser, FontId::kSansBold, 4.6, {42, 20}, Align::kLeft, kInk, w - 60);
  c.Text(k.event_name, FontId::kSans, 3.6, {42, 27.5}, Align::kLeft, kInk, w - 60);
  c.Line({20, 40}, {w - 20, 40}, 0.8, k.accent);
  c.SpacedText(k.title, k.title_font, 10, {w / 2, 52}, Align::kCentre, kInk, 0.3);
  struct Row {
    std::string label;
    std::string value;
  };
  std::vector<Row> rows = {{"参加者氏名", ""}, {"学会・研究会名", k.event_name}, {k.date_label, k.date_text}};
  if (!k.attendance_text.empty()) {
    rows.push_back({"参加形態", k.attendance_text});
  } else if (!k.venue.empty()) {
    rows.push_back({"会場", k.venue});
  }
  double y = 78;
  const double row_h = 13;
  for (const Row& row : rows) {
    c.Fill(cv::Rect2d(25, y, 45, row_h), grey_fill);
    c.Frame(cv::Rect2d(25, y, w - 50, row_h), 0.25, kInk);
    c.Line({70, y}, {70, y + row_h}, 0.25, kInk);
    c.Text(row.label, FontId::kSans, 3.8, {47.5, y + 4.3}, Align::kCentre, kInk, 42);
    if (row.value.empty()) {
      art.name_field = cv::Rect2d(73, y + 1.5, w - 102, row_h - 3);
    } else {
      c.Text(row.value, k.font, 4.0, {74, y + 4.3}, Align::kLeft, kInk, w - 104);
    }
    y += row_h;
  }
  c.Text("上記の者は、標記の学会等に参加したことを証明いたします。", k.font, 4.4, {w / 2, y + 16}, Align::kCentre, kInk,
         w - 50);
  if (!k.issue_date_text.empty()) {
    c.Text("発行日　" + k.issue_date_text, k.font, 4.0, {w - 30, y + 32}, Align::kRight, kInk);
  }
  double iy = y + 46;
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 4.6, {w - 30, iy}, Align::kRight, kInk, w - 60);
    iy += 8;
  }
  c.Text("※本証明書は参加登録システムより発行されたものです。", FontId::kSans, 3.0, {25, h - 40}, Align::kLeft, kInk);
  art.margins.emplace_back(25, iy + 6, 95, 18);
  art.margins.emplace_back(25, h - 34, w - 50, 14);
  return {{w - 36, iy - 11}, 16, false};
}

SealSpot A4Formal(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  if (k.border) {
    c.Frame(cv::Rect2d(10, 10, w - 20, h - 20), 1.6, k.accent);
    c.Frame(cv::Rect2d(13, 13, w - 26, h - 26), 0.35, k.accent);
  }
  if (k.logo) {  // a faint watermark in the middle
    DrawLogo(c, {w / 2, h / 2 + 10}, 40, k.mark, Lighter(k.accent, 0.9), rng.Int(0, 3));
  }
  if (!k.serial.empty()) {
    c.Text(k.serial, k.font, 4, {26, 24}, Align::kLeft, kInk);
  }
  c.SpacedText(k.title, k.title_font, std::min(17.0, 110.0 / static_cast<double>(SplitCharacters(k.title).size())),
               {w / 2, 45}, Align::kCentre, kInk, 0.5);
  c.Line({45, 100}, {150, 100}, 0.4, kInk);
  c.Text("殿", k.font, 8, {153, 91}, Align::kLeft, kInk);
  art.name_field = cv::Rect2d(47, 85, 102, 14);
  double y = c.Paragraph(k.body, k.font, 6.0, {32, 118}, w - 64, 1.9, kInk);
  y = std::max(y + 10, 180.0);
  c.Text(k.date_label + k.date_text, k.font, 5.4, {32, y}, Align::kLeft, kInk, w - 64);
  if (!k.attendance_text.empty()) {
    c.Text("（" + k.attendance_text + "）", k.font, 4.6, {32, y + 8.5}, Align::kLeft, kInk, w - 64);
  }
  double iy = std::max(y + 20, 205.0);
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 5.6, {w - 35, iy}, Align::kRight, kInk, w - 70);
    iy += 10;
  }
  art.margins.emplace_back(30, h - 52, w - 60, 20);
  return {{w - 45, iy - 14}, 22, rng.Chance(0.3)};
}

SealSpot ReceiptA(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& /*rng*/) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  if (k.border) {
    c.Frame(cv::Rect2d(3, 3, w - 6, h - 6), 0.4, k.accent);
  }
  const double title_w = c.SpacedText(k.title, k.title_font, 7, {w / 2, 6}, Align::kCentre, kInk, 0.8);
  c.Line({w / 2 - title_w / 2 - 3, 14.5}, {w / 2 + title_w / 2 + 3, 14.5}, 0.35, kInk);
  c.Line({w / 2 - title_w / 2 - 3, 15.5}, {w / 2 + title_w / 2 + 3, 15.5}, 0.2, kInk);
  c.Text(k.serial, k.font, 2.8, {w - 8, 7}, Align::kRight, kInk);
  c.Line({12, 30}, {95, 30}, 0.3, kInk);
  c.Text("様", k.font, 4.5, {96, 24.8}, Align::kLeft, kInk);
  art.name_field = cv::Rect2d(13, 19.5, 82, 10.5);
  c.Frame(cv::Rect2d(12, 35, 98, 13), 0.4, kInk);
  c.Text("金額", k.font, 3.3, {15, 39.5}, Align::kLeft, kInk);
  c.Text(k.amount, FontId::kSerifBold, 6.5, {60, 37.5}, Align::kCentre, kInk);
  c.Text("但し　" + k.purpose, k.font, 3.5, {12, 52}, Align::kLeft, kInk, 100);
  c.Text("上記正に領収いたしました。", k.font, 3.3, {12, 58.5}, Align::kLeft, kInk);
  c.Text(k.date_text, k.font, 3.3, {12, 66}, Align::kLeft, kInk);
  double iy = 52;
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 3.3, {w - 10, iy}, Align::kRight, kInk, 62);
    iy += 6;
  }
  art.margins.emplace_back(112, 20, w - 120, 12);
  art.margins.emplace_back(12, h - 12, 80, 8);
  return {{w - 20, iy - 6}, 14, false};
}

SealSpot ReceiptThermal(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  const cv::Scalar faded = cv::Scalar::all(rng.Uniform(85, 125));
  const FontId font = FontId::kIpaGothic;
  double y = 5;
  c.Text(k.organiser, font, 3.0, {w / 2, y}, Align::kCentre, faded, w - 6);
  y += 6;
  c.SpacedText(k.title, font, 5, {w / 2, y}, Align::kCentre, faded, 0.3);
  y += 9;
  if (rng.Chance(0.5)) {
    c.Line({4, y + 5}, {w - 12, y + 5}, 0.2, faded);
    c.Text("様", font, 3.4, {w - 11, y + 1}, Align::kLeft, faded);
    art.name_field = cv::Rect2d(5, y - 2, w - 18, 7);
    y += 10;
  }
  c.Text(k.date_text + "  " + fmt::format("{:02d}:{:02d}", rng.Int(8, 17), rng.Int(0, 59)), font, 2.8, {4, y},
         Align::kLeft, faded, w - 8);
  y += 5;
  c.Text(std::string(26, '-'), font, 2.8, {w / 2, y}, Align::kCentre, faded, w - 6);
  y += 5;
  c.Text("参加費", font, 3.0, {4, y}, Align::kLeft, faded);
  c.Text(k.amount, font, 3.0, {w - 4, y}, Align::kRight, faded);
  y += 5;
  c.Text("合計", font, 3.4, {4, y}, Align::kLeft, faded);
  c.Text(k.amount, font, 3.4, {w - 4, y}, Align::kRight, faded);
  y += 6;
  c.Text("(内消費税等 ¥0)", font, 2.6, {w - 4, y}, Align::kRight, faded);
  y += 6;
  c.Text("但し " + k.purpose, font, 2.8, {4, y}, Align::kLeft, faded, w - 8);
  y += 5;
  c.Text("上記正に領収いたしました", font, 2.8, {4, y}, Align::kLeft, faded, w - 8);
  y += 5;
  c.Text(fmt::format("登録番号 T{:07d}{:06d}", rng.Int(1000000, 9999999), rng.Int(0, 999999)), font, 2.6, {4, y},
         Align::kLeft, faded, w - 8);
  art.margins.emplace_back(4, std::min(y + 7, h - 14), w - 8, 10);
  return {{w / 2, h - 10}, 0, false};
}

SealSpot CourseCard(Canvas& c, const CertificateContent& k, PieceArt& art, Rng& rng) {
  const double w = c.SizeMm().width;
  const double h = c.SizeMm().height;
  const cv::Scalar line_tint = Lighter(k.accent, 0.82);
  for (double x = -h; x < w; x += 1.6) {  // security tint
    c.Line({x, h}, {x + h, 0}, 0.12, line_tint);
  }
  c.Fill(cv::Rect2d(8, 46, w - 16, 16), k.paper);
  if (k.border) {
    c.Frame(cv::Rect2d(4, 4, w - 8, h - 8), 0.6, k.accent);
  }
  c.SpacedText(k.title, k.title_font, 9, {w / 2, 8}, Align::kCentre, kInk, 0.4);
  c.Text(k.event_name, FontId::kSansBold, 4, {w / 2, 22}, Align::kCentre, k.accent, w - 16);
  c.Text(k.date_label + k.date_text, k.font, 3.3, {w / 2, 30}, Align::kCentre, kInk, w - 20);
  if (!k.venue.empty() || !k.attendance_text.empty()) {
    c.Text(k.attendance_text.empty() ? "会場：" + k.venue : k.attendance_text, k.font, 3.1, {w / 2, 36}, Align::kCentre,
           kInk, w - 20);
  }
  c.Text("氏名", k.font, 4, {14, 51}, Align::kLeft, kInk);
  c.Line({26, 58.5}, {100, 58.5}, 0.3, kInk);
  c.Text("殿", k.font, 4.5, {102, 52.5}, Align::kLeft, kInk);
  art.name_field = cv::Rect2d(27, 48.5, 72, 10);
  double iy = 68;
  for (const std::string& line : k.issuer_lines) {
    c.Text(line, k.font, 3.3, {w / 2 + 5, iy}, Align::kCentre, kInk, w - 30);
    iy += 5.5;
  }
  (void)rng;
  art.margins.emplace_back(8, h - 11, 55, 6);
  return {{w - 22, iy - 7}, 12, true};
}

}  // namespace

const std::vector<std::string>& Designs() {
  static const std::vector<std::string> kDesigns = {
      "namecard-a", "namecard-b", "namecard-c", "postcard",        "a5-award",
      "a4-web",     "a4-formal",  "receipt-a",  "receipt-thermal", "course-card",
  };
  return kDesigns;
}

cv::Size2d DesignSize(std::string_view design, Rng& rng) {
  if (design == "namecard-a" || design == "namecard-b") {
    return {91, 55};
  }
  if (design == "namecard-c") {
    return {55, 91};
  }
  if (design == "postcard") {
    return {100, 148};
  }
  if (design == "a5-award") {
    return {148, 210};
  }
  if (design == "a4-web" || design == "a4-formal") {
    return {210, 297};
  }
  if (design == "receipt-a") {
    return {175, 85};
  }
  if (design == "receipt-thermal") {
    return {58, rng.Uniform(95, 125)};
  }
  if (design == "course-card") {
    return {128, 91};
  }
  throw Error(ErrorKind::kInternal, fmt::format("unknown design '{}'", design));
}

bool DesignHasNameField(std::string_view design) {
  return design != "namecard-b" && design != "receipt-thermal";
}

PieceArt DrawCertificate(const CertificateContent& content, double px_per_mm, Rng& rng) {
  Canvas canvas(content.size_mm, px_per_mm, content.paper);
  PieceArt art;
  art.px_per_mm = px_per_mm;
  art.size_mm = content.size_mm;
  SealSpot spot;
  const std::string& d = content.design;
  if (d == "namecard-a") {
    spot = NamecardA(canvas, content, art, rng);
  } else if (d == "namecard-b") {
    spot = NamecardB(canvas, content, art, rng);
  } else if (d == "namecard-c") {
    spot = NamecardC(canvas, content, art, rng);
  } else if (d == "postcard") {
    spot = Postcard(canvas, content, art, rng);
  } else if (d == "a5-award") {
    spot = A5Award(canvas, content, art, rng);
  } else if (d == "a4-web") {
    spot = A4Web(canvas, content, art, rng);
  } else if (d == "a4-formal") {
    spot = A4Formal(canvas, content, art, rng);
  } else if (d == "receipt-a") {
    spot = ReceiptA(canvas, content, art, rng);
  } else if (d == "receipt-thermal") {
    spot = ReceiptThermal(canvas, content, art, rng);
  } else if (d == "course-card") {
    spot = CourseCard(canvas, content, art, rng);
  } else {
    throw Error(ErrorKind::kInternal, fmt::format("unknown design '{}'", d));
  }
  if (spot.size > 0) {
    PrintedSeal(canvas, content, spot.centre, spot.size, spot.round, rng);
  }
  art.image = canvas.Image();
  if (content.bw) {
    cv::Mat grey;
    cv::cvtColor(art.image, grey, cv::COLOR_BGR2GRAY);
    cv::cvtColor(grey, art.image, cv::COLOR_GRAY2BGR);
  }
  if (content.seal == SealStyle::kStamped && spot.size > 0 && !content.seal_text.empty()) {
    const cv::Point2d jitter(rng.Uniform(-2, 2), rng.Uniform(-2, 2));
    DrawSeal(art.image, canvas.Px(spot.centre + jitter), canvas.Px(spot.size), content.seal_text, spot.round, true,
             cv::Scalar(rng.Uniform(35, 60), rng.Uniform(30, 55), rng.Uniform(190, 225)), rng);
  }
  art.alpha = cv::Mat(art.image.size(), CV_8U, cv::Scalar(255));
  if (d == "namecard-c") {  // the lanyard slot
    const cv::Rect2d slot = canvas.Px(cv::Rect2d(content.size_mm.width / 2 - 6, 3.5, 12, 3));
    cv::rectangle(art.alpha, cv::Rect(slot), cv::Scalar(0), cv::FILLED, cv::LINE_AA);
  }
  return art;
}

void DrawSeal(cv::Mat& bgr, cv::Point2d centre_px, double size_px, std::string_view text, bool round, bool stamped,
              const cv::Scalar& colour, Rng& rng) {
  const int side = std::max(8, static_cast<int>(std::ceil(size_px * 1.5)));
  cv::Mat art(side, side, CV_8UC3, cv::Scalar::all(0));
  const cv::Point2d mid(side / 2.0, side / 2.0);
  const double half = size_px / 2;
  const int border = std::max(1, static_cast<int>(size_px * 0.06));
  if (round) {
    cv::circle(art, mid, static_cast<int>(half), cv::Scalar::all(255), border, cv::LINE_AA);
  } else {
    cv::rectangle(art, cv::Rect(mid - cv::Point2d(half, half), mid + cv::Point2d(half, half)), cv::Scalar::all(255),
                  border, cv::LINE_AA);
  }
  // Characters in columns, right to left, top to bottom, as seals are cut.
  std::vector<std::string> characters = SplitCharacters(text);
  if (round && characters.size() > 4) {  // a round seal holds a short name: the last four
    characters.erase(characters.begin(), characters.end() - 4);
  }
  const int n = static_cast<int>(characters.size());
  const int columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(n)))));
  const int rows = (n + columns - 1) / columns;
  const double inner = size_px * (round ? 0.6 : 0.78);
  const double cell_w = inner / columns;
  const double cell_h = inner / rows;
  const double em = std::min(cell_w, cell_h) * 0.92;
  for (int i = 0; i < n; ++i) {
    const int column = columns - 1 - i / rows;
    const int row = i % rows;
    const cv::Point2d cell(mid.x - inner / 2 + column * cell_w + (cell_w - em) / 2,
                           mid.y - inner / 2 + row * cell_h + (cell_h - em) / 2);
    DrawTextPx(art, characters[static_cast<std::size_t>(i)], FontId::kSerifBold, em, cell, cv::Scalar::all(255));
  }
  cv::Mat mask;
  cv::extractChannel(art, mask, 0);
  mask.convertTo(mask, CV_32F, 1.0 / 255);
  double strength = 0.9;
  if (stamped) {
    const double angle = rng.Uniform(-12, 12);
    cv::warpAffine(mask, mask, cv::getRotationMatrix2D(mid, angle, 1.0), mask.size());
    // Ink pad texture: blotchy density, a paler side where the stamp was not pressed evenly.
    cv::Mat blotch(side / 6 + 2, side / 6 + 2, CV_32F);
    FillUniform(blotch, 0.45, 1.0, rng);
    cv::resize(blotch, blotch, mask.size(), 0, 0, cv::INTER_CUBIC);
    cv::Mat speck(mask.size(), CV_32F);
    FillUniform(speck, 0, 1, rng);
    cv::threshold(speck, speck, rng.Uniform(0.05, 0.2), 1.0, cv::THRESH_BINARY);
    cv::GaussianBlur(speck, speck, cv::Size(3, 3), 0.7);
    const double tilt = rng.Uniform(0, 2 * std::numbers::pi);
    cv::Mat ramp(mask.size(), CV_32F);
    for (int y = 0; y < ramp.rows; ++y) {
      auto* row = ramp.ptr<float>(y);
      for (int x = 0; x < ramp.cols; ++x) {
        const double t = ((x - mid.x) * std::cos(tilt) + (y - mid.y) * std::sin(tilt)) / side;
        row[x] = static_cast<float>(0.85 + 0.3 * t);
      }
    }
    mask = mask.mul(blotch).mul(speck).mul(ramp);
    cv::GaussianBlur(mask, mask, cv::Size(0, 0), std::max(0.5, size_px / 180));
    strength = rng.Uniform(0.75, 0.95);
  }
  mask *= strength;
  cv::min(mask, 1.0, mask);
  MultiplyInk(bgr, mask,
              cv::Point(static_cast<int>(centre_px.x - side / 2.0), static_cast<int>(centre_px.y - side / 2.0)),
              colour);
}

}  // namespace certintake::synth
