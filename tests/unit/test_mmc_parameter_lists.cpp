// Data-out parameter lists (MMC-6 FORMAT UNIT format list, SET STREAMING
// performance descriptor, MODE SELECT(10) page 05h), byte by byte.
#include <catch2/catch.hpp>

#include <vector>

#include "mmc/parameter_lists.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

TEST_CASE("mmc parameter list: FORMAT UNIT", "[mmc]") {
  // DVD+RW full format, type 26h, blocks FFFFFFFFh (drive picks), immediate.
  auto p = format_unit_parameters(0x26, 0xFFFFFFFF, 0);
  CHECK(Bytes(p.begin(), p.end()) == Bytes{0, 0x82, 0, 8, 0xFF, 0xFF, 0xFF, 0xFF, 0x98, 0, 0, 0});
  // BD-RE type 30h, subtype 2 (quick certification), spare parameter 0x3000, not immediate.
  auto q = format_unit_parameters(0x30, 0x00B29C00, 0x3000, false, 2);
  CHECK(Bytes(q.begin(), q.end()) == Bytes{0, 0, 0, 8, 0x00, 0xB2, 0x9C, 0x00, 0xC2, 0x00, 0x30, 0x00});
}

TEST_CASE("mmc parameter list: SEND DISC STRUCTURE 20h layer boundary", "[mmc]") {
  // Data length 000Ah, reserved bytes 2-7, L0 data zone capacity 8-11 (2,000,000 = 001E8480h).
  auto p = layer_boundary_parameters(2'000'000);
  CHECK(Bytes(p.begin(), p.end()) == Bytes{0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0x00, 0x1E, 0x84, 0x80});
}

TEST_CASE("mmc parameter list: SET STREAMING performance descriptor", "[mmc]") {
  StreamingRequest r;
  r.end_lba = 0x0023053F;
  r.read_size_kb = 22160;
  r.write_size_kb = 11080;
  r.write_rotation_control = 1;
  r.exact = true;
  auto p = streaming_performance_descriptor(r);
  CHECK(Bytes(p.begin(), p.end()) == Bytes{0x0A, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x23, 0x05, 0x3F,
                                           0, 0, 0x56, 0x90, 0, 0, 0x03, 0xE8,
                                           0, 0, 0x2B, 0x48, 0, 0, 0x03, 0xE8});
}

TEST_CASE("mmc parameter list: page 05h round trip and MODE SELECT header", "[mmc]") {
  WriteParametersPage w;
  w.buffer_underrun_free = true;
  w.write_type = 1;  // TAO
  w.multi_session = 3;
  w.track_mode = 4;
  w.data_block_type = 8;
  w.session_format = 0x00;
  w.packet_size = 0;
  w.audio_pause_length = 150;
  Bytes page = write_parameters_page(w);
  REQUIRE(page.size() == 52);
  CHECK(Bytes(page.begin(), page.begin() + 16) ==
        Bytes{0x05, 0x32, 0x41, 0xC4, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x96});
  WriteParametersPage back = parse_write_parameters_page(page);
  CHECK(back.write_type == 1);
  CHECK(back.multi_session == 3);
  CHECK(back.buffer_underrun_free);
  CHECK(back.audio_pause_length == 150);
  CHECK(back.media_catalog_number == std::array<uint8_t, 16>{});

  page[0] |= 0x80;  // PS as MODE SENSE returned it
  Bytes list = mode_select_parameter_list(page);
  REQUIRE(list.size() == 60);
  CHECK(Bytes(list.begin(), list.begin() + 10) == Bytes{0, 0, 0, 0, 0, 0, 0, 0, 0x05, 0x32});
}
