#include "fs/image/skipped_entries.hpp"

#include <sys/stat.h>

#include <numeric>

#include "core/error.hpp"

namespace imapi::fs {

std::optional<SkipReason> unstorable_reason(mode_t mode) {
  if (S_ISDIR(mode) || S_ISREG(mode) || S_ISLNK(mode)) return std::nullopt;
  return S_ISFIFO(mode)   ? SkipReason::fifo
         : S_ISSOCK(mode) ? SkipReason::socket
         : S_ISCHR(mode)  ? SkipReason::character_device
         : S_ISBLK(mode)  ? SkipReason::block_device
                          : SkipReason::other;  // e.g. a BSD whiteout; Linux has no other type
}

void SkippedEntries::truncate(const Mark& m) {
  kept_.resize(m.kept);
  totals_ = m.totals;
}

int64_t SkippedEntries::total(int32_t reason) const {
  if (reason == 0) return std::accumulate(totals_.begin(), totals_.end(), int64_t{0});
  if (reason < IMAPI_SKIPPED_FIFO || reason > IMAPI_SKIPPED_OTHER)
    fail(IMAPI_E_INVALIDARG, "a skip reason is a kind of entry (1 to " + std::to_string(IMAPI_SKIPPED_OTHER) +
                                 ") or 0 for every kind, not " + std::to_string(reason));
  return totals_[static_cast<size_t>(reason)];
}

const SkippedEntry& SkippedEntries::entry(int64_t index) const {
  if (index < 0 || index >= kept())
    fail(IMAPI_E_INVALIDARG, "skipped entry index " + std::to_string(index) + " is out of range: " +
                                 std::to_string(kept()) + " skipped entries are kept");
  return kept_[static_cast<size_t>(index)];
}

}  // namespace imapi::fs
