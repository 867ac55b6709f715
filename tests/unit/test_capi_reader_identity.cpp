// Entries are opened by the name they have in one file system, not by their
// position in whichever listing came last; each file system's label is readable.
#include <filesystem>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {
using Reader = Handle<imapi_image_reader, imapi_image_reader_free>;

// A bridge (ISO 9660 + Joliet + UDF) image whose trees list in different orders:
// Joliet sorts UCS-2 (the emoji's surrogates first), UDF by code point.
fsys::path make_bridge(const TempDir& t) {
  t.write("src/\xEF\xAC\x80.bin", std::string(300000, 'Z'));  // U+FB00
  t.write("src/\xF0\x9F\x98\x80.txt", "sixteen bytes!!!");     // U+1F600
  t.write("src/A/small.txt", "small");
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_file_systems_to_create(img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_UDF) ==
          IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_volume_name(img.get(), "Ünïcödé Tree") == IMAPI_S_OK);
  Item root;
  REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(img.get(), r.out()) == IMAPI_S_OK);
  auto out = t.path / "bridge.iso";
  REQUIRE(imapi_fsimage_result_write_file(r.get(), out.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  return out;
}

std::string entry_path(imapi_image_reader* r, int64_t i) {
  imapi_image_entry e{};
  e.struct_size = sizeof e;
  REQUIRE(imapi_image_reader_get_entry(r, i, &e) == IMAPI_S_OK);
  return e.path;
}
}  // namespace

TEST_CASE("open_file_by_path opens the file it names whatever was listed since", "[reader]") {
  TempDir t;
  auto image = make_bridge(t);
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  int64_t n = 0;
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_UDF, &n) == IMAPI_S_OK);
  std::string first_file;
  for (int64_t i = 0; i < n && first_file.empty(); ++i) {
    imapi_image_entry e{};
    e.struct_size = sizeof e;
    REQUIRE(imapi_image_reader_get_entry(r.get(), i, &e) == IMAPI_S_OK);
    if (e.type == IMAPI_ENTRY_FILE) first_file = e.path;
  }
  REQUIRE(!first_file.empty());
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_JOLIET, &n) == IMAPI_S_OK);
  Stream s;
  REQUIRE(imapi_image_reader_open_file_by_path(r.get(), IMAPI_FS_UDF, first_file.c_str(), s.out()) == IMAPI_S_OK);
  CHECK(read_all(s.get()) == file_bytes(t.path / "src" / first_file.substr(1)));
  // Without the leading '/', and in the other file system, the same bytes.
  Stream j;
  REQUIRE(imapi_image_reader_open_file_by_path(r.get(), IMAPI_FS_JOLIET, "\xEF\xAC\x80.bin", j.out()) == IMAPI_S_OK);
  CHECK(read_all(j.get()) == std::string(300000, 'Z'));
  // The index of the UDF listing names another file in the Joliet one: why opening goes by path.
  CHECK(entry_path(r.get(), 1) != first_file);
  Stream no;
  CHECK(imapi_image_reader_open_file_by_path(r.get(), IMAPI_FS_UDF, "/missing", no.out()) == IMAPI_E_ITEM_NOT_FOUND);
  CHECK(last_message() == "the UDF tree of this image has no '/missing'");
  CHECK(imapi_image_reader_open_file_by_path(r.get(), IMAPI_FS_UDF, "/A", no.out()) == IMAPI_E_NOT_FILE);
  CHECK(imapi_image_reader_open_file_by_path(r.get(), IMAPI_FS_ROCKRIDGE, "/b.txt", no.out()) ==
        IMAPI_E_FILE_SYSTEM_NOT_FOUND);
  CHECK(no.get() == nullptr);
}

TEST_CASE("each file system's volume label, Unicode where the file system allows", "[reader]") {
  TempDir t;
  auto image = make_bridge(t);
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  char* s = nullptr;
  REQUIRE(imapi_image_reader_get_file_system_volume_name(r.get(), IMAPI_FS_JOLIET, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "Ünïcödé Tree");
  REQUIRE(imapi_image_reader_get_file_system_volume_name(r.get(), IMAPI_FS_UDF, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "Ünïcödé Tree");
  REQUIRE(imapi_image_reader_get_file_system_volume_name(r.get(), IMAPI_FS_ISO9660, &s) == IMAPI_S_OK);
  std::string pvd = owned(s);
  REQUIRE(imapi_image_reader_get_volume_name(r.get(), &s) == IMAPI_S_OK);
  CHECK(owned(s) == pvd);
  CHECK(pvd.find("TREE") != std::string::npos);
  CHECK(imapi_image_reader_get_file_system_volume_name(r.get(), IMAPI_FS_ROCKRIDGE, &s) ==
        IMAPI_E_FILE_SYSTEM_NOT_FOUND);
  CHECK(imapi_image_reader_get_file_system_volume_name(r.get(), IMAPI_FS_UDF | IMAPI_FS_JOLIET, &s) ==
        IMAPI_E_INVALIDARG);
}
