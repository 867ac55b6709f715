#include "burn_progress.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdio>

namespace imapi_cli {

namespace {

std::string printf_string(const char* fmt, auto... args) {
  char buf[160];
  int n = std::snprintf(buf, sizeof buf, fmt, args...);
  return std::string(buf, n < 0 ? 0 : std::min<size_t>(static_cast<size_t>(n), sizeof buf - 1));
}

std::string duration(int64_t seconds) {
  if (seconds >= 3600) return printf_string("%lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                                            static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return printf_string("%lld:%02lld", static_cast<long long>(seconds / 60), static_cast<long long>(seconds % 60));
}

int terminal_width() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return ws.ws_col;
  return 100;
}

}  // namespace

std::string format_burn_line(const BurnSnapshot& s, int width) {
  std::string tail;
  if (s.total_sectors > 0) {
    const int percent = static_cast<int>(std::min<int64_t>(s.done_sectors * 100 / s.total_sectors, 100));
    tail += printf_string(" %3d%%", percent);
  } else if (s.done_sectors > 0) {
    tail += printf_string(" %lld MiB", static_cast<long long>(s.done_sectors * 2048 / (1024 * 1024)));
  }
  if (s.kilobytes_per_second >= 0) {
    if (s.one_x_kilobytes_per_second > 0)
      tail += printf_string("  %5.1fx", s.kilobytes_per_second / s.one_x_kilobytes_per_second);
    tail += printf_string(" %5.1f MB/s", s.kilobytes_per_second / 1000.0);
  }
  if (s.ring_total > 0) tail += printf_string("  ring %3d%%", static_cast<int>(s.ring_used * 100 / s.ring_total));
  if (s.drive_buffer_percent >= 0) tail += printf_string("  drive %3d%%", static_cast<int>(s.drive_buffer_percent));
  if (s.remaining_seconds >= 0) tail += "  left " + duration(s.remaining_seconds);

  std::string head = s.action;
  head.resize(std::max<size_t>(head.size(), 10), ' ');
  // The bar takes what the numbers leave, between 10 and 30 columns.
  int room = width - static_cast<int>(head.size() + tail.size()) - 3;
  std::string bar;
  if (room >= 10) {
    const int cells = std::min(room, 30);
    int filled = s.total_sectors > 0 ? static_cast<int>(std::min<int64_t>(s.done_sectors * cells / s.total_sectors, cells)) : 0;
    bar = " [" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(cells - filled), '.') + "]";
  }
  std::string line = head + bar + tail;
  if (static_cast<int>(line.size()) > width) line.resize(static_cast<size_t>(width));
  return line;
}

BurnProgress::BurnProgress(bool force) : tty_(::isatty(STDERR_FILENO) == 1), enabled_(tty_ || force) {}

BurnProgress::~BurnProgress() { finish(); }

void BurnProgress::update(const BurnSnapshot& s) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const bool new_action = s.action != last_action_;
  if (tty_) {
    if (!new_action && now - last_draw_ < std::chrono::milliseconds(250)) return;
    const int width = terminal_width() - 1;
    std::fprintf(stderr, "\r%-*s", width, format_burn_line(s, width).c_str());
    std::fflush(stderr);
    drawn_ = true;
  } else {
    const int decile = s.total_sectors > 0 ? static_cast<int>(s.done_sectors * 10 / s.total_sectors) : -1;
    if (new_action || decile != last_decile_) std::fprintf(stderr, "%s\n", format_burn_line(s, 200).c_str());
    last_decile_ = decile;
  }
  last_action_ = s.action;
  last_draw_ = now;
}

void BurnProgress::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace imapi_cli
