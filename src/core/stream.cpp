#include "core/stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace imapi {

int64_t resolve_seek(int64_t position, int64_t size, int64_t offset, int whence) {
  int64_t base = 0;
  switch (whence) {
    case IMAPI_SEEK_SET: base = 0; break;
    case IMAPI_SEEK_CUR: base = position; break;
    case IMAPI_SEEK_END: base = size; break;
    default: fail(IMAPI_E_INVALIDARG, "seek origin must be IMAPI_SEEK_SET, _CUR or _END");
  }
  if ((offset > 0 && base > INT64_MAX - offset) || base + offset < 0)
    fail(IMAPI_E_INVALIDARG, "seek to a position before the start of the stream or past 2^63");
  return base + offset;
}

FileStream::FileStream(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0)
    fail_os(IMAPI_E_DATA_STREAM_CREATE_FAILURE, "cannot open '" + path + "' for reading", errno, path);
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || S_ISDIR(st.st_mode)) {
    int err = S_ISDIR(st.st_mode) ? EISDIR : errno;
    ::close(fd_);
    fd_ = -1;
    fail_os(IMAPI_E_DATA_STREAM_CREATE_FAILURE, "cannot use '" + path + "' as a file stream", err, path);
  }
}

FileStream::~FileStream() {
  if (fd_ >= 0) ::close(fd_);
}

int64_t FileStream::read(void* buf, int64_t cap) {
  for (;;) {
    ssize_t n = ::pread(fd_, buf, static_cast<size_t>(std::min<int64_t>(cap, 1 << 30)), position_);
    if (n >= 0) {
      position_ += n;
      return n;
    }
    if (errno != EINTR)
      fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot read '" + path_ + "'", errno, path_);
  }
}

int64_t FileStream::seek(int64_t offset, int whence) {
  position_ = resolve_seek(position_, whence == IMAPI_SEEK_END ? size() : 0, offset, whence);
  return position_;
}

int64_t FileStream::size() {
  struct stat st {};
  if (::fstat(fd_, &st) != 0)
    fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot stat '" + path_ + "'", errno, path_);
  return st.st_size;
}

int64_t MemoryStream::read(void* buf, int64_t cap) {
  int64_t total = static_cast<int64_t>(bytes_->size());
  int64_t n = std::clamp<int64_t>(total - position_, 0, cap);
  if (n > 0) std::memcpy(buf, bytes_->data() + position_, static_cast<size_t>(n));
  position_ += n;
  return n;
}

int64_t MemoryStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size(), offset, whence);
}

int64_t ZeroStream::read(void* buf, int64_t cap) {
  int64_t n = std::clamp<int64_t>(size_ - position_, 0, cap);
  if (n > 0) std::memset(buf, 0, static_cast<size_t>(n));
  position_ += n;
  return n;
}

int64_t ZeroStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size_, offset, whence);
}

UserStream::~UserStream() {
  if (vtable_.release) vtable_.release(user_);
}

namespace {
void check_user(imapi_status s, const char* what) {
  if (IMAPI_FAILED(s))
    throw Error(s == IMAPI_E_REQUEST_CANCELLED ? s : IMAPI_E_DATA_STREAM_READ_FAILURE,
                std::string("the caller's stream failed in its ") + what + " function with " + imapi_status_name(s) +
                    "; check the stream implementation passed to imapi_stream_create_user");
}
}  // namespace

int64_t UserStream::read(void* buf, int64_t cap) {
  if (!vtable_.read) fail(IMAPI_E_NOTIMPL, "the caller's stream has no read function");
  int64_t n = 0;
  check_user(vtable_.read(user_, buf, cap, &n), "read");
  if (n < 0 || n > cap)
    fail(IMAPI_E_DATA_STREAM_READ_FAILURE,
         "the caller's stream read returned " + std::to_string(n) + " bytes for a buffer of " + std::to_string(cap));
  return n;
}

int64_t UserStream::seek(int64_t offset, int whence) {
  if (!vtable_.seek) fail(IMAPI_E_NOTIMPL, "the caller's stream has no seek function");
  int64_t pos = 0;
  check_user(vtable_.seek(user_, offset, whence, &pos), "seek");
  return pos;
}

int64_t UserStream::size() {
  auto s = size_if_known();
  if (!s)
    fail(IMAPI_E_NOTIMPL, "the caller's stream does not know its size: only the data "
                          "writer takes such a stream; write it to a file first for anything else");
  return *s;
}

std::optional<int64_t> UserStream::size_if_known() {
  if (!vtable_.size) fail(IMAPI_E_NOTIMPL, "the caller's stream has no size function");
  int64_t s = 0;
  check_user(vtable_.size(user_, &s), "size");
  if (s == IMAPI_STREAM_SIZE_UNKNOWN) return std::nullopt;
  if (s < 0) fail(IMAPI_E_DATA_STREAM_READ_FAILURE, "the caller's stream reported a negative size");
  return s;
}

}  // namespace imapi
