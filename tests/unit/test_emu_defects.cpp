// Emulator defects found by running unmodified burners against it (issue 13
// point 5), each replayed as the client's command sequence.
#include "emu_fixture.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <cerrno>

#include "device/emu/sr_block_writes.hpp"
#include "mmc/capacity.hpp"
#include "mmc/commands.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/track_information.hpp"

using namespace emu_test;
using namespace imapi::mmc;

namespace {

DiscInformation disc_info(Drive& d) { return parse_disc_information(d.in(read_disc_information(34))); }
TrackInformation invisible(Drive& d) {
  return parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
}
// Bytes of the host's disk a file takes (holes take none).
uint64_t allocated(const std::string& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return uint64_t(st.st_blocks) * 512;
}
void select_page(Drive& d, const WriteParametersPage& w) {
  auto list = mode_select_parameter_list(write_parameters_page(w));
  d.ok(mode_select10(static_cast<uint16_t>(list.size())), list);
}

}  // namespace

TEST_CASE("emu defect: a write-protected blank DVD+R refuses every state change (cdrskin's and growisofs's sequences)", "[emu]") {
  // Before, RESERVE TRACK and CLOSE TRACK/SESSION went through and the never-written disc read
  // "appendable, 1 session" afterwards in imapi, cdrskin and xorriso.
  Drive d("dvd+r", "wp=1");
  // cdrskin: RESERVE TRACK (16-block units), WRITE, SYNCHRONIZE CACHE, CLOSE TRACK, CLOSE 5 / 2.
  check_sense(d.fails(reserve_track(1024)), 7, 0x27, 0);
  check_sense(d.fails(write10(0, 16), pattern(16, 1)), 7, 0x27, 0);
  d.ok(synchronize_cache(false));  // nothing cached: nothing to refuse
  check_sense(d.fails(close_track_session(CloseFunction::kTrack, 1, false)), 7, 0x27, 0);
  check_sense(d.fails(close_track_session(CloseFunction::kFinalizeMinimalRadius, 0, false)), 7, 0x27, 0);
  check_sense(d.fails(close_track_session(CloseFunction::kSession, 0, false)), 7, 0x27, 0);
  // growisofs: page 05h (a drive setting, accepted), SEND OPC, then the same closes.
  WriteParametersPage w;
  w.write_type = 0;
  w.track_mode = 5;
  w.data_block_type = 8;
  select_page(d, w);
  check_sense(d.fails(send_opc_information(true)), 7, 0x27, 0);
  check_sense(d.fails(close_track_session(CloseFunction::kFinalize, 0, false)), 7, 0x27, 0);
  // The disc is what it was: blank, its one (empty) session open, the invisible track at 0.
  auto di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kEmpty);
  CHECK(di.last_session_state == SessionState::kEmpty);
  CHECK(di.sessions == 1);
  auto ti = invisible(d);
  CHECK(ti.blank);
  CHECK(ti.next_writable == 0);
  CHECK(d.drive.snapshot().disc.tracks.empty());

  // CD-R: SEND CUE SHEET too; DVD+R DL: SEND DISC STRUCTURE (the layer break) too.
  Drive cd("cd-r", "wp=1");
  WriteParametersPage sao;
  sao.write_type = 2;
  sao.track_mode = 4;
  sao.data_block_type = 8;
  select_page(cd, sao);
  check_sense(cd.fails(send_cue_sheet(16), Bytes(16, 0)), 7, 0x27, 0);
  Drive dl("dvd+r-dl", "wp=1");
  auto lb = layer_boundary_parameters(1'000'000);
  check_sense(dl.fails(send_disc_structure(0, 0x20, 12), Bytes(lb.begin(), lb.end())), 7, 0x27, 0);
}

