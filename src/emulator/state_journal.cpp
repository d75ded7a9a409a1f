#include "emulator/state_journal.h"

#include "emulator/state_file.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace aigw::emulator {


StateJournal::StateJournal(StateJournal&& other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)),
      m_size(other.m_size), m_last_sync(other.m_last_sync) {}

StateJournal& StateJournal::operator=(StateJournal&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
    m_fd = std::exchange(other.m_fd, -1);
    m_path = std::move(other.m_path);
    m_size = other.m_size;
    m_last_sync = other.m_last_sync;
  }
  return *this;
}

StateJournal::~StateJournal() {
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

Result<StateJournal> StateJournal::create(const std::string& state_path, const std::string& journal_id) {
  StateJournal journal;
  journal.m_path = state_path + ".journal";
  // Named like the snapshot's temp files, so a start after a crash removes it too.
  const std::string temp = state_path + ".tmp.journal." + std::to_string(getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{"cannot write " + temp + ": " + std::strerror(errno)};
  }
  const std::string header =
      boost::json::serialize(boost::json::value{{"journal", journal_id}}) + "\n";
  auto written = write_fully(fd, header, temp);
  if (!written || ::fsync(fd) != 0 || std::rename(temp.c_str(), journal.m_path.c_str()) != 0) {
    const std::string reason = written ? std::strerror(errno) : written.error().message;
    ::close(fd);
    ::unlink(temp.c_str());
    return Error{"cannot create " + journal.m_path + ": " + reason};
  }
  ::close(fd);
  journal.m_fd = ::open(journal.m_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (journal.m_fd < 0) {
    return Error{"cannot open " + journal.m_path + ": " + std::strerror(errno)};
  }
  return journal;
}

Status<> StateJournal::append(const std::string& lines) {
  if (auto written = write_fully(m_fd, lines, m_path); !written) {
    return written;
  }
  m_size += lines.size();
  constexpr auto k_sync_interval = std::chrono::milliseconds(100);
  if (std::chrono::steady_clock::now() - m_last_sync >= k_sync_interval) {
    return sync();
  }
  return Unit{};
}

Status<> StateJournal::sync() {
  if (::fdatasync(m_fd) != 0) {
    return Error{"cannot sync " + m_path + ": " + std::strerror(errno)};
  }
  m_last_sync = std::chrono::steady_clock::now();
  return Unit{};
}

} // namespace aigw::emulator
