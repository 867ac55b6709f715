#include <cstdlib>
#include <filesystem>
#include <thread>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {

struct Fixture {
  Image img;
  Item root;
  Fixture() {
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  }
  imapi_status add_text(const char* path, const std::string& text) {
    Stream s;
    REQUIRE(imapi_stream_create_from_memory(text.data(), static_cast<int64_t>(text.size()), s.out()) == IMAPI_S_OK);
    return imapi_fsitem_add_file(root.get(), path, s.get());
  }
  int32_t exists(const char* path) {
    int32_t type = -1;
    REQUIRE(imapi_fsimage_exists(img.get(), path, &type) == IMAPI_S_OK);
    return type;
  }
  std::string image_bytes() {
    Result r;
    REQUIRE(imapi_fsimage_create_result_image(img.get(), r.out()) == IMAPI_S_OK);
    Stream s;
    REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), s.out()) == IMAPI_S_OK);
    return read_all(s.get());
  }
};

struct EnvVar {
  std::string name;
  EnvVar(const char* n, const char* v) : name(n) { setenv(n, v, 1); }
  ~EnvVar() { unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("defaults mirror IMAPI's, with Rock Ridge on") {
  Fixture f;
  int32_t mask = 0, level = 0, strict = -1;
  int64_t blocks = 0;
  CHECK(imapi_fsimage_get_file_systems_to_create(f.img.get(), &mask) == IMAPI_S_OK);
  CHECK(mask == (IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE));
  CHECK(imapi_fsimage_get_iso9660_level(f.img.get(), &level) == IMAPI_S_OK);
  CHECK(level == 2);
  CHECK(imapi_fsimage_get_free_media_blocks(f.img.get(), &blocks) == IMAPI_S_OK);
  CHECK(blocks == 332800);
  CHECK(imapi_fsimage_get_strict_compliance(f.img.get(), &strict) == IMAPI_S_OK);
  CHECK(strict == 0);
  int32_t levels[4] = {}, count = 0;
  CHECK(imapi_fsimage_get_iso9660_levels_supported(f.img.get(), levels, 4, &count) == IMAPI_S_OK);
  CHECK(count == 3);
  CHECK(levels[2] == 3);
}

TEST_CASE("tree building and IMAPI's errors for bad paths") {
  Fixture f;
  CHECK(imapi_fsitem_add_directory(f.root.get(), "docs") == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_directory(f.root.get(), "docs") == IMAPI_E_DUP_NAME);
  CHECK(f.add_text("docs/readme.txt", "hi") == IMAPI_S_OK);
  CHECK(f.add_text("docs/readme.txt", "again") == IMAPI_E_DUP_NAME);
  CHECK(last_message().find("docs/readme.txt") != std::string::npos);
  CHECK(f.add_text("missing/x.txt", "x") == IMAPI_E_DIR_NOT_FOUND);
  CHECK(f.add_text("docs/readme.txt/x", "x") == IMAPI_E_NOT_DIR);
  CHECK(f.add_text("bad\xC0\xAF", "x") == IMAPI_E_INVALID_PATH);
  CHECK(last_message().find("UTF-8") != std::string::npos);
  CHECK(f.add_text("..", "x") == IMAPI_E_INVALID_PATH);
  CHECK(f.add_text("a//b", "x") == IMAPI_E_INVALID_PATH);
  CHECK(f.add_text(std::string(256, 'n').c_str(), "x") == IMAPI_E_INVALID_PATH);
  CHECK(f.add_text(std::string(255, 'n').c_str(), "x") == IMAPI_S_OK);
  CHECK(f.exists("/docs") == IMAPI_ITEM_DIRECTORY);
  CHECK(f.exists("/docs/readme.txt") == IMAPI_ITEM_FILE);
  CHECK(f.exists("/nope") == IMAPI_ITEM_NOT_FOUND);
  CHECK(imapi_fsitem_remove(f.root.get(), "docs") == IMAPI_E_DIR_NOT_EMPTY);
  CHECK(imapi_fsitem_remove(f.root.get(), "nope") == IMAPI_E_ITEM_NOT_FOUND);
  int64_t files = 0, dirs = 0;
  CHECK(imapi_fsimage_get_file_count(f.img.get(), &files) == IMAPI_S_OK);
  CHECK(imapi_fsimage_get_directory_count(f.img.get(), &dirs) == IMAPI_S_OK);
  CHECK(files == 2);
  CHECK(dirs == 1);
  CHECK(imapi_fsitem_remove_tree(f.root.get(), "docs") == IMAPI_S_OK);
  CHECK(f.exists("/docs") == IMAPI_ITEM_NOT_FOUND);
  CHECK(imapi_fsimage_get_file_count(f.img.get(), &files) == IMAPI_S_OK);
  CHECK(files == 1);
}

TEST_CASE("restricted character set rejects non-ASCII names added afterwards") {
  Fixture f;
  CHECK(f.add_text("Привет.txt", "x") == IMAPI_S_OK);
  CHECK(imapi_fsimage_set_restricted_charset(f.img.get(), 1) == IMAPI_S_OK);
  CHECK(f.add_text("Мир.txt", "x") == IMAPI_E_RESTRICTED_NAME_VIOLATION);
  CHECK(f.add_text("plain.txt", "x") == IMAPI_S_OK);
}

TEST_CASE("detached items, enumeration, names per file system") {
  Fixture f;
  Item dir, file;
  REQUIRE(imapi_fsimage_create_directory_item(f.img.get(), "Folder", dir.out()) == IMAPI_S_OK);
  char* s = nullptr;
  CHECK(imapi_fsitem_get_full_path(dir.get(), &s) == IMAPI_E_NOT_IN_FILE_SYSTEM);
  REQUIRE(imapi_fsimage_create_file_item(f.img.get(), "a long file name.text", file.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add(f.root.get(), dir.get()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add(dir.get(), file.get()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add(dir.get(), file.get()) == IMAPI_E_INVALID_PARAM);  // already placed
  Fixture other;
  Item foreign;
  REQUIRE(imapi_fsimage_create_file_item(other.img.get(), "foreign.txt", foreign.out()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add(dir.get(), foreign.get()) == IMAPI_E_INVALID_PARAM);
  CHECK(last_message().find("another image") != std::string::npos);
  int32_t exists = -1;
  CHECK(imapi_fsimage_exists(f.img.get(), "/Folder/foreign.txt", &exists) == IMAPI_S_OK);
  CHECK(exists == IMAPI_ITEM_NOT_FOUND);
  CHECK(imapi_fsitem_get_full_path(file.get(), &s) == IMAPI_S_OK);
  CHECK(owned(s) == "/Folder/a long file name.text");
  CHECK(imapi_fsitem_get_file_system_name(file.get(), IMAPI_FS_ISO9660, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "A_LONG_FILE_NAME.TEXT;1");
  CHECK(imapi_fsitem_get_file_system_path(file.get(), IMAPI_FS_ISO9660, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "/FOLDER/A_LONG_FILE_NAME.TEXT;1");
  CHECK(imapi_fsitem_get_file_system_name(file.get(), IMAPI_FS_JOLIET, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "a long file name.text");
  Item child;
  CHECK(imapi_fsitem_get_child(f.root.get(), 0, child.out()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_get_name(child.get(), &s) == IMAPI_S_OK);
  CHECK(owned(s) == "Folder");
  imapi_fsitem* none = nullptr;
  CHECK(imapi_fsitem_get_child(f.root.get(), 1, &none) == IMAPI_E_INVALIDARG);
  CHECK(imapi_fsitem_get_count(file.get(), nullptr) == IMAPI_E_NOT_DIR);
  int64_t size = -1;
  CHECK(imapi_fsitem_get_data_size(dir.get(), &size) == IMAPI_E_NOT_FILE);
}

TEST_CASE("change points roll back edits and lock-in makes them permanent") {
  Fixture f;
  CHECK(f.add_text("keep.txt", "1") == IMAPI_S_OK);
  int64_t cp = 0;
  REQUIRE(imapi_fsimage_get_change_point(f.img.get(), &cp) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_directory(f.root.get(), "d") == IMAPI_S_OK);
  CHECK(f.add_text("d/x.txt", "2") == IMAPI_S_OK);
  CHECK(imapi_fsitem_remove(f.root.get(), "keep.txt") == IMAPI_S_OK);
  CHECK(imapi_fsimage_rollback_to_change_point(f.img.get(), cp) == IMAPI_S_OK);
  CHECK(f.exists("/keep.txt") == IMAPI_ITEM_FILE);
  CHECK(f.exists("/d") == IMAPI_ITEM_NOT_FOUND);
  int64_t files = 0;
  CHECK(imapi_fsimage_get_file_count(f.img.get(), &files) == IMAPI_S_OK);
  CHECK(files == 1);
  CHECK(f.add_text("new.txt", "3") == IMAPI_S_OK);
  CHECK(imapi_fsimage_lock_in_change_point(f.img.get()) == IMAPI_S_OK);
  CHECK(imapi_fsimage_rollback_to_change_point(f.img.get(), cp) == IMAPI_E_INVALID_PARAM);
  CHECK(f.exists("/new.txt") == IMAPI_ITEM_FILE);
}

TEST_CASE("AddTree mirrors a host tree, and a failed AddTree leaves the image as it was") {
  TempDir t;
  t.write("src/a.txt", "alpha");
  t.write("src/sub/b.txt", "beta");
  fsys::create_symlink("a.txt", t.path / "src/link");
  Fixture f;
  CHECK(imapi_fsitem_add_tree(f.root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
  CHECK(f.exists("/a.txt") == IMAPI_ITEM_FILE);
  CHECK(f.exists("/sub/b.txt") == IMAPI_ITEM_FILE);
  CHECK(f.exists("/link") == IMAPI_ITEM_SYMLINK);
  CHECK(imapi_fsitem_add_tree(f.root.get(), (t.path / "src").c_str(), 1) == IMAPI_S_OK);
  CHECK(f.exists("/src/sub/b.txt") == IMAPI_ITEM_FILE);

  // A name that is not UTF-8 fails the whole call.
  t.write("bad/ok.txt", "ok");
  t.write("bad/z\xFF.txt", "bad");
  int64_t before = 0, after = 0;
  REQUIRE(imapi_fsimage_get_file_count(f.img.get(), &before) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_tree(f.root.get(), (t.path / "bad").c_str(), 1) == IMAPI_E_INVALID_PATH);
  CHECK(last_message().find("UTF-8") != std::string::npos);
  REQUIRE(imapi_fsimage_get_file_count(f.img.get(), &after) == IMAPI_S_OK);
  CHECK(after == before);
  CHECK(f.exists("/bad") == IMAPI_ITEM_NOT_FOUND);
  CHECK(imapi_fsitem_add_tree(f.root.get(), (t.path / "missing").c_str(), 0) == IMAPI_E_DIRECTORY_READ_FAILURE);
  CHECK(imapi_error_last()->os_error == ENOENT);
}

TEST_CASE("FreeMediaBlocks: adding past it and shrinking below use are IMAPI errors") {
  Fixture f;
  REQUIRE(imapi_fsimage_set_free_media_blocks(f.img.get(), 100) == IMAPI_S_OK);
  Stream big;
  REQUIRE(imapi_stream_create_zero(200 * 2048, big.out()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_file(f.root.get(), "big.bin", big.get()) == IMAPI_E_IMAGE_SIZE_LIMIT);
  REQUIRE(imapi_fsimage_set_free_media_blocks(f.img.get(), 0) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_file(f.root.get(), "big.bin", big.get()) == IMAPI_S_OK);
  int64_t used = 0;
  REQUIRE(imapi_fsimage_get_used_blocks(f.img.get(), &used) == IMAPI_S_OK);
  CHECK(used > 200);
  CHECK(imapi_fsimage_set_free_media_blocks(f.img.get(), used - 1) == IMAPI_E_IMAGE_TOO_BIG);
  CHECK(imapi_fsimage_set_free_media_blocks(f.img.get(), used) == IMAPI_S_OK);
  Result r;
  CHECK(imapi_fsimage_create_result_image(f.img.get(), r.out()) == IMAPI_S_OK);
  int64_t total = 0;
  CHECK(imapi_fsimage_result_get_total_blocks(r.get(), &total) == IMAPI_S_OK);
  CHECK(total == used);
}

TEST_CASE("files of 4 GiB need level 3, never a silent truncation") {
  Fixture f;
  REQUIRE(imapi_fsimage_set_free_media_blocks(f.img.get(), 0) == IMAPI_S_OK);
  Stream huge;
  REQUIRE(imapi_stream_create_zero((int64_t{1} << 32) + 1, huge.out()) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_file(f.root.get(), "huge.bin", huge.get()) == IMAPI_E_DATA_TOO_BIG);
  CHECK(last_message().find("level") != std::string::npos);
  REQUIRE(imapi_fsimage_set_iso9660_level(f.img.get(), 3) == IMAPI_S_OK);
  CHECK(imapi_fsitem_add_file(f.root.get(), "huge.bin", huge.get()) == IMAPI_S_OK);
  // Lowering the level afterwards is caught when the result is made.
  REQUIRE(imapi_fsimage_set_iso9660_level(f.img.get(), 2) == IMAPI_S_OK);
  imapi_fsimage_result* r = nullptr;
  CHECK(imapi_fsimage_create_result_image(f.img.get(), &r) == IMAPI_E_DATA_TOO_BIG);
  REQUIRE(imapi_fsimage_set_iso9660_level(f.img.get(), 3) == IMAPI_S_OK);
  Result ok;
  CHECK(imapi_fsimage_create_result_image(f.img.get(), ok.out()) == IMAPI_S_OK);
  int64_t total = 0;
  CHECK(imapi_fsimage_result_get_total_blocks(ok.get(), &total) == IMAPI_S_OK);
  CHECK(total * 2048 > (int64_t{1} << 32));
}

TEST_CASE("strict mode refuses what ISO 9660 forbids without Rock Ridge") {
  Fixture f;
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), IMAPI_FS_ISO9660) == IMAPI_S_OK);
  CHECK(imapi_fsimage_set_strict_compliance(f.img.get(), 1) == IMAPI_S_OK);
  std::string path;
  for (int i = 0; i < 9; ++i) {
    path += (i ? "/d" : "d") + std::to_string(i);
    REQUIRE(imapi_fsitem_add_directory(f.root.get(), path.c_str()) == IMAPI_S_OK);
  }
  imapi_fsimage_result* r = nullptr;
  CHECK(imapi_fsimage_create_result_image(f.img.get(), &r) == IMAPI_E_ISO9660_LEVELS);
  CHECK(imapi_fsimage_set_strict_compliance(f.img.get(), 0) == IMAPI_E_FILE_SYSTEM_NOT_EMPTY);
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_ROCKRIDGE) == IMAPI_S_OK);
  Result ok;
  CHECK(imapi_fsimage_create_result_image(f.img.get(), ok.out()) == IMAPI_S_OK);
}

TEST_CASE("file system selection errors") {
  Fixture f;
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), 0) == IMAPI_E_NO_OUTPUT);
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), IMAPI_FS_JOLIET) == IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), IMAPI_FS_UDF | IMAPI_FS_ROCKRIDGE) ==
        IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), 0x100) == IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsimage_set_file_systems_to_create(f.img.get(), IMAPI_FS_UDF) == IMAPI_S_OK);
  CHECK(imapi_fsimage_set_iso9660_level(f.img.get(), 4) == IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsimage_set_udf_revision(f.img.get(), 0x251) == IMAPI_E_INVALID_PARAM);
  CHECK(last_message().find("0x251") != std::string::npos);
  CHECK(imapi_fsimage_set_udf_revision(f.img.get(), 0x250) == IMAPI_S_OK);
  int32_t revs[8] = {}, count = 0, rev = 0;
  CHECK(imapi_fsimage_get_udf_revisions_supported(f.img.get(), revs, 8, &count) == IMAPI_S_OK);
  CHECK(count == 6);
  CHECK(revs[0] == 0x102);
  CHECK(revs[5] == 0x260);
  CHECK(imapi_fsimage_get_udf_revision(f.img.get(), &rev) == IMAPI_S_OK);
  CHECK(rev == 0x250);
  int32_t redundant = -1;
  CHECK(imapi_fsimage_get_create_redundant_udf_metadata_files(f.img.get(), &redundant) == IMAPI_S_OK);
  CHECK(redundant == 1);
  CHECK(imapi_fsimage_set_volume_name(f.img.get(), "bad/name") == IMAPI_E_INVALID_VOLUME_NAME);
  CHECK(imapi_fsimage_set_volume_name(f.img.get(), std::string(33, 'v').c_str()) == IMAPI_E_INVALID_VOLUME_NAME);
  CHECK(imapi_fsimage_set_volume_name(f.img.get(), "My Disc") == IMAPI_S_OK);
  char* s = nullptr;
  CHECK(imapi_fsimage_get_volume_name_iso9660(f.img.get(), &s) == IMAPI_S_OK);
  CHECK(owned(s) == "MY_DISC");
  CHECK(imapi_fsimage_get_volume_name_joliet(f.img.get(), &s) == IMAPI_S_OK);
  CHECK(owned(s) == "My Disc");
}