TEST_CASE("emu defect: a CD-R track left open, loaded write-protected, is not closed by SYNCHRONIZE CACHE", "[emu]") {
  // A TAO track whose writer died before SYNCHRONIZE CACHE stays open. With wp=1 the next
  // client's SYNCHRONIZE CACHE must not record the track's run-out: 07/27/00, and the track and the disc stay as they were.
  using imapi::device::emu::EmulatedDrive;
  DiscDir dir;
  WriteParametersPage tao;
  tao.write_type = 1;
  tao.track_mode = 4;
  tao.data_block_type = 8;
  tao.multi_session = 3;
  const auto page = mode_select_parameter_list(write_parameters_page(tao));
  {
    auto writer = EmulatedDrive::open_uri(dir.uri("cd-r"));
    Bytes list(page.begin(), page.end()), data = pattern(64, 1);
    REQUIRE(writer.execute(mode_select10(static_cast<uint16_t>(list.size())).bytes(), DataDirection::kToDevice, list).good());
    REQUIRE(writer.execute(write10(0, 64).bytes(), DataDirection::kToDevice, data).good());
  }
  auto protected_drive = EmulatedDrive::open_uri(dir.uri("cd-r", "wp=1"));
  const auto before = protected_drive.snapshot().disc;
  REQUIRE(before.tracks.size() == 1);
  REQUIRE(before.tracks[0].state == imapi::device::emu::TrackState::kOpen);
  Bytes list(page.begin(), page.end());
  REQUIRE(protected_drive.execute(mode_select10(static_cast<uint16_t>(list.size())).bytes(), DataDirection::kToDevice, list)
              .good());
  auto r = protected_drive.execute(synchronize_cache(false).bytes(), DataDirection::kNone, {});
  REQUIRE(r.status == imapi::device::scsi_status::kCheckCondition);
  auto s = decode_sense(r.sense_bytes());
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "07/27/00");
  const auto after = protected_drive.snapshot().disc;
  REQUIRE(after.tracks.size() == 1);
  CHECK(after.tracks[0].state == imapi::device::emu::TrackState::kOpen);
  CHECK(after.tracks[0].written == 64);
  CHECK(after.tracks[0].size == before.tracks[0].size);
  // Without the protection the same command closes it (the drive's TAO run-out).
  auto writable = EmulatedDrive::open_uri(dir.uri("cd-r"));
  REQUIRE(writable.execute(synchronize_cache(false).bytes(), DataDirection::kNone, {}).good());
  CHECK(writable.snapshot().disc.tracks.at(0).state == imapi::device::emu::TrackState::kComplete);
}

TEST_CASE("emu defect: wodim -fix closes a CD-R session with page 05h set to track mode 0, block type 0", "[emu]") {
  // Before, MODE SELECT refused that page as audio (05/26/00) and wodim -fix always failed
  // ("Cannot open new session"). The commands wodim sends, as traced through the shim.
  Drive d("cd-r");
  WriteParametersPage tao;  // a -tao -nofix burn first: one track, the session left open
  tao.buffer_underrun_free = true;
  tao.write_type = 1;
  tao.track_mode = 4;
  tao.data_block_type = 8;
  tao.multi_session = 0;
  select_page(d, tao);
  d.ok(write10(0, 300), pattern(300, 2));
  d.ok(synchronize_cache(false));
  CHECK(disc_info(d).disc_status == DiscStatus::kIncomplete);
  // wodim -fix: 55 10 .. [header, 05 32 41 00 00 .. 00 96 ..]: TAO with BUFE, track mode 0, block
  // type 0, Multi-session 00b, audio pause length 150.
  Bytes fix_page(60, 0);
  const Bytes page = {0x05, 0x32, 0x41, 0x00, 0x00};
  std::copy(page.begin(), page.end(), fix_page.begin() + 8);
  fix_page[8 + 15] = 0x96;
  d.ok(mode_select10(static_cast<uint16_t>(fix_page.size())), fix_page);
  d.ok(close_track_session(CloseFunction::kSession, 0, false));
  auto di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kFinalized);  // Multi-session 00b: the disc is finalized
  CHECK(d.drive.snapshot().disc.closed_sessions == 1);
  // The page is accepted, but an audio WRITE is not recorded until audio exists: 05/64/00.
  Drive fresh("cd-r");
  fresh.ok(mode_select10(static_cast<uint16_t>(fix_page.size())), fix_page);
  check_sense(fresh.fails(write10(0, 1), pattern(1, 3)), 5, 0x64, 0x00);
  CHECK(fresh.drive.snapshot().disc.tracks.empty());
}

