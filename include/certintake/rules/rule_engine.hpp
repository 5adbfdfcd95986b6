#pragma once

#include "certintake/rules/catalog.hpp"
#include "certintake/rules/facts.hpp"
#include "certintake/rules/verdict.hpp"

namespace certintake::rules {

/// Applies the renewal rules (DOMAIN.md) to one application.
///
/// Uncertain facts are decided both ways: once as if every uncertain piece turned out well, once
/// as if it turned out badly. When both agree the verdict is that decision; when they differ it
/// is needs_review, with the reasons that would apply if the uncertain pieces do not count. So a
/// guess never approves an application. Deterministic: the order of the pieces does not matter.
Verdict Decide(const ApplicationFacts& facts, const Catalog& catalog);

/// The application window for a certification ending on `cert_end`: from the 1st of the month
/// six months before the expiry month until the last day of the month before it (for a March
/// expiry: 1 September of the year before until 28 or 29 February).
struct ApplicationWindow {
  std::string first_day;
  std::string last_day;
};
ApplicationWindow WindowFor(const std::string& cert_end);

}  // namespace certintake::rules
