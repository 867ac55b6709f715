#include <catch2/catch.hpp>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/reader/iso_reader.hpp"

using namespace imapi;
using namespace imapi::fs;
namespace fsys = std::filesystem;

namespace {

std::shared_ptr<Stream> text(const std::string& s) {
  return std::make_shared<MemoryStream>(std::make_shared<const std::vector<uint8_t>>(s.begin(), s.end()));
}

// An in-memory image of `img`.
std::shared_ptr<BlockSource> image_of(const FileSystemImage& img) {
  auto layout = img.create_result();
  auto stream = std::make_shared<ImageStream>(layout);
  int64_t size = stream->size();
  auto bytes = std::make_shared<std::vector<uint8_t>>(static_cast<size_t>(size));
  REQUIRE(stream->read(bytes->data(), size) == size);
  return stream_source(std::make_shared<MemoryStream>(bytes));
}

std::map<std::string, const ImageEntry*> by_path(const std::vector<ImageEntry>&& v) = delete;  // would dangle
std::map<std::string, const ImageEntry*> by_path(const std::vector<ImageEntry>& v) {
  std::map<std::string, const ImageEntry*> m;
  for (auto& e : v) m[e.path] = &e;
  return m;
}

std::string content(const IsoReader& r, const ImageEntry& e) {
  std::string s(static_cast<size_t>(e.size), '\0');
  r.read(e, 0, s.data(), e.size);
  return s;
}

int32_t code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return 0;
}

}  // namespace

TEST_CASE("the reader reads back what the writer wrote, in every namespace", "[reader]") {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  auto root = img->root();
  std::string deep;
  for (int i = 0; i < 10; ++i) {
    deep += (i ? "/" : "") + std::string("level") + std::to_string(i);
    img->add_directory(root, deep);
  }
  img->add_file(root, deep + "/bottom.txt", make_stream_source(text("at the bottom")));
  img->add_file(root, "Привет мир 😀.txt", make_stream_source(text("unicode")));
  std::string long_name(230, 'n');
  img->add_file(root, long_name + ".dat", make_stream_source(text("long")));
  img->add_file(root, "empty", make_stream_source(text("")));
  img->add_symlink(root, "link", "../level0/./x");
  auto reader = IsoReader(image_of(*img));
  const auto& v = reader.volume();
  CHECK(v.rock_ridge);
  CHECK(v.rock_ridge_id == "IEEE_1282");
  CHECK(v.joliet_level == 3);

  auto rr = reader.list(IsoNamespace::rockridge);
  auto m = by_path(rr);
  REQUIRE(m.count("/" + deep + "/bottom.txt"));
  CHECK(content(reader, *m["/" + deep + "/bottom.txt"]) == "at the bottom");
  REQUIRE(m.count("/Привет мир 😀.txt"));
  CHECK(content(reader, *m["/Привет мир 😀.txt"]) == "unicode");
  REQUIRE(m.count("/" + long_name + ".dat"));
  REQUIRE(m.count("/link"));
  CHECK(m["/link"]->kind == EntryKind::symlink);
  CHECK(m["/link"]->target == "../level0/./x");
  CHECK(m["/empty"]->size == 0);
  CHECK(m["/level0"]->has_mode);

  auto jl = reader.list(IsoNamespace::joliet);
  auto j = by_path(jl);
  CHECK(j.count("/Привет мир 😀.txt"));
  CHECK(j.count("/" + deep + "/bottom.txt"));
  CHECK_FALSE(j.count("/link"));  // Joliet records no links

  auto il = reader.list(IsoNamespace::iso9660);
  auto iso = by_path(il);
  CHECK(iso.count("/EMPTY"));
  CHECK_FALSE(iso.count("/RR_MOVED"));  // deep directories stay where they are by default
  CHECK(iso.count("/LEVEL0/LEVEL1/LEVEL2/LEVEL3/LEVEL4/LEVEL5/LEVEL6/LEVEL7/LEVEL8/LEVEL9"));

  // Relocation asked for: ISO 9660 sees RR_MOVED; Rock Ridge (RE on it) does not.
  img->set_rr_relocation(true);
  auto relocated = IsoReader(image_of(*img));
  auto rl = relocated.list(IsoNamespace::iso9660);
  CHECK(by_path(rl).count("/RR_MOVED"));
  auto rrl = relocated.list(IsoNamespace::rockridge);
  auto rm = by_path(rrl);
  CHECK_FALSE(rm.count("/.rr_moved"));
  REQUIRE(rm.count("/" + deep + "/bottom.txt"));
  CHECK(content(relocated, *rm["/" + deep + "/bottom.txt"]) == "at the bottom");
  CHECK(rrl.size() == rr.size());
}

