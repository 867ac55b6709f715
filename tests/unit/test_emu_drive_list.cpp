// IMAPI_EMU_DRIVES has one reader (device/emu/drive_list.hpp) for the library
// and the LD_PRELOAD shim. tests/cli/test_emu_drive_list.sh checks that both
// number a list with empty entries and duplicates alike.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <vector>

#include "device/emu/drive_list.hpp"

using imapi::device::emu::parse_drive_list;
using List = std::vector<std::string>;

TEST_CASE("emu drive list: order kept, empty entries skipped, a URI given twice counts once", "[emu]") {
  CHECK(parse_drive_list("").empty());
  CHECK(parse_drive_list(";;;").empty());
  CHECK(parse_drive_list("emu:bd-r?dir=/a") == List{"emu:bd-r?dir=/a"});
  CHECK(parse_drive_list("emu:bd-r?dir=/a;emu:cd-r?dir=/b;") == List{"emu:bd-r?dir=/a", "emu:cd-r?dir=/b"});
  CHECK(parse_drive_list(";emu:cd-r?dir=/b;;emu:bd-r?dir=/a;emu:cd-r?dir=/b") ==
        List{"emu:cd-r?dir=/b", "emu:bd-r?dir=/a"});
  // Compared as written: the unique ID is the URI exactly.
  CHECK(parse_drive_list("emu:cd-r?dir=/b;emu:cd-r?dir=/b&speed=4").size() == 2);
}

TEST_CASE("emu drive list: read from IMAPI_EMU_DRIVES as it is now", "[emu]") {
  const char* saved = std::getenv("IMAPI_EMU_DRIVES");
  std::string keep = saved ? saved : "";
  ::setenv("IMAPI_EMU_DRIVES", "emu:dvd+r?dir=/x;emu:dvd+r?dir=/x;;emu:bd-re?dir=/y", 1);
  CHECK(imapi::device::emu::drive_list_from_environment() == List{"emu:dvd+r?dir=/x", "emu:bd-re?dir=/y"});
  ::unsetenv("IMAPI_EMU_DRIVES");
  CHECK(imapi::device::emu::drive_list_from_environment().empty());
  if (saved) ::setenv("IMAPI_EMU_DRIVES", keep.c_str(), 1);
}
