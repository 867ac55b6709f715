// The UDF reader against what the UDF writer wrote, in every revision, and
// against damaged images: errors name the block, nothing crashes or loops.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/reader/udf_reader.hpp"
#include "fs/udf/ecma167.hpp"
#include "image_bytes.hpp"

using namespace imapi;
using namespace imapi::fs;

namespace {

using test::bytes_of;

std::shared_ptr<FileSystemImage> sample(int32_t file_systems, int32_t revision) {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->set_file_systems(file_systems);
  img->set_udf_revision(revision);
  img->set_volume_name("Sample UDF");
  auto root = img->root();
  img->add_directory(root, "a");
  img->add_directory(root, "a/b");
  img->add_directory(root, "a/b/c");
  img->add_file(root, "a/b/c/deep.txt", make_stream_source(test::text_stream("deep down")));
  img->add_file(root, "Привет мир 😀.txt", make_stream_source(test::text_stream("unicode")));
  img->add_file(root, "empty", make_stream_source(test::text_stream("")));
  img->add_file(root, std::string(240, 'n') + "\xE6\x97\xA5.dat", make_stream_source(test::text_stream("long")));
  img->add_symlink(root, "link", "../a/./b");
  img->add_file(root, "secret", make_stream_source(test::text_stream("s")));
  img->set_posix(img->find(*root, "secret"), 0600, 1000, 100);
  return img;
}

int32_t code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return 0;
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("the UDF reader reads back every revision the writer writes", "[udf][reader]") {
  for (int32_t rev : {0x102, 0x150, 0x200, 0x201, 0x250, 0x260}) {
    for (int32_t fs : {IMAPI_FS_UDF, IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE | IMAPI_FS_UDF}) {
      CAPTURE(rev, fs);
      auto source = test::memory_source(bytes_of(*sample(fs, rev)));
      REQUIRE(UdfReader::present(*source));
      UdfReader reader(source);
      CHECK(reader.volume().revision == rev);
      CHECK(reader.volume().label == "Sample UDF");
      CHECK(reader.volume().metadata_partition == (rev >= 0x250));
      auto list = reader.list();
      std::map<std::string, const ImageEntry*> m;
      for (const auto& e : list) m[e.path] = &e;
      CHECK(list.size() == 9);
      REQUIRE(m.count("/a/b/c/deep.txt"));
      std::string s(9, '\0');
      reader.read(*m["/a/b/c/deep.txt"], 0, s.data(), 9);
      CHECK(s == "deep down");
      REQUIRE(m.count("/Привет мир 😀.txt"));
      CHECK(m["/empty"]->size == 0);
      CHECK(m["/link"]->kind == EntryKind::symlink);
      CHECK(m["/link"]->target == "../a/./b");
      CHECK(m["/secret"]->mode == 0600);
      CHECK(m["/a"]->kind == EntryKind::directory);
      // The long name no longer fits 255 bytes of CS0 (its CJK character makes it
      // 16-bit): shortened, extension kept.
      bool shortened = false;
      for (const auto& [p, e] : m) shortened |= p.size() > 100 && p.ends_with(".dat");
      CHECK(shortened);
    }
  }
}

TEST_CASE("the UDF reader names the block of what is wrong", "[udf][reader]") {
  auto good = bytes_of(*sample(IMAPI_FS_UDF, 0x201));
  SECTION("no UDF at all") {
    std::vector<uint8_t> zeros(good.size(), 0);
    CHECK(code_of([&] { UdfReader r(test::memory_source(zeros)); }) == IMAPI_E_FILE_SYSTEM_NOT_FOUND);
  }
  SECTION("both anchors damaged") {
    auto bad = good;
    bad[256 * 2048 + 20] ^= 0xFF;
    bad[bad.size() - 2048 + 20] ^= 0xFF;
    CHECK(code_of([&] { UdfReader r(test::memory_source(bad)); }) == IMAPI_E_FILE_SYSTEM_NOT_FOUND);
  }
  SECTION("main sequence damaged: the reserve one is used") {
    auto bad = good;
    for (int b = 32; b < 48; ++b) bad[static_cast<size_t>(b) * 2048 + 30] ^= 0x5A;
    UdfReader r(test::memory_source(bad));
    CHECK(r.list().size() == 9);
  }
  SECTION("2.50: a damaged metadata file entry: the mirror's own copy is read") {
    auto img = sample(IMAPI_FS_UDF, 0x250);
    auto bytes = bytes_of(*img);
    bytes[257 * 2048 + 20] ^= 0xFF;  // the metadata file's entry opens the UDF area
    UdfReader r(test::memory_source(bytes));
    CHECK(r.list().size() == 9);
  }
  SECTION("a damaged file set descriptor") {
    auto bad = good;
    bad[257 * 2048 + 100] ^= 0x01;  // the partition opens with the file set descriptor
    auto msg = message_of([&] { UdfReader r(test::memory_source(bad)); });
    CHECK(msg.find("block 257") != std::string::npos);
    CHECK(msg.find("CRC") != std::string::npos);
  }
  SECTION("a truncated image") {
    auto bad = good;
    bad.resize(262 * 2048);  // the file entries end past here
    CHECK(code_of([&] { UdfReader r(test::memory_source(bad)); r.list(); }) != 0);
  }
  SECTION("every single-byte change of the tree is an error or a listing, never a crash") {
    // The entries and identifiers sit right after the file set descriptor.
    for (size_t at = 257 * 2048; at < 257 * 2048 + 40 * 2048 && at < good.size(); at += 97) {
      auto bad = good;
      bad[at] ^= 0xA5;
      try {
        UdfReader r(test::memory_source(bad));
        auto l = r.list();
        CHECK(l.size() <= 9);
      } catch (const Error& e) {
        CHECK(e.code() < 0);
      }
    }
  }
}
