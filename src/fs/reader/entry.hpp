// What the image readers (ISO 9660 and UDF) list: entries with their data's
// extents, and the limits that keep a hostile image from exhausting anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fs/reader/block_source.hpp"
#include "fs/tree/node.hpp"

namespace imapi::fs {

struct ReaderLimits {
  int64_t max_directory_bytes = int64_t{256} << 20;
  int64_t max_entries = 20'000'000;
  int max_depth = 1024;
  int max_continuations = 32;  // Rock Ridge CE areas per record (the kernel's isofs follows 32)
  // What a listing may hold in memory: this many bytes per byte of the image,
  // and never less than min_listing_bytes.
  int64_t listing_bytes_per_image_byte = 16;
  int64_t min_listing_bytes = int64_t{64} << 20;
};

// Rock Ridge and UDF names longer than kMaxNameBytes are refused (NAME_MAX: what
// the kernel's isofs and udf return; longer NM chains are what a bomb looks like).
inline constexpr size_t kMaxLinkTargetBytes = 4095;  // PATH_MAX - 1

// Counts what a listing keeps in memory against the limit for an image of
// `image_bytes`; charge() fails, naming the block, once the listing exceeds it.
class ListingBudget {
 public:
  ListingBudget(const ReaderLimits& limits, int64_t image_bytes);
  void charge(int64_t bytes, int64_t block);

 private:
  int64_t left_;
  int64_t limit_;
};

// An extent of an entry's data: bytes from an absolute block, or, with block
// kHole, bytes that read as zeros (UDF's unrecorded extents).
struct ImageExtent {
  static constexpr int64_t kHole = -1;
  int64_t block = 0;
  int64_t size = 0;
};

enum class EntryKind { directory, file, symlink };

struct ImageEntry {
  std::string path;  // "/a/b", UTF-8, in the namespace listed
  EntryKind kind = EntryKind::file;
  int64_t size = 0;
  std::vector<ImageExtent> extents;  // files: their data, in order (ISO 9660: one per section)
  std::vector<uint8_t> embedded;     // or the data itself (UDF: data held in the file entry)
  bool has_mode = false;             // the file system records permissions (Rock Ridge PX, UDF)
  uint32_t mode = 0;
  int64_t mtime_ns = 0;
  std::string target;  // symbolic links
  bool hidden = false;
};

// IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR naming the block where the image is wrong.
[[noreturn]] void corrupt(int64_t block, const std::string& what);

// Bytes [offset, offset + n) of a file entry's data, from its extents or its
// embedded bytes. IMAPI_E_NOT_FILE, IMAPI_E_INVALIDARG past the end.
void read_entry(const BlockSource& source, const ImageEntry& file, int64_t offset, void* buf, int64_t n);

}  // namespace imapi::fs
