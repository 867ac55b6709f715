// The Linux SG_IO backend against a fake system layer: sysfs enumeration and
// unique IDs, mountinfo, SG_IO header filling and result mapping (CHECK
// CONDITION, timeouts, vanished devices), retries on 02/04/xx, exclusive
// access with an owner name and with a mounted disc (force unmounts it), the
// adapter and device descriptors from sysfs and INQUIRY. The real-hardware test is
// "device: real drives" and skips without /dev/sr*.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <scsi/sg.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "device/command_policy.hpp"
#include "device/emu/emulated_drive.hpp"
#include "device/linux/drive_enumeration.hpp"
#include "device/linux/exclusive_access.hpp"
#include "device/linux/linux_recorder.hpp"
#include "device/linux/sg_transport.hpp"
#include "device/storage_descriptors.hpp"
#include "mmc/commands.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/sense.hpp"
#include "mmc/status.hpp"

using namespace imapi::device;
using namespace imapi::device::linux_sg;

namespace {

struct FakeSystem final : LinuxSystem {
  std::map<std::string, std::string> files;
  std::map<std::string, std::string> links;  // realpath
  std::map<std::string, int> open_errors;    // path -> errno
  std::set<std::string> exclusively_open;
  std::map<int, std::string> fds;
  int next_fd = 3;
  std::vector<unsigned> sleeps;
  std::set<long> alive = {1234};
  // What SG_IO does: fills the header; returns 0 or -errno.
  std::function<int(sg_io_hdr&)> on_sg_io = [](sg_io_hdr&) { return 0; };
  std::vector<sg_io_hdr> sent;
  std::vector<std::vector<uint8_t>> sent_cdbs;

  // Unmounting: errors to return per mount point, and what was unmounted, in order.
  std::map<std::string, int> unmount_errors;
  std::vector<std::string> unmounted;
  // Devices a mount holds (device -> "major:minor"): O_EXCL is refused while mountinfo lists it.
  std::map<std::string, std::string> mount_holds;

