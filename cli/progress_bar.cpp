#include "progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace imapi_cli {

ProgressBar::ProgressBar(bool force) : tty_(::isatty(STDERR_FILENO) == 1), enabled_(tty_ || force) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(int64_t done, int64_t total, const std::string& item) {
  if (!enabled_ || total <= 0) return;
  int percent = static_cast<int>(done * 100 / total);
  auto now = std::chrono::steady_clock::now();
  if (tty_) {
    if (percent == last_percent_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
    constexpr int kWidth = 30;
    int filled = static_cast<int>(done * kWidth / total);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::string shown = item.size() > 40 ? "..." + item.substr(item.size() - 37) : item;
    std::fprintf(stderr, "\r[%s] %3d%% %-40s", bar.c_str(), percent, shown.c_str());
    drawn_ = true;
  } else if (percent != last_percent_) {
    std::fprintf(stderr, "progress: %d%%\n", percent);
  }
  last_percent_ = percent;
  last_draw_ = now;
}

void ProgressBar::finish() {
  if (drawn_) std::fprintf(stderr, "\n");
  drawn_ = false;
}

}  // namespace imapi_cli
