#pragma once

// The evidence checks the rules need and no OCR product makes: is the member's name handwritten
// on the certificate, in ink rather than pencil, and does the piece show signs of being a
// photocopy or a reduced copy. Every check reports what it measured, against which threshold,
// where it looked, and one sentence a reviewer can act on.

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "certintake/core/debug_sink.hpp"
#include "certintake/read/certificate_reader.hpp"
#include "certintake/rules/facts.hpp"

namespace certintake::evidence {

/// One check's measurement. `region` is where it looked, as fractions [x0, y0, x1, y1] of the
/// crop as read (upright).
struct Evidence {
  std::string check;  ///< e.g. "name_present", "name_instrument", "copy_halftone"
  std::optional<double> value;
  std::optional<double> threshold;
  rules::Finding finding = rules::Finding::kInconclusive;
  std::array<double, 4> region{0, 0, 1, 1};
  std::string message_ja;
};

/// Every threshold of the checks, in one place. Defaults were chosen on development corpora
/// (certintake-synth seeds 7, 8 and 11), never on the test corpora (seed 2026); README
/// "Evidence checks" says how.
struct EvidenceThresholds {
  // Where ink is: darkness (0 paper .. 255 black) after the paper's shading is divided out.
  double ink_darkness = 45;
  /// Handwriting is looked for down to this darkness, so that light pencil is seen too.
  double writing_darkness = 22;
  /// Marks whose darkest core is fainter than this share of the print's black are a tint or a
  /// pattern, not writing (the lightest pencil on the development corpora was about 0.26).
  double writing_min_relative_darkness = 0.22;
  // Name present: handwriting-like ink in the name's place, in mm² of stroke area.
  double name_ink_mm2 = 5.0;
  double name_absent_mm2 = 1.5;  ///< below this the place is empty; between the two: unknown
  // Instrument: the stroke core's darkness relative to the piece's own printed black.
  double pencil_relative_darkness = 0.55;        ///< at or below: pencil (with grain)
  double pencil_light_relative_darkness = 0.40;  ///< at or below: pencil even without grain (graphite greys)
  /// At or above: ink. The darkest pencil on the development corpora was 0.51, the lightest
  /// ballpoint not far below (0.47); between them the finding is unknown.
  double ink_relative_darkness = 0.56;
  double ink_chroma = 14;      ///< colour scans: a stroke this colourful is ink (blue ballpoint)
  double pencil_grain = 0.20;  ///< pencil strokes break up: the share of light holes in the core
  // Copy signs.
  double halftone_peak = 6.0;                      ///< % of a mid-tone window's energy at one screen-like frequency
  double toner_specks_per_cm2 = 1.0;               ///< isolated dark specks in blank paper
  int toner_specks_min_count = 6;                  ///< fewer specks than this prove nothing, however small the paper
  double toner_specks_overwhelming_per_cm2 = 3.0;  ///< this many: a copy even without another sign
  double edge_band_darkening = 0.10;               ///< a border strip darker than the paper by this share
  double reduced_text_height_mm = 2.1;             ///< median printed line height below this: reduced
};

/// The thresholds as JSON (recorded, hashed, with every run: pipeline::ConfigSha256).
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EvidenceThresholds, ink_darkness, writing_darkness, writing_min_relative_darkness,
                                   name_ink_mm2, name_absent_mm2, pencil_relative_darkness,
                                   pencil_light_relative_darkness, ink_relative_darkness, ink_chroma, pencil_grain,
                                   halftone_peak, toner_specks_per_cm2, toner_specks_min_count,
                                   toner_specks_overwhelming_per_cm2, edge_band_darkening, reduced_text_height_mm)

struct EvidenceReport {
  rules::Finding name_present = rules::Finding::kInconclusive;
  rules::Finding name_in_pencil = rules::Finding::kInconclusive;
  rules::Finding copy = rules::Finding::kInconclusive;
  rules::Finding reduced_copy = rules::Finding::kInconclusive;
  std::vector<std::string> copy_signs;  ///< CONTRACT words: halftone, toner_specks, edge_shadow, reduced, ...
  std::vector<Evidence> checks;
};

/// Runs every check on one certificate crop (as cut from the page, before any turn; colour or
/// grey) with the reading made of it (OCR lines and symbols, the turn that made it upright).
EvidenceReport CheckEvidence(const cv::Mat& crop, double dpi, const read::CertificateReading& reading,
                             const EvidenceThresholds& thresholds = {}, const DebugSink& debug = {});

/// Writes the findings into the facts the rules read.
void ApplyTo(const EvidenceReport& report, rules::CertificateFacts& facts);

}  // namespace certintake::evidence
