// Response parsers against replies laid out per the MMC-6/SPC-4 tables, with
// values typical of real drives and media (where a peer's emulator builds
// the same reply, it is named on the test). Each parser also gets truncated,
// oversized-length-field and garbage inputs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "mmc/addressing.hpp"
#include "mmc/capacity.hpp"
#include "mmc/configuration.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/event_status.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/performance.hpp"
#include "mmc/status.hpp"
#include "mmc/toc.hpp"
#include "mmc/track_information.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

namespace {
Bytes cut(const Bytes& b, size_t n) { return Bytes(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(n)); }
void append(Bytes& b, std::initializer_list<uint8_t> more) { b.insert(b.end(), more); }
void append_text(Bytes& b, const std::string& s) { b.insert(b.end(), s.begin(), s.end()); }

// Checks the parser throws IMAPI's invalid-response error naming the command and an offset.
template <typename F>
void check_rejects(F&& parse, const Bytes& bytes, const std::string& command) {
  try {
    parse(bytes);
    FAIL("accepted a malformed " << command << " reply of " << bytes.size() << " bytes");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == status::kInvalidResponseFromDevice);
    CHECK(e.message().find(command) != std::string::npos);
    CHECK(e.message().find("byte offset") != std::string::npos);
  }
}
}  // namespace

TEST_CASE("mmc response: INQUIRY", "[mmc]") {
  Bytes b{0x05, 0x80, 0x05, 0x32, 0x1F, 0, 0, 0};
  append_text(b, "HL-DT-ST");
  append_text(b, "DVDRAM GH24NSB0 ");
  append_text(b, "LN00");
  REQUIRE(b.size() == 36);
  InquiryData d = parse_inquiry(b);
  CHECK(d.peripheral_type == kPeripheralTypeCdDvd);
  CHECK(d.peripheral_qualifier == 0);
  CHECK(d.removable);
  CHECK(d.version == 5);
  CHECK(d.response_data_format == 2);
  CHECK(d.vendor == "HL-DT-ST");
  CHECK(d.product == "DVDRAM GH24NSB0");
  CHECK(d.revision == "LN00");

  Bytes junk = b;
  junk[8] = 0xFF;  // non-ASCII becomes '?', NUL padding is trimmed
  junk[32] = 'A';
  junk[33] = 0;
  junk[34] = 0;
  junk[35] = 0;
  CHECK(parse_inquiry(junk).vendor == "?L-DT-ST");
  CHECK(parse_inquiry(junk).revision == "A");
  check_rejects(parse_inquiry, cut(b, 35), "INQUIRY");
  check_rejects(parse_inquiry, Bytes{}, "INQUIRY");
}

