// The rules the C shims used to carry, called from C++ as the burn engine and
// the front ends call them: command results as errors, pass-through commands,
// ProgressItems, IIsoImageManager::Validate.
#include <cstring>

#include "capi_fixture.hpp"
#include "core/error.hpp"
#include "core/stream.hpp"
#include "device/command_error.hpp"
#include "device/pass_through.hpp"
#include "device/recorder_set.hpp"
#include "emu_fixture.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/layout/progress_items.hpp"
#include "fs/reader/iso_image_manager.hpp"
#include "fs/tree/data_source.hpp"
#include "mmc/commands.hpp"

using imapi::Error;
namespace device = imapi::device;
namespace fs = imapi::fs;

namespace {

template <typename F>
Error thrown(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no imapi::Error was thrown");
  return Error(IMAPI_E_FAIL, "");
}

device::CommandResult check_condition(std::initializer_list<uint8_t> sense) {
  device::CommandResult r;
  r.status = device::scsi_status::kCheckCondition;
  std::copy(sense.begin(), sense.end(), r.sense.begin());
  r.sense_length = static_cast<uint8_t>(sense.size());
  return r;
}

std::shared_ptr<const fs::DataSource> bytes(size_t n) {
  auto data = std::make_shared<const std::vector<uint8_t>>(n, uint8_t{'x'});
  return fs::make_stream_source(std::make_shared<imapi::MemoryStream>(data));
}

}  // namespace

TEST_CASE("command_error: every way a command result becomes an error", "[engine][device]") {
  device::CommandResult good;
  CHECK_NOTHROW(device::check_command(good, "TEST UNIT READY"));

  // 05/24/00 INVALID FIELD IN CDB, fixed format.
  auto e = device::command_error(check_condition({0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x24, 0x00}), "MODE SELECT");
  CHECK(e.detail().sense_key == 0x05);
  CHECK(e.detail().asc == 0x24);
  CHECK(e.detail().ascq == 0x00);
  CHECK_THAT(e.message(), Catch::Contains("MODE SELECT"));

  // RECOVERED ERROR (01/17/01 recovered data with retries): the command completed.
  auto recovered = check_condition({0x70, 0, 0x01, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x17, 0x01});
  CHECK(device::command_completed(recovered));
  CHECK_NOTHROW(device::check_command(recovered, "READ(10)"));

  device::CommandResult no_sense;
  no_sense.status = device::scsi_status::kCheckCondition;
  e = device::command_error(no_sense, "EjectMedia");
  CHECK(e.code() == IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE);
  CHECK_THAT(e.message(), Catch::Contains("EjectMedia") && Catch::Contains("without sense data"));

  device::CommandResult busy;
  busy.status = device::scsi_status::kBusy;
  e = thrown([&] { device::check_command(busy, "CloseTray"); });
  CHECK(e.code() == IMAPI_E_RECORDER_MEDIA_BUSY);
  CHECK_THAT(e.message(), Catch::Contains("CloseTray") && Catch::Contains("SCSI status 8"));
}

TEST_CASE("send_pass_through: CDB, direction, buffer and timeout rules; sense comes back", "[engine][device]") {
  emu_test::DiscDir dir;
  const std::string uri = dir.uri("dvd+rw");
  device::add_emulated_drive(uri);
  auto rec = device::open_recorder(uri);
  const auto inquiry = imapi::mmc::inquiry(96);
  std::vector<uint8_t> buf(96, 0);

  auto reply = device::send_pass_through(
      *rec, {inquiry.bytes().data(), static_cast<int64_t>(inquiry.bytes().size()), IMAPI_COMMAND_FROM_DEVICE,
             buf.data(), static_cast<int64_t>(buf.size()), 0});
  CHECK(reply.status == device::scsi_status::kGood);
  CHECK(!reply.has_sense());
  CHECK(reply.transferred >= 36);
  CHECK(reply.sense.empty());
  CHECK(buf[0] == 0x05);  // peripheral device type: CD/DVD

  const uint8_t cdb5[5] = {};
  CHECK(thrown([&] { device::send_pass_through(*rec, {cdb5, 5, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0}); }).code() ==
        IMAPI_E_INVALIDARG);
  const uint8_t tur[6] = {};
  CHECK(thrown([&] { device::send_pass_through(*rec, {nullptr, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0}); }).code() ==
        IMAPI_E_POINTER);
  CHECK(thrown([&] { device::send_pass_through(*rec, {tur, 6, 3, nullptr, 0, 0}); }).code() == IMAPI_E_INVALIDARG);
  CHECK(thrown([&] { device::send_pass_through(*rec, {tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, -1}); }).code() ==
        IMAPI_E_INVALIDARG);
  CHECK(thrown([&] { device::send_pass_through(*rec, {tur, 6, IMAPI_COMMAND_FROM_DEVICE, nullptr, 0, 0}); }).code() ==
        IMAPI_E_INVALIDARG);
  std::vector<uint8_t> big(65537);
  auto e = thrown([&] {
    device::send_pass_through(*rec, {inquiry.bytes().data(), 6, IMAPI_COMMAND_FROM_DEVICE, big.data(),
                                     static_cast<int64_t>(big.size()), 0});
  });
  CHECK(e.code() == IMAPI_E_INVALIDARG);
  CHECK_THAT(e.message(), Catch::Contains("65536"));
  CHECK(device::pass_through_direction(IMAPI_COMMAND_TO_DEVICE) == device::DataDirection::kToDevice);

  // No medium: TEST UNIT READY answers 02/3A/xx, and the sense (at most 18 bytes) is the reply.
  const auto eject = imapi::mmc::start_stop_unit(false, true);
  REQUIRE_NOTHROW(device::check_command(device::eject(rec->transport()), "EjectMedia"));
  reply = device::send_pass_through(*rec, {tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0});
  CHECK(reply.has_sense());
  REQUIRE(reply.sense.size() >= 14);
  CHECK(reply.sense.size() <= device::kPassThroughSenseBytes);
  CHECK((reply.sense[2] & 0x0F) == 0x02);
  CHECK(reply.sense[12] == 0x3A);

  // A command that changes the drive is refused while another handle holds it.
  auto holder = device::open_recorder(uri);
  holder->acquire_exclusive(false, "holder");
  e = thrown([&] {
    device::send_pass_through(*rec, {eject.bytes().data(), static_cast<int64_t>(eject.bytes().size()),
                                     IMAPI_COMMAND_NO_DATA, nullptr, 0, 0});
  });
  CHECK(e.code() == IMAPI_E_RECORDER_LOCKED);
  CHECK_THAT(e.message(), Catch::Contains("1Bh"));
  CHECK_NOTHROW(device::send_pass_through(*rec, {tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0}));
  holder->release_exclusive();
}

