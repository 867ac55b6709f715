#include "device/emu/emulated_recorder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::device::emu {

namespace {

std::string read_all(int fd) {
  std::string text;
  char buf[256];
  ssize_t n;
  off_t at = 0;
  while ((n = ::pread(fd, buf, sizeof buf, at)) > 0 && text.size() < 4096) {
    text.append(buf, static_cast<size_t>(n));
    at += n;
  }
  return text;
}

// "PID NAME\n" -> NAME.
std::string name_in(const std::string& text) {
  auto space = text.find(' ');
  if (space == std::string::npos) return "";
  auto name = text.substr(space + 1);
  while (!name.empty() && name.back() == '\n') name.pop_back();
  return name;
}

}  // namespace

EmulatedRecorder::EmulatedRecorder(std::string uri, int32_t number)
    : uri_(std::move(uri)), number_(number), drive_(EmulatedDrive::open_uri(uri_)) {}

void EmulatedRecorder::acquire_exclusive(bool, const std::string& client_name) {
  check_client_name(client_name);
  if (levels_ > 0) {
    ++levels_;
    return;
  }
  UniqueFd fd(::open(owner_path().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (fd.get() < 0)
    throw Error(IMAPI_E_ACCESSDENIED, "cannot open " + owner_path() + ": check the disc directory's permissions",
                ErrorDetail{.os_error = errno, .path = owner_path()});
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    std::string holder = name_in(read_all(fd.get()));
    throw Error(mmc::status::kRecorderLocked,
                "the recorder is held exclusively by '" + holder +
                    "': wait until it calls ReleaseExclusiveAccess (or exits), then retry");
  }
  std::string record = std::to_string(::getpid()) + " " + client_name + "\n";
  if (::ftruncate(fd.get(), 0) != 0 || ::pwrite(fd.get(), record.data(), record.size(), 0) < 0)
    throw Error(IMAPI_E_FAIL, "cannot record the exclusive-access owner in " + owner_path(),
                ErrorDetail{.os_error = errno, .path = owner_path()});
  owner_fd_ = std::move(fd);
  levels_ = 1;
}

void EmulatedRecorder::release_exclusive() {
  if (levels_ == 0)
    throw Error(IMAPI_E_FAIL, "ReleaseExclusiveAccess without AcquireExclusiveAccess: this recorder holds no lock");
  if (--levels_ > 0) return;
  if (::ftruncate(owner_fd_.get(), 0) != 0) {
    // The name stays in the file, but the lock goes with the descriptor: nobody is reported as owner.
  }
  owner_fd_ = UniqueFd();
}

std::string EmulatedRecorder::exclusive_owner() {
  UniqueFd fd(::open(owner_path().c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return "";
  if (levels_ == 0 && ::flock(fd.get(), LOCK_SH | LOCK_NB) == 0) return "";  // nobody holds it
  return name_in(read_all(fd.get()));
}

}  // namespace imapi::device::emu
