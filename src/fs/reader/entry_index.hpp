// One file system's listing with a lookup by path, so that an entry is found by
// the name it has rather than by its position in whichever listing came last.
#pragma once

#include <string_view>
#include <unordered_map>
#include <vector>

#include "fs/reader/entry.hpp"

namespace imapi::fs {

class EntryIndex {
 public:
  explicit EntryIndex(std::vector<ImageEntry> entries);
  // The keys view the entries' strings: neither copied nor moved.
  EntryIndex(const EntryIndex&) = delete;
  EntryIndex& operator=(const EntryIndex&) = delete;

  const std::vector<ImageEntry>& entries() const { return entries_; }
  // "/a/b" (a missing leading '/' is added); nullptr when absent.
  const ImageEntry* find(std::string_view path) const;

 private:
  std::vector<ImageEntry> entries_;
  std::unordered_map<std::string_view, size_t> by_path_;
};

}  // namespace imapi::fs
