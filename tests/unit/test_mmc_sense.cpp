// Sense decoding (SPC-4 4.5: fixed 70h/71h, descriptor 72h/73h) and the
// mapping to IMAPI codes. The triples are those real drives (and our
// emulator) report to the clients the emulated drive serves.
#include <catch2/catch.hpp>

#include <vector>

#include "mmc/sense.hpp"
#include "mmc/status.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

namespace {
// 18-byte fixed sense with additional length 0Ah, as drives return it.
Bytes fixed(uint8_t key, uint8_t asc, uint8_t ascq) {
  return Bytes{0x70, 0, key, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, asc, ascq, 0, 0, 0, 0};
}
}  // namespace

TEST_CASE("mmc sense: fixed format, no medium", "[mmc]") {
  Sense s = decode_sense(fixed(0x02, 0x3A, 0x00));
  CHECK(s.response_code == 0x70);
  CHECK_FALSE(s.deferred);
  CHECK(s.key == 2);
  CHECK(s.asc == 0x3A);
  CHECK(s.ascq == 0);
  CHECK_FALSE(s.information);
  CHECK_FALSE(s.progress);
  auto m = interpret_sense(s);
  CHECK(m.status == status::kMediaNoMedia);
  CHECK(m.recovery == Recovery::kNone);
  CHECK(m.message == "the drive reports no medium: insert a disc");
}

TEST_CASE("mmc sense: fixed format with VALID information and progress (format in progress)", "[mmc]") {
  // VALID (80h|70h), key 02, INFORMATION 0x00001234, ASC/ASCQ 04/04, SKSV + progress 0x4000 (25%).
  Bytes raw{0xF0, 0, 0x02, 0x00, 0x00, 0x12, 0x34, 0x0A, 0, 0, 0, 0, 0x04, 0x04, 0, 0x80, 0x40, 0x00};
  Sense s = decode_sense(raw);
  REQUIRE(s.information);
  CHECK(*s.information == 0x1234);
  REQUIRE(s.progress);
  CHECK(*s.progress == 0x4000);
  CHECK(*s.progress_percent() == Approx(25.0));
  CHECK(s.sense_key_specific == 0x804000u);
  auto m = interpret_sense(s);
  CHECK(m.status == status::kMediaFormatInProgress);
  CHECK(m.recovery == Recovery::kRetryLater);
}

TEST_CASE("mmc sense: progress only when SKSV is set and key is NO SENSE or NOT READY", "[mmc]") {
  Bytes raw = fixed(0x02, 0x04, 0x07);
  raw[16] = 0x80;  // SKSV clear: ignored
  CHECK_FALSE(decode_sense(raw).progress);
  raw[15] = 0x80;
  CHECK(decode_sense(raw).progress == 0x8000);
  Bytes illegal = fixed(0x05, 0x24, 0x00);
  illegal[15] = 0xC0;  // SKSV + C/D: field pointer, not progress
  illegal[17] = 0x02;
  Sense s = decode_sense(illegal);
  CHECK_FALSE(s.progress);
  CHECK(s.sense_key_specific == 0xC00002u);
  // Additional sense length 6 (bytes 8-13 only): bytes 15-17 are not sense data.
  Bytes shortlen = fixed(0x00, 0x00, 0x00);
  shortlen[7] = 6;
  shortlen[15] = 0x80;
  shortlen[16] = 0x10;
  CHECK_FALSE(decode_sense(shortlen).progress);
}

TEST_CASE("mmc sense: deferred and descriptor formats", "[mmc]") {
  Bytes deferred = fixed(0x03, 0x0C, 0x00);
  deferred[0] = 0x71;
  Sense d = decode_sense(deferred);
  CHECK(d.deferred);
  CHECK(interpret_sense(d).status == status::kUnexpectedResponseFromDevice);

  // 72h: key 02, 04/08; information descriptor (00h, len 0Ah, VALID) LBA 0x1_0000_0010;
  // sense-key-specific descriptor (02h, len 06h) SKSV progress 0x1000.
  Bytes desc{0x72, 0x02, 0x04, 0x08, 0, 0, 0, 20,
             0x00, 0x0A, 0x80, 0, 0, 0, 0, 1, 0, 0, 0, 0x10,
             0x02, 0x06, 0, 0, 0x80, 0x10, 0x00, 0};
  Sense s = decode_sense(desc);
  CHECK(s.response_code == 0x72);
  CHECK(s.key == 2);
  CHECK(s.asc == 4);
  CHECK(s.ascq == 8);
  CHECK(s.information == 0x100000010ull);
  CHECK(s.progress == 0x1000);
  CHECK(interpret_sense(s).recovery == Recovery::kRetryLater);

  desc[0] = 0x73;
  CHECK(decode_sense(desc).deferred);
  // A descriptor cut off by the additional length is ignored, not read past.
  desc[7] = 15;
  Sense cut = decode_sense(desc);
  CHECK(cut.information);
  CHECK_FALSE(cut.progress);
}

TEST_CASE("mmc sense: short, empty and garbage sense are errors", "[mmc]") {
  CHECK_THROWS_AS(decode_sense(Bytes{}), imapi::Error);
  CHECK_THROWS_AS(decode_sense(Bytes{0x70, 0, 2, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3A}), imapi::Error);
  CHECK_THROWS_AS(decode_sense(Bytes{0x72, 0, 2}), imapi::Error);
  try {
    decode_sense(Bytes{0x12, 0, 0, 0});
    FAIL("garbage accepted");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == status::kInvalidResponseFromDevice);
    CHECK(e.message().find("sense data") != std::string::npos);
    CHECK(e.message().find("12h") == std::string::npos);  // printed as 0x12
    CHECK(e.message().find("0x12") != std::string::npos);
    CHECK(e.message().find("byte offset 0") != std::string::npos);
  }
  // Oversized additional length: clamped to what arrived.
  Bytes big = fixed(0x06, 0x28, 0x00);
  big[7] = 0xFF;
  CHECK(decode_sense(big).asc == 0x28);
  Bytes desc_big{0x72, 0x05, 0x20, 0x00, 0, 0, 0, 0xFF, 0x00, 0xFF};
  CHECK(decode_sense(desc_big).asc == 0x20);
}

