// Writes a laid-out image to a file: metadata with pwrite, file data copied in
// the kernel (copy_file_range, which reflinks where the file system can), holes
// left for padding.
#pragma once

#include <string>

#include "core/job.hpp"
#include "fs/layout/image_layout.hpp"

namespace imapi::fs {

// Reports IMAPI_OPERATION_IMAGE_WRITE progress in sectors to `progress`. On
// failure the partial file is removed and the error names the source.
void write_image_file(const ImageLayout& layout, const std::string& path, ProgressSink& progress);

}  // namespace imapi::fs
