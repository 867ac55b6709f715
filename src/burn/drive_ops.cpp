#include "burn/drive_ops.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include "core/error.hpp"
#include "device/command_error.hpp"
#include "device/command_policy.hpp"
#include "device/drive_queries.hpp"
#include "mmc/capacity.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/performance.hpp"
#include "mmc/sense.hpp"
#include "mmc/track_information.hpp"

namespace imapi::burn {

using device::DataDirection;

namespace {

// run_command with the LBA of the command in the error when the sense gives none.
void run_at(Transport& t, const mmc::Cdb& cdb, DataDirection d, std::span<uint8_t> buf, const char* name,
            int64_t lba) {
  try {
    device::run_command(t, cdb, d, buf, name);
  } catch (const Error& e) {
    if (e.detail().lba >= 0) throw;
    ErrorDetail detail = e.detail();
    detail.lba = lba;
    throw Error(e.code(), e.message(), detail);
  }
}

}  // namespace

void write_blocks(Transport& t, int64_t lba, std::span<const uint8_t> data, bool streaming) {
  const auto blocks = static_cast<uint32_t>(data.size() / 2048);
  auto buf = std::span<uint8_t>(const_cast<uint8_t*>(data.data()), data.size());  // data-out: only read
  if (streaming)
    run_at(t, mmc::write12(static_cast<uint32_t>(lba), blocks, true), DataDirection::kToDevice, buf, "WRITE(12)", lba);
  else
    run_at(t, mmc::write10(static_cast<uint32_t>(lba), static_cast<uint16_t>(blocks)), DataDirection::kToDevice, buf,
           "WRITE(10)", lba);
}

void read_blocks(Transport& t, int64_t lba, int64_t blocks, uint8_t* out) {
  constexpr int64_t kMaxBlocks = 32;  // 64 KiB: what every transport accepts
  for (int64_t at = 0; at < blocks; at += kMaxBlocks) {
    const int64_t n = std::min(kMaxBlocks, blocks - at);
    run_at(t, mmc::read10(static_cast<uint32_t>(lba + at), static_cast<uint16_t>(n)), DataDirection::kFromDevice,
           {out + at * 2048, static_cast<size_t>(n * 2048)}, "READ(10)", lba + at);
  }
}

void synchronize_cache(Transport& t) {
  device::run_command(t, mmc::synchronize_cache(false), DataDirection::kNone, {}, "SYNCHRONIZE CACHE");
}

void wait_until_ready(Transport& t, int patience_minutes) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::minutes(patience_minutes);
  while (true) {
    auto r = t.execute(mmc::test_unit_ready().bytes(), DataDirection::kNone, {});
    if (r.good()) return;
    auto s = mmc::decode_sense(r.sense_bytes());
    const auto recovery = device::interpret_result(r).meaning.recovery;
    if (recovery == mmc::Recovery::kRetryNow || recovery == mmc::Recovery::kRecovered) continue;
    if (recovery != mmc::Recovery::kRetryLater || std::chrono::steady_clock::now() > until)
      throw mmc::sense_error("TEST UNIT READY", s);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

bool wait_with_progress(Transport& raw, std::chrono::milliseconds patience, std::chrono::milliseconds interval,
                        const LongOperationProgress& progress) {
  device::CommandRule rule = device::command_rule(mmc::op::kTestUnitReady);
  rule.patience = std::chrono::milliseconds{0};
  const auto tur = mmc::test_unit_ready();
  const auto until = std::chrono::steady_clock::now() + patience;
  while (true) {
    auto r = device::execute_with_rule(raw, tur.bytes(), DataDirection::kNone, {}, rule,
                                       [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); });
    if (r.good()) return true;
    const auto m = device::interpret_result(r);
    if (m.meaning.recovery == mmc::Recovery::kRecovered) return true;
    if (m.meaning.recovery != mmc::Recovery::kRetryLater && m.meaning.recovery != mmc::Recovery::kRetryNow)
      throw device::command_error(r, "TEST UNIT READY");
    if (progress) progress(m.sense ? m.sense->progress : std::nullopt);
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(interval);
  }
}

void close_track_session(Transport& t, const CloseStep& step) {
  device::run_command(t, mmc::close_track_session(step.function, step.track, true), DataDirection::kNone, {},
                      "CLOSE TRACK/SESSION");
  wait_until_ready(t);
}

void format_unit(Transport& t, uint8_t format_type, uint32_t blocks, uint32_t type_parameter) {
  auto list = mmc::format_unit_parameters(format_type, blocks, type_parameter, true);
  device::run_command(t, mmc::format_unit(), DataDirection::kToDevice, list, "FORMAT UNIT");
  wait_until_ready(t, 120);
}

void set_write_parameters(Transport& t, const MediumPlan& plan, bool next_session_allowed, bool bufe,
                          bool test_write) {
  auto page = device::mode_page(t, 0x05, device::kModeCurrent);
  if (page.size() < 16) throw Error(IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE, "mode page 05h is too short");
  auto w = mmc::parse_write_parameters_page(page);
  w.write_type = plan.write_type;
  w.multi_session = next_session_allowed ? 3 : 0;
  w.buffer_underrun_free = bufe;
  w.test_write = test_write;
  w.link_size_valid = false;
  w.fixed_packet = false;
  w.packet_size = 0;
  if (plan.cd) {
    w.track_mode = 4;        // data track, recorded uninterrupted
    w.data_block_type = 8;   // mode 1, 2048 bytes
    w.session_format = 0x00; // CD-DA or CD-ROM
  } else {
    w.track_mode = 5;
    w.data_block_type = 8;
  }
  device::set_mode_page(t, device::kModeCurrent, mmc::write_parameters_page(w));
}

std::optional<DriveBuffer> read_buffer_capacity(Transport& t) {
  uint8_t reply[12] = {};
  auto r = t.execute(mmc::read_buffer_capacity(12).bytes(), DataDirection::kFromDevice, reply);
  if (!r.good() || 12 - r.residual < 12) return std::nullopt;
  auto b = mmc::parse_buffer_capacity(reply);
  if (b.size == 0) return std::nullopt;
  return DriveBuffer{b.size, std::min(b.blank, b.size)};
}

uint16_t track_at(Transport& t, int64_t lba) {
  auto info = mmc::parse_track_information(
      device::track_information(t, static_cast<uint32_t>(lba), IMAPI_READ_TRACK_ADDRESS_TYPE_LBA));
  return info.track;
}

std::vector<OfferedSpeed> offered_write_speeds(Transport& t) {
  std::vector<uint8_t> reply(8 + 16 * 64);
  auto r = t.execute(mmc::get_performance(mmc::PerformanceType::kWriteSpeed, 64).bytes(), DataDirection::kFromDevice,
                     reply);
  std::vector<OfferedSpeed> out;
  if (!r.good()) return out;
  reply.resize(reply.size() - r.residual);
  for (const auto& d : mmc::parse_write_speeds(reply).descriptors) {
    if (d.write_speed_kbps == 0) continue;
    OfferedSpeed s;
    s.kbps = static_cast<int32_t>(d.write_speed_kbps);
    s.sectors_per_second = static_cast<int32_t>(int64_t{d.write_speed_kbps} * 1000 / 2048);
    s.pure_cav = d.write_rotation_control == 1;
    out.push_back(s);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.kbps > b.kbps; });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const auto& a, const auto& b) { return a.kbps == b.kbps && a.pure_cav == b.pure_cav; }),
            out.end());
  return out;
}

