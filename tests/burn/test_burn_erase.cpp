// IDiscFormat2Erase and the format extension through the C ABI, on emulated
// drives: what each medium becomes, the Update event's times from the drive's
// progress, cancel before the drive starts, the job form, and the refusals
// (nothing sent to the drive, exclusive access released).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

using Eraser = test::Handle<imapi_disc_format_erase, imapi_disc_format_erase_free>;

Eraser make_eraser(imapi_recorder* r) {
  Eraser e;
  REQUIRE(imapi_disc_format_erase_create(e.out()) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_erase_set_recorder(e.get(), r) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_erase_set_client_name(e.get(), "libimapi erase tests") == IMAPI_S_OK);
  return e;
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A session of one file burned onto the disc (appendable on sequential media).
void burn_one(imapi_recorder* r, unsigned seed) {
  Format f = make_format(r, IMAPI_BURN_VERIFICATION_QUICK);
  REQUIRE(imapi_disc_format_data_set_force_overwrite(f.get(), 1) == IMAPI_S_OK);
  StreamH image = make_image({{"/a.bin", pattern(40 * 2048, seed)}});
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
}

struct Updates {
  std::vector<imapi_burn_progress> seen;
  int32_t cancel_at = -1;  // cancel (return 1) at this update
};
int32_t record(void* user, const imapi_burn_progress* p) {
  auto* u = static_cast<Updates*>(user);
  u->seen.push_back(*p);
  return static_cast<int32_t>(u->seen.size()) - 1 == u->cancel_at ? 1 : 0;
}

std::string owner(imapi_recorder* r) {
  char* s = nullptr;
  REQUIRE(imapi_recorder_get_exclusive_access_owner(r, &s) == IMAPI_S_OK);
  std::string o = s ? s : "";
  imapi_free(s);
  return o;
}

}  // namespace

