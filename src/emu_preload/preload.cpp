// libimapi-emu-preload.so: presents emulated drives as /dev/srN (and /dev/scdN)
// to unmodified programs (cdrskin, growisofs, wodim, xorriso), per
// docs/emulated-drive.md and docs/architecture.md §5.
//
// open() of a drive's device path returns a real descriptor on the disc's
// data image, so read/pread act like a block device for free, and the
// descriptor survives dup, fork and exec; write/pwrite on it become WRITE(10)
// commands to the drive, as the sr driver makes them (sr_block_writes.hpp). Later calls recognise it by the
// image's device and inode, never by an fd table. SG_IO and the other ioctls
// are answered by an EmulatedDrive, whose state lives in files (not in this
// process), so re-executed and multi-threaded clients see one drive.
//
// Global mutable state (the only in the project, and only here): the table
// of configured drives, built once from IMAPI_EMU_DRIVES under std::call_once
// and read-only afterwards, plus each drive's SG timeout (an atomic). A
// thread-local flag lets the emulator's own file calls bypass the interposers.
#include <dlfcn.h>
#include <fcntl.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <scsi/scsi.h>
#include <scsi/scsi_ioctl.h>
#include <scsi/sg.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "device/command_policy.hpp"
#include "device/emu/drive_list.hpp"
#include "device/emu/emulated_drive.hpp"
#include "device/emu/sr_block_writes.hpp"
#include "device/emu/sr_ioctls.hpp"
#include "mmc/commands.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/sense.hpp"

#define EXPORT extern "C" __attribute__((visibility("default")))

