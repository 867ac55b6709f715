// The recorder C ABI (IDiscMaster2, IDiscRecorder2, IDiscRecorder2Ex) against
// emulated drives added to the process's set.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "capi/handles.hpp"
#include "capi_fixture.hpp"
#include "device/drive_queries.hpp"
#include "emu_fixture.hpp"
#include "mmc/commands.hpp"

namespace {

using Recorder = test::Handle<imapi_recorder, imapi_recorder_free>;

// A blank emulated disc of `media`, added to the process's recorders and opened.
struct EmuRecorder {
  emu_test::DiscDir dir;
  std::string uri;
  Recorder rec;
  explicit EmuRecorder(const std::string& media, const std::string& extra = "") : uri(dir.uri(media, extra)) {
    REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
    REQUIRE(imapi_recorder_open(uri.c_str(), rec.out()) == IMAPI_S_OK);
  }
  imapi_recorder* get() const { return rec.get(); }
};

std::vector<int32_t> list(imapi_status (*f)(imapi_recorder*, int32_t*, int32_t, int32_t*), imapi_recorder* r) {
  int32_t count = 0;
  REQUIRE(f(r, nullptr, 0, &count) == IMAPI_S_OK);
  std::vector<int32_t> v(static_cast<size_t>(count));
  REQUIRE(f(r, v.data(), count, &count) == IMAPI_S_OK);
  return v;
}

bool contains(const std::vector<int32_t>& v, int32_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

imapi_media_info media(imapi_recorder* r) {
  imapi_media_info m{};
  m.struct_size = sizeof m;
  REQUIRE(imapi_recorder_get_media_info(r, &m) == IMAPI_S_OK);
  return m;
}

}  // namespace

TEST_CASE("recorder: disc master enumerates added emulated drives and opens them by unique ID", "[recorder]") {
  EmuRecorder d("bd-r");
  int32_t count = 0;
  REQUIRE(imapi_disc_master_get_count(&count) == IMAPI_S_OK);
  bool found = false;
  for (int32_t i = 0; i < count; ++i) {
    char* id = nullptr;
    REQUIRE(imapi_disc_master_get_unique_id(i, &id) == IMAPI_S_OK);
    found = found || test::owned(id) == d.uri;
  }
  CHECK(found);
  int32_t supported = 0;
  REQUIRE(imapi_disc_master_is_supported_environment(&supported) == IMAPI_S_OK);
  CHECK(supported == 1);
  // Adding twice is a no-op.
  REQUIRE(imapi_disc_master_add_emulated_drive(d.uri.c_str()) == IMAPI_S_OK);
  int32_t again = 0;
  REQUIRE(imapi_disc_master_get_count(&again) == IMAPI_S_OK);
  CHECK(again == count);

  char* s = nullptr;
  REQUIRE(imapi_recorder_get_active_disc_recorder(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == d.uri);
  REQUIRE(imapi_recorder_get_vendor_id(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "IMAPI");
  REQUIRE(imapi_recorder_get_product_id(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "EMULATED DRIVE");
  REQUIRE(imapi_recorder_get_product_revision(d.get(), &s) == IMAPI_S_OK);
  CHECK(!test::owned(s).empty());
  REQUIRE(imapi_recorder_get_volume_name(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == d.dir.path + "/disc.img");
  int32_t paths = -1;
  REQUIRE(imapi_recorder_get_volume_path_name(d.get(), 0, &s, &paths) == IMAPI_S_OK);
  CHECK(paths == 0);
  CHECK(s == nullptr);
  int32_t v = -1;
  REQUIRE(imapi_recorder_get_device_can_load_media(d.get(), &v) == IMAPI_S_OK);
  CHECK(v == 1);
  REQUIRE(imapi_recorder_get_legacy_device_number(d.get(), &v) == IMAPI_S_OK);
  CHECK(v >= 0);
}

TEST_CASE("recorder: features, profiles and mode pages of an emulated BD-R", "[recorder]") {
  EmuRecorder d("bd-r");
  auto profiles = list(imapi_recorder_get_supported_profiles, d.get());
  CHECK(contains(profiles, 0x41));  // BD-R SRM
  CHECK(contains(profiles, 0x1B));  // DVD+R
  CHECK(list(imapi_recorder_get_current_profiles, d.get()) == std::vector<int32_t>{0x41});
  auto features = list(imapi_recorder_get_supported_feature_pages, d.get());
  CHECK(contains(features, 0x0000));
  CHECK(contains(features, 0x0041));  // BD write
  auto current = list(imapi_recorder_get_current_feature_pages, d.get());
  CHECK(current.size() <= features.size());
  CHECK(contains(current, 0x0041));

  std::array<int32_t, 16> pages{};
  int32_t n = 0;
  REQUIRE(imapi_recorder_get_supported_mode_pages(d.get(), IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, pages.data(),
                                                  pages.size(), &n) == IMAPI_S_OK);
  std::vector<int32_t> mode(pages.begin(), pages.begin() + std::min<int32_t>(n, 16));
  CHECK(contains(mode, 0x05));
  CHECK(contains(mode, 0x2A));

  std::array<uint8_t, 300> buf{};
  int64_t size = 0;
  REQUIRE(imapi_recorder_get_feature_page(d.get(), 0x0041, 1, buf.data(), buf.size(), &size) == IMAPI_S_OK);
  REQUIRE(size >= 4);
  CHECK(buf[0] == 0x00);
  CHECK(buf[1] == 0x41);
  CHECK((buf[2] & 1) == 1);  // current
  CHECK(size == 4 + buf[3]);
  // DVD+R is supported but not current with a BD-R inserted.
  CHECK(imapi_recorder_get_feature_page(d.get(), 0x002B, 1, buf.data(), buf.size(), &size) ==
        IMAPI_E_RECORDER_FEATURE_IS_NOT_CURRENT);
  CHECK(imapi_recorder_get_feature_page(d.get(), 0x0123, 0, buf.data(), buf.size(), &size) ==
        IMAPI_E_RECORDER_NO_SUCH_FEATURE);

  REQUIRE(imapi_recorder_get_mode_page(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, buf.data(),
                                       buf.size(), &size) == IMAPI_S_OK);
  REQUIRE(size >= 2);
  CHECK((buf[0] & 0x3F) == 0x05);
  CHECK(size == buf[1] + 2);
  // Back unchanged through SetModePage; test write is refused on BD-R, as real BD writers do.
  std::vector<uint8_t> page(buf.begin(), buf.begin() + size);
  REQUIRE(imapi_recorder_set_mode_page(d.get(), IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, page.data(),
                                       static_cast<int64_t>(page.size())) == IMAPI_S_OK);
  auto raw = page;
  raw[2] |= 0x10;
  CHECK(imapi_recorder_set_mode_page(d.get(), IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, raw.data(),
                                     static_cast<int64_t>(raw.size())) == IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS);
  CHECK(imapi_recorder_get_mode_page(d.get(), 0x1C, 0, buf.data(), buf.size(), &size) ==
        IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE);
  CHECK(imapi_recorder_set_mode_page(d.get(), IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES, page.data(),
                                     static_cast<int64_t>(page.size())) == IMAPI_E_INVALIDARG);
  int32_t x = -1;
  REQUIRE(imapi_recorder_get_byte_alignment_mask(d.get(), &x) == IMAPI_S_OK);
  CHECK(x == 0);
  REQUIRE(imapi_recorder_get_maximum_non_page_aligned_transfer_size(d.get(), &x) == IMAPI_S_OK);
  CHECK(x == 65536);
  REQUIRE(imapi_recorder_get_maximum_page_aligned_transfer_size(d.get(), &x) == IMAPI_S_OK);
  CHECK(x == 65536);
  CHECK(imapi_recorder_disable_mcn(d.get()) == IMAPI_S_OK);
  CHECK(imapi_recorder_enable_mcn(d.get()) == IMAPI_S_OK);
}

namespace {

std::vector<uint8_t> mode_page_of(imapi_recorder* r, int32_t page, int32_t request_type) {
  std::array<uint8_t, 300> buf{};
  int64_t size = 0;
  REQUIRE(imapi_recorder_get_mode_page(r, page, request_type, buf.data(), buf.size(), &size) == IMAPI_S_OK);
  REQUIRE(size >= 2);
  REQUIRE(size == buf[1] + 2);
  return {buf.begin(), buf.begin() + size};
}

}  // namespace

TEST_CASE("recorder: mode pages of every request type, and MODE SELECT through the TO_DEVICE pass-through",
          "[recorder]") {
  EmuRecorder d("dvd-r");
  // Current, changeable and default values exist; the drive saves nothing.
  for (int32_t type : {IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES,
                       IMAPI_MODE_PAGE_REQUEST_TYPE_DEFAULT_VALUES}) {
    INFO("request type " << type);
    auto codes = list([](imapi_recorder* r, int32_t* p, int32_t cap, int32_t* n) {
      return imapi_recorder_get_supported_mode_pages(r, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES, p, cap, n);
    }, d.get());
    int32_t n = 0;
    std::array<int32_t, 16> pages{};
    REQUIRE(imapi_recorder_get_supported_mode_pages(d.get(), type, pages.data(), pages.size(), &n) == IMAPI_S_OK);
    CHECK(std::vector<int32_t>(pages.begin(), pages.begin() + n) == codes);
    CHECK(contains(codes, 0x05));
    CHECK(contains(codes, 0x2A));
    CHECK((mode_page_of(d.get(), 0x05, type)[0] & 0x3F) == 0x05);
    CHECK((mode_page_of(d.get(), 0x2A, type)[0] & 0x3F) == 0x2A);
  }
  // Changeable values: a mask with every field of page 05h settable.
  auto mask = mode_page_of(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES);
  CHECK(mask[2] == 0xFF);
  // Saved values: 05/39/00 (saving parameters not supported) is "no such mode page".
  std::array<uint8_t, 300> buf{};
  int64_t size = 0;
  CHECK(imapi_recorder_get_mode_page(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES, buf.data(), buf.size(),
                                     &size) == IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE);
  const imapi_error* e = imapi_error_last();
  REQUIRE(e != nullptr);
  CHECK(e->sense_key == 0x05);
  CHECK(e->asc == 0x39);
  CHECK(e->ascq == 0x00);
  CHECK(test::last_message().find("saved") != std::string::npos);
  int32_t n = 0;
  CHECK(imapi_recorder_get_supported_mode_pages(d.get(), IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES, nullptr, 0, &n) ==
        IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE);

  // MODE SELECT(10) through the pass-through (SendCommandSendDataToDevice): DVD-R disc-at-once.
  auto page = mode_page_of(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES);
  CHECK((page[2] & 0x0F) == 0);  // incremental, the power-on default
  page[0] &= 0x3F;               // PS is not sent back
  page[2] = static_cast<uint8_t>((page[2] & 0xF0) | 0x02);
  std::vector<uint8_t> parameters(8, 0);  // mode parameter header(10), no block descriptor
  parameters.insert(parameters.end(), page.begin(), page.end());
  const uint8_t mode_select[10] = {0x55, 0x10, 0, 0, 0, 0, 0, 0, static_cast<uint8_t>(parameters.size()), 0};
  int64_t moved = -1;
  REQUIRE(imapi_recorder_send_command(d.get(), mode_select, 10, IMAPI_COMMAND_TO_DEVICE, parameters.data(),
                                      static_cast<int64_t>(parameters.size()), 0, &moved) == IMAPI_S_OK);
  CHECK(moved == static_cast<int64_t>(parameters.size()));
  // MODE SENSE shows the new current value; the default is still incremental.
  CHECK((mode_page_of(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES)[2] & 0x0F) == 2);
  CHECK((mode_page_of(d.get(), 0x05, IMAPI_MODE_PAGE_REQUEST_TYPE_DEFAULT_VALUES)[2] & 0x0F) == 0);
  // ... and so does a MODE SENSE(10) through the FROM_DEVICE pass-through.
  const uint8_t mode_sense[10] = {0x5A, 0x08, 0x05, 0, 0, 0, 0, 0x01, 0x00, 0};
  std::array<uint8_t, 256> reply{};
  REQUIRE(imapi_recorder_send_command(d.get(), mode_sense, 10, IMAPI_COMMAND_FROM_DEVICE, reply.data(), reply.size(),
                                      0, &moved) == IMAPI_S_OK);
  REQUIRE(moved >= 8 + 3);
  CHECK((reply[8] & 0x3F) == 0x05);
  CHECK((reply[10] & 0x0F) == 2);
}

TEST_CASE("recorder: SendDvdStructure sets a DVD+R DL layer boundary that READ DISC STRUCTURE 20h reflects",
          "[recorder]") {
  EmuRecorder d("dvd+r-dl");
  auto structure = [&](int32_t format) {
    std::array<uint8_t, 2052> buf{};
    int64_t size = 0;
    REQUIRE(imapi_recorder_read_dvd_structure(d.get(), format, 0, 0, 0, buf.data(), buf.size(), &size) == IMAPI_S_OK);
    return std::vector<uint8_t>(buf.begin(), buf.begin() + std::min<int64_t>(size, 2052));
  };
  auto be32 = [](const std::vector<uint8_t>& b, size_t at) {
    return uint32_t{b[at]} << 24 | uint32_t{b[at + 1]} << 16 | uint32_t{b[at + 2]} << 8 | b[at + 3];
  };
  auto before = structure(0x20);
  REQUIRE(before.size() == 12);
  CHECK(be32(before, 8) == 4'173'824 / 2);
  CHECK((before[4] & 0x80) == 0);  // not yet fixed by recording
  // A shorter layer 0 (in whole ECC blocks): 2,000,000 blocks on each layer.
  const uint8_t lbi[12] = {0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0x00, 0x1E, 0x84, 0x80};  // 2,000,000
  REQUIRE(imapi_recorder_send_dvd_structure(d.get(), 0x20, lbi, sizeof lbi) == IMAPI_S_OK);
  auto after = structure(0x20);
  CHECK(be32(after, 8) == 2'000'000);
  // The physical format information's end of layer 0 and the capacity follow.
  auto pfi = structure(0x00);
  CHECK(be32(pfi, 16) == 0x030000 + 2'000'000 - 1);
  auto m = media(d.get());
  CHECK(m.total_sectors == 4'000'000);
  CHECK(m.free_sectors == 4'000'000);
  // Not a whole number of ECC blocks, or past the middle of the disc: refused.
  const uint8_t odd[12] = {0x00, 0x0A, 0, 0, 0, 0, 0, 0, 0x00, 0x1E, 0x84, 0x81};
  CHECK(IMAPI_FAILED(imapi_recorder_send_dvd_structure(d.get(), 0x20, odd, sizeof odd)));
  CHECK(imapi_error_last()->asc == 0x26);
  // Once recording has started the boundary is fixed: 05/2C/00.
  std::vector<uint8_t> block(16 * 2048, 0x42);
  const uint8_t write10[10] = {0x2A, 0, 0, 0, 0, 0, 0, 0, 16, 0};
  REQUIRE(imapi_recorder_send_command(d.get(), write10, 10, IMAPI_COMMAND_TO_DEVICE, block.data(),
                                      static_cast<int64_t>(block.size()), 0, nullptr) == IMAPI_S_OK);
  CHECK((structure(0x20)[4] & 0x80) != 0);
  CHECK(IMAPI_FAILED(imapi_recorder_send_dvd_structure(d.get(), 0x20, lbi, sizeof lbi)));
  CHECK(imapi_error_last()->sense_key == 0x05);
  CHECK(imapi_error_last()->asc == 0x2C);
  CHECK(be32(structure(0x20), 8) == 2'000'000);
  // Single-layer DVD+R has no layer boundary to set.
  EmuRecorder single("dvd+r");
  CHECK(imapi_recorder_send_dvd_structure(single.get(), 0x20, lbi, sizeof lbi) ==
        IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT);
}

namespace {

uint32_t le32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
}

std::string c_string_at(const std::vector<uint8_t>& b, uint32_t offset) {
  REQUIRE(offset < b.size());
  return std::string(reinterpret_cast<const char*>(b.data()) + offset);
}

std::vector<uint8_t> blob(imapi_status (*f)(imapi_recorder*, void*, int64_t, int64_t*), imapi_recorder* r) {
  int64_t size = -1;
  REQUIRE(f(r, nullptr, 0, &size) == IMAPI_S_OK);
  std::vector<uint8_t> b(static_cast<size_t>(size));
  REQUIRE(f(r, b.data(), size, &size) == IMAPI_S_OK);
  REQUIRE(static_cast<size_t>(size) == b.size());
  return b;
}

}  // namespace

TEST_CASE("recorder: adapter and device descriptors of an emulated drive, in Windows' layout", "[recorder]") {
  EmuRecorder d("bd-re");
  auto a = blob(imapi_recorder_get_adapter_descriptor, d.get());
  REQUIRE(a.size() == 32);
  CHECK(le32(a, 0) == 32);     // Version
  CHECK(le32(a, 4) == 32);     // Size
  CHECK(le32(a, 8) == 65536);  // MaximumTransferLength
  CHECK(le32(a, 12) == 17);    // MaximumPhysicalPages
  CHECK(le32(a, 16) == 0);     // AlignmentMask
  CHECK(a[24] == IMAPI_STORAGE_BUS_TYPE_FILE_BACKED_VIRTUAL);
  // The IDiscRecorder2Ex limits are the descriptor's.
  int32_t x = -1;
  REQUIRE(imapi_recorder_get_byte_alignment_mask(d.get(), &x) == IMAPI_S_OK);
  CHECK(static_cast<uint32_t>(x) == le32(a, 16));
  REQUIRE(imapi_recorder_get_maximum_page_aligned_transfer_size(d.get(), &x) == IMAPI_S_OK);
  CHECK(static_cast<uint32_t>(x) == std::min(le32(a, 8), le32(a, 12) * 4096));
  REQUIRE(imapi_recorder_get_maximum_non_page_aligned_transfer_size(d.get(), &x) == IMAPI_S_OK);
  CHECK(static_cast<uint32_t>(x) == std::min(le32(a, 8), (le32(a, 12) - 1) * 4096));

  auto v = blob(imapi_recorder_get_device_descriptor, d.get());
  CHECK(le32(v, 0) == 40);  // Version = sizeof(STORAGE_DEVICE_DESCRIPTOR)
  CHECK(le32(v, 4) == v.size());
  CHECK(v[8] == 0x05);  // DeviceType
  CHECK(v[10] == 1);    // RemovableMedia (INQUIRY's RMB)
  CHECK(v[11] == 0);    // CommandQueueing
  CHECK(le32(v, 28) == IMAPI_STORAGE_BUS_TYPE_FILE_BACKED_VIRTUAL);
  REQUIRE(le32(v, 32) == 36);  // the standard INQUIRY data follows at 36
  CHECK(v[36] == 0x05);
  CHECK(c_string_at(v, le32(v, 12)) == "IMAPI   ");
  CHECK(c_string_at(v, le32(v, 16)) == "EMULATED DRIVE  ");
  CHECK(c_string_at(v, le32(v, 20)) == "1.00");
  CHECK(c_string_at(v, le32(v, 24)) == "EMU00001");  // VPD page 80h
  CHECK(le32(v, 12) == 36 + 36);
  CHECK(v.size() == 36 + 36 + 9 + 17 + 5 + 9);
  // The same strings as VendorId/ProductId, untrimmed.
  char* s = nullptr;
  REQUIRE(imapi_recorder_get_product_id(d.get(), &s) == IMAPI_S_OK);
  CHECK(c_string_at(v, le32(v, 16)).rfind(test::owned(s), 0) == 0);

  // A short buffer gets the first bytes and the whole size.
  std::array<uint8_t, 8> head{};
  int64_t size = 0;
  REQUIRE(imapi_recorder_get_device_descriptor(d.get(), head.data(), head.size(), &size) == IMAPI_S_OK);
  CHECK(size == static_cast<int64_t>(v.size()));
  CHECK(std::equal(head.begin(), head.end(), v.begin()));
  CHECK(imapi_recorder_get_adapter_descriptor(d.get(), nullptr, 4, &size) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_get_adapter_descriptor(d.get(), head.data(), -1, &size) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_get_device_descriptor(d.get(), head.data(), head.size(), nullptr) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_get_adapter_descriptor(nullptr, nullptr, 0, &size) == IMAPI_E_INVALID_HANDLE);

  // Pass-through buffers are held to the same limit.
  const uint8_t read10[10] = {0x28};
  std::vector<uint8_t> big(65536 + 1);
  CHECK(imapi_recorder_send_command(d.get(), read10, 10, IMAPI_COMMAND_FROM_DEVICE, big.data(),
                                    static_cast<int64_t>(big.size()), 0, nullptr) == IMAPI_E_INVALIDARG);
  CHECK(test::last_message().find("65536") != std::string::npos);
}

TEST_CASE("recorder: media info, disc and track information of blank and read-only discs", "[recorder]") {
  EmuRecorder bd("bd-r");
  auto m = media(bd.get());
  CHECK(m.present == 1);
  CHECK(m.physical_type == IMAPI_MEDIA_TYPE_BDR);
  CHECK(m.state == IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK);
  CHECK(m.sessions == 0);
  CHECK(m.write_protect == 0);
  CHECK(m.next_writable_address == 0);
  CHECK(m.free_sectors == 12219392);
  CHECK(m.total_sectors == 12219392);

  std::array<uint8_t, 64> buf{};
  int64_t size = 0;
  REQUIRE(imapi_recorder_get_disc_information(bd.get(), nullptr, 0, &size) == IMAPI_S_OK);
  CHECK(size >= 34);
  REQUIRE(imapi_recorder_get_disc_information(bd.get(), buf.data(), buf.size(), &size) == IMAPI_S_OK);
  CHECK((buf[2] & 0x03) == 0);  // disc status: empty
  REQUIRE(imapi_recorder_get_track_information(bd.get(), 255, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, buf.data(),
                                               buf.size(), &size) == IMAPI_S_OK);
  CHECK(size >= 28);
  CHECK((buf[6] & 0x40) == 0x40);  // blank
  CHECK(imapi_recorder_get_track_information(bd.get(), 1, 7, buf.data(), buf.size(), &size) == IMAPI_E_INVALIDARG);

  EmuRecorder rw("dvd+rw");
  auto r = media(rw.get());
  CHECK(r.physical_type == IMAPI_MEDIA_TYPE_DVDPLUSRW);
  CHECK((r.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) != 0);
  CHECK(r.free_sectors == r.total_sectors);
  CHECK(r.total_sectors == 2295104);
}

TEST_CASE("recorder: capacities of blank CD-R/RW, DVD-R/RW and DVD-RAM", "[recorder]") {
  struct Want {
    const char* media;
    int32_t type;
    int64_t sectors;
    bool overwritable;
  };
  // 80-minute CD (lead-out at 79:59:74, less the pregap), 4.7 GB DVD-R/-RW, 4.7 GB DVD-RAM
  // formatted with its default spare areas (docs/emulated-drive.md's table).
  for (const Want& w : {Want{"cd-r", IMAPI_MEDIA_TYPE_CDR, 359'849, false}, Want{"cd-rw", IMAPI_MEDIA_TYPE_CDRW, 359'849, false},
                        Want{"dvd-r", IMAPI_MEDIA_TYPE_DVDDASHR, 2'298'496, false},
                        Want{"dvd-rw", IMAPI_MEDIA_TYPE_DVDDASHRW, 2'298'496, false},
                        Want{"dvd-ram", IMAPI_MEDIA_TYPE_DVDRAM, 2'236'704, true}}) {
    INFO(w.media);
    EmuRecorder d(w.media);
    auto m = media(d.get());
    CHECK(m.present == 1);
    CHECK(m.physical_type == w.type);
    CHECK(m.total_sectors == w.sectors);
    CHECK(m.free_sectors == w.sectors);
    CHECK(m.next_writable_address == 0);
    CHECK(m.write_protect == 0);
    if (w.overwritable) {
      CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) != 0);
      CHECK(m.sessions == 1);
    } else {
      CHECK(m.state == IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK);
      CHECK(m.sessions == 0);
    }
  }
}

TEST_CASE("recorder: pressed CD-ROM and BD-ROM discs read as closed, read-only and readable", "[recorder]") {
  struct Want {
    const char* media;
    int32_t type;
    int32_t profile;
  };
  for (const Want& w : {Want{"cd-rom", IMAPI_MEDIA_TYPE_CDROM, 0x08}, Want{"bd-rom", IMAPI_MEDIA_TYPE_BDROM, 0x40}}) {
    INFO(w.media);
    emu_test::DiscDir dir;
    const auto content = emu_test::pattern(300, 9);  // the pressed data: 300 blocks
    {
      std::FILE* f = std::fopen((dir.path + "/disc.img").c_str(), "wb");
      REQUIRE(f);
      REQUIRE(std::fwrite(content.data(), 1, content.size(), f) == content.size());
      std::fclose(f);
    }
    const std::string uri = dir.uri(w.media);
    REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
    Recorder r;
    REQUIRE(imapi_recorder_open(uri.c_str(), r.out()) == IMAPI_S_OK);
    auto m = media(r.get());
    CHECK(m.present == 1);
    CHECK(m.profile == w.profile);
    CHECK(m.physical_type == w.type);
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED) != 0);
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED) != 0);
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MEDIA) == 0);
    CHECK((m.write_protect & IMAPI_WRITEPROTECTED_READ_ONLY_MEDIA) != 0);
    CHECK(m.total_sectors == 300);
    CHECK(m.free_sectors == 0);
    CHECK(m.sessions == 1);
    CHECK(list(imapi_recorder_get_current_profiles, r.get()) == std::vector<int32_t>{w.profile});
    // The pressed data reads back through the drive: READ(10) of blocks 100-109.
    const uint8_t read10[10] = {0x28, 0, 0, 0, 0, 100, 0, 0, 10, 0};
    std::vector<uint8_t> got(10 * 2048);
    int64_t moved = 0;
    REQUIRE(imapi_recorder_send_command(r.get(), read10, 10, IMAPI_COMMAND_FROM_DEVICE, got.data(),
                                        static_cast<int64_t>(got.size()), 0, &moved) == IMAPI_S_OK);
    CHECK(moved == 10 * 2048);
    CHECK(std::equal(got.begin(), got.end(), content.begin() + 100 * 2048));
    // Disc information: complete, one session holding one track; the TOC's lead-out at 300.
    std::array<uint8_t, 64> buf{};
    int64_t size = 0;
    REQUIRE(imapi_recorder_get_disc_information(r.get(), buf.data(), buf.size(), &size) == IMAPI_S_OK);
    CHECK((buf[2] & 0x03) == 2);  // disc status: complete
    const uint8_t toc[10] = {0x43, 0, 0, 0, 0, 0, 1, 0, 64, 0};
    REQUIRE(imapi_recorder_send_command(r.get(), toc, 10, IMAPI_COMMAND_FROM_DEVICE, buf.data(), 64, 0, &moved) ==
            IMAPI_S_OK);
    REQUIRE(moved == 4 + 2 * 8);
    CHECK(buf[2] == 1);
    CHECK(buf[3] == 1);
    CHECK(buf[4 + 8 + 2] == 0xAA);
    CHECK((uint32_t{buf[4 + 8 + 6]} << 8 | buf[4 + 8 + 7]) == 300);
    // Writing is refused: 07/27/00.
    const uint8_t write10[10] = {0x2A, 0, 0, 0, 0, 0, 0, 0, 1, 0};
    REQUIRE(imapi_recorder_send_command(r.get(), write10, 10, IMAPI_COMMAND_TO_DEVICE, got.data(), 2048, 0, nullptr) ==
            IMAPI_S_COMMAND_HAS_SENSE_DATA);
    std::array<uint8_t, 18> sense{};
    REQUIRE(imapi_recorder_get_last_sense(r.get(), sense.data(), sense.size(), &size) == IMAPI_S_OK);
    CHECK((sense[2] & 0x0F) == 0x07);
    CHECK(sense[12] == 0x27);
  }
}

