#include "synth/designs.hpp"

#include <gtest/gtest.h>

namespace certintake::synth {
namespace {

cv::Mat Drawn(const std::string& design, const std::string& attendance_text) {
  CertificateContent content;
  content.design = design;
  Rng size_rng(1);
  content.size_mm = DesignSize(design, size_rng);
  content.title = "参加証";
  content.event_name = "第50回日本消化器内視鏡技師学会";
  content.date_label = "会期：";
  content.date_text = "2024年5月11日";
  content.venue = "東京国際フォーラム";
  content.attendance_text = attendance_text;
  content.body = "上記の者は、第50回日本消化器内視鏡技師学会に参加したことを証明いたします。";
  content.issuer_lines = {"日本消化器内視鏡技師会", "会長　山田　太郎"};
  content.organiser = "日本消化器内視鏡技師会";
  Rng rng(7);
  return DrawCertificate(content, 4.0, rng).image;
}

// The corpus labels a certificate's attendance only from what it states: every design that is not
// a receipt must print the statement it is given.
TEST(DrawCertificate, PrintsTheAttendanceStatementOnEveryDesignButReceipts) {
  for (const std::string& design : Designs()) {
    if (design.rfind("receipt", 0) == 0) continue;
    cv::Mat difference;
    cv::absdiff(Drawn(design, "現地参加"), Drawn(design, ""), difference);
    EXPECT_GT(cv::countNonZero(difference.reshape(1)), 0) << design;
  }
}

}  // namespace
}  // namespace certintake::synth
