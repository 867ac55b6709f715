#include "core/ring_buffer.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <stdexcept>

namespace imapi {

void RingBuffer::AlignedFree::operator()(uint8_t* p) const { std::free(p); }

RingBuffer::RingBuffer(size_t capacity, size_t chunk_size)
    : chunk_size_(chunk_size), chunk_count_(std::max<size_t>(2, (capacity + chunk_size - 1) / chunk_size)) {
  if (chunk_size == 0 || chunk_size % kAlignment != 0)
    throw std::invalid_argument("ring buffer chunks must be a non-zero multiple of 4096 bytes");
  // Pages are not touched here: the kernel backs them as the producer first fills them.
  void* p = std::aligned_alloc(kAlignment, chunk_size_ * chunk_count_);
  if (!p) throw std::bad_alloc();
  memory_.reset(static_cast<uint8_t*>(p));
  filled_.assign(chunk_count_, 0);
}

void RingBuffer::wake(std::condition_variable& cv, std::atomic<bool>& waiting) {
  // The waiter sets `waiting` under the mutex before it tests its condition;
  // both sides use sequentially consistent atomics, so a waiter that did not see
  // the new index is seen waiting here.
  if (waiting.load()) {
    std::lock_guard lock(mutex_);
    cv.notify_all();
  }
}

std::span<uint8_t> RingBuffer::writable(size_t max_chunks, std::chrono::milliseconds timeout) {
  if (!has_free() && !cancelled()) {
    std::unique_lock lock(mutex_);
    producer_waiting_.store(true);
    producer_cv_.wait_for(lock, timeout, [&] { return has_free() || cancelled(); });
    producer_waiting_.store(false);
  }
  if (cancelled() || !has_free()) return {};
  const uint64_t head = head_.load();
  const size_t slot = head % chunk_count_;
  const size_t free_chunks = chunk_count_ - static_cast<size_t>(head - tail_.load());
  const size_t n = std::min({std::max<size_t>(1, max_chunks), free_chunks, chunk_count_ - slot});
  return {memory_.get() + slot * chunk_size_, n * chunk_size_};
}

void RingBuffer::commit(size_t bytes) {
  if (bytes == 0) return;
  const uint64_t head = head_.load();
  size_t chunks = (bytes + chunk_size_ - 1) / chunk_size_;
  for (size_t i = 0; i < chunks; ++i) {
    const size_t in_chunk = std::min(chunk_size_, bytes - i * chunk_size_);
    filled_[(head + i) % chunk_count_] = in_chunk;
  }
  used_bytes_.fetch_add(static_cast<int64_t>(bytes));
  const bool partial = bytes % chunk_size_ != 0;
  head_.store(head + chunks);
  if (partial) finished_.store(true);
  wake(consumer_cv_, consumer_waiting_);
}

void RingBuffer::finish() {
  finished_.store(true);
  wake(consumer_cv_, consumer_waiting_);
}

std::optional<std::span<const uint8_t>> RingBuffer::readable(std::chrono::milliseconds timeout) {
  auto ready = [&] { return has_data() || finished_.load() || cancelled(); };
  if (!ready()) {
    std::unique_lock lock(mutex_);
    consumer_waiting_.store(true);
    consumer_cv_.wait_for(lock, timeout, ready);
    consumer_waiting_.store(false);
  }
  if (cancelled() || !has_data()) return std::nullopt;
  const size_t slot = tail_.load() % chunk_count_;
  return std::span<const uint8_t>(memory_.get() + slot * chunk_size_, filled_[slot]);
}

void RingBuffer::release() {
  const uint64_t tail = tail_.load();
  used_bytes_.fetch_sub(static_cast<int64_t>(filled_[tail % chunk_count_]));
  tail_.store(tail + 1);
  wake(producer_cv_, producer_waiting_);
}

bool RingBuffer::ended() const { return finished_.load() && !has_data(); }

void RingBuffer::cancel() {
  cancelled_.store(true);
  std::lock_guard lock(mutex_);
  producer_cv_.notify_all();
  consumer_cv_.notify_all();
}

RingBuffer::Stats RingBuffer::stats() const {
  Stats s;
  s.total = capacity();
  s.used = std::clamp<int64_t>(used_bytes_.load(), 0, s.total);
  s.free = s.total - s.used;
  return s;
}

}  // namespace imapi
