#pragma once

// Plain records the store reads and writes. Dates are "YYYY-MM-DD".

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "certintake/core/member.hpp"

namespace certintake::store {

using RunId = std::int64_t;
using FileId = std::int64_t;
using ApplicationId = std::int64_t;

using certintake::HistoryEntry;
using certintake::Member;

enum class FileStatus { kOk, kPartial, kFailed };

struct FileRecord {
  FileId id = 0;
  std::string sha256;
  std::string name;
  std::string source_path;
  std::uint64_t size_bytes = 0;
  std::string format;
  std::string received;
  int page_count = 0;
  FileStatus status = FileStatus::kOk;
  std::optional<std::string> error;
};

struct PageRecord {
  FileId file_id = 0;
  std::string file_name;  ///< filled when reading
  int index = 0;
  std::optional<ApplicationId> application_id;
  std::string role = "other";
  std::optional<double> dpi;
  std::optional<std::string> dpi_source;
  std::optional<int> width_px;
  std::optional<int> height_px;
  std::optional<bool> colour;
  std::optional<std::string> error;
};

struct ApplicationRecord {
  ApplicationId id = 0;
  std::string member_id;
  std::string received;
  std::optional<Member> member;  ///< when registered
  std::vector<PageRecord> pages;
};

/// An input problem as shown to staff.
struct InputErrorRecord {
  RunId run = 0;
  std::string file_name;
  std::optional<int> page_index;
  std::string message;
  std::string at;
};

}  // namespace certintake::store
