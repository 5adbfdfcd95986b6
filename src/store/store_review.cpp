// The review server's part of the store: users, sessions and the append-only review trail.

#include <fmt/format.h>

#include "certintake/core/error.hpp"
#include "certintake/store/store.hpp"
#include "sqlite.hpp"

namespace certintake::store {
namespace {

using sqlite::Statement;

constexpr const char* kUserColumns = "SELECT id, name, role, password_hash, created_at FROM users";

UserRecord ReadUser(const Statement& row) {
  return UserRecord{.id = row.Int(0),
                    .name = row.Text(1),
                    .role = row.Text(2),
                    .password_hash = row.Text(3),
                    .created_at = row.Text(4)};
}

}  // namespace

UserId Store::AddUser(const UserRecord& user) {
  Statement(db_, "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)")
      .Bind(1, user.name)
      .Bind(2, user.role)
      .Bind(3, user.password_hash)
      .Bind(4, user.created_at)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<UserRecord> Store::FindUser(const std::string& name) const {
  Statement query(db_, fmt::format("{} WHERE name = ?", kUserColumns));
  query.Bind(1, name);
  if (!query.Step()) return std::nullopt;
  return ReadUser(query);
}

std::optional<UserRecord> Store::FindUser(UserId user) const {
  Statement query(db_, fmt::format("{} WHERE id = ?", kUserColumns));
  query.Bind(1, user);
  if (!query.Step()) return std::nullopt;
  return ReadUser(query);
}

std::vector<UserRecord> Store::ListUsers() const {
  Statement query(db_, fmt::format("{} ORDER BY name", kUserColumns));
  std::vector<UserRecord> users;
  while (query.Step()) users.push_back(ReadUser(query));
  return users;
}

void Store::AddSession(const SessionRecord& session) {
  Statement(db_, "DELETE FROM sessions WHERE expires_at < ?").Bind(1, session.created_at).Run();
  Statement(db_,
            "INSERT INTO sessions (token_sha256, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .Bind(1, session.token_sha256)
      .Bind(2, session.user_id)
      .Bind(3, session.csrf_token)
      .Bind(4, session.created_at)
      .Bind(5, session.expires_at)
      .Run();
}

std::optional<SessionRecord> Store::FindSession(const std::string& token_sha256) const {
  Statement query(db_,
                  "SELECT token_sha256, user_id, csrf_token, created_at, expires_at FROM sessions "
                  "WHERE token_sha256 = ?");
  query.Bind(1, token_sha256);
  if (!query.Step()) return std::nullopt;
  return SessionRecord{.token_sha256 = query.Text(0),
                       .user_id = query.Int(1),
                       .csrf_token = query.Text(2),
                       .created_at = query.Text(3),
                       .expires_at = query.Text(4)};
}

void Store::DeleteSession(const std::string& token_sha256) {
  Statement(db_, "DELETE FROM sessions WHERE token_sha256 = ?").Bind(1, token_sha256).Run();
}

std::int64_t Store::AddReview(const ReviewRecord& review) {
  Statement(db_,
            "INSERT INTO reviews (application_id, certificate_id, user_id, at, action, field, before_json, "
            "after_json) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?)")
      .Bind(1, review.application_id)
      .Bind(2, review.certificate_id)
      .Bind(3, review.user_id)
      .Bind(4, review.action)
      .Bind(5, review.field)
      .Bind(6, review.before_json)
      .Bind(7, review.after_json)
      .Run();
  return sqlite3_last_insert_rowid(db_);
}

std::vector<ReviewRecord> Store::ListReviews(ApplicationId application) const {
  Statement query(db_,
                  "SELECT r.id, r.application_id, r.certificate_id, r.user_id, u.name, r.at, r.action, "
                  "COALESCE(r.field, ''), COALESCE(r.before_json, 'null'), COALESCE(r.after_json, 'null') "
                  "FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.application_id = ? ORDER BY r.id");
  query.Bind(1, application);
  std::vector<ReviewRecord> reviews;
  while (query.Step()) {
    reviews.push_back(ReviewRecord{.id = query.Int(0),
                                   .application_id = query.Int(1),
                                   .certificate_id = query.OptionalInt(2),
                                   .user_id = query.Int(3),
                                   .user_name = query.Text(4),
                                   .at = query.Text(5),
                                   .action = query.Text(6),
                                   .field = query.Text(7),
                                   .before_json = query.Text(8),
                                   .after_json = query.Text(9)});
  }
  return reviews;
}

}  // namespace certintake::store
