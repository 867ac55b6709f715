// Commands that describe the drive and its state, and select speeds and
// write parameters: what every client sends before it reads or writes.
#include <time.h>

#include <algorithm>

#include "core/error.hpp"
#include "device/emu/command.hpp"
#include "device/emu/features.hpp"
#include "mmc/bytes.hpp"
#include "mmc/configuration.hpp"
#include "mmc/event_status.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/performance.hpp"
#include "mmc/capacity.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/sense.hpp"

namespace imapi::device::emu {

size_t reply(const Command& cmd, const std::vector<uint8_t>& data, size_t allocation_length) {
  if (cmd.direction != DataDirection::kFromDevice) return 0;
  size_t n = std::min({data.size(), allocation_length, cmd.buffer.size()});
  std::copy_n(data.begin(), n, cmd.buffer.begin());
  return n;
}

mmc::WriteParametersPage default_write_parameters(const DiscState& d) {
  // Power-on defaults: TAO mode 1 on CD, incremental elsewhere; BUFE on.
  mmc::WriteParametersPage w;
  w.buffer_underrun_free = true;
  w.write_type = d.spec().family == Family::kCd ? 1 : 0;
  w.track_mode = 4;
  w.data_block_type = 8;
  w.packet_size = d.spec().family == Family::kCd ? 0 : 16;
  return w;
}

mmc::WriteParametersPage current_write_parameters(const EmuState& s) {
  if (s.drive.write_page.size() >= 16) return mmc::parse_write_parameters_page(s.drive.write_page);
  return default_write_parameters(s.disc);
}

std::vector<uint32_t> offered_write_speeds_kbps(const DriveConfig& c, const DiscState& d) {
  std::vector<uint32_t> out;
  for (uint16_t x10 : d.spec().speeds_x10)
    if (c.speed_x10 == 0 || x10 <= c.speed_x10) out.push_back(d.spec().one_x_kbps * x10 / 10);
  // speed= above the usual list: the faster speeds drives sell, up to it (at most the fastest there is).
  for (uint16_t x10 : d.spec().faster_x10)
    if (c.speed_x10 != 0 && x10 <= c.speed_x10) out.push_back(d.spec().one_x_kbps * x10 / 10);
  if (out.empty() && !d.spec().speeds_x10.empty()) out.push_back(d.spec().one_x_kbps * d.spec().speeds_x10.front() / 10);
  std::sort(out.rbegin(), out.rend());  // fastest first, as drives list them
  return out;
}

uint32_t selected_write_speed_kbps(const DriveConfig& c, const EmuState& s) {
  auto speeds = offered_write_speeds_kbps(c, s.disc);
  if (speeds.empty()) return 0;
  // The fastest offered speed not above the requested one (drives round down).
  for (uint32_t v : speeds)
    if (s.drive.write_speed_kbps == 0 || v <= s.drive.write_speed_kbps) return v;
  return speeds.back();
}

void begin_long_operation(Context& ctx, LongOperation op) {
  ctx.drive().operation = ctx.config.operation_polls ? op : LongOperation::kNone;
  ctx.drive().operation_polls_left = ctx.config.operation_polls;
  ctx.drive().operation_polls_total = ctx.config.operation_polls;
  ctx.state_changed = true;
}

size_t test_unit_ready(Context& ctx, const Command&) {
  if (ctx.drive().media_changed) {
    ctx.drive().media_changed = false;
    ctx.state_changed = true;
    check(0x06, 0x28, 0x00);
  }
  return 0;
}

size_t request_sense(Context& ctx, const Command& cmd) {
  // The dispatcher answers a long operation's progress before we get here.
  std::vector<uint8_t> sense = ctx.drive().medium_present ? mmc::encode_fixed_sense(0, 0, 0)
                                                          : mmc::encode_fixed_sense(0x02, 0x3A, 0x00);
  return reply(cmd, sense, cmd.u8(4));
}

size_t inquiry(Context& ctx, const Command& cmd) {
  const size_t alloc = cmd.be16(3);
  if (cmd.bit(1, 0)) {  // EVPD
    switch (cmd.u8(2)) {
      case 0x00:
        return reply(cmd, {0x05, 0x00, 0x00, 0x02, 0x00, 0x80}, alloc);
      case 0x80: {
        std::vector<uint8_t> page = {0x05, 0x80, 0x00, 0x08};
        for (char ch : std::string("EMU00001")) page.push_back(static_cast<uint8_t>(ch));
        return reply(cmd, page, alloc);
      }
      default:
        invalid_field_in_cdb();
    }
  }
  if (cmd.u8(2) != 0) invalid_field_in_cdb();
  mmc::InquiryData d;
  d.peripheral_type = mmc::kPeripheralTypeCdDvd;
  d.removable = true;
  d.version = 0x05;  // SPC-3
  d.response_data_format = 2;
  d.vendor = ctx.config.vendor;
  d.product = ctx.config.product;
  d.revision = "1.00";
  return reply(cmd, mmc::encode_inquiry(d), alloc);
}

size_t start_stop_unit(Context& ctx, const Command& cmd) {
  const bool load_eject = cmd.bit(4, 1), start = cmd.bit(4, 0);
  if (!load_eject) return 0;  // spin up/down: nothing to emulate
  DriveState& v = ctx.drive();
  if (!start) {
    if (v.prevent_removal) check(0x05, 0x53, 0x02);  // medium removal prevented
    if (v.medium_present) ctx.disc().interrupt_writing();
    v.medium_present = false;
  } else if (!v.medium_present) {
    v.medium_present = true;
    v.media_changed = true;
    v.media_event = true;
    v.not_ready_left = ctx.config.faults.not_ready_polls;
  }
  ctx.state_changed = true;
  return 0;
}

size_t prevent_allow_medium_removal(Context& ctx, const Command& cmd) {
  ctx.drive().prevent_removal = cmd.bit(4, 0);
  ctx.state_changed = true;
  return 0;
}

size_t get_event_status_notification(Context& ctx, const Command& cmd) {
  if (!cmd.bit(1, 0)) invalid_field_in_cdb();  // only polled operation is supported, as on most drives
  mmc::EventStatus e;
  e.supported_classes = 0x10;  // media
  if ((cmd.u8(4) & 0x10) == 0) {
    e.no_event_available = true;
    return reply(cmd, mmc::encode_event_status(e), cmd.be16(7));
  }
  e.notification_class = 4;
  mmc::MediaStatus m;
  m.media_present = ctx.drive().medium_present;
  m.event = static_cast<uint8_t>(ctx.drive().media_event ? mmc::MediaEvent::kNewMedia : mmc::MediaEvent::kNoChange);
  e.media = m;
  if (ctx.drive().media_event) {  // an event is reported once, then the queue is empty
    ctx.drive().media_event = false;
    ctx.state_changed = true;
  }
  return reply(cmd, mmc::encode_event_status(e), cmd.be16(7));
}

size_t get_configuration(Context& ctx, const Command& cmd) {
  const uint8_t rt = cmd.u8(1) & 0x03;
  const uint16_t start = static_cast<uint16_t>(cmd.be16(2));
  if (rt == 3) invalid_field_in_cdb();
  const DiscState* disc = ctx.drive().medium_present ? &ctx.disc() : nullptr;
  std::vector<mmc::FeatureDescriptor> selected;
  for (auto& f : drive_features(disc, ctx.config.write_protected)) {
    if (rt == 2 ? f.code != start : f.code < start) continue;
    if (rt == 1 && !f.current) continue;
    selected.push_back(std::move(f));
  }
  uint16_t profile = disc ? static_cast<uint16_t>(disc->spec().profile) : 0;
  return reply(cmd, mmc::encode_configuration(profile, selected), cmd.be16(7));
}

namespace {

std::vector<uint8_t> capabilities_page(const Context& ctx) {
  mmc::CapabilitiesPage c;
  c.dvd_ram_read = c.dvd_r_read = c.dvd_rom_read = c.cd_rw_read = c.cd_r_read = c.method2 = true;
  c.dvd_ram_write = c.dvd_r_write = c.test_write = c.cd_rw_write = c.cd_r_write = true;
  c.buffer_underrun_protection = c.multi_session = c.mode2_form1 = c.mode2_form2 = true;
  c.loading_mechanism = 1;  // tray
  c.eject = true;
  c.lock = true;
  c.lock_state = ctx.state.drive.prevent_removal;
  c.buffer_size_kb = static_cast<uint16_t>(std::min<uint32_t>(ctx.config.buffer_bytes / 1024, 0xFFFF));
  const auto speeds = offered_write_speeds_kbps(ctx.config, ctx.state.disc);
  c.max_read_speed_kbps = static_cast<uint16_t>(std::min<uint32_t>(ctx.state.disc.spec().one_x_kbps * 16, 0xFFFF));
  c.max_write_speed_kbps = static_cast<uint16_t>(std::min<uint32_t>(speeds.empty() ? 0 : speeds.front(), 0xFFFF));
  c.current_write_speed_kbps =
      static_cast<uint16_t>(std::min<uint32_t>(selected_write_speed_kbps(ctx.config, ctx.state), 0xFFFF));
  for (uint32_t s : speeds) c.write_speeds.push_back({0, static_cast<uint16_t>(std::min<uint32_t>(s, 0xFFFF))});
  return mmc::encode_capabilities_page(c);
}

std::vector<uint8_t> write_parameters_page(const Context& ctx, uint8_t page_control) {
  if (page_control == 1) {  // changeable values: every field of page 05h can be set
    std::vector<uint8_t> mask(52, 0xFF);
    mask[0] = 0x05;
    mask[1] = 0x32;
    return mask;
  }
  // PS stays 0: the drive saves no page (MODE SENSE of saved values is 05/39/00, MODE SELECT
  // with SP is refused), so it must not claim that this one is savable.
  if (page_control == 2) return mmc::write_parameters_page(default_write_parameters(ctx.state.disc));
  return mmc::write_parameters_page(current_write_parameters(ctx.state));
}

}  // namespace

size_t mode_sense10(Context& ctx, const Command& cmd) {
  const uint8_t page = cmd.u8(2) & 0x3F, pc = cmd.u8(2) >> 6;
  if (pc == 3) check(0x05, 0x39, 0x00);  // saving parameters not supported
  std::vector<std::vector<uint8_t>> pages;
  if (page == 0x05 || page == 0x3F) pages.push_back(write_parameters_page(ctx, pc));
  if (page == 0x2A || page == 0x3F) {
    auto p = capabilities_page(ctx);
    if (pc == 1) std::fill(p.begin() + 2, p.end(), 0);  // nothing changeable
    pages.push_back(p);
  }
  if (pages.empty()) invalid_field_in_cdb();
  std::vector<uint8_t> data = mmc::encode_mode_sense10(pages);
  // Device-specific parameter, WP bit: the medium is write-protected (SPC's mode parameter header;
  // what IMAPI reports as software write protection).
  if (ctx.config.write_protected && ctx.drive().medium_present) data[3] |= 0x80;
  return reply(cmd, data, cmd.be16(7));
}

namespace {
// Data block types MMC defines (0-3 raw and audio, 8-13 mode 1 / mode 2); the others are reserved or vendor-specific.
bool mmc_block_type(uint8_t t) { return t <= 3 || (t >= 8 && t <= 13); }
}  // namespace

size_t mode_select10(Context& ctx, const Command& cmd) {
  if (cmd.bit(1, 0)) invalid_field_in_cdb();  // SP: no page is savable (SPC: INVALID FIELD IN CDB)
  const auto list = cmd.parameter_list(cmd.be16(7));
  if (list.empty()) return 0;
  std::vector<mmc::ModePageData> pages;
  try {
    pages = mmc::parse_mode_select_parameter_list(list);
  } catch (const Error&) {
    invalid_field_in_parameter_list();
  }
  for (const auto& p : pages) {
    if (p.code == 0x2A) continue;  // nothing in it is changeable; accepted as drives do
    if (p.code != 0x05 || p.bytes.size() < 16) invalid_field_in_parameter_list();
    const auto w = mmc::parse_write_parameters_page(p.bytes);
    const Family family = ctx.disc().spec().family;
    const MediaKind kind = ctx.disc().media;
    // What a real multi-format drive accepts; clients (wodim) learn the
    // supported modes from which combinations are refused with 05/26/00.
    if (family == Family::kCd) {
      if (w.write_type != 1 && w.write_type != 2) invalid_field_in_parameter_list();
      // Every block type MMC defines is accepted here, audio and raw ones too: clients set page
      // 05h for commands that write nothing (wodim -fix sends track mode 0 / block type 0 before
      // CLOSE SESSION). Only 2048-byte blocks are recorded: a TAO WRITE with another block type
      // fails (05/64/00); in SAO the cue sheet's data forms rule.
      if (w.write_type == 1 && !mmc_block_type(w.data_block_type)) invalid_field_in_parameter_list();
    } else if (kind == MediaKind::kDvdR || kind == MediaKind::kDvdRwSequential) {
      if (w.write_type != 0 && w.write_type != 2) invalid_field_in_parameter_list();  // incremental or DAO
    } else {
      // DVD+R, BD and random media: packet/incremental or TAO. Raw (3) is a CD write type and
      // layer jump (4) belongs to DVD-R DL, which this drive does not offer; nor is there a test mode.
      if (w.write_type > 1 || w.test_write) invalid_field_in_parameter_list();
    }
    ctx.drive().write_page = mmc::write_parameters_page(w);
    ctx.state_changed = true;
  }
  return 0;
}

size_t get_performance(Context& ctx, const Command& cmd) {
  const uint8_t type = cmd.u8(10);
  const uint16_t max = static_cast<uint16_t>(cmd.be16(8));
  const size_t alloc = size_t{8} + size_t{16} * max;
  const auto speeds = offered_write_speeds_kbps(ctx.config, ctx.disc());
  const uint32_t end_lba = ctx.disc().capacity() ? ctx.disc().capacity() - 1 : 0;
  if (type == 0x03) {
    mmc::WriteSpeeds w;
    for (uint32_t s : speeds) {
      mmc::WriteSpeed d;
      d.end_lba = end_lba;
      d.read_speed_kbps = ctx.disc().spec().one_x_kbps * 16;
      d.write_speed_kbps = s;
      w.descriptors.push_back(d);
    }
    return reply(cmd, mmc::encode_write_speeds(w), alloc);
  }
  if (type != 0x00) invalid_field_in_cdb();
  mmc::Performance p;
  p.write = cmd.bit(1, 2);
  p.except = (cmd.u8(1) & 0x03) != 0;
  if (!p.except) {
    uint32_t kbps = p.write ? selected_write_speed_kbps(ctx.config, ctx.state) : ctx.disc().spec().one_x_kbps * 16;
    p.descriptors.push_back({0, kbps, end_lba, kbps});
  }
  return reply(cmd, mmc::encode_performance(p), alloc);
}

size_t set_streaming(Context& ctx, const Command& cmd) {
  if (cmd.u8(8) != 0x00) invalid_field_in_cdb();  // only the performance descriptor
  const auto list = cmd.parameter_list(cmd.be16(9));
  if (list.size() < 28) invalid_field_in_parameter_list();
  const uint32_t size_kb = mmc::ResponseReader(list, "SET STREAMING").be32(20);
  const uint32_t time_ms = mmc::ResponseReader(list, "SET STREAMING").be32(24);
  if (time_ms == 0) invalid_field_in_parameter_list();
  // Write size is in kilobytes (1000 bytes per MMC's kB) per write time.
  ctx.drive().write_speed_kbps = static_cast<uint32_t>(uint64_t{size_kb} * 1000 / time_ms);
  ctx.state_changed = true;
  return 0;
}

size_t set_cd_speed(Context& ctx, const Command& cmd) {
  const uint32_t write = cmd.be16(4);
  ctx.drive().write_speed_kbps = write == 0xFFFF ? 0 : write;
  ctx.state_changed = true;
  return 0;
}

size_t read_buffer_capacity(Context& ctx, const Command& cmd) {
  drain_buffer(ctx);  // what has reached the medium since the last WRITE is gone from the buffer
  const DriveState& v = ctx.drive();
  const uint64_t size = ctx.config.buffer_bytes;
  const uint64_t fill = std::min<uint64_t>(v.buffer_fill, size);
  if (cmd.bit(1, 0)) {  // Block: available space in blocks
    std::vector<uint8_t> b(12, 0);
    mmc::put_be16(b.data(), 10);
    b[3] = 1;
    mmc::put_be32(b.data() + 8, static_cast<uint32_t>((size - fill) / mmc::kDataSectorSize));
    return reply(cmd, b, cmd.be16(7));
  }
  return reply(cmd, mmc::encode_buffer_capacity({static_cast<uint32_t>(size), static_cast<uint32_t>(size - fill)}),
               cmd.be16(7));
}

}  // namespace imapi::device::emu