TEST_CASE("mmc response: GET CONFIGURATION with profile list and core features", "[mmc]") {
  Bytes b{0, 0, 0, 28, 0, 0, 0x00, 0x1B};  // 28 bytes after the length; current profile DVD+R
  append(b, {0x00, 0x00, 0x03, 0x08, 0x00, 0x1B, 0x01, 0x00, 0x00, 0x08, 0x00, 0x00});  // profile list
  append(b, {0x00, 0x01, 0x0B, 0x08, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, 0x00});  // core v2, ATAPI, DBE
  REQUIRE(b.size() == 32);
  Configuration c = parse_configuration(b);
  CHECK(c.complete);
  CHECK(c.current_profile == 0x001B);
  REQUIRE(c.features.size() == 2);
  CHECK(c.features[0].code == 0x0000);
  CHECK(c.features[0].persistent);
  CHECK(c.features[0].current);
  CHECK(c.features[0].version == 0);
  CHECK(c.features[1].code == 0x0001);
  CHECK(c.features[1].version == 2);
  CHECK(c.features[1].data == Bytes{0, 0, 0, 2, 1, 0, 0, 0});
  REQUIRE(c.find(0x0001) != nullptr);
  CHECK(c.find(0x002D) == nullptr);
  auto profiles = parse_profile_list(c.features[0]);
  REQUIRE(profiles.size() == 2);
  CHECK(profiles[0].profile == 0x001B);
  CHECK(profiles[0].current);
  CHECK(profiles[1].profile == 0x0008);
  CHECK_FALSE(profiles[1].current);

  SECTION("allocation length cut the reply mid-descriptor") {
    Configuration t = parse_configuration(cut(b, 24));
    CHECK_FALSE(t.complete);
    CHECK(t.features.size() == 1);
  }
  SECTION("length field larger than the reply (drive has more)") {
    Bytes big = b;
    big[2] = 0x10;
    Configuration t = parse_configuration(big);
    CHECK_FALSE(t.complete);
    CHECK(t.features.size() == 2);
  }
  SECTION("descriptor claiming more than the reply") {
    Bytes bad = b;
    bad[8 + 12 + 3] = 0xFC;
    Configuration t = parse_configuration(bad);
    CHECK(t.features.size() == 1);
    CHECK_FALSE(t.complete);
  }
  SECTION("profile list with a partial trailing descriptor") {
    FeatureDescriptor f;
    f.data = {0x00, 0x41, 0x00, 0x00, 0x00, 0x43};
    auto p = parse_profile_list(f);
    REQUIRE(p.size() == 1);
    CHECK(p[0].profile == 0x0041);
  }
  check_rejects(parse_configuration, cut(b, 7), "GET CONFIGURATION");
  check_rejects(parse_configuration, Bytes{0, 0, 0, 2, 0, 0, 0, 0}, "GET CONFIGURATION");
}

namespace {
// Page 2Ah with n=2 write speed descriptors: page length 30+4n (clients require 32+4n <= length+2).
Bytes page_2a() {
  Bytes p{0x2A, 0x26, 0x3F, 0x37, 0xF1, 0x03, 0x29, 0x00,
          0x1B, 0x90,  // max read speed (obsolete) 7056 kB/s
          0x01, 0x00,  // volume levels
          0x08, 0x00,  // buffer 2048 KiB
          0x1B, 0x90, 0x00, 0x00,
          0x1B, 0x90,  // max write (obsolete)
          0x1B, 0x90, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x1B, 0x90,  // current write speed selected
          0x00, 0x02,  // two descriptors
          0x00, 0x00, 0x1B, 0x90, 0x00, 0x01, 0x0D, 0xC8};
  return p;
}
Bytes page_05() {
  Bytes p(52, 0);
  p[0] = 0x05;
  p[1] = 0x32;
  p[2] = 0x72;  // BUFE | LS_V | test write | write type 2 (SAO)
  p[3] = 0xC4;  // multi-session 11b | track mode 4
  p[4] = 0x08;  // data block type 8 (mode 1, 2048)
  p[5] = 0x07;  // link size 7
  p[7] = 0x00;
  p[8] = 0x20;  // CD-ROM XA
  p[13] = 0x10; // packet size 16
  p[15] = 0x96; // audio pause 150
  for (int i = 0; i < 13; ++i) p[16 + static_cast<size_t>(i)] = static_cast<uint8_t>('0' + i % 10);
  p[50] = 0x08;  // subheader byte 2
  return p;
}
}  // namespace

