// The header's "Structs." convention: every function that fills or reads a
// versioned struct accepts struct_size from the struct's v1 size up, fills
// min(struct_size, sizeof) bytes and never touches a byte past struct_size.
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <fstream>
#include <functional>
#include <regex>
#include <set>
#include <sstream>
#include <vector>

#include "capi_fixture.hpp"
#include "emu_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {

constexpr unsigned char kGuard = 0xA5;
constexpr size_t kSlack = 64;  // guard bytes beyond the largest struct_size tried

// Calls `call` on a struct whose struct_size is `size`, laid out in a buffer of
// guard bytes, and checks that nothing past `size` changed. Returns the struct
// as the library's sizeof sees it (bytes past `size` read as the guard).
template <typename T>
T call_guarded(uint32_t size, const std::function<imapi_status(T*)>& call) {
  std::vector<unsigned char> raw(sizeof(T) + kSlack + alignof(T));
  void* p = raw.data();
  size_t space = raw.size();
  REQUIRE(std::align(alignof(T), sizeof(T) + kSlack, p, space));
  auto* bytes = static_cast<unsigned char*>(p);
  std::memset(bytes, kGuard, sizeof(T) + kSlack);
  std::memcpy(bytes, &size, sizeof size);
  INFO("struct_size " << size);
  REQUIRE(call(reinterpret_cast<T*>(bytes)) == IMAPI_S_OK);
  uint32_t after = 0;
  std::memcpy(&after, bytes, sizeof after);
  CHECK(after == size);  // the library never rewrites struct_size
  // Past struct_size, and past what this library knows of T, every byte is the caller's.
  size_t changed = 0;
  for (size_t i = std::min<size_t>(size, sizeof(T)); i < sizeof(T) + kSlack; ++i) changed += bytes[i] != kGuard;
  CHECK(changed == 0);
  T out;
  std::memcpy(&out, bytes, sizeof out);
  return out;
}

// The v1 size, v1 size - 1 (refused), and a struct grown by 16 bytes beyond this library's.
template <typename T>
void check_sizes(uint32_t v1, const char* name, const std::function<imapi_status(T*)>& call,
                 const std::function<void(const T&)>& check_fields) {
  SECTION(std::string(name) + " at its v1 size") { check_fields(call_guarded<T>(v1, call)); }
  SECTION(std::string(name) + " larger than the library knows") {
    check_fields(call_guarded<T>(static_cast<uint32_t>(sizeof(T) + 16), call));
  }
  SECTION(std::string(name) + " below its v1 size or NULL") {
    T small;
    std::memset(&small, kGuard, sizeof small);
    small.struct_size = v1 - 1;
    CHECK(call(&small) == IMAPI_E_INVALIDARG);
    CHECK_THAT(last_message(), Catch::Contains(name) && Catch::Contains(std::to_string(v1)));
    CHECK(call(nullptr) == IMAPI_E_POINTER);
    CHECK_THAT(last_message(), Catch::Contains(name));
  }
}