TEST_CASE("recorder: a write-protected medium in the emulated drive reads as software write-protected", "[recorder]") {
  // The emulator sets the MODE SENSE header's WP bit for wp=1, which IMAPI reports this way.
  EmuRecorder wp("dvd+r", "wp=1");
  auto m = media(wp.get());
  CHECK(m.write_protect == IMAPI_WRITEPROTECTED_BY_SOFTWARE_WRITE_PROTECT);
  CHECK(m.state == (IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK | IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED));
  EmuRecorder plain("dvd+r");
  CHECK(media(plain.get()).write_protect == 0);
}

TEST_CASE("recorder: raw CDB pass-through with sense, eject and close tray", "[recorder]") {
  EmuRecorder d("dvd+r");
  const uint8_t inquiry[6] = {0x12, 0, 0, 0, 36, 0};
  std::array<uint8_t, 36> data{};
  int64_t moved = 0;
  REQUIRE(imapi_recorder_send_command(d.get(), inquiry, 6, IMAPI_COMMAND_FROM_DEVICE, data.data(), data.size(), 0,
                                      &moved) == IMAPI_S_OK);
  CHECK(moved == 36);
  CHECK(data[0] == 0x05);
  const uint8_t tur[6] = {};
  REQUIRE(imapi_recorder_send_command(d.get(), tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 5, nullptr) == IMAPI_S_OK);
  // An unknown opcode: delivered, answered with 05/20/00.
  const uint8_t bogus[10] = {0xFF};
  REQUIRE(imapi_recorder_send_command(d.get(), bogus, 10, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr) ==
          IMAPI_S_COMMAND_HAS_SENSE_DATA);
  std::array<uint8_t, 32> sense{};
  int64_t n = 0;
  REQUIRE(imapi_recorder_get_last_sense(d.get(), sense.data(), sense.size(), &n) == IMAPI_S_OK);
  REQUIRE(n >= 14);
  CHECK((sense[2] & 0x0F) == 0x05);
  CHECK(sense[12] == 0x20);
  // Bad arguments.
  CHECK(imapi_recorder_send_command(d.get(), tur, 5, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_send_command(d.get(), tur, 6, 3, nullptr, 0, 0, nullptr) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_send_command(d.get(), inquiry, 6, IMAPI_COMMAND_FROM_DEVICE, nullptr, 0, 0, nullptr) ==
        IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_send_command(d.get(), nullptr, 6, 0, nullptr, 0, 0, nullptr) == IMAPI_E_POINTER);

  REQUIRE(imapi_recorder_eject_media(d.get()) == IMAPI_S_OK);
  CHECK(media(d.get()).present == 0);
  int32_t count = -1;
  REQUIRE(imapi_recorder_get_current_profiles(d.get(), nullptr, 0, &count) == IMAPI_S_OK);
  CHECK(count == 0);
  REQUIRE(imapi_recorder_close_tray(d.get()) == IMAPI_S_OK);
  auto m = media(d.get());
  CHECK(m.present == 1);
  CHECK(m.physical_type == IMAPI_MEDIA_TYPE_DVDPLUSR);
}

TEST_CASE("recorder: a drive becoming ready is waited for, pass-through sees its NOT READY", "[recorder]") {
  {
    // Three commands are answered 02/04/01 after loading: the queries retry past them.
    EmuRecorder d("dvd+r", "not_ready=3");
    auto m = media(d.get());
    CHECK(m.present == 1);
    CHECK(m.physical_type == IMAPI_MEDIA_TYPE_DVDPLUSR);
    CHECK((m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) != 0);
  }
  {
    EmuRecorder d("cd-r", "not_ready=2");
    std::array<uint8_t, 64> buf{};
    int64_t size = 0;
    REQUIRE(imapi_recorder_get_disc_information(d.get(), buf.data(), buf.size(), &size) == IMAPI_S_OK);
    CHECK(size >= 34);
  }
  {
    // Pass-through: delivered once, the caller gets the sense and retries itself.
    EmuRecorder d("dvd+r", "not_ready=1");
    const uint8_t tur[6] = {};
    REQUIRE(imapi_recorder_send_command(d.get(), tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr) ==
            IMAPI_S_COMMAND_HAS_SENSE_DATA);
    std::array<uint8_t, 18> sense{};
    int64_t n = 0;
    REQUIRE(imapi_recorder_get_last_sense(d.get(), sense.data(), sense.size(), &n) == IMAPI_S_OK);
    CHECK((sense[2] & 0x0F) == 0x02);
    CHECK(sense[12] == 0x04);
    CHECK(sense[13] == 0x01);
    REQUIRE(imapi_recorder_send_command(d.get(), tur, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr) == IMAPI_S_OK);
  }
}

TEST_CASE("recorder: exclusive access between two handles, counted, with the owner's name", "[recorder]") {
  EmuRecorder d("cd-r");
  Recorder other;
  REQUIRE(imapi_recorder_open(d.uri.c_str(), other.out()) == IMAPI_S_OK);
  char* s = nullptr;
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s).empty());
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 0, "burner one") == IMAPI_S_OK);
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 0, "burner one") == IMAPI_S_OK);
  REQUIRE(imapi_recorder_get_exclusive_access_owner(other.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "burner one");
  CHECK(imapi_recorder_acquire_exclusive_access(other.get(), 1, "burner-two") == IMAPI_E_RECORDER_LOCKED);
  CHECK(test::last_message().find("burner one") != std::string::npos);
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
  CHECK(imapi_recorder_acquire_exclusive_access(other.get(), 0, "burner-two") == IMAPI_E_RECORDER_LOCKED);
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
  REQUIRE(imapi_recorder_acquire_exclusive_access(other.get(), 0, "burner-two") == IMAPI_S_OK);
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "burner-two");
  CHECK(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_E_FAIL);
  CHECK(imapi_recorder_acquire_exclusive_access(d.get(), 0, "") == IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID);
  CHECK(imapi_recorder_acquire_exclusive_access(d.get(), 0, "a/b") == IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID);
  CHECK(imapi_recorder_acquire_exclusive_access(d.get(), 1, "forced") == IMAPI_E_RECORDER_LOCKED);  // not from a holder
  // Freeing the holder frees the drive.
  other.~Recorder();
  new (&other) Recorder();
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s).empty());
  // Nothing mounts an emulated disc, so force has nothing to unmount: a plain acquire.
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 1, "forced") == IMAPI_S_OK);
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "forced");
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
}

