#include "core/pseudo_random_stream.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace imapi {

PseudoRandomStream::PseudoRandomStream(uint32_t seed, int64_t size) : seed_(seed), size_(size) {
  if (size < 0) fail(IMAPI_E_INVALIDARG, "the pseudo-random stream's size cannot be negative");
}

void PseudoRandomStream::set_seed(uint32_t seed) {
  seed_ = seed;
  position_ = 0;
}

uint32_t PseudoRandomStream::state_after(uint32_t seed, uint64_t n) {
  // n steps of x -> a x + c compose to x -> A x + C; square the step map per bit of n.
  uint32_t a = kMultiplier, c = kIncrement, total_a = 1, total_c = 0;
  for (; n > 0; n >>= 1) {
    if (n & 1) {
      total_a = total_a * a;
      total_c = total_c * a + c;
    }
    c = c * a + c;
    a = a * a;
  }
  return total_a * seed + total_c;
}

int64_t PseudoRandomStream::read(void* buf, int64_t cap) {
  if (cap <= 0 || position_ >= size_) return 0;
  const int64_t n = std::min(cap, size_ - position_);
  auto* out = static_cast<uint8_t*>(buf);
  uint64_t word = static_cast<uint64_t>(position_) / 4;
  uint32_t x = state_after(seed_, word + 1);
  unsigned byte = static_cast<unsigned>(position_ % 4);
  for (int64_t i = 0; i < n; ++i) {
    out[i] = static_cast<uint8_t>(x >> (8 * byte));
    if (++byte == 4) {
      byte = 0;
      x = x * kMultiplier + kIncrement;
    }
  }
  position_ += n;
  return n;
}

int64_t PseudoRandomStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size_, offset, whence);
}

}  // namespace imapi
