// The target-side builders (used by the emulated drive) against the parsers:
// one layout per reply, so what the drive encodes the recorder decodes
// unchanged, and spot checks of bytes against the MMC-6/SPC-4 tables.
#include <catch2/catch.hpp>

#include <vector>

#include "mmc/capacity.hpp"
#include "mmc/configuration.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/event_status.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/performance.hpp"
#include "mmc/sense.hpp"
#include "mmc/toc.hpp"
#include "mmc/track_information.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

TEST_CASE("mmc builders: fixed sense with information and progress", "[mmc][emu]") {
  auto b = encode_fixed_sense(0x02, 0x04, 0x04, std::nullopt, 0x8000);
  REQUIRE(b.size() == 18);
  CHECK(b[0] == 0x70);
  CHECK(b[7] == 10);
  CHECK(b[15] == 0x80);  // SKSV
  auto s = decode_sense(b);
  CHECK(s.key == 2);
  CHECK(s.asc == 4);
  CHECK(s.ascq == 4);
  CHECK(*s.progress_percent() == Approx(50.0));
  auto w = decode_sense(encode_fixed_sense(0x03, 0x0C, 0x00, 0x12345678u));
  CHECK(w.information == 0x12345678u);
  CHECK(encode_fixed_sense(3, 0x0C, 0, 1u)[0] == 0xF0);  // VALID
}

TEST_CASE("mmc builders: disc and track information round trip", "[mmc][emu]") {
  DiscInformation d;
  d.erasable = true;
  d.last_session_state = SessionState::kIncomplete;
  d.disc_status = DiscStatus::kIncomplete;
  d.first_track = 1;
  d.sessions = 0x0102;
  d.first_track_last_session = 0x0203;
  d.last_track_last_session = 0x0304;
  d.unrestricted_use = true;
  d.background_format_status = 3;
  d.last_session_lead_in = 0x00611A42;
  d.last_possible_lead_out = 0x004F3B4A;
  auto b = encode_disc_information(d);
  CHECK(b.size() == 34);
  CHECK(b[2] == 0x15);  // erasable 10h | incomplete session 04h | incomplete disc 01h
  auto p = parse_disc_information(b);
  CHECK(p.sessions == 0x0102);
  CHECK(p.first_track_last_session == 0x0203);
  CHECK(p.last_track_last_session == 0x0304);
  CHECK(p.erasable);
  CHECK(p.background_format_status == 3);
  CHECK(p.last_possible_lead_out == 0x004F3B4A);

  TrackInformation t;
  t.track = 0x0105;
  t.session = 2;
  t.track_mode = 5;
  t.reserved = true;
  t.blank = true;
  t.packet = true;
  t.fixed_packet = true;
  t.data_mode = 1;
  t.nwa_valid = true;
  t.start = 1664;
  t.next_writable = 1680;
  t.free_blocks = 2293424;
  t.packet_size = 16;
  t.size = 2293440;
  t.last_recorded = 1679;
  auto tb = encode_track_information(t);
  CHECK(tb.size() == 48);
  CHECK(tb[6] == 0xF1);
  auto tp = parse_track_information(tb);
  CHECK(tp.track == 0x0105);
  CHECK(tp.start == 1664);
  CHECK(tp.next_writable == 1680);
  CHECK(tp.last_recorded == 1679u);
  CHECK(tp.reserved);
  CHECK(tp.fixed_packet);
}

