// IMAPI's MsftStreamPrng001 (IStreamPseudoRandomBased): a read-only stream of
// `size` pseudo-random bytes (not for cryptography), for test data and filler.
// The generator is the LCG IMAPI's IDL documents: x(n+1) = x(n) * 0x19660D +
// 0x3C6EF35F mod 2^32, x(0) = the seed. Bytes 4k .. 4k+3 of the stream are
// x(k+1) in little-endian order, so the content is fixed by (seed, size) and
// any position is reached in O(log n) without generating what lies before it.
#pragma once

#include <cstdint>

#include "core/stream.hpp"

namespace imapi {

class PseudoRandomStream final : public Stream {
 public:
  static constexpr uint32_t kMultiplier = 0x19660D, kIncrement = 0x3C6EF35F;

  PseudoRandomStream(uint32_t seed, int64_t size);
  // put_Seed: a new seed, and back to the start.
  void set_seed(uint32_t seed);
  uint32_t seed() const { return seed_; }
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return size_; }

  // x(n) for this seed: n steps of the generator from x(0) = seed.
  static uint32_t state_after(uint32_t seed, uint64_t n);

 private:
  uint32_t seed_;
  int64_t size_;
  int64_t position_ = 0;
};

}  // namespace imapi