namespace {

// What a recorder that does not hold the drive may and may not do while `holder` holds it.
// Returns the number of refusals that named `holder` (every state change must be refused).
int refused_naming(imapi_recorder* r, const std::string& holder) {
  int named = 0;
  auto refused = [&](imapi_status st) {
    if (st == IMAPI_E_RECORDER_LOCKED && test::last_message().find("'" + holder + "'") != std::string::npos) ++named;
  };
  refused(imapi_recorder_eject_media(r));
  refused(imapi_recorder_close_tray(r));
  const uint8_t page05[] = {0x05, 0x32, 0x41, 0x01, 0x04, 0x08};  // cut short: refused before it is looked at
  std::vector<uint8_t> page(page05, page05 + sizeof page05);
  page.resize(0x34, 0);
  refused(imapi_recorder_set_mode_page(r, 0, page.data(), static_cast<int64_t>(page.size())));
  const uint8_t lbi[12] = {0x00, 0x0A};
  refused(imapi_recorder_send_dvd_structure(r, 0x20, lbi, sizeof lbi));
  std::vector<uint8_t> block(2048, 0x5A);
  const uint8_t write10[10] = {0x2A, 0, 0, 0, 0, 0, 0, 0, 1, 0};
  refused(imapi_recorder_send_command(r, write10, 10, IMAPI_COMMAND_TO_DEVICE, block.data(), 2048, 0, nullptr));
  const uint8_t eject_cdb[6] = {0x1B, 0, 0, 0, 0x02, 0};
  refused(imapi_recorder_send_command(r, eject_cdb, 6, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr));
  const uint8_t mode_select[10] = {0x55, 0x10, 0, 0, 0, 0, 0, 0, 8, 0};
  std::vector<uint8_t> header(8, 0);
  refused(imapi_recorder_send_command(r, mode_select, 10, IMAPI_COMMAND_TO_DEVICE, header.data(), 8, 0, nullptr));
  return named;
}

// Reads and queries still work for a non-holder.
void queries_work(imapi_recorder* r) {
  imapi_media_info m{};
  m.struct_size = sizeof m;
  CHECK(imapi_recorder_get_media_info(r, &m) == IMAPI_S_OK);
  CHECK(m.present == 1);
  std::array<uint8_t, 256> buf{};
  int64_t size = 0;
  CHECK(imapi_recorder_get_disc_information(r, buf.data(), buf.size(), &size) == IMAPI_S_OK);
  CHECK(imapi_recorder_get_track_information(r, 1, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, buf.data(), buf.size(), &size) ==
        IMAPI_S_OK);
  CHECK(imapi_recorder_get_mode_page(r, 0x2A, 0, buf.data(), buf.size(), &size) == IMAPI_S_OK);
  const uint8_t inquiry[6] = {0x12, 0, 0, 0, 36, 0};
  CHECK(imapi_recorder_send_command(r, inquiry, 6, IMAPI_COMMAND_FROM_DEVICE, buf.data(), 36, 0, nullptr) == IMAPI_S_OK);
  const uint8_t read10[10] = {0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0};
  std::vector<uint8_t> block(2048);
  CHECK(imapi_recorder_send_command(r, read10, 10, IMAPI_COMMAND_FROM_DEVICE, block.data(), 2048, 0, nullptr) ==
        IMAPI_S_OK);
  CHECK(block[0] == 0x11);
}

}  // namespace

