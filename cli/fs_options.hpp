// The file-system options that `imapi mkiso` and `imapi burn --tree` share
// (--fs, --iso-level, --udf-revision, --udf-no-mirror, --volume, --strict, --rr-relocate, --symlinks), and
// the mastering of SOURCE arguments into an image's root.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "imapi_c.h"

namespace imapi_cli {

struct FsOptions {
  // Unset: the image's defaults (mkiso sets its own; burn takes the medium's,
  // ChooseImageDefaultsForMediaType).
  std::optional<int32_t> file_systems;
  std::optional<int32_t> level;
  std::optional<int32_t> udf_revision;
  bool udf_mirror = true;
  bool udf_mirror_given = false;
  std::string volume;
  bool strict = false;
  bool rr_relocate = false;
  // --symlinks record|follow|skip: what AddTree does with host links (IMAPI_SYMLINKS_*).
  std::optional<int32_t> symlink_policy;

  // Whether any option that ChooseImageDefaultsForMediaType would decide was given.
  bool chooses_file_systems() const { return file_systems || level || udf_revision; }
};

// Parses args[i] (and its value at args[i + 1]) if it is one of the options
// above: returns true and advances i past what it consumed. `error` is set
// (and true returned) when the option is known but its value is bad.
bool parse_fs_option(const std::vector<std::string>& args, size_t& i, FsOptions& o, std::string& error);

// Applies the options that were given to `image`; an IMAPI status.
imapi_status apply_fs_options(imapi_fsimage* image, const FsOptions& o);

// Adds each SOURCE to the root of `image`: a directory's contents, or a file
// by its name, then notes on stderr what the trees left out (report_skipped).
// On failure prints the one-line error and returns the exit code.
int add_sources(imapi_fsimage* image, const std::vector<std::string>& sources);

}  // namespace imapi_cli
