// Shared by the conformance tests: trees from make_tree.py, images mastered
// through the C ABI as an application would, and the checkers' verdicts.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <fstream>
#include <algorithm>
#include <vector>

#include "imapi_c.h"

namespace fsys = std::filesystem;

namespace conformance {

inline const fsys::path kTools = IMAPI_CONFORMANCE_TOOLS;
inline const fsys::path kWork = IMAPI_CONFORMANCE_WORK;

struct Run {
  int status = -1;
  std::string output;
};

inline Run run(const std::string& cmd) {
  Run r;
  FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

inline std::string quote(const fsys::path& p) { return "'" + p.string() + "'"; }

inline fsys::path make_tree(const std::string& kind) {
  fsys::path dest = kWork / ("tree-" + kind);
  Run r = run("/usr/bin/python3 " + quote(kTools / "make_tree.py") + " --force " + kind + " " + quote(dest));
  INFO(r.output);
  REQUIRE(r.status == 0);
  return dest;
}

inline void check(imapi_status s) {
  const imapi_error* e = imapi_error_last();
  INFO((e && e->message ? e->message : "") << " (" << imapi_status_name(s) << ")");
  REQUIRE(s == IMAPI_S_OK);
}

struct Options {
  int32_t file_systems = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE;
  int32_t level = 3;
  int32_t udf_revision = 0x102;
};

// Masters `source` into `out` through the C ABI, as an application would.
inline void master(const fsys::path& source, const fsys::path& out, const Options& o = {}) {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  imapi_fsimage* img = nullptr;
  imapi_fsitem* root = nullptr;
  imapi_fsimage_result* res = nullptr;
  check(imapi_fsimage_create(&img));
  check(imapi_fsimage_set_file_systems_to_create(img, o.file_systems));
  check(imapi_fsimage_set_iso9660_level(img, o.level));
  check(imapi_fsimage_set_udf_revision(img, o.udf_revision));
  check(imapi_fsimage_set_free_media_blocks(img, 0));
  check(imapi_fsimage_set_volume_name(img, "CONFORMANCE"));
  check(imapi_fsimage_get_root(img, &root));
  check(imapi_fsitem_add_tree(root, source.c_str(), 0));
  check(imapi_fsimage_create_result_image(img, &res));
  check(imapi_fsimage_result_write_file(res, out.c_str(), nullptr, nullptr));
  imapi_fsimage_result_free(res);
  imapi_fsitem_free(root);
  imapi_fsimage_free(img);
}

inline void require_readers_agree(const fsys::path& image, const fsys::path& source, const std::string& expect,
                           const std::string& extra = "") {
  Run r = run("/usr/bin/python3 " + quote(kTools / "check_image.py") + " --image " + quote(image) + " --source " +
              quote(source) + " --expect " + expect + " " + extra);
  INFO(r.output);
  REQUIRE(r.status == 0);
  REQUIRE(r.output.find("RESULT: PASS") != std::string::npos);
}

inline void full_check(const std::string& kind) {
  fsys::create_directories(kWork);
  auto source = make_tree(kind);
  auto image = kWork / (kind + ".iso");
  master(source, image);
  // The kernel mounts with default options, nojoliet, norock and norock,nojoliet (one boot).
  require_readers_agree(image, source, "iso9660,joliet,rockridge",
                        "--kernel --kernel-opts '' --kernel-opts nojoliet --kernel-opts norock "
                        "--kernel-opts norock,nojoliet");
  fsys::remove(image);
}

}  // namespace conformance

