#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "fs/iso9660/names.hpp"
#include "fs/joliet/names.hpp"

using namespace imapi::fs;

namespace {
std::vector<std::string> iso(std::vector<std::pair<std::string, bool>> in, int level) {
  std::vector<iso9660::NameRequest> req;
  for (auto& [n, d] : in) req.push_back({n, d});
  return iso9660::mangle_names(req, level);
}
}  // namespace

TEST_CASE("ISO 9660 level 1 names are 8.3 d-characters with a version") {
  auto out = iso({{"readme.txt", false}, {"Makefile", false}, {"src", true}, {"archive.tar.gz", false},
                  {".bashrc", false}, {"Документ.pdf", false}, {"a very long directory", true}},
                 1);
  CHECK(out[0] == "README.TXT;1");
  CHECK(out[1] == "MAKEFILE.;1");
  CHECK(out[2] == "SRC");
  CHECK(out[3] == "ARCHIVE_.GZ;1");
  CHECK(out[4] == "_BASHRC.;1");
  CHECK(out[5] == "________.PDF;1");
  CHECK(out[6] == "A_VERY_L");
}

TEST_CASE("ISO 9660 level 2 allows 30 characters of name and extension") {
  auto out = iso({{"a_rather_long_file_name_for_iso.text", false}, {"directory_names_go_to_31_chars_max", true}}, 2);
  CHECK(out[0] == "A_RATHER_LONG_FILE_NAME_FO.TEXT;1");
  CHECK(out[0].size() - 2 == 31);  // 30 characters plus the separator, before ";1"
  CHECK(out[1] == "DIRECTORY_NAMES_GO_TO_31_CHARS_");
  CHECK(out[1].size() == 31);
}

TEST_CASE("ISO 9660 collisions get unique deterministic names, the first keeps its own") {
  auto out = iso({{"File_Long_Name_0001.TXT", false}, {"file_long_name_0001.txt", false}, {"FILE_LONG_NAME_00011.TXT", false}},
                 2);
  CHECK(out[0] == "FILE_LONG_NAME_0001.TXT;1");
  CHECK(out[2] == "FILE_LONG_NAME_00011.TXT;1");
  CHECK(out[1] != out[0]);
  CHECK(out[1] != out[2]);
  CHECK(out == iso({{"File_Long_Name_0001.TXT", false}, {"file_long_name_0001.txt", false}, {"FILE_LONG_NAME_00011.TXT", false}}, 2));
}

TEST_CASE("ISO 9660 mangling of 5000 colliding names stays unique and fast") {
  std::vector<std::pair<std::string, bool>> in;
  for (int i = 0; i < 5000; ++i) in.push_back({"collide" + std::string(static_cast<size_t>(i % 7 + 1), 'x') + "_" + std::to_string(i) + ".dat", false});
  for (int level : {1, 2}) {
    auto out = iso(in, level);
    std::set<std::string> unique(out.begin(), out.end());
    CHECK(unique.size() == out.size());
    for (auto& n : out) {
      auto stem = n.substr(0, n.find(';'));
      auto dot = stem.find('.');
      if (level == 1) {
        CHECK(dot <= 8);
        CHECK(stem.size() - dot - 1 <= 3);
      }
      for (char c : stem) CHECK(((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'));
    }
  }
}

TEST_CASE("ISO 9660: a file and a directory that map to the same name are told apart") {
  auto out = iso({{"data", true}, {"DATA", false}}, 2);
  CHECK(out[0] == "DATA");
  CHECK(out[1] != "DATA.;1");
}

TEST_CASE("Joliet keeps names up to 64 UTF-16 units and shortens longer ones uniquely") {
  std::string long1(100, 'a');
  std::string long2 = long1 + "b";
  std::vector<std::string_view> in{"Привет мир.txt", "a:b?c", long1 + ".txt", long2 + ".txt", "😀 smile.doc"};
  auto keep = std::vector<std::string>{in[0].data(), "a:b?c", long1 + ".txt", long2 + ".txt", "😀 smile.doc"};
  std::vector<std::string_view> views(keep.begin(), keep.end());
  auto out = joliet::mangle_names(views);
  CHECK(imapi::utf8::from_utf16(out[0]) == "Привет мир.txt");
  CHECK(imapi::utf8::from_utf16(out[1]) == "a_b_c");
  CHECK(out[2].size() <= 64);
  CHECK(out[3].size() <= 64);
  CHECK(out[2] != out[3]);
  CHECK(imapi::utf8::from_utf16(out[2]).ends_with(".txt"));
  CHECK(imapi::utf8::from_utf16(out[3]).ends_with(".txt"));
  CHECK(imapi::utf8::from_utf16(out[4]) == "😀 smile.doc");
  CHECK(out[4].size() == 12);  // the emoji is a surrogate pair
}

TEST_CASE("Joliet shortening never splits a surrogate pair") {
  std::string name;
  for (int i = 0; i < 40; ++i) name += "😀";  // 80 UTF-16 units
  std::vector<std::string_view> in{name};
  auto out = joliet::mangle_names(in);
  REQUIRE(out[0].size() <= 64);
  CHECK(!(out[0].back() >= 0xD800 && out[0].back() <= 0xDBFF));
  CHECK(imapi::utf8::is_valid(imapi::utf8::from_utf16(out[0])));
}

TEST_CASE("UTF-8 validation rejects overlong forms, surrogates and truncation") {
  CHECK(imapi::utf8::is_valid("plain"));
  CHECK(imapi::utf8::is_valid("日本語 😀"));
  CHECK_FALSE(imapi::utf8::is_valid("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(imapi::utf8::is_valid("\xED\xA0\x80"));      // surrogate
  CHECK_FALSE(imapi::utf8::is_valid("\xE6\x97"));          // truncated
  CHECK_FALSE(imapi::utf8::is_valid("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("volume identifiers per file system") {
  CHECK(iso9660::volume_identifier("My Disc 2024") == "MY_DISC_2024");
  CHECK(imapi::utf8::from_utf16(joliet::volume_identifier("A label longer than sixteen")) == "A label longer t");
}

TEST_CASE("Joliet names are unique without regard to case, as Windows and Linux compare them") {
  std::vector<std::string_view> in{"File_Long_Name_0001.TXT", "file_long_name_0001.txt", "ÄRGER.txt", "ärger.txt",
                                   "Привет", "привет"};
  auto out = joliet::mangle_names(in);
  CHECK(imapi::utf8::from_utf16(out[0]) == "File_Long_Name_0001.TXT");
  CHECK(imapi::utf8::from_utf16(out[1]) == "file_long_name_0001~1.txt");
  CHECK(imapi::utf8::from_utf16(out[2]) == "ÄRGER.txt");
  CHECK(imapi::utf8::from_utf16(out[3]) == "ärger~1.txt");
  CHECK(imapi::utf8::from_utf16(out[4]) == "Привет");
  CHECK(imapi::utf8::from_utf16(out[5]) == "привет~1");
}