TEST_CASE("emu defect: blocks written as zeros stay holes in disc.img (a mostly sparse DL burn costs no disk)", "[emu]") {
  // Before, a 5.2 GB DL burn of a mostly sparse image took 5.1 GB of disk.
  Drive d("bd-r-dl");
  const std::string image = d.dir.path + "/disc.img";
  const Bytes zeros(32 * 2048, 0);
  Bytes mixed = pattern(32, 5);
  std::fill(mixed.begin() + 8 * 2048, mixed.begin() + 24 * 2048, 0);  // data, 16 zero blocks, data
  d.ok(write10(0, 32), mixed);
  for (uint32_t k = 1; k <= 1024; ++k) d.ok(write10(k * 32, 32), zeros);  // 64 MiB of zeros
  d.ok(write10(1025 * 32, 32), pattern(32, 6));
  d.ok(write10(1026 * 32, 32), zeros);  // a trailing hole: the image still covers it
  struct stat st {};
  REQUIRE(::stat(image.c_str(), &st) == 0);
  CHECK(uint64_t(st.st_size) == 1027ull * 32 * 2048);
  INFO("allocated " << allocated(image) << " bytes");
  CHECK(allocated(image) < 1u << 20);  // the 32 data blocks, not 64 MiB
  // Everything reads back as written, through the drive.
  CHECK(d.in(read10(0, 32), 32 * 2048) == mixed);
  CHECK(d.in(read10(500 * 32, 32), 32 * 2048) == zeros);
  CHECK(d.in(read10(1025 * 32, 32), 32 * 2048) == pattern(32, 6));
  CHECK(d.in(read10(1026 * 32, 32), 32 * 2048) == zeros);

  // Random-access media: zeros over old data punch it out, and read as zeros.
  Drive re("bd-re");
  auto fc = parse_format_capacities(re.in(read_format_capacities(252)));
  auto p = format_unit_parameters(0x00, fc.formattable[0].blocks, fc.formattable[0].type_parameter, false);
  re.ok(format_unit(), Bytes(p.begin(), p.end()));
  re.ok(write10(0, 512), pattern(512, 7));  // 1 MiB of data
  const uint64_t full = allocated(re.dir.path + "/disc.img");
  CHECK(full >= 1u << 20);
  re.ok(write10(0, 512), Bytes(512 * 2048, 0));
  CHECK(allocated(re.dir.path + "/disc.img") < full / 4);
  CHECK(re.in(read10(100, 32), 32 * 2048) == Bytes(32 * 2048, 0));
}

