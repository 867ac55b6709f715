// imapi mkiso: master a directory tree into an ISO 9660 / Joliet / Rock Ridge image.
#include <malloc.h>
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
#include "progress_bar.hpp"

namespace imapi_cli {

namespace {

struct Options {
  std::string output;
  int32_t file_systems = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE;
  int32_t level = 3;
  int32_t udf_revision = 0;  // 0: the library's default
  bool udf_mirror = true;
  std::string volume;
  int64_t max_blocks = 0;
  bool strict = false;
  bool progress = false;
  std::vector<std::string> sources;
};

int usage(const std::string& why) {
  std::fprintf(stderr, "imapi: error: %s\nusage: imapi mkiso -o OUT.iso [--fs LIST] [--iso-level 1|2|3] "
               "[--udf-revision R] [--udf-no-mirror] [--volume NAME] [--max-blocks N] [--strict] [--progress] SOURCE...\n", why.c_str());
  return 2;
}

bool parse_fs(const std::string& list, int32_t& mask) {
  mask = 0;
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(',', i);
    if (j == std::string::npos) j = list.size();
    std::string name = list.substr(i, j - i);
    if (name == "iso9660") mask |= IMAPI_FS_ISO9660;
    else if (name == "joliet") mask |= IMAPI_FS_JOLIET;
    else if (name == "rockridge") mask |= IMAPI_FS_ROCKRIDGE;
    else if (name == "udf") mask |= IMAPI_FS_UDF;
    else return false;
    i = j + 1;
  }
  return mask != 0;
}

template <typename T>
struct Freer {
  void (*fn)(T*);
  void operator()(T* p) const { fn(p); }
};
template <typename T>
using Owned = std::unique_ptr<T, Freer<T>>;

// The UDF revisions the library writes, as IMAPI's BCD numbers (0x250).
std::vector<int32_t> udf_revisions_supported() {
  imapi_fsimage* raw = nullptr;
  if (IMAPI_FAILED(imapi_fsimage_create(&raw))) return {};
  Owned<imapi_fsimage> image(raw, {imapi_fsimage_free});
  int32_t count = 0;
  if (IMAPI_FAILED(imapi_fsimage_get_udf_revisions_supported(image.get(), nullptr, 0, &count))) return {};
  std::vector<int32_t> revisions(static_cast<size_t>(count));
  if (IMAPI_FAILED(imapi_fsimage_get_udf_revisions_supported(image.get(), revisions.data(), count, &count))) return {};
  return revisions;
}

// 0x250 -> "2.50", as the revision is written on the command line.
std::string udf_revision_text(int32_t revision) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%X.%02X", static_cast<unsigned>(revision >> 8), static_cast<unsigned>(revision & 0xFF));
  return buf;
}

// "2.50" -> 0x250, when the library writes that revision.
bool parse_udf_revision(const std::string& text, int32_t& revision) {
  for (int32_t r : udf_revisions_supported())
    if (text == udf_revision_text(r)) {
      revision = r;
      return true;
    }
  return false;
}

// "1.02, 1.50, ... or 2.60"
std::string udf_revision_choices() {
  const auto all = udf_revisions_supported();
  std::string s;
  for (size_t i = 0; i < all.size(); ++i)
    s += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + udf_revision_text(all[i]);
  return s;
}

int32_t on_progress(void* user, const imapi_progress* p) {
  static_cast<ProgressBar*>(user)->update(p->done, p->total, p->current_item ? p->current_item : "");
  return 0;
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
  for (size_t i = 0; i < args.size(); ++i) {
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
    } else if (a == "--fs") {
      auto v = value("--fs");
      if (!v || !parse_fs(*v, o.file_systems)) return usage("--fs takes a comma list of iso9660, joliet, rockridge, udf");
    } else if (a == "--iso-level") {
      auto v = value("--iso-level");
      if (!v || (*v != "1" && *v != "2" && *v != "3")) return usage("--iso-level takes 1, 2 or 3");
      o.level = std::stoi(*v);
    } else if (a == "--volume") {
      auto v = value("--volume");
      if (!v) return usage("--volume needs a name");
      o.volume = *v;
    } else if (a == "--max-blocks") {
      auto v = value("--max-blocks");
      char* end = nullptr;
      if (!v || v->empty() || (o.max_blocks = std::strtoll(v->c_str(), &end, 10), *end != '\0') || o.max_blocks < 0)
        return usage("--max-blocks takes a number of blocks");
    } else if (a == "--udf-revision") {
      const std::string* v = value("--udf-revision");
      if (!v || !parse_udf_revision(*v, o.udf_revision))
        return usage("--udf-revision takes " + udf_revision_choices());
    } else if (a == "--udf-no-mirror") {
      o.udf_mirror = false;
    } else if (a == "--strict") {
      o.strict = true;
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
  int s = imapi_fsimage_set_file_systems_to_create(image.get(), o.file_systems);
  if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_set_iso9660_level(image.get(), o.level);
  if (IMAPI_SUCCEEDED(s) && o.udf_revision != 0) s = imapi_fsimage_set_udf_revision(image.get(), o.udf_revision);
  if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_set_create_redundant_udf_metadata_files(image.get(), o.udf_mirror);
  if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_set_free_media_blocks(image.get(), o.max_blocks);
  if (IMAPI_SUCCEEDED(s) && o.strict) s = imapi_fsimage_set_strict_compliance(image.get(), 1);
  if (IMAPI_SUCCEEDED(s) && !o.volume.empty()) s = imapi_fsimage_set_volume_name(image.get(), o.volume.c_str());
  if (IMAPI_FAILED(s)) return report_failure(nullptr, s);

  imapi_fsitem* raw_root = nullptr;
  if (s = imapi_fsimage_get_root(image.get(), &raw_root); IMAPI_FAILED(s)) return report_failure(nullptr, s);
  Owned<imapi_fsitem> root(raw_root, {imapi_fsitem_free});
  for (const auto& src : o.sources) {
    struct stat st {};
    if (::stat(src.c_str(), &st) != 0) {
      std::fprintf(stderr, "imapi: error: %s: %s\n", src.c_str(), std::strerror(errno));
      return 1;
    }
    if (S_ISDIR(st.st_mode)) {
      s = imapi_fsitem_add_tree(root.get(), src.c_str(), 0);
    } else {
      std::string name = src.substr(src.rfind('/') + 1);
      s = imapi_fsitem_add_file_from_path(root.get(), name.c_str(), src.c_str());
    }
    if (IMAPI_FAILED(s)) return report_failure(src.c_str(), s);
  }

  imapi_fsimage_result* raw_result = nullptr;
  if (s = imapi_fsimage_create_result_image(image.get(), &raw_result); IMAPI_FAILED(s))
    return report_failure(nullptr, s);
  Owned<imapi_fsimage_result> result(raw_result, {imapi_fsimage_result_free});
  // A result needs nothing of the tree: letting it go now keeps the memory of a
  // large tree (about 250 bytes a file) out of the whole copying phase.
  root.reset();
  image.reset();
  // glibc keeps freed heap pages mapped; hand the tree's back to the system.
  ::malloc_trim(0);
  if (o.output == "-") return write_stdout(result.get());

  ProgressBar bar(o.progress);
  s = imapi_fsimage_result_write_file(result.get(), o.output.c_str(), on_progress, &bar);
  bar.finish();
  if (IMAPI_FAILED(s)) return report_failure(o.output.c_str(), s);
  return 0;
}

}  // namespace imapi_cli
