#pragma once

#include <string>

namespace certintake {

/// "0.1.0+<git-sha>": recorded with every run and in every export.
const std::string& PipelineVersion();

}  // namespace certintake