TEST_CASE("mmc sense: IMAPI mapping and retry classification", "[mmc]") {
  struct Row {
    uint8_t key, asc, ascq;
    imapi_status status;
    Recovery recovery;
  };
  const Row rows[] = {
      {0x02, 0x3A, 0x00, status::kMediaNoMedia, Recovery::kNone},
      {0x02, 0x3A, 0x01, status::kMediaNoMedia, Recovery::kNone},  // tray closed
      {0x02, 0x3A, 0x02, status::kMediaNoMedia, Recovery::kNone},  // tray open
      {0x02, 0x04, 0x01, status::kMediaBecomingReady, Recovery::kRetryLater},
      {0x02, 0x04, 0x04, status::kMediaFormatInProgress, Recovery::kRetryLater},
      {0x02, 0x04, 0x07, status::kMediaBusy, Recovery::kRetryLater},
      {0x02, 0x04, 0x08, status::kMediaBusy, Recovery::kRetryLater},
      {0x02, 0x04, 0x00, status::kMediaBecomingReady, Recovery::kNone},
      {0x02, 0x30, 0x00, status::kMediaIncompatible, Recovery::kNone},
      {0x03, 0x0C, 0x00, status::kUnexpectedResponseFromDevice, Recovery::kNone},
      {0x03, 0x0C, 0x09, status::kLossOfStreaming, Recovery::kNone},
      {0x04, 0x00, 0x00, status::kUnexpectedResponseFromDevice, Recovery::kNone},
      {0x05, 0x20, 0x00, IMAPI_E_NOTIMPL, Recovery::kNone},
      {0x05, 0x21, 0x00, IMAPI_E_INVALIDARG, Recovery::kNone},
      {0x05, 0x21, 0x02, status::kUnexpectedResponseFromDevice, Recovery::kNone},
      {0x05, 0x24, 0x00, IMAPI_E_INVALIDARG, Recovery::kNone},
      {0x05, 0x26, 0x00, status::kInvalidModeParameters, Recovery::kNone},
      {0x05, 0x2C, 0x00, status::kUnexpectedResponseFromDevice, Recovery::kNone},
      {0x05, 0x30, 0x05, status::kMediaIncompatible, Recovery::kNone},
      {0x05, 0x30, 0x10, status::kMediaNotFormatted, Recovery::kNone},
      {0x06, 0x28, 0x00, status::kMediaBecomingReady, Recovery::kRetryNow},
      {0x06, 0x29, 0x00, status::kMediaBecomingReady, Recovery::kRetryNow},
      {0x07, 0x27, 0x00, status::kMediaWriteProtected, Recovery::kNone},
      {0x0B, 0x00, 0x00, status::kMediaBusy, Recovery::kRetryLater},
      {0x00, 0x00, 0x00, IMAPI_S_OK, Recovery::kRecovered},
      {0x01, 0x17, 0x01, IMAPI_S_OK, Recovery::kRecovered},
  };
  for (const Row& r : rows) {
    INFO(sense_triple(r.key, r.asc, r.ascq));
    SenseMeaning m = interpret_sense(r.key, r.asc, r.ascq);
    CHECK(m.status == r.status);
    CHECK(m.recovery == r.recovery);
    CHECK_FALSE(m.message.empty());
  }
  CHECK(interpret_sense(0x07, 0x27, 0x00).message.find("write protected") != std::string_view::npos);
  CHECK(interpret_sense(0x05, 0x21, 0x02).message.find("invalid address for write") != std::string_view::npos);
}

TEST_CASE("mmc sense: sense_error carries the triple and the LBA", "[mmc]") {
  Bytes raw = fixed(0x05, 0x21, 0x02);
  raw[0] = 0xF0;
  raw[3] = 0x00;
  raw[4] = 0x01;
  raw[5] = 0x00;
  raw[6] = 0x00;
  imapi::Error e = sense_error("WRITE(10)", decode_sense(raw));
  CHECK(e.code() == status::kUnexpectedResponseFromDevice);
  CHECK(e.detail().sense_key == 5);
  CHECK(e.detail().asc == 0x21);
  CHECK(e.detail().ascq == 2);
  CHECK(e.detail().lba == 0x10000);
  CHECK(e.message().rfind("WRITE(10): ", 0) == 0);
  CHECK(e.message().find("(sense 05/21/02)") != std::string::npos);
  // Success-class sense still gives a failure code when turned into an error.
  CHECK(sense_error("X", decode_sense(fixed(0x01, 0x00, 0x00))).code() == IMAPI_E_FAIL);
}

TEST_CASE("mmc status: IMAPI2 numbers from imapi2error.h", "[mmc]") {
  CHECK(static_cast<uint32_t>(status::kMediaNoMedia) == 0xC0AA0202u);
  CHECK(static_cast<uint32_t>(status::kMediaWriteProtected) == 0xC0AA0209u);
  CHECK(static_cast<uint32_t>(status::kInvalidResponseFromDevice) == 0xC0AA02FFu);
  CHECK(static_cast<uint32_t>(status::kLossOfStreaming) == 0xC0AA0300u);
  CHECK(status::kCommandHasSenseData == 11141632);
  CHECK(status::kMediaBusy == -1062600185);
}
