#include "core/clock.hpp"

#include <charconv>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <cstring>

namespace imapi {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

CivilTime civil_utc(int64_t time_ns) {
  int64_t secs = time_ns / 1'000'000'000;
  int64_t rem = time_ns % 1'000'000'000;
  if (rem < 0) {  // floor, so times before 1970 keep a positive fraction
    --secs;
    rem += 1'000'000'000;
  }
  time_t t = static_cast<time_t>(secs);
  struct tm tm {};
  gmtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, rem};
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