TEST_CASE("mmc response: MODE SENSE(10) with block descriptor, pages 05h and 2Ah", "[mmc]") {
  Bytes p05 = page_05();
  Bytes p2a = page_2a();
  uint16_t mdl = static_cast<uint16_t>(6 + 8 + p05.size() + p2a.size());
  Bytes b{static_cast<uint8_t>(mdl >> 8), static_cast<uint8_t>(mdl), 0, 0, 0, 0, 0, 8};
  append(b, {0, 0, 0, 0, 0, 0, 0x08, 0});  // block descriptor
  b.insert(b.end(), p05.begin(), p05.end());
  b.insert(b.end(), p2a.begin(), p2a.end());
  ModeParameters m = parse_mode_sense10(b);
  CHECK(m.complete);
  CHECK(m.block_descriptor_length == 8);
  REQUIRE(m.pages.size() == 2);
  REQUIRE(m.find(0x05));
  REQUIRE(m.find(0x2A));
  CHECK(m.find(0x2A)->bytes == p2a);

  WriteParametersPage w = parse_write_parameters_page(m.find(0x05)->bytes);
  CHECK(w.buffer_underrun_free);
  CHECK(w.link_size_valid);
  CHECK(w.test_write);
  CHECK(w.write_type == 2);
  CHECK(w.multi_session == 3);
  CHECK_FALSE(w.fixed_packet);
  CHECK(w.track_mode == 4);
  CHECK(w.data_block_type == 8);
  CHECK(w.link_size == 7);
  CHECK(w.session_format == 0x20);
  CHECK(w.packet_size == 16);
  CHECK(w.audio_pause_length == 150);
  REQUIRE(w.media_catalog_number);
  CHECK((*w.media_catalog_number)[0] == '0');
  REQUIRE(w.subheader);
  CHECK((*w.subheader)[2] == 0x08);

  CapabilitiesPage c = parse_capabilities_page(m.find(0x2A)->bytes);
  CHECK(c.dvd_ram_read);
  CHECK(c.cd_r_read);
  CHECK(c.method2);
  CHECK(c.dvd_r_write);
  CHECK(c.test_write);
  CHECK(c.cd_rw_write);
  CHECK(c.buffer_underrun_protection);
  CHECK(c.multi_session);
  CHECK(c.audio_play);
  CHECK(c.cd_da_commands);
  CHECK(c.cd_da_stream_accurate);
  CHECK(c.loading_mechanism == 1);
  CHECK(c.eject);
  CHECK(c.lock);
  CHECK_FALSE(c.lock_state);
  CHECK(c.buffer_size_kb == 2048);
  CHECK(c.max_write_speed_kbps == 7056);
  CHECK(c.current_write_speed_kbps == 7056);
  CHECK(c.complete);
  REQUIRE(c.write_speeds.size() == 2);
  CHECK(c.write_speeds[0].write_speed_kbps == 7056);
  CHECK(c.write_speeds[0].rotation_control == 0);
  CHECK(c.write_speeds[1].write_speed_kbps == 3528);
  CHECK(c.write_speeds[1].rotation_control == 1);

  SECTION("2Ah announcing more descriptors than its page length holds") {
    Bytes p = p2a;
    p[31] = 200;
    CapabilitiesPage t = parse_capabilities_page(p);
    CHECK_FALSE(t.complete);
    CHECK(t.write_speeds.size() == 2);
  }
  SECTION("short MMC-1 page 2Ah (length 12h) parses its fixed part") {
    Bytes p = cut(p2a, 20);
    p[1] = 0x12;
    CapabilitiesPage t = parse_capabilities_page(p);
    CHECK(t.write_speeds.empty());
    CHECK(t.max_write_speed_kbps == 7056);
    CHECK_FALSE(t.current_write_speed_kbps);
  }
  SECTION("page 05h without MCN/ISRC") {
    Bytes p = cut(p05, 16);
    p[1] = 0x0E;
    WriteParametersPage t = parse_write_parameters_page(p);
    CHECK_FALSE(t.media_catalog_number);
    CHECK_FALSE(t.subheader);
  }
  SECTION("reply cut inside a page, and a length field larger than the reply") {
    ModeParameters t = parse_mode_sense10(cut(b, 8 + 8 + 52 + 10));
    CHECK_FALSE(t.complete);
    CHECK(t.pages.size() == 1);
    Bytes big = b;
    big[0] = 0xFF;
    CHECK(parse_mode_sense10(big).pages.size() == 2);
  }
  SECTION("block descriptor length beyond the reply") {
    Bytes bad = b;
    bad[6] = 0xFF;
    ModeParameters t = parse_mode_sense10(bad);
    CHECK(t.pages.empty());
    CHECK_FALSE(t.complete);
  }
  SECTION("subpage-format page header") {
    Bytes s{0, 14, 0, 0, 0, 0, 0, 0, 0x5C, 0x01, 0x00, 0x04, 1, 2, 3, 4};
    ModeParameters t = parse_mode_sense10(s);
    REQUIRE(t.pages.size() == 1);
    CHECK(t.pages[0].subpage_format);
    CHECK(t.pages[0].code == 0x1C);
    CHECK(t.pages[0].subpage == 1);
    CHECK(t.pages[0].bytes.size() == 8);
  }
  check_rejects(parse_mode_sense10, cut(b, 7), "MODE SENSE(10)");
  check_rejects(parse_mode_sense10, Bytes{0, 3, 0, 0, 0, 0, 0, 0}, "MODE SENSE(10)");
  check_rejects(parse_capabilities_page, cut(p2a, 15), "page 2Ah");
  check_rejects(parse_capabilities_page, p05, "page 2Ah");
  check_rejects(parse_write_parameters_page, cut(p05, 15), "page 05h");
  check_rejects(parse_write_parameters_page, p2a, "page 05h");
}

