#include "device/emu/sr_block_writes.hpp"

#include <fcntl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "device/command_policy.hpp"
#include "device/emu/sr_ioctls.hpp"
#include "mmc/commands.hpp"
#include "mmc/sector_size.hpp"

namespace imapi::device::emu {

namespace {

constexpr uint64_t kBlock = mmc::kDataSectorSize;
// Blocks per WRITE(10): what the sr driver sends at most in one request (512 KiB).
constexpr uint64_t kBlocksPerCommand = 256;

bool read_block(Transport& drive, uint64_t lba, std::span<uint8_t> block) {
  return run_as_sr_driver(drive, mmc::read10(static_cast<uint32_t>(lba), 1).bytes(), DataDirection::kFromDevice, block)
      .good();
}

// The errno a failed WRITE reaches the writer with: writing past the end of the
// medium is ENOSPC, as the block layer says past the end of any device; the rest EIO.
int refused_write_errno(const CommandResult& r) {
  const auto sense = interpret_result(r).sense;
  return sense && sense->asc == 0x21 && sense->ascq == 0x00 ? -ENOSPC : -EIO;
}

}  // namespace

int64_t write_as_block_device(Transport& drive, std::span<const uint8_t> data, uint64_t offset) {
  if (data.empty()) return 0;
  const uint64_t first = offset / kBlock, end = (offset + data.size() + kBlock - 1) / kBlock;
  if (end > uint64_t{UINT32_MAX}) return -ENOSPC;  // beyond any medium: a 32-bit LBA cannot address it
  const uint64_t head = offset % kBlock, tail = (offset + data.size()) % kBlock;
  // Whole blocks go to the drive as they are; a partly covered block is merged into what it holds.
  std::vector<uint8_t> merged;
  std::span<const uint8_t> blocks = data;
  if (head != 0 || tail != 0) {
    merged.resize((end - first) * kBlock);
    if (head != 0 && !read_block(drive, first, std::span(merged).first(kBlock))) return -EIO;
    if (tail != 0 && (end - 1 != first || head == 0) && !read_block(drive, end - 1, std::span(merged).last(kBlock)))
      return -EIO;
    std::memcpy(merged.data() + head, data.data(), data.size());
    blocks = merged;
  }
  for (uint64_t done = 0; done < end - first;) {
    const uint64_t n = std::min(kBlocksPerCommand, end - first - done);
    // Data-out: the drive only reads the buffer, which the Transport interface types as writable.
    std::span<uint8_t> out(const_cast<uint8_t*>(blocks.data()) + done * kBlock, n * kBlock);
    const CommandResult r = run_as_sr_driver(
        drive, mmc::write10(static_cast<uint32_t>(first + done), static_cast<uint16_t>(n)).bytes(),
        DataDirection::kToDevice, out);
    if (!r.good()) return refused_write_errno(r);
    done += n;
  }
  return static_cast<int64_t>(data.size());
}

bool sr_refuses_write_open(bool write_protected, int open_flags) {
  return write_protected && (open_flags & O_ACCMODE) != O_RDONLY && (open_flags & O_NONBLOCK) == 0;
}

}  // namespace imapi::device::emu
