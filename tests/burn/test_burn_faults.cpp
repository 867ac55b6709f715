// Faults mid-burn on DVD+R, BD-R, CD-R and BD-RE (the emulator's knobs,
// docs/emulated-drive.md): IMAPI's code, a message saying what the disc holds,
// no hang, exclusive access released, the earlier session still readable and
// the next burn working. And verification finding a corrupted block.
#include <cstring>
#include <fstream>

#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

const char* const kFaultMedia[] = {"dvd+r", "bd-r", "cd-r", "bd-re"};
const Files kGood = {{"/good.bin", pattern(300'000, 11)}};
const Files kNext = {{"/next.bin", pattern(200'000, 12)}};

bool random_medium(const std::string& m) { return m == "bd-re"; }

// A first, good session left appendable (random media: a plain first session).
void burn_good(const EmuDisc& disc) {
  auto rec = disc.open();
  auto f = make_format(rec.get());
  REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
  auto image = make_image(kGood);
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
}

// Where the next session starts: the NWA, or on overwritable media after the last session.
int64_t next_start(const EmuDisc& disc) {
  auto rec = disc.open();
  auto f = make_format(rec.get());
  imapi_multisession ms{};
  ms.struct_size = sizeof ms;
  REQUIRE(imapi_disc_format_data_get_multisession(f.get(), 0, &ms) == IMAPI_S_OK);
  return ms.next_writable_address;
}

std::string owner_of(imapi_recorder* r) {
  char* s = nullptr;
  REQUIRE(imapi_recorder_get_exclusive_access_owner(r, &s) == IMAPI_S_OK);
  return test::owned(s);
}

// The second session's image (the first session, at LBA 0, imported) at the next writable address.
// After a failed write on write-once media the failed track is the last session:
// the good file system to import is the first one, not "the previous session".
StreamH next_session(imapi_disc_format_data* f, bool random) {
  imapi_multisession ms{};
  ms.struct_size = sizeof ms;
  REQUIRE(imapi_disc_format_data_get_multisession(f, 0, &ms) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_set_multisession_in_use(f, 0, 1) == IMAPI_S_OK);
  test::Stream previous;
  REQUIRE(imapi_disc_format_data_create_media_stream(f, previous.out()) == IMAPI_S_OK);
  const int64_t free_blocks = random ? ms.total_sectors_on_media - ms.next_writable_address : ms.free_sectors_on_media;
  return make_image(kNext, previous.get(), 0, ms.next_writable_address, free_blocks);
}

// After a failed burn: the drive is free, the first session reads back, and another burn works.
void expect_recoverable(const EmuDisc& fresh, bool left_open = false) {
  auto rec = fresh.open();
  CHECK(owner_of(rec.get()).empty());
  auto f = make_format(rec.get());
  const bool random = random_medium(fresh.medium);
  if (random) {
    CHECK(read_back_ours(f.get(), {"/good.bin"}).at("/good.bin").size() == kGood.at("/good.bin").size());
  }
  REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
  auto image = next_session(f.get(), random);
  imapi_status st = imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr);
  if (left_open) {
    // The interrupted write's open track is closed by this write, which moves the NWA: IMAPI's
    // code, the new address in the message, and the image made again burns.
    CHECK(st == IMAPI_E_DF2DATA_INVALID_MEDIA_STATE);
    CHECK(test::last_message().find("left open by an interrupted write") != std::string::npos);
    image = next_session(f.get(), random);
    st = imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr);
  }
  INFO("the burn after the failure: " << test::last_message());
  REQUIRE(st == IMAPI_S_OK);
  Files both = kGood;
  both.insert(kNext.begin(), kNext.end());
  CHECK(read_back_ours(f.get(), {"/good.bin", "/next.bin"}) == both);
  read_back_xorriso(fresh, both);
}

// The second session burned on a drive with `knob`; returns the status and message.
std::pair<imapi_status, std::string> burn_with_fault(const std::string& medium, const std::string& dir,
                                                     const std::string& knob, EmuDisc*& faulty_out) {
  auto* faulty = new EmuDisc(medium);  // a second URI on the same directory, with the fault
  faulty->dir.path = dir;              // (its own temp dir was empty and is removed with it)
  faulty->uri = "emu:" + medium + "?dir=" + dir + "&polls=1&" + knob;
  REQUIRE(imapi_disc_master_add_emulated_drive(faulty->uri.c_str()) == IMAPI_S_OK);
  faulty_out = faulty;
  auto rec = faulty->open();
  auto f = make_format(rec.get());
  REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
  auto image = next_session(f.get(), random_medium(medium));
  imapi_status st = imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr);
  std::string message = test::last_message();
  CHECK(owner_of(rec.get()).empty());  // exclusive access released on the failure path
  return {st, message};
}

}  // namespace

TEST_CASE("faults: a write error mid-session fails with the drive's error and leaves the disc usable", "[burn][faults]") {
  for (const char* medium : kFaultMedia) {
    DYNAMIC_SECTION(medium) {
      EmuDisc disc(medium);
      burn_good(disc);
      const int64_t at = next_start(disc) + 40;
      EmuDisc* faulty = nullptr;
      auto [st, msg] = burn_with_fault(medium, disc.dir.path.string(), "write_error_lba=" + std::to_string(at), faulty);
      std::unique_ptr<EmuDisc> keep(faulty);
      keep->dir.path = test::TempDir().path;  // the shared directory belongs to `disc`
      INFO(msg);
      CHECK(st == IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE);
      CHECK(msg.find("03/0C/00") != std::string::npos);
      CHECK(msg.find(random_medium(medium) ? "write it again" : "earlier sessions are intact") != std::string::npos);
      const imapi_error* e = imapi_error_last();
      REQUIRE(e);
      CHECK(e->lba == at);
      expect_recoverable(disc);
    }
  }
}

TEST_CASE("faults: the medium removed or the power lost mid-burn fails cleanly and the next burn works", "[burn][faults]") {
  for (const char* knob : {"remove_at_lba", "power_loss_at_lba"}) {
    for (const char* medium : kFaultMedia) {
      DYNAMIC_SECTION(knob << " " << medium) {
        EmuDisc disc(medium);
        burn_good(disc);
        auto rec = disc.open();
        const int64_t at = next_start(disc) + 40;
        EmuDisc* faulty = nullptr;
        auto [st, msg] = burn_with_fault(medium, disc.dir.path.string(), std::string(knob) + "=" + std::to_string(at), faulty);
        std::unique_ptr<EmuDisc> keep(faulty);
        keep->dir.path = test::TempDir().path;
        INFO(msg);
        CHECK(st == IMAPI_E_RECORDER_MEDIA_NO_MEDIA);
        CHECK(msg.find("load it again") != std::string::npos);
        // Load the disc again (START STOP UNIT), as a user closing the tray would.
        REQUIRE(imapi_recorder_close_tray(rec.get()) == IMAPI_S_OK);
        // Removal keeps what was written (an open track); power loss goes back to the last flush.
        expect_recoverable(disc, std::string(knob) == "remove_at_lba" && !random_medium(medium));
      }
    }
  }
}

TEST_CASE("faults: a source that fails or ends early stops the burn with a clear error", "[burn][faults]") {
  for (const char* medium : kFaultMedia) {
    DYNAMIC_SECTION(medium) {
      EmuDisc disc(medium);
      burn_good(disc);
      // A caller's stream that claims 8 MiB and fails after 3 MiB.
      struct Failing {
        int64_t pos = 0;
      } state;
      imapi_stream_vtable vt{};
      vt.struct_size = sizeof vt;
      vt.read = [](void* u, void* buf, int64_t cap, int64_t* n) -> imapi_status {
        auto* s = static_cast<Failing*>(u);
        if (s->pos >= (3 << 20)) return IMAPI_E_FAIL;
        *n = std::min<int64_t>(cap, (3 << 20) - s->pos);
        std::memset(buf, 0x5A, static_cast<size_t>(*n));
        s->pos += *n;
        return IMAPI_S_OK;
      };
      vt.seek = [](void* u, int64_t off, int32_t whence, int64_t* position) -> imapi_status {
        auto* s = static_cast<Failing*>(u);
        if (whence == IMAPI_SEEK_SET) s->pos = off;
        if (position) *position = s->pos;
        return IMAPI_S_OK;
      };
      vt.size = [](void*, int64_t* size) -> imapi_status {
        *size = 8 << 20;
        return IMAPI_S_OK;
      };
      StreamH s;
      REQUIRE(imapi_stream_create_user(&vt, &state, s.out()) == IMAPI_S_OK);
      auto rec = disc.open();
      auto f = make_format(rec.get());
      REQUIRE(imapi_disc_format_data_set_force_overwrite(f.get(), 1) == IMAPI_S_OK);
      if (random_medium(medium)) {
        REQUIRE(imapi_disc_format_data_set_multisession_in_use(f.get(), 0, 1) == IMAPI_S_OK);
      }
      imapi_status st = imapi_disc_format_data_write(f.get(), s.get(), nullptr, nullptr);
      INFO(test::last_message());
      CHECK(st == IMAPI_E_DATA_STREAM_READ_FAILURE);
      CHECK(owner_of(rec.get()).empty());
      expect_recoverable(disc);
    }
  }
}

TEST_CASE("faults: cancel at any moment ends the burn with IMAPI_E_REQUEST_CANCELLED and the disc usable", "[burn][faults]") {
  for (const char* medium : kFaultMedia) {
    for (int32_t cancel_at : {IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA, IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA,
                              IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING}) {
      DYNAMIC_SECTION(medium << " in action " << cancel_at) {
        EmuDisc disc(medium);
        burn_good(disc);
        auto rec = disc.open();
        auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_FULL);
        REQUIRE(imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(f.get(), 1) == IMAPI_S_OK);
        auto image = next_session(f.get(), random_medium(medium));
        struct Ctx {
          imapi_disc_format_data* f;
          int32_t at;
        } ctx{f.get(), cancel_at};
        auto cb = [](void* u, const imapi_burn_progress* p) -> int32_t {
          auto* c = static_cast<Ctx*>(u);
          if (p->current_action != c->at) return 0;
          if (c->at == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) {
            imapi_disc_format_data_cancel_write(c->f);  // CancelWrite from the event handler
            return 0;
          }
          return 1;
        };
        imapi_status st = imapi_disc_format_data_write(f.get(), image.get(), cb, &ctx);
        INFO(test::last_message());
        if (cancel_at == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING) {
          CHECK(st == IMAPI_E_REQUEST_CANCELLED);  // the data is written; verification was stopped
          continue;
        }
        CHECK(st == IMAPI_E_REQUEST_CANCELLED);
        CHECK(owner_of(rec.get()).empty());
        if (cancel_at == IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA) expect_recoverable(disc);
        else {
          // The cancelled session's track was closed; the next session goes after it.
          expect_recoverable(disc);
        }
      }
    }
  }
}

namespace {

// Corrupts one byte of block `lba` in disc.img when the write reports VERIFYING,
// that is after the data is on the disc and before it is read back.
struct Corrupter {
  std::string image;
  int64_t offset_in_session;
  bool done = false;
  static int32_t on_update(void* u, const imapi_burn_progress* p) {
    auto* c = static_cast<Corrupter*>(u);
    if (p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING && !c->done) {
      c->done = true;
      std::fstream img(c->image, std::ios::in | std::ios::out | std::ios::binary);
      const int64_t lba = p->start_lba + c->offset_in_session;
      img.seekg(lba * 2048 + 100);
      const char old = static_cast<char>(img.get());
      img.seekp(lba * 2048 + 100);
      img.put(static_cast<char>(old ^ 0x5A));
    }
    return 0;
  }
};

int64_t burn_corrupted(const char* medium, int32_t level, int64_t offset, imapi_status* st) {
  EmuDisc disc(medium);
  auto rec = disc.open();
  auto f = make_format(rec.get(), level);
  auto image = make_image({{"/data.bin", pattern(2'000'000, 21)}});
  Corrupter c{disc.disc_img(), offset};
  *st = imapi_disc_format_data_write(f.get(), image.get(), Corrupter::on_update, &c);
  REQUIRE(c.done);
  imapi_burn_progress p{};
  p.struct_size = sizeof p;
  REQUIRE(imapi_disc_format_data_get_progress(f.get(), &p) == IMAPI_S_OK);
  return p.start_lba + offset;
}

}  // namespace

TEST_CASE("verification: full and quick pass on an intact disc and verify compares the last session with an image", "[burn][verify]") {
  for (const char* medium : {"bd-r", "dvd+r", "cd-r", "bd-re"}) {
    DYNAMIC_SECTION(medium) {
      for (int32_t level : {IMAPI_BURN_VERIFICATION_QUICK, IMAPI_BURN_VERIFICATION_FULL}) {
        EmuDisc disc(medium);
        auto rec = disc.open();
        auto f = make_format(rec.get(), level);
        auto image = make_image({{"/data.bin", pattern(2'000'000, 21)}});
        INFO(test::last_message());
        REQUIRE(imapi_disc_format_data_write(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
        CHECK(imapi_disc_format_data_verify(f.get(), image.get(), nullptr, nullptr) == IMAPI_S_OK);
        auto other = make_image({{"/data.bin", pattern(2'000'000, 22)}});
        CHECK(imapi_disc_format_data_verify(f.get(), other.get(), nullptr, nullptr) == IMAPI_E_BURN_VERIFICATION_FAILED);
        CHECK(imapi_error_last()->lba >= 0);
      }
    }
  }
}

TEST_CASE("verification: full names the block corrupted after the write and quick finds one in its samples", "[burn][verify]") {
  for (const char* medium : {"bd-r", "dvd+r", "cd-r", "bd-re"}) {
    DYNAMIC_SECTION(medium) {
      imapi_status st = 0;
      int64_t bad = burn_corrupted(medium, IMAPI_BURN_VERIFICATION_FULL, 300, &st);  // inside /data.bin
      CHECK(st == IMAPI_E_BURN_VERIFICATION_FAILED);
      CHECK(imapi_error_last()->lba == bad);
      CHECK(test::last_message().find("block " + std::to_string(bad)) != std::string::npos);
      bad = burn_corrupted(medium, IMAPI_BURN_VERIFICATION_QUICK, 5, &st);  // the first 64 blocks are a sample
      CHECK(st == IMAPI_E_BURN_VERIFICATION_FAILED);
      CHECK(imapi_error_last()->lba == bad);
      // A block outside the samples goes unnoticed by quick (that is what full is for).
      burn_corrupted(medium, IMAPI_BURN_VERIFICATION_QUICK, 300, &st);
      CHECK(st == IMAPI_S_OK);
    }
  }
}