TEST_CASE("the image is deterministic under SOURCE_DATE_EPOCH") {
  EnvVar sde("SOURCE_DATE_EPOCH", "1700000000");
  auto build = [] {
    Fixture f;
    REQUIRE(imapi_fsitem_add_directory(f.root.get(), "dir") == IMAPI_S_OK);
    REQUIRE(f.add_text("dir/b.txt", "bbb") == IMAPI_S_OK);
    REQUIRE(f.add_text("a.txt", "aaa") == IMAPI_S_OK);
    return f.image_bytes();
  };
  std::string one = build();
  std::string two = build();
  CHECK(one.size() == two.size());
  CHECK(one == two);
  CHECK(one.substr(16 * 2048 + 813, 16) == "2023111422132000");
}

TEST_CASE("the stream and write_file give the same bytes, progress counts sectors, cancel works") {
  TempDir t;
  auto src = t.write("data.bin", std::string(300000, 'q'));
  Fixture f;
  REQUIRE(imapi_fsitem_add_file_from_path(f.root.get(), "data.bin", src.c_str()) == IMAPI_S_OK);
  REQUIRE(f.add_text("small.txt", "small") == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(f.img.get(), r.out()) == IMAPI_S_OK);
  struct Seen {
    int64_t last_done = -1, total = 0;
    bool monotonic = true;
    int calls = 0;
    int cancel_at = -1;
  } seen;
  auto cb = [](void* u, const imapi_progress* p) -> int32_t {
    auto* s = static_cast<Seen*>(u);
    if (p->done < s->last_done) s->monotonic = false;
    s->last_done = p->done;
    s->total = p->total;
    return ++s->calls == s->cancel_at ? 1 : 0;
  };
  auto out = t.path / "out.iso";
  REQUIRE(imapi_fsimage_result_write_file(r.get(), out.c_str(), cb, &seen) == IMAPI_S_OK);
  CHECK(seen.monotonic);
  CHECK(seen.last_done == seen.total);
  Stream s;
  REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), s.out()) == IMAPI_S_OK);
  CHECK(file_bytes(out) == read_all(s.get()));

  int64_t count = 0, index = -1;
  REQUIRE(imapi_fsimage_result_get_progress_item_count(r.get(), &count) == IMAPI_S_OK);
  CHECK(count == 3);  // metadata + two files
  REQUIRE(imapi_fsimage_result_find_progress_item_by_description(r.get(), "/data.bin", &index) == IMAPI_S_OK);
  imapi_progress_item item{};
  item.struct_size = sizeof item;
  REQUIRE(imapi_fsimage_result_get_progress_item(r.get(), index, &item) == IMAPI_S_OK);
  CHECK(item.block_count == (300000 + 2047) / 2048);
  int64_t by_block = -1;
  CHECK(imapi_fsimage_result_find_progress_item_by_block(r.get(), item.last_block, &by_block) == IMAPI_S_OK);
  CHECK(by_block == index);

  Seen cancel;
  cancel.cancel_at = 2;
  auto out2 = t.path / "cancelled.iso";
  CHECK(imapi_fsimage_result_write_file(r.get(), out2.c_str(), cb, &cancel) == IMAPI_E_REQUEST_CANCELLED);
  CHECK_FALSE(fsys::exists(out2));  // no partial output left behind
}

