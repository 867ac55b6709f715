#include "burn/write_pipeline.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "burn/drive_ops.hpp"
#include "core/dedicated_thread.hpp"
#include "core/error.hpp"
#include "core/ring_buffer.hpp"

namespace imapi::burn {

using namespace std::chrono_literals;
using device::Transport;

namespace {

constexpr auto kUpdateEvery = 250ms;  // IMAPI: at least every 0.5 s

// A pause this long between two WRITEs can empty a small drive buffer (64 KiB
// at 12x BD lasts 1.2 ms), so the writer looks at the buffer before the next one.
constexpr auto kPauseWorthALook = 1ms;

// The drive's underruns as the host sees them. MMC has no command that reports
// a drive's BUFE recoveries; READ BUFFER CAPACITY is its only window on the
// buffer. A drive underruns when its buffer empties while the track is still
// being written: the next WRITE is then linked over (BUFE) or fails. So an
// empty buffer seen after the section's first WRITE marks the drive as run dry,
// and the next WRITE counts one underrun, as the drive does. A drive that never
// reports data in its buffer (one faster than the bus, such as the unthrottled
// emulator) cannot run dry and is never counted. The buffer is looked at
// before every WRITE that follows a pause (the writer waited for the ring, or
// kPauseWorthALook passed) and before every WRITE while the last look found
// it less than half full; a full buffer is looked at only every poll_every WRITEs.
class DriveBufferWatch {
 public:
  DriveBufferWatch(Transport& transport, ProgressBoard& board) : transport_(transport), board_(board) {}
  // READ BUFFER CAPACITY now; `wrote` says whether a WRITE of this section went before.
  void look(bool wrote) {
    auto b = read_buffer_capacity(transport_);
    if (!b) return;
    board_.drive_buffer(b->size, b->free);
    low_ = b->free > b->size / 2;
    if (b->free < b->size)
      holds_data_ = true;
    else if (holds_data_ && wrote)
      ran_dry_ = true;
  }
  // The last look found the buffer less than half full: the next WRITE may find it empty.
  bool low() const { return low_ && holds_data_; }
  // Just before a WRITE: counts the underrun the drive is about to link over.
  void before_write() {
    if (ran_dry_) board_.underrun();
    ran_dry_ = false;
  }

