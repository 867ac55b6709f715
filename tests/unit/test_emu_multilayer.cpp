// Multi-layer BD: BD-R DL and BD-RE DL (2 x 12,219,392 blocks), BDXL BD-R TL
// (3 x 16,292,864) and QL (4 x 15,625,216): the profile of their single-layer
// kin, their capacities blank and formatted, the layers of READ DISC
// STRUCTURE's Disc Information, and writes across the layer boundary.
#include "emu_fixture.hpp"

#include <sys/stat.h>

#include <set>

#include "mmc/capacity.hpp"
#include "mmc/commands.hpp"
#include "mmc/configuration.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/track_information.hpp"

using namespace emu_test;
using namespace imapi::mmc;

namespace {

struct Layered {
  const char* name;
  uint16_t profile;
  uint32_t layers, layer_blocks, formatted;
};
constexpr Layered kMedia[] = {
    {"bd-r-dl", 0x41, 2, 12'219'392, 23'652'352},
    {"bd-re-dl", 0x43, 2, 12'219'392, 23'652'352},
    {"bd-r-tl", 0x41, 3, 16'292'864, 47'698'944},
    {"bd-r-ql", 0x41, 4, 15'625'216, 60'928'000},
};

Bytes read_disc_structure_bd(uint8_t format, uint16_t alloc) {
  return {0xAD, 0x01, 0, 0, 0, 0, 0, format, static_cast<uint8_t>(alloc >> 8), static_cast<uint8_t>(alloc), 0, 0};
}

}  // namespace

TEST_CASE("emu multilayer BD: profile, capacities, Disc Information layers", "[emu]") {
  for (const Layered& m : kMedia) {
    INFO(m.name);
    Drive d(m.name);
    const uint32_t total = m.layers * m.layer_blocks;
    auto config = parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 8)));
    CHECK(config.current_profile == m.profile);
    // The profile list names each profile once (the layered media share BD-R's and BD-RE's).
    auto all = parse_configuration(d.in(get_configuration(ConfigurationRequest::kAll, 0, 4096), 4096));
    std::set<uint16_t> seen;
    for (const auto& f : all.features)
      if (f.code == 0)
        for (const auto& profile : parse_profile_list(f)) CHECK(seen.insert(profile.profile).second);
    CHECK(seen.count(m.profile) == 1);
    // Blank: the whole medium is free.
    auto ti = parse_track_information(
        d.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
    if (m.profile == 0x41) CHECK(ti.free_blocks == total);
    auto fc = parse_format_capacities(d.in(read_format_capacities(252)));
    CHECK(fc.current_blocks == total);
    REQUIRE_FALSE(fc.formattable.empty());
    CHECK(fc.formattable[0].blocks == m.formatted);  // the default spare areas, on every layer
    // Disc Information: one DI unit per layer, each with the number of layers and its own layer.
    Bytes di(4100);
    auto r = d.drive.execute(read_disc_structure_bd(0x00, 4100), DataDirection::kFromDevice, di);
    REQUIRE(r.good());
    CHECK((di[0] << 8 | di[1]) == 4098);
    for (uint32_t l = 0; l < m.layers; ++l) {
      const uint8_t* u = di.data() + 4 + l * 112;
      CHECK(u[0] == 'D');
      CHECK(u[1] == 'I');
      CHECK((u[3] & 0x07) == l);
      CHECK(u[3] >> 3 == m.layers);
      CHECK(u[12] >> 4 == m.layers);
      CHECK(std::string(reinterpret_cast<const char*>(u + 8), 3) == (m.profile == 0x43 ? "BDW" : "BDR"));
    }
    CHECK(di[4 + m.layers * 112] == 0);  // no further unit
    Bytes list(8);
    REQUIRE(d.drive.execute(read_disc_structure_bd(0xFF, 8), DataDirection::kFromDevice, list).good());
    CHECK(list[4] == 0x00);
    CHECK((list[6] << 8 | list[7]) == 4100);
  }
}

TEST_CASE("emu multilayer BD: formatting, and writes across the layer boundary", "[emu]") {
  // BD-RE DL, formatted with the default spares: random writes straddling the end of layer 0.
  Drive re("bd-re-dl");
  auto fc = parse_format_capacities(re.in(read_format_capacities(252)));
  REQUIRE(fc.formattable.size() == 3);
  CHECK(fc.formattable[2].format_type == 0x31);
  CHECK(fc.formattable[2].blocks == 24'438'784u);
  auto p = format_unit_parameters(0x30, fc.formattable[1].blocks, fc.formattable[1].type_parameter, false);
  re.ok(format_unit(), Bytes(p.begin(), p.end()));
  CHECK(parse_read_capacity(re.in(read_capacity())).last_lba == 23'652'352u - 1);
  const uint32_t boundary = 12'219'392;
  re.ok(write10(boundary - 16, 32), pattern(32, 3));
  CHECK(re.in(read10(boundary - 16, 32), 32 * 2048) == pattern(32, 3));
  check_sense(re.fails(write10(23'652'352 - 16, 32), pattern(32, 4)), 5, 0x21, 0x00);  // past the formatted end

  // BD-R TL in SRM with spares (FORMAT 32h): the capacity shrinks by the spares of three layers.
  Drive tl("bd-r-tl");
  auto tfc = parse_format_capacities(tl.in(read_format_capacities(252)));
  REQUIRE(tfc.formattable.size() == 2);
  CHECK(tfc.formattable[1].format_type == 0x32);
  auto q = format_unit_parameters(0x32, tfc.formattable[1].blocks, tfc.formattable[1].type_parameter, false);
  tl.ok(format_unit(), Bytes(q.begin(), q.end()));
  auto ti = parse_track_information(tl.in(read_track_information(TrackAddressType::kTrack, kInvisibleTrack, 48)));
  CHECK(ti.free_blocks == 47'698'944u);
}