  int open(const std::string& path, int flags) override {
    if (auto e = open_errors.find(path); e != open_errors.end()) return -e->second;
    if (auto m = mount_holds.find(path); m != mount_holds.end() && (flags & O_EXCL) &&
        files["/proc/self/mountinfo"].find(" " + m->second + " ") != std::string::npos)
      return -EBUSY;
    if (exclusively_open.count(path)) return -EBUSY;
    if (flags & O_EXCL) exclusively_open.insert(path);
    fds[next_fd] = path;
    return next_fd++;
  }
  void close(int fd) override {
    exclusively_open.erase(fds[fd]);
    fds.erase(fd);
  }
  int sg_io(int, sg_io_hdr& hdr) override {
    sent.push_back(hdr);
    sent_cdbs.emplace_back(hdr.cmdp, hdr.cmdp + hdr.cmd_len);
    return on_sg_io(hdr);
  }
  std::vector<std::string> list_directory(const std::string& path) override {
    std::set<std::string> names;
    const std::string prefix = path + "/";
    for (const auto& [p, _] : files)
      if (p.compare(0, prefix.size(), prefix) == 0) names.insert(p.substr(prefix.size(), p.find('/', prefix.size()) - prefix.size()));
    return {names.begin(), names.end()};
  }
  std::optional<std::string> read_file(const std::string& path) override {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> real_path(const std::string& path) override {
    auto it = links.find(path);
    if (it == links.end()) return std::nullopt;
    return it->second;
  }
  bool write_file(const std::string& path, const std::string& content) override {
    files[path] = content;
    return true;
  }
  void remove_file(const std::string& path) override { files.erase(path); }
  int unmount(const std::string& path) override {
    if (auto e = unmount_errors.find(path); e != unmount_errors.end()) return -e->second;
    unmounted.push_back(path);
    std::string escaped;  // mountinfo's \040 for a space
    for (char c : path) escaped += c == ' ' ? std::string("\\040") : std::string(1, c);
    std::string& info = files["/proc/self/mountinfo"];
    std::string kept;
    for (size_t at = 0; at < info.size();) {
      size_t end = std::min(info.find('\n', at), info.size());
      std::string line = info.substr(at, end - at);
      at = end + 1;
      if (line.find(" " + escaped + " ") == std::string::npos) kept += line + "\n";
    }
    info = kept;
    return 0;
  }
  bool process_alive(long pid) override { return alive.count(pid) > 0; }
  long current_pid() override { return 1234; }
  std::string runtime_directory() override { return "/run/user/1000"; }

  void add_drive(int n, const std::string& type, const std::string& vendor, const std::string& model,
                 const std::string& sys_path) {
    const std::string base = "/sys/class/block/sr" + std::to_string(n);
    files[base + "/device/type"] = type + "\n";
    files[base + "/device/vendor"] = vendor + "\n";
    files[base + "/device/model"] = model + "\n";
    files[base + "/device/rev"] = "1.02\n";
    files[base + "/dev"] = "11:" + std::to_string(n) + "\n";
    links[base + "/device"] = sys_path;
  }
};

}  // namespace

TEST_CASE("linux: enumeration of /sys/class/block/sr*, stable unique IDs", "[device]") {
  FakeSystem sys;
  sys.add_drive(1, "5", "HL-DT-ST", "BD-RE  BH16NS55 ", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  sys.add_drive(0, "5", "ASUS    ", "DRW-24D5MT", "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0");
  sys.add_drive(2, "0", "ATA", "disk", "/sys/devices/x");  // not an MMC device
  sys.files["/sys/class/block/sda/dev"] = "8:0\n";
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 2);
  CHECK(drives[0].device == "/dev/sr0");
  CHECK(drives[0].vendor == "ASUS");
  CHECK(drives[0].product == "DRW-24D5MT");
  CHECK(drives[0].revision == "1.02");
  CHECK(drives[0].unique_id == "linux-scsi:pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0");
  CHECK(drives[1].product == "BD-RE  BH16NS55");
  CHECK(drives[1].minor == 1);
  CHECK(drive_unique_id(sys, "sr9") == "linux-dev:sr9");
}

TEST_CASE("linux: mount points from mountinfo", "[device]") {
  const std::string info =
      "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
      "95 22 11:0 / /media/user/My\\040Disc rw,nosuid shared:50 - iso9660 /dev/sr0 ro\n"
      "96 22 11:0 / /mnt/second ro - udf /dev/sr0 ro\n"
      "97 22 11:1 / /mnt/other ro - udf /dev/sr1 ro\n"
      "garbage line\n";
  CHECK(mount_points(info, 11, 0) == std::vector<std::string>{"/media/user/My Disc", "/mnt/second"});
  CHECK(mount_points(info, 11, 5).empty());
  CHECK(mount_points("", 11, 0).empty());
}

TEST_CASE("linux: SG_IO header and CHECK CONDITION mapping", "[device]") {
  FakeSystem sys;
  sys.on_sg_io = [](sg_io_hdr& h) {
    auto sense = imapi::mmc::encode_fixed_sense(0x05, 0x24, 0x00);
    std::memcpy(h.sbp, sense.data(), sense.size());
    h.sb_len_wr = static_cast<unsigned char>(sense.size());
    h.status = 0x02;
    h.masked_status = 0x01;
    h.driver_status = 0x08;
    h.resid = static_cast<int>(h.dxfer_len);
    return 0;
  };
  SgTransport t(sys, "/dev/sr0");
  std::vector<uint8_t> buf(36);
  auto r = t.execute(imapi::mmc::inquiry(36).bytes(), DataDirection::kFromDevice, buf, std::chrono::seconds(3));
  REQUIRE(sys.sent.size() == 1);
  CHECK(sys.sent[0].interface_id == 'S');
  CHECK(sys.sent[0].dxfer_direction == SG_DXFER_FROM_DEV);
  CHECK(sys.sent[0].dxfer_len == 36);
  CHECK(sys.sent[0].cmd_len == 6);
  CHECK(sys.sent[0].timeout == 3000);
  CHECK(sys.sent_cdbs[0] == std::vector<uint8_t>{0x12, 0, 0, 0, 36, 0});
  CHECK(r.status == scsi_status::kCheckCondition);
  CHECK(r.residual == 36);
  auto s = imapi::mmc::decode_sense(r.sense_bytes());
  CHECK(imapi::mmc::sense_triple(s.key, s.asc, s.ascq) == "05/24/00");
  // Data-out and no-data directions.
  sys.on_sg_io = [](sg_io_hdr&) { return 0; };
  CHECK(t.execute(imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}).good());
  CHECK(sys.sent.back().dxfer_direction == SG_DXFER_NONE);
  CHECK(t.execute(imapi::mmc::write10(0, 1).bytes(), DataDirection::kToDevice, buf).good());
  CHECK(sys.sent.back().dxfer_direction == SG_DXFER_TO_DEV);
}

