// Helper streams (IStreamConcatenate, IStreamInterleave, IStreamPseudoRandomBased):
// byte-exact content, sizes, seeks, and bad input, through the C ABI.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "capi_fixture.hpp"
#include "core/pseudo_random_stream.hpp"

using namespace test;

namespace {

// A new memory stream over a copy of `bytes`; the caller wraps it in a Stream.
imapi_stream* memory(const std::string& bytes) {
  imapi_stream* s = nullptr;
  REQUIRE(imapi_stream_create_from_memory(bytes.data(), static_cast<int64_t>(bytes.size()), &s) == IMAPI_S_OK);
  return s;
}

int64_t size_of(imapi_stream* s) {
  int64_t n = -1;
  REQUIRE(imapi_stream_get_size(s, &n) == IMAPI_S_OK);
  return n;
}

// Reads `n` bytes at `at` in pieces of `piece`.
std::string read_at(imapi_stream* s, int64_t at, int64_t n, int64_t piece = 1 << 16) {
  REQUIRE(imapi_stream_seek(s, at, IMAPI_SEEK_SET, nullptr) == IMAPI_S_OK);
  std::string out;
  std::vector<char> buf(static_cast<size_t>(piece));
  while (static_cast<int64_t>(out.size()) < n) {
    int64_t got = 0;
    REQUIRE(imapi_stream_read(s, buf.data(), std::min<int64_t>(piece, n - static_cast<int64_t>(out.size())), &got) ==
            IMAPI_S_OK);
    if (got == 0) break;
    out.append(buf.data(), static_cast<size_t>(got));
  }
  return out;
}

// The reference interleave: round-robin chunks, ended streams skipped.
std::string interleaved(const std::vector<std::string>& parts, const std::vector<int64_t>& sizes) {
  std::string out;
  std::vector<size_t> at(parts.size(), 0);
  for (bool any = true; any;) {
    any = false;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (at[i] >= parts[i].size()) continue;
      out += parts[i].substr(at[i], static_cast<size_t>(sizes[i]));
      at[i] += static_cast<size_t>(sizes[i]);
      any = true;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("concatenation: bytes, size, seeks, append, parts shared and repeated", "[streams]") {
  Stream a(memory("alpha")), empty(memory("")), b(memory("BRAVO!"));
  imapi_stream* list[] = {a.get(), empty.get(), b.get(), a.get()};
  Stream c;
  REQUIRE(imapi_stream_create_concatenation(list, 4, c.out()) == IMAPI_S_OK);
  CHECK(size_of(c.get()) == 16);
  CHECK(read_all(c.get()) == "alphaBRAVO!alpha");
  CHECK(read_at(c.get(), 3, 5) == "haBRA");
  CHECK(read_at(c.get(), 4, 100, 3) == "aBRAVO!alpha");  // reads across parts in small pieces
  CHECK(read_at(c.get(), 16, 10).empty());
  CHECK(read_at(c.get(), 99, 10).empty());
  int64_t pos = -1;
  CHECK(imapi_stream_seek(c.get(), -2, IMAPI_SEEK_END, &pos) == IMAPI_S_OK);
  CHECK(pos == 14);
  CHECK(imapi_stream_seek(c.get(), -20, IMAPI_SEEK_END, &pos) == IMAPI_E_INVALIDARG);

  // The parts' own positions are theirs: reading the concatenation moves them, but never reads wrong bytes.
  REQUIRE(imapi_stream_seek(a.get(), 2, IMAPI_SEEK_SET, nullptr) == IMAPI_S_OK);
  CHECK(read_at(c.get(), 0, 5) == "alpha");

  // Append keeps the position; the handles may go away, the parts stay alive.
  REQUIRE(imapi_stream_seek(c.get(), 10, IMAPI_SEEK_SET, nullptr) == IMAPI_S_OK);
  {
    Stream d(memory("-delta"));
    imapi_stream* more[] = {d.get()};
    REQUIRE(imapi_stream_concatenation_append(c.get(), more, 1) == IMAPI_S_OK);
  }
  CHECK(size_of(c.get()) == 22);
  char buf[64];
  int64_t n = 0;
  REQUIRE(imapi_stream_read(c.get(), buf, sizeof buf, &n) == IMAPI_S_OK);
  CHECK(std::string(buf, static_cast<size_t>(n)) == "!alpha-delta");

  // Nested: a concatenation of concatenations.
  imapi_stream* twice[] = {c.get(), c.get()};
  Stream cc;
  REQUIRE(imapi_stream_create_concatenation(twice, 2, cc.out()) == IMAPI_S_OK);
  CHECK(read_all(cc.get()) == "alphaBRAVO!alpha-deltaalphaBRAVO!alpha-delta");
}

TEST_CASE("concatenation: bad input", "[streams]") {
  Stream a(memory("alpha"));
  imapi_stream* none = nullptr;
  imapi_stream* list[] = {a.get()};
  CHECK(imapi_stream_create_concatenation(list, 0, &none) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("empty"));
  CHECK(imapi_stream_create_concatenation(nullptr, 1, &none) == IMAPI_E_POINTER);
  imapi_stream* with_null[] = {a.get(), nullptr};
  CHECK(imapi_stream_create_concatenation(with_null, 2, &none) == IMAPI_E_POINTER);
  CHECK_THAT(last_message(), Catch::Contains("streams[1]"));
  CHECK(imapi_stream_create_concatenation(list, 1, nullptr) == IMAPI_E_POINTER);
  CHECK(none == nullptr);

  // More than 2^63-1 bytes in all.
  Stream huge;
  REQUIRE(imapi_stream_create_zero(INT64_MAX / 2 + 1, huge.out()) == IMAPI_S_OK);
  imapi_stream* two_huge[] = {huge.get(), huge.get()};
  CHECK(imapi_stream_create_concatenation(two_huge, 2, &none) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("2^63-1"));

  // Appending: nothing, a non-concatenation, or the concatenation itself.
  Stream c;
  REQUIRE(imapi_stream_create_concatenation(list, 1, c.out()) == IMAPI_S_OK);
  CHECK(imapi_stream_concatenation_append(c.get(), list, 0) == IMAPI_E_INVALIDARG);
  CHECK(imapi_stream_concatenation_append(a.get(), list, 1) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("not a concatenation"));
  imapi_stream* self[] = {a.get(), c.get()};
  CHECK(imapi_stream_concatenation_append(c.get(), self, 2) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("cannot contain itself"));
  Stream outer;
  imapi_stream* inner[] = {c.get()};
  REQUIRE(imapi_stream_create_concatenation(inner, 1, outer.out()) == IMAPI_S_OK);
  imapi_stream* cycle[] = {outer.get()};
  CHECK(imapi_stream_concatenation_append(c.get(), cycle, 1) == IMAPI_E_INVALIDARG);
  CHECK(size_of(c.get()) == 5);  // nothing was appended
  imapi_stream* overflow[] = {huge.get(), huge.get()};
  CHECK(imapi_stream_concatenation_append(c.get(), overflow, 2) == IMAPI_E_INVALIDARG);
  CHECK(size_of(c.get()) == 5);
}

TEST_CASE("concatenation: a part that shrinks after it was added is an error naming it", "[streams]") {
  TempDir t;
  auto path = t.write("f.bin", "0123456789");
  Stream f, a(memory("ab"));
  REQUIRE(imapi_stream_create_from_file(path.c_str(), f.out()) == IMAPI_S_OK);
  imapi_stream* list[] = {a.get(), f.get()};
  Stream c;
  REQUIRE(imapi_stream_create_concatenation(list, 2, c.out()) == IMAPI_S_OK);
  std::filesystem::resize_file(path, 4);
  char buf[64];
  int64_t n = 0;
  CHECK(imapi_stream_read(c.get(), buf, sizeof buf, &n) == IMAPI_E_DATA_STREAM_INCONSISTENCY);
  CHECK_THAT(last_message(), Catch::Contains("stream 1") && Catch::Contains("ended at byte 4"));
}

TEST_CASE("interleave: round-robin chunks, ended streams skipped, every seek position", "[streams]") {
  const std::vector<std::string> parts = {"AAAAAAAAAA", "bb", "0123456789abcdefghij", ""};
  const std::vector<int64_t> sizes = {3, 1, 4, 2};
  std::vector<std::unique_ptr<Stream>> handles;
  std::vector<imapi_stream*> list;
  for (const auto& p : parts) {
    handles.push_back(std::make_unique<Stream>(memory(p)));
    list.push_back(handles.back()->get());
  }
  Stream s;
  REQUIRE(imapi_stream_create_interleave(list.data(), sizes.data(), 4, s.out()) == IMAPI_S_OK);
  const std::string want = interleaved(parts, sizes);
  CHECK(want == "AAAb0123AAAb4567AAA89abA" "cdef" "ghij");
  CHECK(size_of(s.get()) == 32);
  CHECK(read_all(s.get()) == want);
  for (int64_t at = 0; at <= 33; ++at)
    for (int64_t piece : {1, 5, 64}) {
      INFO("at " << at << " piece " << piece);
      CHECK(read_at(s.get(), at, 40, piece) == (at < 32 ? want.substr(static_cast<size_t>(at)) : ""));
    }

  // One stream, chunk larger than the stream.
  Stream one;
  const int64_t big = 1000;
  REQUIRE(imapi_stream_create_interleave(list.data(), &big, 1, one.out()) == IMAPI_S_OK);
  CHECK(read_all(one.get()) == parts[0]);
}

TEST_CASE("interleave: bad input", "[streams]") {
  Stream a(memory("alpha")), b(memory("bravo"));
  imapi_stream* list[] = {a.get(), b.get()};
  imapi_stream* none = nullptr;
  const int64_t sizes[] = {2, 0};
  CHECK(imapi_stream_create_interleave(list, sizes, 2, &none) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("interleave size 1") && Catch::Contains("at least 1"));
  const int64_t negative[] = {-4, 2};
  CHECK(imapi_stream_create_interleave(list, negative, 2, &none) == IMAPI_E_INVALIDARG);
  CHECK(imapi_stream_create_interleave(list, nullptr, 2, &none) == IMAPI_E_POINTER);
  CHECK(imapi_stream_create_interleave(list, sizes, 0, &none) == IMAPI_E_INVALIDARG);
  CHECK(imapi_stream_create_interleave(nullptr, sizes, 2, &none) == IMAPI_E_POINTER);
  Stream huge;
  REQUIRE(imapi_stream_create_zero(INT64_MAX - 3, huge.out()) == IMAPI_S_OK);
  imapi_stream* over[] = {huge.get(), a.get()};
  const int64_t ok[] = {INT64_MAX, 1};
  CHECK(imapi_stream_create_interleave(over, ok, 2, &none) == IMAPI_E_INVALIDARG);
  CHECK(none == nullptr);

  // Huge chunk sizes beside a huge stream: no overflow, positions far out still resolve.
  Stream tail(memory("xyz")), zero_big;
  REQUIRE(imapi_stream_create_zero(INT64_MAX - 10, zero_big.out()) == IMAPI_S_OK);
  imapi_stream* fits[] = {tail.get(), zero_big.get()};
  const int64_t chunks[] = {INT64_MAX / 2, INT64_MAX / 2};
  Stream s;
  REQUIRE(imapi_stream_create_interleave(fits, chunks, 2, s.out()) == IMAPI_S_OK);
  CHECK(size_of(s.get()) == INT64_MAX - 7);
  CHECK(read_at(s.get(), 0, 5) == std::string("xyz\0\0", 5));
  CHECK(read_at(s.get(), INT64_MAX - 9, 10) == std::string(2, '\0'));
}

TEST_CASE("pseudo-random: the documented LCG, byte for byte, at any position; seeds", "[streams]") {
  Stream s;
  REQUIRE(imapi_stream_create_pseudo_random(12345, 4099, s.out()) == IMAPI_S_OK);
  CHECK(size_of(s.get()) == 4099);
  // The reference: x(n+1) = x(n) * 0x19660D + 0x3C6EF35F, little-endian words from x(1).
  std::string want;
  uint32_t x = 12345;
  while (want.size() < 4099) {
    x = x * 0x19660Du + 0x3C6EF35Fu;
    for (int b = 0; b < 4 && want.size() < 4099; ++b) want += static_cast<char>((x >> (8 * b)) & 0xFF);
  }
  CHECK(read_all(s.get()) == want);
  for (int64_t at : {0, 1, 3, 4, 5, 1023, 4096, 4098})
    for (int64_t piece : {1, 3, 4096}) CHECK(read_at(s.get(), at, 4099, piece) == want.substr(static_cast<size_t>(at)));
  CHECK(read_at(s.get(), 4099, 10).empty());

  // Far positions: the jump-ahead agrees with stepping.
  uint32_t y = 7;
  for (int i = 0; i < 100000; ++i) y = y * 0x19660Du + 0x3C6EF35Fu;
  CHECK(imapi::PseudoRandomStream::state_after(7, 100000) == y);
  CHECK(imapi::PseudoRandomStream::state_after(7, 0) == 7);
  Stream big;
  REQUIRE(imapi_stream_create_pseudo_random(7, int64_t{1} << 40, big.out()) == IMAPI_S_OK);
  const uint32_t far = imapi::PseudoRandomStream::state_after(7, (uint64_t{1} << 38));  // the last word
  const std::string tail = read_at(big.get(), (int64_t{1} << 40) - 4, 4);
  uint32_t got = 0;
  std::memcpy(&got, tail.data(), 4);
  CHECK(got == far);

  // put_Seed rewinds and changes the content; get_Seed reads it back.
  uint32_t seed = 0;
  CHECK(imapi_stream_pseudo_random_get_seed(s.get(), &seed) == IMAPI_S_OK);
  CHECK(seed == 12345);
  REQUIRE(imapi_stream_seek(s.get(), 100, IMAPI_SEEK_SET, nullptr) == IMAPI_S_OK);
  REQUIRE(imapi_stream_pseudo_random_set_seed(s.get(), 54321) == IMAPI_S_OK);
  int64_t pos = -1;
  REQUIRE(imapi_stream_seek(s.get(), 0, IMAPI_SEEK_CUR, &pos) == IMAPI_S_OK);
  CHECK(pos == 0);
  CHECK(imapi_stream_pseudo_random_get_seed(s.get(), &seed) == IMAPI_S_OK);
  CHECK(seed == 54321);
  CHECK(read_all(s.get()) != want);

  // Bad input.
  imapi_stream* none = nullptr;
  CHECK(imapi_stream_create_pseudo_random(1, -1, &none) == IMAPI_E_INVALIDARG);
  CHECK(imapi_stream_create_pseudo_random(1, 10, nullptr) == IMAPI_E_POINTER);
  Stream m(memory("x"));
  CHECK(imapi_stream_pseudo_random_set_seed(m.get(), 1) == IMAPI_E_INVALIDARG);
  CHECK_THAT(last_message(), Catch::Contains("not pseudo-random"));
  CHECK(imapi_stream_pseudo_random_get_seed(m.get(), &seed) == IMAPI_E_INVALIDARG);
  CHECK(imapi_stream_pseudo_random_get_seed(s.get(), nullptr) == IMAPI_E_POINTER);
  Stream empty;
  REQUIRE(imapi_stream_create_pseudo_random(1, 0, empty.out()) == IMAPI_S_OK);
  CHECK(read_all(empty.get()).empty());
}

TEST_CASE("helper streams as file data: an image holding a concatenation reads back byte for byte", "[streams]") {
  Stream a(memory("head-")), p;
  REQUIRE(imapi_stream_create_pseudo_random(99, 5000, p.out()) == IMAPI_S_OK);
  imapi_stream* list[] = {a.get(), p.get()};
  Stream c;
  REQUIRE(imapi_stream_create_concatenation(list, 2, c.out()) == IMAPI_S_OK);
  const std::string want = read_all(c.get());
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  Item root;
  REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_file(root.get(), "c.bin", c.get()) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(img.get(), r.out()) == IMAPI_S_OK);
  Stream image;
  REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), image.out()) == IMAPI_S_OK);
  const std::string bytes = read_all(image.get());
  CHECK(bytes.find(want) != std::string::npos);
}
