// The emulated drive answers the probing commands clients send (mmc-emulation.md §2)
// with replies the project's own MMC parsers accept, and rejects malformed CDBs
// with the sense a real drive returns.
#include "emu_fixture.hpp"

#include "mmc/commands.hpp"
#include "mmc/configuration.hpp"
#include "mmc/event_status.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/performance.hpp"
#include "mmc/capacity.hpp"
#include "mmc/profiles.hpp"

using namespace emu_test;
using namespace imapi::mmc;

TEST_CASE("emu probe: INQUIRY is a removable MMC device", "[emu]") {
  Drive d("dvd+r");
  auto inq = parse_inquiry(d.in(inquiry(96)));
  CHECK(inq.peripheral_type == kPeripheralTypeCdDvd);
  CHECK(inq.removable);
  CHECK(inq.vendor == "IMAPI");
  CHECK(inq.product == "EMULATED DRIVE");
  // Exactly the allocation length is transferred.
  CHECK(d.in(inquiry(5), 64).size() == 5);
  // VPD page 80h: unit serial number; an unknown page is an invalid field.
  CHECK(d.in(inquiry(64, true, 0x80))[1] == 0x80);
  check_sense(d.fails(inquiry(64, true, 0x99)), 5, 0x24, 0);
}

TEST_CASE("emu probe: GET CONFIGURATION follows the medium", "[emu]") {
  for (auto [media, profile, feature] : {std::tuple{"dvd+r", Profile::kDvdPlusR, Feature::kDvdPlusR},
                                         std::tuple{"cd-r", Profile::kCdRecordable, Feature::kCdTrackAtOnce},
                                         std::tuple{"bd-re", Profile::kBdRewritable, Feature::kBdWrite},
                                         std::tuple{"dvd-r", Profile::kDvdDashRecordable, Feature::kDvdDashWrite}}) {
    Drive d(media);
    auto all = parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 4096)));
    CHECK(all.complete);
    CHECK(all.current_profile == static_cast<uint16_t>(profile));
    const FeatureDescriptor* list = all.find(0x0000);
    REQUIRE(list);
    bool found_current = false;
    for (auto p : parse_profile_list(*list)) found_current |= p.current && p.profile == static_cast<uint16_t>(profile);
    CHECK(found_current);
    REQUIRE(all.find(static_cast<uint16_t>(feature)));
    CHECK(all.find(static_cast<uint16_t>(feature))->current);
    // RT=1 lists current features only; RT=2 exactly one.
    auto current = parse_configuration(d.in(get_configuration(ConfigurationRequest::kCurrent, 0, 4096)));
    for (const auto& f : current.features) CHECK(f.current);
    auto one = parse_configuration(d.in(get_configuration(ConfigurationRequest::kOne, 0x0107, 64)));
    REQUIRE(one.features.size() == 1);
    CHECK(one.features[0].code == 0x0107);
  }
  // The header alone (8 bytes) already tells the current profile, as libburn asks first.
  Drive d("bd-r");
  auto head = parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 8)));
  CHECK(head.current_profile == 0x41);
  CHECK_FALSE(head.complete);
}

TEST_CASE("emu probe: MODE SENSE 2Ah lists write speeds, page 05h round-trips through MODE SELECT", "[emu]") {
  Drive d("cd-r", "speed=24");
  auto mode = parse_mode_sense10(d.in(mode_sense10(0x2A, 256)));
  REQUIRE(mode.find(0x2A));
  const auto& raw = mode.find(0x2A)->bytes;
  auto caps = parse_capabilities_page(raw);
  CHECK(caps.complete);
  CHECK(caps.cd_r_write);
  CHECK(caps.write_speeds.size() == 4);  // 4x, 8x, 16x, 24x; 48x is above speed=24
  CHECK(caps.write_speeds.front().write_speed_kbps == 24 * 176);
  // libburn: 32 + 4n <= page length + 2
  CHECK(32 + 4 * caps.write_speeds.size() <= size_t{raw[1]} + 2);

  auto page = parse_write_parameters_page(parse_mode_sense10(d.in(mode_sense10(0x05, 256))).find(0x05)->bytes);
  CHECK(page.write_type == 1);  // TAO by default on CD
  page.write_type = 2;
  page.multi_session = 3;
  auto list = mode_select_parameter_list(write_parameters_page(page));
  d.ok(mode_select10(static_cast<uint16_t>(list.size())), list);
  auto back = parse_write_parameters_page(parse_mode_sense10(d.in(mode_sense10(0x05, 256))).find(0x05)->bytes);
  CHECK(back.write_type == 2);
  CHECK(back.multi_session == 3);

  // Raw (write type 3) is not offered: 05/26/00, which is how wodim learns the supported modes.
  page.write_type = 3;
  list = mode_select_parameter_list(write_parameters_page(page));
  check_sense(d.fails(mode_select10(static_cast<uint16_t>(list.size())), list), 5, 0x26, 0);
  // TAO with a reserved block type: refused too (audio block types are accepted: test_emu_defects.cpp).
  page.write_type = 1;
  page.data_block_type = 5;
  list = mode_select_parameter_list(write_parameters_page(page));
  check_sense(d.fails(mode_select10(static_cast<uint16_t>(list.size())), list), 5, 0x26, 0);
  // A parameter list shorter than the CDB announces is an invalid CDB field.
  check_sense(d.fails(mode_select10(200), Bytes(20, 0)), 5, 0x24, 0);
  // Unsupported page in MODE SENSE.
  check_sense(d.fails(mode_sense10(0x1C, 64)), 5, 0x24, 0);
}

