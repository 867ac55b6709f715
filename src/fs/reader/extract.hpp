// Writes an image's tree to a host directory.
#pragma once

#include <string>
#include <vector>

#include "core/job.hpp"
#include "fs/reader/image_reader.hpp"

namespace imapi::fs {

struct ExtractOptions {
  // The most bytes the files may add up to: 0 takes the default (16 times the
  // image plus 1 GiB: an image cannot honestly describe far more, short of
  // sparse files and shared extents), a negative value means no limit.
  int64_t max_total_bytes = 0;
};

// The limit `max_total_bytes` stands for, for an image of `image_bytes`; -1: none.
int64_t extract_limit(int64_t max_total_bytes, int64_t image_bytes);

// Extracts `entries` (a listing of `reader`) below `dest`. Every directory is
// entered with openat(O_NOFOLLOW) from a descriptor of `dest`, so no entry can
// be written through a symbolic link, whatever the image or `dest` contain;
// links are created last. What `dest` already holds is replaced: a file or
// symbolic link of the same name gives way to the image's entry (as tar -x and
// unzip -o do); an existing directory stays and receives the image's entries,
// and a directory where the image has a file or link is an error. Holes
// (unrecorded extents) stay holes. Reports IMAPI_OPERATION_EXTRACT progress in
// bytes. A read error names the entry and keeps the reader's code;
// IMAPI_E_DATA_TOO_BIG when the files add up to more than the limit.
void extract_tree(const ImageReader& reader, const std::vector<ImageEntry>& entries, const std::string& dest,
                  ProgressSink& progress, const ExtractOptions& options = {});

}  // namespace imapi::fs
