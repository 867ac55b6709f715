// IWriteEngine2 and the IDiscFormat2Data properties through the C ABI: sections
// at an LBA, BytesPerSector, streaming WRITE(12), the job form, cancel, speeds,
// IMAPI's validation rules.
#include <atomic>
#include <thread>

#include "burn_fixture.hpp"

using namespace burn_test;

TEST_CASE("write engine: a section at an LBA lands there and the job form reports sectors", "[burn][engine]") {
  EmuDisc disc("bd-re");
  auto rec = disc.open();
  // A BD-RE needs formatting before random writes: the data writer does it on its first write.
  {
    auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_NONE);
    auto image = make_image({{"/a.bin", pattern(100'000, 9)}});
    INFO(test::last_message());
    REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
  }
  Engine e;
  REQUIRE(imapi_write_engine_create(e.out()) == IMAPI_S_OK);
  test::Stream none;
  CHECK(imapi_write_engine_write_section(e.get(), none.get(), 0, 1, nullptr, nullptr) == IMAPI_E_INVALID_HANDLE);
  const std::string data = pattern(64 * 2048, 5);
  StreamH s;
  REQUIRE(imapi_stream_create_from_memory(data.data(), static_cast<int64_t>(data.size()), s.out()) == IMAPI_S_OK);
  CHECK(imapi_write_engine_write_section(e.get(), s.get(), 0, 64, nullptr, nullptr) == IMAPI_E_RECORDER_REQUIRED);
  REQUIRE(imapi_write_engine_set_recorder(e.get(), rec.get()) == IMAPI_S_OK);
  int32_t bps = 0;
  REQUIRE(imapi_write_engine_get_bytes_per_sector(e.get(), &bps) == IMAPI_S_OK);
  CHECK(bps == 2048);
  CHECK(imapi_write_engine_set_bytes_per_sector(e.get(), 100) == IMAPI_E_INVALIDARG);
  REQUIRE(imapi_write_engine_set_use_streaming_write12(e.get(), 1) == IMAPI_S_OK);
  // Streaming needs whole 32-block clusters on BD.
  CHECK(imapi_write_engine_write_section(e.get(), s.get(), 1024, 40, nullptr, nullptr) == IMAPI_E_INVALIDARG);
  // More blocks than the stream holds.
  CHECK(imapi_write_engine_write_section(e.get(), s.get(), 1024, 96, nullptr, nullptr) == IMAPI_E_INVALIDARG);

  test::Job job;
  REQUIRE(imapi_write_engine_write_section_start(e.get(), s.get(), 1024, 64, job.out()) == IMAPI_S_OK);
  REQUIRE(imapi_job_wait(job.get(), 60'000) == IMAPI_S_OK);
  INFO(test::last_message());
  REQUIRE(imapi_job_result(job.get()) == IMAPI_S_OK);
  imapi_progress jp{};
  jp.struct_size = sizeof jp;
  REQUIRE(imapi_job_progress(job.get(), &jp) == IMAPI_S_OK);
  CHECK(jp.operation == IMAPI_OPERATION_BURN);
  CHECK(jp.done == 64);
  CHECK(jp.total == 64);
  imapi_burn_progress p{};
  p.struct_size = IMAPI_BURN_PROGRESS_V1_SIZE;
  REQUIRE(imapi_write_engine_get_progress(e.get(), &p) == IMAPI_S_OK);
  CHECK(p.start_lba == 1024);
  CHECK(p.last_written_lba == 1024 + 63);
  p.struct_size = 8;
  CHECK(imapi_write_engine_get_progress(e.get(), &p) == IMAPI_E_INVALIDARG);
  int32_t running = 1;
  REQUIRE(imapi_write_engine_get_write_in_progress(e.get(), &running) == IMAPI_S_OK);
  CHECK(running == 0);
  CHECK(imapi_write_engine_cancel_write(e.get()) == IMAPI_S_WRITE_NOT_IN_PROGRESS);
  // The bytes are in the disc image at LBA 1024.
  const std::string img = test::file_bytes(disc.disc_img());
  REQUIRE(img.size() >= (1024 + 64) * 2048);
  CHECK(img.substr(1024 * 2048, data.size()) == data);
}

TEST_CASE("data writer: IMAPI's rules on stream size client name free space and closed discs", "[burn][format]") {
  EmuDisc disc("dvd+r");
  auto rec = disc.open();
  Format f;
  REQUIRE(imapi_disc_format_data_create(f.out()) == IMAPI_S_OK);
  auto image = make_image({{"/x", "y"}});
  CHECK(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_E_RECORDER_REQUIRED);
  REQUIRE(imapi_disc_format_data_set_recorder(f.get(), rec.get()) == IMAPI_S_OK);
  CHECK(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID);
  CHECK(imapi_disc_format_data_set_client_name(f.get(), "bad/name") == IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID);
  REQUIRE(imapi_disc_format_data_set_client_name(f.get(), "tests") == IMAPI_S_OK);
  // Not a whole number of sectors.
  const std::string odd(5000, 'x');
  StreamH s;
  REQUIRE(imapi_stream_create_from_memory(odd.data(), 5000, s.out()) == IMAPI_S_OK);
  CHECK(imapi_disc_format_data_write(f.get(), s.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED);
  CHECK(test::last_message().find("2048") != std::string::npos);
  // Larger than the disc: a zero stream of more sectors than a DVD+R has.
  StreamH huge;
  REQUIRE(imapi_stream_create_zero(int64_t{2'400'000} * 2048, huge.out()) == IMAPI_S_OK);
  CHECK(imapi_disc_format_data_write(f.get(), huge.get(), nullptr, nullptr) ==
        IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA);
  // Nothing was written by the refusals: the disc is still blank.
  CHECK((media(rec.get()).state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
  int32_t owner_free = 0;
  char* owner = nullptr;
  REQUIRE(imapi_recorder_get_exclusive_access_owner(rec.get(), &owner) == IMAPI_S_OK);
  owner_free = owner && *owner ? 1 : 0;
  imapi_free(owner);
  CHECK(owner_free == 0);  // released on every path

  // Properties and their defaults.
  int32_t v = -5;
  REQUIRE(imapi_disc_format_data_get_burn_verification_level(f.get(), &v) == IMAPI_S_OK);
  CHECK(v == IMAPI_BURN_VERIFICATION_QUICK);
  CHECK(imapi_disc_format_data_set_burn_verification_level(f.get(), 7) == IMAPI_E_INVALIDARG);
  int64_t buffer = 0;
  REQUIRE(imapi_disc_format_data_get_buffer_size(f.get(), &buffer) == IMAPI_S_OK);
  CHECK(buffer == IMAPI_DEFAULT_BURN_BUFFER_SIZE);
  CHECK(imapi_disc_format_data_set_buffer_size(f.get(), 1000) == IMAPI_E_INVALIDARG);
  REQUIRE(imapi_disc_format_data_set_buffer_size(f.get(), 3 << 20) == IMAPI_S_OK);
  int32_t type = 0, state = 0;
  REQUIRE(imapi_disc_format_data_get_current_physical_media_type(f.get(), &type) == IMAPI_S_OK);
  CHECK(type == IMAPI_MEDIA_TYPE_DVDPLUSR);
  REQUIRE(imapi_disc_format_data_get_current_media_status(f.get(), &state) == IMAPI_S_OK);
  CHECK(state == IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK);
  int32_t supported = 0;
  REQUIRE(imapi_disc_format_data_is_current_media_supported(f.get(), rec.get(), &supported) == IMAPI_S_OK);
  CHECK(supported == 1);
  int64_t prev = 0;
  REQUIRE(imapi_disc_format_data_get_start_address_of_previous_session(f.get(), &prev) == IMAPI_S_OK);
  CHECK(prev == -1);

  // Speeds: the emulated DVD+R offers several; an unoffered request is adjusted down.
  int32_t count = 0;
  REQUIRE(imapi_disc_format_data_get_supported_write_speeds(f.get(), nullptr, 0, &count) == IMAPI_S_OK);
  REQUIRE(count >= 2);
  std::vector<int32_t> speeds(static_cast<size_t>(count));
  REQUIRE(imapi_disc_format_data_get_supported_write_speeds(f.get(), speeds.data(), count, &count) == IMAPI_S_OK);
  CHECK(speeds.front() > speeds.back());
  CHECK(imapi_disc_format_data_set_write_speed(f.get(), speeds.back(), 0) == IMAPI_S_OK);
  CHECK(imapi_disc_format_data_set_write_speed(f.get(), speeds.front() - 100, 0) == IMAPI_S_SPEEDADJUSTED);
  int32_t requested = 0;
  REQUIRE(imapi_disc_format_data_get_requested_write_speed(f.get(), &requested) == IMAPI_S_OK);
  CHECK(requested == speeds.front() - 100);
  imapi_write_speed_descriptor d{};
  d.struct_size = sizeof d;
  REQUIRE(imapi_disc_format_data_get_write_speed_descriptor(f.get(), 0, &d) == IMAPI_S_OK);
  CHECK(d.media_type == IMAPI_MEDIA_TYPE_DVDPLUSR);
  CHECK(d.write_speed == speeds.front());

  // A closed disc (the default DVD+R close is compatible: finalized) refuses another session.
  REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_get_current_media_status(f.get(), &state) == IMAPI_S_OK);
  CHECK((state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED) != 0);
  CHECK(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_INVALID_MEDIA_STATE);
}

TEST_CASE("data writer: overwritable media holding data need ForceOverwrite", "[burn][format]") {
  EmuDisc disc("dvd+rw");
  auto rec = disc.open();
  auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_QUICK);
  auto first = make_image({{"/a", "first"}});
  REQUIRE(imapi_disc_format_data_write(f.get(), first.get(), nullptr, nullptr) == IMAPI_S_OK);
  int32_t blank = 1;
  REQUIRE(imapi_disc_format_data_get_media_heuristically_blank(f.get(), &blank) == IMAPI_S_OK);
  CHECK(blank == 0);
  auto second = make_image({{"/b", "second"}});
  CHECK(imapi_disc_format_data_write(f.get(), second.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_MEDIA_NOT_BLANK);
  REQUIRE(imapi_disc_format_data_set_force_overwrite(f.get(), 1) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_write(f.get(), second.get(), nullptr, nullptr) == IMAPI_S_OK);
  CHECK(read_back_ours(f.get(), {"/b"}) == Files{{"/b", "second"}});
}

TEST_CASE("data writer: a test write records nothing on CD-R and is refused on BD-R", "[burn][format]") {
  EmuDisc cd("cd-r");
  auto rec = cd.open();
  auto f = make_format(rec.get());
  REQUIRE(imapi_disc_format_data_set_test_write(f.get(), 1) == IMAPI_S_OK);
  auto image = make_image({{"/a", pattern(50'000, 1)}});
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
  CHECK((media(rec.get()).state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
  EmuDisc bd("bd-r");
  auto brec = bd.open();
  auto g = make_format(brec.get());
  REQUIRE(imapi_disc_format_data_set_test_write(g.get(), 1) == IMAPI_S_OK);
  CHECK(imapi_disc_format_data_write(g.get(), image.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED);
}

TEST_CASE("data writer: an image of many host files burns from its layout through a ring smaller than the image", "[burn][format]") {
  EmuDisc disc("bd-r");
  auto rec = disc.open();
  auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_FULL);
  test::TempDir tree;
  Files many;
  for (int i = 0; i < 300; ++i) {
    const std::string rel = "d" + std::to_string(i % 7) + "/f" + std::to_string(i);
    many["/" + rel] = pattern(1000 + static_cast<size_t>(i) * 37, static_cast<unsigned>(i));
    tree.write(rel, many["/" + rel]);
  }
  many["/large.bin"] = pattern(9'000'000, 77);
  tree.write("large.bin", many["/large.bin"]);
  // Host files: their data is read with io_uring (or parallel preads) from the layout.
  test::Image image;
  REQUIRE(imapi_fsimage_create(image.out()) == IMAPI_S_OK);
  test::Item root;
  REQUIRE(imapi_fsimage_get_root(image.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), tree.path.c_str(), 0) == IMAPI_S_OK);
  test::Result result;
  REQUIRE(imapi_fsimage_create_result_image(image.get(), result.out()) == IMAPI_S_OK);
  test::Stream stream;
  REQUIRE(imapi_fsimage_result_get_image_stream(result.get(), stream.out()) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_set_buffer_size(f.get(), 1 << 20) == IMAPI_S_OK);  // far smaller than the image
  int64_t peak_used = 0;
  auto cb = [](void* user, const imapi_burn_progress* p) -> int32_t {
    auto& peak = *static_cast<int64_t*>(user);
    peak = std::max(peak, p->used_system_buffer);
    if (p->total_system_buffer != 0) CHECK(p->used_system_buffer + p->free_system_buffer == p->total_system_buffer);
    return 0;
  };
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_data_write(f.get(), stream.get(), cb, &peak_used) == IMAPI_S_OK);
  CHECK(peak_used <= (1 << 20));
  std::vector<std::string> paths;
  for (const auto& [p, _] : many) paths.push_back(p);
  CHECK(read_back_ours(f.get(), paths) == many);
  read_back_xorriso(disc, many);
}