TEST_CASE("a source that changes after it was added is an error naming it") {
  TempDir t;
  auto src = t.write("changing.bin", std::string(10000, 'x'));
  auto gone = t.write("gone.bin", "soon gone");
  Fixture f;
  REQUIRE(imapi_fsitem_add_file_from_path(f.root.get(), "changing.bin", src.c_str()) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(f.img.get(), r.out()) == IMAPI_S_OK);
  auto out = t.path / "o.iso";
  for (size_t size : {5000u, 20000u}) {  // shrink, then grow
    t.write("changing.bin", std::string(size, 'y'));
    CHECK(imapi_fsimage_result_write_file(r.get(), out.c_str(), nullptr, nullptr) == IMAPI_E_DATA_STREAM_INCONSISTENCY);
    CHECK(last_message().find("changing.bin") != std::string::npos);
    Stream s;
    REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), s.out()) == IMAPI_S_OK);
    std::vector<char> buf(1 << 20);
    int64_t n = 0;
    imapi_status st = IMAPI_S_OK;
    while ((st = imapi_stream_read(s.get(), buf.data(), static_cast<int64_t>(buf.size()), &n)) == IMAPI_S_OK && n > 0) {}
    CHECK(st == IMAPI_E_DATA_STREAM_INCONSISTENCY);
  }
  Fixture g;
  REQUIRE(imapi_fsitem_add_file_from_path(g.root.get(), "gone.bin", gone.c_str()) == IMAPI_S_OK);
  Result rg;
  REQUIRE(imapi_fsimage_create_result_image(g.img.get(), rg.out()) == IMAPI_S_OK);
  fsys::remove(gone);
  CHECK(imapi_fsimage_result_write_file(rg.get(), out.c_str(), nullptr, nullptr) == IMAPI_E_DATA_STREAM_INCONSISTENCY);
  CHECK(last_message().find("vanished") != std::string::npos);
}