TEST_CASE("emu probe: speeds through GET PERFORMANCE, SET STREAMING and SET CD SPEED", "[emu]") {
  Drive d("dvd+r");
  auto speeds = parse_write_speeds(d.in(get_performance(PerformanceType::kWriteSpeed, 16)));
  REQUIRE(speeds.descriptors.size() == 4);
  CHECK(speeds.descriptors.front().write_speed_kbps == 16 * 1385);  // fastest first
  CHECK(speeds.descriptors.front().end_lba == 2'295'104 - 1);
  auto perf = parse_performance(d.in(get_performance(PerformanceType::kPerformance, 1, 0, true)));
  REQUIRE(perf.descriptors.size() == 1);
  CHECK(perf.descriptors[0].start_kbps == 16 * 1385);

  StreamingRequest req;
  req.end_lba = 1000;
  req.write_size_kb = 4 * 1385;
  auto desc = streaming_performance_descriptor(req);
  d.ok(set_streaming(28), Bytes(desc.begin(), desc.end()));
  perf = parse_performance(d.in(get_performance(PerformanceType::kPerformance, 1, 0, true)));
  CHECK(perf.descriptors[0].start_kbps == 4 * 1385);
  d.ok(set_cd_speed(kMaxSpeed, 9000));  // between 4x and 8x: drives round down
  perf = parse_performance(d.in(get_performance(PerformanceType::kPerformance, 1, 0, true)));
  CHECK(perf.descriptors[0].start_kbps == 4 * 1385);
  check_sense(d.fails(get_performance(static_cast<PerformanceType>(0x05), 1)), 5, 0x24, 0);
}

TEST_CASE("emu probe: tray, lock, media events and NOT READY", "[emu]") {
  Drive d("dvd+r", "not_ready=2");
  // Freshly inserted: the drive is becoming ready for two commands.
  check_sense(d.fails(test_unit_ready()), 2, 0x04, 0x01);
  check_sense(d.fails(test_unit_ready()), 2, 0x04, 0x01);
  d.ok(test_unit_ready());
  d.ok(prevent_allow_medium_removal(true));
  check_sense(d.fails(start_stop_unit(false, true)), 5, 0x53, 0x02);  // removal prevented
  d.ok(prevent_allow_medium_removal(false));
  d.ok(start_stop_unit(false, true));  // eject
  check_sense(d.fails(test_unit_ready()), 2, 0x3A, 0x00);
  check_sense(d.fails(read_disc_information(34)), 2, 0x3A, 0x00);
  auto ev = parse_event_status(d.in(get_event_status_notification(kEventClassMedia, 8)));
  REQUIRE(ev.media);
  CHECK_FALSE(ev.media->media_present);
  // INQUIRY and GET CONFIGURATION work without a medium; no profile is current.
  CHECK(parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 8))).current_profile == 0);
  d.ok(start_stop_unit(true, true));  // load
  check_sense(d.fails(test_unit_ready()), 2, 0x04, 0x01);
  check_sense(d.fails(test_unit_ready()), 2, 0x04, 0x01);
  check_sense(d.fails(test_unit_ready()), 6, 0x28, 0x00);  // medium may have changed, once
  d.ok(test_unit_ready());
  ev = parse_event_status(d.in(get_event_status_notification(kEventClassMedia, 8)));
  CHECK(ev.media->event == static_cast<uint8_t>(MediaEvent::kNewMedia));
  ev = parse_event_status(d.in(get_event_status_notification(kEventClassMedia, 8)));
  CHECK(ev.media->event == static_cast<uint8_t>(MediaEvent::kNoChange));
  // Asynchronous GESN is not supported.
  Cdb async = get_event_status_notification(kEventClassMedia, 8);
  async[1] = 0;
  check_sense(d.fails(async), 5, 0x24, 0);
}

