// One contiguous write of a section to the drive: the calling thread produces
// (fills the ring from the source and hashes what it puts there), a dedicated
// thread consumes (the only one issuing WRITEs), and the calling thread also
// reports progress and reacts to cancellation while it waits.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "burn/block_hashes.hpp"
#include "burn/burn_progress.hpp"
#include "device/transport.hpp"

namespace imapi::burn {

// Where the section's bytes come from, read in order on the calling thread.
class BlockSource {
 public:
  virtual ~BlockSource() = default;
  // Fills `out` with the next `n` bytes; returns fewer only at the end of the source.
  virtual size_t fill(uint8_t* out, size_t n) = 0;
  // Bytes the producer asks for at once (and publishes to the writer
  // together); 0 means one write unit, so a slow source's data reaches the
  // drive as it comes. More where a batch is what makes reading fast.
  virtual size_t window_bytes() const { return 0; }
};

struct SectionSpec {
  device::Transport* transport = nullptr;
  int64_t start_lba = 0;
  int64_t source_bytes = 0;     // read from the source; -1: to its end (a pipe), at most max_source_bytes
  int64_t max_source_bytes = 0; // with source_bytes -1: the room there is
  int64_t zero_tail_bytes = 0;  // then this many zero bytes (the CD post-gap)
  int32_t unit_blocks = 16;     // blocks per WRITE
  bool streaming = false;       // WRITE(12) Streaming; the last WRITE is padded to a whole unit
  int64_t buffer_bytes = 64 << 20;
  int32_t bytes_per_sector = 2048;
  int32_t poll_every = 16;      // WRITEs between READ BUFFER CAPACITY polls
};

// Called on the calling thread at least every 0.5 s; returns false to cancel.
using UpdateFn = std::function<bool()>;

// Runs the section to its end; returns the bytes of the source written (an
// open-ended source's last partial sector padded with zeros). Throws the first
// error (the writer's before the producer's); IMAPI_E_REQUEST_CANCELLED when
// `cancel` was set or `update` returned false; IMAPI_E_DATA_STREAM_READ_FAILURE
// when the source ended early; for an open-ended source,
// IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA when it goes on past
// max_source_bytes and IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED when it is empty.
int64_t write_section(const SectionSpec& spec, BlockSource& source, BlockHashes* hashes, ProgressBoard& board,
                   const UpdateFn& update, const std::atomic<bool>& cancel);

}  // namespace imapi::burn