TEST_CASE("mmc response: READ DISC INFORMATION (appendable CD-R, MSF addresses)", "[mmc]") {
  Bytes b{0x00, 0x20, 0x01, 0x01, 0x02, 0x02, 0x02, 0x20, 0x20, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00,
          0x00, 0x0A, 0x14, 0x00,   // last session lead-in 10:20:00
          0x00, 0x4F, 0x3B, 0x4A,   // last possible lead-out 79:59:74
          0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00};
  REQUIRE(b.size() == 34);
  DiscInformation d = parse_disc_information(b);
  CHECK(d.length == 32);
  CHECK_FALSE(d.erasable);
  CHECK(d.disc_status == DiscStatus::kIncomplete);
  CHECK(d.last_session_state == SessionState::kEmpty);
  CHECK(d.first_track == 1);
  CHECK(d.sessions == 2);
  CHECK(d.first_track_last_session == 2);
  CHECK(d.last_track_last_session == 2);
  CHECK(d.unrestricted_use);
  CHECK(d.disc_type == 0x20);
  CHECK(lba_from_msf(msf_from_field(d.last_session_lead_in)) == 46350);
  CHECK(lba_from_msf(msf_from_field(d.last_possible_lead_out)) == 359849);
  CHECK(d.application_code == 0);

  Bytes blank_rw = b;
  blank_rw[2] = 0x10;  // erasable, empty disc, empty session
  blank_rw[4] = 1;
  blank_rw[9] = 1;     // sessions MSB: 257
  DiscInformation e = parse_disc_information(blank_rw);
  CHECK(e.erasable);
  CHECK(e.disc_status == DiscStatus::kEmpty);
  CHECK(e.sessions == 257);
  CHECK_FALSE(parse_disc_information(cut(b, 24)).application_code);

  check_rejects(parse_disc_information, cut(b, 23), "READ DISC INFORMATION");
  Bytes tiny = b;
  tiny[1] = 2;
  check_rejects(parse_disc_information, tiny, "READ DISC INFORMATION");
  Bytes other_type = b;
  other_type[2] = 0x41;  // data type 010b (assigned track resources): not this layout
  check_rejects(parse_disc_information, other_type, "READ DISC INFORMATION");
}

TEST_CASE("mmc addressing: MSF <-> LBA incl. lead-in", "[mmc]") {
  CHECK(lba_from_msf({0, 2, 0}) == 0);
  CHECK(lba_from_msf({0, 0, 0}) == -150);
  // ATIP lead-in start of an 80-minute CD-R, 97:26:66 (MMC-6 LBA/MSF table for M >= 90).
  CHECK(lba_from_msf({97, 26, 66}) == -11634);
  CHECK(msf_from_lba(-11634) == Msf{97, 26, 66});
  CHECK(msf_from_lba(0) == Msf{0, 2, 0});
  CHECK(msf_from_lba(359849) == Msf{79, 59, 74});
}