TEST_CASE("recorder: while another handle holds the drive, state changes are refused naming it, queries are not",
          "[recorder]") {
  EmuRecorder d("dvd+r");
  // One block recorded, for the READ below.
  std::vector<uint8_t> block(2048, 0x11);
  const uint8_t write10[10] = {0x2A, 0, 0, 0, 0, 0, 0, 0, 1, 0};
  REQUIRE(imapi_recorder_send_command(d.get(), write10, 10, IMAPI_COMMAND_TO_DEVICE, block.data(), 2048, 0, nullptr) ==
          IMAPI_S_OK);
  Recorder other;
  REQUIRE(imapi_recorder_open(d.uri.c_str(), other.out()) == IMAPI_S_OK);
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 0, "holder A") == IMAPI_S_OK);
  CHECK(refused_naming(other.get(), "holder A") == 7);
  queries_work(other.get());
  // The holder itself may do all of it.
  const uint8_t sync[10] = {0x35};
  CHECK(imapi_recorder_send_command(d.get(), sync, 10, IMAPI_COMMAND_NO_DATA, nullptr, 0, 0, nullptr) == IMAPI_S_OK);
  REQUIRE(imapi_recorder_eject_media(d.get()) == IMAPI_S_OK);
  REQUIRE(imapi_recorder_close_tray(d.get()) == IMAPI_S_OK);
  // Released: the other handle may change the drive again.
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
  CHECK(imapi_recorder_eject_media(other.get()) == IMAPI_S_OK);
  CHECK(imapi_recorder_close_tray(other.get()) == IMAPI_S_OK);
}

