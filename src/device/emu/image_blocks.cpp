#include "device/emu/image_blocks.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>

#include "core/file_io.hpp"
#include "mmc/sector_size.hpp"

namespace imapi::device::emu {

namespace {


// The bytes [offset, offset + length) read as zeros from now on, allocating nothing.
int zero_range(int fd, int64_t offset, int64_t length) {
  if (::fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) == 0) return 0;
  if (errno != EOPNOTSUPP && errno != ENOSYS) return errno;
  // A file system without holes: write the zeros.
  static const uint8_t zeros[64 * 1024] = {};
  for (int64_t done = 0; done < length;) {
    const int64_t n = std::min<int64_t>(length - done, sizeof zeros);
    if (int err = pwrite_full(fd, zeros, n, offset + done)) return err;
    done += n;
  }
  return 0;
}

}  // namespace

int store_blocks(int image_fd, uint64_t lba, std::span<const uint8_t> data) {
  const size_t blocks = data.size() / mmc::kDataSectorSize;
  int64_t zero_end = 0;  // end of the last zero run, to extend the file over a trailing hole
  for (size_t i = 0; i < blocks;) {
    const bool zero = all_zero(data.data() + i * mmc::kDataSectorSize, mmc::kDataSectorSize);
    size_t j = i + 1;
    while (j < blocks && all_zero(data.data() + j * mmc::kDataSectorSize, mmc::kDataSectorSize) == zero) ++j;
    const int64_t offset = static_cast<int64_t>((lba + i) * mmc::kDataSectorSize), length = static_cast<int64_t>((j - i) * mmc::kDataSectorSize);
    if (zero) {
      if (int err = zero_range(image_fd, offset, length)) return err;
      zero_end = offset + length;
    } else if (int err = pwrite_full(image_fd, data.data() + i * mmc::kDataSectorSize, length, offset)) {
      return err;
    }
    i = j;
  }
  if (zero_end != 0) {
    struct stat st {};
    if (::fstat(image_fd, &st) != 0) return errno;
    if (st.st_size < zero_end && ::ftruncate(image_fd, zero_end) != 0) return errno;
  }
  return 0;
}

}  // namespace imapi::device::emu