TEST_CASE("emu defect: a CD-R track interrupted by removal is damaged until closed, then a TAO write starts a new track", "[emu]") {
  // Before, the next TAO WRITE at the old NWA extended the interrupted track. MMC (READ TRACK
  // INFORMATION, Damage and NWA_V): such a track is "damaged, not closed and not writable";
  // libburn (burn_disc_close_damaged, xorriso -close_damaged) closes it, and writing goes on
  // in a new track.
  using imapi::device::emu::EmulatedDrive;
  DiscDir dir;
  WriteParametersPage tao;
  tao.buffer_underrun_free = true;
  tao.write_type = 1;
  tao.track_mode = 4;
  tao.data_block_type = 8;
  tao.multi_session = 3;
  const auto page = mode_select_parameter_list(write_parameters_page(tao));
  auto run = [](EmulatedDrive& d, const Cdb& cdb, Bytes data = {}) {
    return d.execute(cdb.bytes(), data.empty() ? DataDirection::kNone : DataDirection::kToDevice, data);
  };
  auto sense_of = [](const CommandResult& r) {
    if (r.good()) return std::string("good");
    auto s = decode_sense(r.sense_bytes());
    return sense_triple(s.key, s.asc, s.ascq);
  };
  auto track_info = [](EmulatedDrive& d, uint32_t number) {
    Bytes b(48);
    REQUIRE(d.execute(read_track_information(TrackAddressType::kTrack, number, 48).bytes(), DataDirection::kFromDevice, b)
                .good());
    return parse_track_information(b);
  };
  {
    auto d = EmulatedDrive::open_uri(dir.uri("cd-r", "remove_at_lba=800"));
    REQUIRE(run(d, mode_select10(static_cast<uint16_t>(page.size())), page).good());
    CommandResult r;
    uint32_t lba = 0;
    while ((r = run(d, write10(lba, 32), pattern(32, 1))).good()) lba += 32;
    CHECK(sense_of(r) == "02/3A/00");  // the medium is gone at LBA 800
    CHECK(lba == 800 / 32 * 32);
  }
  auto d = EmulatedDrive::open_uri(dir.uri("cd-r"));  // the next process, without the fault
  REQUIRE(run(d, start_stop_unit(true, true)).good());  // load it again (libburn does)
  run(d, test_unit_ready());                             // 06/28/00 once
  auto damaged = track_info(d, kInvisibleTrack);
  CHECK(damaged.track == 1);
  CHECK(damaged.damage);
  CHECK_FALSE(damaged.nwa_valid);
  CHECK(damaged.size == 800);
  // Not writable at its old NWA, and no new track can start while it is not closed.
  CHECK(sense_of(run(d, write10(800, 32), pattern(32, 2))) == "05/21/02");
  CHECK(d.snapshot().disc.tracks.size() == 1);
  // libburn's close of a damaged CD track: page 05h (TAO), then CLOSE TRACK.
  REQUIRE(run(d, mode_select10(static_cast<uint16_t>(page.size())), page).good());
  REQUIRE(run(d, close_track_session(CloseFunction::kTrack, 1, false)).good());
  auto closed = track_info(d, 1);
  CHECK_FALSE(closed.damage);
  CHECK(closed.size == 800);
  auto next = track_info(d, kInvisibleTrack);
  CHECK(next.track == 2);
  CHECK(next.nwa_valid);
  CHECK(next.next_writable >= 800);
  CHECK(run(d, write10(next.next_writable, 32), pattern(32, 3)).good());
  CHECK(run(d, synchronize_cache(false)).good());
  const auto snap = d.snapshot();
  REQUIRE(snap.disc.tracks.size() == 2);
  CHECK(snap.disc.tracks[0].written == 800);
  CHECK(snap.disc.tracks[1].start == next.next_writable);
  CHECK(snap.disc.tracks[1].written == 32);
  Bytes back(32 * 2048);
  REQUIRE(d.execute(read10(0, 32).bytes(), DataDirection::kFromDevice, back).good());
  CHECK(back == pattern(32, 1));
}

