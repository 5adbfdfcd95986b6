#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace certintake::archive {

/// One original kept in the archive.
struct ArchivedFile {
  std::string sha256;
  std::uint64_t size = 0;
  std::filesystem::path path;  ///< the archived copy
  bool was_already_archived = false;
};

/// A content-addressed store of original scans: each file is kept, byte for byte and read-only,
/// at `<root>/<first two hex digits>/<sha256>`. A copy appears under its final name only once it is
/// complete and flushed to disk, so a crash never leaves a partial file that passes as good.
class Archive {
 public:
  explicit Archive(std::filesystem::path root);

  /// Copies `source` into the archive (hashing while copying) unless the same content is already
  /// there. Throws Error(kInput) if the source cannot be read, Error(kDatabase) if the archive
  /// cannot be written.
  ArchivedFile Store(const std::filesystem::path& source) const;

  [[nodiscard]] std::filesystem::path PathOf(const std::string& sha256) const;

  /// True when the archived copy exists and still hashes to its name.
  [[nodiscard]] bool Verify(const std::string& sha256) const;

  [[nodiscard]] const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;
};

}  // namespace certintake::archive
