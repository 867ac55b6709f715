// Where a file's bytes come from. A source is immutable once made and may be
// shared by several files, images and results; it is opened only when the
// image is read, and checks that the data still has the size it had when added.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/stream.hpp"
#include "core/unique_fd.hpp"

namespace imapi::fs {

class DataReader {
 public:
  virtual ~DataReader() = default;
  // Reads exactly n bytes at offset (offset + n <= size()), or throws
  // IMAPI_E_DATA_STREAM_INCONSISTENCY if the source ends early.
  virtual void read_exact(int64_t offset, void* buf, int64_t n) = 0;
  // A descriptor whose bytes [fd_offset(), fd_offset() + size) are the data, for
  // in-kernel copies; -1 if none.
  virtual int fd() const { return -1; }
  virtual int64_t fd_offset() const { return 0; }
  // Called after the last read: throws if the source has grown or changed size.
  virtual void finish() {}
};

// An extent a previous session recorded: absolute block, bytes.
struct RecordedExtent {
  int64_t block = 0;
  int64_t size = 0;
};

class OpenDirectory;

class DataSource {
 public:
  virtual ~DataSource() = default;
  int64_t size() const { return size_; }
  virtual std::unique_ptr<DataReader> open() const = 0;
  // Reads the whole data into buf (size() bytes), with the same checks as open();
  // sources override it when they can do so with fewer system calls.
  virtual void read_all(void* buf) const {
    auto reader = open();
    reader->read_exact(0, buf, size());
    reader->finish();
  }
  // read_all for a reader of many files in a row (a batch of small files):
  // host files open relative to the descriptor of their directory that `dirs`
  // keeps between calls. Same checks and errors as read_all(buf).
  virtual void read_all(void* buf, OpenDirectory& dirs) const {
    (void)dirs;
    read_all(buf);
  }
  // For messages and progress: the host path, or a description.
  virtual std::string describe() const = 0;
  // The file's own name where the source has one (a host file's), so that a
  // layout can name the file by it instead of holding a copy; "" otherwise.
  virtual std::string_view own_name() const { return {}; }
  // Host file identity, so hard links are stored once.
  virtual std::optional<std::pair<dev_t, ino_t>> identity() const { return std::nullopt; }
  // Data already on the disc (imported from a previous session): the layout
  // records these extents instead of writing the data again. nullptr otherwise.
  virtual const std::vector<RecordedExtent>* recorded_extents() const { return nullptr; }
  // True when the data is read through a descriptor of its own (a host file, a
  // stash file), so worker threads may read it. A caller's stream callbacks
  // must run on the calling thread, so such sources answer false.
  virtual bool reads_on_any_thread() const { return false; }

 protected:
  explicit DataSource(int64_t size) : size_(size) {}

 private:
  int64_t size_;
};

// One host directory's descriptor (O_PATH), kept from one file's read to the
// next: opening a file relative to it costs the kernel one name's lookup
// instead of the whole path's, and a tree's files are read directory by
// directory (the layout keeps a directory's files together). One per reading
// thread; it holds one descriptor at a time.
class OpenDirectory {
 public:
  // The descriptor of the directory `key` (a listing) at `path`, opened unless
  // it is the one held; -1 if it cannot be opened (the caller then opens the
  // file by its path, which reports what is wrong).
  int fd_for(const void* key, const std::string& path);

 private:
  const void* key_ = nullptr;
  UniqueFd fd_;
};

// A host directory whose files are added as a group (AddTree): its path, its
// files' names in one buffer and their sources in one array, so that a file
// costs neither a string nor an allocation of its own (a million files would
// otherwise spend 80 bytes each on separately allocated sources). Every source
// keeps the whole listing alive.
class HostDirectory {
 public:
  // `names`: the files' names, each NUL-terminated, back to back; `files`: the
  // most sources add_file will make.
  static std::shared_ptr<HostDirectory> create(std::string path, std::string names, size_t files);
  virtual ~HostDirectory() = default;
  // The source of the host file whose name starts at `name_offset` in the names,
  // read when the image reaches it. At most `files` calls.
  // Opening and finishing check that it is still that file (device, inode)
  // with that size, modification and change time (`st`, its stat when added):
  // a file rewritten in place or replaced by another of the same size is
  // IMAPI_E_DATA_STREAM_INCONSISTENCY.
  virtual std::shared_ptr<const DataSource> add_file(size_t name_offset, const struct stat& st) = 0;
};
// A host file: stat()s it now (IMAPI_E_DATA_STREAM_CREATE_FAILURE if it cannot).
std::shared_ptr<const DataSource> make_path_source(const std::string& path);
// A regular file that stat() calls empty may still read as content (/proc,
// /sys, some FUSE files: the kernel does not know their size). Such a file is
// snapshotted when it is added: what one read of it returns then, at most
// kMaxSnapshotBytes (1 MiB), is its data, kept in memory. nullptr when the read
// returns nothing (an ordinary empty file) or it cannot be opened (the usual
// error then comes when the image is read); a file that returns more than the
// bound is IMAPI_E_DATA_STREAM_CREATE_FAILURE naming it. `path` is for messages.
inline constexpr int64_t kMaxSnapshotBytes = int64_t{1} << 20;
std::shared_ptr<const DataSource> snapshot_sizeless_file(int dir_fd, const char* name, const std::string& path);
// An imapi_stream; its size now is the file's size.
std::shared_ptr<const DataSource> make_stream_source(std::shared_ptr<Stream> stream);
// StageFiles: one unnamed file in the working directory per image, to which the
// data of staged files is appended (one descriptor, however many files).
class StashFile {
 public:
  explicit StashFile(std::string working_dir);
  // Copies `from`'s data to the end of the stash now; returns a source reading it back.
  std::shared_ptr<const DataSource> stage(const DataSource& from);
  const std::string& directory() const { return dir_; }

 private:
  std::string dir_;
  std::shared_ptr<const UniqueFd> fd_;
  std::mutex mutex_;
  int64_t end_ = 0;
};

// A stream over a source's data (IFsiFileItem.Data).
std::unique_ptr<Stream> open_source_stream(std::shared_ptr<const DataSource> source);

}  // namespace imapi::fs
