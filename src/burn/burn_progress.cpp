#include "burn/burn_progress.hpp"

#include <algorithm>

#include "imapi_c.h"

namespace imapi::burn {

namespace {
// The phases whose time left follows from the part done: writing, and an
// erase or format (its part done is the drive's progress indication).
bool estimating(int32_t action) {
  return action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA || action == IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA;
}
}  // namespace

void ProgressBoard::begin(int64_t start_lba, int64_t sector_count) {
  std::lock_guard lock(mutex_);
  started_ = std::chrono::steady_clock::now();
  action_ = IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA;
  start_lba_ = start_lba;
  sector_count_ = sector_count;
  samples_.clear();
  writing_since_ = {};
  last_ring_ = {};
  last_read_.store(start_lba - 1);
  last_written_.store(start_lba - 1);
  drive_size_.store(0);
  drive_free_.store(0);
  underruns_.store(0);
}

void ProgressBoard::set_sector_count(int64_t sector_count) {
  std::lock_guard lock(mutex_);
  sector_count_ = sector_count;
}

void ProgressBoard::set_action(int32_t action) {
  std::lock_guard lock(mutex_);
  action_ = action;
  if (estimating(action)) writing_since_ = std::chrono::steady_clock::now();
}

void ProgressBoard::attach_ring(const RingBuffer* ring) {
  std::lock_guard lock(mutex_);
  if (ring_ && !ring) last_ring_ = ring_->stats();
  ring_ = ring;
}

BurnProgress ProgressBoard::snapshot() {
  using namespace std::chrono;
  std::lock_guard lock(mutex_);
  const auto now = steady_clock::now();
  BurnProgress p;
  p.action = action_;
  p.elapsed_ms = duration_cast<milliseconds>(now - started_).count();
  p.start_lba = start_lba_;
  p.sector_count = sector_count_;
  p.last_read_lba = last_read_.load();
  p.last_written_lba = last_written_.load();
  {
    auto s = ring_ ? ring_->stats() : last_ring_;
    p.total_system_buffer = s.total;
    p.used_system_buffer = s.used;
    p.free_system_buffer = s.free;
  }
  p.drive_buffer_size = drive_size_.load();
  p.drive_buffer_free = drive_free_.load();
  if (p.drive_buffer_size > 0)
    p.drive_buffer_fill_percent =
        static_cast<int32_t>((p.drive_buffer_size - p.drive_buffer_free) * 100 / p.drive_buffer_size);
  p.underrun_count = underruns_.load();
  // Speed: blocks written over the last second or so.
  samples_.emplace_back(now, p.last_written_lba);
  while (samples_.size() > 2 && now - samples_[1].first >= seconds(1)) samples_.pop_front();
  if (action_ == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA && samples_.size() >= 2) {
    const auto dt = duration_cast<microseconds>(now - samples_.front().first).count();
    const int64_t blocks = p.last_written_lba - samples_.front().second;
    if (dt > 0) p.current_speed_kbps = static_cast<int32_t>(blocks * 2048 * 1000 / dt);  // bytes/us*1000 = kB/s
  }
  // Time left: from the average rate since writing began.
  const int64_t written = p.last_written_lba - (start_lba_ - 1);
  const int64_t left = sector_count_ - written;
  if (estimating(action_) && written > 0 && writing_since_ != steady_clock::time_point{}) {
    const auto spent = duration_cast<milliseconds>(now - writing_since_).count();
    p.remaining_ms = spent * std::max<int64_t>(left, 0) / written;
    p.total_ms = p.elapsed_ms + p.remaining_ms;
  } else if (action_ >= IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION) {
    p.remaining_ms = 0;
    p.total_ms = p.elapsed_ms;
  }
  return p;
}

}  // namespace imapi::burn