TEST_CASE("recorder: while another process holds the drive, its state changes are refused naming it", "[recorder]") {
  EmuRecorder d("dvd+r");
  std::vector<uint8_t> block(2048, 0x11);
  const uint8_t write10[10] = {0x2A, 0, 0, 0, 0, 0, 0, 0, 1, 0};
  REQUIRE(imapi_recorder_send_command(d.get(), write10, 10, IMAPI_COMMAND_TO_DEVICE, block.data(), 2048, 0, nullptr) ==
          IMAPI_S_OK);
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 0, "parent burner") == IMAPI_S_OK);
  int result[2];
  REQUIRE(::pipe(result) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    imapi_recorder* r = nullptr;
    char named = 0;
    if (imapi_recorder_open(d.uri.c_str(), &r) == IMAPI_S_OK) {
      named = static_cast<char>(refused_naming(r, "parent burner"));
      // A query from the other process still works.
      imapi_media_info m{};
      m.struct_size = sizeof m;
      if (imapi_recorder_get_media_info(r, &m) != IMAPI_S_OK || m.present != 1) named = -1;
      imapi_recorder_free(r);
    }
    (void)!::write(result[1], &named, 1);
    ::_exit(0);
  }
  char named = 0;
  REQUIRE(::read(result[0], &named, 1) == 1);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  ::close(result[0]);
  ::close(result[1]);
  CHECK(named == 7);
  // Nothing the child tried happened: the disc is still in, and still holds one block.
  auto m = media(d.get());
  CHECK(m.present == 1);
  CHECK(m.next_writable_address == 1);
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
}

