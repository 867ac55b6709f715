// Issue 10 point 9 and issue 12 point 9: one rule for paths (image paths from
// the root, item paths relative), caller input cut in messages, strict
// compliance bounding Joliet paths, and files whose size stat() does not know.
#include <fstream>
#include <string>

#include "capi_fixture.hpp"

using namespace test;

namespace {

struct Tree {
  Image img;
  Item root;
  Tree() {
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  }
  imapi_status exists(const char* path, int32_t& type) { return imapi_fsimage_exists(img.get(), path, &type); }
  int32_t type_of(const char* path) {
    int32_t t = -1;
    REQUIRE(exists(path, t) == IMAPI_S_OK);
    return t;
  }
  imapi_status add_text(const char* path, const std::string& text) {
    Stream s;
    REQUIRE(imapi_stream_create_from_memory(text.data(), static_cast<int64_t>(text.size()), s.out()) == IMAPI_S_OK);
    return imapi_fsitem_add_file(root.get(), path, s.get());
  }
  std::string data_of(const char* path) {
    Item f;
    REQUIRE(imapi_fsimage_get_item(img.get(), path, f.out()) == IMAPI_S_OK);
    Stream s;
    REQUIRE(imapi_fsitem_get_data(f.get(), s.out()) == IMAPI_S_OK);
    return read_all(s.get());
  }
};

}  // namespace

