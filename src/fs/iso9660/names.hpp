// ISO 9660 identifiers: d-characters, interchange-level length limits, and
// deterministic unique mangling of the names of one directory.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace imapi::fs::iso9660 {

struct NameRequest {
  std::string_view name;  // UTF-8 original name
  bool is_dir = false;
};

// Identifiers as recorded, for the children of one directory given in their
// canonical (sorted) order: files "NAME.EXT;1", directories "NAME". Names that
// collide after mapping get a decimal counter in place of the end of their
// base name; O(n log n). Throws IMAPI_E_NO_UNIQUE_NAME if no unique name fits.
std::vector<std::string> mangle_names(const std::vector<NameRequest>& names, int level);

// Volume identifier: d-characters, at most 32.
std::string volume_identifier(std::string_view name);

}  // namespace imapi::fs::iso9660
