// Persistence (a disc burned through one drive object is seen by the next,
// as by the next process), the state file reader on bad input, drive URIs,
// and fault injection.
#include "emu_fixture.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <utility>
#include <fstream>
#include <thread>

#include "core/error.hpp"
#include "device/emu/state_file.hpp"
#include "mmc/commands.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/track_information.hpp"
#include "mmc/capacity.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"

using namespace emu_test;
using namespace imapi::mmc;
using namespace imapi::device::emu;

TEST_CASE("emu state: a second drive object on the same directory sees the burned disc", "[emu]") {
  DiscDir dir;
  {
    auto a = EmulatedDrive::open_uri(dir.uri("dvd+r"));
    auto data = pattern(16, 7);
    REQUIRE(a.execute(write10(0, 16).bytes(), DataDirection::kToDevice, data).good());
    REQUIRE(a.execute(close_track_session(CloseFunction::kTrack, 1).bytes(), DataDirection::kNone, {}).good());
    REQUIRE(a.execute(close_track_session(CloseFunction::kSession).bytes(), DataDirection::kNone, {}).good());
  }
  // The URI names another medium: the disc already in the directory wins.
  auto b = EmulatedDrive::open_uri(dir.uri("bd-r"));
  Bytes di(34);
  REQUIRE(b.execute(read_disc_information(34).bytes(), DataDirection::kFromDevice, di).good());
  CHECK(parse_disc_information(di).disc_status == imapi::mmc::DiscStatus::kIncomplete);
  Bytes buf(16 * 2048);
  REQUIRE(b.execute(read10(0, 16).bytes(), DataDirection::kFromDevice, buf).good());
  CHECK(buf == pattern(16, 7));
  CHECK(b.snapshot().disc.media == MediaKind::kDvdPlusR);
}

TEST_CASE("emu state: serialize/parse round trip and strict rejection of corrupt files", "[emu]") {
  EmuState s;
  s.disc.media = MediaKind::kCdR;
  s.disc.closed_sessions = 1;
  s.disc.tracks.push_back({1, 0, 100, 100, TrackState::kComplete, 4});
  s.disc.tracks.push_back({2, 11500, 0, 10, TrackState::kOpen, 4});
  s.drive.write_page = {0x05, 0x32, 0x41};
  s.drive.sao_next = -150;
  s.drive.sao_plan.push_back({2, 11600, 50, 0, TrackState::kReserved, 4});
  const std::string text = serialize_state(s);
  EmuState back = parse_state(text);
  CHECK(serialize_state(back) == text);
  CHECK(back.disc.tracks.size() == 2);
  CHECK(back.drive.sao_next == -150);

  auto rejects = [](const std::string& t) { CHECK_THROWS_AS(parse_state(t), imapi::Error); };
  rejects("");
  rejects("not a state file\n");
  rejects("imapi-emu-state 1\n");                                   // no media line
  rejects("imapi-emu-state 1\nmedia floppy\n");
  rejects("imapi-emu-state 1\nmedia cd-r\nsessions 1\n");             // too few values
  rejects("imapi-emu-state 1\nmedia cd-r\nsessions 1 2\n");           // flag not 0/1
  rejects("imapi-emu-state 1\nmedia cd-r\nsessions 99999999 0\n");    // out of range
  rejects("imapi-emu-state 1\nmedia cd-r\ntrack 1 0 10 20 reserved 4\n");  // written past the reservation
  rejects("imapi-emu-state 1\nmedia cd-r\ntrack 0 0 10 0 open 4\n");  // session 0
  rejects("imapi-emu-state 1\nmedia cd-r\ntrack 1 4294967295 10 0 open 4\n");
  rejects("imapi-emu-state 1\nmedia cd-r\nwrite_page 0g\n");
  rejects("imapi-emu-state 1\nmedia cd-r\noperation format 5 3\n");
  rejects("imapi-emu-state 1\nmedia cd-r\nbogus 1\n");
  rejects(text + "track 1 0 1 1 sideways 4\n");

  // A drive whose state file is corrupt reports a hardware-ish failure, not UB.
  DiscDir dir;
  { auto d = EmulatedDrive::open_uri(dir.uri("dvd+r")); }
  std::ofstream(dir.path + "/disc.state") << "imapi-emu-state 1\nmedia dvd+r\ntrack x\n";
  CHECK_THROWS_AS(EmulatedDrive::open_uri(dir.uri("dvd+r")), imapi::Error);
}