TEST_CASE("linux: timeouts, vanished devices and busy drives are IMAPI errors", "[device]") {
  FakeSystem sys;
  SgTransport t(sys, "/dev/sr0");
  sys.on_sg_io = [](sg_io_hdr& h) {
    h.host_status = 0x03;  // DID_TIME_OUT
    return 0;
  };
  try {
    t.execute(imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {});
    FAIL("no timeout error");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kCommandTimeout);
  }
  sys.on_sg_io = [](sg_io_hdr&) { return -ENODEV; };
  try {
    t.execute(imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {});
    FAIL("no error");
  } catch (const imapi::Error& e) {
    CHECK(e.detail().os_error == ENODEV);
  }
  sys.on_sg_io = [](sg_io_hdr& h) {
    h.host_status = 0x07;  // DID_ERROR
    return 0;
  };
  CHECK_THROWS_AS(t.execute(imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}), imapi::Error);
  sys.open_errors["/dev/sr1"] = ENOENT;
  CHECK_THROWS_AS(SgTransport(sys, "/dev/sr1"), imapi::Error);
  sys.exclusively_open.insert("/dev/sr2");
  try {
    SgTransport busy(sys, "/dev/sr2", true);
    FAIL("opened a busy drive");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
  }
}

TEST_CASE("linux: retries on 02/04/xx with growing waits, then gives up", "[device]") {
  FakeSystem sys;
  int calls = 0;
  sys.on_sg_io = [&](sg_io_hdr& h) {
    if (++calls <= 3) {
      auto sense = imapi::mmc::encode_fixed_sense(0x02, 0x04, calls == 3 ? 0x08 : 0x01);
      std::memcpy(h.sbp, sense.data(), sense.size());
      h.sb_len_wr = 18;
      h.status = 2;
    }
    return 0;
  };
  SgTransport t(sys, "/dev/sr0");
  std::vector<unsigned> waits;
  auto sleeper = [&](std::chrono::milliseconds ms) { waits.push_back(static_cast<unsigned>(ms.count())); };
  CommandRule tur = command_rule(imapi::mmc::op::kTestUnitReady);
  tur.patience = std::chrono::seconds(10);
  auto r = execute_with_rule(t, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}, tur, sleeper);
  CHECK(r.good());
  CHECK(calls == 4);
  CHECK(waits == std::vector<unsigned>{10, 20, 40});
  // Medium errors are not retried.
  calls = 0;
  sys.on_sg_io = [&](sg_io_hdr& h) {
    ++calls;
    auto sense = imapi::mmc::encode_fixed_sense(0x03, 0x0C, 0x00);
    std::memcpy(h.sbp, sense.data(), sense.size());
    h.sb_len_wr = 18;
    h.status = 2;
    return 0;
  };
  r = execute_with_rule(t, imapi::mmc::write10(0, 1).bytes(), DataDirection::kNone, {},
                        command_rule(imapi::mmc::op::kWrite10), sleeper);
  CHECK_FALSE(r.good());
  CHECK(calls == 1);
  // Patience runs out: the last NOT READY comes back.
  sys.on_sg_io = [&](sg_io_hdr& h) {
    auto sense = imapi::mmc::encode_fixed_sense(0x02, 0x04, 0x07);
    std::memcpy(h.sbp, sense.data(), sense.size());
    h.sb_len_wr = 18;
    h.status = 2;
    return 0;
  };
  waits.clear();
  tur.patience = std::chrono::milliseconds(1000);
  r = execute_with_rule(t, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}, tur, sleeper);
  CHECK(interpret_result(r).meaning.recovery == imapi::mmc::Recovery::kRetryLater);
  CHECK(waits.back() == 500);
  // Longer timeouts for long commands.
  CHECK(command_timeout(imapi::mmc::op::kFormatUnit) > command_timeout(imapi::mmc::op::kCloseTrackSession));
  CHECK(command_timeout(imapi::mmc::op::kCloseTrackSession) > command_timeout(imapi::mmc::op::kRead10));
  CHECK(command_timeout(imapi::mmc::op::kRead10) == kDefaultCommandTimeout);
}

