#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <random>

#include "core/clock.hpp"

#include "fs/iso9660/directory_record.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/iso9660/volume_descriptor.hpp"

using namespace imapi::fs::iso9660;

TEST_CASE("both-endian numbers (ECMA-119 7.2.3, 7.3.3)") {
  std::array<uint8_t, 8> b{};
  put_u32_both(b.data(), 0x12345678);
  CHECK(b == std::array<uint8_t, 8>{0x78, 0x56, 0x34, 0x12, 0x12, 0x34, 0x56, 0x78});
  std::array<uint8_t, 4> h{};
  put_u16_both(h.data(), 2048);
  CHECK(h == std::array<uint8_t, 4>{0x00, 0x08, 0x08, 0x00});
}

// civil_utc is calendar arithmetic of its own (gmtime_r took a lock per call):
// it must say what gmtime_r says, for every date an image can hold and beyond.
TEST_CASE("civil_utc agrees with gmtime_r, before and after 1970, across leap days and centuries") {
  int64_t disagreements = 0, first_bad = 0;
  auto check = [&](int64_t ns) {
    int64_t secs = ns / 1'000'000'000, frac = ns % 1'000'000'000;
    if (frac < 0) {
      --secs;
      frac += 1'000'000'000;
    }
    const time_t t = static_cast<time_t>(secs);
    struct tm tm {};
    REQUIRE(gmtime_r(&t, &tm) != nullptr);
    const imapi::CivilTime c = imapi::civil_utc(ns);
    if (c.year != tm.tm_year + 1900 || c.month != tm.tm_mon + 1 || c.day != tm.tm_mday || c.hour != tm.tm_hour ||
        c.minute != tm.tm_min || c.second != tm.tm_sec || c.nanoseconds != frac) {
      if (disagreements++ == 0) first_bad = ns;
    }
  };
  constexpr int64_t kSecond = 1'000'000'000;
  // 1900-01-01 to 2160-01-01 every 3,599 s (every hour of the day drifts through), a nanosecond either side.
  for (int64_t s = -2'208'988'800; s < 5'996'275'200; s += 3'599) {
    check(s * kSecond);
    check(s * kSecond + 1);
    check(s * kSecond - 1);
  }
  // Leap days and their neighbours: 1900 (not leap), 1968, 2000 (leap), 2100 (not leap).
  for (int64_t day : {-25'509, -25'508, -671, -670, 11'016, 11'017, 47'540, 47'541})
    for (int64_t s = day * 86'400 - 2; s <= day * 86'400 + 2; ++s) check(s * kSecond);
  std::mt19937_64 random(20261208);
  for (int i = 0; i < 200'000; ++i) check(static_cast<int64_t>(random()));
  check(INT64_MIN);
  check(INT64_MAX);
  INFO("first disagreement at " << first_bad << " ns");
  CHECK(disagreements == 0);
}

TEST_CASE("directory record dates (9.1.5) and volume dates (8.4.26.1)") {
  // 2024-01-02 03:04:05.67 UTC
  int64_t t = 1704164645LL * 1'000'000'000 + 670'000'000;
  std::array<uint8_t, 7> d{};
  put_record_date(d.data(), t);
  CHECK(d == std::array<uint8_t, 7>{124, 1, 2, 3, 4, 5, 0});
  std::array<uint8_t, 17> v{};
  put_volume_date(v.data(), t);
  CHECK(std::string(reinterpret_cast<char*>(v.data()), 16) == "2024010203040567");
  CHECK(v[16] == 0);
  put_volume_date(v.data(), -1);
  CHECK(std::string(reinterpret_cast<char*>(v.data()), 16) == "0000000000000000");
}

TEST_CASE("directory record layout (9.1)") {
  CHECK(record_length(1, 0) == 34);
  CHECK(record_length(12, 0) == 46);   // 33 + 12 + pad byte
  CHECK(record_length(11, 0) == 44);   // 33 + 11, already even
  CHECK(record_length(11, 7) == 52);   // odd system use padded to even
  std::vector<uint8_t> out;
  std::string id = "README.TXT;1";
  append_record(out, {20, 1234, 0, kFlagHidden, id, {}});
  REQUIRE(out.size() == 46);
  CHECK(out[0] == 46);
  CHECK(out[2] == 20);
  CHECK(out[9] == 20);  // big-endian half
  CHECK(out[10] == (1234 & 0xFF));
  CHECK(out[25] == kFlagHidden);
  CHECK(out[28] == 1);  // volume sequence number
  CHECK(out[32] == 12);
  CHECK(std::memcmp(out.data() + 33, id.data(), id.size()) == 0);
  CHECK(system_use_room(1) == 220);
}

TEST_CASE("path tables (9.4): L little-endian, M big-endian, odd identifiers padded") {
  std::string root(1, '\0');
  std::vector<PathTableEntry> e{{root, 20, 1}, {"ABC", 21, 1}};
  auto l = path_table(e, false);
  auto m = path_table(e, true);
  REQUIRE(l.size() == 10 + 12);
  CHECK(l[0] == 1);
  CHECK(l[2] == 20);
  CHECK(l[6] == 1);
  CHECK(l[10] == 3);
  CHECK(l[12] == 21);
  CHECK(std::memcmp(l.data() + 18, "ABC", 3) == 0);
  CHECK(l[21] == 0);  // padding
  CHECK(m[5] == 20);
  CHECK(m[7] == 1);
}

TEST_CASE("primary and Joliet volume descriptors (8.4, Joliet)") {
  std::vector<uint8_t> b(2048);
  VolumeFields v;
  v.volume_space_size = 1000;
  v.path_table_size = 10;
  v.l_path_table = 19;
  v.m_path_table = 20;
  std::string root(1, '\0');
  v.root = {23, 2048, 0, kFlagDirectory, root, {}};
  write_primary(b.data(), v, "VOLUME", "APP");
  CHECK(b[0] == 1);
  CHECK(std::memcmp(b.data() + 1, "CD001", 5) == 0);
  CHECK(std::string(reinterpret_cast<char*>(b.data() + 40), 6) == "VOLUME");
  CHECK(b[46] == ' ');
  CHECK(b[80] == (1000 & 0xFF));
  CHECK(b[140] == 19);
  CHECK(b[151] == 20);
  CHECK(b[156] == 34);
  CHECK(b[881] == 1);
  write_joliet(b.data(), v, u"Vol", u"App");
  CHECK(b[0] == 2);
  CHECK(std::memcmp(b.data() + 88, "%/E", 3) == 0);
  CHECK(b[40] == 0);
  CHECK(b[41] == 'V');
  CHECK(b[46] == 0);
  CHECK(b[47] == ' ');
  write_terminator(b.data());
  CHECK(b[0] == 255);
}
