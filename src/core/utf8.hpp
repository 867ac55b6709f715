// UTF-8 validation and conversion to UTF-16 (Joliet) and back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace imapi::utf8 {

bool is_valid(std::string_view s);
// `s` with each byte that begins no valid sequence replaced by U+FFFD: for showing
// host names, which may be in any encoding.
std::string repaired(std::string_view s);
// Decodes valid UTF-8 into code points; std::nullopt for invalid input.
std::optional<std::u32string> decode(std::string_view s);
std::string encode(std::u32string_view cps);
std::string encode(char32_t cp);
// UTF-16 with surrogate pairs for code points above U+FFFF.
std::u16string to_utf16(std::u32string_view cps);
std::string from_utf16(std::u16string_view s);
// Number of characters (code points) in valid UTF-8.
size_t length(std::string_view s);

}  // namespace imapi::utf8
