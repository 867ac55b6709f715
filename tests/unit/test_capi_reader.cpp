#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {
using Manager = Handle<imapi_iso_image_manager, imapi_iso_image_manager_free>;
using Reader = Handle<imapi_image_reader, imapi_image_reader_free>;

// An image of t's src directory, written by libimapi itself.
fsys::path master_src(const TempDir& t) {
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  Item root;
  REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(img.get(), r.out()) == IMAPI_S_OK);
  auto out = t.path / "img.iso";
  REQUIRE(imapi_fsimage_result_write_file(r.get(), out.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  return out;
}
// A small image.
fsys::path make_image(const TempDir& t) {
  t.write("src/docs/a.txt", "alpha");
  t.write("src/b.txt", "bravo");
  return master_src(t);
}
}  // namespace

TEST_CASE("IIsoImageManager: no image, a good image, a misaligned one", "[reader]") {
  TempDir t;
  auto image = make_image(t);
  Manager m;
  REQUIRE(imapi_iso_image_manager_create(m.out()) == IMAPI_S_OK);
  CHECK(imapi_iso_image_manager_validate(m.get()) == IMAPI_E_IMAGEMANAGER_NO_IMAGE);
  CHECK(imapi_iso_image_manager_set_path(m.get(), "/nonexistent.iso") == IMAPI_E_DATA_STREAM_CREATE_FAILURE);
  REQUIRE(imapi_iso_image_manager_set_path(m.get(), image.c_str()) == IMAPI_S_OK);
  CHECK(imapi_iso_image_manager_validate(m.get()) == IMAPI_S_OK);
  char* p = nullptr;
  CHECK(imapi_iso_image_manager_get_path(m.get(), &p) == IMAPI_S_OK);
  CHECK(owned(p) == image.string());
  Stream odd;
  REQUIRE(imapi_stream_create_from_memory("not an image", 12, odd.out()) == IMAPI_S_OK);
  REQUIRE(imapi_iso_image_manager_set_stream(m.get(), odd.get()) == IMAPI_S_OK);
  CHECK(imapi_iso_image_manager_validate(m.get()) == IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);
  Stream blank;
  REQUIRE(imapi_stream_create_zero(64 * 2048, blank.out()) == IMAPI_S_OK);
  REQUIRE(imapi_iso_image_manager_set_stream(m.get(), blank.get()) == IMAPI_S_OK);
  CHECK(imapi_iso_image_manager_validate(m.get()) == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
}

TEST_CASE("the image reader lists, streams and extracts", "[reader]") {
  TempDir t;
  auto image = make_image(t);
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  int32_t mask = 0;
  CHECK(imapi_image_reader_get_file_systems(r.get(), &mask) == IMAPI_S_OK);
  CHECK(mask == (IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE));
  int64_t count = 0;
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_ROCKRIDGE, &count) == IMAPI_S_OK);
  CHECK(count == 3);
  int64_t a_index = -1;
  for (int64_t i = 0; i < count; ++i) {
    imapi_image_entry e{};
    e.struct_size = sizeof e;
    REQUIRE(imapi_image_reader_get_entry(r.get(), i, &e) == IMAPI_S_OK);
    if (std::string(e.path) == "/docs/a.txt") a_index = i;
  }
  REQUIRE(a_index >= 0);
  Stream s;
  REQUIRE(imapi_image_reader_open_file(r.get(), a_index, s.out()) == IMAPI_S_OK);
  CHECK(read_all(s.get()) == "alpha");
  imapi_stream* none = nullptr;
  CHECK(imapi_image_reader_open_file(r.get(), count, &none) == IMAPI_E_INVALIDARG);
  CHECK(imapi_image_reader_list(r.get(), IMAPI_FS_UDF, &count) == IMAPI_E_FILE_SYSTEM_NOT_FOUND);  // ISO only
  CHECK(imapi_image_reader_list(r.get(), 0x100, &count) == IMAPI_E_INVALIDARG);

  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_ROCKRIDGE, &count) == IMAPI_S_OK);
  auto dest = t.path / "out";
  REQUIRE(imapi_image_reader_extract(r.get(), dest.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  CHECK(file_bytes(dest / "docs/a.txt") == "alpha");
  CHECK(file_bytes(dest / "b.txt") == "bravo");
}

TEST_CASE("extraction never writes through a symbolic link in the destination", "[reader]") {
  TempDir t;
  auto image = make_image(t);
  auto dest = t.path / "trap";
  auto outside = t.path / "outside";
  fsys::create_directories(dest);
  fsys::create_directories(outside);
  fsys::create_directory_symlink(outside, dest / "docs");
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  int64_t count = 0;
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_ROCKRIDGE, &count) == IMAPI_S_OK);
  CHECK(imapi_image_reader_extract(r.get(), dest.c_str(), nullptr, nullptr) == IMAPI_E_OUTPUT_WRITE_FAILURE);
  CHECK(fsys::is_empty(outside));
}

TEST_CASE("extraction leaves a file's zero chunks as holes and keeps its bytes", "[reader]") {
  TempDir t;
  // 4 MiB + 1: data, two whole MiB of zeros (the reader's 1 MiB chunks), data up to the last byte.
  const size_t mib = 1024 * 1024;
  std::string data(4 * mib + 1, '\0');
  data.replace(0, 5, "start");
  data.replace(3 * mib, 5, "three");
  data.back() = 'x';
  t.write("src/sparse.bin", data);
  auto image = master_src(t);
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  int64_t count = 0;
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_ROCKRIDGE, &count) == IMAPI_S_OK);
  auto dest = t.path / "out";
  REQUIRE(imapi_image_reader_extract(r.get(), dest.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  auto got = dest / "sparse.bin";
  CHECK(file_bytes(got) == data);
  struct stat st {};
  REQUIRE(::stat(got.c_str(), &st) == 0);
  CHECK(st.st_size == static_cast<off_t>(data.size()));
  // The two zero MiB were not written (tmpfs and ext4 keep holes).
  CHECK(st.st_blocks * 512 < static_cast<off_t>(data.size() - mib));
}

TEST_CASE("extraction without a listing extracts the richest file system", "[reader]") {
  TempDir t;
  auto image = make_image(t);
  fsys::permissions(t.path / "src/b.txt", fsys::perms::owner_read | fsys::perms::owner_write | fsys::perms::group_read);
  image = master_src(t);
  Reader r;
  REQUIRE(imapi_image_reader_open_path(image.c_str(), r.out()) == IMAPI_S_OK);
  auto dest = t.path / "out";
  REQUIRE(imapi_image_reader_extract(r.get(), dest.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  CHECK(file_bytes(dest / "docs/a.txt") == "alpha");
  CHECK(file_bytes(dest / "b.txt") == "bravo");
  // Rock Ridge's permission bits: the richest tree was the one extracted, not plain ISO 9660.
  struct stat st {};
  REQUIRE(::stat((dest / "b.txt").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  // Extracting did not make a listing: entries still need imapi_image_reader_list.
  imapi_image_entry e{};
  e.struct_size = sizeof e;
  CHECK(imapi_image_reader_get_entry(r.get(), 0, &e) == IMAPI_E_INVALIDARG);
}
