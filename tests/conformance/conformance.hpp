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

// Each test case has trees of its own: CTest runs test cases in parallel, and
// make_tree.py --force replaces a tree another case may be reading.
inline fsys::path make_tree(const std::string& kind) {
  const auto owner = std::hash<std::string>{}(Catch::getResultCapture().getCurrentTestName());
  fsys::path dest = kWork / ("tree-" + kind + "-" + std::to_string(owner % 1000000007));
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
  int32_t rr_relocation = 0;
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
  check(imapi_fsimage_set_rr_relocation(img, o.rr_relocation));
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

// `checker_args`: more check_image.py options (e.g. --relocation none).
inline void full_check(const std::string& kind, const Options& o = {}, const std::string& checker_args = "") {
  fsys::create_directories(kWork);
  auto source = make_tree(kind);
  auto image = kWork / (kind + (o.rr_relocation ? "-relocated" : "") + ".iso");
  master(source, image, o);
  // The kernel mounts with default options, nojoliet, norock and norock,nojoliet (one boot).
  require_readers_agree(image, source, "iso9660,joliet,rockridge",
                        "--kernel --kernel-opts '' --kernel-opts nojoliet --kernel-opts norock "
                        "--kernel-opts norock,nojoliet " + checker_args);
  fsys::remove(image);
}

// Copies a tree (links as links), for building the expected view of a later session.
inline void copy_tree(const fsys::path& from, const fsys::path& to) {
  fsys::remove_all(to);
  fsys::copy(from, to, fsys::copy_options::recursive | fsys::copy_options::copy_symlinks);
}

inline std::string slurp(const fsys::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}


struct TwoSessions {
  fsys::path s1, s2, expected;
  int64_t s1_blocks = 0;
  std::string kept_content;  // of a file session 2 must not write again
  int32_t imported = 0;      // the file system the import used
};

// Session 1 of the mixed tree with `o`; then, through the C ABI, session 2
// importing `import_fs` (0: the library's choice), replacing one file,
// removing one, adding a directory and a file, at session 1's end.
inline TwoSessions build_two_sessions(const std::string& prefix, const Options& o, int32_t import_fs) {
  fsys::create_directories(kWork);
  auto source = make_tree("mixed");
  TwoSessions t;
  t.s1 = kWork / (prefix + "-s1.iso");
  master(source, t.s1, o);
  const int64_t s1_blocks = t.s1_blocks = static_cast<int64_t>(fsys::file_size(t.s1) / 2048);

  // Pick a file to replace and one to remove (regular files of the tree).
  std::vector<fsys::path> files;
  for (auto& e : fsys::recursive_directory_iterator(source))
    if (e.is_regular_file() && !e.is_symlink() && fsys::file_size(e.path()) > 0) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 3);
  // Item paths are relative to the root (a leading '/' is refused).
  const std::string replaced = fsys::relative(files[0], source).string();
  const std::string removed = fsys::relative(files[1], source).string();
  t.kept_content = slurp(files[2]);
  REQUIRE(t.kept_content.size() >= 8);

  // The expected tree of session 2.
  auto expected = t.expected = kWork / (prefix + "-expected");
  copy_tree(source, expected);
  std::ofstream(expected / replaced, std::ios::trunc) << "replaced in session 2\n";
  fsys::remove(expected / removed);
  fsys::create_directories(expected / "session2");
  std::ofstream(expected / "session2/new.txt") << "new in session 2\n";

  // Session 2, through the C ABI.
  imapi_fsimage* img = nullptr;
  imapi_fsitem* root = nullptr;
  imapi_stream* prev = nullptr;
  check(imapi_fsimage_create(&img));
  check(imapi_fsimage_set_free_media_blocks(img, 0));
  check(imapi_fsimage_set_iso9660_level(img, 3));
  check(imapi_fsimage_set_file_systems_to_create(img, o.file_systems));  // fixed by the import
  check(imapi_fsimage_set_udf_revision(img, o.udf_revision));
  check(imapi_fsimage_set_volume_name(img, "CONFORMANCE"));
  check(imapi_stream_create_from_file(t.s1.c_str(), &prev));
  check(imapi_fsimage_import_stream(img, prev, 0, import_fs, &t.imported));
  check(imapi_fsimage_get_root(img, &root));
  auto add_text = [&](const std::string& path, const std::string& text) {
    imapi_stream* s = nullptr;
    check(imapi_stream_create_from_memory(text.data(), static_cast<int64_t>(text.size()), &s));
    check(imapi_fsitem_add_file(root, path.c_str(), s));
    imapi_stream_free(s);
  };
  check(imapi_fsitem_remove(root, replaced.c_str()));
  add_text(replaced, "replaced in session 2\n");
  check(imapi_fsitem_remove(root, removed.c_str()));
  check(imapi_fsitem_add_directory(root, "session2"));
  add_text("session2/new.txt", "new in session 2\n");
  check(imapi_fsimage_set_session_start_block(img, s1_blocks));
  imapi_fsimage_result* res = nullptr;
  check(imapi_fsimage_create_result_image(img, &res));
  t.s2 = kWork / (prefix + "-s2.iso");
  check(imapi_fsimage_result_write_file(res, t.s2.c_str(), nullptr, nullptr));
  imapi_fsimage_result_free(res);
  imapi_fsitem_free(root);
  imapi_stream_free(prev);
  imapi_fsimage_free(img);
  return t;
}

}  // namespace conformance

