#include "util/bounded_read.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aigw {
namespace {

std::string file_type(mode_t mode) {
  if (S_ISDIR(mode)) {
    return "a directory";
  }
  if (S_ISCHR(mode)) {
    return "a character device";
  }
  if (S_ISBLK(mode)) {
    return "a block device";
  }
  if (S_ISFIFO(mode)) {
    return "a FIFO";
  }
  if (S_ISSOCK(mode)) {
    return "a socket";
  }
  return "not a file";
}

Error not_regular(mode_t mode) {
  return Error{"not a regular file (" + file_type(mode) + ")"};
}

Error too_large(std::size_t max_bytes, const std::string& size) {
  return Error{"larger than the limit of " + byte_size_text(max_bytes) + " (" + size + ")"};
}

} // namespace

std::string byte_size_text(std::size_t bytes) {
  constexpr std::size_t k_kib = 1024;
  if (bytes >= k_kib * k_kib && bytes % (k_kib * k_kib) == 0) {
    return std::to_string(bytes / (k_kib * k_kib)) + " MiB";
  }
  if (bytes >= k_kib && bytes % k_kib == 0) {
    return std::to_string(bytes / k_kib) + " KiB";
  }
  return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
}

Result<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes) {
  struct stat info {};
  // stat first: opening a FIFO for reading blocks until a writer comes.
  if (::stat(path.c_str(), &info) != 0) {
    return Error{std::strerror(errno)};
  }
  if (!S_ISREG(info.st_mode)) {
    return not_regular(info.st_mode);
  }
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return too_large(max_bytes, std::to_string(info.st_size) + " bytes");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    return Error{std::strerror(errno)};
  }
  // Checked again on what was opened: the path may have been replaced since stat.
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const mode_t mode = info.st_mode;
    ::close(fd);
    return not_regular(mode);
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    const auto n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      return Error{std::strerror(error)};
    }
    if (n == 0) {
      break;
    }
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      return too_large(max_bytes, "it grew while being read");
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

} // namespace aigw
