#include "device/emu/state_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.hpp"
#include "device/emu/state_file.hpp"

namespace imapi::device::emu {

// The flock for the duration of one command.
class StateStore::FileLock {
 public:
  explicit FileLock(int fd) : fd_(fd) {
    while (::flock(fd_, LOCK_EX) != 0)
      if (errno != EINTR) fail_os(IMAPI_E_FAIL, "cannot lock the emulated drive", errno, "disc.lock");
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock() { ::flock(fd_, LOCK_UN); }

 private:
  int fd_;
};

StateStore::StateStore(std::string dir, std::function<EmuState()> blank)
    : dir_(std::move(dir)), blank_(std::move(blank)), live_(dir_ + "/disc.live") {
  std::lock_guard guard(mutex_);
  FileLock lock(lock_fd());
  // disc.state is what a user sees and may replace or delete: when it is not the
  // text disc.live last checkpointed, it is the disc (or there is none yet).
  const auto on_disk = text_stamp(dir_ + "/disc.state");
  if (!live_.text() || !on_disk || *on_disk != live_.stamp()) adopt_text_file();
}

int StateStore::lock_fd() {
  const int pid = static_cast<int>(::getpid());
  if (lock_fd_.get() < 0 || lock_pid_ != pid) {
    const std::string path = dir_ + "/disc.lock";
    UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
    if (fd.get() < 0) fail_os(IMAPI_E_FAIL, "cannot open the emulated drive's lock file", errno, path);
    lock_fd_ = std::move(fd);
    lock_pid_ = pid;
  }
  return lock_fd_.get();
}

void StateStore::adopt_text_file() {
  EmuState s;
  const bool existed = load_state(dir_ + "/disc.state", s);
  if (!existed) s = blank_();
  cache_ = s;
  publish(cache_, !existed);
}

EmuState& StateStore::current() {
  const uint64_t generation = live_.generation();
  if (generation != 0 && generation == cache_generation_) return cache_;
  if (auto text = live_.text()) {
    cache_generation_ = 0;  // until the parse succeeds
    cache_ = parse_state(*text);
    cache_generation_ = generation;
  } else {
    adopt_text_file();  // disc.live was emptied or damaged under us
  }
  return cache_;
}

void StateStore::publish(const EmuState& s, bool checkpoint) {
  const std::string text = serialize_state(s);
  const TextStamp stamp = checkpoint ? save_state_text(dir_ + "/disc.state", text) : live_.stamp();
  cache_generation_ = live_.publish(text, stamp);
}

void StateStore::transact(const std::function<StateChange(EmuState&)>& command) {
  std::lock_guard guard(mutex_);
  FileLock lock(lock_fd());
  EmuState& s = current();
  StateChange change;
  try {
    change = command(s);
  } catch (...) {
    cache_generation_ = 0;  // the cache may hold half a change: reload it next time
    throw;
  }
  if (change.changed || change.checkpoint) publish(s, change.checkpoint);
}

EmuState StateStore::snapshot() {
  std::lock_guard guard(mutex_);
  FileLock lock(lock_fd());
  return current();
}

}  // namespace imapi::device::emu
