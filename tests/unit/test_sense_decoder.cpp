// The one sense decoder, mmc::interpret_sense(bytes): the same condition in
// each of SPC-4's four formats (70h current and 71h deferred fixed, 72h
// current and 73h deferred descriptor) as byte vectors a drive would send,
// for every Recovery class, and what does not decode.
#include <catch2/catch.hpp>

#include <vector>

#include "mmc/sense.hpp"
#include "mmc/status.hpp"

using namespace imapi::mmc;
using Bytes = std::vector<uint8_t>;

namespace {

// 18 bytes of fixed format as drives return it: VALID and INFORMATION 0x2000,
// additional length 0Ah, SKSV with a progress of 0x8000 (50%).
Bytes fixed(uint8_t code, uint8_t key, uint8_t asc, uint8_t ascq) {
  return Bytes{static_cast<uint8_t>(0x80 | code), 0, key, 0, 0, 0x20, 0, 0x0A, 0, 0, 0, 0, asc, ascq, 0, 0x80, 0x80, 0};
}

// Descriptor format: header, information descriptor (00h, VALID, LBA 0x2000),
// sense-key-specific descriptor (02h, SKSV, progress 0x8000).
Bytes descriptor(uint8_t code, uint8_t key, uint8_t asc, uint8_t ascq) {
  return Bytes{code, key, asc, ascq, 0, 0, 0, 20,
               0x00, 0x0A, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x20, 0,
               0x02, 0x06, 0, 0, 0x80, 0x80, 0, 0};
}

struct Case {
  uint8_t key, asc, ascq;
  imapi_status status;
  Recovery recovery;
};

// One row per Recovery class and per condition the retry table names.
const Case kCases[] = {
    {0x02, 0x04, 0x01, status::kMediaBecomingReady, Recovery::kRetryLater},
    {0x02, 0x04, 0x04, status::kMediaFormatInProgress, Recovery::kRetryLater},
    {0x02, 0x04, 0x07, status::kMediaBusy, Recovery::kRetryLater},      // operation in progress
    {0x02, 0x04, 0x08, status::kMediaBusy, Recovery::kRetryLater},      // long write in progress
    {0x0B, 0x00, 0x00, status::kMediaBusy, Recovery::kRetryLater},      // aborted command
    {0x06, 0x28, 0x00, status::kMediaBecomingReady, Recovery::kRetryNow},  // medium may have changed
    {0x06, 0x29, 0x00, status::kMediaBecomingReady, Recovery::kRetryNow},  // power on, reset
    {0x06, 0x2A, 0x01, status::kMediaBecomingReady, Recovery::kRetryNow},  // mode parameters changed
    {0x02, 0x3A, 0x00, status::kMediaNoMedia, Recovery::kNone},
    {0x02, 0x04, 0x00, status::kMediaBecomingReady, Recovery::kNone},    // not ready, cause not reportable
    {0x03, 0x0C, 0x00, status::kUnexpectedResponseFromDevice, Recovery::kNone},
    {0x03, 0x0C, 0x09, status::kLossOfStreaming, Recovery::kNone},
    {0x05, 0x21, 0x02, status::kUnexpectedResponseFromDevice, Recovery::kNone},
    {0x05, 0x24, 0x00, IMAPI_E_INVALIDARG, Recovery::kNone},
    {0x07, 0x27, 0x00, status::kMediaWriteProtected, Recovery::kNone},
    {0x00, 0x00, 0x00, IMAPI_S_OK, Recovery::kRecovered},
    {0x01, 0x17, 0x01, IMAPI_S_OK, Recovery::kRecovered},
};

}  // namespace

TEST_CASE("sense decoder: fixed and descriptor formats mean the same, for every Recovery class", "[mmc][sense]") {
  for (const Case& c : kCases) {
    for (const Bytes& raw : {fixed(0x70, c.key, c.asc, c.ascq), descriptor(0x72, c.key, c.asc, c.ascq)}) {
      INFO(sense_triple(c.key, c.asc, c.ascq) << " in format " << int{raw[0] & 0x7F});
      SenseReport r = interpret_sense(raw);
      REQUIRE(r.sense);
      CHECK(r.sense->key == c.key);
      CHECK(r.sense->asc == c.asc);
      CHECK(r.sense->ascq == c.ascq);
      CHECK_FALSE(r.sense->deferred);
      CHECK(r.sense->information == 0x2000u);
      if (c.key == 0x00 || c.key == 0x02) CHECK(r.sense->progress == 0x8000);  // progress only for these keys
      else CHECK_FALSE(r.sense->progress);
      CHECK(r.meaning.status == c.status);
      CHECK(r.meaning.recovery == c.recovery);
      CHECK_FALSE(r.meaning.message.empty());
    }
  }
}

TEST_CASE("sense decoder: a deferred error (71h, 73h) is never waited out", "[mmc][sense]") {
  for (const Case& c : kCases) {
    for (const Bytes& raw : {fixed(0x71, c.key, c.asc, c.ascq), descriptor(0x73, c.key, c.asc, c.ascq)}) {
      INFO(sense_triple(c.key, c.asc, c.ascq) << " in format " << int{raw[0] & 0x7F});
      SenseReport r = interpret_sense(raw);
      REQUIRE(r.sense);
      CHECK(r.sense->deferred);
      CHECK(r.meaning.status == c.status);
      // The command that got it was not run: re-issue it when the earlier error was
      // recovered, otherwise data the drive had accepted is lost.
      CHECK(r.meaning.recovery == (c.recovery == Recovery::kRecovered ? Recovery::kRetryNow : Recovery::kNone));
    }
  }
}

TEST_CASE("sense decoder: bytes that do not decode mean an invalid response, never a throw", "[mmc][sense]") {
  const Bytes bad[] = {
      {},                                                    // nothing
      {0x70, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x3A},   // fixed, cut before the ASCQ
      {0x72, 0x02, 0x3A},                                    // descriptor, cut in the header
      {0x12, 0x02, 0x3A, 0x00, 0, 0, 0, 0},                  // response code not 70h-73h
      {0x7F, 0, 0x02, 0, 0, 0, 0, 0x0A, 0, 0, 0, 0, 0x3A, 0, 0, 0, 0, 0},  // vendor-specific format
  };
  for (const Bytes& raw : bad) {
    INFO(raw.size() << " bytes");
    SenseReport r = interpret_sense(raw);
    CHECK_FALSE(r.sense);
    CHECK(r.meaning.status == status::kInvalidResponseFromDevice);
    CHECK(r.meaning.recovery == Recovery::kNone);
  }
  // The descriptor format's byte 12 is not an ASC: a no-medium answer whose
  // descriptors put 3Ah there is still read as what its header says.
  Bytes tricky = descriptor(0x72, 0x02, 0x04, 0x08);
  tricky[12] = 0x3A;
  SenseReport r = interpret_sense(tricky);
  REQUIRE(r.sense);
  CHECK(r.sense->asc == 0x04);
  CHECK(r.meaning.recovery == Recovery::kRetryLater);
}
