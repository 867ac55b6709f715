// AddTree's symlink policy (imapi_fsimage_set_symlink_policy): record, follow
// and skip on a host tree with a link to a file, one to a directory, a dangling
// one and a loop.
#include <filesystem>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {

struct PolicyImage {
  Image img;
  Item root;
  explicit PolicyImage(int32_t policy) {
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_set_symlink_policy(img.get(), policy) == IMAPI_S_OK);
  }
  int32_t exists(const std::string& path) {
    int32_t type = -1;
    REQUIRE(imapi_fsimage_exists(img.get(), path.c_str(), &type) == IMAPI_S_OK);
    return type;
  }
  std::string content(const std::string& path) {
    Item item;
    REQUIRE(imapi_fsimage_get_item(img.get(), path.c_str(), item.out()) == IMAPI_S_OK);
    Stream s;
    REQUIRE(imapi_fsitem_get_data(item.get(), s.out()) == IMAPI_S_OK);
    return read_all(s.get());
  }
  int64_t files() {
    int64_t n = 0;
    REQUIRE(imapi_fsimage_get_file_count(img.get(), &n) == IMAPI_S_OK);
    return n;
  }
};

// src/data.txt, src/dir/inner.txt, and links to both.
fsys::path tree_with_links(const TempDir& t) {
  t.write("src/data.txt", "the target's bytes");
  t.write("src/dir/inner.txt", "inside");
  fsys::create_symlink("data.txt", t.path / "src/file_link");
  fsys::create_directory_symlink("dir", t.path / "src/dir_link");
  return t.path / "src";
}

// The links follow must refuse: src/dangling (to nothing) and src/dir/loop (to src).
void add_unfollowable_links(const fsys::path& src) {
  fsys::create_symlink("nowhere", src / "dangling");
  fsys::create_directory_symlink("..", src / "dir/loop");
}

}  // namespace

TEST_CASE("symlink policy: record by default, unknown values refused") {
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  int32_t policy = -1;
  CHECK(imapi_fsimage_get_symlink_policy(img.get(), &policy) == IMAPI_S_OK);
  CHECK(policy == IMAPI_SYMLINKS_RECORD);
  CHECK(imapi_fsimage_set_symlink_policy(img.get(), 3) == IMAPI_E_INVALIDARG);
  CHECK(last_message().find("IMAPI_SYMLINKS_FOLLOW") != std::string::npos);
  CHECK(imapi_fsimage_set_symlink_policy(img.get(), -1) == IMAPI_E_INVALIDARG);
  CHECK(imapi_fsimage_get_symlink_policy(img.get(), &policy) == IMAPI_S_OK);
  CHECK(policy == IMAPI_SYMLINKS_RECORD);
  CHECK(imapi_fsimage_set_symlink_policy(nullptr, IMAPI_SYMLINKS_SKIP) == IMAPI_E_INVALID_HANDLE);
  CHECK(imapi_fsimage_get_symlink_policy(img.get(), nullptr) == IMAPI_E_POINTER);
  CHECK(imapi_fsimage_set_symlink_policy(img.get(), IMAPI_SYMLINKS_SKIP) == IMAPI_S_OK);
  CHECK(imapi_fsimage_get_symlink_policy(img.get(), &policy) == IMAPI_S_OK);
  CHECK(policy == IMAPI_SYMLINKS_SKIP);
}

TEST_CASE("symlink policy record: links are recorded as links, dangling and looping ones too") {
  TempDir t;
  auto src = tree_with_links(t);
  add_unfollowable_links(src);
  PolicyImage p(IMAPI_SYMLINKS_RECORD);
  REQUIRE(imapi_fsitem_add_tree(p.root.get(), src.c_str(), 0) == IMAPI_S_OK);
  CHECK(p.exists("/file_link") == IMAPI_ITEM_SYMLINK);
  CHECK(p.exists("/dir_link") == IMAPI_ITEM_SYMLINK);
  CHECK(p.exists("/dangling") == IMAPI_ITEM_SYMLINK);
  CHECK(p.exists("/dir/loop") == IMAPI_ITEM_SYMLINK);
  Item link;
  REQUIRE(imapi_fsimage_get_item(p.img.get(), "/dir/loop", link.out()) == IMAPI_S_OK);
  char* target = nullptr;
  REQUIRE(imapi_fsitem_get_symlink_target(link.get(), &target) == IMAPI_S_OK);
  CHECK(std::string(target) == "..");
  imapi_free(target);
}

