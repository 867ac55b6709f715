// Every CDB builder against the SPC-4/MMC-6 CDB layouts, byte by byte.
// Where a peer sends the same command, its bytes are the expectation
// (source named on the test); the rest are read off the spec's CDB tables.
#include <catch2/catch.hpp>

#include <vector>

#include "mmc/commands.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

namespace {
Bytes b(const Cdb& c) { return Bytes(c.bytes().begin(), c.bytes().end()); }
}  // namespace

TEST_CASE("mmc cdb: bytes identical to libburn's command templates", "[mmc]") {
  // libburn/mmc.c (svn2github/libburn) static CDB arrays; allocation 16,0 = 4096.
  CHECK(b(read_toc(TocFormat::kFullToc, 0, 4096, true)) == Bytes{0x43, 2, 2, 0, 0, 0, 0, 16, 0, 0});
  CHECK(b(read_toc(TocFormat::kAtip, 0, 4096, true)) == Bytes{0x43, 2, 4, 0, 0, 0, 0, 16, 0, 0});
  CHECK(b(read_disc_information(4096)) == Bytes{0x51, 0, 0, 0, 0, 0, 0, 16, 0, 0});
  CHECK(b(get_configuration(ConfigurationRequest::kAll, 0, 4096)) == Bytes{0x46, 0, 0, 0, 0, 0, 0, 16, 0, 0});
  CHECK(b(get_event_status_notification(kEventClassMedia, 8)) == Bytes{0x4A, 1, 0, 0, 16, 0, 0, 0, 8, 0});
  CHECK(b(read_track_information(TrackAddressType::kLba, 0, 4096)) == Bytes{0x52, 0, 0, 0, 0, 0, 0, 16, 0, 0});
}

TEST_CASE("mmc cdb: GET CONFIGURATION RT=2 for one feature (RetroArch cdrom.c)", "[mmc]") {
  // libretro-common/cdrom: {0x46, 0x2, 0, 0x10, 0, 0, 0, 0, 0x14, 0}: Random Readable feature, 20 bytes.
  CHECK(b(get_configuration(ConfigurationRequest::kOne, 0x0010, 0x14)) == Bytes{0x46, 2, 0, 0x10, 0, 0, 0, 0, 0x14, 0});
  CHECK(b(get_configuration(ConfigurationRequest::kCurrent, 0x0107, 0x1234)) == Bytes{0x46, 1, 0x01, 0x07, 0, 0, 0, 0x12, 0x34, 0});
}

TEST_CASE("mmc cdb: SPC commands", "[mmc]") {
  CHECK(b(test_unit_ready()) == Bytes{0, 0, 0, 0, 0, 0});
  CHECK(b(request_sense(18)) == Bytes{0x03, 0, 0, 0, 18, 0});
  CHECK(b(request_sense(252, true)) == Bytes{0x03, 1, 0, 0, 252, 0});
  CHECK(b(inquiry(36)) == Bytes{0x12, 0, 0, 0, 36, 0});
  CHECK(b(inquiry(0x0102, true, 0x80)) == Bytes{0x12, 1, 0x80, 0x01, 0x02, 0});
  // MODE SENSE(10): DBD bit 3, PC bits 7-6 | page code, subpage, allocation 7-8.
  CHECK(b(mode_sense10(0x2A, 0x100)) == Bytes{0x5A, 0x08, 0x2A, 0, 0, 0, 0, 0x01, 0x00, 0});
  CHECK(b(mode_sense10(0x05, 60, 1, 0, false)) == Bytes{0x5A, 0, 0x45, 0, 0, 0, 0, 0, 60, 0});
  CHECK(b(mode_sense10(0x3F, 0xFFFF, 3, 0xFF)) == Bytes{0x5A, 0x08, 0xFF, 0xFF, 0, 0, 0, 0xFF, 0xFF, 0});
  // MODE SELECT(10): PF bit 4, SP bit 0, parameter list length 7-8.
  CHECK(b(mode_select10(60)) == Bytes{0x55, 0x10, 0, 0, 0, 0, 0, 0, 60, 0});
  CHECK(b(mode_select10(0x0134, false, true)) == Bytes{0x55, 0x01, 0, 0, 0, 0, 0, 0x01, 0x34, 0});
}

