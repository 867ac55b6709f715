// Where the library gets "now": SOURCE_DATE_EPOCH when set (reproducible builds), else the clock.
#pragma once

#include <cstdint>

namespace imapi {

// Nanoseconds since the Unix epoch.
int64_t now_ns();
// SOURCE_DATE_EPOCH in nanoseconds if the variable holds a valid number, else now_ns().
int64_t reproducible_now_ns();

}  // namespace imapi
