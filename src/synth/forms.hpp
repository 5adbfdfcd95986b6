#pragma once

// The office's blank forms (models/forms/*.pdf), rendered with Poppler and filled in by hand, and
// the separator sheet the office puts in front of each application.

#include <filesystem>
#include <map>
#include <opencv2/core.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ink.hpp"
#include "random.hpp"

namespace certintake::synth {

enum class FormId { kApplication, kBackPage, kCheckSheet };

/// Blank forms rendered once per resolution.
class FormLibrary {
 public:
  /// Throws Error(kUsage) when a form PDF is missing from `directory`.
  explicit FormLibrary(std::filesystem::path directory);
  /// The form as grey pixels (255 = paper) at `dpi`, A4.
  const cv::Mat& Blank(FormId form, int dpi);

 private:
  std::filesystem::path directory_;
  std::map<std::pair<FormId, int>, cv::Mat> rendered_;
};

/// What a member writes on the front page.
struct FormFacts {
  std::string member_id;
  std::string name;
  std::string kana;
  std::string applied_year;  ///< as the member writes it: "2025" or "令和7"
  int applied_month = 1;
  int applied_day = 1;
  bool showa = true;  ///< born in 昭和 (else 平成)
  int birth_year = 50;
  int birth_month = 1;
  int birth_day = 1;
  std::string postal_code;
  std::string address;
  std::string phone;
  std::string workplace;
  int period_start_year = 2020;
  int period_start_month = 4;
  int period_end_year = 2025;
  int period_end_month = 3;
};

/// One row of the points check sheet as the member fills it.
struct CheckRow {
  std::string event;
  std::string date;
  std::string points;
};

/// `form_to_sheet` maps form pixels to sheet pixels (the printer's imperfect placement), so the
/// writing lands in the fields as printed.
void FillApplicationForm(cv::Mat& sheet, const cv::Matx23d& form_to_sheet, const FormFacts& facts, const Hand& hand,
                         Pen pen, double px_per_mm, Rng& rng);
void FillBackPageHeader(cv::Mat& sheet, const cv::Matx23d& form_to_sheet, const FormFacts& facts, const Hand& hand,
                        Pen pen, double px_per_mm, Rng& rng);
/// rows: up to six rows (技師学会①②③, 関連学会×2, 機器講習) and the total.
void FillCheckSheet(cv::Mat& sheet, const cv::Matx23d& form_to_sheet, const FormFacts& facts,
                    const std::vector<CheckRow>& rows, const std::string& total, const Hand& hand, Pen pen,
                    double px_per_mm, Rng& rng);

/// The separator sheet the office prints for a member (as `certintake coversheet` does).
void DrawSeparatorSheet(cv::Mat& sheet, const std::string& member_id, const std::string& member_name, double px_per_mm);

}  // namespace certintake::synth
