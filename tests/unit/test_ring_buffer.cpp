#include <catch2/catch.hpp>

#include <cstring>
#include <thread>
#include <vector>

#include "core/ring_buffer.hpp"

using imapi::RingBuffer;
using namespace std::chrono_literals;

namespace {
uint8_t byte_at(uint64_t i) { return static_cast<uint8_t>(i * 2654435761u >> 13); }
}  // namespace

TEST_CASE("ring buffer: a producer and a consumer thread pass every byte in order", "[ring]") {
  const size_t chunk = 8192;
  RingBuffer ring(5 * chunk, chunk);
  REQUIRE(ring.chunk_count() == 5);
  REQUIRE(reinterpret_cast<uintptr_t>(ring.writable(1, 0ms).data()) % RingBuffer::kAlignment == 0);
  const uint64_t total = 3'000'000 + 777;  // not a whole number of chunks: the last one is partial
  std::thread producer([&] {
    uint64_t at = 0;
    while (at < total) {
      auto span = ring.writable(3, 1000ms);
      if (span.empty()) continue;
      size_t n = static_cast<size_t>(std::min<uint64_t>(span.size(), total - at));
      for (size_t i = 0; i < n; ++i) span[i] = byte_at(at + i);
      ring.commit(n);
      at += n;
    }
    ring.finish();
  });
  uint64_t got = 0;
  bool ok = true;
  while (true) {
    auto c = ring.readable(1000ms);
    if (!c) {
      if (ring.ended()) break;
      continue;
    }
    for (size_t i = 0; i < c->size(); ++i) ok = ok && (*c)[i] == byte_at(got + i);
    got += c->size();
    auto s = ring.stats();
    CHECK(s.used + s.free == s.total);
    CHECK(s.used <= s.total);
    ring.release();
  }
  producer.join();
  CHECK(ok);
  CHECK(got == total);
  CHECK(ring.stats().used == 0);
}

TEST_CASE("ring buffer: fill statistics follow commits and releases", "[ring]") {
  RingBuffer ring(4 * 4096, 4096);
  CHECK(ring.stats().total == 4 * 4096);
  auto w = ring.writable(4, 0ms);
  REQUIRE(w.size() == 4 * 4096);
  ring.commit(2 * 4096);
  CHECK(ring.stats().used == 2 * 4096);
  CHECK(ring.stats().free == 2 * 4096);
  // Only the two chunks up to the end of the memory are contiguous.
  CHECK(ring.writable(4, 0ms).size() == 2 * 4096);
  REQUIRE(ring.readable(0ms));
  ring.release();
  CHECK(ring.stats().used == 4096);
  ring.commit(2 * 4096);
  CHECK(ring.stats().free == 4096);
  // The free chunk is at the start again (wrapped).
  CHECK(ring.writable(4, 0ms).size() == 4096);
}

TEST_CASE("ring buffer: waits time out without data and cancel wakes a blocked side", "[ring]") {
  RingBuffer ring(2 * 4096, 4096);
  CHECK_FALSE(ring.readable(20ms));
  CHECK_FALSE(ring.ended());
  ring.writable(2, 0ms);
  ring.commit(2 * 4096);
  CHECK(ring.writable(1, 20ms).empty());  // full
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    ring.cancel();
  });
  auto start = std::chrono::steady_clock::now();
  CHECK(ring.writable(1, 10'000ms).empty());  // woken by cancel, long before the timeout
  CHECK(std::chrono::steady_clock::now() - start < 5s);
  canceller.join();
  CHECK(ring.cancelled());
  CHECK_FALSE(ring.readable(10'000ms));
}

TEST_CASE("ring buffer: a partial chunk ends the data", "[ring]") {
  RingBuffer ring(3 * 4096, 4096);
  auto w = ring.writable(3, 0ms);
  std::memset(w.data(), 7, 4096 + 100);
  ring.commit(4096 + 100);
  auto a = ring.readable(0ms);
  REQUIRE(a);
  CHECK(a->size() == 4096);
  ring.release();
  auto b = ring.readable(0ms);
  REQUIRE(b);
  CHECK(b->size() == 100);
  ring.release();
  CHECK(ring.ended());
  CHECK_FALSE(ring.readable(0ms));
}