TEST_CASE("StageFiles copies data at add time, so later source changes do not matter") {
  TempDir t;
  auto src = t.write("s.bin", "original");
  Fixture f;
  REQUIRE(imapi_fsimage_set_working_directory(f.img.get(), t.path.c_str()) == IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_stage_files(f.img.get(), 1) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_file_from_path(f.root.get(), "s.bin", src.c_str()) == IMAPI_S_OK);
  t.write("s.bin", "changed and longer");
  CHECK(f.image_bytes().find("original") != std::string::npos);
  CHECK(imapi_fsimage_set_working_directory(f.img.get(), "/nonexistent") == IMAPI_E_INVALID_WORKING_DIRECTORY);
}

TEST_CASE("the job form runs on a worker, reports progress, and can be cancelled") {
  TempDir t;
  Fixture f;
  REQUIRE(imapi_fsimage_set_free_media_blocks(f.img.get(), 0) == IMAPI_S_OK);
  Stream z;
  REQUIRE(imapi_stream_create_zero(64 << 20, z.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_file(f.root.get(), "zeros.bin", z.get()) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(f.img.get(), r.out()) == IMAPI_S_OK);
  {
    Job job;
    REQUIRE(imapi_fsimage_result_write_file_start(r.get(), (t.path / "j.iso").c_str(), job.out()) == IMAPI_S_OK);
    CHECK(imapi_job_wait(job.get(), -1) == IMAPI_S_OK);
    CHECK(imapi_job_result(job.get()) == IMAPI_S_OK);
    imapi_progress p{};
    p.struct_size = sizeof p;
    CHECK(imapi_job_progress(job.get(), &p) == IMAPI_S_OK);
    CHECK(p.done == p.total);
    CHECK(p.operation == IMAPI_OPERATION_IMAGE_WRITE);
    CHECK(fsys::file_size(t.path / "j.iso") == static_cast<uintmax_t>(p.total * 2048));
  }
  {
    Job job;
    REQUIRE(imapi_fsimage_result_write_file_start(r.get(), (t.path / "c.iso").c_str(), job.out()) == IMAPI_S_OK);
    CHECK(imapi_job_cancel(job.get()) == IMAPI_S_OK);
    CHECK(imapi_job_wait(job.get(), 10000) == IMAPI_S_OK);
    imapi_status st = imapi_job_result(job.get());
    // The job may have finished before the cancel arrived; if not, it reports the cancellation.
    CHECK((st == IMAPI_S_OK || st == IMAPI_E_REQUEST_CANCELLED));
    if (st == IMAPI_E_REQUEST_CANCELLED) CHECK_FALSE(fsys::exists(t.path / "c.iso"));
  }
}

TEST_CASE("ChooseImageDefaultsForMediaType sets file systems, UDF revision, level and capacity") {
  Fixture f;
  int32_t fs = 0, rev = 0, level = 0;
  int64_t blocks = 0;
  auto read = [&] {
    REQUIRE(imapi_fsimage_get_file_systems_to_create(f.img.get(), &fs) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_udf_revision(f.img.get(), &rev) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_iso9660_level(f.img.get(), &level) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_free_media_blocks(f.img.get(), &blocks) == IMAPI_S_OK);
  };
  REQUIRE(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), IMAPI_MEDIA_TYPE_CDR) == IMAPI_S_OK);
  read();
  CHECK(fs == (IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE | IMAPI_FS_UDF));
  CHECK(rev == 0x102);
  CHECK(level == 2);
  CHECK(blocks == 359849);
  REQUIRE(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER) ==
          IMAPI_S_OK);
  read();
  CHECK(level == 3);
  CHECK(blocks == 4173824);
  REQUIRE(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), IMAPI_MEDIA_TYPE_BDR) == IMAPI_S_OK);
  read();
  CHECK(fs == IMAPI_FS_UDF);
  CHECK(rev == 0x250);
  CHECK(blocks == 12219392);
  REQUIRE(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), IMAPI_MEDIA_TYPE_DISK) == IMAPI_S_OK);
  read();
  CHECK(rev == 0x201);
  CHECK(blocks == 0);
  CHECK(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), IMAPI_MEDIA_TYPE_UNKNOWN) == IMAPI_E_INVALIDARG);
  CHECK(imapi_fsimage_choose_image_defaults_for_media_type(f.img.get(), 20) == IMAPI_E_INVALIDARG);
}

