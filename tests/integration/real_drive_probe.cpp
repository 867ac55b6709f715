// The SG_IO backend on real hardware: lists the machine's optical drives and
// sends each an INQUIRY. Exits 77 (CTest SKIP, with a message) where the
// machine has no /dev/sr*, as CI containers do.
#include <cstdio>
#include <vector>

#include "core/error.hpp"
#include "device/linux/drive_enumeration.hpp"
#include "device/linux/sg_transport.hpp"
#include "mmc/commands.hpp"
#include "mmc/inquiry.hpp"

int main() {
  using namespace imapi::device::linux_sg;
  auto& system = real_linux_system();
  const auto drives = enumerate_drives(system);
  if (drives.empty()) {
    std::puts("SKIP: no optical drive (/sys/class/block/sr*) on this machine; the real-hardware test did not run");
    return 77;
  }
  const std::string mountinfo = system.read_file("/proc/self/mountinfo").value_or("");
  int failures = 0;
  for (const auto& d : drives) {
    std::printf("%s  %s %s %s  id=%s\n", d.device.c_str(), d.vendor.c_str(), d.product.c_str(), d.revision.c_str(),
                d.unique_id.c_str());
    for (const auto& m : mount_points(mountinfo, d.major, d.minor)) std::printf("  mounted at %s\n", m.c_str());
    try {
      SgTransport t(system, d.device);
      std::vector<uint8_t> buf(96);
      auto r = t.execute(imapi::mmc::inquiry(96).bytes(), imapi::device::DataDirection::kFromDevice, buf);
      if (!r.good()) throw std::runtime_error("INQUIRY ended in CHECK CONDITION");
      buf.resize(buf.size() - r.residual);
      auto inq = imapi::mmc::parse_inquiry(buf);
      std::printf("  INQUIRY: type %u, %s %s\n", inq.peripheral_type, inq.vendor.c_str(), inq.product.c_str());
      if (inq.peripheral_type != 5) ++failures;
    } catch (const std::exception& e) {
      std::printf("  %s\n", e.what());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
