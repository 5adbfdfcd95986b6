#pragma once

// A thin RAII layer over the SQLite C API, internal to the store stage. Every value reaches SQL
// through a bound parameter; no SQL is ever built from data.

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace certintake::store::sqlite {

/// How long a statement waits for another process's write to end before it reports the
/// database locked.
constexpr int kBusyTimeoutMs = 10000;

/// Throws Error(kDatabase) naming the database file, `what` and SQLite's message when `code` is
/// not OK/ROW/DONE; a locked database gets its own sentence.
void Check(sqlite3* db, int code, std::string_view what);

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  ~Statement();

  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, bool value) { return Bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  /// Advances to the next row; false when there are no more.
  bool Step();
  /// Runs a statement that returns no rows.
  void Run();
  void Reset();

  [[nodiscard]] bool IsNull(int column) const;
  [[nodiscard]] std::int64_t Int(int column) const;
  [[nodiscard]] double Real(int column) const;
  [[nodiscard]] std::string Text(int column) const;
  [[nodiscard]] std::optional<std::string> OptionalText(int column) const;
  [[nodiscard]] std::optional<std::int64_t> OptionalInt(int column) const;
  [[nodiscard]] std::optional<double> OptionalReal(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace certintake::store::sqlite