TEST_CASE("emu probe: malformed CDBs", "[emu]") {
  Drive d("dvd+r");
  check_sense(d.fails(Cdb(0xFF, 12)), 5, 0x20, 0);  // unknown opcode
  check_sense(d.fails(Cdb(0x3B, 10)), 5, 0x20, 0);  // WRITE BUFFER: not implemented
  // A 10-byte command delivered in 6 bytes.
  const uint8_t short_cdb[6] = {0x51, 0, 0, 0, 0, 0};
  auto r = d.drive.execute(short_cdb, DataDirection::kFromDevice, {});
  REQUIRE(r.status == imapi::device::scsi_status::kCheckCondition);
  check_sense(decode_sense(r.sense_bytes()), 5, 0x24, 0);
  check_sense(d.fails(read_disc_information(34, 1)), 5, 0x24, 0);  // data type 1 not offered
  r = d.drive.execute({}, DataDirection::kNone, {});
  CHECK(r.status == imapi::device::scsi_status::kCheckCondition);
  // READ BUFFER CAPACITY, both forms.
  auto cap = parse_buffer_capacity(d.in(read_buffer_capacity(12)));
  CHECK(cap.size == 4u << 20);
  CHECK(cap.blank == cap.size);
  CHECK(d.in(read_buffer_capacity(12, true))[3] == 1);
}

TEST_CASE("emu probe: a write-protected medium (wp=1) is advertised as real drives do", "[emu]") {
  // MODE SENSE: the header's device-specific parameter carries WP (bit 7), on every page.
  Drive plain("dvd-ram");
  CHECK((parse_mode_sense10(plain.in(mode_sense10(0x2A, 256))).device_specific & 0x80) == 0);
  for (const char* media : {"dvd-ram", "dvd-r", "cd-r", "bd-re"}) {
    INFO(media);
    Drive d(media, "wp=1");
    CHECK((parse_mode_sense10(d.in(mode_sense10(0x2A, 256))).device_specific & 0x80) == 0x80);
    CHECK((parse_mode_sense10(d.in(mode_sense10(0x05, 256))).device_specific & 0x80) == 0x80);
    // GET CONFIGURATION: the profile stays current, no writing feature is.
    auto config = parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 4096)));
    CHECK(config.current_profile == parse_configuration(Drive(media).in(get_configuration(ConfigurationRequest::kAll, 0, 8)))
                                        .current_profile);
    for (Feature f : {Feature::kRandomlyWritable, Feature::kIncrementalStreamingWritable, Feature::kFormattable,
                      Feature::kRestrictedOverwrite, Feature::kCdrwCavWrite, Feature::kCdTrackAtOnce,
                      Feature::kCdMastering, Feature::kDvdDashWrite, Feature::kBdWrite}) {
      const FeatureDescriptor* fd = config.find(static_cast<uint16_t>(f));
      REQUIRE(fd);  // still listed: the drive writes such media
      CHECK_FALSE(fd->current);
    }
    // Reading features stay current.
    const FeatureDescriptor* readable = config.find(0x0010);
    REQUIRE(readable);
    CHECK(readable->current);
    // And writing is refused.
    check_sense(d.fails(write10(0, 1), Bytes(2048, 0)), 7, 0x27, 0);
  }
  // Without wp the writing feature of the medium is current (DVD-RAM: Random Writable).
  auto config = parse_configuration(plain.in(get_configuration(ConfigurationRequest::kAll, 0, 4096)));
  REQUIRE(config.find(static_cast<uint16_t>(Feature::kRandomlyWritable)));
  CHECK(config.find(static_cast<uint16_t>(Feature::kRandomlyWritable))->current);
}

