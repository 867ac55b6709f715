// Writes an image's tree to a host directory.
#pragma once

#include <string>
#include <vector>

#include "core/job.hpp"
#include "fs/reader/image_reader.hpp"

namespace imapi::fs {

// Extracts `entries` (a listing of `reader`) below `dest`. Every directory is
// entered with openat(O_NOFOLLOW) from a descriptor of `dest`, so no entry can
// be written through a symbolic link, whatever the image or `dest` contain;
// links are created last. Reports IMAPI_OPERATION_EXTRACT progress in bytes.
void extract_tree(const ImageReader& reader, const std::vector<ImageEntry>& entries, const std::string& dest,
                  ProgressSink& progress);

}  // namespace imapi::fs