TEST_CASE("emu defect: block-device writes (growisofs's pwrite64 on DVD-RAM) reach the drive as WRITE(10)", "[emu]") {
  // Before, the shim's descriptor on disc.img took pwrite directly: growisofs burned a
  // write-protected DVD-RAM, and the zero blocks of a sparse image became allocated space.
  using imapi::device::emu::sr_refuses_write_open;
  using imapi::device::emu::write_as_block_device;
  SECTION("a write-protected medium: the open for writing fails EROFS, writes EIO, nothing recorded") {
    CHECK(sr_refuses_write_open(true, O_RDWR));
    CHECK(sr_refuses_write_open(true, O_WRONLY));
    CHECK_FALSE(sr_refuses_write_open(true, O_RDONLY));
    CHECK_FALSE(sr_refuses_write_open(true, O_RDWR | O_NONBLOCK));  // the kernel does not look then
    CHECK_FALSE(sr_refuses_write_open(false, O_RDWR));
    Drive d("dvd-ram", "wp=1");
    const Bytes data = pattern(16, 1);
    CHECK(write_as_block_device(d.drive, data, 0) == -EIO);
    CHECK(write_as_block_device(d.drive, std::span(data).first(100), 4096 + 7) == -EIO);
    CHECK(allocated(d.dir.path + "/disc.img") == 0);
    CHECK(d.drive.snapshot().disc.random_extent == 0);
  }
  SECTION("whole blocks: zeros stay holes, data reads back, the recorded extent grows") {
    Drive d("dvd-ram");
    Bytes image(1024 * 2048, 0);  // 2 MiB, data only in blocks 16..23 and 1000
    std::copy_n(pattern(8, 2).begin(), 8 * 2048, image.begin() + 16 * 2048);
    std::copy_n(pattern(1, 3).begin(), 2048, image.begin() + 1000 * 2048);
    for (size_t at = 0; at < image.size(); at += 32 * 1024)  // growisofs's obs=32k
      REQUIRE(write_as_block_device(d.drive, std::span(image).subspan(at, 32 * 1024), at) == 32 * 1024);
    INFO("allocated " << allocated(d.dir.path + "/disc.img"));
    CHECK(allocated(d.dir.path + "/disc.img") <= 64 * 1024);  // 9 data blocks, not 2 MiB
    CHECK(d.in(read10(0, 1024), 1024 * 2048) == image);
    CHECK(d.drive.snapshot().disc.random_extent == 1024);
    // Overwriting data with zeros punches it out, and it reads back as zeros.
    REQUIRE(write_as_block_device(d.drive, Bytes(8 * 2048, 0), 16 * 2048) == 8 * 2048);
    CHECK(d.in(read10(16, 8), 8 * 2048) == Bytes(8 * 2048, 0));
    CHECK(allocated(d.dir.path + "/disc.img") <= 8 * 1024);
  }
  SECTION("a write covering blocks partly merges into what they hold") {
    Drive d("dvd-ram");
    const Bytes old = pattern(4, 4);
    REQUIRE(write_as_block_device(d.drive, old, 0) == int64_t(old.size()));
    const Bytes piece = Bytes(3000, 0xA5);
    REQUIRE(write_as_block_device(d.drive, piece, 1000) == 3000);  // block 0 from 1000 into block 1
    Bytes want = old;
    std::copy(piece.begin(), piece.end(), want.begin() + 1000);
    CHECK(d.in(read10(0, 4), 4 * 2048) == want);
    REQUIRE(write_as_block_device(d.drive, Bytes(10, 0x5A), 3 * 2048 + 5) == 10);  // inside one block
    std::fill_n(want.begin() + 3 * 2048 + 5, 10, 0x5A);
    CHECK(d.in(read10(0, 4), 4 * 2048) == want);
  }
  SECTION("sequential media take block writes only where the drive takes WRITEs; past the end is ENOSPC") {
    Drive d("dvd+r");
    CHECK(write_as_block_device(d.drive, pattern(16, 5), 64 * 2048) == -EIO);  // not the NWA
    CHECK(write_as_block_device(d.drive, pattern(16, 5), 0) == 16 * 2048);
    CHECK(d.drive.snapshot().disc.tracks.at(0).written == 16);
    Drive ram("dvd-ram");
    const uint64_t capacity = ram.drive.snapshot().disc.capacity();
    CHECK(write_as_block_device(ram.drive, pattern(1, 6), capacity * 2048) == -ENOSPC);
  }
}