TEST_CASE("symlink policy follow: a file link is the target's content, a directory link its contents") {
  TempDir t;
  auto src = tree_with_links(t);
  PolicyImage p(IMAPI_SYMLINKS_FOLLOW);
  REQUIRE(imapi_fsitem_add_tree(p.root.get(), src.c_str(), 0) == IMAPI_S_OK);
  CHECK(p.exists("/file_link") == IMAPI_ITEM_FILE);
  CHECK(p.content("/file_link") == "the target's bytes");
  CHECK(p.exists("/dir_link") == IMAPI_ITEM_DIRECTORY);
  CHECK(p.exists("/dir_link/inner.txt") == IMAPI_ITEM_FILE);
  CHECK(p.content("/dir_link/inner.txt") == "inside");
  CHECK(p.content("/dir/inner.txt") == "inside");
  // The image itself: the followed file is written with its bytes.
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(p.img.get(), r.out()) == IMAPI_S_OK);
  Stream s;
  REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), s.out()) == IMAPI_S_OK);
  CHECK(read_all(s.get()).find("the target's bytes") != std::string::npos);
}

TEST_CASE("symlink policy follow: a dangling link fails the call, names the link, and rolls back") {
  TempDir t;
  auto src = tree_with_links(t);
  fsys::create_symlink("nowhere", src / "dangling");
  PolicyImage p(IMAPI_SYMLINKS_FOLLOW);
  const int64_t before = p.files();
  CHECK(imapi_fsitem_add_tree(p.root.get(), src.c_str(), 0) == IMAPI_E_FILE_NOT_FOUND);
  CHECK(last_message().find("dangling") != std::string::npos);
  CHECK(imapi_error_last()->os_error == ENOENT);
  CHECK(p.files() == before);
  CHECK(p.exists("/data.txt") == IMAPI_ITEM_NOT_FOUND);
}

TEST_CASE("symlink policy follow: a link to an ancestor is a loop, refused naming the link") {
  TempDir t;
  auto src = tree_with_links(t);
  fsys::create_directory_symlink("..", src / "dir/up");
  PolicyImage p(IMAPI_SYMLINKS_FOLLOW);
  CHECK(imapi_fsitem_add_tree(p.root.get(), src.c_str(), 0) == IMAPI_E_DIRECTORY_READ_FAILURE);
  const std::string message = last_message();
  CHECK(message.find("loop") != std::string::npos);
  CHECK(message.find("up") != std::string::npos);
  CHECK(p.exists("/data.txt") == IMAPI_ITEM_NOT_FOUND);

  // A loop reached through another followed link: src/dir_link -> dir, dir/up -> src.
  PolicyImage q(IMAPI_SYMLINKS_FOLLOW);
  fsys::remove(src / "dir/up");
  fsys::create_directory_symlink(src, t.path / "outside");
  fsys::create_directory_symlink(t.path / "outside", src / "dir/back");
  CHECK(imapi_fsitem_add_tree(q.root.get(), src.c_str(), 0) == IMAPI_E_DIRECTORY_READ_FAILURE);
  CHECK(last_message().find("back") != std::string::npos);
}

TEST_CASE("symlink policy skip: links are left out, whatever they point at") {
  TempDir t;
  auto src = tree_with_links(t);
  add_unfollowable_links(src);
  PolicyImage p(IMAPI_SYMLINKS_SKIP);
  REQUIRE(imapi_fsitem_add_tree(p.root.get(), src.c_str(), 0) == IMAPI_S_OK);
  CHECK(p.exists("/data.txt") == IMAPI_ITEM_FILE);
  CHECK(p.exists("/dir/inner.txt") == IMAPI_ITEM_FILE);
  CHECK(p.exists("/file_link") == IMAPI_ITEM_NOT_FOUND);
  CHECK(p.exists("/dir_link") == IMAPI_ITEM_NOT_FOUND);
  CHECK(p.exists("/dangling") == IMAPI_ITEM_NOT_FOUND);
  CHECK(p.exists("/dir/loop") == IMAPI_ITEM_NOT_FOUND);
  CHECK(p.files() == 2);
}
