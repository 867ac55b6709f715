#include "core/clock.hpp"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>

namespace imapi {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t reproducible_now_ns() {
  const char* sde = std::getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    int64_t seconds = 0;
    auto end = sde + std::strlen(sde);
    auto [p, ec] = std::from_chars(sde, end, seconds);
    if (ec == std::errc() && p == end && seconds >= 0 && seconds < (int64_t{1} << 33))
      return seconds * 1'000'000'000;
  }
  return now_ns();
}

}  // namespace imapi
