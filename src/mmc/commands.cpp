#include "mmc/commands.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

namespace {
uint8_t flag(bool b, int bit) { return static_cast<uint8_t>(b ? 1u << bit : 0u); }
}  // namespace

Cdb test_unit_ready() { return Cdb(op::kTestUnitReady, 6); }

Cdb request_sense(uint8_t allocation_length, bool descriptor_format) {
  Cdb c(op::kRequestSense, 6);
  c[1] = flag(descriptor_format, 0);
  c[4] = allocation_length;
  return c;
}

Cdb inquiry(uint16_t allocation_length, bool evpd, uint8_t page_code) {
  Cdb c(op::kInquiry, 6);
  c[1] = flag(evpd, 0);
  c[2] = page_code;
  put_be16(c.data() + 3, allocation_length);  // SPC-3 and later: two bytes
  return c;
}

Cdb mode_sense10(uint8_t page_code, uint16_t allocation_length, uint8_t page_control,
                 uint8_t subpage_code, bool disable_block_descriptors) {
  Cdb c(op::kModeSense10, 10);
  c[1] = flag(disable_block_descriptors, 3);
  c[2] = static_cast<uint8_t>((page_control & 0x03) << 6 | (page_code & 0x3F));
  c[3] = subpage_code;
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb mode_select10(uint16_t parameter_list_length, bool page_format, bool save_pages) {
  Cdb c(op::kModeSelect10, 10);
  c[1] = static_cast<uint8_t>(flag(page_format, 4) | flag(save_pages, 0));
  put_be16(c.data() + 7, parameter_list_length);
  return c;
}

Cdb read_capacity() { return Cdb(op::kReadCapacity, 10); }

namespace {
// READ(10) and WRITE(10) share one layout, as do READ(12) and WRITE(12).
Cdb transfer10(uint8_t opcode, uint32_t lba, uint16_t blocks, bool force_unit_access) {
  Cdb c(opcode, 10);
  c[1] = flag(force_unit_access, 3);
  put_be32(c.data() + 2, lba);
  put_be16(c.data() + 7, blocks);
  return c;
}

Cdb transfer12(uint8_t opcode, uint32_t lba, uint32_t blocks, bool streaming) {
  Cdb c(opcode, 12);
  put_be32(c.data() + 2, lba);
  put_be32(c.data() + 6, blocks);
  c[10] = flag(streaming, 7);
  return c;
}
}  // namespace

Cdb read10(uint32_t lba, uint16_t blocks, bool force_unit_access) {
  return transfer10(op::kRead10, lba, blocks, force_unit_access);
}
Cdb read12(uint32_t lba, uint32_t blocks, bool streaming) { return transfer12(op::kRead12, lba, blocks, streaming); }
Cdb write10(uint32_t lba, uint16_t blocks, bool force_unit_access) {
  return transfer10(op::kWrite10, lba, blocks, force_unit_access);
}
Cdb write12(uint32_t lba, uint32_t blocks, bool streaming) { return transfer12(op::kWrite12, lba, blocks, streaming); }

Cdb synchronize_cache(bool immediate, uint32_t lba, uint16_t blocks) {
  Cdb c(op::kSynchronizeCache, 10);
  c[1] = flag(immediate, 1);
  put_be32(c.data() + 2, lba);
  put_be16(c.data() + 7, blocks);
  return c;
}

Cdb start_stop_unit(bool start, bool load_eject, bool immediate) {
  Cdb c(op::kStartStopUnit, 6);
  c[1] = flag(immediate, 0);
  c[4] = static_cast<uint8_t>(flag(load_eject, 1) | flag(start, 0));
  return c;
}

Cdb prevent_allow_medium_removal(bool prevent, bool persistent) {
  Cdb c(op::kPreventAllowMediumRemoval, 6);
  c[4] = static_cast<uint8_t>(flag(persistent, 1) | flag(prevent, 0));
  return c;
}

Cdb get_event_status_notification(uint8_t class_request, uint16_t allocation_length) {
  Cdb c(op::kGetEventStatusNotification, 10);
  c[1] = 0x01;  // Polled: asynchronous operation is not defined for these drives
  c[4] = class_request;
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb get_configuration(ConfigurationRequest rt, uint16_t starting_feature, uint16_t allocation_length) {
  Cdb c(op::kGetConfiguration, 10);
  c[1] = static_cast<uint8_t>(static_cast<uint8_t>(rt) & 0x03);
  put_be16(c.data() + 2, starting_feature);
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb read_disc_information(uint16_t allocation_length, uint8_t data_type) {
  Cdb c(op::kReadDiscInformation, 10);
  c[1] = static_cast<uint8_t>(data_type & 0x07);
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb read_track_information(TrackAddressType type, uint32_t address, uint16_t allocation_length, bool open) {
  Cdb c(op::kReadTrackInformation, 10);
  c[1] = static_cast<uint8_t>(flag(open, 2) | (static_cast<uint8_t>(type) & 0x03));
  put_be32(c.data() + 2, address);
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb read_toc(TocFormat format, uint8_t track_or_session, uint16_t allocation_length, bool msf) {
  Cdb c(op::kReadTocPmaAtip, 10);
  c[1] = flag(msf, 1);
  c[2] = static_cast<uint8_t>(static_cast<uint8_t>(format) & 0x0F);
  c[6] = track_or_session;
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb send_disc_structure(uint8_t media_type, uint8_t format_code, uint16_t parameter_list_length, uint8_t agid) {
  Cdb c(op::kSendDiscStructure, 12);
  c[1] = static_cast<uint8_t>(media_type & 0x0F);
  c[7] = format_code;
  put_be16(c.data() + 8, parameter_list_length);
  c[10] = static_cast<uint8_t>((agid & 0x03) << 6);
  return c;
}

Cdb read_disc_structure(uint8_t media_type, uint8_t format_code, uint16_t allocation_length,
                        uint32_t address, uint8_t layer, uint8_t agid) {
  Cdb c(op::kReadDiscStructure, 12);
  c[1] = static_cast<uint8_t>(media_type & 0x0F);
  put_be32(c.data() + 2, address);
  c[6] = layer;
  c[7] = format_code;
  put_be16(c.data() + 8, allocation_length);
  c[10] = static_cast<uint8_t>((agid & 0x03) << 6);
  return c;
}

Cdb read_format_capacities(uint16_t allocation_length) {
  Cdb c(op::kReadFormatCapacities, 10);
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb read_buffer_capacity(uint16_t allocation_length, bool in_blocks) {
  Cdb c(op::kReadBufferCapacity, 10);
  c[1] = flag(in_blocks, 0);
  put_be16(c.data() + 7, allocation_length);
  return c;
}

Cdb get_performance(PerformanceType type, uint16_t max_descriptors, uint32_t start_lba, bool write,
                    uint8_t except) {
  Cdb c(op::kGetPerformance, 12);
  if (type == PerformanceType::kPerformance) {
    // Tolerance 10b (bits 4-3): the only value MMC defines; Write bit 2; Except bits 1-0.
    c[1] = static_cast<uint8_t>(0x10 | flag(write, 2) | (except & 0x03));
  }
  put_be32(c.data() + 2, start_lba);
  put_be16(c.data() + 8, max_descriptors);
  c[10] = static_cast<uint8_t>(type);
  return c;
}

Cdb set_streaming(uint16_t parameter_list_length, uint8_t type) {
  Cdb c(op::kSetStreaming, 12);
  c[8] = type;
  put_be16(c.data() + 9, parameter_list_length);
  return c;
}

Cdb set_cd_speed(uint16_t read_kbps, uint16_t write_kbps, uint8_t rotation_control) {
  Cdb c(op::kSetCdSpeed, 12);
  c[1] = static_cast<uint8_t>(rotation_control & 0x03);
  put_be16(c.data() + 2, read_kbps);
  put_be16(c.data() + 4, write_kbps);
  return c;
}

Cdb reserve_track(uint32_t blocks) {
  Cdb c(op::kReserveTrack, 10);
  put_be32(c.data() + 5, blocks);  // ARSV=0: bytes 5-8 are the reservation size
  return c;
}

Cdb send_cue_sheet(uint32_t cue_sheet_bytes) {
  Cdb c(op::kSendCueSheet, 10);
  put_be24(c.data() + 6, cue_sheet_bytes);
  return c;
}

Cdb send_opc_information(bool do_opc, uint16_t parameter_list_length) {
  Cdb c(op::kSendOpcInformation, 10);
  c[1] = flag(do_opc, 0);
  put_be16(c.data() + 7, parameter_list_length);
  return c;
}

Cdb close_track_session(CloseFunction function, uint16_t track, bool immediate) {
  Cdb c(op::kCloseTrackSession, 10);
  c[1] = flag(immediate, 0);
  c[2] = static_cast<uint8_t>(static_cast<uint8_t>(function) & 0x07);
  put_be16(c.data() + 4, track);
  return c;
}

Cdb blank(BlankType type, bool immediate, uint32_t address) {
  Cdb c(op::kBlank, 12);
  c[1] = static_cast<uint8_t>(flag(immediate, 4) | (static_cast<uint8_t>(type) & 0x07));
  put_be32(c.data() + 2, address);
  return c;
}

Cdb format_unit() {
  Cdb c(op::kFormatUnit, 6);
  c[1] = 0x11;  // FmtData=1, CmpList=0, Format Code=001b
  return c;
}

Cdb read_cd(uint32_t lba, uint32_t blocks, uint8_t expected_sector_type, uint8_t flags9, uint8_t subchannel) {
  Cdb c(op::kReadCd, 12);
  c[1] = static_cast<uint8_t>((expected_sector_type & 0x07) << 2);
  put_be32(c.data() + 2, lba);
  put_be24(c.data() + 6, blocks);
  c[9] = flags9;
  c[10] = static_cast<uint8_t>(subchannel & 0x07);
  return c;
}

}  // namespace imapi::mmc
