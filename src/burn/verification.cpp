#include "burn/verification.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "burn/drive_ops.hpp"
#include "core/error.hpp"

namespace imapi::burn {

namespace {

[[noreturn]] void mismatch(int64_t lba, const std::string& how) {
  ErrorDetail d;
  d.lba = lba;
  throw Error(IMAPI_E_BURN_VERIFICATION_FAILED,
              "burn verification failed: block " + std::to_string(lba) + " " + how +
                  "; the disc may be bad: burn again, on another disc or at a lower speed",
              d);
}

class Ticker {
 public:
  Ticker(const UpdateFn& update, const std::atomic<bool>& cancel) : update_(update), cancel_(cancel) {}
  void operator()() {
    bool stop = cancel_.load();
    if (!stop && std::chrono::steady_clock::now() >= next_) {
      next_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
      stop = update_ && !update_();
    }
    if (stop) throw Error(IMAPI_E_REQUEST_CANCELLED, "verification was cancelled (the data was written)");
  }

 private:
  const UpdateFn& update_;
  const std::atomic<bool>& cancel_;
  std::chrono::steady_clock::time_point next_ = std::chrono::steady_clock::now();
};

// Reads blocks of the disc, turning a read failure into a verification failure at its LBA.
void read_or_fail(device::Transport& t, int64_t lba, int64_t blocks, uint8_t* out) {
  try {
    read_blocks(t, lba, blocks, out);
  } catch (const Error& e) {
    const int64_t at = e.detail().lba >= 0 ? e.detail().lba : lba;
    mismatch(at, "cannot be read back (" + e.message() + ")");
  }
}

}  // namespace

void verify_session(device::Transport& t, const BlockHashes& hashes, bool full, Stream* source,
                    ProgressBoard& board, const UpdateFn& update, const std::atomic<bool>& cancel) {
  const size_t n = hashes.range_count();
  std::set<size_t> ranges;
  if (full) {
    for (size_t i = 0; i < n; ++i) ranges.insert(i);
  } else if (n > 0) {
    const size_t per64 = 64 / BlockHashes::kRangeBlocks;
    for (size_t k = 0; k < per64; ++k) {
      ranges.insert(std::min(n - 1, k));
      ranges.insert(std::min(n - 1, n / 2 + k));
      ranges.insert(n - 1 - std::min(n - 1, k));
    }
    for (size_t k = 1; k <= 8; ++k) ranges.insert(std::min(n - 1, n * k / 9));
  }
  Ticker tick(update, cancel);
  std::vector<uint8_t> disc(BlockHashes::kRangeBlocks * 2048);
  for (size_t i : ranges) {
    tick();
    const int64_t lba = hashes.range_lba(i), blocks = hashes.range_blocks(i);
    const size_t bytes = static_cast<size_t>(blocks) * 2048;
    read_or_fail(t, lba, blocks, disc.data());
    board.read_up_to(lba + blocks - 1);
    if (BlockHashes::hash(disc.data(), bytes) == hashes.range_hash(i)) continue;
    // Name the block: read the range of the source again, if it can be.
    if (source) {
      try {
        std::vector<uint8_t> want(bytes);
        std::lock_guard lock(source->mutex());
        source->seek((lba - hashes.first_lba()) * 2048, IMAPI_SEEK_SET);
        int64_t got = 0;
        while (got < static_cast<int64_t>(bytes)) {
          int64_t k = source->read(want.data() + got, static_cast<int64_t>(bytes) - got);
          if (k <= 0) break;
          got += k;
        }
        for (int64_t b = 0; b < blocks; ++b) {
          if (b * 2048 >= got) break;  // the post-gap: zeros we added
          if (std::memcmp(disc.data() + b * 2048, want.data() + b * 2048, 2048) != 0)
            mismatch(lba + b, "differs from what was written");
        }
      } catch (const Error& e) {
        if (e.code() == IMAPI_E_BURN_VERIFICATION_FAILED) throw;
      }
    }
    mismatch(lba, "(or one of the " + std::to_string(blocks - 1) + " after it) differs from what was written");
  }
}

void compare_with_stream(device::Transport& t, int64_t start_lba, Stream& image, ProgressBoard& board,
                         const UpdateFn& update, const std::atomic<bool>& cancel) {
  Ticker tick(update, cancel);
  std::lock_guard lock(image.mutex());
  const int64_t size = image.size();
  if (size % 2048 != 0)
    throw Error(IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED,
                "the image is " + std::to_string(size) + " bytes, not a whole number of 2048-byte blocks");
  image.seek(0, IMAPI_SEEK_SET);
  constexpr int64_t kBlocks = 32;
  std::vector<uint8_t> want(kBlocks * 2048), disc(kBlocks * 2048);
  for (int64_t at = 0; at < size / 2048; at += kBlocks) {
    tick();
    const int64_t blocks = std::min(kBlocks, size / 2048 - at);
    int64_t got = 0;
    while (got < blocks * 2048) {
      int64_t k = image.read(want.data() + got, blocks * 2048 - got);
      if (k <= 0) break;
      got += k;
    }
    read_or_fail(t, start_lba + at, blocks, disc.data());
    board.read_up_to(start_lba + at + blocks - 1);
    for (int64_t b = 0; b < blocks; ++b)
      if (std::memcmp(disc.data() + b * 2048, want.data() + b * 2048, 2048) != 0)
        mismatch(start_lba + at + b, "differs from the image (image block " + std::to_string(at + b) + ")");
  }
}

}  // namespace imapi::burn
