// A one-line progress bar on a terminal, or plain percentage lines when forced on a non-terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace imapi_cli {

class ProgressBar {
 public:
  // Draws on stderr when it is a terminal; with `force`, prints lines otherwise.
  explicit ProgressBar(bool force);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  void update(int64_t done, int64_t total, const std::string& item);
  void finish();

 private:
  bool tty_;
  bool enabled_;
  bool drawn_ = false;
  int last_percent_ = -1;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace imapi_cli
