// Every medium IDiscFormat2Data writes x {one closed session, one appendable
// session, a second session appended}: burned through the C ABI, read back by
// libimapi's reader and by xorriso through the shim, the state as the C ABI
// and cdrskin -minfo report it.
#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

struct MediumCase {
  const char* medium;
  bool random;     // overwritable: sessions are logical (random-write multisession)
  bool dvd_plus_r; // closed compatibly unless DisableConsumerDvdCompatibilityMode
};
const MediumCase kMedia[] = {
    {"cd-r", false, false},     {"cd-rw", false, false},   {"dvd-r", false, false},  {"dvd-rw", false, false},
    {"dvd-rw-ro", true, false}, {"dvd+r", false, true},    {"dvd+r-dl", false, true}, {"dvd+rw", true, false},
    {"dvd-ram", true, false},   {"bd-r", false, false},    {"bd-re", true, false},
};

const Files kFirst = {{"/one/alpha.bin", pattern(700'001, 1)}, {"/readme.txt", "session one\n"},
                      {"/big.bin", pattern(3'000'000, 2)}};
const Files kSecond = {{"/two/beta.bin", pattern(400'123, 3)}};

// Burns `files` as the first session; closed or left appendable.
void burn_first(const EmuDisc& disc, const MediumCase& c, bool close) {
  auto rec = disc.open();
  auto f = make_format(rec.get());
  REQUIRE(imapi_disc_format_data_set_force_media_to_be_closed(f.get(), close ? 1 : 0) == IMAPI_S_OK);
  if (c.dvd_plus_r && !close) REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
  auto image = make_image(kFirst);
  std::vector<int32_t> actions;
  auto cb = [](void* user, const imapi_burn_progress* p) -> int32_t {
    auto& a = *static_cast<std::vector<int32_t>*>(user);
    if (a.empty() || a.back() != p->current_action) a.push_back(p->current_action);
    return 0;
  };
  INFO(test::last_message());
  imapi_status st = imapi_disc_format_data_write(f.get(), image.get(), cb, &actions);
  INFO(test::last_message());
  REQUIRE(st == IMAPI_S_OK);
  REQUIRE(actions.size() >= 3);
  CHECK(actions.front() == IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA);
  CHECK(std::find(actions.begin(), actions.end(), IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) != actions.end());
  CHECK(std::find(actions.begin(), actions.end(), IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING) != actions.end());
  CHECK(actions.back() == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  imapi_burn_progress p{};
  p.struct_size = sizeof p;
  REQUIRE(imapi_disc_format_data_get_progress(f.get(), &p) == IMAPI_S_OK);
  CHECK(p.current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  CHECK(p.last_written_lba == p.start_lba + p.sector_count - 1);
  CHECK(p.total_system_buffer == IMAPI_DEFAULT_BURN_BUFFER_SIZE);
}

void check_state(const EmuDisc& disc, const MediumCase& c, bool closed, int sessions) {
  auto rec = disc.open();
  auto m = media(rec.get());
  if (c.random) {
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) != 0);
    CHECK(cdrskin_disk_status(disc) == "complete");
    return;
  }
  CHECK(m.sessions == sessions);
  if (closed) {
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED) != 0);
    CHECK(cdrskin_disk_status(disc) == "complete");
  } else {
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE) != 0);
    CHECK(cdrskin_disk_status(disc) == "incomplete/appendable");
  }
}

}  // namespace

TEST_CASE("one closed session on every medium read back by libimapi and xorriso", "[burn][media]") {
  for (const auto& c : kMedia) {
    DYNAMIC_SECTION(c.medium) {
      EmuDisc disc(c.medium);
      burn_first(disc, c, true);
      check_state(disc, c, true, 1);
      auto rec = disc.open();
      auto f = make_format(rec.get());
      CHECK(read_back_ours(f.get(), {"/one/alpha.bin", "/readme.txt", "/big.bin"}) == kFirst);
      read_back_xorriso(disc, kFirst);
      if (!c.random) {
        // A closed disc takes nothing more.
        auto again = make_image(kSecond);
        CHECK(imapi_disc_format_data_write(f.get(), again.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_INVALID_MEDIA_STATE);
      }
    }
  }
}

TEST_CASE("one appendable session then a second one appended on every medium", "[burn][media][multisession]") {
  for (const auto& c : kMedia) {
    DYNAMIC_SECTION(c.medium) {
      EmuDisc disc(c.medium);
      burn_first(disc, c, false);
      check_state(disc, c, false, 1);
      read_back_xorriso(disc, kFirst);

      // The second session: the first imported, the new file added.
      auto rec = disc.open();
      auto f = make_format(rec.get());
      imapi_multisession ms{};
      ms.struct_size = sizeof ms;
      int32_t count = 0;
      REQUIRE(imapi_disc_format_data_get_multisession_count(f.get(), &count) == IMAPI_S_OK);
      REQUIRE(count == 1);
      REQUIRE(imapi_disc_format_data_get_multisession(f.get(), 0, &ms) == IMAPI_S_OK);
      INFO("next writable " << ms.next_writable_address << ", last written " << ms.last_written_address
                             << ", previous session " << ms.start_address_of_previous_session << "-"
                             << ms.last_written_address_of_previous_session);
      CHECK(ms.is_supported_on_current_media_state == 1);
      CHECK(ms.next_writable_address > 0);
      CHECK(ms.is_first_data_session == 0);
      CHECK(ms.type == (c.random ? IMAPI_MULTISESSION_RANDOM_WRITE : IMAPI_MULTISESSION_SEQUENTIAL));
      REQUIRE(imapi_disc_format_data_set_multisession_in_use(f.get(), 0, 1) == IMAPI_S_OK);
      test::Stream previous;
      REQUIRE(imapi_disc_format_data_create_media_stream(f.get(), previous.out()) == IMAPI_S_OK);
      const int64_t import_at = c.random ? 0 : ms.start_address_of_previous_session;
      auto image = make_image(kSecond, previous.get(), import_at, ms.next_writable_address,
                              c.random ? ms.total_sectors_on_media - ms.next_writable_address : ms.free_sectors_on_media);
      if (c.dvd_plus_r) REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
      imapi_status st = imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr);
      INFO(test::last_message());
      REQUIRE(st == IMAPI_S_OK);
      imapi_burn_progress p{};
      p.struct_size = sizeof p;
      REQUIRE(imapi_disc_format_data_get_progress(f.get(), &p) == IMAPI_S_OK);
      CHECK(p.start_lba == ms.next_writable_address);

      check_state(disc, c, false, 2);
      Files both = kFirst;
      both.insert(kSecond.begin(), kSecond.end());
      CHECK(read_back_ours(f.get(), {"/one/alpha.bin", "/readme.txt", "/big.bin", "/two/beta.bin"}) == both);
      read_back_xorriso(disc, both);
    }
  }
}
