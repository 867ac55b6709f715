// The burn engine's host buffer: a single-producer/single-consumer ring of
// fixed-size chunks in one page-aligned allocation (O_DIRECT-aligned, so a
// chunk can be the buffer of a direct read or of an SG_IO transfer). The
// indices are atomics, so neither side takes a lock while there is room or
// data; a side that must wait sleeps on a condition variable (no spinning)
// and is woken by the other side or by cancel(). Its fill levels are IMAPI's
// TotalSystemBuffer / UsedSystemBuffer / FreeSystemBuffer.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

namespace imapi {

class RingBuffer {
 public:
  static constexpr size_t kAlignment = 4096;

  // `capacity` is rounded up to a whole number of chunks (at least two).
  RingBuffer(size_t capacity, size_t chunk_size);
  RingBuffer(const RingBuffer&) = delete;
  RingBuffer& operator=(const RingBuffer&) = delete;

  size_t chunk_size() const { return chunk_size_; }
  size_t chunk_count() const { return chunk_count_; }
  int64_t capacity() const { return static_cast<int64_t>(chunk_size_ * chunk_count_); }

  // --- Producer side (one thread at a time) ---
  // Free chunks contiguous in memory, at most `max_chunks` (>= 1), waiting up
  // to `timeout` for at least one. Empty when the time ran out or the ring was
  // cancelled (check cancelled()).
  std::span<uint8_t> writable(size_t max_chunks, std::chrono::milliseconds timeout);
  // Publishes the first `bytes` of the span writable() returned: whole chunks,
  // except that the very last chunk of the data may be partly filled (which
  // ends the data: finish() is implied).
  void commit(size_t bytes);
  // No more data will come; the consumer drains what is there and then sees the end.
  void finish();

  // --- Consumer side (one thread at a time) ---
  // The next chunk (its filled bytes), waiting up to `timeout`. nullopt when
  // the time ran out, the ring was cancelled, or the data ended (ended()).
  std::optional<std::span<const uint8_t>> readable(std::chrono::milliseconds timeout);
  // Gives the chunk readable() returned back to the producer.
  void release();
  // The producer finished and every chunk has been released.
  bool ended() const;

  // --- Either side, any thread ---
  // Wakes both sides; every later wait returns at once.
  void cancel();
  bool cancelled() const { return cancelled_.load(); }

  struct Stats {
    int64_t total = 0, used = 0, free = 0;  // bytes
  };
  Stats stats() const;

 private:
  bool has_free() const { return head_.load() - tail_.load() < chunk_count_; }
  bool has_data() const { return head_.load() != tail_.load(); }
  void wake(std::condition_variable& cv, std::atomic<bool>& waiting);

  struct AlignedFree {
    void operator()(uint8_t* p) const;
  };
  size_t chunk_size_;
  size_t chunk_count_;
  std::unique_ptr<uint8_t, AlignedFree> memory_;
  std::vector<size_t> filled_;  // bytes in each chunk, written by the producer before it publishes
  // Chunks published (head) and released (tail) since the start; slot = index % count.
  std::atomic<uint64_t> head_{0};
  std::atomic<uint64_t> tail_{0};
  std::atomic<int64_t> used_bytes_{0};
  std::atomic<bool> finished_{false};
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::condition_variable producer_cv_, consumer_cv_;
  std::atomic<bool> producer_waiting_{false}, consumer_waiting_{false};
};

}  // namespace imapi