// A small image written by the library, and the result it came from.
struct WrittenImage {
  TempDir t;
  Image img;
  Result result;
  fsys::path iso = t.path / "img.iso";
  WrittenImage() {
    t.write("src/docs/a.txt", "alpha");
    t.write("src/b.txt", std::string(5000, 'b'));
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    Item root;
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsitem_add_tree(root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_create_result_image(img.get(), result.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_result_write_file(result.get(), iso.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  }
};

// What the header declares: the functions taking a pointer to a versioned struct.
std::set<std::string> header_struct_functions() {
  std::ifstream in(IMAPI_TEST_HEADER);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string header = ss.str();
  std::set<std::string> structs;
  const std::regex def(R"(typedef struct (imapi_\w+) \{\s*uint32_t struct_size;)");
  for (std::sregex_iterator it(header.begin(), header.end(), def), end; it != end; ++it) structs.insert((*it)[1]);
  std::set<std::string> functions;
  const std::regex decl(R"(IMAPI_API\s+[^;(]*?\b(imapi_\w+)\s*\(([^;]*?)\);)");
  for (std::sregex_iterator it(header.begin(), header.end(), decl), end; it != end; ++it) {
    const std::string params = (*it)[2];
    for (const auto& s : structs)
      if (std::regex_search(params, std::regex("\\b" + s + "\\s*\\*"))) functions.insert((*it)[1]);
  }
  return functions;
}

}  // namespace

TEST_CASE("structs: the v1 sizes of the header are the 0.1 layouts", "[structs]") {
  CHECK(IMAPI_PROGRESS_V1_SIZE == 40);
  CHECK(IMAPI_PROGRESS_ITEM_V1_SIZE == 40);
  CHECK(IMAPI_IMAGE_ENTRY_V1_SIZE == 56);
  CHECK(IMAPI_MEDIA_INFO_V1_SIZE == 56);
  CHECK(IMAPI_STREAM_VTABLE_V1_SIZE == 40);
  CHECK(IMAPI_ERROR_V1_SIZE == 48);
  CHECK(IMAPI_BURN_PROGRESS_V1_SIZE == 120);
  CHECK(IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE == 16);
  CHECK(IMAPI_MULTISESSION_V1_SIZE == 72);
  CHECK(IMAPI_SKIPPED_ENTRY_V1_SIZE == 16);
  CHECK(sizeof(imapi_skipped_entry) >= IMAPI_SKIPPED_ENTRY_V1_SIZE);
  CHECK(sizeof(imapi_burn_progress) >= IMAPI_BURN_PROGRESS_V1_SIZE);
  CHECK(sizeof(imapi_write_speed_descriptor) >= IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE);
  CHECK(sizeof(imapi_multisession) >= IMAPI_MULTISESSION_V1_SIZE);
  CHECK(sizeof(imapi_progress) >= IMAPI_PROGRESS_V1_SIZE);
  CHECK(sizeof(imapi_progress_item) >= IMAPI_PROGRESS_ITEM_V1_SIZE);
  CHECK(sizeof(imapi_image_entry) >= IMAPI_IMAGE_ENTRY_V1_SIZE);
  CHECK(sizeof(imapi_media_info) >= IMAPI_MEDIA_INFO_V1_SIZE);
  CHECK(sizeof(imapi_stream_vtable) >= IMAPI_STREAM_VTABLE_V1_SIZE);
  CHECK(sizeof(imapi_error) >= IMAPI_ERROR_V1_SIZE);
}

TEST_CASE("structs: every function taking a versioned struct is covered by the guard-byte tests", "[structs]") {
  // imapi_error is only handed out (imapi_error_last); the rest are below.
  const std::set<std::string> tested = {"imapi_job_progress", "imapi_fsimage_result_get_progress_item",
                                        "imapi_image_reader_get_entry", "imapi_recorder_get_media_info",
                                        "imapi_stream_create_user",
                                        "imapi_disc_format_data_get_progress",
                                        "imapi_disc_format_data_get_write_speed_descriptor",
                                        "imapi_disc_format_data_get_multisession",
                                        "imapi_write_engine_get_progress",
                                        "imapi_disc_format_erase_get_progress",
                                        "imapi_fsimage_get_skipped_entry"};
  CHECK(header_struct_functions() == tested);
}

TEST_CASE("structs: imapi_job_progress fills no byte past struct_size", "[structs]") {
  WrittenImage w;
  Job job;
  REQUIRE(imapi_fsimage_result_write_file_start(w.result.get(), (w.t.path / "j.iso").c_str(), job.out()) ==
          IMAPI_S_OK);
  REQUIRE(imapi_job_wait(job.get(), -1) == IMAPI_S_OK);
  REQUIRE(imapi_job_result(job.get()) == IMAPI_S_OK);
  int64_t blocks = 0;
  REQUIRE(imapi_fsimage_result_get_total_blocks(w.result.get(), &blocks) == IMAPI_S_OK);
  check_sizes<imapi_progress>(
      IMAPI_PROGRESS_V1_SIZE, "imapi_progress", [&](imapi_progress* p) { return imapi_job_progress(job.get(), p); },
      [&](const imapi_progress& p) {
        CHECK(p.operation == IMAPI_OPERATION_IMAGE_WRITE);
        CHECK(p.current_item != nullptr);
        CHECK(p.done == blocks);
        CHECK(p.total == blocks);
        CHECK(p.elapsed_ms >= 0);
      });
}

TEST_CASE("structs: imapi_fsimage_result_get_progress_item fills no byte past struct_size", "[structs]") {
  WrittenImage w;
  int64_t index = -1;
  REQUIRE(imapi_fsimage_result_find_progress_item_by_description(w.result.get(), "/b.txt", &index) == IMAPI_S_OK);
  check_sizes<imapi_progress_item>(
      IMAPI_PROGRESS_ITEM_V1_SIZE, "imapi_progress_item",
      [&](imapi_progress_item* p) { return imapi_fsimage_result_get_progress_item(w.result.get(), index, p); },
      [&](const imapi_progress_item& item) {
        CHECK(std::string(item.description) == "/b.txt");
        CHECK(item.block_count == 3);
        CHECK(item.last_block == item.first_block + 2);
      });
}

TEST_CASE("structs: imapi_image_reader_get_entry fills no byte past struct_size", "[structs]") {
  WrittenImage w;
  Handle<imapi_image_reader, imapi_image_reader_free> r;
  REQUIRE(imapi_image_reader_open_path(w.iso.c_str(), r.out()) == IMAPI_S_OK);
  int64_t count = 0;
  REQUIRE(imapi_image_reader_list(r.get(), IMAPI_FS_ROCKRIDGE, &count) == IMAPI_S_OK);
  int64_t b = -1;
  for (int64_t i = 0; i < count; ++i) {
    imapi_image_entry e{};
    e.struct_size = sizeof e;
    REQUIRE(imapi_image_reader_get_entry(r.get(), i, &e) == IMAPI_S_OK);
    if (std::string(e.path) == "/b.txt") b = i;
  }
  REQUIRE(b >= 0);
  check_sizes<imapi_image_entry>(
      IMAPI_IMAGE_ENTRY_V1_SIZE, "imapi_image_entry",
      [&](imapi_image_entry* e) { return imapi_image_reader_get_entry(r.get(), b, e); },
      [&](const imapi_image_entry& e) {
        CHECK(std::string(e.path) == "/b.txt");
        CHECK(e.type == IMAPI_ENTRY_FILE);
        CHECK(e.size == 5000);
        CHECK(std::string(e.target).empty());
      });
}

TEST_CASE("structs: imapi_fsimage_get_skipped_entry fills no byte past struct_size", "[structs]") {
  TempDir t;
  t.write("src/a.txt", "a");
  REQUIRE(::mkfifo((t.path / "src/pipe").c_str(), 0644) == 0);
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  Item root;
  REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
  check_sizes<imapi_skipped_entry>(
      IMAPI_SKIPPED_ENTRY_V1_SIZE, "imapi_skipped_entry",
      [&](imapi_skipped_entry* e) { return imapi_fsimage_get_skipped_entry(img.get(), 0, e); },
      [&](const imapi_skipped_entry& e) {
        CHECK(e.reason == IMAPI_SKIPPED_FIFO);
        CHECK(std::string(e.host_path) == (t.path / "src/pipe").string());
      });
}

TEST_CASE("structs: imapi_recorder_get_media_info fills no byte past struct_size", "[structs]") {
  emu_test::DiscDir dir;
  const std::string uri = dir.uri("bd-r");
  REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
  Handle<imapi_recorder, imapi_recorder_free> rec;
  REQUIRE(imapi_recorder_open(uri.c_str(), rec.out()) == IMAPI_S_OK);
  check_sizes<imapi_media_info>(
      IMAPI_MEDIA_INFO_V1_SIZE, "imapi_media_info",
      [&](imapi_media_info* m) { return imapi_recorder_get_media_info(rec.get(), m); },
      [&](const imapi_media_info& m) {
        CHECK(m.present == 1);
        CHECK(m.sessions == 0);
        CHECK(m.total_sectors > 0);
        CHECK(m.free_sectors == m.total_sectors);
        CHECK(m.next_writable_address == 0);
      });
}

namespace {

// A blank emulated BD-R and a data writer on it, for the burn structs.
struct BurnSetup {
  emu_test::DiscDir dir;
  std::string uri = dir.uri("bd-r");
  Handle<imapi_recorder, imapi_recorder_free> rec;
  Handle<imapi_disc_format_data, imapi_disc_format_data_free> format;
  BurnSetup() {
    REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
    REQUIRE(imapi_recorder_open(uri.c_str(), rec.out()) == IMAPI_S_OK);
    REQUIRE(imapi_disc_format_data_create(format.out()) == IMAPI_S_OK);
    REQUIRE(imapi_disc_format_data_set_recorder(format.get(), rec.get()) == IMAPI_S_OK);
    REQUIRE(imapi_disc_format_data_set_client_name(format.get(), "struct tests") == IMAPI_S_OK);
    REQUIRE(imapi_disc_format_data_set_burn_verification_level(format.get(), IMAPI_BURN_VERIFICATION_NONE) ==
            IMAPI_S_OK);
  }
};

constexpr int64_t kBurnBytes = 1 << 20;

}  // namespace

TEST_CASE("structs: imapi_disc_format_data_get_progress fills no byte past struct_size", "[structs]") {
  BurnSetup b;
  Stream data;
  REQUIRE(imapi_stream_create_pseudo_random(7, kBurnBytes, data.out()) == IMAPI_S_OK);
  INFO(last_message());
  REQUIRE(imapi_disc_format_data_write(b.format.get(), data.get(), nullptr, nullptr) == IMAPI_S_OK);
  check_sizes<imapi_burn_progress>(
      IMAPI_BURN_PROGRESS_V1_SIZE, "imapi_burn_progress",
      [&](imapi_burn_progress* p) { return imapi_disc_format_data_get_progress(b.format.get(), p); },
      [&](const imapi_burn_progress& p) {
        CHECK(p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
        CHECK(p.start_lba == 0);
        CHECK(p.sector_count >= kBurnBytes / 2048);
        CHECK(p.last_written_lba >= kBurnBytes / 2048 - 1);
        CHECK(p.total_system_buffer > 0);
        CHECK(p.elapsed_time_ms >= 0);
      });
}

TEST_CASE("structs: imapi_write_engine_get_progress fills no byte past struct_size", "[structs]") {
  BurnSetup b;
  Handle<imapi_write_engine, imapi_write_engine_free> engine;
  REQUIRE(imapi_write_engine_create(engine.out()) == IMAPI_S_OK);
  REQUIRE(imapi_write_engine_set_recorder(engine.get(), b.rec.get()) == IMAPI_S_OK);
  Stream data;
  REQUIRE(imapi_stream_create_pseudo_random(8, kBurnBytes, data.out()) == IMAPI_S_OK);
  INFO(last_message());
  REQUIRE(imapi_write_engine_write_section(engine.get(), data.get(), 0, kBurnBytes / 2048, nullptr, nullptr) ==
          IMAPI_S_OK);
  check_sizes<imapi_burn_progress>(
      IMAPI_BURN_PROGRESS_V1_SIZE, "imapi_burn_progress",
      [&](imapi_burn_progress* p) { return imapi_write_engine_get_progress(engine.get(), p); },
      [&](const imapi_burn_progress& p) {
        CHECK(p.start_lba == 0);
        CHECK(p.sector_count == kBurnBytes / 2048);
        CHECK(p.last_written_lba == kBurnBytes / 2048 - 1);
      });
}

TEST_CASE("structs: imapi_disc_format_erase_get_progress fills no byte past struct_size", "[structs]") {
  emu_test::DiscDir dir;
  const std::string uri = dir.uri("bd-re");
  REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
  Handle<imapi_recorder, imapi_recorder_free> rec;
  REQUIRE(imapi_recorder_open(uri.c_str(), rec.out()) == IMAPI_S_OK);
  Handle<imapi_disc_format_erase, imapi_disc_format_erase_free> eraser;
  REQUIRE(imapi_disc_format_erase_create(eraser.out()) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_erase_set_recorder(eraser.get(), rec.get()) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_erase_set_client_name(eraser.get(), "struct tests") == IMAPI_S_OK);
  INFO(last_message());
  REQUIRE(imapi_disc_format_erase_format_media(eraser.get(), nullptr, nullptr) == IMAPI_S_OK);
  check_sizes<imapi_burn_progress>(
      IMAPI_BURN_PROGRESS_V1_SIZE, "imapi_burn_progress",
      [&](imapi_burn_progress* p) { return imapi_disc_format_erase_get_progress(eraser.get(), p); },
      [&](const imapi_burn_progress& p) {
        CHECK(p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
        CHECK(p.sector_count > 0);
        CHECK(p.last_written_lba == p.sector_count - 1);
      });
}

TEST_CASE("structs: imapi_disc_format_data_get_write_speed_descriptor fills no byte past struct_size", "[structs]") {
  BurnSetup b;
  int32_t count = 0;
  REQUIRE(imapi_disc_format_data_get_write_speed_descriptor_count(b.format.get(), &count) == IMAPI_S_OK);
  REQUIRE(count > 0);
  check_sizes<imapi_write_speed_descriptor>(
      IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE, "imapi_write_speed_descriptor",
      [&](imapi_write_speed_descriptor* d) {
        return imapi_disc_format_data_get_write_speed_descriptor(b.format.get(), 0, d);
      },
      [&](const imapi_write_speed_descriptor& d) {
        CHECK(d.media_type == IMAPI_MEDIA_TYPE_BDR);
        CHECK(d.write_speed > 0);
      });
}

TEST_CASE("structs: imapi_disc_format_data_get_multisession fills no byte past struct_size", "[structs]") {
  BurnSetup b;
  check_sizes<imapi_multisession>(
      IMAPI_MULTISESSION_V1_SIZE, "imapi_multisession",
      [&](imapi_multisession* m) { return imapi_disc_format_data_get_multisession(b.format.get(), 0, m); },
      [&](const imapi_multisession& m) {
        CHECK(m.type == IMAPI_MULTISESSION_SEQUENTIAL);
        CHECK(m.is_first_data_session == 1);
        CHECK(m.next_writable_address == 0);
        CHECK(m.write_unit_size == 32);
        CHECK(m.free_sectors_on_media > 0);
      });
}

TEST_CASE("structs: imapi_stream_create_user reads no byte past struct_size", "[structs]") {
  // The vtable ends where an inaccessible page begins: a read past struct_size faults.
  const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  void* map = ::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(map != MAP_FAILED);
  auto* base = static_cast<unsigned char*>(map);
  REQUIRE(::mprotect(base + page, page, PROT_NONE) == 0);
  auto* vt = reinterpret_cast<imapi_stream_vtable*>(base + page - IMAPI_STREAM_VTABLE_V1_SIZE);
  std::memset(static_cast<void*>(vt), 0, IMAPI_STREAM_VTABLE_V1_SIZE);
  vt->struct_size = IMAPI_STREAM_VTABLE_V1_SIZE;
  vt->read = [](void*, void*, int64_t, int64_t* n) -> imapi_status { return *n = 0, IMAPI_S_OK; };
  vt->seek = [](void*, int64_t, int32_t, int64_t* pos) -> imapi_status { return *pos = 0, IMAPI_S_OK; };
  vt->size = [](void*, int64_t* size) -> imapi_status { return *size = 0, IMAPI_S_OK; };
  {
    Stream s;
    REQUIRE(imapi_stream_create_user(vt, nullptr, s.out()) == IMAPI_S_OK);
    int64_t size = -1;
    CHECK(imapi_stream_get_size(s.get(), &size) == IMAPI_S_OK);
    CHECK(size == 0);
  }
  imapi_stream* none = nullptr;
  vt->struct_size = IMAPI_STREAM_VTABLE_V1_SIZE - 1;
  CHECK(imapi_stream_create_user(vt, nullptr, &none) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("imapi_stream_vtable") && Catch::Contains("40"));
  CHECK(imapi_stream_create_user(nullptr, nullptr, &none) == IMAPI_E_POINTER);
  CHECK(none == nullptr);
  ::munmap(map, 2 * page);

  // A caller built against a newer header: the fields this library does not know are ignored.
  struct Grown {
    imapi_stream_vtable v1;
    void* newer[4];
  } grown{};
  grown.v1.struct_size = sizeof grown;
  grown.v1.read = [](void*, void*, int64_t, int64_t* n) -> imapi_status { return *n = 0, IMAPI_S_OK; };
  grown.v1.seek = [](void*, int64_t, int32_t, int64_t* pos) -> imapi_status { return *pos = 0, IMAPI_S_OK; };
  grown.v1.size = [](void*, int64_t* size) -> imapi_status { return *size = 7, IMAPI_S_OK; };
  Stream s;
  REQUIRE(imapi_stream_create_user(&grown.v1, nullptr, s.out()) == IMAPI_S_OK);
  int64_t size = 0;
  CHECK(imapi_stream_get_size(s.get(), &size) == IMAPI_S_OK);
  CHECK(size == 7);
}

TEST_CASE("structs: the progress a callback receives carries the library's sizeof", "[structs]") {
  WrittenImage w;
  std::vector<uint32_t> sizes;
  auto cb = [](void* u, const imapi_progress* p) -> int32_t {
    static_cast<std::vector<uint32_t>*>(u)->push_back(p->struct_size);
    return 0;
  };
  REQUIRE(imapi_fsimage_result_write_file(w.result.get(), (w.t.path / "c.iso").c_str(), cb, &sizes) == IMAPI_S_OK);
  REQUIRE(!sizes.empty());
  for (auto s : sizes) CHECK(s == sizeof(imapi_progress));
  imapi_stream* none = nullptr;
  REQUIRE(imapi_stream_create_zero(-1, &none) != IMAPI_S_OK);
  const imapi_error* e = imapi_error_last();
  REQUIRE(e != nullptr);
  CHECK(e->struct_size == sizeof(imapi_error));
}
