// What AddTree leaves out (imapi_fsimage_get_skipped_*): a FIFO, a Unix socket,
// a device and links skipped by policy are recorded with their host paths,
// bounded per kind, and taken away with a failed AddTree or a rollback.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {

void make_fifo(const fsys::path& p) { REQUIRE(::mkfifo(p.c_str(), 0644) == 0); }

// A socket file stays in the tree after its descriptor is closed.
void make_socket(const fsys::path& p) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(p.native().size() < sizeof addr.sun_path);
  std::strcpy(addr.sun_path, p.c_str());
  const int bound = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::close(fd);
  REQUIRE(bound == 0);
}

struct SkipImage {
  Image img;
  Item root;
  explicit SkipImage(int32_t policy = IMAPI_SYMLINKS_RECORD) {
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_set_symlink_policy(img.get(), policy) == IMAPI_S_OK);
  }
  imapi_status add_tree(const fsys::path& src) { return imapi_fsitem_add_tree(root.get(), src.c_str(), 0); }
  int64_t total(int32_t reason) {
    int64_t n = -1;
    REQUIRE(imapi_fsimage_get_skipped_total(img.get(), reason, &n) == IMAPI_S_OK);
    return n;
  }
  // The kept entries as (reason, host path).
  std::vector<std::pair<int32_t, std::string>> entries() {
    int64_t n = -1;
    REQUIRE(imapi_fsimage_get_skipped_entry_count(img.get(), &n) == IMAPI_S_OK);
    std::vector<std::pair<int32_t, std::string>> out;
    for (int64_t i = 0; i < n; ++i) {
      imapi_skipped_entry e{};
      e.struct_size = sizeof e;
      REQUIRE(imapi_fsimage_get_skipped_entry(img.get(), i, &e) == IMAPI_S_OK);
      out.emplace_back(e.reason, e.host_path);
    }
    return out;
  }
  int32_t exists(const std::string& path) {
    int32_t type = -1;
    REQUIRE(imapi_fsimage_exists(img.get(), path.c_str(), &type) == IMAPI_S_OK);
    return type;
  }
};

// src/keep.txt, src/pipe (FIFO), src/sub/sock (socket), src/sub/link -> ../keep.txt.
fsys::path tree_with_unstorables(const TempDir& t) {
  t.write("src/keep.txt", "kept");
  t.write("src/sub/inner.txt", "inner");
  make_fifo(t.path / "src/pipe");
  make_socket(t.path / "src/sub/sock");
  fsys::create_symlink("../keep.txt", t.path / "src/sub/link");
  return t.path / "src";
}

}  // namespace

TEST_CASE("skipped entries: a FIFO, a socket and a link skipped by policy are recorded with host paths and reasons") {
  TempDir t;
  const auto src = tree_with_unstorables(t);
  SkipImage s(IMAPI_SYMLINKS_SKIP);
  CHECK(s.total(0) == 0);
  REQUIRE(s.add_tree(src) == IMAPI_S_OK);
  // Walk order: src's entries in name order, then sub's.
  const std::vector<std::pair<int32_t, std::string>> expected = {
      {IMAPI_SKIPPED_FIFO, src.string() + "/pipe"},
      {IMAPI_SKIPPED_SYMLINK, src.string() + "/sub/link"},
      {IMAPI_SKIPPED_SOCKET, src.string() + "/sub/sock"}};
  CHECK(s.entries() == expected);
  CHECK(s.total(0) == 3);
  CHECK(s.total(IMAPI_SKIPPED_FIFO) == 1);
  CHECK(s.total(IMAPI_SKIPPED_SOCKET) == 1);
  CHECK(s.total(IMAPI_SKIPPED_SYMLINK) == 1);
  CHECK(s.total(IMAPI_SKIPPED_CHARACTER_DEVICE) == 0);
  CHECK(s.exists("/keep.txt") == IMAPI_ITEM_FILE);
  CHECK(s.exists("/sub/inner.txt") == IMAPI_ITEM_FILE);
  CHECK(s.exists("/pipe") == IMAPI_ITEM_NOT_FOUND);
  CHECK(s.exists("/sub/sock") == IMAPI_ITEM_NOT_FOUND);
  CHECK(s.exists("/sub/link") == IMAPI_ITEM_NOT_FOUND);
  int64_t files = 0;
  REQUIRE(imapi_fsimage_get_file_count(s.img.get(), &files) == IMAPI_S_OK);
  CHECK(files == 2);

  // Recorded, the link is no skip; a second tree adds to the first's records.
  SkipImage r;
  REQUIRE(r.add_tree(src) == IMAPI_S_OK);
  CHECK(r.total(0) == 2);
  CHECK(r.exists("/sub/link") == IMAPI_ITEM_SYMLINK);
  REQUIRE(imapi_fsimage_set_symlink_policy(r.img.get(), IMAPI_SYMLINKS_SKIP) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(r.root.get(), src.c_str(), 1) == IMAPI_S_OK);
  CHECK(r.total(0) == 5);
  CHECK(r.total(IMAPI_SKIPPED_FIFO) == 2);
}

