// UDF file identifiers: OSTA CS0 of at most 255 bytes (the FID's 8-bit length),
// shortened deterministically and uniquely when longer, never dropped.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace imapi::fs::udf {

inline constexpr size_t kMaxIdentifierBytes = 255;

// Identifiers for the children of one directory, names given in canonical
// (sorted) order. UDF compares names exactly, so only shortened names can
// collide; a shortened name that would gets "~N" before its extension.
std::vector<std::vector<uint8_t>> file_identifiers(const std::vector<std::string_view>& names);

}  // namespace imapi::fs::udf
