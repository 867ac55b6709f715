// Where a result's metadata bytes live: an unlinked file in the working
// directory, so that a large tree's directory records sit in the page cache
// (which the kernel can write back) instead of the process's memory, and so
// that writing an image copies them in the kernel like file data.
#pragma once

#include <cstdint>
#include <string>

namespace imapi::fs {

class MetadataStore {
 public:
  // Creates an empty store of `size` bytes (zeros) in `directory`; falls back to memfd.
  MetadataStore(const std::string& directory, int64_t size);
  ~MetadataStore();
  MetadataStore(const MetadataStore&) = delete;
  MetadataStore& operator=(const MetadataStore&) = delete;

  int64_t size() const { return size_; }
  void write(int64_t offset, const void* data, int64_t n);
  void read(int64_t offset, void* buf, int64_t n) const;
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  int64_t size_ = 0;
};

}  // namespace imapi::fs