TEST_CASE("linux: a recorder's commands get per-opcode timeouts and NOT READY retries, pass-through keeps its own",
          "[device]") {
  FakeSystem sys;
  sys.add_drive(0, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder r(sys, drives[0]);
  std::vector<unsigned> waits;
  r.managed_transport().set_sleeper([&](std::chrono::milliseconds ms) { waits.push_back(static_cast<unsigned>(ms.count())); });
  // Long commands: FORMAT UNIT, BLANK, CLOSE TRACK/SESSION, SYNCHRONIZE CACHE wait far beyond the 10 s default.
  std::vector<uint8_t> list(12);
  REQUIRE(r.transport().execute(imapi::mmc::format_unit().bytes(), DataDirection::kToDevice, list).good());
  CHECK(sys.sent.back().timeout > 10'000);
  CHECK(sys.sent.back().timeout == command_timeout(imapi::mmc::op::kFormatUnit).count());
  REQUIRE(r.transport().execute(imapi::mmc::close_track_session(imapi::mmc::CloseFunction::kSession).bytes(),
                                DataDirection::kNone, {}).good());
  CHECK(sys.sent.back().timeout > 10'000);
  REQUIRE(r.transport().execute(imapi::mmc::blank(imapi::mmc::BlankType::kMinimal).bytes(), DataDirection::kNone, {}).good());
  CHECK(sys.sent.back().timeout > 10'000);
  REQUIRE(r.transport().execute(imapi::mmc::synchronize_cache(false).bytes(), DataDirection::kNone, {}).good());
  CHECK(sys.sent.back().timeout > 10'000);
  // Others: the default, or the caller's when that is longer.
  std::vector<uint8_t> buf(36);
  REQUIRE(r.transport().execute(imapi::mmc::inquiry(36).bytes(), DataDirection::kFromDevice, buf).good());
  CHECK(sys.sent.back().timeout == 10'000);
  REQUIRE(r.transport().execute(imapi::mmc::inquiry(36).bytes(), DataDirection::kFromDevice, buf, std::chrono::seconds(60)).good());
  CHECK(sys.sent.back().timeout == 60'000);
  // 02/04/01 twice, then GOOD: the engine's path retries, the caller sees GOOD.
  int not_ready = 2;
  sys.on_sg_io = [&](sg_io_hdr& h) {
    if (not_ready-- > 0) {
      auto sense = imapi::mmc::encode_fixed_sense(0x02, 0x04, 0x01);
      std::memcpy(h.sbp, sense.data(), sense.size());
      h.sb_len_wr = 18;
      h.status = 2;
    }
    return 0;
  };
  const size_t before = sys.sent.size();
  CHECK(r.transport().execute(imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}).good());
  CHECK(sys.sent.size() - before == 3);
  CHECK(waits == std::vector<unsigned>{10, 20});
  // The raw transport (pass-through) sends once with the caller's timeout and returns the NOT READY.
  not_ready = 1;
  auto raw = r.raw_transport().execute(imapi::mmc::format_unit().bytes(), DataDirection::kToDevice, list,
                                       std::chrono::seconds(5));
  CHECK(interpret_result(raw).meaning.recovery == imapi::mmc::Recovery::kRetryLater);
  CHECK(sys.sent.back().timeout == 5'000);
}

TEST_CASE("linux: exclusive access is counted and names its owner", "[device]") {
  FakeSystem sys;
  const std::string id = "linux-scsi:pci0000:00/ata3/2:0:0:0";
  ExclusiveAccess a(sys, "/dev/sr0", id);
  CHECK(ExclusiveAccess::owner(sys, id).empty());
  CHECK_THROWS_AS(a.acquire(""), imapi::Error);
  CHECK_THROWS_AS(a.acquire("bad/name"), imapi::Error);
  a.acquire("Burner App");
  a.acquire("Burner App");
  CHECK(a.levels() == 2);
  CHECK(ExclusiveAccess::owner(sys, id) == "Burner App");
  CHECK(ExclusiveAccess::registry_path(sys, id) == "/run/user/1000/imapi-exclusive-linux-scsi_pci0000_00_ata3_2_0_0_0");
  // A second handle (or process) is refused with E_IMAPI_RECORDER_LOCKED naming the holder.
  ExclusiveAccess b(sys, "/dev/sr0", id);
  try {
    b.acquire("Other");
    FAIL("second exclusive access granted");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
    CHECK(e.message().find("Burner App") != std::string::npos);
  }
  a.release();
  CHECK(ExclusiveAccess::owner(sys, id) == "Burner App");  // one level still held
  a.release();
  CHECK(ExclusiveAccess::owner(sys, id).empty());
  CHECK_THROWS_AS(a.release(), imapi::Error);
  b.acquire("Other");
  CHECK(ExclusiveAccess::owner(sys, id) == "Other");
  // A registry left by a dead process names nobody.
  sys.files[ExclusiveAccess::registry_path(sys, "x")] = "999 Ghost\n";
  CHECK(ExclusiveAccess::owner(sys, "x").empty());
}

TEST_CASE("linux: state changes from a recorder that does not hold the drive are refused naming the holder",
          "[device]") {
  FakeSystem sys;
  sys.add_drive(0, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder a(sys, drives[0]), b(sys, drives[0]);
  CHECK_NOTHROW(b.require_access("EjectMedia"));  // nobody holds it
  a.acquire_exclusive(false, "Burner A");
  CHECK_NOTHROW(a.require_access("EjectMedia"));  // the holder
  try {
    b.require_access("EjectMedia");  // another recorder object of this process
    FAIL("a non-holder was let through");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
    CHECK(e.message().find("'Burner A'") != std::string::npos);
    CHECK(e.message().find("EjectMedia") != std::string::npos);
  }
  a.release_exclusive();
  CHECK_NOTHROW(b.require_access("EjectMedia"));
  // Another (live) process holds it: its registry entry names it.
  sys.alive.insert(4321);
  sys.files[ExclusiveAccess::registry_path(sys, drives[0].unique_id)] = "4321 Other Process\n";
  try {
    b.require_access("SetModePage");
    FAIL("a non-holder was let through");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
    CHECK(e.message().find("'Other Process'") != std::string::npos);
  }
  // ... until that process is gone.
  sys.alive.erase(4321);
  CHECK_NOTHROW(b.require_access("SetModePage"));
  // Which pass-through commands count as state changes.
  for (uint8_t op : {0x00, 0x03, 0x12, 0x25, 0x28, 0x43, 0x46, 0x4A, 0x51, 0x52, 0x5A, 0x5C, 0xA8, 0xAC, 0xAD, 0xBE})
    CHECK(is_query_command(op));
  for (uint8_t op : {0x04, 0x1B, 0x1E, 0x2A, 0x35, 0x53, 0x55, 0x5B, 0x5D, 0xA1, 0xAA, 0xB6, 0xBB, 0xBF, 0xFF})
    CHECK_FALSE(is_query_command(op));
}

TEST_CASE("device: eject and close tray through START STOP UNIT (on the emulated drive)", "[device][emu]") {
  char tmpl[] = "/tmp/imapi-tray-XXXXXX";
  REQUIRE(::mkdtemp(tmpl));
  {
    auto d = emu::EmulatedDrive::open_uri(std::string("emu:dvd+r?dir=") + tmpl + "&polls=0");
    REQUIRE(d.execute(imapi::mmc::prevent_allow_medium_removal(true).bytes(), DataDirection::kNone, {}).good());
    CHECK(eject(d).good());  // allows removal first
    CHECK_FALSE(d.snapshot().drive.medium_present);
    CHECK(close_tray(d).good());
    CHECK(d.snapshot().drive.medium_present);
  }
  std::string cleanup = std::string("rm -rf ") + tmpl;
  CHECK(std::system(cleanup.c_str()) == 0);
}

TEST_CASE("linux: a recorder's volume name, mount points, device number and counted exclusive access", "[device]") {
  FakeSystem sys;
  sys.add_drive(2, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  sys.files["/proc/self/mountinfo"] =
      "36 25 11:2 / /media/user/MY\\040DISC ro,nosuid - udf /dev/sr2 ro\n"
      "37 25 8:1 / / rw - ext4 /dev/sda1 rw\n";
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder r(sys, drives[0]);
  CHECK(r.unique_id() == drives[0].unique_id);
  CHECK(r.volume_name() == "/dev/sr2");
  CHECK(r.volume_paths() == std::vector<std::string>{"/media/user/MY DISC"});
  CHECK(r.legacy_device_number() == 2);
  CHECK(r.exclusive_owner().empty());
  CHECK_THROWS_AS(r.acquire_exclusive(false, "bad/name"), imapi::Error);
  sys.files["/proc/self/mountinfo"] = "37 25 8:1 / / rw - ext4 /dev/sda1 rw\n";  // the disc was unmounted
  r.acquire_exclusive(false, "Burner");
  r.acquire_exclusive(true, "Burner");
  CHECK(r.exclusive_owner() == "Burner");
  r.release_exclusive();
  CHECK(r.exclusive_owner() == "Burner");
  r.release_exclusive();
  CHECK(r.exclusive_owner().empty());
}

namespace {

uint32_t le32(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t{b[at]} | uint32_t{b[at + 1]} << 8 | uint32_t{b[at + 2]} << 16 | uint32_t{b[at + 3]} << 24;
}

// The NUL-terminated string at a descriptor offset.
std::string string_at(const std::vector<uint8_t>& b, uint32_t offset) {
  REQUIRE(offset < b.size());
  std::string s;
  for (size_t i = offset; i < b.size() && b[i] != 0; ++i) s += static_cast<char>(b[i]);
  return s;
}

// A drive answering INQUIRY (standard, VPD 00h and 80h when `serial` is set)
// through the fake SG_IO; every other command is GOOD without data.
void answer_inquiry(FakeSystem& sys, std::optional<std::string> serial) {
  sys.on_sg_io = [serial](sg_io_hdr& h) {
    std::vector<uint8_t> reply;
    const uint8_t* cdb = h.cmdp;
    if (cdb[0] == 0x12 && !(cdb[1] & 1)) {
      imapi::mmc::InquiryData d;
      d.peripheral_type = imapi::mmc::kPeripheralTypeCdDvd;
      d.removable = false;  // sysfs says otherwise: sysfs wins
      d.version = 0x05;
      d.response_data_format = 2;
      d.vendor = "HL-DT-ST";
      d.product = "BD-RE BH16NS40";
      d.revision = "1.02";
      reply = imapi::mmc::encode_inquiry(d);
    } else if (cdb[0] == 0x12 && cdb[2] == 0x00) {
      reply = {0x05, 0x00, 0x00, 0x01, 0x00};
      if (serial) reply = {0x05, 0x00, 0x00, 0x02, 0x00, 0x80};
    } else if (cdb[0] == 0x12 && cdb[2] == 0x80 && serial) {
      reply = {0x05, 0x80, 0x00, static_cast<uint8_t>(serial->size())};
      reply.insert(reply.end(), serial->begin(), serial->end());
    } else if (cdb[0] == 0x12) {
      auto sense = imapi::mmc::encode_fixed_sense(0x05, 0x24, 0x00);
      std::memcpy(h.sbp, sense.data(), sense.size());
      h.sb_len_wr = static_cast<unsigned char>(sense.size());
      h.status = 0x02;
      return 0;
    }
    const size_t n = std::min<size_t>(reply.size(), h.dxfer_len);
    if (n > 0) std::memcpy(h.dxferp, reply.data(), n);
    h.resid = static_cast<int>(h.dxfer_len - n);
    return 0;
  };
}

}  // namespace

TEST_CASE("linux: the bus type of a drive from its sysfs device path", "[device]") {
  CHECK(bus_type("pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0") == StorageBusType::kAtapi);
  CHECK(bus_type("pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0") == StorageBusType::kUsb);
  CHECK(bus_type("pci0000:00/0000:00:1e.0/0000:05:00.0/fw1/fw1.0/host7/target7:0:0/7:0:0:0") == StorageBusType::k1394);
  CHECK(bus_type("platform/host3/session1/target3:0:0/3:0:0:0") == StorageBusType::kIscsi);
  CHECK(bus_type("pci0000:00/0000:00:01.0/0000:01:00.0/host0/port-0:0/end_device-0:0/target0:0:0/0:0:0:0") ==
        StorageBusType::kSas);
  CHECK(bus_type("pci0000:00/0000:00:03.0/0000:02:00.0/host4/rport-4:0-0/target4:0:0/4:0:0:0") ==
        StorageBusType::kFibre);
  CHECK(bus_type("pci0000:00/0000:00:04.0/virtio1/host0/target0:0:0/0:0:0:0") == StorageBusType::kScsi);
  CHECK(bus_type("pci0000:00/0000:00:10.0/host0/target0:0:1/0:0:1:0") == StorageBusType::kScsi);
  CHECK(bus_type("") == StorageBusType::kUnknown);
}

TEST_CASE("linux: adapter limits from sysfs are the descriptor and the transfer sizes", "[device]") {
  FakeSystem sys;
  sys.add_drive(0, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  sys.files["/sys/class/block/sr0/queue/max_hw_sectors_kb"] = "32767\n";
  sys.files["/sys/class/block/sr0/queue/max_segments"] = "168\n";
  sys.files["/sys/class/block/sr0/queue/dma_alignment"] = "3\n";
  sys.files["/sys/class/block/sr0/device/queue_depth"] = "1\n";
  sys.files["/sys/class/block/sr0/removable"] = "1\n";
  auto a = storage_adapter(sys, "sr0");
  CHECK(a.max_transfer_bytes == 32767u * 1024);
  CHECK(a.max_physical_pages == 168);
  CHECK(a.alignment_mask == 3);
  CHECK_FALSE(a.command_queueing);
  CHECK(a.bus == StorageBusType::kAtapi);
  // The kernel maps a buffer page by page: one page fewer when it does not start on one.
  CHECK(max_page_aligned_transfer(a) == 168u * 4096);
  CHECK(max_non_page_aligned_transfer(a) == 167u * 4096);
  alignas(4096) static uint8_t page[8192];
  CHECK(max_transfer_for(a, page) == 168u * 4096);
  CHECK(max_transfer_for(a, page + 1) == 167u * 4096);
  CHECK(removable(sys, "sr0") == std::optional<bool>(true));

  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder r(sys, drives[0]);
  auto b = adapter_descriptor(r);
  REQUIRE(b.size() == 32);
  CHECK(le32(b, 0) == 32);  // Version = sizeof(STORAGE_ADAPTER_DESCRIPTOR)
  CHECK(le32(b, 4) == 32);  // Size
  CHECK(le32(b, 8) == 32767u * 1024);
  CHECK(le32(b, 12) == 168);
  CHECK(le32(b, 16) == 3);
  CHECK(b[22] == 0);  // CommandQueueing
  CHECK(b[24] == 0x02);  // BusTypeAtapi
  CHECK(std::all_of(b.begin() + 25, b.end(), [](uint8_t x) { return x == 0; }));

  // A USB drive: the transfer length is the limit, not the pages.
  sys.files["/sys/class/block/sr0/queue/max_hw_sectors_kb"] = "120\n";
  sys.files["/sys/class/block/sr0/queue/max_segments"] = "2048\n";
  sys.files["/sys/class/block/sr0/queue/dma_alignment"] = "511\n";
  sys.files["/sys/class/block/sr0/device/queue_depth"] = "32\n";
  sys.links["/sys/class/block/sr0/device"] = "/sys/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0";
  a = r.storage_adapter();
  CHECK(a.bus == StorageBusType::kUsb);
  CHECK(a.command_queueing);
  CHECK(max_page_aligned_transfer(a) == 122880);
  CHECK(max_non_page_aligned_transfer(a) == 122880);
  CHECK(adapter_descriptor(r)[22] == 1);

  // Nothing in sysfs: the conservative defaults, the kernel's default DMA alignment, an unknown bus.
  FakeSystem bare;
  a = storage_adapter(bare, "sr7");
  CHECK(a.max_transfer_bytes == 65536);
  CHECK(a.max_physical_pages == 17);
  CHECK(a.alignment_mask == 511);
  CHECK(a.bus == StorageBusType::kUnknown);
  CHECK(max_non_page_aligned_transfer(a) == 65536);
  CHECK_FALSE(removable(bare, "sr7").has_value());
  // Garbage is ignored, too.
  bare.files["/sys/class/block/sr7/queue/max_hw_sectors_kb"] = "lots\n";
  bare.files["/sys/class/block/sr7/queue/max_segments"] = "0\n";
  a = storage_adapter(bare, "sr7");
  CHECK(a.max_transfer_bytes == 65536);
  CHECK(a.max_physical_pages == 17);
}

TEST_CASE("linux: the device descriptor from INQUIRY, VPD page 80h and sysfs", "[device]") {
  FakeSystem sys;
  sys.add_drive(2, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  sys.files["/sys/class/block/sr2/removable"] = "1\n";
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder r(sys, drives[0]);
  answer_inquiry(sys, std::string("K1234567890"));
  auto b = device_descriptor(r);
  CHECK(le32(b, 0) == 40);  // Version = sizeof(STORAGE_DEVICE_DESCRIPTOR)
  CHECK(le32(b, 4) == b.size());
  CHECK(b[8] == 0x05);   // DeviceType: MMC
  CHECK(b[9] == 0x00);   // DeviceTypeModifier
  CHECK(b[10] == 1);     // RemovableMedia: sysfs, although INQUIRY's RMB is 0
  CHECK(b[11] == 0);     // CommandQueueing
  CHECK(le32(b, 28) == 0x02);  // BusTypeAtapi
  REQUIRE(le32(b, 32) == 36);  // RawPropertiesLength: the standard INQUIRY data
  CHECK(b[36] == 0x05);
  CHECK(std::string(b.begin() + 36 + 8, b.begin() + 36 + 16) == "HL-DT-ST");
  CHECK(le32(b, 12) == 72);
  CHECK(string_at(b, le32(b, 12)) == "HL-DT-ST");
  CHECK(string_at(b, le32(b, 16)) == "BD-RE BH16NS40  ");  // as INQUIRY pads it
  CHECK(string_at(b, le32(b, 20)) == "1.02");
  CHECK(string_at(b, le32(b, 24)) == "K1234567890");
  CHECK(b.size() == 36 + 36 + 9 + 17 + 5 + 12);
  CHECK(b.back() == 0);
  const auto commands = sys.sent_cdbs.size();

  // A drive whose VPD page list lacks 80h is not asked for it: no serial number.
  answer_inquiry(sys, std::nullopt);
  b = device_descriptor(r);
  CHECK(le32(b, 24) == 0);
  CHECK(b.size() == 36 + 36 + 9 + 17 + 5);
  CHECK(sys.sent_cdbs.size() == commands + 2);  // standard INQUIRY, VPD 00h
  // One that refuses VPD altogether neither; without sysfs' word its RMB bit counts.
  sys.on_sg_io = [inner = sys.on_sg_io](sg_io_hdr& h) {
    if (h.cmdp[0] == 0x12 && (h.cmdp[1] & 1)) {
      auto sense = imapi::mmc::encode_fixed_sense(0x05, 0x24, 0x00);
      std::memcpy(h.sbp, sense.data(), sense.size());
      h.sb_len_wr = static_cast<unsigned char>(sense.size());
      h.status = 0x02;
      return 0;
    }
    return inner(h);
  };
  sys.files.erase("/sys/class/block/sr2/removable");
  b = device_descriptor(r);
  CHECK(le32(b, 24) == 0);
  CHECK(b[10] == 0);
  // A reply shorter than the 36 bytes SPC requires is a device error.
  sys.on_sg_io = [](sg_io_hdr& h) {
    h.resid = static_cast<int>(h.dxfer_len) - 20;
    return 0;
  };
  try {
    device_descriptor(r);
    FAIL("a 20-byte INQUIRY made a descriptor");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kInvalidResponseFromDevice);
  }
}

TEST_CASE("linux: exclusive access to a mounted disc: refused without force, unmounted with force", "[device]") {
  FakeSystem sys;
  sys.add_drive(2, "5", "HL-DT-ST", "BD-RE BH16NS40", "/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0");
  sys.files["/proc/self/mountinfo"] =
      "36 25 11:2 / /media/user/MY\\040DISC ro,nosuid - udf /dev/sr2 ro\n"
      "37 25 8:1 / / rw - ext4 /dev/sda1 rw\n"
      "38 25 11:2 / /mnt/copy ro - udf /dev/sr2 ro\n";
  sys.mount_holds["/dev/sr2"] = "11:2";
  auto drives = enumerate_drives(sys);
  REQUIRE(drives.size() == 1);
  LinuxRecorder r(sys, drives[0]);

  // Without force: E_IMAPI_RECORDER_LOCKED naming the mount points; nothing unmounted.
  try {
    r.acquire_exclusive(false, "Burner");
    FAIL("exclusive access to a mounted disc");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
    CHECK(e.message().find("'/media/user/MY DISC'") != std::string::npos);
    CHECK(e.message().find("'/mnt/copy'") != std::string::npos);
    CHECK(e.message().find("force") != std::string::npos);
    CHECK(e.detail().path == "/media/user/MY DISC");
  }
  CHECK(sys.unmounted.empty());
  CHECK(r.exclusive_owner().empty());

  // With force but without privileges: E_ACCESSDENIED naming the mount point, EPERM and what to do.
  sys.unmount_errors["/mnt/copy"] = EPERM;
  try {
    r.acquire_exclusive(true, "Burner");
    FAIL("unmounted without privileges");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == IMAPI_E_ACCESSDENIED);
    CHECK(e.message().find("'/mnt/copy'") != std::string::npos);
    CHECK(e.message().find("EPERM") != std::string::npos);
    CHECK(e.message().find("udisksctl unmount -b /dev/sr2") != std::string::npos);
    CHECK(e.detail().os_error == EPERM);
    CHECK(e.detail().path == "/mnt/copy");
  }
  // Files open there: E_IMAPI_RECORDER_LOCKED with EBUSY. The newest mount went first.
  sys.unmount_errors.clear();
  sys.unmount_errors["/media/user/MY DISC"] = EBUSY;
  try {
    r.acquire_exclusive(true, "Burner");
    FAIL("unmounted a busy file system");
  } catch (const imapi::Error& e) {
    CHECK(e.code() == imapi::mmc::status::kRecorderLocked);
    CHECK(e.message().find("'/media/user/MY DISC'") != std::string::npos);
    CHECK(e.message().find("EBUSY") != std::string::npos);
    CHECK(e.message().find("fuser") != std::string::npos);
    CHECK(e.detail().os_error == EBUSY);
  }
  CHECK(sys.unmounted == std::vector<std::string>{"/mnt/copy"});  // undone mounts stay undone
  CHECK(r.volume_paths() == std::vector<std::string>{"/media/user/MY DISC"});
  CHECK(r.exclusive_owner().empty());

  // Unmountable: force takes the drive, O_EXCL included.
  sys.unmount_errors.clear();
  r.acquire_exclusive(true, "Burner");
  CHECK(sys.unmounted == std::vector<std::string>{"/mnt/copy", "/media/user/MY DISC"});
  CHECK(r.volume_paths().empty());
  CHECK(r.exclusive_owner() == "Burner");
  CHECK(sys.exclusively_open.count("/dev/sr2") == 1);
  // A further level neither looks at mounts nor unmounts.
  r.acquire_exclusive(false, "Burner");
  r.release_exclusive();
  r.release_exclusive();
  CHECK(r.exclusive_owner().empty());
  CHECK(sys.unmounted.size() == 2);
}
