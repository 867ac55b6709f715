// Commands that report the disc's layout (disc/track information, TOC,
// capacities, disc structures) and read its user data.
#include <algorithm>
#include <cstring>

#include "core/file_io.hpp"
#include "device/emu/command.hpp"
#include "mmc/addressing.hpp"
#include "mmc/bytes.hpp"
#include "mmc/capacity.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/toc.hpp"
#include "mmc/track_information.hpp"

namespace imapi::device::emu {

namespace {

constexpr uint32_t kNoAddress = 0xFFFFFFFFu;
const mmc::Msf kCdLeadInStart{97, 26, 66};  // typical ATIP lead-in start of 80-minute media

uint32_t msf_field(int32_t lba) {
  mmc::Msf m = mmc::msf_from_lba(lba);
  return uint32_t{m.minute} << 16 | uint32_t{m.second} << 8 | m.frame;
}

bool is_random_or_rom(const DiscState& d) { return d.spec().recording != Recording::kSequential; }

}  // namespace

size_t read_disc_information(Context& ctx, const Command& cmd) {
  if ((cmd.u8(1) & 0x07) != 0) invalid_field_in_cdb();  // only standard disc information
  const DiscState& d = ctx.disc();
  const bool cd = d.spec().family == Family::kCd;
  mmc::DiscInformation i;
  i.erasable = d.spec().erasable;
  i.first_track = 1;
  i.unrestricted_use = true;
  const DiscStatus status = d.status();
  switch (status) {
    case DiscStatus::kBlank: i.disc_status = mmc::DiscStatus::kEmpty; break;
    case DiscStatus::kAppendable: i.disc_status = mmc::DiscStatus::kIncomplete; break;
    case DiscStatus::kFinalized: i.disc_status = mmc::DiscStatus::kFinalized; break;
    case DiscStatus::kRandomAccess: i.disc_status = mmc::DiscStatus::kOther; break;
  }
  if (is_random_or_rom(d)) {
    i.sessions = 1;
    i.first_track_last_session = i.last_track_last_session = 1;
    i.last_session_state = status == DiscStatus::kBlank ? mmc::SessionState::kEmpty : mmc::SessionState::kComplete;
    if (d.spec().needs_format) i.background_format_status = d.formatted ? (d.background_format ? 1 : 3) : 0;
    i.last_session_lead_in = i.last_possible_lead_out = kNoAddress;
    if (status == DiscStatus::kBlank) i.last_possible_lead_out = d.capacity();
  } else {
    i.sessions = d.session_count();
    i.first_track_last_session = static_cast<uint16_t>(d.first_track_of_session(i.sessions));
    i.last_track_last_session = static_cast<uint16_t>(d.finalized ? d.tracks.size() : d.track_count_with_invisible());
    if (d.finalized) {
      i.last_session_state = mmc::SessionState::kComplete;
      i.last_session_lead_in = i.last_possible_lead_out = kNoAddress;
    } else {
      bool session_has_tracks = !d.tracks.empty() && d.tracks.back().session == d.current_session();
      i.last_session_state = session_has_tracks ? mmc::SessionState::kIncomplete : mmc::SessionState::kEmpty;
      const uint32_t next = d.next_track_start();
      if (cd) {
        i.last_session_lead_in = d.tracks.empty() ? msf_field(mmc::lba_from_msf(kCdLeadInStart))
                                                  : msf_field(static_cast<int32_t>(next) - 4650);
        i.last_possible_lead_out = msf_field(static_cast<int32_t>(d.capacity()));
      } else {
        i.last_session_lead_in = next;
        i.last_possible_lead_out = d.capacity();
      }
    }
  }
  return reply(cmd, mmc::encode_disc_information(i), cmd.be16(7));
}

namespace {

mmc::TrackInformation describe_track(const DiscState& d, uint32_t number) {
  mmc::TrackInformation t;
  t.track = static_cast<uint16_t>(number);
  const uint32_t unit = d.spec().packet_blocks;
  const bool dvd_dash = d.media == MediaKind::kDvdR || d.media == MediaKind::kDvdRwSequential;
  if (is_random_or_rom(d)) {
    t.session = 1;
    t.track_mode = 4;
    t.data_mode = 1;
    t.start = 0;
    t.size = d.capacity();
    t.packet_size = unit;
    t.fixed_packet = t.packet = d.spec().recording == Recording::kRandom;
    t.last_recorded = d.random_extent ? d.random_extent - 1 : 0;
    t.lra_valid = d.random_extent > 0;
    t.blank = d.status() == DiscStatus::kBlank;
    return t;
  }
  if (number == d.tracks.size() + 1) {  // the invisible track
    t.session = d.current_session();
    t.blank = true;
    t.track_mode = d.spec().family == Family::kCd ? 4 : 7;
    t.data_mode = 1;  // growisofs takes the data block type from here (must be mode 1)
    t.start = d.next_track_start();
    t.nwa_valid = true;
    t.next_writable = t.start;
    t.free_blocks = d.capacity() - t.start;
    t.size = t.free_blocks;
    // DVD-R/-RW sequential tracks are variable-packet (growisofs refuses fixed ones);
    // DVD+R and BD report their ECC block / cluster as a fixed packet size.
    t.packet = d.spec().family != Family::kCd;
    t.fixed_packet = t.packet && !dvd_dash;
    t.packet_size = t.fixed_packet ? unit : 0;
    t.last_recorded = 0;
    return t;
  }
  const Track& tr = d.tracks.at(number - 1);
  t.session = tr.session;
  t.track_mode = tr.control;
  t.data_mode = 1;
  t.start = tr.start;
  t.reserved = tr.state == TrackState::kReserved;
  t.blank = tr.written == 0;
  t.packet = d.spec().family != Family::kCd;
  t.fixed_packet = t.packet && !dvd_dash;
  t.packet_size = t.fixed_packet ? unit : 0;
  switch (tr.state) {
    case TrackState::kOpen:
      t.nwa_valid = true;
      t.next_writable = tr.next_writable();
      t.free_blocks = d.capacity() - t.next_writable;
      t.size = d.capacity() - tr.start;
      break;
    case TrackState::kReserved:
      t.nwa_valid = tr.written < tr.size;
      t.next_writable = t.nwa_valid ? tr.next_writable() : 0;
      t.free_blocks = tr.size - tr.written;
      t.size = tr.size;
      break;
    case TrackState::kComplete:
      t.size = tr.end() - tr.start;
      break;
    case TrackState::kDamaged:  // MMC: Damage 1 with NWA_V 0, "damaged, not closed, not writable"
      t.damage = true;
      t.size = tr.written;
      break;
  }
  t.lra_valid = tr.written > 0;
  t.last_recorded = tr.written ? tr.start + tr.written - 1 : 0;
  return t;
}

}  // namespace

size_t read_track_information(Context& ctx, const Command& cmd) {
  const DiscState& d = ctx.disc();
  const uint32_t address = cmd.be32(2);
  uint32_t number = 0;
  const uint32_t count = is_random_or_rom(d) ? 1 : d.track_count_with_invisible();
  switch (cmd.u8(1) & 0x03) {
    case 0: {  // LBA
      if (is_random_or_rom(d)) {
        if (address >= d.capacity()) invalid_field_in_cdb();
        number = 1;
      } else if (auto n = d.track_at(address)) {
        number = *n;
      } else if (d.has_invisible_track() && address >= d.next_track_start() && address < d.capacity()) {
        number = count;
      } else {
        invalid_field_in_cdb();
      }
      break;
    }
    case 1:  // track number; FFh is the invisible/incomplete track
      number = address == 0xFF ? count : address;
      if (address == 0xFF && (count == 0 || (!d.has_invisible_track() && !d.open_track() && !d.last_track_damaged() &&
                                             !is_random_or_rom(d))))
        invalid_field_in_cdb();
      break;
    case 2:  // session number
      if (address == 0 || address > d.session_count()) invalid_field_in_cdb();
      number = d.first_track_of_session(static_cast<uint16_t>(address));
      break;
    default:
      invalid_field_in_cdb();
  }
  if (number == 0 || number > count) invalid_field_in_cdb();
  return reply(cmd, mmc::encode_track_information(describe_track(d, number)), cmd.be16(7));
}

namespace {

// Tracks a TOC lists: recorded (complete) ones; random and pressed media show one track.
std::vector<std::pair<uint32_t, Track>> toc_tracks(const DiscState& d) {
  std::vector<std::pair<uint32_t, Track>> out;
  if (is_random_or_rom(d)) {
    if (d.status() != DiscStatus::kBlank) {
      Track t;
      t.size = t.written = d.spec().recording == Recording::kReadOnly ? d.capacity() : std::max(d.random_extent, 1u);
      t.state = TrackState::kComplete;
      out.emplace_back(1, t);
    }
    return out;
  }
  // A damaged track is listed with what it holds, as drives read it off the disc: that is how
  // libburn finds it and offers to close it (xorriso -close_damaged).
  for (size_t i = 0; i < d.tracks.size(); ++i)
    if (d.tracks[i].state == TrackState::kComplete || d.tracks[i].state == TrackState::kDamaged) out.emplace_back(static_cast<uint32_t>(i + 1), d.tracks[i]);
  return out;
}

uint32_t address_field(int32_t lba, bool msf) { return msf ? msf_field(lba) : static_cast<uint32_t>(lba); }

}  // namespace

size_t read_toc(Context& ctx, const Command& cmd) {
  const DiscState& d = ctx.disc();
  uint8_t format = cmd.u8(2) & 0x0F;
  if (format == 0 && (cmd.u8(9) & 0xC0)) format = cmd.u8(9) >> 6;  // SFF-8020 format field in CONTROL
  const bool msf = cmd.bit(1, 1);
  const size_t alloc = cmd.be16(7);
  const bool cd = d.spec().family == Family::kCd;
  const auto tracks = toc_tracks(d);

  if (format == 4) {  // ATIP
    if (d.media != MediaKind::kCdR && d.media != MediaKind::kCdRw) invalid_field_in_cdb();
    mmc::Atip a;
    a.rewritable = d.media == MediaKind::kCdRw;
    a.indicative_write_power = 5;
    a.lead_in_start = kCdLeadInStart;
    a.last_lead_out_start = mmc::msf_from_lba(static_cast<int32_t>(d.capacity()));
    return reply(cmd, mmc::encode_atip(a), alloc);
  }
  if (format == 3) {  // PMA: the track entries of the session not yet closed
    if (!cd) invalid_field_in_cdb();
    mmc::Pma p;
    for (const PmaTrack& t : d.pma_tracks()) {
      mmc::PmaEntry e;
      e.adr = 1;
      e.control = t.control;
      e.point = static_cast<uint8_t>(t.number);
      e.ptime = mmc::msf_from_lba(static_cast<int32_t>(t.start));
      e.atime = mmc::msf_from_lba(static_cast<int32_t>(t.last));
      p.entries.push_back(e);
    }
    return reply(cmd, mmc::encode_pma(p), alloc);
  }
  if (tracks.empty()) invalid_field_in_cdb();  // blank disc: no TOC (as real drives answer)

  if (format == 0) {
    const uint8_t from = cmd.u8(6);
    if (from != 0 && from != mmc::kLeadOutTrack && from > tracks.back().first) invalid_field_in_cdb();
    mmc::Toc t;
    t.first = static_cast<uint8_t>(tracks.front().first);
    t.last = static_cast<uint8_t>(tracks.back().first);
    for (const auto& [n, tr] : tracks)
      if (n >= from && from != mmc::kLeadOutTrack)
        t.tracks.push_back({1, tr.control, static_cast<uint8_t>(n), address_field(static_cast<int32_t>(tr.start), msf)});
    const Track& last = tracks.back().second;
    t.tracks.push_back({1, last.control, mmc::kLeadOutTrack, address_field(static_cast<int32_t>(last.end()), msf)});
    return reply(cmd, mmc::encode_toc(t), alloc);
  }
  if (format == 1) {
    // The first track of the last session holding complete tracks.
    const uint16_t session = tracks.back().second.session;
    mmc::Toc t;
    t.first = 1;
    t.last = static_cast<uint8_t>(session);
    for (const auto& [n, tr] : tracks) {
      if (tr.session != session) continue;
      t.tracks.push_back({1, tr.control, static_cast<uint8_t>(n), address_field(static_cast<int32_t>(tr.start), msf)});
      break;
    }
    return reply(cmd, mmc::encode_toc(t), alloc);
  }
  if (format == 2) {
    if (!cd) invalid_field_in_cdb();
    mmc::FullToc f;
    const uint16_t last_session = tracks.back().second.session;
    f.first_session = 1;
    f.last_session = static_cast<uint8_t>(last_session);
    auto msf_of = [](int32_t lba) { return mmc::msf_from_lba(lba); };
    for (uint16_t s = 1; s <= last_session; ++s) {
      std::vector<std::pair<uint32_t, Track>> in;
      for (const auto& e : tracks)
        if (e.second.session == s) in.push_back(e);
      if (in.empty()) continue;
      const uint8_t ctl = in.front().second.control;
      const uint8_t session = static_cast<uint8_t>(s);
      f.entries.push_back({session, 1, ctl, 0, mmc::point::kFirstTrack, {}, 0,
                           {static_cast<uint8_t>(in.front().first), 0x00, 0}});
      f.entries.push_back({session, 1, ctl, 0, mmc::point::kLastTrack, {}, 0,
                           {static_cast<uint8_t>(in.back().first), 0, 0}});
      f.entries.push_back({session, 1, ctl, 0, mmc::point::kLeadOut, {}, 0,
                           msf_of(static_cast<int32_t>(in.back().second.end()))});
      for (const auto& [n, tr] : in)
        f.entries.push_back({session, 1, tr.control, 0, static_cast<uint8_t>(n), {}, 0,
                             msf_of(static_cast<int32_t>(tr.start))});
      // B0: where the next session's program area starts; present while the disc can grow.
      const bool more = s < last_session || !d.finalized;
      if (more) {
        uint32_t next = in.back().second.end() + cd_session_gap(s);
        f.entries.push_back({session, 5, ctl, 0, mmc::point::kNextProgramArea, msf_of(static_cast<int32_t>(next)), 2,
                             msf_of(static_cast<int32_t>(d.capacity()))});
      }
    }
    return reply(cmd, mmc::encode_full_toc(f), alloc);
  }
  invalid_field_in_cdb();
}

size_t read_capacity(Context& ctx, const Command& cmd) {
  const DiscState& d = ctx.disc();
  uint32_t last = 0;
  if (is_random_or_rom(d)) {
    last = d.capacity() ? d.capacity() - 1 : 0;
  } else {
    for (const Track& t : d.tracks)
      if (t.written) last = std::max(last, t.start + t.written - 1);
  }
  return reply(cmd, mmc::encode_read_capacity({last, mmc::kDataSectorSize}), 8);
}

size_t read_format_capacities(Context& ctx, const Command& cmd) {
  const DiscState& d = ctx.disc();
  const MediaSpec& s = d.spec();
  mmc::FormatCapacities f;
  f.current_block_length = mmc::kDataSectorSize;
  const bool formatted = d.formatted || d.status() != DiscStatus::kBlank;
  f.current_type = formatted ? mmc::CapacityDescriptorType::kFormatted : mmc::CapacityDescriptorType::kUnformatted;
  f.current_blocks = d.capacity();
  auto offer = [&](uint8_t type, uint32_t blocks, uint32_t parameter) { f.formattable.push_back({blocks, type, parameter}); };
  switch (s.rules()) {
    case MediaKind::kDvdPlusRw: offer(0x26, s.capacity_blocks, 0); break;
    case MediaKind::kBdRe:
      offer(0x00, s.formatted_blocks, 0x3000);
      offer(0x30, s.formatted_blocks, 0x3000);
      offer(0x31, s.capacity_blocks, 0);
      break;
    case MediaKind::kBdR:
      offer(0x00, s.formatted_blocks, 0x3000);
      offer(0x32, s.formatted_blocks, 0x3000);
      break;
    case MediaKind::kDvdRwSequential:
    case MediaKind::kDvdRwRestricted:
      offer(0x00, s.capacity_blocks, 16);
      offer(0x10, s.capacity_blocks, 16);
      offer(0x13, s.capacity_blocks, 16);
      offer(0x15, s.capacity_blocks, 16);
      break;
    case MediaKind::kDvdRam: offer(0x00, s.capacity_blocks, mmc::kDataSectorSize); break;
    default: offer(0x00, d.capacity(), mmc::kDataSectorSize); break;  // lists are at least 16 bytes long (libburn relies on it)
  }
  return reply(cmd, mmc::encode_format_capacities(f), cmd.be16(7));
}

namespace {

// Whether every block of [lba, lba + blocks) holds recorded data.
bool readable(const DiscState& d, uint64_t lba, uint64_t blocks) {
  if (is_random_or_rom(d)) return lba + blocks <= d.capacity();
  uint64_t at = lba;
  while (at < lba + blocks) {
    auto n = d.track_at(static_cast<uint32_t>(at));
    if (!n) return false;
    const Track& t = d.tracks[*n - 1];
    const uint64_t recorded_end = uint64_t{t.start} + t.written;
    if (at >= recorded_end) return false;
    at = recorded_end;
  }
  return true;
}

size_t read_blocks(Context& ctx, const Command& cmd, uint64_t lba, uint64_t blocks) {
  if (blocks == 0) return 0;
  if (!readable(ctx.disc(), lba, blocks)) check(0x05, 0x21, 0x00, static_cast<uint32_t>(lba));
  const uint64_t bytes = blocks * mmc::kDataSectorSize;
  if (cmd.direction != DataDirection::kFromDevice || cmd.buffer.size() < bytes) invalid_field_in_cdb();
  int64_t n = pread_full(ctx.image_fd, cmd.buffer.data(), static_cast<int64_t>(bytes), static_cast<int64_t>(lba * mmc::kDataSectorSize));
  if (n < 0) check(0x03, 0x11, 0x00, static_cast<uint32_t>(lba));  // unrecovered read error
  std::memset(cmd.buffer.data() + n, 0, bytes - static_cast<uint64_t>(n));  // never-written blocks of random media read as zeros
  return bytes;
}

}  // namespace

size_t read10(Context& ctx, const Command& cmd) { return read_blocks(ctx, cmd, cmd.be32(2), cmd.be16(7)); }
size_t read12(Context& ctx, const Command& cmd) { return read_blocks(ctx, cmd, cmd.be32(2), cmd.be32(6)); }

size_t read_cd(Context& ctx, const Command& cmd) {
  if (ctx.disc().spec().family != Family::kCd) incompatible_medium();
  const uint8_t sector_type = (cmd.u8(1) >> 2) & 0x07;
  // User data of mode 1 / mode 2 form 1 sectors only: no synthesized sync, headers or EDC.
  if ((sector_type != 0 && sector_type != 2 && sector_type != 4) || cmd.u8(9) != 0x10 || cmd.u8(10) != 0)
    invalid_field_in_cdb();
  return read_blocks(ctx, cmd, cmd.be32(2), cmd.be24(6));
}

size_t send_disc_structure(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  const uint8_t media_type = cmd.u8(1) & 0x0F, format = cmd.u8(7);
  // Only the layer boundary of DVD+R DL can be sent to this drive (no CSS/CPRM keys, no BD structures).
  if (media_type != 0 || format != 0x20 || d.media != MediaKind::kDvdPlusRDual) invalid_field_in_cdb();
  refuse_if_write_protected(ctx);
  const auto list = cmd.parameter_list(cmd.be16(8));
  if (list.size() < 12) invalid_field_in_parameter_list();
  // Once recording has begun the boundary is fixed (READ DISC STRUCTURE 20h's Init Status).
  if (!d.blank()) sequence_error();
  const uint32_t l0 = mmc::ResponseReader(list, "SEND DISC STRUCTURE").be32(8);
  // Layer 0 can be shortened, in whole ECC blocks, never lengthened past the disc's middle.
  const uint32_t most = d.spec().capacity_blocks / 2;
  if (l0 == 0 || l0 > most || l0 % d.spec().packet_blocks != 0) invalid_field_in_parameter_list();
  d.layer0_blocks = l0;
  make_durable(ctx);  // kept in the disc's control data, not in the cache
  return 0;
}

namespace {

// BD format 00h (media type 1): the Disc Information of the PIC zone, 4,100
// bytes: one 112-byte DI unit per recording layer, each naming the disc type
// ("BDR" write-once, "BDW" rewritable, "BDO" read-only), the number of layers
// of the disc and the layer the unit describes. Format FFh lists format 00h.
std::vector<uint8_t> bd_disc_information(const DiscState& d, uint8_t format) {
  if (format == 0xFF) {
    std::vector<uint8_t> b(8, 0);
    mmc::put_be16(b.data(), 6);
    b[5] = 0x40;  // RDS: readable
    mmc::put_be16(b.data() + 6, 4100);
    return b;
  }
  if (format != 0x00) invalid_field_in_cdb();
  const MediaSpec& s = d.spec();
  std::vector<uint8_t> b(4100, 0);
  mmc::put_be16(b.data(), 4098);
  const char* type = s.recording == Recording::kReadOnly ? "BDO" : s.recording == Recording::kRandom ? "BDW" : "BDR";
  for (uint8_t layer = 0; layer < s.layers; ++layer) {
    uint8_t* u = b.data() + 4 + size_t{layer} * 112;
    u[0] = 'D';
    u[1] = 'I';
    u[2] = 1;                                             // DI format
    u[3] = static_cast<uint8_t>(s.layers << 3 | layer);  // units per DI block, this unit's layer
    u[5] = layer;                                         // sequence number
    u[6] = 112 - 14;                                      // unit length, less the 14-byte BD-R/RE trailer
    std::copy(type, type + 3, u + 8);
    u[12] = static_cast<uint8_t>(s.layers << 4);          // number of recording layers
  }
  return b;
}

}  // namespace

size_t read_disc_structure(Context& ctx, const Command& cmd) {
  const DiscState& d = ctx.disc();
  const uint8_t media_type = cmd.u8(1) & 0x0F, format = cmd.u8(7);
  const size_t alloc = cmd.be16(8);
  if (media_type == 1 && d.spec().family == Family::kBd) return reply(cmd, bd_disc_information(d, format), alloc);
  const bool dual = d.media == MediaKind::kDvdPlusRDual;
  if (format == 0xFF) {  // structure list: format 00h (readable, 2052 bytes), on DVD+R DL also 20h (12 bytes)
    const bool lbi = dual && media_type == 0;
    std::vector<uint8_t> b(lbi ? 12 : 8, 0);
    mmc::put_be16(b.data(), static_cast<uint32_t>(b.size() - 2));
    b[5] = 0x40;  // RDS: readable
    mmc::put_be16(b.data() + 6, 2052);
    if (lbi) {
      b[8] = 0x20;
      b[9] = 0x40;
      mmc::put_be16(b.data() + 10, 12);
    }
    return reply(cmd, b, alloc);
  }
  if (format == 0x20 && media_type == 0 && dual) {
    // Layer boundary information: the L0 data zone capacity (half the disc, where format 00h puts
    // the end of layer 0). Init Status (byte 4 bit 7): the boundary can no longer be changed once
    // recording has begun.
    std::vector<uint8_t> b(12, 0);
    mmc::put_be16(b.data(), 10);
    if (d.status() != DiscStatus::kBlank) b[4] = 0x80;
    mmc::put_be32(b.data() + 8, d.capacity() / 2);
    return reply(cmd, b, alloc);
  }
  if (media_type != 0 || d.spec().family != Family::kDvd || format != 0x00) invalid_field_in_cdb();
  // DVD physical format information (ECMA-267 / ECMA-349 layout).
  std::vector<uint8_t> b(4 + mmc::kDataSectorSize, 0);
  mmc::put_be16(b.data(), 2050);
  uint8_t book = 0;
  switch (d.media) {
    case MediaKind::kDvdRam: book = 1; break;
    case MediaKind::kDvdR: book = 2; break;
    case MediaKind::kDvdRwSequential: case MediaKind::kDvdRwRestricted: book = 3; break;
    case MediaKind::kDvdPlusRw: book = 9; break;
    case MediaKind::kDvdPlusR: book = 10; break;
    case MediaKind::kDvdPlusRDual: book = 14; break;
    default: book = 0; break;
  }
  b[4] = static_cast<uint8_t>(book << 4 | 1);
  b[5] = 0x0F;  // 120 mm, maximum rate not specified
  b[6] = static_cast<uint8_t>((dual ? 0x20 : 0) | (d.spec().recording == Recording::kReadOnly ? 0x01 : d.spec().erasable ? 0x04 : 0x02));
  mmc::put_be32(b.data() + 8, 0x030000);
  mmc::put_be32(b.data() + 12, 0x030000 + d.capacity() - 1);
  mmc::put_be32(b.data() + 16, dual ? 0x030000 + d.capacity() / 2 - 1 : 0);
  return reply(cmd, b, alloc);
}

}  // namespace imapi::device::emu