TEST_CASE("progress items: item 0 is the metadata, lookups by block and by description", "[engine][fs]") {
  auto img = fs::FileSystemImage::create();
  img->add_file(img->root(), "a.bin", bytes(5000));
  img->add_file(img->root(), "b.bin", bytes(2048));
  auto layout = img->create_result();
  const auto& l = *layout;
  REQUIRE(fs::progress_item_count(l) == 3);

  auto meta = fs::progress_item(l, 0);
  CHECK(std::string(meta.description) == "metadata");
  CHECK(meta.first_block == 0);
  CHECK(meta.block_count == l.metadata_blocks);
  CHECK(meta.last_block == l.metadata_blocks - 1);
  CHECK(fs::progress_item_by_block(l, 0) == 0);
  CHECK(fs::progress_item_by_block(l, l.metadata_blocks - 1) == 0);
  CHECK(fs::progress_item_by_description(l, "metadata") == 0);

  const int64_t a = fs::progress_item_by_description(l, "/a.bin");
  auto item = fs::progress_item(l, a);
  CHECK(std::string(item.description) == "/a.bin");
  CHECK(item.block_count == 3);
  CHECK(item.last_block == item.first_block + 2);
  CHECK(fs::progress_item_by_block(l, item.first_block) == a);
  CHECK(fs::progress_item_by_block(l, item.last_block) == a);

  CHECK(thrown([&] { fs::progress_item(l, 3); }).code() == IMAPI_E_INVALIDARG);
  CHECK(thrown([&] { fs::progress_item(l, -1); }).code() == IMAPI_E_INVALIDARG);
  CHECK(thrown([&] { fs::progress_item_by_block(l, l.total_blocks + 10); }).code() == IMAPI_E_ITEM_NOT_FOUND);
  CHECK(thrown([&] { fs::progress_item_by_block(l, -1); }).code() == IMAPI_E_ITEM_NOT_FOUND);
  auto e = thrown([&] { fs::progress_item_by_description(l, "/nope"); });
  CHECK(e.code() == IMAPI_E_ITEM_NOT_FOUND);
  CHECK_THAT(e.message(), Catch::Contains("/nope"));
}

TEST_CASE("IsoImageManager: no image, misaligned, a good image by path and by stream", "[engine][fs]") {
  test::TempDir t;
  fs::IsoImageManager m;
  CHECK(thrown([&] { m.validate(); }).code() == IMAPI_E_IMAGEMANAGER_NO_IMAGE);
  CHECK(thrown([&] { m.stream(); }).code() == IMAPI_E_IMAGEMANAGER_NO_IMAGE);

  auto odd = t.write("odd.iso", std::string(2049, '\0'));
  m.set_path(odd.string());
  CHECK(m.path() == odd.string());
  CHECK(thrown([&] { m.validate(); }).code() == IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED);

  auto iso = t.path / "good.iso";
  {
    test::Result r;
    test::Image ci;
    REQUIRE(imapi_fsimage_create(ci.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_create_result_image(ci.get(), r.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_result_write_file(r.get(), iso.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  }
  m.set_path(iso.string());
  CHECK_NOTHROW(m.validate());
  m.set_stream(std::make_shared<imapi::FileStream>(iso.string()));
  CHECK(m.path().empty());
  CHECK_NOTHROW(m.validate());
  m.set_stream(std::make_shared<imapi::ZeroStream>(int64_t{40} * 2048));
  CHECK(thrown([&] { m.validate(); }).code() == IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND);
}
