// State transitions of write-once media, step by step, as CDB byte vectors
// against the emulated drive: blank -> reserved/open track -> complete track ->
// closed session (appendable) -> finalized; NWA and every address checked.
#include "emu_fixture.hpp"

#include "mmc/addressing.hpp"
#include "mmc/bytes.hpp"
#include "mmc/commands.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/toc.hpp"
#include "mmc/track_information.hpp"
#include "mmc/capacity.hpp"

using namespace emu_test;
using namespace imapi::mmc;

namespace {
DiscInformation disc_info(Drive& d) { return parse_disc_information(d.in(read_disc_information(34))); }
TrackInformation track_info(Drive& d, uint32_t track) {
  return parse_track_information(d.in(read_track_information(TrackAddressType::kTrack, track, 48)));
}
void write(Drive& d, uint32_t lba, uint16_t blocks, uint8_t seed = 1) {
  d.ok(write10(lba, blocks), pattern(blocks, seed));
}
Bytes read(Drive& d, uint32_t lba, uint16_t blocks) { return d.in(read10(lba, blocks), blocks * 2048u); }
void select_page05(Drive& d, uint8_t write_type, uint8_t multi_session, bool test_write = false) {
  WriteParametersPage w;
  w.buffer_underrun_free = true;
  w.write_type = write_type;
  w.multi_session = multi_session;
  w.test_write = test_write;
  w.track_mode = 4;
  w.data_block_type = 8;
  auto list = mode_select_parameter_list(write_parameters_page(w));
  d.ok(mode_select10(static_cast<uint16_t>(list.size())), list);
}
}  // namespace

TEST_CASE("emu DVD+R: reserve, write, close track, close session, append, finalize", "[emu]") {
  Drive d("dvd+r");
  auto di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kEmpty);
  CHECK(di.sessions == 1);
  CHECK(di.last_possible_lead_out == 2'295'104);
  auto inv = track_info(d, kInvisibleTrack);
  CHECK(inv.blank);
  CHECK(inv.nwa_valid);
  CHECK(inv.next_writable == 0);
  CHECK(inv.free_blocks == 2'295'104);
  CHECK(inv.packet_size == 16);
  check_sense(d.fails(read_toc(TocFormat::kToc, 0, 100)), 5, 0x24, 0);  // blank: no TOC

  d.ok(reserve_track(64));
  auto t1 = track_info(d, 1);
  CHECK(t1.reserved);
  CHECK(t1.size == 64);
  CHECK(t1.next_writable == 0);
  CHECK(track_info(d, 2).start == 64);  // the invisible track follows the reservation
  check_sense(d.fails(write10(16, 16), pattern(16, 0)), 5, 0x21, 0x02);  // not at the NWA
  write(d, 0, 32, 1);
  write(d, 32, 32, 2);
  CHECK(read(d, 0, 32) == pattern(32, 1));
  CHECK(read(d, 32, 32) == pattern(32, 2));
  check_sense(d.fails(read10(64, 1), {}, DataDirection::kFromDevice), 5, 0x21, 0x00);  // unrecorded
  d.ok(synchronize_cache(true));
  d.ok(close_track_session(CloseFunction::kTrack, 1));
  CHECK(track_info(d, 1).nwa_valid == false);
  d.ok(close_track_session(CloseFunction::kSession));
  di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kIncomplete);
  CHECK(di.last_session_state == SessionState::kEmpty);
  CHECK(di.sessions == 2);
  CHECK(di.first_track_last_session == 2);

  // Second session: incremental writes open the invisible track.
  write(d, 64, 16, 3);
  auto t2 = track_info(d, kInvisibleTrack);
  CHECK(t2.track == 2);
  CHECK(t2.next_writable == 80);
  CHECK(disc_info(d).last_session_state == SessionState::kIncomplete);
  d.ok(close_track_session(CloseFunction::kTrack, 2));
  d.ok(close_track_session(CloseFunction::kSession));
  auto toc = parse_toc(d.in(read_toc(TocFormat::kToc, 0, 100)));
  REQUIRE(toc.tracks.size() == 3);
  CHECK(toc.tracks[1].address == 64);
  CHECK(toc.tracks[2].track == kLeadOutTrack);
  CHECK(toc.tracks[2].address == 80);
  auto sessions = parse_session_info(d.in(read_toc(TocFormat::kSessionInfo, 0, 12)));
  CHECK(sessions.last == 2);
  CHECK(sessions.tracks.at(0).address == 64);
  CHECK(parse_read_capacity(d.in(read_capacity())).last_lba == 79);

  d.ok(close_track_session(CloseFunction::kFinalize));
  di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kFinalized);
  CHECK(di.sessions == 2);
  check_sense(d.fails(write10(80, 16), pattern(16, 0)), 5, 0x21, 0x02);
  check_sense(d.fails(reserve_track(16)), 5, 0x2C, 0x00);
  check_sense(d.fails(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48), {},
                      DataDirection::kFromDevice), 5, 0x24, 0);
}

