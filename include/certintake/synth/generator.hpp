#pragma once

// certintake-synth: a labelled corpus of synthetic renewal applications, scanned the way the
// office scans them. Deterministic: the same options give byte-identical files.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <vector>

#include "certintake/synth/labels.hpp"

namespace certintake::synth {

/// The blank forms shipped with the project (models/forms/).
std::filesystem::path DefaultFormsDirectory();

/// What the applications are made of.
enum class CorpusMix {
  kOffice,          ///< what the office receives: half sound, half with one or two things wrong
  kEvidence,        ///< as kOffice, with many more copies, reduced copies, pencil names and no names
  kSoundOriginals,  ///< sound applications of named originals only (web print-outs included): the
                    ///< set on which every copy or pencil flag is a false positive
};

struct SynthOptions {
  std::uint64_t seed = 1;
  int applications = 10;
  std::filesystem::path out;  ///< created if missing; existing files with our names are replaced
  std::chrono::year_month_day received{std::chrono::year(2025), std::chrono::January, std::chrono::day(15)};
  std::filesystem::path forms_dir = DefaultFormsDirectory();
  std::vector<int> dpis = {200, 300, 400};  ///< resolutions the scanners use, picked per file
  CorpusMix mix = CorpusMix::kOffice;
  /// Let some files store pages losslessly (LZW TIFF, PNG, Flate PDF), as some scanners do. Off:
  /// every page is JPEG-compressed, which keeps committed samples small.
  bool lossless = true;
  /// Called after each file is written with (files done, files in total); may be empty.
  std::function<void(int, int)> progress;
};

/// The applications GenerateCorpus would make, decided without drawing or writing anything:
/// `files` is empty and certificates have no file, page or bbox. Cheap enough for statistics over
/// thousands of applications.
Labels PlanLabels(const SynthOptions& options);

/// Writes the scan files, members.csv and labels.json into options.out and returns the labels.
/// Throws Error(kUsage) for bad options or a missing font/form, Error(kInput) when a file cannot
/// be written.
Labels GenerateCorpus(const SynthOptions& options);

}  // namespace certintake::synth
