#include "fs/joliet/names.hpp"

#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace imapi::fs::joliet {

namespace {

std::u16string to_joliet(std::string_view name) {
  auto cps = utf8::decode(name).value_or(std::u32string(name.size(), U'_'));
  for (char32_t& c : cps)
    if (c < 0x20 || c == '*' || c == '/' || c == ':' || c == ';' || c == '?' || c == '\\') c = '_';
  return utf8::to_utf16(cps);
}

bool is_high_surrogate(char16_t c) { return c >= 0xD800 && c <= 0xDBFF; }

// Joliet readers compare names without regard to case (Windows; Linux isofs
// switches to check=relaxed for Joliet), so uniqueness is decided on a folded
// form. The fold covers ASCII, Latin-1, Greek and Cyrillic: fixed tables, so
// the result never depends on a locale.
char16_t fold(char16_t c) {
  if (c >= u'A' && c <= u'Z') return static_cast<char16_t>(c + 0x20);
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return static_cast<char16_t>(c + 0x20);
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return static_cast<char16_t>(c + 0x20);
  if (c >= 0x410 && c <= 0x42F) return static_cast<char16_t>(c + 0x20);
  if (c >= 0x400 && c <= 0x40F) return static_cast<char16_t>(c + 0x50);
  return c;
}

std::u16string folded(std::u16string s) {
  for (auto& c : s) c = fold(c);
  return s;
}

// The first `n` code units, one fewer if that would split a surrogate pair.
std::u16string prefix(const std::u16string& s, size_t n) {
  if (n >= s.size()) return s;
  if (n > 0 && is_high_surrogate(s[n - 1])) --n;
  return s.substr(0, n);
}

struct Split {
  std::u16string base;
  std::u16string ext;  // with its dot, or empty
};

Split split_extension(const std::u16string& s) {
  size_t dot = s.rfind(u'.');
  // Keep an extension only when it is short enough to be one.
  if (dot == std::u16string::npos || dot == 0 || s.size() - dot > 16) return {s, {}};
  return {s.substr(0, dot), s.substr(dot)};
}

}  // namespace

std::vector<std::u16string> mangle_names(const std::vector<std::string_view>& names) {
  std::vector<std::u16string> out;
  out.reserve(names.size());
  std::unordered_set<std::u16string> taken;
  std::vector<bool> keeps(names.size(), false);
  std::vector<std::u16string> full(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    full[i] = to_joliet(names[i]);
    std::u16string cand = full[i];
    if (cand.size() > kMaxNameUnits) {
      Split sp = split_extension(cand);
      cand = prefix(sp.base, kMaxNameUnits - sp.ext.size()) + sp.ext;
    }
    keeps[i] = taken.insert(folded(cand)).second;
    out.push_back(std::move(cand));
  }
  std::unordered_map<std::u16string, unsigned long> next_counter;
  for (size_t i = 0; i < names.size(); ++i) {
    if (keeps[i]) continue;
    Split sp = split_extension(full[i]);
    unsigned long& k = next_counter[out[i]];
    for (;;) {
      std::string tag = "~" + std::to_string(++k);
      std::u16string utag(tag.begin(), tag.end());
      if (utag.size() + sp.ext.size() >= kMaxNameUnits)
        fail(IMAPI_E_NO_UNIQUE_NAME, "cannot make a unique Joliet name for '" + std::string(names[i]) + "'");
      std::u16string cand = prefix(sp.base, kMaxNameUnits - sp.ext.size() - utag.size()) + utag + sp.ext;
      if (taken.insert(folded(cand)).second) {
        out[i] = std::move(cand);
        break;
      }
    }
  }
  return out;
}

std::u16string volume_identifier(std::string_view name) { return prefix(to_joliet(name), 16); }

}  // namespace imapi::fs::joliet
