// IMAPI's helper streams made of other streams: IStreamConcatenate (one stream
// after another) and IStreamInterleave (round-robin chunks of each). Both are
// seekable and read their parts at offsets of their own, so a part may be
// shared with other handles or appear twice.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/stream_parts.hpp"

namespace imapi {

// Initialize / Initialize2 / Append / Append2. At least one stream; the size
// is the sum of the parts' sizes when they were added.
class ConcatenatedStream final : public ComposedStream {
 public:
  explicit ConcatenatedStream(const std::vector<std::shared_ptr<Stream>>& streams);
  // Appends at the end; the position is kept. Refuses a stream that reads this one.
  void append(const std::vector<std::shared_ptr<Stream>>& streams);
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return size_; }
  bool has_part_reaching(const Stream* target) const override;

 private:
  std::vector<StreamPart> parts_;
  std::vector<int64_t> starts_;  // starts_[i]: where part i begins
  int64_t size_ = 0;
  int64_t position_ = 0;
};

// Initialize(streams, interleaveSizes, count): sizes[0] bytes of stream 0, then
// sizes[1] bytes of stream 1, ..., then the next sizes[0] bytes of stream 0, and
// so on. A stream that has ended is skipped (its chunks are empty), so every
// byte of every stream appears once and the size is the sum of theirs.
class InterleavedStream final : public ComposedStream {
 public:
  InterleavedStream(const std::vector<std::shared_ptr<Stream>>& streams, const std::vector<int64_t>& chunk_sizes);
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return size_; }
  bool has_part_reaching(const Stream* target) const override;

 private:
  // Where chunk `k` of stream `i` begins in that stream (its size once it has ended).
  int64_t chunk_begin(size_t i, int64_t k) const;
  // Bytes of the output before round `k` (every stream's first k chunks).
  int64_t bytes_before_round(int64_t k) const;
  std::vector<StreamPart> parts_;
  std::vector<int64_t> chunk_;
  int64_t rounds_ = 0;  // rounds until the longest stream ends
  int64_t size_ = 0;
  int64_t position_ = 0;
};

}  // namespace imapi
