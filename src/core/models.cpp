#include "certintake/core/models.hpp"

#include <cstdlib>

namespace certintake {

std::filesystem::path ModelsDirectory() {
  if (const char* folder = std::getenv("CERTINTAKE_MODELS"); folder != nullptr && *folder != '\0') {
    return folder;
  }
  return CERTINTAKE_DEFAULT_MODELS;
}

}  // namespace certintake
