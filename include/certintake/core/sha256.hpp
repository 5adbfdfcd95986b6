#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace certintake {

/// Incremental SHA-256 (libsodium), for hashing while copying.
class Sha256 {
 public:
  Sha256();
  void Update(const void* data, std::size_t size);
  /// The digest as 64 lowercase hex digits; call once.
  std::string FinishHex();

 private:
  alignas(16) unsigned char state_[128];
};

std::string Sha256Hex(std::string_view bytes);

/// SHA-256 of a file's bytes. Throws Error(kInput) if unreadable.
std::string Sha256OfFile(const std::filesystem::path& file);

}  // namespace certintake
