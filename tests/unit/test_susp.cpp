#include <catch2/catch.hpp>

#include <string>

#include "fs/rockridge/susp.hpp"

using namespace imapi::fs::rockridge;

namespace {
std::string sig(const EntryList& l, size_t i) {
  return std::string(reinterpret_cast<const char*>(l.data() + l.start_of(i)), 2);
}
const uint8_t* entry(const EntryList& l, size_t i) { return l.data() + l.start_of(i); }
}  // namespace

TEST_CASE("SP, PX (RRIP 1.12, 44 bytes), TF, RE, CL, PL") {
  EntryList l;
  sp(l);
  px(l, 0100644, 1, 1000, 100, 7);
  tf(l, {0, 0, 0});
  re(l);
  cl(l, 42);
  pl(l, 43);
  REQUIRE(l.count() == 6);
  CHECK(sig(l, 0) == "SP");
  CHECK(entry(l, 0)[2] == 7);
  CHECK(entry(l, 0)[4] == 0xBE);
  CHECK(entry(l, 0)[5] == 0xEF);
  CHECK(sig(l, 1) == "PX");
  CHECK(entry(l, 1)[2] == 44);
  CHECK(entry(l, 1)[4] == 0xA4);  // 0100644 little-endian
  CHECK(entry(l, 1)[5] == 0x81);
  CHECK(entry(l, 1)[36] == 7);    // serial number
  CHECK(sig(l, 2) == "TF");
  CHECK(entry(l, 2)[2] == 33);
  CHECK(entry(l, 2)[4] == 0x0F);
  CHECK(sig(l, 3) == "RE");
  CHECK(entry(l, 3)[2] == 4);
  CHECK(entry(l, 4)[4] == 42);
  CHECK(entry(l, 5)[4] == 43);
}

TEST_CASE("ER names IEEE_1282") {
  EntryList l;
  er(l);
  const uint8_t* e = entry(l, 0);
  CHECK(std::string(reinterpret_cast<const char*>(e + 8), e[4]) == "IEEE_1282");
  CHECK(e[2] == 8 + e[4] + e[5] + e[6]);
}

TEST_CASE("NM splits names over 250 bytes with CONTINUE") {
  EntryList l;
  std::string name(300, 'n');
  nm(l, name);
  REQUIRE(l.count() == 2);
  CHECK(entry(l, 0)[2] == 255);
  CHECK(entry(l, 0)[4] == 1);
  CHECK(entry(l, 1)[2] == 5 + 50);
  CHECK(entry(l, 1)[4] == 0);
}

TEST_CASE("SL encodes root, parent, current and split components") {
  EntryList l;
  sl(l, "/a/../b/./c");
  REQUIRE(l.count() == 1);
  const uint8_t* e = entry(l, 0);
  // root(08,0) a(00,1,'a') ..(04,0) b(00,1,'b') .(02,0) c(00,1,'c')
  std::vector<uint8_t> comps(e + 5, e + e[2]);
  CHECK(comps == std::vector<uint8_t>{0x08, 0, 0, 1, 'a', 0x04, 0, 0, 1, 'b', 0x02, 0, 0, 1, 'c'});
  EntryList big;
  sl(big, std::string(600, 'x'));
  REQUIRE(big.count() == 3);
  CHECK(entry(big, 0)[4] == 1);   // SL continues
  CHECK(entry(big, 0)[5] == 1);   // the component continues
  CHECK(entry(big, 2)[4] == 0);
}

TEST_CASE("split_entries keeps what fits inline and chains continuation pieces") {
  EntryList l;
  px(l, 0, 1, 0, 0, 1);
  tf(l, {});
  nm(l, std::string(200, 'a'));
  Split s = split_entries(l, 220);
  CHECK(s.continued());
  CHECK(s.inline_size(l) <= 220);
  CHECK(s.inline_count == 2);
  CHECK(s.piece_size(l, 0) == 205);
  EntryList many;
  for (int i = 0; i < 12; ++i) nm(many, std::string(250, 'z'));  // 12 x 255 bytes: needs chained pieces
  Split t = split_entries(many, 100);
  CHECK(t.piece_ends.size() >= 2);
  for (size_t i = 0; i < t.piece_ends.size(); ++i) CHECK(t.piece_size(many, i) <= 2048);
  EntryList small;
  px(small, 0, 1, 0, 0, 1);
  CHECK_FALSE(split_entries(small, 220).continued());
}
