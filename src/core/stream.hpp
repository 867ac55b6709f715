// Byte streams: IMAPI's IStream. Every stream is seekable and knows its size,
// except a caller's stream that says it does not (a pipe), which only the data
// writer takes.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "imapi_c.h"

namespace imapi {

class Stream {
 public:
  virtual ~Stream() = default;
  // Reads up to cap bytes at the current position; returns 0 at the end.
  virtual int64_t read(void* buf, int64_t cap) = 0;
  // Returns the new absolute position. Throws IMAPI_E_INVALIDARG for a negative result.
  virtual int64_t seek(int64_t offset, int whence) = 0;
  virtual int64_t size() = 0;
  // The size, or nullopt for a stream whose end is found only by reading it (a
  // pipe: a caller's stream reporting IMAPI_STREAM_SIZE_UNKNOWN); size() throws for those.
  virtual std::optional<int64_t> size_if_known() { return size(); }
  // A file descriptor positioned-independently readable with pread, or -1.
  virtual int native_fd() const { return -1; }
  // A stream has one position: whoever seeks and reads it (the caller through
  // imapi_stream_*, or an image reading a file's data) holds this meanwhile.
  // Recursive, so a caller's stream callback may use the same stream again.
  std::recursive_mutex& mutex() const { return mutex_; }

 private:
  mutable std::recursive_mutex mutex_;
};

// Helper for streams with a position and a known size.
int64_t resolve_seek(int64_t position, int64_t size, int64_t offset, int whence);

class FileStream final : public Stream {
 public:
  explicit FileStream(const std::string& path);
  ~FileStream() override;
  FileStream(const FileStream&) = delete;
  FileStream& operator=(const FileStream&) = delete;
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override;
  int native_fd() const override { return fd_; }

 private:
  int fd_ = -1;
  int64_t position_ = 0;
  std::string path_;
};

class MemoryStream final : public Stream {
 public:
  explicit MemoryStream(std::shared_ptr<const std::vector<uint8_t>> bytes) : bytes_(std::move(bytes)) {}
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return static_cast<int64_t>(bytes_->size()); }

 private:
  std::shared_ptr<const std::vector<uint8_t>> bytes_;
  int64_t position_ = 0;
};

class ZeroStream final : public Stream {
 public:
  explicit ZeroStream(int64_t size) : size_(size) {}
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return size_; }

 private:
  int64_t size_;
  int64_t position_ = 0;
};

// A stream implemented by the caller through imapi_stream_vtable.
class UserStream final : public Stream {
 public:
  UserStream(const imapi_stream_vtable& vtable, void* user) : vtable_(vtable), user_(user) {}
  ~UserStream() override;
  UserStream(const UserStream&) = delete;
  UserStream& operator=(const UserStream&) = delete;
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override;
  std::optional<int64_t> size_if_known() override;

 private:
  imapi_stream_vtable vtable_;
  void* user_;
};

}  // namespace imapi
