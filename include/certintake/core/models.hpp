#pragma once

#include <filesystem>

namespace certintake {

/// The models folder (catalog, blank forms): $CERTINTAKE_MODELS when set, else the repository's
/// models/ folder this binary was built from.
std::filesystem::path ModelsDirectory();

}  // namespace certintake