TEST_CASE("emu probe: page 05h write types per medium, nothing is savable", "[emu]") {
  auto select = [](Drive& d, uint8_t write_type) {
    WriteParametersPage w;
    w.buffer_underrun_free = true;
    w.write_type = write_type;
    w.track_mode = 4;
    w.data_block_type = 8;
    w.packet_size = 32;
    auto list = mode_select_parameter_list(write_parameters_page(w));
    return Drive::sense_text(d.run(mode_select10(static_cast<uint16_t>(list.size())), DataDirection::kToDevice, list));
  };
  // BD-R: packet/incremental (0) and TAO (1) only; SAO, raw (a CD write type) and layer jump are refused.
  Drive bd("bd-r");
  CHECK(select(bd, 0) == "none");
  CHECK(select(bd, 1) == "none");
  for (uint8_t t : {2, 3, 4, 5}) {
    INFO("BD-R write type " << int{t});
    CHECK(select(bd, t) == "05/26/00");
  }
  // The refused selections left the last good one in place.
  CHECK(parse_write_parameters_page(parse_mode_sense10(bd.in(mode_sense10(0x05, 256))).find(0x05)->bytes).write_type == 1);
  // DVD+R likewise; DVD-R takes incremental and DAO; CD takes TAO and SAO.
  Drive plus("dvd+r"), dash("dvd-r"), cd("cd-r");
  CHECK(select(plus, 3) == "05/26/00");
  CHECK(select(plus, 2) == "05/26/00");
  CHECK(select(dash, 2) == "none");
  CHECK(select(dash, 3) == "05/26/00");
  CHECK(select(cd, 2) == "none");
  CHECK(select(cd, 0) == "05/26/00");

  // PS (page byte 0, bit 7) is 0: saved values are not supported...
  auto mode = parse_mode_sense10(bd.in(mode_sense10(0x05, 256)));
  const ModePageData* page = mode.find(0x05);
  REQUIRE(page);
  CHECK((page->bytes[0] & 0x80) == 0);
  check_sense(bd.fails(mode_sense10(0x05, 256, 3)), 5, 0x39, 0);  // PC = 11b, saved values
  // ...and MODE SELECT with SP (save pages) is an invalid CDB field.
  WriteParametersPage w;
  auto list = mode_select_parameter_list(write_parameters_page(w));
  check_sense(bd.fails(mode_select10(static_cast<uint16_t>(list.size()), true, true), list), 5, 0x24, 0);
  CHECK(bd.run(mode_select10(static_cast<uint16_t>(list.size()), true, false), DataDirection::kToDevice, list).good());
}

TEST_CASE("emu speeds: speed= raises the offered list up to what drives sell", "[emu]") {
  // GET PERFORMANCE type 03h (fastest first, kB/s), and the current write
  // speed (type 00h, write) once the fastest is asked for with SET CD SPEED.
  auto offered = [](const std::string& media, const std::string& extra) {
    Drive d(media, extra);
    std::vector<uint32_t> x10;
    using namespace imapi::device::emu;
    const uint32_t one_x = spec_of(*media_from_name(media)).one_x_kbps;
    for (const auto& w : parse_write_speeds(d.in(get_performance(PerformanceType::kWriteSpeed, 32), 8 + 16 * 32)).descriptors)
      x10.push_back(w.write_speed_kbps * 10 / one_x);
    d.ok(set_cd_speed(kMaxSpeed, kMaxSpeed));
    auto current = parse_performance(d.in(get_performance(PerformanceType::kPerformance, 1, 0, true)));
    REQUIRE(current.descriptors.size() == 1);
    CHECK(current.descriptors[0].end_kbps * 10 / one_x == x10.front());  // the throttle paces at this one
    return x10;
  };
  using V = std::vector<uint32_t>;
  CHECK(offered("bd-r", "") == V{60, 40, 20});
  CHECK(offered("bd-r", "speed=12") == V{120, 100, 80, 60, 40, 20});
  CHECK(offered("bd-r", "speed=16") == V{160, 140, 120, 100, 80, 60, 40, 20});
  CHECK(offered("bd-r", "speed=40") == V{160, 140, 120, 100, 80, 60, 40, 20});  // no drive writes BD-R faster
  CHECK(offered("bd-r", "speed=5") == V{40, 20});                              // and it still lowers the list
  CHECK(offered("bd-re", "speed=16") == V{20});
  CHECK(offered("dvd+r", "speed=24") == V{240, 220, 200, 180, 160, 80, 40, 24});
  CHECK(offered("dvd-r", "speed=24").front() == 240);
  CHECK(offered("dvd+r-dl", "speed=24").front() == 80);
  CHECK(offered("cd-r", "speed=52").front() == 520);
  CHECK(offered("cd-r", "speed=50").front() == 480);

  // MODE SENSE 2Ah carries 16-bit kB/s: 16x BD (71,920 kB/s) saturates at 65,535 there.
  Drive d("bd-r", "speed=16");
  auto caps = parse_capabilities_page(parse_mode_sense10(d.in(mode_sense10(0x2A, 256))).find(0x2A)->bytes);
  REQUIRE(caps.write_speeds.size() == 8);
  CHECK(caps.write_speeds[0].write_speed_kbps == 0xFFFF);
  CHECK(caps.write_speeds[1].write_speed_kbps == 14 * 4495);
  CHECK(caps.max_write_speed_kbps == 0xFFFF);
}
