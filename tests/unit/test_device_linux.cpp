// The Linux SG_IO backend against a fake system layer: sysfs enumeration and
// unique IDs, mountinfo, SG_IO header filling and result mapping (CHECK
// CONDITION, timeouts, vanished devices), retries on 02/04/xx, exclusive
// access with an owner name. The real-hardware test is
// "device: real drives" and skips without /dev/sr*.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <scsi/sg.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <set>

#include "core/error.hpp"
#include "device/command_policy.hpp"
#include "device/emu/emulated_drive.hpp"
#include "device/linux/drive_enumeration.hpp"
#include "device/linux/exclusive_access.hpp"
#include "device/linux/linux_recorder.hpp"
#include "device/linux/sg_transport.hpp"
#include "mmc/commands.hpp"
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

  int open(const std::string& path, int flags) override {
    if (auto e = open_errors.find(path); e != open_errors.end()) return -e->second;
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
  auto r = execute_with_retries(t, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {},
                                std::chrono::seconds(10), sleeper);
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
  r = execute_with_retries(t, imapi::mmc::write10(0, 1).bytes(), DataDirection::kNone, {}, std::chrono::seconds(10), sleeper);
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
  r = execute_with_retries(t, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {},
                           std::chrono::milliseconds(1000), sleeper);
  CHECK(is_transient_not_ready(r));
  CHECK(waits.back() == 500);
  // Longer timeouts for long commands.
  CHECK(command_timeout(imapi::mmc::op::kFormatUnit) > command_timeout(imapi::mmc::op::kCloseTrackSession));
  CHECK(command_timeout(imapi::mmc::op::kCloseTrackSession) > command_timeout(imapi::mmc::op::kRead10));
  CHECK(command_timeout(imapi::mmc::op::kRead10) == kDefaultCommandTimeout);
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
  r.acquire_exclusive(false, "Burner");
  r.acquire_exclusive(true, "Burner");
  CHECK(r.exclusive_owner() == "Burner");
  r.release_exclusive();
  CHECK(r.exclusive_owner() == "Burner");
  r.release_exclusive();
  CHECK(r.exclusive_owner().empty());
}
