// Blanking and formatting with IMMED progress, and random writes on
// overwritable media.
#include "emu_fixture.hpp"

#include "mmc/capacity.hpp"
#include "mmc/commands.hpp"
#include "mmc/configuration.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/track_information.hpp"

using namespace emu_test;
using namespace imapi::mmc;

namespace {
DiscInformation disc_info(Drive& d) { return parse_disc_information(d.in(read_disc_information(34))); }
}

TEST_CASE("emu CD-RW: BLANK fast with IMMED reports progress through TEST UNIT READY and REQUEST SENSE", "[emu]") {
  DiscDir dir;
  auto d = imapi::device::emu::EmulatedDrive::open_uri("emu:cd-rw?dir=" + dir.path + "&polls=3");
  auto run = [&](const Cdb& c, DataDirection dd = DataDirection::kNone, std::span<uint8_t> b = {}) {
    return d.execute(c.bytes(), dd, b);
  };
  auto data = pattern(10, 1);
  REQUIRE(run(write10(0, 10), DataDirection::kToDevice, data).good());
  REQUIRE(run(synchronize_cache(false)).good());
  REQUIRE(run(close_track_session(CloseFunction::kSession, 0, false)).good());
  REQUIRE(run(blank(BlankType::kMinimal, true)).good());
  // Three polls see 02/04/07 with rising progress, then the drive is ready.
  std::vector<double> progress;
  for (int i = 0; i < 2; ++i) {
    auto r = run(test_unit_ready());
    REQUIRE_FALSE(r.good());
    auto s = decode_sense(r.sense_bytes());
    CHECK(sense_triple(s.key, s.asc, s.ascq) == "02/04/07");
    REQUIRE(s.progress_percent());
    progress.push_back(*s.progress_percent());
  }
  Bytes sense(18);
  REQUIRE(run(request_sense(18), DataDirection::kFromDevice, sense).good());
  auto s = decode_sense(sense);
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "02/04/07");
  REQUIRE(s.progress_percent());
  CHECK(*s.progress_percent() > progress.back());
  CHECK(progress[1] > progress[0]);
  CHECK(run(test_unit_ready()).good());
  Bytes di(34);
  REQUIRE(run(read_disc_information(34), DataDirection::kFromDevice, di).good());
  CHECK(parse_disc_information(di).disc_status == DiscStatus::kEmpty);
  CHECK(parse_disc_information(di).erasable);
  // BLANK on CD-R: incompatible medium.
  Drive r("cd-r");
  check_sense(r.fails(blank(BlankType::kFull, false)), 5, 0x30, 0x00);
  check_sense(r.fails(blank(static_cast<BlankType>(7), false)), 5, 0x30, 0x00);
  Drive rw("cd-rw");
  check_sense(rw.fails(blank(static_cast<BlankType>(3), false)), 5, 0x24, 0x00);
}

