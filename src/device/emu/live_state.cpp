#include "device/emu/live_state.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace imapi::device::emu {

namespace {
constexpr char kMagic[16] = "imapi-emu-live1";
constexpr size_t kHeaderBytes = 4096;
constexpr size_t kFileBytes = kHeaderBytes + 2 * LiveState::kMaxText;
}  // namespace

struct LiveState::Header {
  char magic[16];
  // Bumped before a slot is written: a writer that dies after the bump leaves
  // the previous slot in force under a new number, so every cache reloads it.
  uint64_t generation;
  uint32_t active;  // 0 or 1: the slot in force
  uint32_t reserved;
  uint64_t length[2];
  TextStamp stamp[2];
};


LiveState::LiveState(const std::string& path) : path_(path) {
  fd_ = UniqueFd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (fd_.get() < 0) fail_os(IMAPI_E_FAIL, "cannot open the emulated drive's live state", errno, path);
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) fail_os(IMAPI_E_FAIL, "cannot open the emulated drive's live state", errno, path);
  // Never shrunk: another process may have it mapped. Unwritten pages stay holes.
  if (static_cast<size_t>(st.st_size) < kFileBytes && ::ftruncate(fd_.get(), static_cast<off_t>(kFileBytes)) != 0)
    fail_os(IMAPI_E_FAIL, "cannot size the emulated drive's live state", errno, path);
  map_ = ::mmap(nullptr, kFileBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);
  if (map_ == MAP_FAILED) {
    map_ = nullptr;
    fail_os(IMAPI_E_FAIL, "cannot map the emulated drive's live state", errno, path);
  }
  map_size_ = kFileBytes;
}

LiveState::~LiveState() {
  if (map_) ::munmap(map_, map_size_);
}

LiveState::Header* LiveState::header() const {
  static_assert(sizeof(Header) <= kHeaderBytes);
  return static_cast<Header*>(map_);
}

// The file is shared with other programs: everything read from it is checked.
bool LiveState::valid() const {
  const Header* h = header();
  return std::memcmp(h->magic, kMagic, sizeof kMagic) == 0 && h->active <= 1 && h->length[h->active] <= kMaxText &&
         __atomic_load_n(&h->generation, __ATOMIC_ACQUIRE) != 0;
}

uint64_t LiveState::generation() const {
  return valid() ? __atomic_load_n(&header()->generation, __ATOMIC_ACQUIRE) : 0;
}

std::optional<std::string_view> LiveState::text() const {
  if (!valid()) return std::nullopt;
  const Header* h = header();
  const char* slot = static_cast<const char*>(map_) + kHeaderBytes + h->active * kMaxText;
  return std::string_view(slot, h->length[h->active]);
}

TextStamp LiveState::stamp() const { return valid() ? header()->stamp[header()->active] : TextStamp{}; }

uint64_t LiveState::publish(std::string_view text, const TextStamp& stamp) {
  if (text.size() > kMaxText) fail_at(IMAPI_E_FAIL, "the emulated drive's state outgrew its live state file", path_);
  Header* h = header();
  char* slots = static_cast<char*>(map_) + kHeaderBytes;
  if (!valid()) {  // the first publication: slot 0, and the magic only once it is whole
    std::memset(h->magic, 0, sizeof kMagic);
    std::memcpy(slots, text.data(), text.size());
    h->length[0] = text.size();
    h->length[1] = 0;
    h->stamp[0] = stamp;
    h->active = 0;
    __atomic_store_n(&h->generation, 1, __ATOMIC_RELEASE);
    std::memcpy(h->magic, kMagic, sizeof kMagic);
    return 1;
  }
  const uint64_t generation = h->generation + 1;
  __atomic_store_n(&h->generation, generation, __ATOMIC_RELEASE);
  const uint32_t next = 1 - h->active;
  std::memcpy(slots + next * kMaxText, text.data(), text.size());
  h->length[next] = text.size();
  h->stamp[next] = stamp;
  __atomic_store_n(&h->active, next, __ATOMIC_RELEASE);
  return generation;
}

}  // namespace imapi::device::emu
