#include "certintake/serve/accounts.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <chrono>
#include <regex>

#include "certintake/core/error.hpp"
#include "certintake/core/sha256.hpp"

namespace certintake::serve {
namespace {

constexpr std::array kRoles = {Role::kStaff, Role::kReviewer, Role::kAuditor, Role::kAdmin};

std::string UtcIn(std::chrono::hours from_now) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now() + from_now));
}

std::string RandomHex(std::size_t bytes) {
  std::array<unsigned char, 32> random{};
  randombytes_buf(random.data(), bytes);
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), random.data(), bytes);
  return {hex.data()};
}

void InitSodium() {
  if (sodium_init() < 0) throw Error(ErrorKind::kUsage, "libsodium cannot be initialised");
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kStaff: return "staff";
    case Role::kReviewer: return "reviewer";
    case Role::kAuditor: return "auditor";
    case Role::kAdmin: break;
  }
  return "admin";
}

std::optional<Role> RoleFromName(std::string_view name) {
  for (Role role : kRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

store::UserId AddUser(store::Store& store, const std::string& name, Role role, const std::string& password) {
  static const std::regex kName("[A-Za-z0-9._-]{1,64}");
  if (!std::regex_match(name, kName)) {
    throw InputError(fmt::format("'{}' is not a user name (letters, digits, '.', '_' and '-', at most 64)", name));
  }
  if (password.size() < 8) throw InputError("the password must have at least 8 characters");
  // Refused before the costly hash: a taken name is answered at once.
  if (store.FindUser(name)) throw InputError(fmt::format("a user named '{}' already exists", name));
  InitSodium();
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw Error(ErrorKind::kUsage, "not enough memory to hash the password");
  }
  store::UserRecord user;
  user.name = name;
  user.role = RoleName(role);
  user.password_hash = hash.data();
  user.created_at = UtcIn({});
  return store.AddUser(user);
}

std::optional<NewSession> SignIn(store::Store& store, const std::string& name, const std::string& password, int hours) {
  InitSodium();
  const std::optional<store::UserRecord> user = store.FindUser(name);
  const std::optional<Role> role = user ? RoleFromName(user->role) : std::nullopt;
  if (!user || !role || crypto_pwhash_str_verify(user->password_hash.c_str(), password.data(), password.size()) != 0) {
    return std::nullopt;
  }
  NewSession session{.token = RandomHex(32),
                     .caller = Caller{.id = user->id, .name = user->name, .role = *role, .csrf_token = RandomHex(32)}};
  store.AddSession(store::SessionRecord{.token_sha256 = Sha256Hex(session.token),
                                        .user_id = user->id,
                                        .csrf_token = session.caller.csrf_token,
                                        .created_at = UtcIn({}),
                                        .expires_at = UtcIn(std::chrono::hours(hours))});
  return session;
}

std::optional<Caller> CallerOf(const store::Store& store, const std::string& token) {
  if (token.empty()) return std::nullopt;
  const std::optional<store::SessionRecord> session = store.FindSession(Sha256Hex(token));
  if (!session || session->expires_at <= UtcIn({})) return std::nullopt;
  const std::optional<store::UserRecord> user = store.FindUser(session->user_id);
  const std::optional<Role> role = user ? RoleFromName(user->role) : std::nullopt;
  if (!role) return std::nullopt;
  return Caller{.id = user->id, .name = user->name, .role = *role, .csrf_token = session->csrf_token};
}

bool IsCsrfToken(const Caller& caller, std::string_view token) {
  return token.size() == caller.csrf_token.size() &&
         sodium_memcmp(token.data(), caller.csrf_token.data(), token.size()) == 0;
}

void SignOut(store::Store& store, const std::string& token) {
  store.DeleteSession(Sha256Hex(token));
}

}  // namespace certintake::serve