TEST_CASE("emu DVD+RW: format 26h, background format stopped by CLOSE 0, random writes", "[emu]") {
  DiscDir dir;
  auto d = imapi::device::emu::EmulatedDrive::open_uri("emu:dvd+rw?dir=" + dir.path + "&polls=1");
  auto in = [&](const Cdb& c, size_t n) {
    Bytes b(n);
    auto r = d.execute(c.bytes(), DataDirection::kFromDevice, b);
    REQUIRE(r.good());
    b.resize(n - r.residual);
    return b;
  };
  auto fc = parse_format_capacities(in(read_format_capacities(252), 252));
  CHECK(fc.current_type == CapacityDescriptorType::kUnformatted);
  REQUIRE(fc.formattable.size() == 1);
  CHECK(fc.formattable[0].format_type == 0x26);
  CHECK(parse_disc_information(in(read_disc_information(34), 34)).disc_status == DiscStatus::kEmpty);
  auto p = format_unit_parameters(0x26, fc.formattable[0].blocks, 0, true);
  Bytes list(p.begin(), p.end());
  REQUIRE(d.execute(format_unit().bytes(), DataDirection::kToDevice, list).good());
  auto r = d.execute(test_unit_ready().bytes(), DataDirection::kNone, {});
  REQUIRE_FALSE(r.good());
  auto s = decode_sense(r.sense_bytes());
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "02/04/04");  // format in progress
  REQUIRE(d.execute(test_unit_ready().bytes(), DataDirection::kNone, {}).good());
  auto di = parse_disc_information(in(read_disc_information(34), 34));
  CHECK(di.background_format_status == 1);
  auto data = pattern(16, 2);
  REQUIRE(d.execute(write10(1000, 16).bytes(), DataDirection::kToDevice, data).good());
  REQUIRE(d.execute(write10(0, 16).bytes(), DataDirection::kToDevice, data).good());  // anywhere, any order
  CHECK(in(read10(1000, 16), 16 * 2048) == data);
  CHECK(in(read10(500, 1), 2048) == Bytes(2048, 0));  // never written: zeros
  REQUIRE(d.execute(close_track_session(CloseFunction::kStopBackgroundFormat, 0, false).bytes(), DataDirection::kNone, {}).good());
  CHECK(parse_disc_information(in(read_disc_information(34), 34)).background_format_status == 3);
  CHECK(parse_read_capacity(in(read_capacity(), 8)).last_lba == 2'295'104 - 1);
  Bytes beyond(2048);
  r = d.execute(write10(2'295'104, 1).bytes(), DataDirection::kToDevice, beyond);
  s = decode_sense(r.sense_bytes());
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "05/21/00");
  // Wrong format type for the medium.
  auto bad = format_unit_parameters(0x30, 1000, 0, false);
  Bytes badlist(bad.begin(), bad.end());
  r = d.execute(format_unit().bytes(), DataDirection::kToDevice, badlist);
  s = decode_sense(r.sense_bytes());
  CHECK(sense_triple(s.key, s.asc, s.ascq) == "05/26/00");
}

TEST_CASE("emu BD-RE and DVD-RW: format types per medium, DVD-RW quick format turns profile 14h into 13h", "[emu]") {
  Drive bd("bd-re");
  auto fc = parse_format_capacities(bd.in(read_format_capacities(252)));
  REQUIRE(fc.formattable.size() == 3);
  CHECK(fc.formattable[0].format_type == 0x00);
  CHECK(fc.formattable[1].format_type == 0x30);
  CHECK(fc.formattable[2].format_type == 0x31);
  check_sense(bd.fails(write10(0, 1), pattern(1, 0)), 5, 0x30, 0x10);  // not formatted yet
  auto p = format_unit_parameters(0x30, fc.formattable[1].blocks, fc.formattable[1].type_parameter, false);
  bd.ok(format_unit(), Bytes(p.begin(), p.end()));
  bd.ok(write10(0, 32), pattern(32, 1));
  CHECK(parse_read_capacity(bd.in(read_capacity())).last_lba == 11'826'176 - 1);

  Drive rw("dvd-rw");
  CHECK(parse_configuration(rw.in(get_configuration(ConfigurationRequest::kAll, 0, 8))).current_profile == 0x14);
  auto q = format_unit_parameters(0x15, 2'298'496, 16, false);
  rw.ok(format_unit(), Bytes(q.begin(), q.end()));
  CHECK(parse_configuration(rw.in(get_configuration(ConfigurationRequest::kAll, 0, 8))).current_profile == 0x13);
  rw.ok(write10(100, 16), pattern(16, 1));
  rw.ok(blank(BlankType::kFull, false));  // back to sequential
  CHECK(parse_configuration(rw.in(get_configuration(ConfigurationRequest::kAll, 0, 8))).current_profile == 0x14);
  // DVD+R cannot be formatted.
  Drive plus("dvd+r");
  check_sense(plus.fails(format_unit(), Bytes(q.begin(), q.end())), 5, 0x30, 0x06);
}
