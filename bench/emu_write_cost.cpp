// imapi_bench_emu_write: what one WRITE costs the emulated drive beyond the
// copy of its data (docs/performance.md). Writes N packets of B blocks at the
// next writable address of a blank BD-R, in process (EmulatedDrive, as the
// burn engine drives it) or, with --device, through SG_IO as a client of the
// LD_PRELOAD shim does (the shim's IMAPI_EMU_DRIVES must name the disc
// directory given with --disc), and the same bytes with pwrite to a plain file
// in DIR. Prints the CPU time (user + system) per WRITE, which
// unlike wall-clock time does not depend on the machine's other load; never
// fails on timings.
//
//   imapi_bench_emu_write DIR [--writes N] [--blocks B] [--rounds R] [--device /dev/srN --disc DISC_DIR]
#include <fcntl.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "device/emu/emulated_drive.hpp"
#include "mmc/cdb.hpp"

namespace {

// CPU time (user + system) of this thread, or of a waited-for child: on a shared
// machine wall-clock time measures the neighbours as much as the emulator.
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}
double us_of(const rusage& r) {
  return double(r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1e6 + double(r.ru_utime.tv_usec + r.ru_stime.tv_usec);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::vector<uint8_t> write10(uint32_t lba, uint16_t blocks) {
  return {0x2A, 0, uint8_t(lba >> 24), uint8_t(lba >> 16), uint8_t(lba >> 8), uint8_t(lba), 0, uint8_t(blocks >> 8),
          uint8_t(blocks), 0};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: imapi_bench_emu_write DIR [--writes N] [--blocks B] [--device /dev/srN]\n");
    return 2;
  }
  const std::string dir = argv[1];
  int writes = 4000, blocks = 32, rounds = 5;
  std::string device, disc_dir;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--writes")) writes = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--blocks")) blocks = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--device")) device = argv[i + 1];
    else if (!std::strcmp(argv[i], "--disc")) disc_dir = argv[i + 1];
  }
  if (writes <= 0 || blocks <= 0 || blocks > 0xFFFF || rounds <= 0 || (!device.empty() && disc_dir.empty())) return 2;
  std::vector<uint8_t> data(size_t(blocks) * 2048);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 131 + i / 4096 + 1);  // never all zeros

  // Rounds of {the data copy alone, the same through the drive}, interleaved so
  // that both see the same load; the medians are reported.
  std::vector<double> copy_us, write_us;
  for (int round = 0; round < rounds; ++round) {
    const std::string plain = dir + "/plain.bin";
    int fd = ::open(plain.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return 1;
    double t0 = cpu_us();
    for (int k = 0; k < writes; ++k)
      if (::pwrite(fd, data.data(), data.size(), off_t(k) * off_t(data.size())) != ssize_t(data.size())) return 1;
    copy_us.push_back((cpu_us() - t0) / writes);
    ::close(fd);
    std::filesystem::remove(plain);
    // A blank disc each round.
    const std::string disc = device.empty() ? dir + "/disc" : disc_dir;
    for (const char* f : {"disc.img", "disc.state", "disc.live"}) std::filesystem::remove(disc + "/" + f);
    if (device.empty()) {
      std::filesystem::create_directories(disc);
      auto drive = imapi::device::emu::EmulatedDrive::open_uri("emu:bd-r?dir=" + disc + "&polls=0");
      t0 = cpu_us();
      for (int k = 0; k < writes; ++k) {
        auto cdb = write10(uint32_t(k * blocks), uint16_t(blocks));
        if (!drive.execute(cdb, imapi::device::DataDirection::kToDevice, data).good()) {
          std::fprintf(stderr, "WRITE %d failed\n", k);
          return 1;
        }
      }
      write_us.push_back((cpu_us() - t0) / writes);
    } else {
      // The shim reads the disc when a process opens the device: one process per round.
      const pid_t child = ::fork();
      if (child == 0) {
        int sg = ::open(device.c_str(), O_RDWR | O_NONBLOCK);
        if (sg < 0) _exit(1);
        uint8_t sense[32];
        for (int k = 0; k < writes; ++k) {
          auto cdb = write10(uint32_t(k * blocks), uint16_t(blocks));
          sg_io_hdr_t h{};
          h.interface_id = 'S';
          h.dxfer_direction = SG_DXFER_TO_DEV;
          h.cmd_len = uint8_t(cdb.size());
          h.cmdp = cdb.data();
          h.dxferp = data.data();
          h.dxfer_len = unsigned(data.size());
          h.sbp = sense;
          h.mx_sb_len = sizeof sense;
          h.timeout = 60000;
          if (::ioctl(sg, SG_IO, &h) != 0 || h.status != 0) _exit(1);
        }
        _exit(0);
      }
      int status = 0;
      rusage usage{};
      ::wait4(child, &status, 0, &usage);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "a WRITE through %s failed\n", device.c_str());
        return 1;
      }
      write_us.push_back(us_of(usage) / writes);  // includes the shim's start-up: one open of the disc
    }
  }
  const double copy = median(copy_us), write = median(write_us);
  std::printf("%s: %d WRITEs of %d blocks, median of %d rounds: %.1f us of CPU each; pwrite of the same data %.1f us; "
              "the emulator's own cost %.1f us\n",
              device.empty() ? "in process" : device.c_str(), writes, blocks, rounds, write, copy, write - copy);
  return 0;
}
