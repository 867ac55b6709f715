#include "fs/reader/block_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "fs/block_size.hpp"

namespace imapi::fs {

namespace {

[[noreturn]] void past_end(int64_t offset, int64_t n, int64_t size) {
  fail(IMAPI_E_IMPORT_READ_FAILURE, "the image ends at byte " + std::to_string(size) + " but a structure at byte " +
                                        std::to_string(offset) + " (block " + std::to_string(offset / kBlockSize) +
                                        ") needs " + std::to_string(n) + " bytes; the image is truncated or corrupt");
}

class FileSource final : public BlockSource {
 public:
  explicit FileSource(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) fail_os(IMAPI_E_IMPORT_READ_FAILURE, "cannot open image '" + path + "'", errno, path);
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      int err = errno;
      ::close(fd_);
      fail_os(IMAPI_E_IMPORT_READ_FAILURE, "cannot stat image '" + path + "'", err, path);
    }
    size_ = st.st_size;
  }
  ~FileSource() override { ::close(fd_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  int64_t size() const override { return size_; }
  void read(int64_t offset, void* buf, int64_t n) const override {
    if (offset < 0 || n < 0 || offset > size_ - n) past_end(offset, n, size_);
    int64_t got = pread_full(fd_, buf, n, offset);
    if (got < 0) fail_os(IMAPI_E_IMPORT_READ_FAILURE, "cannot read image '" + path_ + "'", static_cast<int>(-got), path_);
    if (got < n) past_end(offset, n, size_);
  }

 private:
  std::string path_;
  int fd_ = -1;
  int64_t size_ = 0;
};

class StreamSource final : public BlockSource {
 public:
  explicit StreamSource(std::shared_ptr<Stream> s) : stream_(std::move(s)), size_(stream_->size()) {}
  int64_t size() const override { return size_; }
  void read(int64_t offset, void* buf, int64_t n) const override {
    if (offset < 0 || n < 0 || offset > size_ - n) past_end(offset, n, size_);
    std::lock_guard lock(mutex_);
    stream_->seek(offset, IMAPI_SEEK_SET);
    auto* p = static_cast<char*>(buf);
    while (n > 0) {
      int64_t r = stream_->read(p, n);
      if (r <= 0) past_end(offset, n, size_);
      p += r;
      n -= r;
    }
  }

 private:
  std::shared_ptr<Stream> stream_;
  int64_t size_;
  mutable std::mutex mutex_;
};

}  // namespace

std::shared_ptr<BlockSource> open_file_source(const std::string& path) { return std::make_shared<FileSource>(path); }

std::shared_ptr<BlockSource> stream_source(std::shared_ptr<Stream> stream) {
  return std::make_shared<StreamSource>(std::move(stream));
}

}  // namespace imapi::fs