TEST_CASE("FileSystemName for UDF: names that fit are kept, longer ones shortened, bad values are errors") {
  Fixture f;
  REQUIRE(f.add_text("short name.txt", "x") == IMAPI_S_OK);
  const std::string long_name = std::string(240, 'a') + "\xE6\x97\xA5.txt";  // 16-bit CS0: too long for UDF
  REQUIRE(f.add_text(long_name.c_str(), "y") == IMAPI_S_OK);
  Item a, b;
  REQUIRE(imapi_fsitem_get_child(f.root.get(), 0, a.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_get_child(f.root.get(), 1, b.out()) == IMAPI_S_OK);
  char* s = nullptr;
  REQUIRE(imapi_fsitem_get_file_system_name(b.get(), IMAPI_FS_UDF, &s) == IMAPI_S_OK);
  CHECK(owned(s) == "short name.txt");
  REQUIRE(imapi_fsitem_get_file_system_name(a.get(), IMAPI_FS_UDF, &s) == IMAPI_S_OK);
  std::string shortened = owned(s);
  CHECK(shortened.size() < long_name.size());
  CHECK(shortened.ends_with(".txt"));
  CHECK(imapi_fsitem_get_file_system_name(a.get(), 0x100, &s) == IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsitem_get_file_system_name(f.root.get(), 0x100, &s) == IMAPI_E_INVALID_PARAM);
  CHECK(imapi_fsitem_get_file_system_path(f.root.get(), 0x100, &s) == IMAPI_E_INVALID_PARAM);
}

TEST_CASE("GetDefaultFileSystemForImport prefers Rock Ridge, then UDF, then Joliet, then ISO 9660") {
  Fixture f;
  int32_t fs = 0;
  REQUIRE(imapi_fsimage_get_default_file_system_for_import(f.img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET, &fs) ==
          IMAPI_S_OK);
  CHECK(fs == IMAPI_FS_JOLIET);
  REQUIRE(imapi_fsimage_get_default_file_system_for_import(f.img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_UDF,
                                                           &fs) == IMAPI_S_OK);
  CHECK(fs == IMAPI_FS_UDF);
  REQUIRE(imapi_fsimage_get_default_file_system_for_import(f.img.get(), 0xF, &fs) == IMAPI_S_OK);
  CHECK(fs == IMAPI_FS_ROCKRIDGE);
  CHECK(imapi_fsimage_get_default_file_system_for_import(f.img.get(), 0, &fs) == IMAPI_E_NO_SUPPORTED_FILE_SYSTEM);
  CHECK(imapi_fsimage_get_default_file_system_for_import(f.img.get(), IMAPI_FS_UDF, nullptr) == IMAPI_E_POINTER);
}
