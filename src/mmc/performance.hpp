// MMC-6 GET PERFORMANCE replies: type 00h (performance) and 03h (write speed).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace imapi::mmc {

struct WriteSpeed {
  uint8_t write_rotation_control = 0;  // WRC: 0 default (CLV), 1 CAV
  bool restore_drive_defaults = false; // RDD
  bool exact = false;
  bool mrw = false;
  uint32_t end_lba = 0;        // capacity this descriptor applies to
  uint32_t read_speed_kbps = 0;
  uint32_t write_speed_kbps = 0;
};

struct WriteSpeeds {
  uint32_t data_length = 0;
  std::vector<WriteSpeed> descriptors;
  bool complete = true;
};
WriteSpeeds parse_write_speeds(std::span<const uint8_t> bytes);

struct PerformanceEntry {
  uint32_t start_lba = 0;
  uint32_t start_kbps = 0;
  uint32_t end_lba = 0;
  uint32_t end_kbps = 0;
};
struct Performance {
  uint32_t data_length = 0;
  bool write = false;   // header byte 4 bit 1: descriptors describe writing
  bool except = false;  // bit 0: exception list rather than nominal performance
  std::vector<PerformanceEntry> descriptors;  // nominal form (Except=0)
  bool complete = true;
};
// Nominal performance (Except=0): 16-byte descriptors. An exception list
// (Except=1, 6-byte descriptors) parses with an empty descriptor list.
Performance parse_performance(std::span<const uint8_t> bytes);

// The target side.
std::vector<uint8_t> encode_write_speeds(const WriteSpeeds& w);
std::vector<uint8_t> encode_performance(const Performance& p);

}  // namespace imapi::mmc
