// certintake-synth: writes a labelled corpus of synthetic scanned renewal applications.
//
//   certintake-synth --seed 7 --applications 30 --out corpus/ [--received 2025-01-15]
//                    [--dpi 200 300 400] [--lossy-only] [--forms models/forms]
//                    [--mix office|evidence|sound-originals]
//
// Exit codes: 0 written; 2 bad usage or missing fonts/forms; 1 a file could not be written.

#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/synth/generator.hpp"

namespace {

int Run(int argc, char** argv) {
  CLI::App app{
      "Writes a labelled corpus of synthetic scanned renewal applications (scan files, members.csv, "
      "labels.json). The same seed gives byte-identical files."};
  certintake::synth::SynthOptions options;
  std::string received = "2025-01-15";
  std::string out;
  std::string forms = options.forms_dir.string();
  std::vector<int> dpis = options.dpis;
  app.add_option("--seed", options.seed, "random seed")->required();
  app.add_option("--applications", options.applications, "number of applications")->required();
  app.add_option("--out", out, "folder to write into (created if missing)")->required();
  app.add_option("--received", received, "arrival date of the applications, YYYY-MM-DD")->capture_default_str();
  app.add_option("--forms", forms, "folder with the blank form PDFs")->capture_default_str();
  app.add_option("--dpi", dpis, "scan resolutions to choose from")->capture_default_str();
  const std::map<std::string, certintake::synth::CorpusMix> mixes = {
      {"office", certintake::synth::CorpusMix::kOffice},
      {"evidence", certintake::synth::CorpusMix::kEvidence},
      {"sound-originals", certintake::synth::CorpusMix::kSoundOriginals}};
  std::string mix = "office";
  app.add_option("--mix", mix,
                 "office: as mailed; evidence: many copies, pencil and missing names; sound-originals: "
                 "named originals only")
      ->check(CLI::IsMember(mixes))
      ->capture_default_str();
  bool lossy_only = false;
  app.add_flag("--lossy-only", lossy_only, "JPEG-compress every page (small files, e.g. for committed samples)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;
  }
  const auto date = certintake::ParseIsoDate(received);
  if (!date) {
    std::cerr << fmt::format("certintake-synth: --received '{}' is not a date (YYYY-MM-DD)\n", received);
    return 2;
  }
  options.received = *date;
  options.out = out;
  options.forms_dir = forms;
  options.dpis = dpis;
  options.lossless = !lossy_only;
  options.mix = mixes.at(mix);
  // Pages are tens of megabytes; glibc would map and unmap each one, and the page faults cost more
  // than drawing. Keep freed pages in the heap instead.
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  if (isatty(STDERR_FILENO) != 0) {
    options.progress = [](int done, int total) {
      std::fprintf(stderr, "\rcertintake-synth: %d/%d files", done, total);
      if (done == total) {
        std::fprintf(stderr, "\n");
      }
    };
  }
  try {
    const certintake::synth::Labels labels = certintake::synth::GenerateCorpus(options);
    int pages = 0;
    for (const auto& file : labels.files) {
      pages += static_cast<int>(file.pages.size());
    }
    std::cout << fmt::format("wrote {} applications, {} files, {} pages to {}\n", labels.applications.size(),
                             labels.files.size(), pages, out);
    return 0;
  } catch (const certintake::Error& error) {
    std::cerr << "certintake-synth: " << error.what() << "\n";
    return error.kind() == certintake::ErrorKind::kInput ? 1 : 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& error) {  // a bug or an OpenCV failure: say what, do not abort
    std::cerr << "certintake-synth: internal error: " << error.what() << "\n";
    return 1;
  }
}
