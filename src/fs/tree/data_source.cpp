#include "fs/tree/data_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>
#include <cerrno>
#include <mutex>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "core/unique_fd.hpp"

namespace imapi::fs {

namespace {

using Fd = UniqueFd;

[[noreturn]] void changed(const std::string& what, int64_t expected, const std::string& how) {
  fail_at(IMAPI_E_DATA_STREAM_INCONSISTENCY,
          "'" + what + "' " + how + " since it was added to the image (expected " + std::to_string(expected) +
              " bytes); keep sources unchanged until the image is written, or add the file again",
          what);
}

// Reads up to n bytes of a named file; fewer only at its end.
int64_t read_file_at(int fd, void* buf, int64_t n, int64_t offset, const std::string& path) {
  int64_t got = pread_full(fd, buf, n, offset);
  if (got < 0) fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot read '" + path + "'", static_cast<int>(-got), path);
  return got;
}

// What a host file's stat says of its content beyond size: mtime and ctime
// folded into 32 bits (a rewrite or a replacement moves ctime, whatever it does
// to mtime), and the device folded to 32 bits, so both share the 8 bytes a
// dev_t took (Linux device numbers fit 32 bits: 12-bit major, 20-bit minor).
struct HostStamp {
  uint32_t dev = 0;
  uint32_t times = 0;
  static HostStamp of(const struct stat& st) {
    uint64_t h = static_cast<uint64_t>(st.st_mtim.tv_sec) * 0x9E3779B97F4A7C15ull ^
                 static_cast<uint64_t>(st.st_mtim.tv_nsec) * 0xBF58476D1CE4E5B9ull ^
                 static_cast<uint64_t>(st.st_ctim.tv_sec) * 0x94D049BB133111EBull ^
                 static_cast<uint64_t>(st.st_ctim.tv_nsec);
    const uint64_t d = static_cast<uint64_t>(st.st_dev);
    return {static_cast<uint32_t>(d ^ (d >> 32)), static_cast<uint32_t>(h ^ (h >> 32))};
  }
  bool operator==(const HostStamp&) const = default;
};

// The checks after the last read of a file: still its size and, for a host
// file (`stamp`), its modification and change time as when added. `what()`
// names the file, made only for a message.
template <typename What>
void check_unchanged_after_read(int fd, int64_t size, const std::optional<HostStamp>& stamp, What&& what) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return;
  if (st.st_size != size) changed(what(), size, st.st_size > size ? "grew" : "shrank");
  if (stamp && !(HostStamp::of(st) == *stamp)) changed(what(), size, "was modified");
}

// Reads bytes [base, base + size) of a descriptor.
class FdReader final : public DataReader {
 public:
  // `owned`: a file of the library's own (a stash) that nothing else changes, so
  // there is no size to check against.
  FdReader(std::shared_ptr<const Fd> fd, int64_t size, std::string path, int64_t base = 0, bool owned = false,
           std::optional<HostStamp> stamp = std::nullopt)
      : fd_(std::move(fd)), size_(size), path_(std::move(path)), base_(base), owned_(owned), stamp_(stamp) {}
  void read_exact(int64_t offset, void* buf, int64_t n) override {
    if (read_file_at(fd_->get(), buf, n, base_ + offset, path_) != n) changed(path_, size_, "shrank");
  }
  int fd() const override { return fd_->get(); }
  int64_t fd_offset() const override { return base_; }
  void finish() override {
    if (owned_) return;
    check_unchanged_after_read(fd_->get(), size_, stamp_, [this] { return path_; });
  }

 private:
  std::shared_ptr<const Fd> fd_;
  int64_t size_;
  std::string path_;
  int64_t base_;
  bool owned_;
  std::optional<HostStamp> stamp_;  // host files: what their stat said when added
};

class HostListing;

// A host file: a name in a HostListing, which owns this source. 40 bytes, as a
// tree of a million files holds a million of these: the device, the same for
// nearly every file of a directory, is the listing's (HostListing::dev_of).
class PathSource final : public DataSource {
 public:
  PathSource(const HostListing& dir, uint32_t name_at, const struct stat& st)
      : DataSource(st.st_size), dir_(&dir), name_at_(name_at), times_(HostStamp::of(st).times), ino_(st.st_ino) {}
  std::unique_ptr<DataReader> open() const override {
    std::string path = describe();
    auto holder = std::make_shared<const Fd>(open_checked(path));
    return std::make_unique<FdReader>(std::move(holder), size(), path, 0, false, stamp());
  }
  void read_all(void* buf) const override {
    Fd fd(open_checked(describe()));
    read_opened(fd.get(), buf);
  }
  void read_all(void* buf, OpenDirectory& dirs) const override;
  std::string describe() const override;
  std::string_view own_name() const override;
  bool reads_on_any_thread() const override { return true; }
  std::optional<std::pair<dev_t, ino_t>> identity() const override { return std::pair{dev_t{stamp().dev}, ino_}; }

