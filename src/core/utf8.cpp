#include "core/utf8.hpp"

namespace imapi::utf8 {

namespace {

// Calls emit(code point) for each code point of s; false at the first byte
// that is not well-formed UTF-8 (overlong forms, surrogates and values past
// U+10FFFF included).
template <class Emit>
bool for_each_code_point(std::string_view s, Emit&& emit) {
  for (size_t i = 0; i < s.size();) {
    auto b0 = static_cast<unsigned char>(s[i]);
    int len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) { len = 1; cp = b0; }
    else if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
    else return false;
    if (i + static_cast<size_t>(len) > s.size()) return false;
    for (int k = 1; k < len; ++k) {
      auto b = static_cast<unsigned char>(s[i + static_cast<size_t>(k)]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    static constexpr char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    emit(cp);
    i += static_cast<size_t>(len);
  }
  return true;
}

}  // namespace

std::optional<std::u32string> decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  if (!for_each_code_point(s, [&](char32_t cp) { out.push_back(cp); })) return std::nullopt;
  return out;
}

// Without decode's string: AddTree checks every name twice, and a name of more
// than three code points would cost an allocation each time.
bool is_valid(std::string_view s) {
  return for_each_code_point(s, [](char32_t) {});
}

std::string repaired(std::string_view s) {
  if (is_valid(s)) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;  // a valid sequence has no valid shorter prefix: the first found is it
    for (size_t n = 1; n <= 4 && i + n <= s.size() && len == 0; ++n)
      if (is_valid(s.substr(i, n))) len = n;
    if (len > 0) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string encode(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string encode(std::u32string_view cps) {
  std::string out;
  for (char32_t cp : cps) out += encode(cp);
  return out;
}

std::u16string to_utf16(std::u32string_view cps) {
  std::u16string out;
  for (char32_t cp : cps) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out += static_cast<char16_t>(0xD800 + (cp >> 10));
      out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
    } else {
      out += static_cast<char16_t>(cp);
    }
  }
  return out;
}

std::string from_utf16(std::u16string_view s) {
  std::u32string cps;
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    cps += c;
  }
  return encode(cps);
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace imapi::utf8
