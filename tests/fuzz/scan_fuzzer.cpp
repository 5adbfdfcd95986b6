// A scan file as a scanner, a mail attachment or a broken copy might deliver it: the first byte
// picks the name it arrives under (.pdf, .tif, .png, .jpg), the rest is its content. Opening it
// and decoding each page either works or throws the loaders' one-line input error; anything else
// escaping (an OpenCV assertion, a crash) is a finding.

#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "certintake/core/error.hpp"
#include "certintake/load/scan_reader.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;
namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::array<const char*, 4> kExtensions = {".pdf", ".tif", ".png", ".jpg"};
  const fs::path file =
      fs::temp_directory_path() / ("certintake-scan-fuzz-" + std::to_string(::getpid()) + kExtensions[data[0] % 4]);
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data + 1), size - 1);

  // Small limits keep each run fast; the limits themselves are what is checked here.
  certintake::load::LoadLimits limits;
  limits.max_pixels = 4e6;
  limits.max_pages = 8;
  try {
    auto reader = certintake::load::OpenScan(file, limits);
    Check(reader->PageCount() >= 1 && reader->PageCount() <= limits.max_pages, "an opened scan has 1 to 8 pages");
    for (int index = 1; index <= reader->PageCount(); ++index) {
      try {
        const certintake::PageImage page = reader->ReadPage(index);
        Check(!page.pixels.empty(), "a decoded page has pixels");
        Check(page.pixels.total() <= static_cast<std::size_t>(limits.max_pixels), "a decoded page is within the limit");
      } catch (const certintake::Error& error) {
        Check(error.kind() == certintake::ErrorKind::kInput, "a bad page is an input error");
      }
    }
  } catch (const certintake::Error& error) {
    Check(error.kind() == certintake::ErrorKind::kInput, "a bad file is an input error");
  }
  fs::remove(file);
  return 0;
}