TEST_CASE("mmc response: READ TRACK INFORMATION (DVD+R invisible track)", "[mmc]") {
  Bytes b{0x00, 0x26, 0x02, 0x02, 0x00, 0x07, 0x61, 0x01,
          0x00, 0x00, 0x10, 0x00,   // start 4096
          0x00, 0x00, 0x10, 0x00,   // NWA 4096
          0x00, 0x22, 0xF5, 0x40,   // free blocks
          0x00, 0x00, 0x00, 0x10,   // packet size 16
          0x00, 0x22, 0xF5, 0x40,   // track size
          0x00, 0x00, 0x00, 0x00,   // LRA
          0x01, 0x00, 0x00, 0x00,   // track MSB 1 -> 258
          0x00, 0x00, 0x00, 0x00};
  REQUIRE(b.size() == 40);
  TrackInformation t = parse_track_information(b);
  CHECK(t.track == 0x0102);
  CHECK(t.session == 2);
  CHECK(t.track_mode == 7);
  CHECK_FALSE(t.damage);
  CHECK(t.blank);
  CHECK(t.packet);
  CHECK_FALSE(t.fixed_packet);
  CHECK_FALSE(t.reserved);
  CHECK(t.data_mode == 1);
  CHECK(t.nwa_valid);
  CHECK_FALSE(t.lra_valid);
  CHECK(t.start == 4096);
  CHECK(t.next_writable == 4096);
  CHECK(t.free_blocks == 0x22F540);
  CHECK(t.packet_size == 16);
  CHECK(t.size == 0x22F540);
  CHECK(t.last_recorded == 0u);
  CHECK(t.read_compatibility_lba == 0u);

  TrackInformation old = parse_track_information(cut(b, 28));  // MMC-2 length
  CHECK(old.track == 2);
  CHECK_FALSE(old.last_recorded);
  Bytes short_len = b;
  short_len[1] = 30;  // length says 32 bytes: LRA, but no MSBs
  TrackInformation s = parse_track_information(short_len);
  CHECK(s.last_recorded);
  CHECK(s.track == 2);
  Bytes big = b;
  big[0] = 0xFF;
  CHECK(parse_track_information(big).track == 0x0102);
  check_rejects(parse_track_information, cut(b, 27), "READ TRACK INFORMATION");
  Bytes tiny = b;
  tiny[1] = 4;
  check_rejects(parse_track_information, tiny, "READ TRACK INFORMATION");
}

TEST_CASE("mmc response: READ TOC formats 0 and 1", "[mmc]") {
  // One data track (ADR 1, CONTROL 4) and the lead-out at 15000, as QEMU's cdrom_read_toc lays them out.
  Bytes b{0x00, 0x12, 0x01, 0x01,
          0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x14, 0xAA, 0x00, 0x00, 0x00, 0x3A, 0x98};
  Toc t = parse_toc(b);
  CHECK(t.complete);
  CHECK(t.first == 1);
  CHECK(t.last == 1);
  REQUIRE(t.tracks.size() == 2);
  CHECK(t.tracks[0].adr == 1);
  CHECK(t.tracks[0].control == 4);
  CHECK(t.tracks[0].track == 1);
  CHECK(t.tracks[0].address == 0);
  CHECK(t.tracks[1].track == kLeadOutTrack);
  CHECK(t.tracks[1].address == 15000);

  Toc partial = parse_toc(cut(b, 16));
  CHECK_FALSE(partial.complete);
  CHECK(partial.tracks.size() == 1);
  Bytes big = b;
  big[0] = 0x03;
  CHECK_FALSE(parse_toc(big).complete);
  check_rejects(parse_toc, cut(b, 3), "READ TOC format 0");
  check_rejects(parse_toc, Bytes{0, 1, 1, 1}, "READ TOC format 0");

  // Format 1 after two sessions: first complete 1, last complete 2; track 2 starts at 20000.
  Bytes s{0x00, 0x0A, 0x01, 0x02, 0x00, 0x14, 0x02, 0x00, 0x00, 0x00, 0x4E, 0x20};
  Toc si = parse_session_info(s);
  CHECK(si.first == 1);
  CHECK(si.last == 2);
  REQUIRE(si.tracks.size() == 1);
  CHECK(si.tracks[0].track == 2);
  CHECK(si.tracks[0].address == 20000);
}

