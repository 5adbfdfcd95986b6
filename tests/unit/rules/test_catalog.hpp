#pragma once

#include "certintake/rules/catalog.hpp"

namespace certintake::rules::testing {

/// The catalog shipped in models/ (the office's defaults).
inline Catalog DefaultCatalog() {
  return LoadCatalog(CERTINTAKE_SOURCE_DIR "/models/catalog.json");
}

}  // namespace certintake::rules::testing