 private:
  HostStamp stamp() const;
  // Opens the file and checks it is still the file it was when added.
  int open_checked(const std::string& path_) const {
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
      int err = errno;
      if (err == ENOENT) {
        ErrorDetail d;
        d.os_error = err;
        d.path = path_;
        throw Error(IMAPI_E_DATA_STREAM_INCONSISTENCY,
                    "'" + path_ + "' vanished since it was added to the image; restore it or remove it from the image",
                    d);
      }
      fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot open '" + path_ + "'", err, path_);
    }
    Fd guard(fd);
    check_opened(fd);
    return guard.release();
  }
  // The checks at open: the same file (device, inode), size, modification and
  // change time as when added. The path is made only for a message.
  void check_opened(int fd) const {
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      const int err = errno;
      const std::string path = describe();
      fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot stat '" + path + "'", err, path);
    }
    if (st.st_size != size()) changed(describe(), size(), st.st_size > size() ? "grew" : "shrank");
    const HostStamp was = stamp();
    if (st.st_ino != ino_ || HostStamp::of(st).dev != was.dev) changed(describe(), size(), "was replaced by another file");
    if (!(HostStamp::of(st) == was)) changed(describe(), size(), "was modified");
  }
  // Reads the whole file from a descriptor check_opened accepted, then checks
  // again that it did not change meanwhile (FdReader::finish's checks).
  void read_opened(int fd, void* buf) const {
    const int64_t got = pread_full(fd, buf, size(), 0);
    if (got < 0) {
      const std::string path = describe();
      fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot read '" + path + "'", static_cast<int>(-got), path);
    }
    if (got != size()) changed(describe(), size(), "shrank");
    check_unchanged_after_read(fd, size(), stamp(), [this] { return describe(); });
  }

  const HostListing* dir_;  // holds this source
  uint32_t name_at_;        // in its names
  uint32_t times_;          // HostStamp::times
  ino_t ino_;
};
static_assert(sizeof(PathSource) <= 40 || sizeof(void*) != 8, "a million host files: keep PathSource at 40 bytes");

class StreamReader final : public DataReader {
 public:
  StreamReader(std::shared_ptr<Stream> s, int64_t size) : stream_(std::move(s)), size_(size) {}
  // Seeks before every read: other readers, and the caller, share the stream's position.
  void read_exact(int64_t offset, void* buf, int64_t n) override {
    std::lock_guard lock(stream_->mutex());
    stream_->seek(offset, IMAPI_SEEK_SET);
    int64_t got = 0;
    while (got < n) {
      int64_t r = stream_->read(static_cast<char*>(buf) + got, n - got);
      if (r == 0) break;
      got += r;
    }
    if (got != n) changed("the file's data stream", size_, "ended early");
  }
  void finish() override {
    std::lock_guard lock(stream_->mutex());
    int64_t now = stream_->size();
    if (now != size_) changed("the file's data stream", size_, now > size_ ? "grew" : "shrank");
  }

 private:
  std::shared_ptr<Stream> stream_;
  int64_t size_;
};

class StreamSource final : public DataSource {
 public:
  StreamSource(std::shared_ptr<Stream> s, int64_t size) : DataSource(size), stream_(std::move(s)) {}
  std::unique_ptr<DataReader> open() const override {
    if (int fd = stream_->native_fd(); fd >= 0) {
      // A file stream: read it positionally, which is also what allows in-kernel copies.
      int dup = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
      if (dup < 0) fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot duplicate a file stream", errno, "");
      auto reader = std::make_unique<FdReader>(std::make_shared<const Fd>(dup), size(), "the file stream's file");
      return reader;
    }
    return std::make_unique<StreamReader>(stream_, size());
  }
  std::string describe() const override { return "stream"; }
  bool reads_on_any_thread() const override { return stream_->native_fd() >= 0; }

