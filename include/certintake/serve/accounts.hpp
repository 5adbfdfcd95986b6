#pragma once

// Who may use the review server: users with one role each, argon2id password hashes (libsodium),
// and sessions whose token lives only in the browser's cookie (the database keeps its SHA-256).

#include <optional>
#include <string>
#include <string_view>

#include "certintake/store/store.hpp"

namespace certintake::serve {

/// staff: intake; reviewer: corrects and decides; auditor: reads; admin: manages users.
enum class Role { kStaff, kReviewer, kAuditor, kAdmin };

std::string_view RoleName(Role role);
std::optional<Role> RoleFromName(std::string_view name);

/// Adds a user. Throws Error(kInput) for a taken or malformed name or a password shorter than 8.
store::UserId AddUser(store::Store& store, const std::string& name, Role role, const std::string& password);

/// A signed-in user, as a request presents them.
struct Caller {
  store::UserId id = 0;
  std::string name;
  Role role = Role::kAuditor;
  std::string csrf_token;  ///< every state-changing request must carry it
};

/// A new session: the token goes into the cookie, the caller describes it.
struct NewSession {
  std::string token;
  Caller caller;
};

/// Checks the password and opens a session of `hours`; nullopt for a wrong name or password.
std::optional<NewSession> SignIn(store::Store& store, const std::string& name, const std::string& password, int hours);

/// The caller a session token belongs to; nullopt when unknown or expired.
std::optional<Caller> CallerOf(const store::Store& store, const std::string& token);

void SignOut(store::Store& store, const std::string& token);

/// Whether `token` is the caller's CSRF token (compared in constant time).
bool IsCsrfToken(const Caller& caller, std::string_view token);

}  // namespace certintake::serve