TEST_CASE("emu URI: parameters and errors", "[emu]") {
  auto c = parse_drive_uri("emu:dvd+r?dir=/tmp/x&speed=2.4&buffer=8M&throttle=1&write_error_lba=100&long_write_every=7");
  CHECK(c.media == MediaKind::kDvdPlusR);
  CHECK(c.dir == "/tmp/x");
  CHECK(c.speed_x10 == 24);
  CHECK(c.buffer_bytes == 8u << 20);
  CHECK(c.throttle);
  CHECK(c.faults.write_error_lba == 100u);
  CHECK(c.faults.long_write_every == 7);
  CHECK(parse_drive_uri("emu:bd-re?dir=d&buffer=512K").buffer_bytes == 512u * 1024);
  for (const char* bad : {"dvd+r?dir=x", "emu:floppy?dir=x", "emu:dvd+r", "emu:dvd+r?dir=x&speed=fast",
                          "emu:dvd+r?dir=x&speed=1.25", "emu:dvd+r?dir=x&color=red", "emu:dvd+r?dir=x&buffer=1K",
                          "emu:dvd+r?dir=x&throttle=2", "emu:dvd+r?dir=x&buffer=99999999M", "emu:cd-r?dir"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_drive_uri(bad), imapi::Error);
  }
  CHECK_THROWS_AS(EmulatedDrive::open_uri("emu:cd-r?dir=/nonexistent/imapi-emu"), imapi::Error);
}

TEST_CASE("emu faults: long write in progress, write error, medium removed, power loss", "[emu]") {
  {
    Drive d("dvd+r", "long_write_every=3");
    d.ok(write10(0, 16), pattern(16, 1));
    d.ok(write10(16, 16), pattern(16, 2));
    check_sense(d.fails(write10(32, 16), pattern(16, 3)), 2, 0x04, 0x08);
    d.ok(write10(32, 16), pattern(16, 3));  // the retry succeeds
    CHECK(d.in(read10(32, 16), 16 * 2048) == pattern(16, 3));
  }
  {
    Drive d("dvd+r", "write_error_lba=20");
    d.ok(write10(0, 16), pattern(16, 1));
    auto s = d.fails(write10(16, 16), pattern(16, 2));
    check_sense(s, 3, 0x0C, 0x00);
    CHECK(s.information == 20u);
    // Blocks before the bad one were recorded; the NWA stands right at it.
    auto t = parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
    CHECK(t.next_writable == 20);
  }
  {
    Drive d("cd-r", "remove_at_lba=40");
    d.ok(write10(0, 32), pattern(32, 1));
    check_sense(d.fails(write10(32, 32), pattern(32, 2)), 2, 0x3A, 0x00);
    check_sense(d.fails(test_unit_ready()), 2, 0x3A, 0x00);
  }
  {
    Drive d("dvd+r", "power_loss_at_lba=64");
    d.ok(write10(0, 32), pattern(32, 1));
    d.ok(synchronize_cache(false));
    d.ok(write10(32, 16), pattern(16, 2));  // cached, never synchronized
    check_sense(d.fails(write10(48, 32), pattern(32, 3)), 2, 0x3A, 0x00);
    d.ok(start_stop_unit(true, true));  // power back, disc reloaded
    auto t = parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
    CHECK(t.next_writable == 32);  // the state as of the last SYNCHRONIZE CACHE
  }
}

namespace {

// After a power loss and reload: READ DISC INFORMATION and READ TRACK INFORMATION
// (invisible track) tell one story, and a WRITE at the NWA they give is accepted.
// Returns that NWA.
uint32_t check_reloaded_disc_agrees(Drive& d, uint8_t seed) {
  d.ok(start_stop_unit(true, true));  // power back, disc reloaded
  auto di = parse_disc_information(d.in(read_disc_information(34)));
  auto ti = parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
  CHECK(ti.track == di.last_track_last_session);
  CHECK(ti.session == di.sessions);
  CHECK(ti.blank);
  CHECK(ti.nwa_valid);
  CHECK(ti.next_writable == ti.start);
  CHECK(di.last_session_state == imapi::mmc::SessionState::kEmpty);  // the invisible track opens an empty session
  // Every track before the invisible one is complete: none reports an NWA.
  for (uint16_t n = 1; n < ti.track; ++n) {
    auto t = parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, n, 48)));
    CHECK_FALSE(t.nwa_valid);
    CHECK(t.session < di.sessions);
  }
  d.ok(write10(ti.next_writable, 16), pattern(16, seed));
  CHECK(d.in(read10(ti.next_writable, 16), 16 * 2048) == pattern(16, seed));
  return ti.next_writable;
}

}  // namespace

