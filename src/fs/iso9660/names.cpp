#include "fs/iso9660/names.hpp"

#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace imapi::fs::iso9660 {

namespace {

// One d-character per code point: letters upper-cased, everything else not in A-Z 0-9 _ becomes '_'.
std::string to_d_characters(std::string_view utf8_text) {
  std::string out;
  auto cps = utf8::decode(utf8_text);
  if (!cps) return std::string(utf8_text.size(), '_');
  for (char32_t c : *cps) {
    if (c >= 'a' && c <= 'z')
      out += static_cast<char>(c - 'a' + 'A');
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
      out += static_cast<char>(c);
    else
      out += '_';
  }
  return out;
}

struct Candidate {
  std::string base;
  std::string ext;
  bool is_dir = false;
  size_t max_base = 0;
  std::string key() const { return ext.empty() ? base : base + "." + ext; }
  std::string identifier() const { return is_dir ? base : base + "." + ext + ";1"; }
};

Candidate candidate_for(const NameRequest& r, int level) {
  Candidate c;
  c.is_dir = r.is_dir;
  if (r.is_dir) {
    c.max_base = level == 1 ? 8 : 31;
    c.base = to_d_characters(r.name);
  } else {
    size_t dot = r.name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) {
      c.base = to_d_characters(r.name);
    } else {
      c.base = to_d_characters(r.name.substr(0, dot));
      c.ext = to_d_characters(r.name.substr(dot + 1));
    }
    size_t max_ext = level == 1 ? 3 : 10;
    if (c.ext.size() > max_ext) c.ext.resize(max_ext);
    c.max_base = level == 1 ? 8 : 30 - c.ext.size();
  }
  if (c.base.empty()) c.base = "_";
  if (c.base.size() > c.max_base) c.base.resize(c.max_base);
  return c;
}

}  // namespace

std::vector<std::string> mangle_names(const std::vector<NameRequest>& names, int level) {
  std::vector<Candidate> cands;
  cands.reserve(names.size());
  std::unordered_set<std::string> taken;
  std::vector<bool> keeps(names.size(), false);
  for (size_t i = 0; i < names.size(); ++i) {
    cands.push_back(candidate_for(names[i], level));
    keeps[i] = taken.insert(cands.back().key()).second;  // the first holder of a name keeps it
  }
  // Counters per base, so resolving k collisions of one name costs O(k), not O(k^2).
  std::unordered_map<std::string, unsigned long> next_counter;
  for (size_t i = 0; i < names.size(); ++i) {
    if (keeps[i]) continue;
    Candidate& c = cands[i];
    const std::string stem = c.base;
    unsigned long& k = next_counter[c.key()];
    for (;;) {
      std::string digits = std::to_string(++k);
      if (digits.size() >= c.max_base)
        fail(IMAPI_E_NO_UNIQUE_NAME, "cannot make a unique ISO 9660 name for '" + std::string(names[i].name) + "'");
      c.base = stem.substr(0, std::min(stem.size(), c.max_base - digits.size())) + digits;
      if (taken.insert(c.key()).second) break;
    }
  }
  std::vector<std::string> out;
  out.reserve(cands.size());
  for (auto& c : cands) out.push_back(c.identifier());
  return out;
}

std::string volume_identifier(std::string_view name) {
  std::string id = to_d_characters(name);
  if (id.size() > 32) id.resize(32);
  return id;
}

}  // namespace imapi::fs::iso9660
