// The operating-system calls the Linux backend makes, behind an interface so
// tests replace them with a fake (no /dev/sr*, no root, no hardware needed).
#pragma once

#include <optional>
#include <string>
#include <vector>

struct sg_io_hdr;

namespace imapi::device::linux_sg {

class LinuxSystem {
 public:
  virtual ~LinuxSystem() = default;
  // open(2): a descriptor, or -errno.
  virtual int open(const std::string& path, int flags) = 0;
  virtual void close(int fd) = 0;
  // ioctl(fd, SG_IO, hdr): 0, or -errno.
  virtual int sg_io(int fd, sg_io_hdr& hdr) = 0;
  // Names in a directory (no "." / ".."); empty when it does not exist.
  virtual std::vector<std::string> list_directory(const std::string& path) = 0;
  // A whole small file (sysfs attribute, mountinfo), or nullopt.
  virtual std::optional<std::string> read_file(const std::string& path) = 0;
  // realpath(3), or nullopt.
  virtual std::optional<std::string> real_path(const std::string& path) = 0;
  // Replaces a small file (the exclusive-access owner registry); false on failure.
  virtual bool write_file(const std::string& path, const std::string& content) = 0;
  virtual void remove_file(const std::string& path) = 0;
  // umount2(path, 0): 0, or -errno (EPERM without CAP_SYS_ADMIN, EBUSY while files are open there).
  virtual int unmount(const std::string& path) = 0;
  virtual bool process_alive(long pid) = 0;
  virtual long current_pid() = 0;
  // Where the owner registry lives ($XDG_RUNTIME_DIR, else /tmp).
  virtual std::string runtime_directory() = 0;
};

// The real thing.
LinuxSystem& real_linux_system();

}  // namespace imapi::device::linux_sg