TEST_CASE("image paths start at the root with or without '/', item paths are relative") {
  Tree t;
  REQUIRE(imapi_fsitem_add_directory(t.root.get(), "docs") == IMAPI_S_OK);
  REQUIRE(t.add_text("docs/a.txt", "a") == IMAPI_S_OK);
  // Image paths: "docs" means the root's docs, as "/docs" does (issue 12 point 9).
  CHECK(t.type_of("docs") == IMAPI_ITEM_DIRECTORY);
  CHECK(t.type_of("/docs") == IMAPI_ITEM_DIRECTORY);
  CHECK(t.type_of("docs/") == IMAPI_ITEM_DIRECTORY);
  CHECK(t.type_of("docs/a.txt") == IMAPI_ITEM_FILE);
  CHECK(t.type_of("nothing") == IMAPI_ITEM_NOT_FOUND);
  Item by_relative;
  CHECK(imapi_fsimage_get_item(t.img.get(), "docs/a.txt", by_relative.out()) == IMAPI_S_OK);

  // Item paths never start with '/': every path-taking item function says so.
  CHECK(imapi_fsitem_add_directory(t.root.get(), "/abs") == IMAPI_E_INVALID_PATH);
  CHECK(last_message().find("relative to the item") != std::string::npos);
  CHECK(t.type_of("abs") == IMAPI_ITEM_NOT_FOUND);
  CHECK(t.add_text("/f.txt", "f") == IMAPI_E_INVALID_PATH);
  CHECK(imapi_fsitem_add_symlink(t.root.get(), "/l", "docs") == IMAPI_E_INVALID_PATH);
  CHECK(imapi_fsitem_add_file_from_path(t.root.get(), "/p", "/etc/hostname") == IMAPI_E_INVALID_PATH);
  Item item;
  CHECK(imapi_fsitem_get_item(t.root.get(), "/docs", item.out()) == IMAPI_E_INVALID_PATH);
  CHECK(imapi_fsitem_remove(t.root.get(), "/docs/a.txt") == IMAPI_E_INVALID_PATH);
  CHECK(imapi_fsitem_remove_tree(t.root.get(), "/docs") == IMAPI_E_INVALID_PATH);
  CHECK(t.type_of("docs/a.txt") == IMAPI_ITEM_FILE);
  // The same paths without '/' work.
  CHECK(imapi_fsitem_get_item(t.root.get(), "docs", item.out()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_directory(item.get(), "sub") == IMAPI_S_OK);
  CHECK(t.type_of("/docs/sub") == IMAPI_ITEM_DIRECTORY);
  CHECK(imapi_fsitem_remove(t.root.get(), "docs/a.txt") == IMAPI_S_OK);

  // Malformed paths are refused, not "not found".
  int32_t type = -1;
  for (const char* bad : {"docs//sub", "./docs", "docs/../docs", "/docs/."}) {
    INFO(bad);
    CHECK(t.exists(bad, type) == IMAPI_E_INVALID_PATH);
    CHECK(last_message().find("invalid path") != std::string::npos);
  }
  CHECK(imapi_fsimage_get_item(t.img.get(), "docs//sub", item.out()) == IMAPI_E_INVALID_PATH);
}

TEST_CASE("over-long input is cut in messages, with its length") {
  Tree t;
  const std::string volume(70000, 'V');
  REQUIRE(imapi_fsimage_set_volume_name(t.img.get(), volume.c_str()) == IMAPI_E_INVALID_VOLUME_NAME);
  std::string m = last_message();
  CHECK(m.size() < 400);
  CHECK(m.find("(70000 bytes)") != std::string::npos);
  CHECK(m.find(std::string(200, 'V')) != std::string::npos);

  const std::string name(3800000, 'n');
  REQUIRE(imapi_fsitem_add_directory(t.root.get(), name.c_str()) == IMAPI_E_INVALID_PATH);
  m = last_message();
  CHECK(m.size() < 600);
  CHECK(m.find("(3800000 bytes)") != std::string::npos);
  // A cut never splits a UTF-8 character: 199 ASCII bytes, then 2-byte characters.
  std::string mixed(199, 'x');
  for (int i = 0; i < 200; ++i) mixed += "\xC3\xA9";  // é
  REQUIRE(imapi_fsitem_add_directory(t.root.get(), (mixed + "//x").c_str()) == IMAPI_E_INVALID_PATH);
  m = last_message();
  CHECK(m.find(std::string(199, 'x') + "...'") != std::string::npos);
}

TEST_CASE("strict compliance refuses Joliet paths over 240 characters, with Rock Ridge too") {
  for (bool too_long : {false, true}) {
    INFO("too long: " << too_long);
    Tree t;
    REQUIRE(imapi_fsimage_set_strict_compliance(t.img.get(), 1) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_set_file_systems_to_create(t.img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE) ==
            IMAPI_S_OK);
    // Four levels of 59 characters: 4 x (1 + 59) = 240 characters; one more makes 241.
    std::string path;
    for (int level = 0; level < 4; ++level) {
      path += (level ? "/" : "") + std::string(59, static_cast<char>('a' + level));
      REQUIRE(imapi_fsitem_add_directory(t.root.get(), path.c_str()) == IMAPI_S_OK);
    }
    if (too_long) REQUIRE(imapi_fsitem_add_directory(t.root.get(), (path + "/e").c_str()) == IMAPI_S_OK);
    Result r;
    const imapi_status st = imapi_fsimage_create_result_image(t.img.get(), r.out());
    if (!too_long) {
      CHECK(st == IMAPI_S_OK);
    } else {
      CHECK(st == IMAPI_E_INVALID_PATH);
      const std::string m = last_message();
      CHECK(m.find("Joliet path") != std::string::npos);
      CHECK(m.find("242 characters") != std::string::npos);
      CHECK(m.find("240") != std::string::npos);
      CHECK(m.find(std::string(59, 'a')) != std::string::npos);
    }
  }
}

TEST_CASE("files that stat() calls empty but that read as content are snapshotted when added") {
  std::ifstream probe("/proc/version");
  std::string version((std::istreambuf_iterator<char>(probe)), std::istreambuf_iterator<char>());
  REQUIRE(!version.empty());
  Tree t;
  REQUIRE(imapi_fsitem_add_file_from_path(t.root.get(), "version", "/proc/version") == IMAPI_S_OK);
  CHECK(t.data_of("version") == version);
  int64_t size = -1;
  Item f;
  REQUIRE(imapi_fsimage_get_item(t.img.get(), "version", f.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_get_data_size(f.get(), &size) == IMAPI_S_OK);
  CHECK(size == static_cast<int64_t>(version.size()));

  // In a tree (AddTree): /proc/sys/kernel/random holds such files.
  std::ifstream pool("/proc/sys/kernel/random/poolsize");
  std::string poolsize((std::istreambuf_iterator<char>(pool)), std::istreambuf_iterator<char>());
  REQUIRE(!poolsize.empty());
  REQUIRE(imapi_fsitem_add_directory(t.root.get(), "random") == IMAPI_S_OK);
  Item random;
  REQUIRE(imapi_fsitem_get_item(t.root.get(), "random", random.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(random.get(), "/proc/sys/kernel/random", 0) == IMAPI_S_OK);
  CHECK(t.data_of("random/poolsize") == poolsize);

  // An ordinary empty file stays empty.
  const std::string empty = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + "/imapi-empty-file-test";
  { std::ofstream(empty.c_str()); }
  REQUIRE(imapi_fsitem_add_file_from_path(t.root.get(), "empty", empty.c_str()) == IMAPI_S_OK);
  CHECK(t.data_of("empty").empty());
  std::remove(empty.c_str());
}