TEST_CASE("mmc response: READ TOC format 2 (full TOC: A0, A1, A2, B0, track 1)", "[mmc]") {
  // Session 1 entries in QEMU cdrom_read_toc_raw's order (A0, A1, A2, then point 1), plus an
  // ADR-5 B0 pointer of an appendable disc: next program area 12:34:56, 2 pointers, last lead-out 79:59:74.
  Bytes b{0x00, 0x39, 0x01, 0x01,
          0x01, 0x14, 0x00, 0xA0, 0, 0, 0, 0, 0x01, 0x20, 0x00,
          0x01, 0x14, 0x00, 0xA1, 0, 0, 0, 0, 0x01, 0x00, 0x00,
          0x01, 0x14, 0x00, 0xA2, 0, 0, 0, 0, 0x03, 0x21, 0x00,
          0x01, 0x14, 0x00, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00,
          0x01, 0x54, 0x00, 0xB0, 12, 34, 56, 0x02, 79, 59, 74};
  REQUIRE(b.size() == 59);
  FullToc t = parse_full_toc(b);
  CHECK(t.complete);
  CHECK(t.first_session == 1);
  CHECK(t.last_session == 1);
  REQUIRE(t.entries.size() == 5);
  const FullTocEntry* a0 = t.find(1, point::kFirstTrack);
  REQUIRE(a0);
  CHECK(a0->ptime.minute == 1);    // first track
  CHECK(a0->ptime.second == 0x20); // disc type CD-ROM XA
  CHECK(t.find(1, point::kLastTrack)->ptime.minute == 1);
  CHECK(lba_from_msf(t.find(1, point::kLeadOut)->ptime) == (3 * 60 + 33) * 75 - 150);
  CHECK(t.find(1, 1)->ptime == Msf{0, 2, 0});
  const FullTocEntry* b0 = t.find(1, point::kNextProgramArea);
  REQUIRE(b0);
  CHECK(b0->adr == 5);
  CHECK(b0->control == 4);
  CHECK(b0->atime == Msf{12, 34, 56});
  CHECK(b0->zero == 2);
  CHECK(b0->ptime == Msf{79, 59, 74});
  CHECK(t.find(2, point::kFirstTrack) == nullptr);

  FullToc partial = parse_full_toc(cut(b, 4 + 11 * 2 + 5));
  CHECK_FALSE(partial.complete);
  CHECK(partial.entries.size() == 2);
  check_rejects(parse_full_toc, cut(b, 2), "READ TOC format 2");
  check_rejects(parse_full_toc, Bytes{0, 0, 1, 1}, "READ TOC format 2");
}

TEST_CASE("mmc response: READ TOC format 3 (PMA track entries)", "[mmc]") {
  // Two track entries of an open CD-R session: track 1 from 00:02:00 to 00:03:24 (LBAs 0-99),
  // track 2 (a reservation) from 00:03:25 on.
  Bytes b{0x00, 0x18, 0x00, 0x00,
          0x00, 0x14, 0x00, 0x01, 0, 3, 24, 0, 0, 2, 0,
          0x00, 0x14, 0x00, 0x02, 0, 9, 0, 0, 0, 3, 25};
  Pma p = parse_pma(b);
  CHECK(p.complete);
  CHECK(p.length == 24);
  REQUIRE(p.entries.size() == 2);
  CHECK(p.entries[0].adr == 1);
  CHECK(p.entries[0].control == 4);
  CHECK(p.entries[0].point == 1);
  CHECK(lba_from_msf(p.entries[0].ptime) == 0);
  CHECK(lba_from_msf(p.entries[0].atime) == 99);
  CHECK(p.entries[1].point == 2);
  CHECK(p.entries[1].ptime == (Msf{0, 3, 25}));
  CHECK(p.entries[1].atime == (Msf{0, 9, 0}));
  CHECK(encode_pma(p) == b);
  // An empty PMA (blank disc, or every session closed) is just the header.
  CHECK(parse_pma(Bytes{0x00, 0x02, 0x00, 0x00}).entries.empty());
  // Cut short: the whole descriptors that arrived, and the reply marked incomplete.
  Pma partial = parse_pma(cut(b, 4 + 11 + 6));
  CHECK_FALSE(partial.complete);
  CHECK(partial.entries.size() == 1);
  // A length that is no whole number of descriptors.
  Bytes odd = b;
  odd[1] = 0x17;
  CHECK_FALSE(parse_pma(odd).complete);
  check_rejects(parse_pma, cut(b, 3), "READ TOC format 3");
  check_rejects(parse_pma, Bytes{0, 1, 0, 0}, "READ TOC format 3");
}

