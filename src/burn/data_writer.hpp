// IDiscFormat2Data's Write: one data session onto whatever medium is in the
// recorder, from validation to verification (docs/burn-engine.md), and
// IWriteEngine2's WriteSection, which is only the write itself.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "burn/burn_control.hpp"
#include "burn/burn_progress.hpp"
#include "core/stream.hpp"
#include "device/recorder.hpp"
#include "imapi_c.h"

namespace imapi::burn {

struct DataWriteOptions {
  std::string client_name;
  bool force_media_to_be_closed = false;
  bool disable_consumer_dvd_compatibility_mode = false;
  bool force_overwrite = false;
  bool buffer_underrun_free_disabled = false;
  bool postgap_already_in_image = false;
  bool use_streaming_write12 = false;
  bool test_write = false;
  int32_t verification_level = IMAPI_BURN_VERIFICATION_QUICK;
  int64_t buffer_bytes = IMAPI_DEFAULT_BURN_BUFFER_SIZE;
  int32_t requested_sectors_per_second = -1;  // -1: the fastest
  bool requested_pure_cav = false;
  bool random_write_session = false;  // the random-write multisession interface is in use
  bool sequential_session_in_use = false;  // InUse of the sequential interface (sequential media always append)
};

// A ring buffer size a caller asked for: 0 is the default; 1 MiB to 4 GiB
// (E_INVALIDARG otherwise), rounded up to 64 KiB (every medium's write unit divides it).
int64_t checked_buffer_size(int64_t bytes);

void write_data(device::Recorder& recorder, const DataWriteOptions& options, const std::shared_ptr<Stream>& data,
                BurnControl& control);

struct SectionOptions {
  bool use_streaming_write12 = false;
  int32_t bytes_per_sector = 2048;
  int32_t starting_sectors_per_second = 0;
  int32_t ending_sectors_per_second = 0;
  int64_t buffer_bytes = IMAPI_DEFAULT_BURN_BUFFER_SIZE;
};
void write_engine_section(device::Recorder& recorder, const SectionOptions& options,
                          const std::shared_ptr<Stream>& data, int64_t start_lba, int64_t blocks,
                          BurnControl& control);

// `imapi verify`: the last session compared with `image`.
void verify_last_session(device::Recorder& recorder, const std::shared_ptr<Stream>& image, BurnControl& control);

// SetWriteSpeed's answer for the medium in the recorder: IMAPI_S_OK or S_IMAPI_*ADJUSTED.
imapi_status check_write_speed(device::Recorder& recorder, int32_t sectors_per_second, bool pure_cav);

}  // namespace imapi::burn
