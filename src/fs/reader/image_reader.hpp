// The file systems of one image, whichever it holds: ISO 9660 (with Joliet and
// Rock Ridge), UDF, or both (a bridge). What IIsoImageManager validates, what
// `imapi ls`/`extract` list, and what import reads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fs/reader/block_source.hpp"
#include "fs/reader/entry.hpp"
#include "fs/reader/iso_reader.hpp"
#include "fs/reader/udf_reader.hpp"

namespace imapi::fs {

// GetDefaultFileSystemForImport: of the file systems in `mask`, the one import
// reads by default: Rock Ridge, then UDF, then Joliet, then ISO 9660 (Rock Ridge
// alone keeps POSIX modes and links exactly); 0 when `mask` has none of them.
int32_t default_import_file_system(int32_t mask);

class ImageReader {
 public:
  // Reads the volume structures of every file system present. Errors: those of
  // IsoReader and UdfReader; IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND when there
  // is neither.
  explicit ImageReader(std::shared_ptr<BlockSource> source, ReaderLimits limits = {}, int64_t session_block = 0);

  // IMAPI_FS_ISO9660 | _JOLIET | _ROCKRIDGE | _UDF, as present.
  int32_t file_systems() const;
  // The ISO 9660 volume identifier, or UDF's label on a UDF-only image.
  std::string volume_name() const;
  // The label one file system records (one IMAPI_FS_* bit): the primary
  // descriptor's for ISO 9660 and Rock Ridge, the supplementary one's (UCS-2,
  // so Unicode) for Joliet, the logical volume identifier for UDF.
  // IMAPI_E_FILE_SYSTEM_NOT_FOUND when the image has no such file system.
  std::string volume_name(int32_t file_system) const;
  // The richest file system, for listing and import (default_import_file_system).
  int32_t richest() const { return default_import_file_system(file_systems()); }
  // Every entry of one file system (one IMAPI_FS_* bit), parents first.
  // IMAPI_E_FILE_SYSTEM_NOT_FOUND when the image has no such file system.
  std::vector<ImageEntry> list(int32_t file_system) const;
  void read(const ImageEntry& file, int64_t offset, void* buf, int64_t n) const {
    read_entry(*source_, file, offset, buf, n);
  }
  int64_t image_bytes() const { return source_->size(); }
  // Lists every hierarchy of every file system, so that a validation covers all of it.
  void validate() const;

  const IsoReader* iso() const { return iso_.get(); }
  const UdfReader* udf() const { return udf_.get(); }

 private:
  std::shared_ptr<BlockSource> source_;
  std::unique_ptr<IsoReader> iso_;
  std::unique_ptr<UdfReader> udf_;
};

}  // namespace imapi::fs