TEST_CASE("mmc response: READ CAPACITY", "[mmc]") {
  Capacity c = parse_read_capacity(Bytes{0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x08, 0x00});
  CHECK(c.last_lba == 0x23053F);
  CHECK(c.blocks() == 2295104);  // a full single-layer DVD+R
  CHECK(c.block_length == 2048);
  CHECK(parse_read_capacity(Bytes{0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0}).blocks() == 0x100000000ull);
  check_rejects(parse_read_capacity, Bytes{0, 0, 0, 0, 0, 0, 8}, "READ CAPACITY");
}

TEST_CASE("mmc response: READ FORMAT CAPACITIES", "[mmc]") {
  // BD-RE, formatted: current descriptor + formattable types 00h, 30h (with spare size), 31h.
  Bytes b{0x00, 0x00, 0x00, 0x20,
          0x00, 0xB2, 0x9C, 0x00, 0x02, 0x00, 0x08, 0x00,
          0x00, 0xB2, 0x9C, 0x00, 0x00, 0x00, 0x30, 0x00,
          0x00, 0xB2, 0x9C, 0x00, 0xC0, 0x00, 0x30, 0x00,
          0x00, 0xBA, 0x94, 0x00, 0xC4, 0x00, 0x00, 0x00};
  FormatCapacities f = parse_format_capacities(b);
  CHECK(f.complete);
  CHECK(f.list_length == 32);
  CHECK(f.current_blocks == 0xB29C00);
  CHECK(f.current_type == CapacityDescriptorType::kFormatted);
  CHECK(f.current_block_length == 2048);
  REQUIRE(f.formattable.size() == 3);
  CHECK(f.formattable[0].format_type == 0x00);
  CHECK(f.formattable[0].type_parameter == 0x3000);
  CHECK(f.formattable[1].format_type == 0x30);
  CHECK(f.formattable[2].format_type == 0x31);
  CHECK(f.formattable[2].blocks == 0xBA9400);

  // Blank DVD+RW: unformatted, one 26h descriptor.
  Bytes plus{0, 0, 0, 0x10, 0x00, 0x23, 0x05, 0x40, 0x01, 0x00, 0x08, 0x00,
             0x00, 0x23, 0x05, 0x40, 0x98, 0x00, 0x00, 0x00};
  FormatCapacities p = parse_format_capacities(plus);
  CHECK(p.current_type == CapacityDescriptorType::kUnformatted);
  REQUIRE(p.formattable.size() == 1);
  CHECK(p.formattable[0].format_type == 0x26);

  CHECK_FALSE(parse_format_capacities(cut(b, 20)).complete);
  CHECK(parse_format_capacities(cut(b, 20)).formattable.size() == 1);
  Bytes odd = plus;
  odd[3] = 0x0C;  // not a multiple of 8
  CHECK_FALSE(parse_format_capacities(odd).complete);
  check_rejects(parse_format_capacities, cut(b, 11), "READ FORMAT CAPACITIES");
  Bytes none = b;
  none[3] = 4;
  check_rejects(parse_format_capacities, none, "READ FORMAT CAPACITIES");
}

TEST_CASE("mmc response: READ BUFFER CAPACITY", "[mmc]") {
  BufferCapacity c = parse_buffer_capacity(Bytes{0x00, 0x0A, 0, 0, 0x00, 0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00});
  CHECK(c.size == 2 * 1024 * 1024);
  CHECK(c.blank == 1024 * 1024);
  check_rejects(parse_buffer_capacity, Bytes{0x00, 0x0A, 0, 0, 0, 0x20, 0, 0, 0, 0x10, 0}, "READ BUFFER CAPACITY");
  check_rejects(parse_buffer_capacity, Bytes{0x00, 0x0A, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2}, "READ BUFFER CAPACITY");
}