TEST_CASE("emu CD-R TAO: SYNCHRONIZE CACHE closes the track, multi-session full TOC with B0", "[emu]") {
  Drive d("cd-r");
  select_page05(d, 1, 3);  // TAO, next session allowed
  write(d, 0, 100, 5);
  CHECK(track_info(d, kInvisibleTrack).next_writable == 100);
  d.ok(synchronize_cache(false));  // the drive closes the TAO track itself
  CHECK(track_info(d, 1).size == 100);
  CHECK_FALSE(track_info(d, 1).nwa_valid);
  d.ok(close_track_session(CloseFunction::kSession));
  auto di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kIncomplete);
  // Next session: after lead-out (6750), lead-in (4500) and pregap (150).
  CHECK(track_info(d, kInvisibleTrack).start == 100 + 11400);
  CHECK(di.last_session_lead_in == [] {
    Msf m = msf_from_lba(100 + 11400 - 4650);
    return uint32_t{m.minute} << 16 | uint32_t{m.second} << 8 | m.frame;
  }());
  auto full = parse_full_toc(d.in(read_toc(TocFormat::kFullToc, 1, 2048, true)));
  REQUIRE(full.find(1, point::kFirstTrack));
  CHECK(full.find(1, point::kFirstTrack)->ptime.minute == 1);
  CHECK(full.find(1, point::kLastTrack)->ptime.minute == 1);
  CHECK(full.find(1, point::kLeadOut)->ptime == msf_from_lba(100));
  REQUIRE(full.find(1, point::kNextProgramArea));
  CHECK(full.find(1, point::kNextProgramArea)->adr == 5);
  CHECK(full.find(1, point::kNextProgramArea)->atime == msf_from_lba(100 + 11400));
  CHECK(full.find(1, point::kNextProgramArea)->ptime == (Msf{79, 59, 74}));
  CHECK(full.find(1, 1)->ptime == msf_from_lba(0));

  // Session 2, then a close without Multi-session finalizes the disc: no B0 in the last session.
  write(d, 11500, 10, 6);
  d.ok(synchronize_cache(false));
  select_page05(d, 1, 0);
  d.ok(close_track_session(CloseFunction::kSession));
  CHECK(disc_info(d).disc_status == DiscStatus::kFinalized);
  full = parse_full_toc(d.in(read_toc(TocFormat::kFullToc, 1, 2048, true)));
  CHECK(full.last_session == 2);
  CHECK(full.find(1, point::kNextProgramArea));
  CHECK_FALSE(full.find(2, point::kNextProgramArea));
  CHECK(full.find(2, 2)->ptime == msf_from_lba(11500));
  auto msinfo = parse_session_info(d.in(read_toc(TocFormat::kSessionInfo, 0, 12)));
  CHECK(msinfo.tracks.at(0).address == 11500);
  CHECK(read(d, 11500, 10) == pattern(10, 6));
  // ATIP of an 80-minute CD-R.
  auto atip = parse_atip(d.in(read_toc(TocFormat::kAtip, 0, 28)));
  CHECK_FALSE(atip.rewritable);
  CHECK(atip.last_lead_out_start == (Msf{79, 59, 74}));
  CHECK(atip.lead_in_start == (Msf{97, 26, 66}));
}