OfferedSpeed current_write_speed(Transport& t) {
  auto page = device::mode_page(t, 0x2A, device::kModeCurrent);
  auto caps = mmc::parse_capabilities_page(page);
  OfferedSpeed s;
  s.kbps = caps.current_write_speed_kbps.value_or(0);
  s.sectors_per_second = static_cast<int32_t>(int64_t{s.kbps} * 1000 / 2048);
  return s;
}

void select_write_speed(Transport& t, bool cd, int32_t kbps, bool pure_cav, int64_t end_lba) {
  if (cd) {
    const auto speed = static_cast<uint16_t>(std::clamp<int32_t>(kbps, 1, mmc::kMaxSpeed));
    device::run_command(t, mmc::set_cd_speed(mmc::kMaxSpeed, speed, pure_cav ? 1 : 0), DataDirection::kNone, {},
                        "SET CD SPEED");
    return;
  }
  mmc::StreamingRequest req;
  req.end_lba = static_cast<uint32_t>(std::max<int64_t>(end_lba, 1));
  req.read_size_kb = static_cast<uint32_t>(kbps);
  req.write_size_kb = static_cast<uint32_t>(kbps);
  req.write_rotation_control = pure_cav ? 1 : 0;
  auto list = mmc::streaming_performance_descriptor(req);
  device::run_command(t, mmc::set_streaming(static_cast<uint16_t>(list.size())), DataDirection::kToDevice, list,
                      "SET STREAMING");
}

FormatState format_state(Transport& t, uint8_t format_type) {
  std::vector<uint8_t> reply(0xFFFC);
  size_t n = device::run_command(t, mmc::read_format_capacities(0xFFFC), DataDirection::kFromDevice, reply,
                                 "READ FORMAT CAPACITIES");
  reply.resize(n);
  auto caps = mmc::parse_format_capacities(reply);
  FormatState s;
  s.formatted = caps.current_type == mmc::CapacityDescriptorType::kFormatted;
  s.current_blocks = caps.current_blocks;
  for (const auto& f : caps.formattable)
    if (f.format_type == format_type) {
      s.offered_blocks = f.blocks;
      s.offered_parameter = f.type_parameter;
      break;
    }
  return s;
}

}  // namespace imapi::burn