TEST_CASE("mmc builders: TOC, full TOC and ATIP round trip", "[mmc][emu]") {
  Toc t;
  t.first = 1;
  t.last = 2;
  t.tracks = {{1, 4, 1, 0}, {1, 4, 2, 13049}, {1, 4, kLeadOutTrack, 13712}};
  auto b = encode_toc(t);
  CHECK(b.size() == 4 + 24);
  CHECK(b[1] == 26);
  auto p = parse_toc(b);
  CHECK(p.complete);
  REQUIRE(p.tracks.size() == 3);
  CHECK(p.tracks[1].address == 13049);
  CHECK(p.tracks[2].track == kLeadOutTrack);

  FullToc f;
  f.first_session = 1;
  f.last_session = 1;
  f.entries = {{1, 1, 4, 0, point::kFirstTrack, {}, 0, {1, 0x20, 0}},
               {1, 5, 4, 0, point::kNextProgramArea, {2, 54, 0}, 2, {79, 59, 74}}};
  auto fb = encode_full_toc(f);
  CHECK(fb.size() == 4 + 22);
  auto fp = parse_full_toc(fb);
  REQUIRE(fp.find(1, point::kNextProgramArea));
  CHECK(fp.find(1, point::kNextProgramArea)->atime == (Msf{2, 54, 0}));
  CHECK(fp.find(1, point::kNextProgramArea)->zero == 2);
  CHECK(fp.find(1, point::kFirstTrack)->ptime.second == 0x20);

  Atip a;
  a.rewritable = true;
  a.indicative_write_power = 5;
  a.disc_sub_type = 2;
  a.lead_in_start = {97, 26, 66};
  a.last_lead_out_start = {79, 59, 74};
  auto ab = encode_atip(a);
  CHECK(ab.size() == 28);
  auto ap = parse_atip(ab);
  CHECK(ap.rewritable);
  CHECK(ap.indicative_write_power == 5);
  CHECK(ap.disc_sub_type == 2);
  CHECK(ap.lead_in_start == (Msf{97, 26, 66}));
  CHECK(ap.last_lead_out_start == (Msf{79, 59, 74}));
  CHECK_THROWS(parse_atip(Bytes(ab.begin(), ab.begin() + 10)));
}

TEST_CASE("mmc builders: capacities, performance, event status, inquiry", "[mmc][emu]") {
  CHECK(parse_read_capacity(encode_read_capacity({1663, 2048})).last_lba == 1663);
  FormatCapacities f;
  f.current_blocks = 12219392;
  f.current_type = CapacityDescriptorType::kUnformatted;
  f.current_block_length = 2048;
  f.formattable = {{11826176, 0x30, 0x3000}, {12219392, 0x31, 0}};
  auto fb = encode_format_capacities(f);
  CHECK(fb[3] == 24);  // a multiple of 8
  auto fp = parse_format_capacities(fb);
  CHECK(fp.complete);
  CHECK(fp.formattable.at(0).format_type == 0x30);
  CHECK(fp.formattable.at(0).type_parameter == 0x3000);
  CHECK(fp.current_type == CapacityDescriptorType::kUnformatted);
  auto bc = parse_buffer_capacity(encode_buffer_capacity({4u << 20, 1u << 20}));
  CHECK(bc.blank == 1u << 20);

  WriteSpeeds w;
  w.descriptors = {{0, false, false, false, 2295103, 22160, 22160}, {1, false, true, false, 2295103, 22160, 5540}};
  auto wp = parse_write_speeds(encode_write_speeds(w));
  CHECK(wp.complete);
  REQUIRE(wp.descriptors.size() == 2);
  CHECK(wp.descriptors[1].write_rotation_control == 1);
  CHECK(wp.descriptors[1].exact);
  CHECK(wp.descriptors[1].write_speed_kbps == 5540);
  Performance perf;
  perf.write = true;
  perf.descriptors = {{0, 5540, 2295103, 22160}};
  auto pp = parse_performance(encode_performance(perf));
  CHECK(pp.write);
  CHECK(pp.descriptors.at(0).end_kbps == 22160);

  EventStatus e;
  e.notification_class = 4;
  e.supported_classes = 0x10;
  e.media = MediaStatus{2, true, false, 0, 0};
  auto ep = parse_event_status(encode_event_status(e));
  REQUIRE(ep.media);
  CHECK(ep.media->event == 2);
  CHECK(ep.media->media_present);
  e.media.reset();
  e.no_event_available = true;
  CHECK(parse_event_status(encode_event_status(e)).no_event_available);

  InquiryData i;
  i.peripheral_type = 5;
  i.removable = true;
  i.vendor = "IMAPI";
  i.product = "EMULATED DRIVE";
  i.revision = "1.00";
  auto ib = encode_inquiry(i);
  CHECK(ib[4] == 31);
  CHECK(ib[13] == ' ');  // space padded
  auto ip = parse_inquiry(ib);
  CHECK(ip.product == "EMULATED DRIVE");
  CHECK(ip.removable);
}