TEST_CASE("erase: quick and full erase of a CD-RW report the drive's progress as elapsed and estimated total time") {
  EmuDisc disc("cd-rw", "polls=4");
  Recorder rec = disc.open();
  burn_one(rec.get(), 1);
  CHECK(media(rec.get()).sessions == 1);
  Eraser e = make_eraser(rec.get());
  int32_t type = 0;
  REQUIRE(imapi_disc_format_erase_get_current_physical_media_type(e.get(), &type) == IMAPI_S_OK);
  CHECK(type == IMAPI_MEDIA_TYPE_CDRW);
  int32_t supported = 0;
  REQUIRE(imapi_disc_format_erase_is_recorder_supported(e.get(), rec.get(), &supported) == IMAPI_S_OK);
  CHECK(supported == 1);
  REQUIRE(imapi_disc_format_erase_is_current_media_supported(e.get(), rec.get(), &supported) == IMAPI_S_OK);
  CHECK(supported == 1);

  Updates u;
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_erase_erase_media(e.get(), record, &u) == IMAPI_S_OK);
  auto m = media(rec.get());
  CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
  CHECK(m.sessions == 0);
  CHECK(owner(rec.get()).empty());
  // Four polls of 02/04/07 with progress 0, 1/4, 2/4, 3/4, then ready.
  std::vector<int64_t> done;
  for (const auto& p : u.seen)
    if (p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA) done.push_back(p.last_written_lba + 1);
  REQUIRE(done.size() >= 5);
  CHECK(std::is_sorted(done.begin(), done.end()));
  const auto& last = u.seen.back();
  CHECK(last.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  CHECK(last.last_written_lba + 1 == last.sector_count);
  CHECK(last.elapsed_time_ms >= 4 * 200 - 50);  // one poll every 200 ms
  bool estimated = false;
  for (const auto& p : u.seen)
    if (p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA && p.total_time_ms >= 0) {
      estimated = true;
      CHECK(p.total_time_ms >= p.elapsed_time_ms);
    }
  CHECK(estimated);

  // Full: every block goes (the image is truncated), then a burn works again.
  burn_one(rec.get(), 2);
  CHECK(std::filesystem::file_size(disc.disc_img()) > 0);
  REQUIRE(imapi_disc_format_erase_set_full_erase(e.get(), 1) == IMAPI_S_OK);
  int32_t full = 0;
  REQUIRE(imapi_disc_format_erase_get_full_erase(e.get(), &full) == IMAPI_S_OK);
  CHECK(full == 1);
  REQUIRE(imapi_disc_format_erase_erase_media(e.get(), nullptr, nullptr) == IMAPI_S_OK);
  CHECK(std::filesystem::file_size(disc.disc_img()) == 0);
  CHECK((media(rec.get()).state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
  burn_one(rec.get(), 3);
  CHECK(media(rec.get()).sessions == 1);
}

TEST_CASE("erase: a restricted-overwrite DVD-RW is blanked back to sequential") {
  EmuDisc disc("dvd-rw-ro", "polls=1");
  Recorder rec = disc.open();
  burn_one(rec.get(), 4);
  CHECK(media(rec.get()).profile == 0x13);
  Eraser e = make_eraser(rec.get());
  REQUIRE(imapi_disc_format_erase_erase_media(e.get(), nullptr, nullptr) == IMAPI_S_OK);
  auto m = media(rec.get());
  CHECK(m.profile == 0x14);
  CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
}

TEST_CASE("erase: media without an erase are refused with nothing sent, and the drive is released") {
  for (const char* medium : {"dvd+r", "bd-r", "cd-r", "dvd+rw", "bd-re"}) {
    DYNAMIC_SECTION(medium) {
      EmuDisc disc(medium);
      Recorder rec = disc.open();
      const std::string before = file_text((disc.dir.path / "disc.state").string());
      Eraser e = make_eraser(rec.get());
      int32_t supported = 1;
      REQUIRE(imapi_disc_format_erase_is_current_media_supported(e.get(), rec.get(), &supported) == IMAPI_S_OK);
      CHECK(supported == 0);
      CHECK(imapi_disc_format_erase_erase_media(e.get(), nullptr, nullptr) == IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED);
      CHECK(test::last_message().find("erase takes CD-RW and DVD-RW") != std::string::npos);
      CHECK(file_text((disc.dir.path / "disc.state").string()) == before);
      CHECK(owner(rec.get()).empty());
    }
  }
  EmuDisc cdr("cd-r");
  Recorder rec = cdr.open();
  Eraser e = make_eraser(rec.get());
  CHECK(imapi_disc_format_erase_format_media(e.get(), nullptr, nullptr) == IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED);
  EmuDisc dvdrw("dvd+rw");
  Recorder rec2 = dvdrw.open();
  Eraser e2 = make_eraser(rec2.get());
  REQUIRE(imapi_disc_format_erase_set_format_spares(e2.get(), IMAPI_FORMAT_SPARES_NONE) == IMAPI_S_OK);
  CHECK(imapi_disc_format_erase_format_media(e2.get(), nullptr, nullptr) == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_format_erase_set_format_spares(e2.get(), 7) == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_format_erase_set_full_erase(e2.get(), 2) == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_format_erase_set_client_name(e2.get(), "") == IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID);
}

TEST_CASE("erase: a cancel before BLANK is sent leaves the disc as it was, and the object needs a recorder and a name") {
  EmuDisc disc("cd-rw");
  Recorder rec = disc.open();
  burn_one(rec.get(), 5);
  Eraser bare;
  REQUIRE(imapi_disc_format_erase_create(bare.out()) == IMAPI_S_OK);
  CHECK(imapi_disc_format_erase_erase_media(bare.get(), nullptr, nullptr) == IMAPI_E_RECORDER_REQUIRED);
  REQUIRE(imapi_disc_format_erase_set_recorder(bare.get(), rec.get()) == IMAPI_S_OK);
  CHECK(imapi_disc_format_erase_erase_media(bare.get(), nullptr, nullptr) == IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID);
  CHECK(imapi_disc_format_erase_cancel(bare.get()) == IMAPI_S_WRITE_NOT_IN_PROGRESS);

  Eraser e = make_eraser(rec.get());
  Updates u;
  u.cancel_at = 0;  // the first Update (validating)
  CHECK(imapi_disc_format_erase_erase_media(e.get(), record, &u) == IMAPI_E_REQUEST_CANCELLED);
  CHECK(media(rec.get()).sessions == 1);
  CHECK(owner(rec.get()).empty());
}

TEST_CASE("erase: the job form reports IMAPI_OPERATION_ERASE and holds the object until it ends") {
  EmuDisc disc("dvd-rw", "polls=3");
  Recorder rec = disc.open();
  burn_one(rec.get(), 6);
  Eraser e = make_eraser(rec.get());
  test::Job job;
  REQUIRE(imapi_disc_format_erase_erase_media_start(e.get(), job.out()) == IMAPI_S_OK);
  REQUIRE(imapi_job_wait(job.get(), 60'000) == IMAPI_S_OK);
  INFO(test::last_message());
  REQUIRE(imapi_job_result(job.get()) == IMAPI_S_OK);
  imapi_progress jp{};
  jp.struct_size = sizeof jp;
  REQUIRE(imapi_job_progress(job.get(), &jp) == IMAPI_S_OK);
  CHECK(jp.operation == IMAPI_OPERATION_ERASE);
  CHECK(jp.total > 0);
  CHECK(jp.done == jp.total);
  imapi_burn_progress p{};
  p.struct_size = sizeof p;
  REQUIRE(imapi_disc_format_erase_get_progress(e.get(), &p) == IMAPI_S_OK);
  CHECK(p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  CHECK((media(rec.get()).state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);

  // While a job runs, the object's settings are refused with IMAPI's erase code.
  burn_one(rec.get(), 7);
  test::Job second;
  REQUIRE(imapi_disc_format_erase_erase_media_start(e.get(), second.out()) == IMAPI_S_OK);
  const imapi_status during = imapi_disc_format_erase_set_full_erase(e.get(), 1);
  CHECK((during == IMAPI_E_ERASE_RECORDER_IN_USE || during == IMAPI_S_OK));  // S_OK only if it already ended
  REQUIRE(imapi_job_wait(second.get(), 60'000) == IMAPI_S_OK);
  CHECK(imapi_job_result(second.get()) == IMAPI_S_OK);
}

TEST_CASE("format: each medium gets its format, its capacity, and takes a burn afterwards") {
  struct Case {
    const char* medium;
    int32_t spares;
    int32_t full;
    int32_t profile_after;
  };
  for (const Case c : {Case{"dvd+rw", IMAPI_FORMAT_SPARES_DEFAULT, 0, 0x1A},
                       Case{"dvd+rw", IMAPI_FORMAT_SPARES_DEFAULT, 1, 0x1A},
                       Case{"bd-re", IMAPI_FORMAT_SPARES_DEFAULT, 0, 0x43},
                       Case{"bd-re", IMAPI_FORMAT_SPARES_NONE, 1, 0x43},
                       Case{"dvd-ram", IMAPI_FORMAT_SPARES_DEFAULT, 0, 0x12},
                       Case{"bd-r", IMAPI_FORMAT_SPARES_DEFAULT, 0, 0x41},
                       Case{"dvd-rw", IMAPI_FORMAT_SPARES_DEFAULT, 0, 0x13}}) {
    DYNAMIC_SECTION(c.medium << " spares " << c.spares << " full " << c.full) {
      EmuDisc disc(c.medium, "polls=2");
      Recorder rec = disc.open();
      const int64_t before = media(rec.get()).total_sectors;
      Eraser e = make_eraser(rec.get());
      REQUIRE(imapi_disc_format_erase_set_format_spares(e.get(), c.spares) == IMAPI_S_OK);
      REQUIRE(imapi_disc_format_erase_set_full_erase(e.get(), c.full) == IMAPI_S_OK);
      Updates u;
      INFO(test::last_message());
      REQUIRE(imapi_disc_format_erase_format_media(e.get(), record, &u) == IMAPI_S_OK);
      REQUIRE(!u.seen.empty());
      CHECK(u.seen.back().current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
      auto m = media(rec.get());
      CHECK(m.profile == c.profile_after);
      const std::string medium = c.medium;
      if (medium == "bd-re" || medium == "bd-r") {
        // Default spare areas take 12,219,392 - 11,826,176 blocks; none leave the whole disc.
        CHECK(m.total_sectors == (c.spares == IMAPI_FORMAT_SPARES_NONE ? 12'219'392 : 11'826'176));
        if (medium == "bd-r") CHECK(m.total_sectors < before);
      }
      CHECK(owner(rec.get()).empty());
      burn_one(rec.get(), 8);
      Format f = make_format(rec.get());
      CHECK(read_back_ours(f.get(), {"/a.bin"}).at("/a.bin") == pattern(40 * 2048, 8));
    }
  }
}
