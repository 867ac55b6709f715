// Reads ISO 9660 images, with Joliet and Rock Ridge, from any block source.
// The input is hostile: every length and offset is checked against its buffer
// and the image, loops and depth are bounded, no recursion follows the image's
// structure, and failures are IMAPI errors that name the block.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fs/reader/block_source.hpp"
#include "fs/reader/entry.hpp"

namespace imapi::fs {

enum class IsoNamespace { iso9660, joliet, rockridge };

struct IsoVolume {
  int64_t volume_blocks = 0;
  std::string volume_id;         // primary descriptor, trailing blanks trimmed
  std::string joliet_volume_id;  // UTF-8
  int joliet_level = 0;          // 0: no Joliet descriptor
  bool rock_ridge = false;       // SP in the root's "." record
  std::string rock_ridge_id;     // ER extension identifier, e.g. "IEEE_1282"
  ImageExtent iso_root;
  ImageExtent joliet_root;
};

class IsoReader {
 public:
  // Reads and checks the volume descriptors. Errors:
  // IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND, IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED,
  // IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR, IMAPI_E_IMPORT_READ_FAILURE.
  // `session_block`: where the session to read starts (its descriptors are 16
  // blocks in); 0 for a single-session image, the last session's start for a
  // multi-session one.
  explicit IsoReader(std::shared_ptr<BlockSource> source, ReaderLimits limits = {}, int64_t session_block = 0);

  const IsoVolume& volume() const { return volume_; }
  // Every entry, parents before children. IMAPI_E_FILE_SYSTEM_NOT_FOUND when the
  // image has no such namespace.
  std::vector<ImageEntry> list(IsoNamespace ns) const;
  // Bytes [offset, offset + n) of a file entry.
  void read(const ImageEntry& file, int64_t offset, void* buf, int64_t n) const {
    read_entry(*source_, file, offset, buf, n);
  }

 private:
  void read_descriptors();
  std::shared_ptr<BlockSource> source_;
  ReaderLimits limits_;
  int64_t session_block_ = 0;
  IsoVolume volume_;
};

}  // namespace imapi::fs
