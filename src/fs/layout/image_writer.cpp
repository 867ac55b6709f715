#include "fs/layout/image_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <functional>
#include <vector>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "core/parallel.hpp"
#include "fs/layout/image_range_reader.hpp"

namespace imapi::fs {

namespace {

constexpr int64_t kReportEvery = 64 << 20;  // bytes between progress reports inside one file
constexpr int64_t kSmallFile = 256 << 10;   // at most this, a file is copied through a batch buffer
constexpr int64_t kBatchSpan = 1 << 20;     // image bytes one batch covers (two are in use)
constexpr size_t kReadWindow = 4 << 20;     // a large file the kernel cannot copy is read this much at a time
// In-kernel copies write the output's page cache in rounds of the kernel's
// splice pipe (64 KiB), each in folios as large as the round's alignment
// allows. A file's data starts wherever its 2048-byte block falls (block 26,
// byte 53248, in tree (a)), which left every round misaligned: order-0 and
// small folios, about 1.6 x the system time of an aligned copy (measured with
// 2 GiB on ext4, kernel 6.18). So the first call copies only up to the next
// 2 MiB of the output, and every later call starts aligned.
constexpr int64_t kCopyAlign = 2 << 20;
static_assert(kReportEvery % kCopyAlign == 0, "later calls must stay aligned");

// The image's destination. A regular file (or a new path) is written under a
// temporary name beside it and renamed over it on success, so a failure never
// destroys what was there (which may even be one of the sources). Anything
// else that exists (a block device, /dev/null) is written in place, and is
// never truncated or removed.
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
      special_ = true;
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) fail_os(IMAPI_E_OUTPUT_WRITE_FAILURE, "cannot open '" + path_ + "' for writing", errno, path_);
      return;
    }
    // Unnamed until complete where the file system allows (O_TMPFILE), so that
    // not even SIGKILL leaves a partial file; else a named temporary, removed on error.
    const size_t slash = path_.rfind('/');
    const std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path_.substr(0, slash);
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd_ >= 0) {
      unnamed_ = true;
      return;
    }
    temp_ = path_ + ".imapi-XXXXXX";
    fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
    if (fd_ < 0) fail_os(IMAPI_E_OUTPUT_WRITE_FAILURE, "cannot create '" + path_ + "'", errno, path_);
    ::fchmod(fd_, 0666 & ~process_umask());
  }
  ~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !special_ && !temp_.empty()) ::unlink(temp_.c_str());
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  // A new file reads zeros wherever nothing was written; a device written in
  // place keeps its old bytes there.
  bool reads_zeros_where_unwritten() const { return !special_; }
  [[noreturn]] void fail_write(int err) const {
    fail_os(IMAPI_E_OUTPUT_WRITE_FAILURE,
            "cannot write '" + path_ + "'" + (err == ESPIPE ? " (a pipe: write the image stream instead, e.g. -o -)" : ""),
            err, path_);
  }
  void pwrite_all(const void* data, int64_t n, int64_t offset) const {
    if (int err = pwrite_full(fd_, data, n, offset)) fail_write(err);
  }
  void commit(int64_t size) {
    if (!special_ && ::ftruncate(fd_, size) != 0) fail_write(errno);
    if (unnamed_) name_it();
    int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) fail_write(errno);
    if (!special_ && ::rename(temp_.c_str(), path_.c_str()) != 0) fail_write(errno);
    committed_ = true;
  }

 private:
  // The umask, read without changing it (umask(2) would race with other threads).
  static mode_t process_umask() {
    FILE* f = std::fopen("/proc/self/status", "re");
    unsigned mask = 022;
    if (f) {
      char line[256];
      while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "Umask: %o", &mask) == 1) break;
      std::fclose(f);
    }
    return static_cast<mode_t>(mask);
  }

  // Gives the unnamed file a temporary name beside the target (linkat through
  // /proc, which needs no privilege), for the rename that replaces the target.
  void name_it() {
    ::fchmod(fd_, 0666 & ~process_umask());
    const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    for (int attempt = 0;; ++attempt) {
      temp_ = path_ + ".imapi-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, temp_.c_str(), AT_SYMLINK_FOLLOW) == 0) return;
      const int err = errno;
      if (err != EEXIST || attempt > 100) {
        temp_.clear();
        fail_write(err);
      }
    }
  }

  std::string path_;
  std::string temp_;
  int fd_ = -1;
  bool special_ = false;
  bool unnamed_ = false;
  bool committed_ = false;
};