TEST_CASE("the reader joins the sections of a multi-extent file", "[reader]") {
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->set_iso_level(3);
  int64_t big = (int64_t{1} << 32) + 5000;
  img->add_file(img->root(), "big.bin", make_stream_source(std::make_shared<ZeroStream>(big)));
  auto layout = img->create_result();
  // Only the metadata matters here: serve zeros for the data instead of 4 GiB of memory.
  auto stream = std::make_shared<ImageStream>(layout);
  auto reader = IsoReader(stream_source(stream));
  auto listing = reader.list(IsoNamespace::rockridge);
  auto m = by_path(listing);
  REQUIRE(m.count("/big.bin"));
  CHECK(m["/big.bin"]->size == big);
  CHECK(m["/big.bin"]->extents.size() == 2);
  CHECK(m["/big.bin"]->extents[0].size == 0xFFFFF800);
}

TEST_CASE("the reader reads images made by genisoimage and xorriso", "[reader]") {
  if (std::system("command -v genisoimage >/dev/null && command -v xorriso >/dev/null") != 0) {
    WARN("genisoimage or xorriso missing: skipped");
    return;
  }
  auto dir = fsys::temp_directory_path() / "imapi-reader-peers";
  fsys::remove_all(dir);
  fsys::create_directories(dir / "src/sub");
  std::ofstream(dir / "src/sub/Grüße.txt") << "hello peers";
  std::ofstream(dir / "src/top.txt") << "top";
  fsys::create_symlink("sub/Grüße.txt", dir / "src/link");
  std::string s = dir.string();
  REQUIRE(std::system(("genisoimage -quiet -J -R -o '" + s + "/g.iso' '" + s + "/src' 2>/dev/null").c_str()) == 0);
  REQUIRE(std::system(("xorriso -as mkisofs -quiet -J -R -o '" + s + "/x.iso' '" + s + "/src' 2>/dev/null").c_str()) == 0);
  for (const char* name : {"g.iso", "x.iso"}) {
    INFO(name);
    IsoReader reader(open_file_source(s + "/" + name));
    auto listing = reader.list(IsoNamespace::rockridge);
    auto m = by_path(listing);
    REQUIRE(m.count("/sub/Grüße.txt"));
    CHECK(content(reader, *m["/sub/Grüße.txt"]) == "hello peers");
    REQUIRE(m.count("/link"));
    CHECK(m["/link"]->target == "sub/Grüße.txt");
    auto jl = reader.list(IsoNamespace::joliet);
    CHECK(by_path(jl).count("/sub/Grüße.txt"));
  }
  fsys::remove_all(dir);
}

TEST_CASE("hostile images get IMAPI errors naming the block, never a crash", "[reader]") {
  auto img = FileSystemImage::create();
  img->add_directory(img->root(), "d");
  img->add_file(img->root(), "d/f.txt", make_stream_source(text("data")));
  auto layout = img->create_result();
  ImageStream stream(layout);
  std::vector<uint8_t> good(static_cast<size_t>(stream.size()));
  stream.read(good.data(), static_cast<int64_t>(good.size()));
  auto reader_of = [](std::vector<uint8_t> bytes) {
    auto shared = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
    return IsoReader(stream_source(std::make_shared<MemoryStream>(shared)));
  };
  auto list_all = [&](std::vector<uint8_t> bytes) {
    auto r = reader_of(std::move(bytes));
    for (auto ns : {IsoNamespace::iso9660, IsoNamespace::joliet, IsoNamespace::rockridge}) r.list(ns);
  };
  CHECK(code_of([&] { list_all(good); }) == 0);
  CHECK(code_of([&] { reader_of(std::vector<uint8_t>(good.begin(), good.end() - 1)); }) ==
        IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);
  CHECK(code_of([&] { reader_of(std::vector<uint8_t>(40 * 2048, 0)); }) == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
  // Truncated after the descriptors.
  CHECK(code_of([&] { list_all(std::vector<uint8_t>(good.begin(), good.begin() + 20 * 2048)); }) != 0);

  const uint32_t root_block = good[16 * 2048 + 156 + 2] | (good[16 * 2048 + 156 + 3] << 8);
  // A subdirectory record that points back at the root: a loop.
  {
    auto bad = good;
    uint8_t* dir = bad.data() + root_block * 2048;
    size_t pos = dir[0] + dir[dir[0]];  // past "." and ".."
    for (; pos < 2048 && dir[pos]; pos += dir[pos])
      if (dir[pos + 25] & 0x02) {
        std::memcpy(dir + pos + 2, &root_block, 4);
        break;
      }
    CHECK(code_of([&] { list_all(bad); }) == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
  }
  // A record length that runs past its sector.
  {
    auto bad = good;
    bad[root_block * 2048 + 34 + 34] = 0;  // keep going after ".." ...
    bad[root_block * 2048] = 33;           // ... but "." is shorter than any record
    int32_t c = code_of([&] { list_all(bad); });
    CHECK(c == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
  }
  // Every single-byte corruption of the metadata is either read or refused cleanly.
  for (size_t at = 16 * 2048; at < static_cast<size_t>(layout->metadata_blocks * 2048); at += 7) {
    auto bad = good;
    bad[at] ^= 0xA5;
    int32_t c = code_of([&] { list_all(bad); });
    if (c != 0)
      CHECK((c == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR || c == IMAPI_E_IMPORT_READ_FAILURE ||
             c == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND || c == IMAPI_E_FILE_SYSTEM_NOT_FOUND));
  }
}