namespace {

using imapi::device::DataDirection;
using imapi::device::emu::EmulatedDrive;

template <typename F>
F real(const char* name) {
  return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

// Calls into libc that the emulator itself makes must not be faked.
thread_local bool t_inside_emulator = false;

struct InsideEmulator {
  InsideEmulator() { t_inside_emulator = true; }
  ~InsideEmulator() { t_inside_emulator = false; }
};

// Saves errno on entry and puts it back on exit unless the call failed on purpose.
struct ErrnoGuard {
  int saved = errno;
  ~ErrnoGuard() { errno = saved; }
};

struct EmulatedDevice {
  int index = 0;
  std::string uri;
  std::unique_ptr<EmulatedDrive> drive;
  dev_t image_dev = 0;
  ino_t image_ino = 0;
  std::atomic<int> sg_timeout_jiffies{6000};
};

std::vector<std::unique_ptr<EmulatedDevice>>* g_devices = nullptr;  // immutable after init
std::once_flag g_once;
bool g_trace = false;

void init() {
  std::call_once(g_once, [] {
    InsideEmulator inside;
    ErrnoGuard keep_errno;
    auto* devices = new std::vector<std::unique_ptr<EmulatedDevice>>();  // lives as long as the process
    g_trace = std::getenv("IMAPI_EMU_TRACE") != nullptr;
    for (const std::string& uri : imapi::device::emu::drive_list_from_environment()) {
      auto dev = std::make_unique<EmulatedDevice>();
      dev->index = static_cast<int>(devices->size());
      dev->uri = uri;
      try {
        dev->drive = std::make_unique<EmulatedDrive>(EmulatedDrive::open_uri(uri));
        struct stat st {};
        if (real<int (*)(int, struct stat*)>("fstat")(dev->drive->image_fd(), &st) == 0) {
          dev->image_dev = st.st_dev;
          dev->image_ino = st.st_ino;
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "libimapi-emu-preload: /dev/sr%d: %s\n", dev->index, e.what());
        dev->drive.reset();
      }
      devices->push_back(std::move(dev));
    }
    g_devices = devices;
  });
}

// "/dev/sr0", "/dev/scd0" -> the device, or null.
EmulatedDevice* device_for_path(const char* path) {
  if (!path || t_inside_emulator || std::strncmp(path, "/dev/", 5) != 0) return nullptr;
  const char* name = path + 5;
  const char* digits = nullptr;
  if (std::strncmp(name, "sr", 2) == 0) digits = name + 2;
  else if (std::strncmp(name, "scd", 3) == 0) digits = name + 3;
  if (!digits || !*digits) return nullptr;
  char* end = nullptr;
  long n = std::strtol(digits, &end, 10);
  if (*end != '\0' || n < 0) return nullptr;
  init();
  if (static_cast<size_t>(n) >= g_devices->size() || !(*g_devices)[static_cast<size_t>(n)]->drive) return nullptr;
  return (*g_devices)[static_cast<size_t>(n)].get();
}

EmulatedDevice* device_for_stat(const struct stat& st) {
  if (t_inside_emulator) return nullptr;
  init();
  for (auto& d : *g_devices)
    if (d->drive && d->image_dev == st.st_dev && d->image_ino == st.st_ino) return d.get();
  return nullptr;
}

EmulatedDevice* device_for_fd(int fd) {
  if (t_inside_emulator || fd < 0) return nullptr;
  struct stat st {};
  ErrnoGuard keep_errno;
  if (real<int (*)(int, struct stat*)>("fstat")(fd, &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  return device_for_stat(st);
}

// What a block device node of the sr driver looks like.
void present_as_block_device(const EmulatedDevice& d, struct stat* st) {
  st->st_mode = S_IFBLK | 0660;
  st->st_rdev = makedev(11, static_cast<unsigned>(d.index));
  st->st_size = 0;
  st->st_blksize = imapi::mmc::kDataSectorSize;
}

int open_image(const EmulatedDevice& d, int flags) {
  InsideEmulator inside;
  if (imapi::device::emu::sr_refuses_write_open(d.drive->config().write_protected, flags)) {
    errno = EROFS;
    return -1;
  }
  flags &= ~(O_EXCL | O_CREAT | O_TRUNC | O_DIRECT | O_TMPFILE);
  return real<int (*)(const char*, int, ...)>("open")(d.drive->config().image_path().c_str(), flags);
}

// ---- SG_IO ----

void trace(const EmulatedDevice& d, const uint8_t* cdb, size_t len, std::span<const uint8_t> data_out,
           const imapi::device::CommandResult& r) {
  if (!g_trace) return;
  std::string line = "emu sr" + std::to_string(d.index) + ":";
  char hex[4];
  for (size_t i = 0; i < len; ++i) {
    std::snprintf(hex, sizeof hex, " %02x", cdb[i]);
    line += hex;
  }
  if (!data_out.empty() && data_out.size() <= 96) {  // parameter lists, not WRITE data
    line += " [";
    for (uint8_t b : data_out) {
      std::snprintf(hex, sizeof hex, "%02x", b);
      line += hex;
    }
    line += "]";
  }
  if (r.good()) {
    line += " -> good";
  } else if (auto sense = imapi::device::interpret_result(r).sense) {
    line += " -> " + imapi::mmc::sense_triple(sense->key, sense->asc, sense->ascq);
  } else {
    line += " -> status " + std::to_string(r.status) + ", no sense";
  }
  std::fprintf(stderr, "%s\n", line.c_str());
}

int do_sg_io(EmulatedDevice& d, sg_io_hdr_t* h) {
  if (!h || h->interface_id != 'S' || h->iovec_count != 0 || h->cmd_len == 0 || h->cmd_len > 16 || !h->cmdp) {
    errno = EINVAL;  // scatter-gather lists are not offered: the clients send flat buffers
    return -1;
  }
  DataDirection dir = DataDirection::kNone;
  switch (h->dxfer_direction) {
    case SG_DXFER_NONE: dir = DataDirection::kNone; break;
    case SG_DXFER_TO_DEV: dir = DataDirection::kToDevice; break;
    case SG_DXFER_FROM_DEV:
    case SG_DXFER_TO_FROM_DEV: dir = DataDirection::kFromDevice; break;
    default: errno = EINVAL; return -1;
  }
  std::span<uint8_t> buffer;
  if (dir != DataDirection::kNone && h->dxfer_len > 0) {
    if (!h->dxferp) { errno = EFAULT; return -1; }
    buffer = {static_cast<uint8_t*>(h->dxferp), h->dxfer_len};
  }
  imapi::device::CommandResult r;
  try {
    InsideEmulator inside;
    r = d.drive->execute({h->cmdp, h->cmd_len}, dir, buffer);
  } catch (const std::exception& e) {
    // The emulator could not reach its files: a hardware error, as a dying drive reports.
    std::fprintf(stderr, "libimapi-emu-preload: /dev/sr%d: %s\n", d.index, e.what());
    auto sense = imapi::mmc::encode_fixed_sense(imapi::mmc::sense_key::kHardwareError, 0x44, 0x00);  // internal target failure
    r = {};
    r.status = imapi::device::scsi_status::kCheckCondition;
    std::copy(sense.begin(), sense.end(), r.sense.begin());
    r.sense_length = static_cast<uint8_t>(sense.size());
    r.residual = buffer.size();
  }
  trace(d, h->cmdp, h->cmd_len, dir == DataDirection::kToDevice ? buffer : std::span<uint8_t>{}, r);
  h->status = r.status;
  h->masked_status = static_cast<unsigned char>(r.status >> 1);
  h->msg_status = 0;
  h->host_status = 0;
  h->driver_status = r.good() ? 0 : 0x08;  // DRIVER_SENSE
  h->resid = static_cast<int>(r.residual);
  h->duration = 1;
  h->info = r.good() ? 0 : SG_INFO_CHECK;
  h->sb_len_wr = 0;
  if (!r.good() && h->sbp && h->mx_sb_len > 0) {
    h->sb_len_wr = static_cast<unsigned char>(std::min<size_t>(h->mx_sb_len, r.sense_length));
    std::memcpy(h->sbp, r.sense.data(), h->sb_len_wr);
  }
  return 0;
}

// Runs one of the block-layer ioctls that map to MMC commands (sr_ioctls.hpp);
// `fallback` when the emulator could not reach its files.
template <typename F, typename T>
T as_sr_driver(EmulatedDevice& d, F&& ioctl_answer, T fallback) {
  InsideEmulator inside;
  try {
    return ioctl_answer(*d.drive);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "libimapi-emu-preload: /dev/sr%d: %s\n", d.index, e.what());
    return fallback;
  }
}

bool command_succeeds(EmulatedDevice& d, const imapi::mmc::Cdb& cdb) {
  return as_sr_driver(
      d, [&](imapi::device::Transport& t) { return imapi::device::emu::run_as_sr_driver(t, cdb.bytes()).good(); },
      false);
}

int emulated_ioctl(EmulatedDevice& d, unsigned long request, void* arg) {
  ErrnoGuard keep_errno;
  auto fail = [&](int err) {
    keep_errno.saved = err;
    return -1;
  };
  switch (request) {
    case SG_IO:
      if (do_sg_io(d, static_cast<sg_io_hdr_t*>(arg)) != 0) return fail(errno);
      return 0;
    case SG_GET_SCSI_ID: {
      if (!arg) return fail(EFAULT);
      auto* id = static_cast<struct sg_scsi_id*>(arg);
      std::memset(id, 0, sizeof *id);
      id->host_no = d.index;
      id->scsi_type = 5;  // CD/DVD
      id->h_cmd_per_lun = 1;
      id->d_queue_depth = 1;
      return 0;
    }
    case SCSI_IOCTL_GET_IDLUN: {
      if (!arg) return fail(EFAULT);
      int* v = static_cast<int*>(arg);
      v[0] = (d.index & 0xFF) << 24;  // scsi id 0, lun 0, channel 0, host = index
      v[1] = d.index;
      return 0;
    }
    case SCSI_IOCTL_GET_BUS_NUMBER:
      if (!arg) return fail(EFAULT);
      *static_cast<int*>(arg) = d.index;
      return 0;
    case SG_GET_VERSION_NUM:
      if (!arg) return fail(EFAULT);
      *static_cast<int*>(arg) = 30536;
      return 0;
    case SG_SET_TIMEOUT:
      if (!arg) return fail(EFAULT);
      d.sg_timeout_jiffies = *static_cast<int*>(arg);
      return 0;
    case SG_GET_TIMEOUT:
      return d.sg_timeout_jiffies;
    case SG_GET_RESERVED_SIZE:
      if (!arg) return fail(EFAULT);
      *static_cast<int*>(arg) = 256 * 1024;
      return 0;
    case SG_SET_RESERVED_SIZE:
    case SG_EMULATED_HOST:
      if (request == SG_EMULATED_HOST && arg) *static_cast<int*>(arg) = 0;
      return 0;
    case CDROM_MEDIA_CHANGED:
      return 0;
    case CDROM_DRIVE_STATUS:
      return as_sr_driver(d, imapi::device::emu::cdrom_drive_status, CDS_DRIVE_NOT_READY);
    case CDROMEJECT:
      return command_succeeds(d, imapi::mmc::start_stop_unit(false, true)) ? 0 : fail(EIO);
    case CDROMCLOSETRAY:
      return command_succeeds(d, imapi::mmc::start_stop_unit(true, true)) ? 0 : fail(EIO);
    case CDROM_LOCKDOOR:
      return command_succeeds(d, imapi::mmc::prevent_allow_medium_removal(arg != nullptr)) ? 0 : fail(EIO);
    case CDROM_GET_CAPABILITY:
      return CDC_CLOSE_TRAY | CDC_OPEN_TRAY | CDC_LOCK | CDC_SELECT_SPEED | CDC_MULTI_SESSION | CDC_MCN |
             CDC_MEDIA_CHANGED | CDC_DRIVE_STATUS | CDC_GENERIC_PACKET | CDC_CD_R | CDC_CD_RW | CDC_DVD |
             CDC_DVD_R | CDC_DVD_RAM | CDC_MRW | CDC_MRW_W | CDC_RAM;
    case CDROM_CLEAR_OPTIONS:
    case CDROM_SET_OPTIONS:
    case BLKFLSBUF:
    case BLKRRPART:
      return 0;
    case BLKSSZGET:
    case BLKBSZGET:
      if (!arg) return fail(EFAULT);
      *static_cast<int*>(arg) = imapi::mmc::kDataSectorSize;
      return 0;
    case BLKGETSIZE64:
    case BLKGETSIZE: {
      if (!arg) return fail(EFAULT);
      const uint64_t bytes = as_sr_driver(d, imapi::device::emu::capacity_bytes, uint64_t{0});
      if (request == BLKGETSIZE64) *static_cast<uint64_t*>(arg) = bytes;
      else *static_cast<unsigned long*>(arg) = static_cast<unsigned long>(bytes / 512);
      return 0;
    }
    case HDIO_GET_IDENTITY:
      return fail(EINVAL);  // not an ATA disk: clients then know to speak SCSI
    default:
      return fail(ENOTTY);
  }
}

int fake_path_stat(const char* path, struct stat* st) {
  EmulatedDevice* d = device_for_path(path);
  if (!d) return 1;  // not ours
  InsideEmulator inside;
  int rc = real<int (*)(const char*, struct stat*)>("stat")(d->drive->config().image_path().c_str(), st);
  if (rc == 0) present_as_block_device(*d, st);
  return rc;
}

void fake_fd_stat(struct stat* st) {
  if (S_ISREG(st->st_mode))
    if (EmulatedDevice* d = device_for_stat(*st)) present_as_block_device(*d, st);
}

}  // namespace

// ---- open family ----

namespace {

// open(2)'s optional third argument: there only when the flags create a file.
mode_t creation_mode(int flags, va_list ap) {
  return (flags & (O_CREAT | O_TMPFILE)) ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

int open_path(const char* real_name, const char* path, int flags, mode_t mode) {
  if (EmulatedDevice* d = device_for_path(path)) return open_image(*d, flags);
  return real<int (*)(const char*, int, ...)>(real_name)(path, flags, mode);
}

int openat_path(const char* real_name, int dirfd, const char* path, int flags, mode_t mode) {
  if (EmulatedDevice* d = device_for_path(path)) return open_image(*d, flags);
  return real<int (*)(int, const char*, int, ...)>(real_name)(dirfd, path, flags, mode);
}

}  // namespace

EXPORT int open(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = creation_mode(flags, ap);
  va_end(ap);
  return open_path("open", path, flags, mode);
}

EXPORT int open64(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = creation_mode(flags, ap);
  va_end(ap);
  return open_path("open64", path, flags, mode);
}

EXPORT int __open_2(const char* path, int flags) {
  if (EmulatedDevice* d = device_for_path(path)) return open_image(*d, flags);
  return real<int (*)(const char*, int)>("__open_2")(path, flags);
}

EXPORT int __open64_2(const char* path, int flags) {
  if (EmulatedDevice* d = device_for_path(path)) return open_image(*d, flags);
  return real<int (*)(const char*, int)>("__open64_2")(path, flags);
}

EXPORT int openat(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = creation_mode(flags, ap);
  va_end(ap);
  return openat_path("openat", dirfd, path, flags, mode);
}

EXPORT int openat64(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = creation_mode(flags, ap);
  va_end(ap);
  return openat_path("openat64", dirfd, path, flags, mode);
}

EXPORT int access(const char* path, int how) {
  if (device_for_path(path)) return 0;
  return real<int (*)(const char*, int)>("access")(path, how);
}

// ---- stat family: GLIBC_2.33 names ----

EXPORT int stat(const char* path, struct stat* st) {
  if (int rc = fake_path_stat(path, st); rc != 1) return rc;
  return real<int (*)(const char*, struct stat*)>("stat")(path, st);
}
EXPORT int lstat(const char* path, struct stat* st) {
  if (int rc = fake_path_stat(path, st); rc != 1) return rc;
  return real<int (*)(const char*, struct stat*)>("lstat")(path, st);
}
EXPORT int fstat(int fd, struct stat* st) {
  int rc = real<int (*)(int, struct stat*)>("fstat")(fd, st);
  if (rc == 0) fake_fd_stat(st);
  return rc;
}
// x86-64 and the other LP64 ABIs glibc supports share one struct stat layout for stat and stat64.
EXPORT int stat64(const char* path, struct stat64* st) { return stat(path, reinterpret_cast<struct stat*>(st)); }
EXPORT int lstat64(const char* path, struct stat64* st) { return lstat(path, reinterpret_cast<struct stat*>(st)); }
EXPORT int fstat64(int fd, struct stat64* st) { return fstat(fd, reinterpret_cast<struct stat*>(st)); }
EXPORT int fstatat(int dirfd, const char* path, struct stat* st, int flags) {
  if (int rc = fake_path_stat(path, st); rc != 1) return rc;
  int rc = real<int (*)(int, const char*, struct stat*, int)>("fstatat")(dirfd, path, st, flags);
  if (rc == 0 && (flags & AT_EMPTY_PATH) && path[0] == 0) fake_fd_stat(st);
  return rc;
}
EXPORT int fstatat64(int dirfd, const char* path, struct stat64* st, int flags) {
  return fstatat(dirfd, path, reinterpret_cast<struct stat*>(st), flags);
}

// ---- stat family: the pre-2.33 versioned wrappers (_STAT_VER) older binaries import ----

EXPORT int __xstat(int, const char* path, struct stat* st) { return stat(path, st); }
EXPORT int __lxstat(int, const char* path, struct stat* st) { return lstat(path, st); }
EXPORT int __fxstat(int, int fd, struct stat* st) { return fstat(fd, st); }
EXPORT int __xstat64(int, const char* path, struct stat64* st) { return stat64(path, st); }
EXPORT int __lxstat64(int, const char* path, struct stat64* st) { return lstat64(path, st); }
EXPORT int __fxstat64(int, int fd, struct stat64* st) { return fstat64(fd, st); }
EXPORT int __fxstatat(int, int dirfd, const char* path, struct stat* st, int flags) {
  return fstatat(dirfd, path, st, flags);
}
EXPORT int __fxstatat64(int, int dirfd, const char* path, struct stat64* st, int flags) {
  return fstatat64(dirfd, path, st, flags);
}

// ---- write family: the sr driver's WRITE(10) commands ----

namespace {

ssize_t write_through_drive(EmulatedDevice& d, const void* buf, size_t count, off_t offset) {
  ErrnoGuard keep_errno;
  InsideEmulator inside;
  int64_t n = 0;
  try {
    n = imapi::device::emu::write_as_block_device(*d.drive, {static_cast<const uint8_t*>(buf), count},
                                                  static_cast<uint64_t>(offset));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "libimapi-emu-preload: /dev/sr%d: %s\n", d.index, e.what());
    n = -EIO;
  }
  if (n < 0) {
    keep_errno.saved = static_cast<int>(-n);
    return -1;
  }
  return static_cast<ssize_t>(n);
}

}  // namespace

EXPORT ssize_t pwrite(int fd, const void* buf, size_t count, off_t offset) {
  if (EmulatedDevice* d = device_for_fd(fd)) return write_through_drive(*d, buf, count, offset);
  return real<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite")(fd, buf, count, offset);
}
EXPORT ssize_t pwrite64(int fd, const void* buf, size_t count, off64_t offset) {
  if (EmulatedDevice* d = device_for_fd(fd)) return write_through_drive(*d, buf, count, offset);
  return real<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64")(fd, buf, count, offset);
}
EXPORT ssize_t write(int fd, const void* buf, size_t count) {
  if (EmulatedDevice* d = device_for_fd(fd)) {
    const off_t at = real<off_t (*)(int, off_t, int)>("lseek")(fd, 0, SEEK_CUR);
    if (at < 0) return -1;
    const ssize_t n = write_through_drive(*d, buf, count, at);
    if (n > 0) {
      ErrnoGuard keep_errno;
      real<off_t (*)(int, off_t, int)>("lseek")(fd, at + n, SEEK_SET);
    }
    return n;
  }
  return real<ssize_t (*)(int, const void*, size_t)>("write")(fd, buf, count);
}

// ---- ioctl ----

EXPORT int ioctl(int fd, unsigned long request, ...) {
  va_list ap;
  va_start(ap, request);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  if (EmulatedDevice* d = device_for_fd(fd)) return emulated_ioctl(*d, request, arg);
  return real<int (*)(int, unsigned long, void*)>("ioctl")(fd, request, arg);
}
