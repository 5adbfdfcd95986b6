#pragma once

// The review UI's files (src/serve/ui/), compiled into the binary: no CDN, no files to install.

#include <string_view>
#include <vector>

namespace certintake::serve {

struct UiAsset {
  std::string_view path;  ///< as requested, e.g. "/app.js"
  std::string_view content_type;
  std::string_view content;
};

const std::vector<UiAsset>& UiAssets();

}  // namespace certintake::serve