 private:
  std::shared_ptr<Stream> stream_;
};

class StashSource final : public DataSource {
 public:
  StashSource(std::shared_ptr<const Fd> fd, int64_t offset, int64_t size, std::string origin)
      : DataSource(size), fd_(std::move(fd)), offset_(offset), origin_(std::move(origin)) {}
  std::unique_ptr<DataReader> open() const override {
    return std::make_unique<FdReader>(fd_, size(), origin_ + " (stash)", offset_, true);
  }
  std::string describe() const override { return origin_; }
  bool reads_on_any_thread() const override { return true; }

 private:
  std::shared_ptr<const Fd> fd_;
  int64_t offset_;
  std::string origin_;
};

class SourceStream final : public Stream {
 public:
  explicit SourceStream(std::shared_ptr<const DataSource> s) : source_(std::move(s)) {}
  int64_t read(void* buf, int64_t cap) override {
    int64_t n = std::clamp<int64_t>(source_->size() - position_, 0, cap);
    if (n == 0) return 0;
    if (!reader_) reader_ = source_->open();
    reader_->read_exact(position_, buf, n);
    position_ += n;
    return n;
  }
  int64_t seek(int64_t offset, int whence) override {
    return position_ = resolve_seek(position_, source_->size(), offset, whence);
  }
  int64_t size() override { return source_->size(); }

 private:
  std::shared_ptr<const DataSource> source_;
  std::unique_ptr<DataReader> reader_;
  int64_t position_ = 0;
};

}  // namespace

namespace {

class HostListing final : public HostDirectory, public std::enable_shared_from_this<HostListing> {
 public:
  HostListing(std::string path, std::string names, size_t files) : path_(std::move(path)), names_(std::move(names)) {
    sources_.reserve(files);
  }
  std::shared_ptr<const DataSource> add_file(size_t name_offset, const struct stat& st) override {
    // Sources are handed out by address: the array must never reallocate.
    if (sources_.size() == sources_.capacity() || name_offset >= names_.size() || name_offset > UINT32_MAX)
      fail(IMAPI_E_FAIL, "internal error: more files than the listing of '" + path_ + "' was made for");
    const uint32_t dev = HostStamp::of(st).dev;
    if (sources_.empty()) dev_ = dev;
    if (dev != dev_) other_devs_.emplace_back(static_cast<uint32_t>(name_offset), dev);  // in name_offset order
    const PathSource& s = sources_.emplace_back(*this, static_cast<uint32_t>(name_offset), st);
    return std::shared_ptr<const DataSource>(shared_from_this(), &s);
  }
  const std::string& path() const { return path_; }
  const char* name(uint32_t at) const { return names_.c_str() + at; }
  size_t files() const { return sources_.size(); }
  // Nearly every file lies on the listing's device; the few that do not (a file
  // bind-mounted over another) are listed apart.
  uint32_t dev_of(uint32_t name_at) const {
    auto it = std::lower_bound(other_devs_.begin(), other_devs_.end(), std::pair<uint32_t, uint32_t>(name_at, 0));
    return it != other_devs_.end() && it->first == name_at ? it->second : dev_;
  }

 private:
  std::string path_;
  std::string names_;
  std::vector<PathSource> sources_;
  uint32_t dev_ = 0;
  std::vector<std::pair<uint32_t, uint32_t>> other_devs_;  // name offset, device
};

std::string PathSource::describe() const {
  const std::string& d = dir_->path();
  const char* name = dir_->name(name_at_);
  return d.empty() ? std::string(name) : d.back() == '/' ? d + name : d + "/" + name;
}

std::string_view PathSource::own_name() const { return dir_->name(name_at_); }

void PathSource::read_all(void* buf, OpenDirectory& dirs) const {
  // A listing of one file (AddFile) would only add a descriptor's open and close.
  const int dir_fd = dir_->files() > 1 ? dirs.fd_for(dir_, dir_->path()) : -1;
  Fd fd(dir_fd >= 0 ? ::openat(dir_fd, dir_->name(name_at_), O_RDONLY | O_CLOEXEC | O_NOCTTY) : -1);
  if (fd.get() >= 0) {
    check_opened(fd.get());
  } else {
    fd = Fd(open_checked(describe()));  // by path, which says what is wrong
  }
  read_opened(fd.get(), buf);
}

HostStamp PathSource::stamp() const { return {dir_->dev_of(name_at_), times_}; }

}  // namespace

