#include "device/linux/linux_system.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <scsi/sg.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <signal.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "core/file_io.hpp"
#include "core/unique_fd.hpp"

namespace imapi::device::linux_sg {

namespace {

class RealLinuxSystem final : public LinuxSystem {
 public:
  int open(const std::string& path, int flags) override {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    return fd >= 0 ? fd : -errno;
  }
  void close(int fd) override { ::close(fd); }
  int sg_io(int fd, sg_io_hdr& hdr) override {
    int rc;
    do rc = ::ioctl(fd, SG_IO, &hdr);
    while (rc < 0 && errno == EINTR);
    return rc == 0 ? 0 : -errno;
  }
  std::vector<std::string> list_directory(const std::string& path) override {
    std::vector<std::string> names;
    DIR* dir = ::opendir(path.c_str());
    if (!dir) return names;
    while (dirent* e = ::readdir(dir)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(dir);
    return names;
  }
  std::optional<std::string> read_file(const std::string& path) override {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return std::nullopt;
    std::string text;
    char buf[4096];
    for (;;) {  // sysfs and procfs files report size 0: read until EOF
      ssize_t n = ::read(fd.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return std::nullopt;
      if (n == 0) break;
      text.append(buf, static_cast<size_t>(n));
      if (text.size() > (1u << 20)) break;  // mountinfo of a container is far smaller
    }
    return text;
  }
  std::optional<std::string> real_path(const std::string& path) override {
    char buf[PATH_MAX];
    if (!::realpath(path.c_str(), buf)) return std::nullopt;
    return std::string(buf);
  }
  bool write_file(const std::string& path, const std::string& content) override {
    const std::string tmp = path + ".tmp";
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0 || pwrite_full(fd.get(), content.data(), static_cast<int64_t>(content.size()), 0) != 0) return false;
    return ::rename(tmp.c_str(), path.c_str()) == 0;
  }
  void remove_file(const std::string& path) override { ::unlink(path.c_str()); }
  int unmount(const std::string& path) override { return ::umount2(path.c_str(), 0) == 0 ? 0 : -errno; }
  bool process_alive(long pid) override {
    return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
  }
  long current_pid() override { return static_cast<long>(::getpid()); }
  std::string runtime_directory() override {
    const char* xdg = std::getenv("XDG_RUNTIME_DIR");
    return xdg && *xdg ? xdg : "/tmp";
  }
};

}  // namespace

LinuxSystem& real_linux_system() {
  static RealLinuxSystem system;  // stateless
  return system;
}

}  // namespace imapi::device::linux_sg
