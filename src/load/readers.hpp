#pragma once

// The readers behind OpenScan, one per format family. Internal to the load stage.

#include <filesystem>
#include <memory>

#include "certintake/load/scan_reader.hpp"

namespace certintake::load {

std::unique_ptr<ScanReader> OpenPdf(const std::filesystem::path& file, const LoadLimits& limits);
std::unique_ptr<ScanReader> OpenTiff(const std::filesystem::path& file, const LoadLimits& limits);
/// PNG and JPEG: always one page.
std::unique_ptr<ScanReader> OpenSingleImage(const std::filesystem::path& file, const LoadLimits& limits);

/// Throws Error(kInput) when a page of `width` x `height` pixels is over the limit or too small
/// to be a scanned page.
void CheckPageSize(double width, double height, const LoadLimits& limits);

}  // namespace certintake::load
