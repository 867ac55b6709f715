#include "fs/reader/extract.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "core/unique_fd.hpp"

namespace imapi::fs {

namespace {

using Fd = UniqueFd;

[[noreturn]] void write_failed(const std::string& what, int err, const std::string& path) {
  fail_os(IMAPI_E_OUTPUT_WRITE_FAILURE, "cannot " + what + " '" + path + "'", err, path);
}

// The directory holding `path` ("/a/b/c" -> "a/b"), entered without following links.
Fd open_parent(int root, const std::string& path, std::string& leaf, const std::string& dest) {
  Fd cur(::fcntl(root, F_DUPFD_CLOEXEC, 0));
  size_t start = 1;
  for (;;) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) {
      leaf = path.substr(start);
      return cur;
    }
    std::string comp = path.substr(start, slash - start);
    int next = ::openat(cur.get(), comp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) write_failed("enter directory", errno, dest + path.substr(0, slash));
    cur = Fd(next);
    start = slash + 1;
  }
}

struct timespec to_timespec(int64_t ns) {
  struct timespec t {};
  t.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
  t.tv_nsec = static_cast<long>(ns % 1'000'000'000);
  if (t.tv_nsec < 0) {
    t.tv_nsec += 1'000'000'000;
    --t.tv_sec;
  }
  return t;
}

// Makes room for a file or link named `leaf`: a file or link already there goes
// (extraction replaces), a directory stays and is an error.
void clear_for(int parent, const std::string& leaf, const std::string& where) {
  struct stat st {};
  if (::fstatat(parent, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;
  if (S_ISDIR(st.st_mode))
    fail_os(IMAPI_E_OUTPUT_WRITE_FAILURE,
            "cannot replace '" + where + "': it is a directory, the image has a file or link there; remove it first",
            EISDIR, where);
  if (::unlinkat(parent, leaf.c_str(), 0) != 0) write_failed("replace", errno, where);
}

std::string size_text(int64_t bytes) {
  return std::to_string(bytes) + " bytes (" + std::to_string(bytes >> 20) + " MiB)";
}

}  // namespace

int64_t extract_limit(int64_t max_total_bytes, int64_t image_bytes) {
  if (max_total_bytes < 0) return -1;
  if (max_total_bytes > 0) return max_total_bytes;
  constexpr int64_t kFactor = 16, kSlack = int64_t{1} << 30;
  return image_bytes > (INT64_MAX - kSlack) / kFactor ? INT64_MAX : image_bytes * kFactor + kSlack;
}

void extract_tree(const ImageReader& reader, const std::vector<ImageEntry>& entries, const std::string& dest,
                  ProgressSink& progress, const ExtractOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ProgressSnapshot snap;
  snap.operation = IMAPI_OPERATION_EXTRACT;
  for (const auto& e : entries)
    if (e.kind == EntryKind::file) snap.total += e.size;
  const int64_t limit = extract_limit(options.max_total_bytes, reader.image_bytes());
  if (limit >= 0 && snap.total > limit)
    fail(IMAPI_E_DATA_TOO_BIG, "the image's files add up to " + size_text(snap.total) + ", far more than an image of " +
                                   size_text(reader.image_bytes()) + " holds (the limit is " + size_text(limit) +
                                   "); if that is expected (sparse files), raise or lift the limit");
  if (::mkdir(dest.c_str(), 0755) != 0 && errno != EEXIST) write_failed("create", errno, dest);
  Fd root(::open(dest.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (root.get() < 0) write_failed("open directory", errno, dest);
  auto report = [&](const std::string& item) {
    snap.current_item = item;
    snap.elapsed_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
    progress.report(snap);
  };
  std::vector<char> buf(1 << 20);
  std::vector<const ImageEntry*> links, dirs;
  for (const auto& e : entries) {
    std::string leaf;
    Fd parent = open_parent(root.get(), e.path, leaf, dest);
    const std::string where = dest + e.path;
    if (e.kind == EntryKind::directory) {
      if (::mkdirat(parent.get(), leaf.c_str(), 0755) != 0) {
        struct stat st {};
        if (errno != EEXIST || ::fstatat(parent.get(), leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
            !S_ISDIR(st.st_mode))
          write_failed("create directory", errno == EEXIST ? EEXIST : errno, where);
      }
      dirs.push_back(&e);
      continue;
    }
    if (e.kind == EntryKind::symlink) {
      links.push_back(&e);
      continue;
    }
    report(e.path);
    clear_for(parent.get(), leaf, where);
    Fd out(::openat(parent.get(), leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (out.get() < 0) write_failed("create", errno, where);
    // Extent by extent: holes are skipped (the file stays sparse), data is copied.
    int64_t at = 0;
    auto copy = [&](int64_t end) {
      while (at < end) {
        int64_t n = std::min<int64_t>(static_cast<int64_t>(buf.size()), end - at);
        try {
          reader.read(e, at, buf.data(), n);
        } catch (const Error& err) {
          ErrorDetail d = err.detail();
          d.path = e.path;
          throw Error(err.code(), "cannot read '" + e.path + "' from the image (extracting to '" + where +
                                      "'): " + err.message(), d);
        }
        // Zeros are left as a hole, as cp --sparse=auto does (the file is new and truncated to its size below).
        if (!all_zero(reinterpret_cast<const uint8_t*>(buf.data()), static_cast<size_t>(n)))
          if (int err = pwrite_full(out.get(), buf.data(), n, at)) write_failed("write", err, where);
        at += n;
        snap.done += n;
        if (n == static_cast<int64_t>(buf.size())) report(e.path);
      }
    };
    for (const auto& x : e.extents) {
      const int64_t end = std::min(e.size, at + x.size);
      if (x.block == ImageExtent::kHole) {
        snap.done += end - at;
        at = end;
      } else {
        copy(end);
      }
    }
    copy(e.size);  // embedded data, or whatever the extents leave
    if (::ftruncate(out.get(), e.size) != 0) write_failed("write", errno, where);
    if (e.has_mode) ::fchmod(out.get(), e.mode);
    struct timespec times[2] = {to_timespec(e.mtime_ns), to_timespec(e.mtime_ns)};
    ::futimens(out.get(), times);
  }
  for (const ImageEntry* l : links) {
    std::string leaf;
    Fd parent = open_parent(root.get(), l->path, leaf, dest);
    clear_for(parent.get(), leaf, dest + l->path);
    if (::symlinkat(l->target.c_str(), parent.get(), leaf.c_str()) != 0) write_failed("create link", errno, dest + l->path);
  }
  // Directories last, deepest first, so writing their contents does not change their times.
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
    std::string leaf;
    Fd parent = open_parent(root.get(), (*it)->path, leaf, dest);
    if ((*it)->has_mode) ::fchmodat(parent.get(), leaf.c_str(), (*it)->mode, 0);
    struct timespec times[2] = {to_timespec((*it)->mtime_ns), to_timespec((*it)->mtime_ns)};
    ::utimensat(parent.get(), leaf.c_str(), times, AT_SYMLINK_NOFOLLOW);
  }
  report("");
}

}  // namespace imapi::fs
