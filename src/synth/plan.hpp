#pragma once

// Planning a corpus: members, what each of them mails (and what is wrong with it), how the
// pieces are pasted, and how the office scans the envelopes. Everything here is decided before a
// single pixel is drawn, and the rules are applied to the plan.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "certintake/core/member.hpp"
#include "certintake/synth/generator.hpp"
#include "certintake/synth/rules.hpp"
#include "certintake/synth/scan_writer.hpp"
#include "designs.hpp"
#include "forms.hpp"
#include "ink.hpp"
#include "world.hpp"

namespace certintake::synth {

struct NamePlan {
  bool present = false;
  Pen pen = Pen::kBallpointBlack;
  bool in_field = true;
  bool before_copy = true;  ///< copies: written on the original and copied with it
};

struct PiecePlan {
  CertificateTruth truth;
  CertificateContent content;
  NamePlan name;
  bool loose = false;  ///< an A4 sheet scanned on its own rather than pasted
  double copy_margin_mm = 0;
  cv::Rect2d trim;     ///< mm of the design kept when cut out with scissors; empty: all of it
  cv::Size2d size_mm;  ///< as pasted: after reduction and trimming
  double shadow = 0.2;
  std::uint64_t seed = 0;  ///< its own random stream for drawing
};

enum class SheetKind { kApplicationForm, kBackForm, kPlainPaper, kLooseCertificate, kCheckSheet };

struct Placement {
  std::size_t piece = 0;
  cv::Point2d centre_mm;
  double angle_degrees = 0;  ///< counter-clockwise, including a quarter turn when pasted sideways
};

struct SheetPlan {
  SheetKind kind = SheetKind::kPlainPaper;
  std::vector<Placement> placements;
  bool upside_down = false;
  cv::Scalar paper{246, 247, 248};
};

struct ApplicationPlan {
  Member member;
  bool registered = true;
  Person person;
  Hand hand;
  Pen pen = Pen::kBallpointBlack;
  FormFacts facts;
  std::vector<PiecePlan> pieces;  ///< in the order they appear in the scan
  std::vector<SheetPlan> sheets;  ///< scan order, separator not included
  std::vector<CheckRow> check_rows;
  std::string check_total;
  RuleOutcome expected;
  std::string scenario;  ///< what the planner set out to make, for debugging
};

struct ScanJob {
  struct Page {
    std::size_t application = 0;
    int sheet = -1;  ///< index into the application's sheets; -1 for its separator
  };
  std::string file;
  std::string format;  ///< pdf | tiff | jpeg | png
  int dpi = 300;
  bool colour = true;
  ScanEncoding encoding;
  std::vector<Page> pages;
};

struct CorpusPlan {
  std::vector<ApplicationPlan> applications;
  std::vector<Member> members;  ///< the register, sorted by id
  std::vector<ScanJob> jobs;
};

CorpusPlan PlanCorpus(const SynthOptions& options);

}  // namespace certintake::synth
