#include "core/composed_streams.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace imapi {

namespace {

constexpr const char* kConcatenation = "concatenation";
constexpr const char* kInterleave = "interleave";

bool any_reaches(const std::vector<StreamPart>& parts, const Stream* target) {
  return std::any_of(parts.begin(), parts.end(), [&](const StreamPart& p) { return stream_reaches(*p.stream, target); });
}

}  // namespace

ConcatenatedStream::ConcatenatedStream(const std::vector<std::shared_ptr<Stream>>& streams) {
  if (streams.empty()) fail(IMAPI_E_INVALIDARG, "a concatenation needs at least one stream");
  append(streams);
}

void ConcatenatedStream::append(const std::vector<std::shared_ptr<Stream>>& streams) {
  if (streams.empty()) fail(IMAPI_E_INVALIDARG, "there is no stream to append (the list is empty)");
  for (size_t i = 0; i < streams.size(); ++i)
    if (streams[i] && stream_reaches(*streams[i], this))
      fail(IMAPI_E_INVALIDARG, "stream " + std::to_string(i) +
                                   " is this concatenation or reads it: a concatenation cannot contain itself");
  int64_t total = size_;
  auto added = take_parts(streams, total, kConcatenation);  // all checked before anything changes
  for (auto& p : added) {
    starts_.push_back(size_);
    size_ += p.size;
    parts_.push_back(std::move(p));
  }
}

int64_t ConcatenatedStream::read(void* buf, int64_t cap) {
  if (cap <= 0 || position_ >= size_) return 0;
  // The last part starting at or before the position (empty parts are stepped over below).
  size_t i = static_cast<size_t>(std::upper_bound(starts_.begin(), starts_.end(), position_) - starts_.begin()) - 1;
  auto* out = static_cast<uint8_t*>(buf);
  int64_t done = 0;
  while (done < cap && i < parts_.size()) {
    const int64_t offset = position_ - starts_[i];
    const int64_t n = std::min(cap - done, parts_[i].size - offset);
    if (n > 0) {
      read_part(parts_[i], i, offset, out + done, n, kConcatenation);
      done += n;
      position_ += n;
    }
    ++i;
  }
  return done;
}

int64_t ConcatenatedStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size_, offset, whence);
}

bool ConcatenatedStream::has_part_reaching(const Stream* target) const { return any_reaches(parts_, target); }

InterleavedStream::InterleavedStream(const std::vector<std::shared_ptr<Stream>>& streams,
                                     const std::vector<int64_t>& chunk_sizes) {
  if (streams.empty()) fail(IMAPI_E_INVALIDARG, "an interleave needs at least one stream");
  if (chunk_sizes.size() != streams.size())
    fail(IMAPI_E_INVALIDARG, "an interleave needs one interleave size per stream");
  for (size_t i = 0; i < chunk_sizes.size(); ++i)
    if (chunk_sizes[i] <= 0)
      fail(IMAPI_E_INVALIDARG, "interleave size " + std::to_string(i) + " is " + std::to_string(chunk_sizes[i]) +
                                   ": each stream's interleave size must be at least 1 byte");
  parts_ = take_parts(streams, size_, kInterleave);
  chunk_ = chunk_sizes;
  for (size_t i = 0; i < parts_.size(); ++i)
    rounds_ = std::max(rounds_, parts_[i].size / chunk_[i] + (parts_[i].size % chunk_[i] != 0));
}

int64_t InterleavedStream::chunk_begin(size_t i, int64_t k) const {
  // k <= size / chunk keeps k * chunk within the size: no overflow.
  return k > parts_[i].size / chunk_[i] ? parts_[i].size : k * chunk_[i];
}

int64_t InterleavedStream::bytes_before_round(int64_t k) const {
  int64_t sum = 0;
  for (size_t i = 0; i < parts_.size(); ++i) sum += chunk_begin(i, k);
  return sum;
}

int64_t InterleavedStream::read(void* buf, int64_t cap) {
  if (cap <= 0 || position_ >= size_) return 0;
  // The round holding the position: the last k with bytes_before_round(k) <= position.
  int64_t lo = 0, hi = rounds_;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo + 1) / 2;
    if (bytes_before_round(mid) <= position_) lo = mid;
    else hi = mid - 1;
  }
  int64_t round = lo, at = bytes_before_round(round);
  auto* out = static_cast<uint8_t*>(buf);
  int64_t done = 0;
  for (; done < cap && round < rounds_; ++round) {
    for (size_t i = 0; i < parts_.size() && done < cap; ++i) {
      const int64_t begin = chunk_begin(i, round);
      const int64_t len = std::min(parts_[i].size - begin, chunk_[i]);
      if (position_ < at + len) {
        const int64_t skip = position_ - at;
        const int64_t n = std::min(cap - done, len - skip);
        read_part(parts_[i], i, begin + skip, out + done, n, kInterleave);
        done += n;
        position_ += n;
      }
      at += len;
    }
  }
  return done;
}

int64_t InterleavedStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size_, offset, whence);
}

bool InterleavedStream::has_part_reaching(const Stream* target) const { return any_reaches(parts_, target); }

}  // namespace imapi
