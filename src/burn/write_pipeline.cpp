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

namespace {

constexpr auto kUpdateEvery = 250ms;  // IMAPI: at least every 0.5 s
constexpr size_t kFillWindow = 4 << 20;  // bytes the producer asks the source for at once

// The consumer: the only code that sends WRITEs during the section.
void consume(const SectionSpec& spec, RingBuffer& ring, ProgressBoard& board) {
  const size_t unit_bytes = static_cast<size_t>(spec.unit_blocks) * static_cast<size_t>(spec.bytes_per_sector);
  std::vector<uint8_t> padded;  // the last, short WRITE when whole units are required
  int64_t lba = spec.start_lba;
  int64_t writes = 0;
  bool starving = false;
  while (true) {
    auto chunk = ring.readable(200ms);
    if (!chunk) {
      if (ring.ended() || ring.cancelled()) return;
      // The host ran dry mid-section: if the drive's buffer is empty too, it underran.
      if (!starving && lba > spec.start_lba) {
        starving = true;
        if (auto b = read_buffer_capacity(*spec.transport)) {
          board.drive_buffer(b->size, b->free);
          if (b->free >= b->size) board.underrun();
        }
      }
      continue;
    }
    starving = false;
    std::span<const uint8_t> data = *chunk;
    if (spec.streaming && data.size() < unit_bytes) {
      padded.assign(unit_bytes, 0);
      std::memcpy(padded.data(), data.data(), data.size());
      data = padded;
    }
    write_blocks(*spec.transport, lba, data, spec.streaming);
    lba += static_cast<int64_t>(chunk->size() / static_cast<size_t>(spec.bytes_per_sector));
    board.written_up_to(lba - 1);
    ring.release();
    if (++writes % spec.poll_every == 0)
      if (auto b = read_buffer_capacity(*spec.transport)) board.drive_buffer(b->size, b->free);
  }
}

}  // namespace

void write_section(const SectionSpec& spec, BlockSource& source, BlockHashes* hashes, ProgressBoard& board,
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
  const int64_t total = spec.source_bytes + spec.zero_tail_bytes;
  int64_t produced = 0;
  const int64_t bps = spec.bytes_per_sector;
  try {
    while (produced < total && !ring.cancelled()) {
      tick();
      auto span = ring.writable(std::max<size_t>(1, kFillWindow / unit_bytes), 100ms);
      if (span.empty()) continue;
      const size_t want = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(span.size()), total - produced));
      size_t got = 0;
      if (produced < spec.source_bytes) {
        const size_t from_source = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(want), spec.source_bytes - produced));
        got = source.fill(span.data(), from_source);
        if (got < from_source)
          throw Error(IMAPI_E_DATA_STREAM_READ_FAILURE,
                      "the data stream ended after " + std::to_string(produced + static_cast<int64_t>(got)) +
                          " of its " + std::to_string(spec.source_bytes) +
                          " bytes: the source shrank or failed while it was being burned");
      }
      if (got < want) {
        std::memset(span.data() + got, 0, want - got);
        got = want;
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
  if (produced >= total) ring.finish();
  while (writer.wait_for(100ms) != std::future_status::ready) tick();
  writer.get();  // the writer's error first: it says what the drive did
  if (producer_error) std::rethrow_exception(producer_error);
  if (cancelled || cancel.load()) throw Error(IMAPI_E_REQUEST_CANCELLED, "the write was cancelled");
  board.written_up_to(spec.start_lba + total / bps - 1);
  if (update) update();
}

}  // namespace imapi::burn