TEST_CASE("emu faults: power loss after CLOSE TRACK and CLOSE SESSION keeps the closed session (DVD+R)", "[emu]") {
  Drive d("dvd+r", "power_loss_at_lba=56");
  d.ok(write10(0, 32), pattern(32, 1));
  d.ok(synchronize_cache(false));
  d.ok(close_track_session(CloseFunction::kTrack, 1, false));
  d.ok(close_track_session(CloseFunction::kSession, 0, false));
  d.ok(write10(32, 16), pattern(16, 2));  // session 2, cached
  auto before = parse_disc_information(d.in(read_disc_information(34)));
  CHECK(before.sessions == 2);
  check_sense(d.fails(write10(48, 16), pattern(16, 3)), 2, 0x3A, 0x00);  // reaches LBA 56: the power fails
  const auto snap = d.drive.snapshot();
  REQUIRE(snap.disc.tracks.size() == 1);
  CHECK(snap.disc.tracks[0].state == TrackState::kComplete);
  CHECK(snap.disc.closed_sessions == 1);
  CHECK(check_reloaded_disc_agrees(d, 4) == 32);
  CHECK(d.in(read10(0, 32), 32 * 2048) == pattern(32, 1));  // session 1 is intact
}

TEST_CASE("emu faults: power loss after BLANK does not bring the erased track back (CD-RW)", "[emu]") {
  Drive d("cd-rw", "power_loss_at_lba=40");
  d.ok(write10(0, 32), pattern(32, 1));
  d.ok(synchronize_cache(false));  // TAO: closes the track
  d.ok(close_track_session(CloseFunction::kSession, 0, false));
  d.ok(blank(BlankType::kMinimal, false));
  d.ok(write10(0, 16), pattern(16, 2));
  check_sense(d.fails(write10(16, 32), pattern(32, 3)), 2, 0x3A, 0x00);  // reaches LBA 40
  const auto snap = d.drive.snapshot();
  CHECK(snap.disc.tracks.empty());
  CHECK(snap.disc.closed_sessions == 0);
  CHECK_FALSE(snap.disc.finalized);
  auto di = [&] {
    d.ok(start_stop_unit(true, true));
    return parse_disc_information(d.in(read_disc_information(34)));
  }();
  CHECK(di.disc_status == imapi::mmc::DiscStatus::kEmpty);
  CHECK(check_reloaded_disc_agrees(d, 5) == 0);
}

TEST_CASE("emu faults: power loss after FORMAT keeps the format, and the durable disc survives a reload of the state file",
          "[emu]") {
  DiscDir dir;
  {
    auto a = EmulatedDrive::open_uri(dir.uri("dvd-rw", "power_loss_at_lba=100"));
    // Quick format to restricted overwrite (profile 13h), then a write that loses power.
    auto list = format_unit_parameters(0x15, 0, 16, false);
    REQUIRE(a.execute(format_unit().bytes(), DataDirection::kToDevice, list).good());
    auto data = pattern(128, 1);
    auto r = a.execute(write10(0, 128).bytes(), DataDirection::kToDevice, data);
    REQUIRE(r.status == imapi::device::scsi_status::kCheckCondition);
  }
  auto b = EmulatedDrive::open_uri(dir.uri("dvd-rw"));
  auto s = b.snapshot();
  CHECK(s.disc.media == MediaKind::kDvdRwRestricted);
  CHECK(s.disc.formatted);
  CHECK(s.drive.durable_disc.media == MediaKind::kDvdRwRestricted);
  // The state file keeps the durable copy apart from the disc in the drive.
  auto text = serialize_state(s);
  CHECK(text.find("durable.media dvd-rw-ro") != std::string::npos);
  CHECK(serialize_state(parse_state(text)) == text);
}

TEST_CASE("emu buffer: throttled writes fill the buffer READ BUFFER CAPACITY reports", "[emu]") {
  Drive d("cd-r", "throttle=1&buffer=1M&speed=48");
  d.ok(write10(0, 256), pattern(256, 1));  // 512 KiB at 48x CD (8.4 MB/s): mostly still buffered
  auto cap = parse_buffer_capacity(d.in(read_buffer_capacity(12)));
  CHECK(cap.size == 1u << 20);
  CHECK(cap.blank < cap.size);
}