TEST_CASE("emu CD-R: the PMA (READ TOC format 3) holds the tracks of the open session", "[emu]") {
  Drive d("cd-r");
  auto pma = [&] { return parse_pma(d.in(read_toc(TocFormat::kPma, 0, 1024))); };
  CHECK(pma().entries.empty());  // blank disc
  select_page05(d, 1, 3);        // TAO, next session allowed
  write(d, 0, 100, 1);
  CHECK(pma().entries.empty());  // a track being written has no entry until it is closed
  d.ok(synchronize_cache(false));  // TAO: the track is closed
  write(d, 100, 50, 2);
  d.ok(synchronize_cache(false));
  d.ok(reserve_track(300));        // a reservation is noted at once
  auto p = pma();
  REQUIRE(p.entries.size() == 3);
  for (uint8_t i = 0; i < 3; ++i) {
    CHECK(p.entries[i].adr == 1);
    CHECK(p.entries[i].control == 4);
    CHECK(p.entries[i].point == i + 1);
  }
  CHECK(p.entries[0].ptime == msf_from_lba(0));
  CHECK(p.entries[0].atime == msf_from_lba(99));
  CHECK(p.entries[1].ptime == msf_from_lba(100));
  CHECK(p.entries[1].atime == msf_from_lba(149));
  CHECK(p.entries[2].ptime == msf_from_lba(150));
  CHECK(p.entries[2].atime == msf_from_lba(449));
  // They agree with READ TRACK INFORMATION.
  for (uint32_t n = 1; n <= 3; ++n) {
    auto t = track_info(d, n);
    CHECK(lba_from_msf(p.entries[n - 1].ptime) == static_cast<int32_t>(t.start));
    CHECK(lba_from_msf(p.entries[n - 1].atime) == static_cast<int32_t>(t.start + t.size - 1));
  }
  // Closing the session moves the entries into the TOC; session 2's tracks are the PMA's next.
  write(d, 150, 300, 3);
  d.ok(synchronize_cache(false));
  d.ok(close_track_session(CloseFunction::kSession));
  CHECK(pma().entries.empty());
  const uint32_t s2 = track_info(d, kInvisibleTrack).start;
  write(d, s2, 20, 4);
  d.ok(synchronize_cache(false));
  p = pma();
  REQUIRE(p.entries.size() == 1);
  CHECK(p.entries[0].point == 4);
  CHECK(p.entries[0].ptime == msf_from_lba(static_cast<int32_t>(s2)));
  CHECK(p.entries[0].atime == msf_from_lba(static_cast<int32_t>(s2 + 19)));
  // DVD media have no PMA.
  Drive dvd("dvd+r");
  check_sense(dvd.fails(read_toc(TocFormat::kPma, 0, 1024)), 5, 0x24, 0x00);
}

TEST_CASE("emu CD-R SAO: cue sheet, writes from LBA -150, the drive closes at the lead-out", "[emu]") {
  Drive d("cd-r");
  select_page05(d, 2, 0);
  // Writing before the cue sheet in SAO mode is a sequence error.
  check_sense(d.fails(write10(0, 1), pattern(1, 0)), 5, 0x2C, 0);
  // Lead-in, track 1 index 0 at 00:00:00 (-150), index 1 at 00:02:00 (0), lead-out at 00:03:00 (75).
  const Bytes cue = {0x41, 0x00, 0x00, 0x14, 0, 0, 0, 0,    0x41, 0x01, 0x00, 0x10, 0, 0, 0, 0,
                     0x41, 0x01, 0x01, 0x10, 0, 0, 2, 0,    0x41, 0xAA, 0x01, 0x14, 0, 0, 3, 0};
  d.ok(send_cue_sheet(32), cue);
  // Until the first WRITE the invisible track still starts at 0 (wodim relies on it).
  CHECK(track_info(d, kInvisibleTrack).start == 0);
  check_sense(d.fails(write10(0, 1), pattern(1, 0)), 5, 0x21, 0x02);  // must start at -150
  d.ok(write10(static_cast<uint32_t>(-150), 150), Bytes(150 * 2048, 0));
  write(d, 0, 75, 9);
  auto di = disc_info(d);
  CHECK(di.disc_status == DiscStatus::kFinalized);
  CHECK(read(d, 0, 75) == pattern(75, 9));
  auto toc = parse_toc(d.in(read_toc(TocFormat::kToc, 0, 100)));
  CHECK(toc.tracks.back().address == 75);
  // Malformed cue sheets: not a multiple of 8; audio data form; lead-out before the track.
  Drive e("cd-r");
  select_page05(e, 2, 0);
  check_sense(e.fails(send_cue_sheet(12), Bytes(12, 0)), 5, 0x26, 0);
  Bytes audio = cue;
  audio[11] = 0x00;
  check_sense(e.fails(send_cue_sheet(32), audio), 5, 0x26, 0);
  Bytes backwards = cue;
  backwards[30] = 1;
  check_sense(e.fails(send_cue_sheet(32), backwards), 5, 0x26, 0);
}

TEST_CASE("emu DVD-R DAO: the end of the reserved track closes the disc, test write records nothing", "[emu]") {
  Drive d("dvd-r");
  select_page05(d, 2, 0);
  d.ok(reserve_track(32));
  write(d, 0, 16, 1);
  CHECK(disc_info(d).disc_status == DiscStatus::kIncomplete);
  write(d, 16, 16, 2);
  CHECK(disc_info(d).disc_status == DiscStatus::kFinalized);
  CHECK(read(d, 16, 16) == pattern(16, 2));

  Drive t("dvd-r");
  select_page05(t, 0, 3, true);  // incremental, simulation
  write(t, 0, 16, 1);
  write(t, 16, 16, 2);  // the simulated NWA moves on...
  check_sense(t.fails(write10(0, 16), pattern(16, 0)), 5, 0x21, 0x02);
  CHECK(disc_info(t).disc_status == DiscStatus::kEmpty);  // ...but nothing is recorded
  CHECK(track_info(t, kInvisibleTrack).next_writable == 0);
  t.ok(synchronize_cache(false));
  write(t, 0, 16, 1);  // a new simulation starts at the real NWA
  // DVD+R has no test mode.
  Drive p("dvd+r");
  WriteParametersPage w;
  w.test_write = true;
  auto list = mode_select_parameter_list(write_parameters_page(w));
  check_sense(p.fails(mode_select10(static_cast<uint16_t>(list.size())), list), 5, 0x26, 0);
}