TEST_CASE("mmc cdb: block reads and writes", "[mmc]") {
  CHECK(b(read_capacity()) == Bytes{0x25, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(read10(0x00012345, 16)) == Bytes{0x28, 0, 0x00, 0x01, 0x23, 0x45, 0, 0, 16, 0});
  CHECK(b(read10(0xFFFFFFFF, 0xFFFF, true)) == Bytes{0x28, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0xFF, 0xFF, 0});
  CHECK(b(write10(0x00A0B0C0, 32)) == Bytes{0x2A, 0, 0x00, 0xA0, 0xB0, 0xC0, 0, 0, 32, 0});
  CHECK(b(write10(7, 1, true)) == Bytes{0x2A, 0x08, 0, 0, 0, 7, 0, 0, 1, 0});
  CHECK(b(read12(0x01020304, 0x05060708)) == Bytes{0xA8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0});
  CHECK(b(read12(1, 2, true)) == Bytes{0xA8, 0, 0, 0, 0, 1, 0, 0, 0, 2, 0x80, 0});
  CHECK(b(write12(0x01020304, 0x05060708)) == Bytes{0xAA, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0});
  CHECK(b(write12(0, 32, true)) == Bytes{0xAA, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0x80, 0});
  // SYNCHRONIZE CACHE: IMMED is bit 1 (libburn sets byte 1 = 2 for its immediate sync).
  CHECK(b(synchronize_cache(true)) == Bytes{0x35, 0x02, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(synchronize_cache(false, 0x10, 0x20)) == Bytes{0x35, 0, 0, 0, 0, 0x10, 0, 0, 0x20, 0});
  // READ CD: expected sector type bits 4-2, LBA 2-5, 24-bit length 6-8, byte 9 flags, byte 10 sub-channel.
  CHECK(b(read_cd(0x1234, 0x010203, 2, 0x10, 0)) == Bytes{0xBE, 0x08, 0, 0, 0x12, 0x34, 1, 2, 3, 0x10, 0, 0});
  CHECK(b(read_cd(0, 1, 0, 0xF8, 1)) == Bytes{0xBE, 0, 0, 0, 0, 0, 0, 0, 1, 0xF8, 1, 0});
}

TEST_CASE("mmc cdb: device and medium state", "[mmc]") {
  // START STOP UNIT: IMMED byte 1 bit 0; LoEj bit 1 and Start bit 0 of byte 4. Eject = 02h, load = 03h.
  CHECK(b(start_stop_unit(false, true)) == Bytes{0x1B, 0, 0, 0, 0x02, 0});
  CHECK(b(start_stop_unit(true, true, true)) == Bytes{0x1B, 1, 0, 0, 0x03, 0});
  CHECK(b(start_stop_unit(true, false)) == Bytes{0x1B, 0, 0, 0, 0x01, 0});
  CHECK(b(prevent_allow_medium_removal(true)) == Bytes{0x1E, 0, 0, 0, 0x01, 0});
  CHECK(b(prevent_allow_medium_removal(false)) == Bytes{0x1E, 0, 0, 0, 0x00, 0});
  CHECK(b(prevent_allow_medium_removal(true, true)) == Bytes{0x1E, 0, 0, 0, 0x03, 0});
}

TEST_CASE("mmc cdb: disc, track, TOC, structures, capacities", "[mmc]") {
  CHECK(b(read_disc_information(34)) == Bytes{0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0});
  CHECK(b(read_disc_information(4, 1)) == Bytes{0x51, 1, 0, 0, 0, 0, 0, 0, 4, 0});
  // Track FFh = the invisible/incomplete track, where the NWA comes from (libburn, growisofs).
  CHECK(b(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 36)) ==
        Bytes{0x52, 1, 0, 0, 0, 0xFF, 0, 0, 36, 0});
  CHECK(b(read_track_information(TrackAddressType::kSession, 2, 48)) == Bytes{0x52, 2, 0, 0, 0, 2, 0, 0, 48, 0});
  CHECK(b(read_track_information(TrackAddressType::kLba, 0x01020304, 40, true)) ==
        Bytes{0x52, 0x04, 1, 2, 3, 4, 0, 0, 40, 0});
  CHECK(b(read_toc(TocFormat::kToc, 1, 0xFFFE)) == Bytes{0x43, 0, 0, 0, 0, 0, 1, 0xFF, 0xFE, 0});
  CHECK(b(read_toc(TocFormat::kSessionInfo, 0, 12)) == Bytes{0x43, 0, 1, 0, 0, 0, 0, 0, 12, 0});
  CHECK(b(read_toc(TocFormat::kToc, 0, 804, true)) == Bytes{0x43, 2, 0, 0, 0, 0, 0, 0x03, 0x24, 0});
  // READ DISC STRUCTURE: media type byte 1, address 2-5, layer 6, format 7, allocation 8-9, AGID 10 bits 7-6.
  CHECK(b(read_disc_structure(0, 0x00, 2052)) == Bytes{0xAD, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x04, 0, 0});
  CHECK(b(read_disc_structure(1, 0x0A, 0x100, 0x11223344, 1, 2)) ==
        Bytes{0xAD, 1, 0x11, 0x22, 0x33, 0x44, 1, 0x0A, 0x01, 0x00, 0x80, 0});
  // SEND DISC STRUCTURE: media type byte 1, format 7, parameter list length 8-9, AGID byte 10 bits 7-6.
  CHECK(b(send_disc_structure(0, 0x20, 12)) == Bytes{0xBF, 0, 0, 0, 0, 0, 0, 0x20, 0, 12, 0, 0});
  CHECK(b(send_disc_structure(1, 0x30, 0x1234, 3)) == Bytes{0xBF, 1, 0, 0, 0, 0, 0, 0x30, 0x12, 0x34, 0xC0, 0});
  CHECK(b(read_format_capacities(0xFC)) == Bytes{0x23, 0, 0, 0, 0, 0, 0, 0, 0xFC, 0});
  CHECK(b(read_buffer_capacity(12)) == Bytes{0x5C, 0, 0, 0, 0, 0, 0, 0, 12, 0});
  CHECK(b(read_buffer_capacity(12, true)) == Bytes{0x5C, 1, 0, 0, 0, 0, 0, 0, 12, 0});
}

TEST_CASE("mmc cdb: speeds", "[mmc]") {
  // GET PERFORMANCE type 03h: no byte-1 fields; max descriptors 8-9, type byte 10.
  CHECK(b(get_performance(PerformanceType::kWriteSpeed, 32)) == Bytes{0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0x03, 0});
  // Type 00h: Tolerance 10b (0x10) | Write (0x04) | Except; starting LBA 2-5.
  CHECK(b(get_performance(PerformanceType::kPerformance, 1, 0x100, true)) ==
        Bytes{0xAC, 0x14, 0, 0, 1, 0, 0, 0, 0, 1, 0x00, 0});
  CHECK(b(get_performance(PerformanceType::kPerformance, 10, 0, false, 1)) ==
        Bytes{0xAC, 0x11, 0, 0, 0, 0, 0, 0, 0, 10, 0x00, 0});
  // SET STREAMING: type byte 8, parameter list length 9-10 (28 = one performance descriptor).
  CHECK(b(set_streaming(28)) == Bytes{0xB6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 28, 0});
  CHECK(b(set_streaming(0x0102, 5)) == Bytes{0xB6, 0, 0, 0, 0, 0, 0, 0, 5, 1, 2, 0});
  // SET CD SPEED: rotation byte 1 bits 1-0, read 2-3, write 4-5 (kB/s).
  CHECK(b(set_cd_speed(kMaxSpeed, 1764)) == Bytes{0xBB, 0, 0xFF, 0xFF, 0x06, 0xE4, 0, 0, 0, 0, 0, 0});
  CHECK(b(set_cd_speed(7056, kMaxSpeed, 1)) == Bytes{0xBB, 1, 0x1B, 0x90, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("mmc cdb: writing commands", "[mmc]") {
  // RESERVE TRACK (ARSV=0): reservation size in bytes 5-8.
  CHECK(b(reserve_track(0x00012340)) == Bytes{0x53, 0, 0, 0, 0, 0x00, 0x01, 0x23, 0x40, 0});
  // SEND CUE SHEET: 24-bit cue sheet size in bytes 6-8.
  CHECK(b(send_cue_sheet(3 * 8)) == Bytes{0x5D, 0, 0, 0, 0, 0, 0, 0, 24, 0});
  CHECK(b(send_cue_sheet(0x0A0B0C)) == Bytes{0x5D, 0, 0, 0, 0, 0, 0x0A, 0x0B, 0x0C, 0});
  CHECK(b(send_opc_information(true)) == Bytes{0x54, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(send_opc_information(false, 8)) == Bytes{0x54, 0, 0, 0, 0, 0, 0, 0, 8, 0});
  // CLOSE TRACK/SESSION: IMMED byte 1 bit 0, function byte 2 bits 2-0, track 4-5.
  CHECK(b(close_track_session(CloseFunction::kTrack, 1)) == Bytes{0x5B, 1, 1, 0, 0, 1, 0, 0, 0, 0});
  CHECK(b(close_track_session(CloseFunction::kSession)) == Bytes{0x5B, 1, 2, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(close_track_session(CloseFunction::kFinalizeMinimalRadius, 0, false)) == Bytes{0x5B, 0, 5, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(close_track_session(CloseFunction::kFinalize, 0x0102)) == Bytes{0x5B, 1, 6, 0, 1, 2, 0, 0, 0, 0});
  CHECK(b(close_track_session(CloseFunction::kStopBackgroundFormat)) == Bytes{0x5B, 1, 0, 0, 0, 0, 0, 0, 0, 0});
  // BLANK: IMMED byte 1 bit 4, type bits 2-0. A1 11 = fast blank, immediate, as cdrskin sends it.
  CHECK(b(blank(BlankType::kMinimal)) == Bytes{0xA1, 0x11, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(blank(BlankType::kFull, false)) == Bytes{0xA1, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(b(blank(BlankType::kTrack, true, 0x0A)) == Bytes{0xA1, 0x12, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0, 0});
  // FORMAT UNIT: FmtData bit 4, format code 001b.
  CHECK(b(format_unit()) == Bytes{0x04, 0x11, 0, 0, 0, 0});
}

TEST_CASE("mmc cdb: value type", "[mmc]") {
  Cdb a = read10(1, 1);
  Cdb c = read10(1, 1);
  CHECK(a == c);
  CHECK(a.size() == 10);
  CHECK(a.opcode() == op::kRead10);
  c[5] = 2;
  CHECK_FALSE(a == c);
  CHECK(Cdb().size() == 0);
}