// Copies [0, size) of the reader to `out` at `offset`; returns false when the
// kernel cannot copy between these files, so the caller falls back to read/write.
bool kernel_copy(DataReader& reader, const OutputFile& out, int64_t offset, int64_t size,
                 const std::function<void(int64_t)>& advanced) {
  int in = reader.fd();
  if (in < 0) return false;
  const loff_t base = reader.fd_offset();
  loff_t in_off = base;
  loff_t out_off = offset;
  while (in_off - base < size) {
    int64_t want = std::min<int64_t>(size - (in_off - base), kReportEvery);
    if (out_off % kCopyAlign != 0) want = std::min<int64_t>(want, kCopyAlign - out_off % kCopyAlign);
    ssize_t n = ::copy_file_range(in, &in_off, out.fd(), &out_off, static_cast<size_t>(want), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (in_off == base && (errno == EXDEV || errno == EINVAL || errno == EOPNOTSUPP || errno == ENOSYS ||
                          errno == EBADF))
        return false;
      if (errno == ENOSPC || errno == EFBIG || errno == EDQUOT) out.fail_write(errno);
      fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot copy data into '" + out.path() + "'", errno, out.path());
    }
    if (n == 0) {
      // The source ended early: read_exact reports it with the file's name. If it
      // did not, the kernel would not copy; let the caller copy by reading.
      char probe;
      reader.read_exact(in_off - base, &probe, 1);
      return false;
    }
    advanced(in_off - base);
  }
  return true;
}

// Copies [from, from + size) of a descriptor we own (no source-change checks
// needed) to `offset` of the output.
void copy_range(int in, const OutputFile& out, int64_t from, int64_t offset, int64_t size, std::vector<char>& buf) {
  loff_t in_off = from, out_off = offset;
  const int64_t end = from + size;
  while (in_off < end) {
    ssize_t n = ::copy_file_range(in, &in_off, out.fd(), &out_off, static_cast<size_t>(end - in_off), 0);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    break;  // not supported between these files, or no progress: copy by reading
  }
  if (in_off == end) return;
  if (buf.empty()) buf.resize(1 << 20);
  while (in_off < end) {
    int64_t want = std::min<int64_t>(static_cast<int64_t>(buf.size()), end - in_off);
    int64_t r = pread_full(in, buf.data(), want, in_off);
    if (r != want)
      fail_os(IMAPI_E_STASHFILE_READ_FAILURE, "cannot read the image's metadata file", r < 0 ? static_cast<int>(-r) : EIO, "");
    out.pwrite_all(buf.data(), r, offset + (in_off - from));
    in_off += r;
  }
}

// copy_range for the metadata file, which has holes wherever the layout wrote
// nothing (system area, alignment, the mirror's place): into a new output only
// its data is copied, because the kernel copies a hole as pages of zeros, which
// took longer than the data itself (a 213 MB hole: 3.4 s against 0.7 s).
void copy_from_fd(int in, const OutputFile& out, int64_t from, int64_t offset, int64_t size, std::vector<char>& buf) {
  const int64_t end = from + size;
  if (!out.reads_zeros_where_unwritten()) return copy_range(in, out, from, offset, size, buf);
  for (int64_t at = from; at < end;) {
    off_t data = ::lseek(in, at, SEEK_DATA);
    if (data < 0 && errno == ENXIO) return;  // only a hole is left
    if (data < 0) return copy_range(in, out, at, offset + (at - from), end - at, buf);
    if (data >= end) return;
    off_t hole = ::lseek(in, data, SEEK_HOLE);
    const int64_t stop = hole < 0 ? end : std::min<int64_t>(hole, end);
    copy_range(in, out, data, offset + (data - from), stop - data, buf);
    at = stop;
  }
}

// The head: what the store holds as it is, copied; then the blocks it keeps
// elsewhere or packed (repeats, packed runs), expanded into a buffer and written.
void write_head(const ImageLayout& layout, const OutputFile& out, std::vector<char>& buf) {
  std::vector<std::pair<int64_t, int64_t>> expanded;  // [first, end) blocks
  for (const auto& p : layout.packed) expanded.emplace_back(p.first_block(), p.end_block());
  for (const auto& r : layout.repeats) expanded.emplace_back(r.at, r.at + r.blocks);
  std::sort(expanded.begin(), expanded.end());
  int64_t at = 0;
  auto copy_to = [&](int64_t end) {
    if (end > at) copy_from_fd(layout.metadata->fd(), out, at * kBlockSize, at * kBlockSize, (end - at) * kBlockSize, buf);
  };
  for (const auto& [first, end] : expanded) {
    copy_to(first);
    at = std::max(at, end);
  }
  copy_to(layout.metadata_blocks);
  constexpr int64_t kChunkBlocks = 256;  // 512 KiB: small against the peak RSS budget
  std::vector<uint8_t> chunk;
  for (const auto& [first, end] : expanded) {
    chunk.resize(static_cast<size_t>(std::min(kChunkBlocks, end - first) * kBlockSize));
    for (int64_t b = first; b < end; b += kChunkBlocks) {
      const int64_t bytes = std::min(kChunkBlocks, end - b) * kBlockSize;
      layout.read_head(b * kBlockSize, chunk.data(), bytes);
      out.pwrite_all(chunk.data(), bytes, b * kBlockSize);
    }
  }
}

}  // namespace