int OpenDirectory::fd_for(const void* key, const std::string& path) {
  if (key == key_ && fd_.get() >= 0) return fd_.get();
  fd_ = UniqueFd(::open(path.empty() ? "." : path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  key_ = fd_.get() >= 0 ? key : nullptr;
  return fd_.get();
}

std::shared_ptr<HostDirectory> HostDirectory::create(std::string path, std::string names, size_t files) {
  return std::make_shared<HostListing>(std::move(path), std::move(names), files);
}

std::shared_ptr<const DataSource> make_path_source(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0)
    fail_os(IMAPI_E_DATA_STREAM_CREATE_FAILURE, "cannot add '" + path + "'", errno, path);
  if (S_ISDIR(st.st_mode))
    fail_at(IMAPI_E_NOT_FILE, "'" + path + "' is a directory, not a file; add directories with AddTree", path);
  if (!S_ISREG(st.st_mode)) {
    const char* what = S_ISFIFO(st.st_mode) ? "a FIFO (named pipe)"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                     : "not a regular file";
    fail_at(IMAPI_E_NOT_FILE,
            "'" + path + "' is " + what + ": only regular files have data of a known size; copy its data into a "
            "file, or add it as a stream",
            path);
  }
  if (st.st_size == 0)
    if (auto snapshot = snapshot_sizeless_file(AT_FDCWD, path.c_str(), path)) return snapshot;
  const size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? std::string() : slash == 0 ? "/" : path.substr(0, slash);
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  return HostDirectory::create(std::move(dir), std::move(name), 1)->add_file(0, st);
}

std::shared_ptr<const DataSource> snapshot_sizeless_file(int dir_fd, const char* name, const std::string& path) {
  UniqueFd fd(::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return nullptr;
  auto bytes = std::make_shared<std::vector<uint8_t>>();
  uint8_t chunk[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_os(IMAPI_E_DATA_STREAM_CREATE_FAILURE, "cannot read " + quoted(path) + " to snapshot it", errno, path);
    if (n == 0) break;
    if (static_cast<int64_t>(bytes->size()) + n > kMaxSnapshotBytes)
      fail_at(IMAPI_E_DATA_STREAM_CREATE_FAILURE,
              quoted(path) + " has size 0 on stat but reads more than " + std::to_string(kMaxSnapshotBytes) +
                  " bytes (a /proc or /sys file?); only files up to that are snapshotted when added: copy it into "
                  "a regular file and add that",
              path);
    bytes->insert(bytes->end(), chunk, chunk + n);
  }
  if (bytes->empty()) return nullptr;
  return make_stream_source(std::make_shared<MemoryStream>(std::move(bytes)));
}

std::shared_ptr<const DataSource> make_stream_source(std::shared_ptr<Stream> stream) {
  int64_t size = stream->size();
  return std::make_shared<StreamSource>(std::move(stream), size);
}

StashFile::StashFile(std::string working_dir) : dir_(std::move(working_dir)) {
  int fd = ::open(dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    fail_os(IMAPI_E_STASHFILE_OPEN_FAILURE, "cannot create a stash file in working directory '" + dir_ + "'", errno,
            dir_);
  fd_ = std::make_shared<const Fd>(fd);
}

std::shared_ptr<const DataSource> StashFile::stage(const DataSource& from) {
  std::lock_guard lock(mutex_);
  const int64_t base = end_;
  auto reader = from.open();
  std::vector<char> buf(static_cast<size_t>(std::min<int64_t>(from.size(), 1 << 20)));
  for (int64_t off = 0; off < from.size();) {
    int64_t n = std::min<int64_t>(static_cast<int64_t>(buf.size()), from.size() - off);
    reader->read_exact(off, buf.data(), n);
    if (int err = pwrite_full(fd_->get(), buf.data(), n, base + off))
      fail_os(err == ENOSPC ? IMAPI_E_WORKING_DIRECTORY_SPACE : IMAPI_E_STASHFILE_WRITE_FAILURE,
              "cannot stage '" + from.describe() + "' in '" + dir_ + "'", err, dir_);
    off += n;
  }
  reader->finish();
  end_ = base + from.size();
  return std::make_shared<StashSource>(fd_, base, from.size(), from.describe());
}

std::unique_ptr<Stream> open_source_stream(std::shared_ptr<const DataSource> source) {
  return std::make_unique<SourceStream>(std::move(source));
}

}  // namespace imapi::fs
