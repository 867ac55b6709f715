// BLANK (CD-RW, DVD-RW) and FORMAT UNIT (DVD+RW, DVD-RW, DVD-RAM, BD-RE,
// BD-R SRM): the format types a real drive offers per medium through READ
// FORMAT CAPACITIES, with IMMED progress reported through NOT READY sense.
#include <unistd.h>

#include "core/error.hpp"
#include "device/emu/command.hpp"
#include "mmc/parameter_lists.hpp"

namespace imapi::device::emu {

size_t blank(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  if (!d.spec().erasable || d.spec().family == Family::kBd || d.media == MediaKind::kDvdPlusRw ||
      d.media == MediaKind::kDvdRam)
    incompatible_medium();
  refuse_if_write_protected(ctx);
  const uint8_t type = cmd.u8(1) & 0x07;
  const bool immediate = cmd.bit(1, 4);
  switch (type) {
    case 0:  // full: every block erased
      if (::ftruncate(ctx.image_fd, 0) != 0) check(0x03, 0x0C, 0x00);
      [[fallthrough]];
    case 1:  // minimal ("fast"): PMA, TOC and the first pregap; data stays but is unreachable
      d.erase();
      d.media = d.media == MediaKind::kDvdRwRestricted ? MediaKind::kDvdRwSequential : d.media;
      d.formatted = false;
      break;
    case 6: {  // erase the last session
      if (d.closed_sessions == 0) sequence_error();
      const uint16_t last = d.closed_sessions;
      std::erase_if(d.tracks, [&](const Track& t) { return t.session >= last; });
      --d.closed_sessions;
      d.finalized = false;
      break;
    }
    case 5:  // unclose the last session
      if (d.closed_sessions == 0) sequence_error();
      --d.closed_sessions;
      d.finalized = false;
      break;
    default:
      invalid_field_in_cdb();
  }
  ctx.drive().sao_armed = false;
  ctx.drive().sao_plan.clear();
  make_durable(ctx);
  if (immediate) begin_long_operation(ctx, LongOperation::kBlank);
  return 0;
}

size_t format_unit(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  refuse_if_write_protected(ctx);
  if (!cmd.bit(1, 4)) {  // FmtData=0: the drive's default format
    if (!d.spec().needs_format && d.media != MediaKind::kDvdRam) cannot_format_medium();
    d.erase();
    d.formatted = true;
    make_durable(ctx);
    return 0;
  }
  if ((cmd.u8(1) & 0x07) != 1) invalid_field_in_cdb();  // format code 001b
  mmc::FormatRequest f;
  try {
    f = mmc::parse_format_unit_parameters(cmd.parameter_list(12));
  } catch (const Error&) {
    invalid_field_in_parameter_list();
  }
  auto allowed = [&](std::initializer_list<uint8_t> types) {
    for (uint8_t t : types)
      if (t == f.format_type) return true;
    return false;
  };
  switch (d.spec().rules()) {
    case MediaKind::kDvdPlusRw:
      if (!allowed({0x26})) invalid_field_in_parameter_list();
      d.formatted = true;
      d.background_format = true;  // finished by CLOSE 0/2 (or left running, as real drives may)
      break;
    case MediaKind::kBdRe:
      if (!allowed({0x00, 0x30, 0x31})) invalid_field_in_parameter_list();
      // Subtypes of 30h/31h: 00b quick reformat, 10b full certification, 11b quick certification; 01b is reserved.
      if (f.format_subtype == 0x01) invalid_field_in_parameter_list();
      d.erase();
      d.formatted = true;
      d.no_spares = f.format_type == 0x31;  // no spare areas: the whole user capacity
      break;
    case MediaKind::kBdR:
      if (!d.blank()) cannot_format_medium();
      if (!allowed({0x00, 0x32})) invalid_field_in_parameter_list();
      d.formatted = true;  // SRM with spare areas: still sequential, smaller user capacity
      break;
    case MediaKind::kDvdRwSequential:
    case MediaKind::kDvdRwRestricted:
      if (allowed({0x13, 0x15, 0x00})) {
        d.erase();
        d.media = MediaKind::kDvdRwRestricted;  // profile 14h becomes 13h
        d.formatted = true;
      } else if (allowed({0x10})) {
        d.erase();
        d.media = MediaKind::kDvdRwSequential;
      } else {
        invalid_field_in_parameter_list();
      }
      break;
    case MediaKind::kDvdRam:
      if (!allowed({0x00, 0x01})) invalid_field_in_parameter_list();
      d.formatted = true;
      break;
    default:
      cannot_format_medium();
  }
  ctx.drive().sao_armed = false;
  ctx.drive().sao_plan.clear();
  make_durable(ctx);
  if (f.immediate) begin_long_operation(ctx, LongOperation::kFormat);
  return 0;
}

}  // namespace imapi::device::emu