 private:
  Transport& transport_;
  ProgressBoard& board_;
  bool holds_data_ = false;
  bool ran_dry_ = false;
  bool low_ = false;
};

// The consumer: the only code that sends WRITEs during the section.
void consume(const SectionSpec& spec, RingBuffer& ring, ProgressBoard& board) {
  const size_t unit_bytes = static_cast<size_t>(spec.unit_blocks) * static_cast<size_t>(spec.bytes_per_sector);
  std::vector<uint8_t> padded;  // the last, short WRITE when whole units are required
  DriveBufferWatch drive(*spec.transport, board);
  int64_t lba = spec.start_lba;
  int64_t writes = 0;
  auto last_write = std::chrono::steady_clock::now();
  while (true) {
    bool waited = false;
    auto chunk = ring.readable(0ms);
    while (!chunk) {
      if (ring.ended() || ring.cancelled()) return;
      waited = true;
      chunk = ring.readable(200ms);
      if (!chunk && writes > 0) drive.look(true);  // the host is dry: show the drive's level while we wait
    }
    if (writes > 0 && (waited || drive.low() || std::chrono::steady_clock::now() - last_write >= kPauseWorthALook))
      drive.look(true);
    std::span<const uint8_t> data = *chunk;
    if (spec.streaming && data.size() < unit_bytes) {
      padded.assign(unit_bytes, 0);
      std::memcpy(padded.data(), data.data(), data.size());
      data = padded;
    }
    drive.before_write();
    write_blocks(*spec.transport, lba, data, spec.streaming);
    last_write = std::chrono::steady_clock::now();
    lba += static_cast<int64_t>(chunk->size() / static_cast<size_t>(spec.bytes_per_sector));
    board.written_up_to(lba - 1);
    ring.release();
    // After the first WRITE (does this drive buffer at all?) and then regularly, for the progress.
    if (++writes % spec.poll_every == 1 % spec.poll_every) drive.look(true);
  }
}

}  // namespace

int64_t write_section(const SectionSpec& spec, BlockSource& source, BlockHashes* hashes, ProgressBoard& board,
                      const UpdateFn& update, const std::atomic<bool>& cancel) {
  const size_t unit_bytes = static_cast<size_t>(spec.unit_blocks) * static_cast<size_t>(spec.bytes_per_sector);
  RingBuffer ring(static_cast<size_t>(spec.buffer_bytes), unit_bytes);
  board.attach_ring(&ring);
  struct Detach {
    ProgressBoard& b;
    ~Detach() { b.attach_ring(nullptr); }
  } detach{board};

  auto next_update = std::chrono::steady_clock::now();
  bool cancelled = false;
  auto tick = [&] {
    if (cancel.load()) cancelled = true;
    if (std::chrono::steady_clock::now() >= next_update) {
      next_update = std::chrono::steady_clock::now() + kUpdateEvery;
      if (update && !update()) cancelled = true;
    }
    if (cancelled) ring.cancel();
  };

  DedicatedThread writer_thread;
  auto writer = writer_thread.run([&] {
    try {
      consume(spec, ring, board);
    } catch (...) {
      ring.cancel();  // the producer stops filling
      throw;
    }
  });

  std::exception_ptr producer_error;
  const int64_t bps = spec.bytes_per_sector;
  const bool open_ended = spec.source_bytes < 0;
  // An open-ended source's size is known when it ends; until then, the room there is.
  int64_t source_bytes = open_ended ? spec.max_source_bytes : spec.source_bytes;
  bool source_ended = false;
  int64_t produced = 0;
  auto total = [&] { return source_bytes + spec.zero_tail_bytes; };
  try {
    while (produced < total() && !ring.cancelled()) {
      tick();
      auto span = ring.writable(std::max<size_t>(1, source.window_bytes() / unit_bytes), 100ms);
      if (span.empty()) continue;
      size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(span.size()), total() - produced));
      size_t got = 0;
      if (produced < source_bytes) {
        const size_t from_source = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(want), source_bytes - produced));
        got = source.fill(span.data(), from_source);
        if (got < from_source && !open_ended)
          throw Error(IMAPI_E_DATA_STREAM_READ_FAILURE,
                      "the data stream ended after " + std::to_string(produced + static_cast<int64_t>(got)) +
                          " of its " + std::to_string(spec.source_bytes) +
                          " bytes: the source shrank or failed while it was being burned");
        if (got < from_source) {
          // The end of the pipe: its last sector is padded, then the tail follows.
          source_ended = true;
          const int64_t end = produced + static_cast<int64_t>(got);
          source_bytes = (end + bps - 1) / bps * bps;
          if (source_bytes == 0)
            throw Error(IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED, "the data stream is empty: there is nothing to burn");
          want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(span.size()), total() - produced));
          if (want == 0) break;  // it ended on a chunk's boundary and no tail follows
        }
      }
      if (got < want) {
        std::memset(span.data() + got, 0, want - got);
        got = want;
      }
      if (open_ended && !source_ended && produced + static_cast<int64_t>(got) >= source_bytes) {
        uint8_t probe = 0;  // the room is full: the pipe must end here
        if (source.fill(&probe, 1) != 0)
          throw Error(IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA,
                      "the data stream goes on past the " + std::to_string(spec.max_source_bytes / bps) +
                          " free sectors of the disc: use a larger disc or a smaller stream");
        source_ended = true;
      }
      if (hashes) hashes->add(span.data(), got);
      ring.commit(got);
      produced += static_cast<int64_t>(got);
      board.read_up_to(spec.start_lba + produced / bps - 1);
    }
  } catch (...) {
    producer_error = std::current_exception();
    ring.cancel();
  }
  if (produced >= total()) ring.finish();
  while (writer.wait_for(100ms) != std::future_status::ready) tick();
  writer.get();  // the writer's error first: it says what the drive did
  if (producer_error) std::rethrow_exception(producer_error);
  if (cancelled || cancel.load()) throw Error(IMAPI_E_REQUEST_CANCELLED, "the write was cancelled");
  board.written_up_to(spec.start_lba + total() / bps - 1);
  if (update) update();
  return source_bytes;
}

}  // namespace imapi::burn