TEST_CASE("recorder: bad unique IDs, URIs, NULLs, freed and wrong-type handles are errors", "[recorder]") {
  imapi_recorder* r = nullptr;
  CHECK(imapi_recorder_open("linux-scsi:no/such/drive", &r) == IMAPI_E_INVALIDARG);
  CHECK(r == nullptr);
  CHECK(test::last_message().find("imapi_disc_master_get_unique_id") != std::string::npos);
  CHECK(imapi_recorder_open(nullptr, &r) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_open("x", nullptr) == IMAPI_E_POINTER);
  CHECK(imapi_disc_master_add_emulated_drive("emu:floppy?dir=/tmp") == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_master_add_emulated_drive("emu:bd-r") == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_master_add_emulated_drive(nullptr) == IMAPI_E_POINTER);
  char* s = nullptr;
  CHECK(imapi_disc_master_get_unique_id(-1, &s) == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_master_get_unique_id(1 << 30, &s) == IMAPI_E_INVALIDARG);
  CHECK(imapi_disc_master_get_count(nullptr) == IMAPI_E_POINTER);

  CHECK(imapi_recorder_get_vendor_id(nullptr, &s) == IMAPI_E_INVALID_HANDLE);
  test::Image image;
  REQUIRE(imapi_fsimage_create(image.out()) == IMAPI_S_OK);
  CHECK(imapi_recorder_eject_media(reinterpret_cast<imapi_recorder*>(image.get())) == IMAPI_E_INVALID_HANDLE);

  auto* freed = [] {
    EmuRecorder d("dvd-r");
    return d.rec.release();
  }();
  imapi_recorder_free(freed);
  CHECK(imapi_recorder_get_product_id(freed, &s) == IMAPI_E_INVALID_HANDLE);
  imapi_recorder_free(freed);  // twice: harmless

  EmuRecorder d("dvd-r");
  imapi_media_info m{};
  m.struct_size = 4;
  CHECK(imapi_recorder_get_media_info(d.get(), &m) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_get_media_info(d.get(), nullptr) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_get_supported_profiles(d.get(), nullptr, 4, &m.present) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_get_disc_information(d.get(), nullptr, -1, &m.total_sectors) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_get_mode_page(d.get(), 0x3F, 0, nullptr, 0, &m.total_sectors) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_get_mode_page(d.get(), 0x05, 9, nullptr, 0, &m.total_sectors) == IMAPI_E_INVALIDARG);
  const uint8_t bad_page[3] = {0x05, 0x05, 0x00};
  CHECK(imapi_recorder_set_mode_page(d.get(), 0, bad_page, 3) == IMAPI_E_INVALIDARG);
}

