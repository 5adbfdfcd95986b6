#include "certintake/archive/archive.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <array>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>
#include <vector>

#include "certintake/core/error.hpp"
#include "certintake/core/sha256.hpp"

namespace certintake::archive {
namespace {

namespace fs = std::filesystem;
constexpr std::size_t kChunk = 1 << 20;

/// A file descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  [[nodiscard]] int get() const { return fd_; }
  int Release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

int OpenForReading(const fs::path& file) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw InputError(fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return fd;
}

/// Reads up to `size` bytes, retrying on EINTR; 0 at end of file.
ssize_t ReadSome(int fd, unsigned char* buffer, std::size_t size) {
  ssize_t n = 0;
  do {
    n = ::read(fd, buffer, size);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    throw InputError(fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return n;
}

/// The archive cannot be written; `error` is the errno of the failed call.
Error ArchiveWriteError(const fs::path& root, int error) {
  const bool full = error == ENOSPC || error == EDQUOT;
  return DatabaseError(fmt::format("cannot write to the archive {}: {}{}", root.string(), std::strerror(error),
                                   full ? fmt::format("; {}", kDiskFullAdvice) : std::string()));
}

void WriteAll(int fd, const unsigned char* data, std::size_t size, const fs::path& root) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw ArchiveWriteError(root, errno);
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
}

void SyncDirectory(const fs::path& dir) {
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) {
    ::fsync(fd.get());
  }
}

}  // namespace

Archive::Archive(fs::path root) : root_(std::move(root)) {
}

fs::path Archive::PathOf(const std::string& sha256) const {
  return root_ / sha256.substr(0, 2) / sha256;
}

bool Archive::Verify(const std::string& sha256) const {
  std::error_code ec;
  if (!fs::is_regular_file(PathOf(sha256), ec)) {
    return false;
  }
  try {
    return Sha256OfFile(PathOf(sha256)) == sha256;
  } catch (const Error&) {
    return false;
  }
}

ArchivedFile Archive::Store(const fs::path& source) const {
  std::error_code ec;
  const fs::path incoming = root_ / "incoming";
  fs::create_directories(incoming, ec);
  if (ec) {
    throw DatabaseError(fmt::format("cannot create the archive folder {}: {}", incoming.string(), ec.message()));
  }

  Fd in(OpenForReading(source));
  std::string temp_name = (incoming / "copy-XXXXXX").string();
  Fd out(::mkstemp(temp_name.data()));
  if (out.get() < 0) {
    throw ArchiveWriteError(root_, errno);
  }
  const fs::path temp(temp_name);
  struct TempGuard {
    const fs::path& path;
    bool keep = false;
    ~TempGuard() {
      if (!keep) {
        std::error_code ignored;
        fs::remove(path, ignored);
      }
    }
  } guard{temp};

  Sha256 hash;
  std::vector<unsigned char> buffer(kChunk);
  std::uint64_t size = 0;
  while (ssize_t n = ReadSome(in.get(), buffer.data(), buffer.size())) {
    hash.Update(buffer.data(), static_cast<std::size_t>(n));
    WriteAll(out.get(), buffer.data(), static_cast<std::size_t>(n), root_);
    size += static_cast<std::uint64_t>(n);
  }
  if (::fchmod(out.get(), 0444) != 0 || ::fsync(out.get()) != 0) {
    throw ArchiveWriteError(root_, errno);
  }
  ::close(out.Release());
  ArchivedFile archived{.sha256 = hash.FinishHex(), .size = size, .path = {}, .was_already_archived = false};
  archived.path = PathOf(archived.sha256);
  if (Verify(archived.sha256)) {
    archived.was_already_archived = true;
    return archived;  // the guard removes the temporary copy
  }
  fs::create_directories(archived.path.parent_path(), ec);
  fs::rename(temp, archived.path, ec);
  if (ec) {
    throw DatabaseError(fmt::format("cannot place the archive copy {}: {}", archived.path.string(), ec.message()));
  }
  guard.keep = true;
  SyncDirectory(archived.path.parent_path());
  return archived;
}

}  // namespace certintake::archive