TEST_CASE("mmc builders: configuration, mode sense and capabilities page round trip", "[mmc][emu]") {
  FeatureDescriptor list{0x0000, 0, true, true, encode_profile_list({{0x1B, true}, {0x41, false}})};
  FeatureDescriptor rt{0x0107, 4, true, true, {0x1F, 0, 0, 0}};
  auto cb = encode_configuration(0x1B, {list, rt});
  auto c = parse_configuration(cb);
  CHECK(c.complete);
  CHECK(c.current_profile == 0x1B);
  REQUIRE(c.features.size() == 2);
  CHECK(c.features[1].version == 4);
  CHECK(c.features[1].persistent);
  auto profiles = parse_profile_list(c.features[0]);
  REQUIRE(profiles.size() == 2);
  CHECK(profiles[0].current);
  CHECK_FALSE(profiles[1].current);

  CapabilitiesPage cap;
  cap.cd_r_write = cap.dvd_r_write = cap.test_write = cap.buffer_underrun_protection = true;
  cap.loading_mechanism = 1;
  cap.eject = true;
  cap.buffer_size_kb = 4096;
  cap.current_write_speed_kbps = 22160;
  cap.write_speeds = {{0, 22160}, {0, 11080}, {1, 5540}};
  auto page = encode_capabilities_page(cap);
  CHECK(32 + 4 * cap.write_speeds.size() <= size_t{page[1]} + 2);
  auto mode = parse_mode_sense10(encode_mode_sense10({page, write_parameters_page({})}));
  CHECK(mode.complete);
  REQUIRE(mode.find(0x2A));
  REQUIRE(mode.find(0x05));
  auto back = parse_capabilities_page(mode.find(0x2A)->bytes);
  CHECK(back.complete);
  CHECK(back.write_speeds.size() == 3);
  CHECK(back.write_speeds[2].rotation_control == 1);
  CHECK(back.buffer_size_kb == 4096);
  CHECK(back.current_write_speed_kbps == 22160);
  CHECK(back.loading_mechanism == 1);
  CHECK(back.test_write);
}

TEST_CASE("mmc parameter lists: target-side parsers of FORMAT UNIT, MODE SELECT and cue sheets", "[mmc][emu]") {
  auto fu = format_unit_parameters(0x26, 2295104, 0, true);
  auto f = parse_format_unit_parameters(fu);
  CHECK(f.immediate);
  CHECK(f.format_type == 0x26);
  CHECK(f.blocks == 2295104);
  CHECK_THROWS(parse_format_unit_parameters(Bytes(8, 0)));

  WriteParametersPage w;
  w.write_type = 2;
  auto pages = parse_mode_select_parameter_list(mode_select_parameter_list(write_parameters_page(w)));
  REQUIRE(pages.size() == 1);
  CHECK(pages[0].code == 5);
  CHECK(parse_write_parameters_page(pages[0].bytes).write_type == 2);
  CHECK(parse_mode_select_parameter_list(Bytes(8, 0)).empty());
  Bytes truncated = mode_select_parameter_list(write_parameters_page(w));
  truncated.resize(30);
  CHECK_THROWS(parse_mode_select_parameter_list(truncated));

  // cdrskin's single-track data cue sheet.
  const Bytes cue = {0x41, 0x00, 0x00, 0x14, 0, 0, 0, 0,    0x41, 0x01, 0x00, 0x10, 0, 0, 0, 0,
                     0x41, 0x01, 0x01, 0x10, 0, 0, 2, 0,    0x41, 0xAA, 0x01, 0x14, 0, 0, 0x17, 0x4A};
  auto entries = parse_cue_sheet(cue);
  REQUIRE(entries.size() == 4);
  CHECK(entries[2].control == 4);
  CHECK(entries[2].adr == 1);
  CHECK(entries[2].index == 1);
  CHECK(lba_from_msf(entries[2].start) == 0);
  CHECK(lba_from_msf(entries[3].start) == 1649);
  CHECK_THROWS(parse_cue_sheet(Bytes(7, 0)));
  CHECK_THROWS(parse_cue_sheet({}));
}
