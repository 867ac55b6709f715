// Underrun counting: the progress's underrun_count is the drive's count of
// buffer underruns (the BUFE recoveries the emulated drive records in its
// disc.state), for a producer slower than the drive and for a well-fed burn.
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

// The emulated drive's own underrun count: the `buffer FILL CLOCK UNDERRUNS ...`
// line of disc.state (docs/emulated-drive.md).
long long emulator_underruns(const EmuDisc& disc) {
  std::ifstream in(disc.dir.path / "disc.state");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("buffer ", 0) != 0) continue;
    std::istringstream words(line.substr(7));
    unsigned long long fill = 0, clock = 0, underruns = 0;
    if (words >> fill >> clock >> underruns) return static_cast<long long>(underruns);
  }
  return -1;
}

// A caller's stream that hands out 64 KiB a read and then sleeps: a producer
// slower than the drive.
struct SlowSource {
  std::string data;
  size_t position = 0;
  std::chrono::milliseconds pause;

  static imapi_status read(void* user, void* buf, int64_t cap, int64_t* n) {
    auto& s = *static_cast<SlowSource*>(user);
    const size_t k = std::min({static_cast<size_t>(cap), size_t{64} << 10, s.data.size() - s.position});
    std::memcpy(buf, s.data.data() + s.position, k);
    s.position += k;
    *n = static_cast<int64_t>(k);
    std::this_thread::sleep_for(s.pause);
    return IMAPI_S_OK;
  }
  static imapi_status seek(void* user, int64_t offset, int32_t whence, int64_t* position) {
    auto& s = *static_cast<SlowSource*>(user);
    const int64_t base = whence == IMAPI_SEEK_SET ? 0 : whence == IMAPI_SEEK_CUR ? static_cast<int64_t>(s.position)
                                                                                : static_cast<int64_t>(s.data.size());
    s.position = static_cast<size_t>(std::clamp<int64_t>(base + offset, 0, static_cast<int64_t>(s.data.size())));
    if (position) *position = static_cast<int64_t>(s.position);
    return IMAPI_S_OK;
  }
  static imapi_status size(void* user, int64_t* size) {
    *size = static_cast<int64_t>(static_cast<SlowSource*>(user)->data.size());
    return IMAPI_S_OK;
  }
  StreamH stream() {
    imapi_stream_vtable vt{};
    vt.struct_size = sizeof vt;
    vt.read = &SlowSource::read;
    vt.seek = &SlowSource::seek;
    vt.size = &SlowSource::size;
    StreamH s;
    REQUIRE(imapi_stream_create_user(&vt, this, s.out()) == IMAPI_S_OK);
    return s;
  }
};

struct Outcome {
  int64_t engine_underruns = -1;
  long long drive_underruns = -1;
};

// Burns `stream` onto `disc` with a `ring_bytes` host ring, at the drive's
// top speed or its slowest; the engine's count and the drive's.
enum class Speed { kFastest, kSlowest };
Outcome burn(const EmuDisc& disc, imapi_stream* stream, int64_t ring_bytes, Speed speed) {
  Outcome o;
  {
    auto rec = disc.open();
    auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_NONE);
    REQUIRE(imapi_disc_format_data_set_buffer_size(f.get(), ring_bytes) == IMAPI_S_OK);
    if (speed == Speed::kSlowest) REQUIRE(IMAPI_SUCCEEDED(imapi_disc_format_data_set_write_speed(f.get(), 1, 0)));
    imapi_status st = imapi_disc_format_data_write(f.get(), stream, nullptr, nullptr);
    INFO(test::last_message());
    REQUIRE(st == IMAPI_S_OK);
    imapi_burn_progress p{};
    p.struct_size = sizeof p;
    REQUIRE(imapi_disc_format_data_get_progress(f.get(), &p) == IMAPI_S_OK);
    o.engine_underruns = p.underrun_count;
  }
  o.drive_underruns = emulator_underruns(disc);
  return o;
}

}  // namespace

TEST_CASE("underruns: a producer slower than the drive: the count is the drive's", "[burn][underrun]") {
  // At BD-R's top speed the drive takes a 64 KiB WRITE in under 3 ms; the
  // source gives 64 KiB every 20 ms, so the drive's buffer (256 KiB) runs dry
  // before every WRITE but the first, and the drive links over an underrun
  // (its BUFE recovery) each time. The wide margin keeps the count exact on a
  // loaded machine: the writer looks at the drive's buffer long after it emptied.
  EmuDisc disc("bd-r", "throttle=1&buffer=262144");
  SlowSource source{pattern(4 << 20, 31), 0, std::chrono::milliseconds(20)};
  auto stream = source.stream();
  const Outcome o = burn(disc, stream.get(), 1 << 20, Speed::kFastest);
  INFO("engine " << o.engine_underruns << ", drive " << o.drive_underruns);
  REQUIRE(o.drive_underruns > 0);  // the drive was starved
  CHECK(o.engine_underruns == o.drive_underruns);
  // What was written is the stream, underruns and all.
  const std::string img = test::file_bytes(disc.disc_img());
  REQUIRE(img.size() >= source.data.size());
  CHECK(img.compare(0, source.data.size(), source.data) == 0);
}

TEST_CASE("underruns: a well-fed burn has none, in the engine and in the drive", "[burn][underrun]") {
  // A 16 MiB drive buffer at the drive's slowest speed holds 1.8 s: a busy
  // machine (or a sanitizer build) pausing the writer now and then does not
  // starve it, while the 24 MiB stream still fills the buffer and keeps the
  // WRITEs waiting for room (the throttled phase, where a false count would show).
  SECTION("a stream held in memory") {
    EmuDisc disc("bd-r", "throttle=1&buffer=16777216");
    const std::string data = pattern(24 << 20, 32);
    StreamH stream;
    REQUIRE(imapi_stream_create_from_memory(data.data(), static_cast<int64_t>(data.size()), stream.out()) ==
            IMAPI_S_OK);
    const Outcome o = burn(disc, stream.get(), 32 << 20, Speed::kSlowest);
    CHECK(o.drive_underruns == 0);
    CHECK(o.engine_underruns == 0);
  }
  SECTION("a file-system image (its files read by the producer)") {
    EmuDisc disc("bd-r", "throttle=1&buffer=16777216");
    auto image = make_image({{"/big.bin", pattern(24 << 20, 33)}, {"/small.txt", "x"}});
    const Outcome o = burn(disc, image.get(), 32 << 20, Speed::kSlowest);
    CHECK(o.drive_underruns == 0);
    CHECK(o.engine_underruns == 0);
  }
}
