#include "fs/reader/entry_index.hpp"

#include <string>

namespace imapi::fs {

EntryIndex::EntryIndex(std::vector<ImageEntry> entries) : entries_(std::move(entries)) {
  by_path_.reserve(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) by_path_.emplace(entries_[i].path, i);
}

const ImageEntry* EntryIndex::find(std::string_view path) const {
  std::string rooted;
  if (path.empty() || path.front() != '/') {
    rooted = "/" + std::string(path);
    path = rooted;
  }
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &entries_[it->second];
}

}  // namespace imapi::fs
