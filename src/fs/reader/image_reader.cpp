#include "fs/reader/image_reader.hpp"

#include "core/error.hpp"

namespace imapi::fs {

ImageReader::ImageReader(std::shared_ptr<BlockSource> source, ReaderLimits limits, int64_t session_block)
    : source_(std::move(source)) {
  const bool has_udf = UdfReader::present(*source_, session_block);
  try {
    iso_ = std::make_unique<IsoReader>(source_, limits, session_block);
  } catch (const Error& e) {
    // A UDF-only image has no ISO 9660 descriptors; anything else wrong with
    // them is an error of the image, whatever else it holds.
    if (!has_udf || e.code() != IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND) throw;
  }
  if (has_udf) udf_ = std::make_unique<UdfReader>(source_, limits, session_block);
}

int32_t ImageReader::file_systems() const {
  int32_t mask = 0;
  if (iso_) {
    const auto& v = iso_->volume();
    mask |= IMAPI_FS_ISO9660 | (v.joliet_level ? IMAPI_FS_JOLIET : 0) | (v.rock_ridge ? IMAPI_FS_ROCKRIDGE : 0);
  }
  if (udf_) mask |= IMAPI_FS_UDF;
  return mask;
}

std::string ImageReader::volume_name() const { return iso_ ? iso_->volume().volume_id : udf_->volume().label; }

std::string ImageReader::volume_name(int32_t file_system) const {
  switch (file_system) {
    case IMAPI_FS_UDF:
      if (!udf_) fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no UDF file system");
      return udf_->volume().label;
    case IMAPI_FS_ISO9660:
    case IMAPI_FS_ROCKRIDGE:
    case IMAPI_FS_JOLIET:
      if (!(file_systems() & file_system))
        fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, file_system == IMAPI_FS_JOLIET ? "the image has no Joliet file system"
                                            : file_system == IMAPI_FS_ROCKRIDGE ? "the image has no Rock Ridge extensions"
                                                                                : "the image has no ISO 9660 file system (it is UDF only)");
      return file_system == IMAPI_FS_JOLIET ? iso_->volume().joliet_volume_id : iso_->volume().volume_id;
    default:
      fail(IMAPI_E_INVALIDARG, "name one file system: IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF");
  }
}

int32_t default_import_file_system(int32_t mask) {
  for (int32_t fs : {IMAPI_FS_ROCKRIDGE, IMAPI_FS_UDF, IMAPI_FS_JOLIET, IMAPI_FS_ISO9660})
    if (mask & fs) return fs;
  return 0;
}

std::vector<ImageEntry> ImageReader::list(int32_t file_system) const {
  switch (file_system) {
    case IMAPI_FS_UDF:
      if (!udf_) fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no UDF file system");
      return udf_->list();
    case IMAPI_FS_ISO9660:
    case IMAPI_FS_JOLIET:
    case IMAPI_FS_ROCKRIDGE: {
      if (!iso_) fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no ISO 9660 file system (it is UDF only)");
      const auto ns = file_system == IMAPI_FS_ISO9660 ? IsoNamespace::iso9660
                      : file_system == IMAPI_FS_JOLIET ? IsoNamespace::joliet
                                                       : IsoNamespace::rockridge;
      return iso_->list(ns);
    }
    default:
      fail(IMAPI_E_INVALIDARG, "name one file system: IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF");
  }
}

void ImageReader::validate() const {
  const int32_t m = file_systems();
  for (int32_t fs : {IMAPI_FS_ISO9660, IMAPI_FS_JOLIET, IMAPI_FS_ROCKRIDGE, IMAPI_FS_UDF})
    if (m & fs) list(fs);
}

}  // namespace imapi::fs
