#include "skipped_report.hpp"

#include <cstdio>
#include <string>
#include <vector>

namespace imapi_cli {

namespace {

constexpr size_t kPathsShown = 3;  // per kind: enough to find them, short enough for one line

struct Kind {
  int32_t reason;
  const char* one;
  const char* many;
};
constexpr Kind kUnstorable[] = {
    {IMAPI_SKIPPED_FIFO, "FIFO", "FIFOs"},
    {IMAPI_SKIPPED_SOCKET, "socket", "sockets"},
    {IMAPI_SKIPPED_CHARACTER_DEVICE, "character device", "character devices"},
    {IMAPI_SKIPPED_BLOCK_DEVICE, "block device", "block devices"},
    {IMAPI_SKIPPED_OTHER, "entry of an unknown type", "entries of an unknown type"},
};
constexpr Kind kLinks = {IMAPI_SKIPPED_SYMLINK, "symbolic link", "symbolic links"};

// A host name may hold a newline; the note stays one line.
std::string shown(const char* path) {
  std::string out = "'";
  for (const char* p = path; *p; ++p) out += static_cast<unsigned char>(*p) < 0x20 ? '?' : *p;
  return out + "'";
}

int64_t total(imapi_fsimage* image, int32_t reason) {
  int64_t n = 0;
  return IMAPI_SUCCEEDED(imapi_fsimage_get_skipped_total(image, reason, &n)) ? n : 0;
}

// The first kPathsShown kept paths of each reason.
std::vector<std::vector<std::string>> first_paths(imapi_fsimage* image) {
  std::vector<std::vector<std::string>> paths(IMAPI_SKIPPED_OTHER + 1);
  int64_t kept = 0;
  if (IMAPI_FAILED(imapi_fsimage_get_skipped_entry_count(image, &kept))) return paths;
  for (int64_t i = 0; i < kept; ++i) {
    imapi_skipped_entry e{};
    e.struct_size = sizeof e;
    if (IMAPI_FAILED(imapi_fsimage_get_skipped_entry(image, i, &e))) break;
    if (e.reason < 0 || e.reason > IMAPI_SKIPPED_OTHER) continue;
    auto& list = paths[static_cast<size_t>(e.reason)];
    if (list.size() < kPathsShown) list.push_back(shown(e.host_path));
  }
  return paths;
}

// "FIFO 'a'", "2 sockets 'a', 'b'", "1500 FIFOs 'a', 'b', 'c' and 1497 more".
std::string describe(const Kind& k, int64_t count, const std::vector<std::string>& paths, bool name_kind) {
  std::string out;
  if (name_kind) out = count == 1 ? std::string(k.one) : std::to_string(count) + " " + k.many;
  for (size_t i = 0; i < paths.size(); ++i) out += (i ? ", " : out.empty() ? "" : " ") + paths[i];
  if (count > static_cast<int64_t>(paths.size()))
    out += " and " + std::to_string(count - static_cast<int64_t>(paths.size())) + " more";
  return out;
}

}  // namespace

void report_skipped(imapi_fsimage* image) {
  const int64_t links = total(image, IMAPI_SKIPPED_SYMLINK);
  const int64_t unstorable = total(image, 0) - links;
  if (links + unstorable == 0) return;
  const auto paths = first_paths(image);
  if (unstorable > 0) {
    std::string line;
    for (const Kind& k : kUnstorable)
      if (int64_t n = total(image, k.reason); n > 0)
        line += (line.empty() ? "" : ", ") + describe(k, n, paths[static_cast<size_t>(k.reason)], true);
    std::fprintf(stderr, "imapi: skipped %lld %s an image cannot hold: %s\n", static_cast<long long>(unstorable),
                 unstorable == 1 ? "entry" : "entries", line.c_str());
  }
  if (links > 0)
    std::fprintf(stderr, "imapi: skipped %lld %s (--symlinks skip): %s\n", static_cast<long long>(links),
                 links == 1 ? kLinks.one : kLinks.many,
                 describe(kLinks, links, paths[IMAPI_SKIPPED_SYMLINK], false).c_str());
}

}  // namespace imapi_cli
