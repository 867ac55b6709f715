// imapi mkiso: master a directory tree into an ISO 9660 / Joliet / Rock Ridge image.
#include <malloc.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "imapi_c.h"
#include "fs_options.hpp"
#include "progress_bar.hpp"

namespace imapi_cli {

namespace {

struct Options {
  std::string output;
  FsOptions fs;
  int64_t max_blocks = 0;
  bool progress = false;
  std::vector<std::string> sources;
};

int usage(const std::string& why) {
  std::fprintf(stderr, "imapi: error: %s\nusage: imapi mkiso -o OUT.iso [--fs LIST] [--iso-level 1|2|3] "
               "[--udf-revision R] [--udf-no-mirror] [--volume NAME] [--max-blocks N] [--strict] [--rr-relocate]\n                   [--symlinks record|follow|skip] [--progress] SOURCE...\n", why.c_str());
  return 2;
}

template <typename T>
struct Freer {
  void (*fn)(T*);
  void operator()(T* p) const { fn(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Freer<T>>;

// SIGINT/SIGTERM while the image is written: the write is cancelled (its
// partial output removed), then the signal is raised again for the exit status.
volatile sig_atomic_t g_stop_signal = 0;

void on_stop_signal(int sig) { g_stop_signal = sig; }

struct StopSignals {
  struct sigaction old_int {}, old_term {};
  StopSignals() {
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGINT, &sa, &old_int);
    ::sigaction(SIGTERM, &sa, &old_term);
  }
  ~StopSignals() {
    ::sigaction(SIGINT, &old_int, nullptr);
    ::sigaction(SIGTERM, &old_term, nullptr);
    if (g_stop_signal) ::raise(g_stop_signal);
  }
};

int32_t on_progress(void* user, const imapi_progress* p) {
  static_cast<ProgressBar*>(user)->update(p->done, p->total, p->current_item ? p->current_item : "");
  return g_stop_signal != 0;
}

int write_stdout(imapi_fsimage_result* result) {
  imapi_stream* raw = nullptr;
  if (int s = imapi_fsimage_result_get_image_stream(result, &raw); IMAPI_FAILED(s)) return report_failure(nullptr, s);
  Owned<imapi_stream> stream(raw, {imapi_stream_free});
  std::vector<char> buf(1 << 20);
  for (;;) {
    int64_t n = 0;
    if (int s = imapi_stream_read(stream.get(), buf.data(), static_cast<int64_t>(buf.size()), &n); IMAPI_FAILED(s))
      return report_failure(nullptr, s);
    if (n == 0) return 0;
    for (int64_t off = 0; off < n;) {
      ssize_t w = ::write(STDOUT_FILENO, buf.data() + off, static_cast<size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        std::fprintf(stderr, "imapi: error: cannot write the image to standard output: %s\n", std::strerror(errno));
        return 1;
      }
      off += w;
    }
  }
}

}  // namespace

int mkiso(const std::vector<std::string>& args) {
  Options o;
  o.fs.file_systems = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE;
  o.fs.level = 3;
  o.fs.udf_mirror_given = true;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string fs_error;
    if (size_t at = i; parse_fs_option(args, at, o.fs, fs_error)) {
      if (!fs_error.empty()) return usage(fs_error);
      i = at - 1;
      continue;
    }
    const std::string& a = args[i];
    auto value = [&](const char* name) -> const std::string* {
      if (i + 1 >= args.size()) return nullptr;
      (void)name;
      return &args[++i];
    };
    if (a == "-o" || a == "--output") {
      auto v = value("-o");
      if (!v) return usage("-o needs a path");
      o.output = *v;
    } else if (a == "--max-blocks") {
      auto v = value("--max-blocks");
      char* end = nullptr;
      if (!v || v->empty() || (o.max_blocks = std::strtoll(v->c_str(), &end, 10), *end != '\0') || o.max_blocks < 0)
        return usage("--max-blocks takes a number of blocks");
    } else if (a == "--progress") {
      o.progress = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option '" + a + "'");
    } else {
      o.sources.push_back(a);
    }
  }
  if (o.output.empty()) return usage("no output: give -o OUT.iso (or -o - for standard output)");
  if (o.sources.empty()) return usage("no SOURCE to master");

  imapi_fsimage* raw_image = nullptr;
  if (int s = imapi_fsimage_create(&raw_image); IMAPI_FAILED(s)) return report_failure(nullptr, s);
  Owned<imapi_fsimage> image(raw_image, {imapi_fsimage_free});
  int s = apply_fs_options(image.get(), o.fs);
  if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_set_free_media_blocks(image.get(), o.max_blocks);
  if (IMAPI_FAILED(s)) return report_failure(nullptr, s);
  if (int rc = add_sources(image.get(), o.sources)) return rc;

  imapi_fsimage_result* raw_result = nullptr;
  if (s = imapi_fsimage_create_result_image(image.get(), &raw_result); IMAPI_FAILED(s))
    return report_failure(nullptr, s);
  Owned<imapi_fsimage_result> result(raw_result, {imapi_fsimage_result_free});
  // A result needs nothing of the tree: letting it go now keeps the memory of a
  // large tree (about 250 bytes a file) out of the whole copying phase.
  image.reset();
  // glibc keeps freed heap pages mapped; hand the tree's back to the system.
  ::malloc_trim(0);
  if (o.output == "-") return write_stdout(result.get());

  ProgressBar bar(o.progress);
  StopSignals stop;
  s = imapi_fsimage_result_write_file(result.get(), o.output.c_str(), on_progress, &bar);
  bar.finish();
  if (g_stop_signal) return 130;  // ~StopSignals raises the signal again
  if (IMAPI_FAILED(s)) return report_failure(o.output.c_str(), s);
  return 0;
}

}  // namespace imapi_cli
