// Joliet identifiers: UCS-2/UTF-16 names of at most 64 code units, shortened
// deterministically and uniquely when longer, never dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace imapi::fs::joliet {

inline constexpr size_t kMaxNameUnits = 64;

// Names for the children of one directory, given in canonical (sorted) order.
// Names are unique without regard to case, as Joliet readers compare them; of
// names equal but for case, the first keeps its form and the others get "~N".
// Characters Joliet forbids (controls, * / : ; ? \) become '_'. Code points
// above U+FFFF are stored as surrogate pairs, which are never split.
std::vector<std::u16string> mangle_names(const std::vector<std::string_view>& names);

// Volume identifier: at most 16 UTF-16 code units.
std::u16string volume_identifier(std::string_view name);

}  // namespace imapi::fs::joliet