TEST_CASE("skipped entries: a followed link to a device is skipped as the device, under the link's path") {
  TempDir t;
  t.write("src/keep.txt", "kept");
  fsys::create_symlink("/dev/null", t.path / "src/null");
  SkipImage s(IMAPI_SYMLINKS_FOLLOW);
  REQUIRE(s.add_tree(t.path / "src") == IMAPI_S_OK);
  const std::vector<std::pair<int32_t, std::string>> expected = {
      {IMAPI_SKIPPED_CHARACTER_DEVICE, (t.path / "src/null").string()}};
  CHECK(s.entries() == expected);
  CHECK(s.exists("/null") == IMAPI_ITEM_NOT_FOUND);
}

TEST_CASE("skipped entries: past IMAPI_SKIPPED_PATHS_PER_KIND of a kind only the count grows") {
  TempDir t;
  t.write("src/keep.txt", "kept");
  const int kFifos = IMAPI_SKIPPED_PATHS_PER_KIND + 20;
  for (int i = 0; i < kFifos; ++i) make_fifo(t.path / "src" / ("p" + std::to_string(1000 + i)));
  make_socket(t.path / "src/zz-sock");  // after every FIFO: another kind keeps its own paths
  SkipImage s;
  REQUIRE(s.add_tree(t.path / "src") == IMAPI_S_OK);
  CHECK(s.total(IMAPI_SKIPPED_FIFO) == kFifos);
  CHECK(s.total(0) == kFifos + 1);
  const auto e = s.entries();
  REQUIRE(e.size() == IMAPI_SKIPPED_PATHS_PER_KIND + 1);
  CHECK(e.front().second == (t.path / "src/p1000").string());
  CHECK(e[IMAPI_SKIPPED_PATHS_PER_KIND - 1].second ==
        (t.path / "src" / ("p" + std::to_string(1000 + IMAPI_SKIPPED_PATHS_PER_KIND - 1))).string());
  CHECK(e.back() == std::pair<int32_t, std::string>(IMAPI_SKIPPED_SOCKET, (t.path / "src/zz-sock").string()));
}

TEST_CASE("skipped entries: a failed AddTree and a rollback take their records away") {
  TempDir t;
  const auto src = tree_with_unstorables(t);
  SkipImage s(IMAPI_SYMLINKS_FOLLOW);
  REQUIRE(s.add_tree(src) == IMAPI_S_OK);  // sub/link followed: a file
  REQUIRE(s.total(0) == 2);
  // "zz-dangling" fails the call after "pipe" was skipped again.
  fsys::create_symlink("nowhere", src / "zz-dangling");
  CHECK(imapi_fsitem_add_tree(s.root.get(), src.c_str(), 1) == IMAPI_E_FILE_NOT_FOUND);
  CHECK(s.total(0) == 2);
  CHECK(s.entries().size() == 2);
  fsys::remove(src / "zz-dangling");

  int64_t point = -1;
  REQUIRE(imapi_fsimage_get_change_point(s.img.get(), &point) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(s.root.get(), src.c_str(), 1) == IMAPI_S_OK);
  CHECK(s.total(0) == 4);
  REQUIRE(imapi_fsimage_rollback_to_change_point(s.img.get(), point) == IMAPI_S_OK);
  CHECK(s.total(0) == 2);
  CHECK(s.total(IMAPI_SKIPPED_SOCKET) == 1);
  CHECK(s.entries().size() == 2);
  CHECK(s.exists("/src") == IMAPI_ITEM_NOT_FOUND);
}

TEST_CASE("skipped entries: bad reasons, indices and pointers are refused") {
  TempDir t;
  SkipImage s;
  REQUIRE(s.add_tree(tree_with_unstorables(t)) == IMAPI_S_OK);
  int64_t n = 0;
  CHECK(imapi_fsimage_get_skipped_total(s.img.get(), IMAPI_SKIPPED_OTHER + 1, &n) == IMAPI_E_INVALIDARG);
  CHECK(last_message().find("not 7") != std::string::npos);
  CHECK(imapi_fsimage_get_skipped_total(s.img.get(), -1, &n) == IMAPI_E_INVALIDARG);
  CHECK(imapi_fsimage_get_skipped_total(s.img.get(), 0, nullptr) == IMAPI_E_POINTER);
  CHECK(imapi_fsimage_get_skipped_entry_count(nullptr, &n) == IMAPI_E_INVALID_HANDLE);
  imapi_skipped_entry e{};
  e.struct_size = sizeof e;
  e.reason = 99;
  CHECK(imapi_fsimage_get_skipped_entry(s.img.get(), 2, &e) == IMAPI_E_INVALIDARG);
  CHECK(last_message().find("2 skipped entries are kept") != std::string::npos);
  CHECK(e.reason == 99);  // unchanged
  CHECK(imapi_fsimage_get_skipped_entry(s.img.get(), -1, &e) == IMAPI_E_INVALIDARG);
  CHECK(imapi_fsimage_get_skipped_entry(s.img.get(), 0, nullptr) == IMAPI_E_POINTER);
}

TEST_CASE("skipped entries: a FIFO whose name is not UTF-8 is reported with U+FFFD, and still skipped") {
  TempDir t;
  t.write("src/keep.txt", "kept");
  make_fifo(t.path / "src" / "pipe-\xff");
  SkipImage s;
  REQUIRE(s.add_tree(t.path / "src") == IMAPI_S_OK);
  const auto e = s.entries();
  REQUIRE(e.size() == 1);
  CHECK(e[0].second == (t.path / "src").string() + "/pipe-\xEF\xBF\xBD");
}
