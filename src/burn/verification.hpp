// IBurnVerification: after the write, the session is read back and compared
// with the XXH3 hashes taken while it went into the ring (the source is not
// read again, except the one 32 KiB range that differs, to name its block).
#pragma once

#include <atomic>

#include "burn/block_hashes.hpp"
#include "burn/burn_progress.hpp"
#include "burn/write_pipeline.hpp"
#include "core/stream.hpp"
#include "device/transport.hpp"

namespace imapi::burn {

// QUICK: the ranges holding the session's first, middle and last 64 blocks,
// and 8 more spread evenly. FULL: every range. A difference throws
// IMAPI_E_BURN_VERIFICATION_FAILED with the first differing LBA (exact when
// `source` can be read again at that range, else the range's first LBA).
void verify_session(device::Transport& t, const BlockHashes& hashes, bool full, Stream* source,
                    ProgressBoard& board, const UpdateFn& update, const std::atomic<bool>& cancel);

// `imapi verify`: the blocks from `start_lba` compared with `image` byte for byte.
void compare_with_stream(device::Transport& t, int64_t start_lba, Stream& image, ProgressBoard& board,
                         const UpdateFn& update, const std::atomic<bool>& cancel);

}  // namespace imapi::burn