void write_image_file(const ImageLayout& layout, const std::string& path, ProgressSink& progress) {
  const auto started = std::chrono::steady_clock::now();
  OutputFile out(path);
  ProgressSnapshot snap;
  snap.operation = IMAPI_OPERATION_IMAGE_WRITE;
  snap.total = layout.total_blocks;
  auto report = [&](const std::string& item, int64_t done_blocks) {
    snap.current_item = item;
    snap.done = done_blocks;
    snap.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    progress.report(snap);
  };
  // The metadata is written on a worker while this thread copies the files.
  AsyncTask metadata_writer([&layout, &out] {
    std::vector<char> b;
    write_head(layout, out, b);
    copy_from_fd(layout.metadata->fd(), out, layout.metadata_blocks * kBlockSize, layout.tail_start() * kBlockSize,
                 layout.tail_blocks * kBlockSize, b);
  });
  std::vector<char> buf;
  int64_t done = layout.metadata_blocks;
  report("", done);
  // The file data is read the way the burn engine's producer reads it: many
  // files in flight (io_uring, else parallel preads), caller streams on this thread.
  ImageRangeReader images(layout);
  // Two batch buffers: one is written on a worker while the next is read.
  std::vector<char> batches[2];
  int next_batch = 0;
  AsyncTask batch_writer;
  const auto& files = layout.files;
  for (size_t i = 0; i < files.size();) {
    const FileExtent& first = files[i];
    if (first.size() > kSmallFile) {
      const int64_t offset = first.block * kBlockSize;
      report(layout.file_path(first), done);
      bool read_by_images = false;
      try {
        auto reader = first.source->open();
        int64_t last_report = 0;
        auto advanced = [&](int64_t copied) {
          if (copied - last_report >= kReportEvery) {
            last_report = copied;
            report(layout.file_path(first), done + copied / kBlockSize);
          }
        };
        if (kernel_copy(*reader, out, offset, first.size(), advanced)) {
          reader->finish();
        } else {
          reader.reset();
          read_by_images = true;
          // The kernel cannot copy it (a caller's stream, another session's
          // extent, a file system without copy_file_range): read it as the
          // burn engine does, window by window.
          if (buf.empty()) buf.resize(kReadWindow);
          auto* data = reinterpret_cast<uint8_t*>(buf.data());
          for (int64_t at = 0; at < first.size();) {
            int64_t n = std::min<int64_t>(static_cast<int64_t>(buf.size()), first.size() - at);
            images.read(offset + at, data, n);  // throws with the file's image path
            out.pwrite_all(data, n, offset + at);
            at += n;
            advanced(at);
          }
        }
      } catch (const Error& e) {
        if (e.code() == IMAPI_E_REQUEST_CANCELLED || e.code() == IMAPI_E_OUTPUT_WRITE_FAILURE) throw;
        if (read_by_images) throw;  // its errors name the image file already
        throw with_image_path(e, layout, first);
      }
      done += blocks_for(first.size());
      ++i;
      continue;
    }
    // A run of small files: in-kernel copies cost more than the data here, so
    // read them in parallel into a buffer laid out like their region of the
    // image (padding zeroed), and write the region with one call.
    const int64_t start = first.block * kBlockSize;
    size_t j = i;
    int64_t end = start;
    while (j < files.size() && files[j].size() <= kSmallFile &&
           files[j].block * kBlockSize + files[j].size() - start <= kBatchSpan) {
      end = (files[j].block + blocks_for(files[j].size())) * kBlockSize;
      ++j;
    }
    report(layout.file_path(first), done);
    std::vector<char>& batch = batches[next_batch];
    next_batch ^= 1;
    batch.resize(static_cast<size_t>(end - start));
    images.read(start, reinterpret_cast<uint8_t*>(batch.data()), end - start);  // padding zeroed there
    batch_writer.wait();
    batch_writer = AsyncTask([&out, &batch, start] {
      out.pwrite_all(batch.data(), static_cast<int64_t>(batch.size()), start);
    });
    done += (end - start) / kBlockSize;
    i = j;
  }
  batch_writer.wait();
  metadata_writer.wait();
  out.commit(layout.total_blocks * kBlockSize);
  report("", layout.total_blocks);
}

}  // namespace imapi::fs
