#pragma once

#include <string>
#include <string_view>

namespace certintake {

/// `text` safe to put in HTML text or a quoted attribute: & < > " escaped.
std::string HtmlEscaped(std::string_view text);

}  // namespace certintake