TEST_CASE("mmc response: GET PERFORMANCE types 03h and 00h", "[mmc]") {
  // DVD+R: 16x CLV (22160 kB/s) and 8x CAV (11080 kB/s) up to the disc's last LBA.
  Bytes b{0x00, 0x00, 0x00, 0x24, 0x00, 0, 0, 0,
          0x00, 0, 0, 0, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48, 0x00, 0x00, 0x56, 0x90,
          0x08, 0, 0, 0, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x2B, 0x48, 0x00, 0x00, 0x2B, 0x48};
  WriteSpeeds w = parse_write_speeds(b);
  CHECK(w.complete);
  REQUIRE(w.descriptors.size() == 2);
  CHECK(w.descriptors[0].write_speed_kbps == 22160);
  CHECK(w.descriptors[0].end_lba == 0x23053F);
  CHECK(w.descriptors[0].write_rotation_control == 0);
  CHECK(w.descriptors[1].write_speed_kbps == 11080);
  CHECK(w.descriptors[1].read_speed_kbps == 11080);
  CHECK(w.descriptors[1].write_rotation_control == 1);
  CHECK_FALSE(parse_write_speeds(cut(b, 30)).complete);
  CHECK(parse_write_speeds(cut(b, 30)).descriptors.size() == 1);
  Bytes big = b;
  big[2] = 0x7F;
  CHECK(parse_write_speeds(big).descriptors.size() == 2);
  check_rejects(parse_write_speeds, cut(b, 7), "GET PERFORMANCE type 03h");
  check_rejects(parse_write_speeds, Bytes{0, 0, 0, 3, 0, 0, 0, 0}, "GET PERFORMANCE type 03h");

  Bytes p{0x00, 0x00, 0x00, 0x14, 0x02, 0, 0, 0,
          0, 0, 0, 0, 0x00, 0x00, 0x1B, 0x90, 0x00, 0x23, 0x05, 0x3F, 0x00, 0x00, 0x56, 0x90};
  Performance perf = parse_performance(p);
  CHECK(perf.write);
  CHECK_FALSE(perf.except);
  REQUIRE(perf.descriptors.size() == 1);
  CHECK(perf.descriptors[0].start_kbps == 7056);
  CHECK(perf.descriptors[0].end_lba == 0x23053F);
  CHECK(perf.descriptors[0].end_kbps == 22160);
  Bytes exc = p;
  exc[4] = 0x03;
  CHECK(parse_performance(exc).descriptors.empty());
}

TEST_CASE("mmc response: GET EVENT STATUS NOTIFICATION, media class", "[mmc]") {
  EventStatus e = parse_event_status(Bytes{0x00, 0x06, 0x04, 0x10, 0x02, 0x02, 0x00, 0x00});
  CHECK_FALSE(e.no_event_available);
  CHECK(e.notification_class == 4);
  CHECK(e.supported_classes == 0x10);
  REQUIRE(e.media);
  CHECK(e.media->event == static_cast<uint8_t>(MediaEvent::kNewMedia));
  CHECK(e.media->media_present);
  CHECK_FALSE(e.media->tray_open);

  EventStatus open = parse_event_status(Bytes{0x00, 0x06, 0x04, 0x10, 0x03, 0x01, 0x00, 0x00});
  CHECK(open.media->tray_open);
  CHECK_FALSE(open.media->media_present);

  EventStatus nea = parse_event_status(Bytes{0x00, 0x02, 0x84, 0x10});
  CHECK(nea.no_event_available);
  CHECK_FALSE(nea.media);

  check_rejects(parse_event_status, Bytes{0x00, 0x06, 0x04}, "GET EVENT STATUS NOTIFICATION");
  check_rejects(parse_event_status, Bytes{0x00, 0x06, 0x04, 0x10, 0x02}, "GET EVENT STATUS NOTIFICATION");
  check_rejects(parse_event_status, Bytes{0x00, 0x02, 0x04, 0x10, 0x02, 0x02, 0, 0}, "GET EVENT STATUS NOTIFICATION");
}