TEST_CASE("recorder: device errors carry the sense in imapi_error_last", "[recorder]") {
  EmuRecorder d("dvd+r");
  REQUIRE(imapi_recorder_eject_media(d.get()) == IMAPI_S_OK);
  std::array<uint8_t, 64> buf{};
  int64_t size = 0;
  CHECK(imapi_recorder_get_disc_information(d.get(), buf.data(), buf.size(), &size) == IMAPI_E_RECORDER_MEDIA_NO_MEDIA);
  const imapi_error* e = imapi_error_last();
  REQUIRE(e != nullptr);
  CHECK(e->sense_key == 2);
  CHECK(e->asc == 0x3A);
  CHECK(e->ascq == 0x00);
  CHECK(e->lba == -1);  // no INFORMATION field in this sense
  CHECK(e->os_error == 0);
  REQUIRE(imapi_recorder_close_tray(d.get()) == IMAPI_S_OK);
  // A track number that does not exist: 05/24/00, no LBA.
  CHECK(IMAPI_FAILED(imapi_recorder_get_track_information(d.get(), 7, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK, buf.data(),
                                                          buf.size(), &size)));
  e = imapi_error_last();
  CHECK(e->sense_key == 5);
  CHECK(e->asc == 0x24);
  CHECK(e->ascq == 0x00);
  CHECK(e->lba == -1);
  // Sense with INFORMATION: a READ of an unrecorded block (05/21/00 at LBA 500) through the
  // library's command path, failing into the thread's last error as every C ABI call does.
  auto drive = imapi::device::emu::EmulatedDrive::open_uri(d.uri);
  std::vector<uint8_t> block(2048);
  const imapi_status st = imapi::capi::guard([&] {
    imapi::device::run_command(drive, imapi::mmc::read10(500, 1), imapi::device::DataDirection::kFromDevice, block,
                               "READ(10)");
    return IMAPI_S_OK;
  });
  CHECK(IMAPI_FAILED(st));
  e = imapi_error_last();
  REQUIRE(e != nullptr);
  CHECK(e->code == st);
  CHECK(e->sense_key == 5);
  CHECK(e->asc == 0x21);
  CHECK(e->ascq == 0x00);
  CHECK(e->lba == 500);
  // A write error names its block too (03/0C/00 with INFORMATION).
  EmuRecorder bad("dvd+r", "write_error_lba=20");
  auto bad_drive = imapi::device::emu::EmulatedDrive::open_uri(bad.uri);
  std::vector<uint8_t> data(32 * 2048);
  CHECK(IMAPI_FAILED(imapi::capi::guard([&] {
    imapi::device::run_command(bad_drive, imapi::mmc::write10(0, 32), imapi::device::DataDirection::kToDevice, data,
                               "WRITE(10)");
    return IMAPI_S_OK;
  })));
  e = imapi_error_last();
  CHECK(e->sense_key == 3);
  CHECK(e->asc == 0x0C);
  CHECK(e->ascq == 0x00);
  CHECK(e->lba == 20);
}

