// What the Linux sr driver answers to the block-layer ioctls that stand for
// MMC commands (CDROM_DRIVE_STATUS, CDROMEJECT, BLKGETSIZE64, ...), computed
// from a drive's MMC answers. The LD_PRELOAD shim answers those ioctls for
// emulated drives with these; they live in the engine so that the shim reads
// sense through the same decoder and command rules as the library
// (command_policy.hpp), and so that tests can check it does.
#pragma once

#include <cstdint>
#include <span>

#include "device/transport.hpp"

namespace imapi::device::emu {

// One command as the sr driver sends it: command_rule(opcode)'s timeout and
// unit-attention re-issues (the kernel retries those too), but no waiting on
// a busy drive: the ioctl reports it instead.
CommandResult run_as_sr_driver(Transport& drive, std::span<const uint8_t> cdb, DataDirection direction = DataDirection::kNone,
                               std::span<uint8_t> buffer = {});

// CDROM_DRIVE_STATUS from TEST UNIT READY: CDS_DISC_OK (GOOD or a recovered
// error), CDS_NO_DISC (no medium, whatever the sense format), otherwise
// CDS_DRIVE_NOT_READY.
int cdrom_drive_status(Transport& drive);
// The same classification of one TEST UNIT READY answer.
int cdrom_drive_status_of(const CommandResult& test_unit_ready);

// BLKGETSIZE64: the recorded capacity in bytes from READ CAPACITY (2048-byte
// blocks); 0 when the drive has no readable medium.
uint64_t capacity_bytes(Transport& drive);

}  // namespace imapi::device::emu
