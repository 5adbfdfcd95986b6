#include "certintake/core/sha256.hpp"

#include <sodium.h>

#include <fmt/format.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include "certintake/core/error.hpp"

namespace certintake {
namespace {

crypto_hash_sha256_state* State(unsigned char* storage) {
  static_assert(sizeof(crypto_hash_sha256_state) <= 128);
  return reinterpret_cast<crypto_hash_sha256_state*>(storage);
}

}  // namespace

Sha256::Sha256() : state_{} {
  if (sodium_init() < 0) {
    throw Error(ErrorKind::kInternal, "libsodium could not be initialised");
  }
  crypto_hash_sha256_init(State(state_));
}

void Sha256::Update(const void* data, std::size_t size) {
  crypto_hash_sha256_update(State(state_), static_cast<const unsigned char*>(data), size);
}

std::string Sha256::FinishHex() {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(State(state_), digest.data());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 hash;
  hash.Update(bytes.data(), bytes.size());
  return hash.FinishHex();
}

std::string Sha256OfFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
    hash.Update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    throw InputError(fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return hash.FinishHex();
}

}  // namespace certintake
