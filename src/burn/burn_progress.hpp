// The Update event's arguments, and the board the burn's threads post them to:
// the writer posts what the drive accepted and its buffer, the producer what it
// read, the orchestrating thread the action; anyone takes a snapshot.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>

#include "core/ring_buffer.hpp"

namespace imapi::burn {

struct BurnProgress {
  int32_t action = 0;  // IMAPI_FORMAT2_DATA_WRITE_ACTION_*
  int64_t elapsed_ms = 0;
  int64_t remaining_ms = -1;
  int64_t total_ms = -1;
  int64_t start_lba = 0;
  int64_t sector_count = 0;
  int64_t last_read_lba = -1;
  int64_t last_written_lba = -1;
  int64_t total_system_buffer = 0;
  int64_t used_system_buffer = 0;
  int64_t free_system_buffer = 0;
  int64_t drive_buffer_size = 0;
  int64_t drive_buffer_free = 0;
  int32_t drive_buffer_fill_percent = -1;
  int32_t current_speed_kbps = 0;
  int64_t underrun_count = 0;
};

class ProgressBoard {
 public:
  // A new write: clears everything and starts the clock.
  void begin(int64_t start_lba, int64_t sector_count);
  void set_action(int32_t action);
  // The write's size, once a stream of unknown size (a pipe) has ended.
  void set_sector_count(int64_t sector_count);
  // The ring of the running write (nullptr after it: its last levels are kept).
  void attach_ring(const RingBuffer* ring);
  void read_up_to(int64_t lba) { last_read_.store(lba); }
  void written_up_to(int64_t lba) { last_written_.store(lba); }
  void drive_buffer(int64_t size, int64_t free) {
    drive_size_.store(size);
    drive_free_.store(free);
  }
  void underrun() { underruns_.fetch_add(1); }
  BurnProgress snapshot();

 private:
  std::mutex mutex_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  int32_t action_ = 0;
  int64_t start_lba_ = 0, sector_count_ = 0;
  const RingBuffer* ring_ = nullptr;
  RingBuffer::Stats last_ring_{};  // the levels when the ring went away (the last write's)
  // (time, last written LBA) samples of the last seconds, for the current speed.
  std::deque<std::pair<std::chrono::steady_clock::time_point, int64_t>> samples_;
  std::chrono::steady_clock::time_point writing_since_{};
  std::atomic<int64_t> last_read_{-1}, last_written_{-1}, drive_size_{0}, drive_free_{0}, underruns_{0};
};

}  // namespace imapi::burn
