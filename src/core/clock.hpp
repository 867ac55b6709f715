// Where the library gets "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
#pragma once

#include <cstdint>

namespace imapi {

// Nanoseconds since the Unix epoch.
int64_t now_ns();
// SOURCE_DATE_EPOCH in nanoseconds if the variable holds a valid number, else now_ns().
int64_t reproducible_now_ns();

// A UTC calendar time, as the on-disc date formats record it.
struct CivilTime {
  int year, month, day, hour, minute, second;  // month and day from 1
  int64_t nanoseconds;                          // within the second, 0..999,999,999
};
// Nanoseconds since the epoch (negative before 1970) to UTC calendar time.
CivilTime civil_utc(int64_t time_ns);

}  // namespace imapi