TEST_CASE("recorder: exclusive access between two processes dies with its holder", "[recorder]") {
  EmuRecorder d("dvd+r");
  int ready[2], done[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(done) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child holds the drive until the parent has looked, then exits without releasing it.
    imapi_recorder* r = nullptr;
    char ok = imapi_recorder_open(d.uri.c_str(), &r) == IMAPI_S_OK &&
                      imapi_recorder_acquire_exclusive_access(r, 0, "other process") == IMAPI_S_OK
                  ? 'y'
                  : 'n';
    (void)!::write(ready[1], &ok, 1);
    (void)!::read(done[0], &ok, 1);
    ::_exit(0);
  }
  char ok = 0;
  REQUIRE(::read(ready[0], &ok, 1) == 1);
  CHECK(ok == 'y');
  char* s = nullptr;
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s) == "other process");
  CHECK(imapi_recorder_acquire_exclusive_access(d.get(), 0, "this process") == IMAPI_E_RECORDER_LOCKED);
  CHECK(test::last_message().find("other process") != std::string::npos);
  REQUIRE(::write(done[1], "x", 1) == 1);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  for (int fd : {ready[0], ready[1], done[0], done[1]}) ::close(fd);
  REQUIRE(imapi_recorder_get_exclusive_access_owner(d.get(), &s) == IMAPI_S_OK);
  CHECK(test::owned(s).empty());
  REQUIRE(imapi_recorder_acquire_exclusive_access(d.get(), 0, "this process") == IMAPI_S_OK);
  REQUIRE(imapi_recorder_release_exclusive_access(d.get()) == IMAPI_S_OK);
}

TEST_CASE("recorder: READ/SEND DVD STRUCTURE", "[recorder]") {
  EmuRecorder dvd("dvd+r");
  std::array<uint8_t, 2048> buf{};
  int64_t size = 0;
  // Format 00h: physical format information, 4-byte header + 2048 bytes (cut to the caller's buffer).
  REQUIRE(imapi_recorder_read_dvd_structure(dvd.get(), 0x00, 0, 0, 0, buf.data(), buf.size(), &size) == IMAPI_S_OK);
  CHECK(size >= 4 + 17);
  CHECK(((buf[4] >> 4) & 0x0F) == 0x0A);  // book type DVD+R
  CHECK(imapi_recorder_read_dvd_structure(dvd.get(), 0x00, 0, 0, 4, buf.data(), buf.size(), &size) == IMAPI_E_INVALIDARG);
  CHECK(imapi_recorder_read_dvd_structure(dvd.get(), 0x100, 0, 0, 0, buf.data(), buf.size(), &size) == IMAPI_E_INVALIDARG);
  const uint8_t data[4] = {0, 2, 0, 0};
  CHECK(IMAPI_FAILED(imapi_recorder_send_dvd_structure(dvd.get(), 0x04, data, 4)));
  CHECK(imapi_recorder_send_dvd_structure(dvd.get(), 0x04, nullptr, 4) == IMAPI_E_POINTER);
  CHECK(imapi_recorder_send_dvd_structure(dvd.get(), 0x04, data, 0) == IMAPI_E_INVALIDARG);

  EmuRecorder bd("bd-r");
  CHECK(imapi_recorder_read_dvd_structure(bd.get(), 0x00, 0, 0, 0, buf.data(), buf.size(), &size) ==
        IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT);
}