TEST_CASE("emu buffer: READ BUFFER CAPACITY drains in real time, a flush is no underrun but a late WRITE is", "[emu]") {
  // 4x CD = 704,000 bytes/s into a 1 MiB buffer: 512 KiB written take about 745 ms to drain.
  Drive d("cd-r", "throttle=1&buffer=1M&speed=4");
  d.ok(write10(0, 256), pattern(256, 1));
  auto first = parse_buffer_capacity(d.in(read_buffer_capacity(12)));
  CHECK(first.size == 1u << 20);
  CHECK(first.blank < first.size);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  auto second = parse_buffer_capacity(d.in(read_buffer_capacity(12)));
  INFO("free space " << first.blank << " then " << second.blank);
  // About 352,000 bytes reached the medium meanwhile (all of it, on a host so busy,
  // e.g. under ASan, that the first reading came late).
  CHECK(second.blank >= std::min<uint32_t>(first.blank + 300'000, second.size));
  CHECK(second.blank <= second.size);
  // Run dry: the next WRITE is an underrun (counted: BUFE is on by default) even though the
  // empty buffer was seen through READ BUFFER CAPACITY first.
  for (int i = 0; i < 100 && parse_buffer_capacity(d.in(read_buffer_capacity(12))).blank < (1u << 20); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(parse_buffer_capacity(d.in(read_buffer_capacity(12))).blank == 1u << 20);
  d.ok(write10(256, 16), pattern(16, 2));
  CHECK(d.drive.snapshot().drive.underruns == 1);
  // Emptied and then flushed (the end of a track): no underrun.
  for (int i = 0; i < 100 && parse_buffer_capacity(d.in(read_buffer_capacity(12))).blank < (1u << 20); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  d.ok(synchronize_cache(false));
  auto t = parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
  d.ok(write10(t.next_writable, 16), pattern(16, 3));
  CHECK(d.drive.snapshot().drive.underruns == 1);
}

TEST_CASE("emu buffer: an underrun fails the next WRITE without BUFE and is only counted with it", "[emu]") {
  using imapi::mmc::WriteParametersPage;
  for (bool bufe : {false, true}) {
    // 4x CD = 704 kB/s: 64 KiB drain in about 93 ms.
    Drive d("cd-r", "throttle=1&buffer=64K&speed=4");
    WriteParametersPage w;
    w.buffer_underrun_free = bufe;
    w.write_type = 1;
    w.track_mode = 4;
    w.data_block_type = 8;
    auto list = mode_select_parameter_list(write_parameters_page(w));
    d.ok(mode_select10(static_cast<uint16_t>(list.size())), list);
    d.ok(write10(0, 16), pattern(16, 1));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the host stalls; the buffer runs dry
    if (bufe) {
      d.ok(write10(16, 16), pattern(16, 2));
      CHECK(d.drive.snapshot().drive.underruns == 1);
    } else {
      check_sense(d.fails(write10(16, 16), pattern(16, 2)), 3, 0x0C, 0x09);
    }
  }
}

TEST_CASE("emu state: processes appending to one disc at once leave it consistent (the state-file lock)", "[emu]") {
  // Each process has its own drive object on the same directory, as separate programs would,
  // and appends 16-block packets at the NWA READ TRACK INFORMATION gives; one that loses the race
  // is refused (05/21/02) and asks again. Every command is load-execute-save under the flock on
  // disc.lock: without it two processes would both "succeed" at one NWA and one packet would vanish.
  constexpr int kProcesses = 4, kPackets = 25;
  DiscDir dir;
  const std::string uri = dir.uri("dvd+r");
  { auto create = EmulatedDrive::open_uri(uri); }
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      int status = 0;
      try {
        auto drive = EmulatedDrive::open_uri(uri);
        for (int k = 0; k < kPackets && status == 0; ++k) {
          Bytes packet(16 * 2048, static_cast<uint8_t>(p));
          packet[0] = static_cast<uint8_t>(p);
          packet[1] = static_cast<uint8_t>(k);
          for (int attempt = 0;; ++attempt) {
            if (attempt == 1000) { status = 2; break; }
            Bytes ti(48);
            auto r = drive.execute(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48).bytes(),
                                   DataDirection::kFromDevice, ti);
            if (!r.good()) { status = 3; break; }
            const uint32_t nwa = parse_track_information(ti).next_writable;
            r = drive.execute(write10(nwa, 16).bytes(), DataDirection::kToDevice, packet);
            if (r.good()) break;
            auto sense = decode_sense(r.sense_bytes());
            if (sense.key != 5 || sense.asc != 0x21 || sense.ascq != 0x02) { status = 4; break; }
          }
        }
      } catch (...) {
        status = 5;
      }
      ::_exit(status);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = -1;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  // One open track holding every packet exactly once, back to back.
  auto d = EmulatedDrive::open_uri(uri);
  const auto snap = d.snapshot();
  REQUIRE(snap.disc.tracks.size() == 1);
  CHECK(snap.disc.tracks[0].written == uint32_t{kProcesses * kPackets * 16});
  std::set<std::pair<int, int>> seen;
  for (uint32_t lba = 0; lba < uint32_t{kProcesses * kPackets * 16}; lba += 16) {
    Bytes packet(16 * 2048);
    REQUIRE(d.execute(read10(lba, 16).bytes(), DataDirection::kFromDevice, packet).good());
    const int p = packet[0], k = packet[1];
    CHECK(p < kProcesses);
    CHECK(k < kPackets);
    CHECK(packet[16 * 2048 - 1] == packet[0]);  // the packet is whole, not interleaved with another
    CHECK(seen.insert({p, k}).second);
  }
  CHECK(seen.size() == size_t{kProcesses * kPackets});
}
