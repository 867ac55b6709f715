// imapi ls / extract / check: read ISO images through the C ABI.
#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "imapi_c.h"
#include "progress_bar.hpp"

namespace imapi_cli {

namespace {

struct ReaderFree {
  void operator()(imapi_image_reader* r) const { imapi_image_reader_free(r); }
};
using Reader = std::unique_ptr<imapi_image_reader, ReaderFree>;

int usage(const char* cmd, const std::string& why) {
  std::fprintf(stderr, "imapi: error: %s\nusage: imapi %s\n", why.c_str(), cmd);
  return 2;
}

// Splits "IMG [DEST] [--fs NAME]"; returns the file system mask or 0 on a bad name.
int32_t parse_fs(const std::string& name) {
  if (name == "rockridge") return IMAPI_FS_ROCKRIDGE;
  if (name == "joliet") return IMAPI_FS_JOLIET;
  if (name == "iso9660") return IMAPI_FS_ISO9660;
  if (name == "udf") return IMAPI_FS_UDF;
  return 0;
}

struct Args {
  std::vector<std::string> positional;
  int32_t fs = 0;  // 0: the richest on the image
  bool progress = false;
  bool no_size_limit = false;
};

bool parse(const std::vector<std::string>& args, Args& out, std::string& why) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--fs") {
      if (i + 1 >= args.size() || !(out.fs = parse_fs(args[++i]))) {
        why = "--fs takes rockridge, udf, joliet or iso9660";
        return false;
      }
    } else if (args[i] == "--progress") {
      out.progress = true;
    } else if (args[i] == "--no-size-limit") {
      out.no_size_limit = true;
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      why = "unknown option '" + args[i] + "'";
      return false;
    } else {
      out.positional.push_back(args[i]);
    }
  }
  return true;
}

// Opens the image and lists the chosen (or richest) file system.
int open_and_list(const Args& a, Reader& reader, int64_t& count) {
  imapi_image_reader* raw = nullptr;
  const std::string& image = a.positional[0];
  if (int s = imapi_image_reader_open_path(image.c_str(), &raw); IMAPI_FAILED(s)) return report_failure(image.c_str(), s);
  reader.reset(raw);
  int32_t fs = a.fs;
  if (!fs) {
    int32_t mask = 0;
    imapi_image_reader_get_file_systems(reader.get(), &mask);
    fs = (mask & IMAPI_FS_ROCKRIDGE) ? IMAPI_FS_ROCKRIDGE
         : (mask & IMAPI_FS_UDF)     ? IMAPI_FS_UDF
         : (mask & IMAPI_FS_JOLIET)  ? IMAPI_FS_JOLIET
                                     : IMAPI_FS_ISO9660;
  }
  if (int s = imapi_image_reader_list(reader.get(), fs, &count); IMAPI_FAILED(s)) return report_failure(image.c_str(), s);
  return 0;
}

int32_t on_progress(void* user, const imapi_progress* p) {
  static_cast<ProgressBar*>(user)->update(p->done, p->total, p->current_item ? p->current_item : "");
  return 0;
}

}  // namespace

int ls(const std::vector<std::string>& args) {
  const char* syntax = "ls IMAGE [--fs rockridge|udf|joliet|iso9660]";
  Args a;
  std::string why;
  if (!parse(args, a, why)) return usage(syntax, why);
  if (a.positional.size() != 1) return usage(syntax, "give one image");
  Reader reader(nullptr);
  int64_t count = 0;
  if (int rc = open_and_list(a, reader, count)) return rc;
  for (int64_t i = 0; i < count; ++i) {
    imapi_image_entry e{};
    e.struct_size = sizeof e;
    imapi_image_reader_get_entry(reader.get(), i, &e);
    char type = e.type == IMAPI_ENTRY_DIRECTORY ? 'd' : e.type == IMAPI_ENTRY_SYMLINK ? 'l' : '-';
    char mode[8] = "-";
    if (e.mode >= 0) std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(e.mode) & 07777u);
    time_t t = static_cast<time_t>(e.modified / 1000000000);
    struct tm tm {};
    gmtime_r(&t, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
    std::printf("%c %4s %12" PRId64 " %s %s%s%s\n", type, mode, e.size, when, e.path,
                e.type == IMAPI_ENTRY_SYMLINK ? " -> " : "", e.target);
  }
  return 0;
}

int extract(const std::vector<std::string>& args) {
  const char* syntax = "extract IMAGE DEST [--fs rockridge|udf|joliet|iso9660] [--progress] [--no-size-limit]";
  Args a;
  std::string why;
  if (!parse(args, a, why)) return usage(syntax, why);
  if (a.positional.size() != 2) return usage(syntax, "give an image and a destination directory");
  Reader reader(nullptr);
  int64_t count = 0;
  if (int rc = open_and_list(a, reader, count)) return rc;
  if (a.no_size_limit) imapi_image_reader_set_extract_limit(reader.get(), -1);
  ProgressBar bar(a.progress);
  int s = imapi_image_reader_extract(reader.get(), a.positional[1].c_str(), on_progress, &bar);
  bar.finish();
  if (IMAPI_FAILED(s)) return report_failure(a.positional[1].c_str(), s);
  return 0;
}

int check(const std::vector<std::string>& args) {
  const char* syntax = "check IMAGE";
  if (args.size() != 1) return usage(syntax, "give one image");
  imapi_iso_image_manager* m = nullptr;
  if (int s = imapi_iso_image_manager_create(&m); IMAPI_FAILED(s)) return report_failure(nullptr, s);
  std::unique_ptr<imapi_iso_image_manager, void (*)(imapi_iso_image_manager*)> guard(m, imapi_iso_image_manager_free);
  int s = imapi_iso_image_manager_set_path(m, args[0].c_str());
  if (IMAPI_SUCCEEDED(s)) s = imapi_iso_image_manager_validate(m);
  if (IMAPI_FAILED(s)) return report_failure(args[0].c_str(), s);
  std::printf("%s: valid\n", args[0].c_str());
  return 0;
}

}  // namespace imapi_cli
