#include "fs/udf/names.hpp"

#include <string>
#include <unordered_set>

#include "core/utf8.hpp"
#include "fs/udf/ecma167.hpp"

namespace imapi::fs::udf {

namespace {

std::string key_of(const std::vector<uint8_t>& cs0) { return std::string(cs0.begin(), cs0.end()); }

// The longest prefix of `base` (code points) that, with `tail` after it, encodes
// within the limit; the encoding width can change as characters drop out.
std::vector<uint8_t> fit(const std::u32string& base, const std::u32string& tail) {
  size_t keep = base.size();
  for (;;) {
    auto cs0 = encode_cs0(utf8::encode(base.substr(0, keep) + tail));
    if (cs0.size() <= kMaxIdentifierBytes || keep == 0) return cs0;
    // Each dropped character saves at least one byte: jump by the excess.
    size_t excess = cs0.size() - kMaxIdentifierBytes;
    size_t drop = cs0[0] == 16 ? (excess + 1) / 2 : excess;
    keep = drop >= keep ? 0 : keep - std::max<size_t>(drop, 1);
  }
}

}  // namespace

std::vector<std::vector<uint8_t>> file_identifiers(const std::vector<std::string_view>& names) {
  std::vector<std::vector<uint8_t>> out(names.size());
  std::unordered_set<std::string> taken;
  std::vector<size_t> long_ones;
  for (size_t i = 0; i < names.size(); ++i) {
    out[i] = encode_cs0(names[i]);
    if (out[i].size() <= kMaxIdentifierBytes)
      taken.insert(key_of(out[i]));
    else
      long_ones.push_back(i);
  }
  for (size_t i : long_ones) {
    auto cps = utf8::decode(names[i]).value_or(std::u32string());
    size_t dot = cps.rfind(U'.');
    if (dot == std::u32string::npos || dot == 0 || cps.size() - dot > 16) dot = cps.size();
    const std::u32string base = cps.substr(0, dot), ext = cps.substr(dot);
    auto cand = fit(base, ext);
    for (unsigned long n = 1; !taken.insert(key_of(cand)).second; ++n) {
      std::string counter = "~" + std::to_string(n);
      cand = fit(base, std::u32string(counter.begin(), counter.end()) + ext);
    }
    out[i] = std::move(cand);
  }
  return out;
}

}  // namespace imapi::fs::udf
