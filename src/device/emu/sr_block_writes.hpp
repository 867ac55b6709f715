// What the Linux sr driver makes of a write(2) to /dev/srN: WRITE(10)
// commands to the drive, of whole 2048-byte blocks. The LD_PRELOAD shim hands
// clients a descriptor on disc.img; their writes to it (growisofs writes
// DVD-RAM with pwrite64) go through this, so the drive sees them as it sees
// a kernel's: a write-protected medium refuses them, all-zero blocks stay
// holes, the medium's state (formatting, recorded extent) and the fault knobs
// apply.
#pragma once

#include <cstdint>
#include <span>

#include "device/transport.hpp"

namespace imapi::device::emu {

// Writes `data` at byte `offset` of the medium. A first or last block only
// partly covered is read first (READ(10)) and written back whole, as the page
// cache does. Returns data.size(), or -errno: EIO when the drive refuses a
// WRITE or READ (write-protected, not writable there, no medium; the blocks
// before the refused command are recorded, as with a kernel's failed
// writeback), ENOSPC when it reaches beyond the medium's last block
// (05/21/00).
int64_t write_as_block_device(Transport& drive, std::span<const uint8_t> data, uint64_t offset);

// Whether the sr driver refuses to open the device for writing (open(2)
// fails EROFS): a write-protected medium, unless the open is O_NONBLOCK
// (which the kernel lets through unchecked; writes then fail EIO).
bool sr_refuses_write_open(bool write_protected, int open_flags);

}  // namespace imapi::device::emu
