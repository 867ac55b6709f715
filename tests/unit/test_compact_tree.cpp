// The compact per-file records a tree of a million files is made of: node
// times in one word, link targets in the data slot, host sources in their
// listing, and layout extents that name files by their directory and their
// source's own name instead of a path string each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "capi_fixture.hpp"
#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/layout/progress_items.hpp"
#include "fs/reader/image_reader.hpp"
#include "fs/tree/data_source.hpp"
#include "fs/tree/node.hpp"

namespace fs = imapi::fs;

TEST_CASE("compact tree: the per-file records keep their sizes", "[fs][memory]") {
  // What a file costs in a million-file tree (docs/performance.md, bench (c)).
  CHECK(sizeof(fs::Node) <= 88);
  CHECK(sizeof(fs::FileExtent) == 16);
}

TEST_CASE("compact tree: node times hold one time or three, as set", "[fs]") {
  fs::Node n;
  n.times = fs::Times{1, 2, 3};
  fs::Times t = n.times;
  CHECK(t.creation == 1);
  CHECK(t.access == 2);
  CHECK(t.modification == 3);
  CHECK(n.times.modification() == 3);
  n.times = fs::Times{5, 5, 5};
  t = n.times;
  CHECK(t.creation == 5);
  CHECK(t.access == 5);
  CHECK(t.modification == 5);
  n.times = fs::Times{7, 9, 9};
  t = n.times;
  CHECK(t.creation == 7);
  CHECK(t.access == 9);
}

TEST_CASE("compact tree: a link's target lives in its data slot, and only a link has one", "[fs]") {
  fs::Node link;
  link.kind = fs::NodeKind::symlink;
  link.set_link_target("sub/b.bin");
  CHECK(link.link_target() == "sub/b.bin");
  CHECK(link.data_size() == 0);
  CHECK_THROWS_AS(link.data->open(), imapi::Error);
  fs::Node file;
  CHECK(file.link_target().empty());
  CHECK_THROWS_AS(file.set_link_target("x"), imapi::Error);
}

TEST_CASE("compact layout: image paths, renamed files and hard links, after the tree is gone", "[fs][layout]") {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  test::TempDir t;
  t.write("top/a.bin", "alpha");
  t.write("top/sub/b.bin", "bravo bravo");
  t.write("other.bin", "a file added under another name");
  std::filesystem::create_hard_link(t.path / "top/sub/b.bin", t.path / "top/sub/c.bin");
  std::filesystem::create_symlink("sub/b.bin", t.path / "top/l");

  std::shared_ptr<const fs::ImageLayout> layout;
  {
    auto img = fs::FileSystemImage::create();
    img->add_tree(img->root(), (t.path / "top").string(), false);
    img->add_file(img->root(), "sub/renamed.bin", fs::make_path_source((t.path / "other.bin").string()));
    layout = img->create_result();
  }  // the tree is gone: the result holds what it needs
  const auto& l = *layout;

  // b.bin and c.bin are one file, stored once under the first name.
  REQUIRE(fs::progress_item_count(l) == 4);
  std::set<std::string> descriptions;
  for (int64_t i = 1; i < fs::progress_item_count(l); ++i) descriptions.insert(fs::progress_item(l, i).description);
  CHECK(descriptions == std::set<std::string>{"/a.bin", "/sub/b.bin", "/sub/renamed.bin"});
  const int64_t renamed = fs::progress_item_by_description(l, "/sub/renamed.bin");
  // The C ABI lends the description: the same pointer while the result lives.
  CHECK(fs::progress_item(l, renamed).description == fs::progress_item(l, renamed).description);
  CHECK_THROWS_AS(fs::progress_item_by_description(l, "/sub/c.bin"), imapi::Error);
  CHECK_THROWS_AS(fs::progress_item_by_description(l, "/sub"), imapi::Error);
  CHECK_THROWS_AS(fs::progress_item_by_description(l, "sub/renamed.bin"), imapi::Error);

  auto stream = std::make_shared<fs::ImageStream>(layout);
  auto bytes = std::make_shared<std::vector<uint8_t>>(static_cast<size_t>(stream->size()));
  REQUIRE(stream->read(bytes->data(), stream->size()) == stream->size());
  fs::ImageReader reader(fs::stream_source(std::make_shared<imapi::MemoryStream>(bytes)));
  std::map<std::string, fs::ImageEntry> entries;
  for (auto& e : reader.list(IMAPI_FS_ROCKRIDGE)) entries[e.path] = e;
  auto content = [&](const std::string& path) {
    const auto& e = entries.at(path);
    std::string s(static_cast<size_t>(e.size), '\0');
    reader.read(e, 0, s.data(), e.size);
    return s;
  };
  CHECK(content("/a.bin") == "alpha");
  CHECK(content("/sub/b.bin") == "bravo bravo");
  CHECK(content("/sub/c.bin") == "bravo bravo");
  CHECK(content("/sub/renamed.bin") == "a file added under another name");
  REQUIRE(!entries.at("/sub/b.bin").extents.empty());
  CHECK(entries.at("/sub/b.bin").extents.front().block == entries.at("/sub/c.bin").extents.front().block);
  CHECK(entries.at("/l").target == "sub/b.bin");
}
