// The progress line of `imapi burn` / `imapi verify`: what a burner wants to see
// at a glance (action, percentage, speed in x and MB/s, how full the host ring
// and the drive's buffer are, and the time left), redrawn in place on a terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace imapi_cli {

// One snapshot of a burn, in the units the line shows. Unknown values are -1.
struct BurnSnapshot {
  std::string action;          // "writing", "verifying", ...
  int64_t done_sectors = 0;    // sectors written (or verified) so far
  int64_t total_sectors = -1;  // -1: the size is not known (a pipe)
  double kilobytes_per_second = -1;  // current speed, 1000-byte kB
  double one_x_kilobytes_per_second = -1;  // the medium's 1x (CD 176.4, DVD 1385, BD 4495)
  int64_t ring_used = -1, ring_total = -1;  // host ring, bytes
  int32_t drive_buffer_percent = -1;
  int64_t remaining_seconds = -1;
};

// The line for a snapshot, at most `width` columns (no trailing newline).
std::string format_burn_line(const BurnSnapshot& s, int width);

class BurnProgress {
 public:
  // Draws on stderr when it is a terminal (or when `force`); on a non-terminal
  // with `force`, prints a plain line per action and per 10 percent.
  explicit BurnProgress(bool force);
  ~BurnProgress();
  BurnProgress(const BurnProgress&) = delete;
  BurnProgress& operator=(const BurnProgress&) = delete;
  void update(const BurnSnapshot& s);
  // Ends the line being redrawn, if any.
  void finish();

 private:
  bool tty_;
  bool enabled_;
  bool drawn_ = false;
  std::string last_action_;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace imapi_cli