TEST_CASE("emu BD-R: 32-block clusters, SRM format, read-only media refuse writes", "[emu]") {
  Drive d("bd-r");
  auto fc = parse_format_capacities(d.in(read_format_capacities(252)));
  CHECK(fc.list_length % 8 == 0);
  REQUIRE(fc.formattable.size() == 2);
  CHECK(fc.formattable[1].format_type == 0x32);
  auto params = format_unit_parameters(0x32, fc.formattable[1].blocks, 0, false);
  d.ok(format_unit(), Bytes(params.begin(), params.end()));
  CHECK(disc_info(d).last_possible_lead_out == 11'826'176);
  CHECK(track_info(d, kInvisibleTrack).packet_size == 32);
  write(d, 0, 20, 4);
  d.ok(close_track_session(CloseFunction::kTrack, 1));
  CHECK(track_info(d, kInvisibleTrack).start == 32);  // next track on a cluster boundary
  // Formatting a recorded BD-R is refused.
  check_sense(d.fails(format_unit(), Bytes(params.begin(), params.end())), 5, 0x30, 0x06);
}

TEST_CASE("emu ROM media: content from disc.img, writes are write-protected", "[emu]") {
  DiscDir dir;
  {
    std::FILE* f = std::fopen((dir.path + "/disc.img").c_str(), "wb");
    auto data = pattern(20, 3);
    std::fwrite(data.data(), 1, data.size(), f);
    std::fclose(f);
  }
  auto d = imapi::device::emu::EmulatedDrive::open_uri(dir.uri("dvd-rom"));
  Bytes buf(20 * 2048);
  REQUIRE(d.execute(read10(0, 20).bytes(), DataDirection::kFromDevice, buf).good());
  CHECK(buf == pattern(20, 3));
  auto r = d.execute(write10(0, 1).bytes(), DataDirection::kToDevice, buf);
  REQUIRE_FALSE(r.good());
  auto s = decode_sense(r.sense_bytes());
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "07/27/00");
  Bytes cap(8);
  REQUIRE(d.execute(read_capacity().bytes(), DataDirection::kFromDevice, cap).good());
  CHECK(parse_read_capacity(cap).last_lba == 19);
  // An empty directory cannot be a pressed disc.
  DiscDir empty;
  CHECK_THROWS(imapi::device::emu::EmulatedDrive::open_uri(empty.uri("cd-rom")));
}

TEST_CASE("emu DVD+R DL: layer boundary information (READ DISC STRUCTURE 20h)", "[emu]") {
  // dvd+rw-mediainfo reads it on every DVD+R DL; a dual-layer drive answers it.
  Drive d("dvd+r-dl");
  // The structure list names it beside format 00h.
  auto list = d.in(read_disc_structure(0, 0xFF, 64));
  ResponseReader l(list, "structure list");
  REQUIRE(list.size() == 12);
  CHECK(l.be16(0) == 10);
  CHECK(l.u8(4) == 0x00);
  CHECK(l.u8(8) == 0x20);
  CHECK(l.be16(10) == 12);
  auto lbi = d.in(read_disc_structure(0, 0x20, 12));
  ResponseReader b(lbi, "layer boundary information");
  REQUIRE(lbi.size() == 12);
  CHECK(b.be16(0) == 10);
  CHECK(b.u8(4) == 0x00);  // blank: the boundary can still be set
  const uint32_t l0 = b.be32(8);
  CHECK(l0 == 4'173'824 / 2);
  // Format 00h puts the end of layer 0 at the same place (PSN 30000h + L0 - 1).
  auto pfi = d.in(read_disc_structure(0, 0x00, 2052));
  CHECK(ResponseReader(pfi, "physical format information").be32(16) == 0x030000 + l0 - 1);
  write(d, 0, 16, 7);
  CHECK((d.in(read_disc_structure(0, 0x20, 12))[4] & 0x80) != 0);  // recording has begun: fixed
  // Single-layer media have no layer boundary.
  Drive s("dvd+r");
  check_sense(s.fails(read_disc_structure(0, 0x20, 12)), 5, 0x24, 0);
  CHECK(s.in(read_disc_structure(0, 0xFF, 64)).size() == 8);
}
