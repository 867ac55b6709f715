// A caller's stream that does not know its size (IMAPI_STREAM_SIZE_UNKNOWN, a
// pipe) is burned to its end through the C ABI: its last partial sector padded,
// the session as long as what it held, FULL verification passing; one longer
// than the disc fails with IMAPI's code. (The CLI's 300 MiB pipe:
// tests/cli/test_cli_burn_pipe.sh.)
#include <cstring>

#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

// Reads `data` in order, 10,000 bytes at a time; seeks only where it already is.
struct PipeLike {
  std::string data;
  size_t position = 0;

  static imapi_status read(void* user, void* buf, int64_t cap, int64_t* n) {
    auto& s = *static_cast<PipeLike*>(user);
    const size_t k = std::min({static_cast<size_t>(cap), size_t{10'000}, s.data.size() - s.position});
    std::memcpy(buf, s.data.data() + s.position, k);
    s.position += k;
    *n = static_cast<int64_t>(k);
    return IMAPI_S_OK;
  }
  static imapi_status seek(void* user, int64_t offset, int32_t whence, int64_t* position) {
    auto& s = *static_cast<PipeLike*>(user);
    const int64_t target = whence == IMAPI_SEEK_SET ? offset : whence == IMAPI_SEEK_CUR ? static_cast<int64_t>(s.position) + offset : -1;
    if (target != static_cast<int64_t>(s.position)) return IMAPI_E_NOTIMPL;
    if (position) *position = target;
    return IMAPI_S_OK;
  }
  static imapi_status size(void*, int64_t* size) {
    *size = IMAPI_STREAM_SIZE_UNKNOWN;
    return IMAPI_S_OK;
  }
  StreamH stream() {
    imapi_stream_vtable vt{};
    vt.struct_size = sizeof vt;
    vt.read = &PipeLike::read;
    vt.seek = &PipeLike::seek;
    vt.size = &PipeLike::size;
    StreamH s;
    REQUIRE(imapi_stream_create_user(&vt, this, s.out()) == IMAPI_S_OK);
    return s;
  }
};

}  // namespace

TEST_CASE("unknown size: a stream that does not know its size is burned to its end", "[burn][pipe]") {
  EmuDisc disc("bd-r");
  PipeLike pipe{pattern(5'000'000, 41)};  // not a whole number of sectors
  auto stream = pipe.stream();
  int64_t size = 0;
  CHECK(imapi_stream_get_size(stream.get(), &size) == IMAPI_E_NOTIMPL);  // only the data writer takes it
  auto rec = disc.open();
  auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_FULL);
  imapi_status st = imapi_disc_format_data_write(f.get(), stream.get(), nullptr, nullptr);
  INFO(test::last_message());
  REQUIRE(st == IMAPI_S_OK);
  const int64_t sectors = (5'000'000 + 2047) / 2048;
  imapi_burn_progress p{};
  p.struct_size = sizeof p;
  REQUIRE(imapi_disc_format_data_get_progress(f.get(), &p) == IMAPI_S_OK);
  CHECK(p.sector_count == sectors);
  CHECK(p.last_written_lba == sectors - 1);
  // The session holds the stream and zeros to the end of its last sector.
  const std::string img = test::file_bytes(disc.disc_img());
  REQUIRE(img.size() >= static_cast<size_t>(sectors) * 2048);
  CHECK(img.compare(0, pipe.data.size(), pipe.data) == 0);
  CHECK(img.substr(pipe.data.size(), sectors * 2048 - pipe.data.size()) ==
        std::string(sectors * 2048 - pipe.data.size(), '\0'));
  auto m = media(rec.get());
  CHECK(m.next_writable_address > sectors);  // the session is closed where the stream ended
  CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE) != 0);
}

TEST_CASE("unknown size: an empty stream of unknown size is refused", "[burn][pipe]") {
  EmuDisc disc("bd-r");
  PipeLike pipe{""};
  auto stream = pipe.stream();
  auto rec = disc.open();
  auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_NONE);
  CHECK(imapi_disc_format_data_write(f.get(), stream.get(), nullptr, nullptr) == IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED);
  CHECK(test::last_message().find("empty") != std::string::npos);
}
