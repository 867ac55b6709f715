// MMC-6 READ TOC/PMA/ATIP replies, formats 0 (TOC), 1 (session information)
// and 2 (full TOC, the raw Q sub-channel lead-in entries incl. points A0/A1/A2/B0).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mmc/addressing.hpp"

namespace imapi::mmc {

struct TocTrack {
  uint8_t adr = 0;      // byte 1 bits 7-4
  uint8_t control = 0;  // byte 1 bits 3-0 (bit 2 = data track)
  uint8_t track = 0;    // AAh = lead-out
  uint32_t address = 0; // LBA, or MSF in bytes 1-3 when the CDB's MSF bit was set
};
inline constexpr uint8_t kLeadOutTrack = 0xAA;

// Format 0: every track and the lead-out. Format 1: `tracks` holds the first
// track of the last complete session; first/last are session numbers.
struct Toc {
  uint16_t length = 0;
  uint8_t first = 0;  // first track (format 0) / first complete session (format 1)
  uint8_t last = 0;
  std::vector<TocTrack> tracks;
  bool complete = true;
};

Toc parse_toc(std::span<const uint8_t> bytes);           // format 0
Toc parse_session_info(std::span<const uint8_t> bytes);  // format 1

struct FullTocEntry {
  uint8_t session = 0;
  uint8_t adr = 0;
  uint8_t control = 0;
  uint8_t tno = 0;
  uint8_t point = 0;
  Msf atime;  // MIN/SEC/FRAME
  uint8_t zero = 0;  // for B0: number of mode-5 pointers
  Msf ptime;  // PMIN/PSEC/PFRAME
};
namespace point {
inline constexpr uint8_t kFirstTrack = 0xA0;  // PMIN = first track, PSEC = disc type
inline constexpr uint8_t kLastTrack = 0xA1;   // PMIN = last track
inline constexpr uint8_t kLeadOut = 0xA2;     // P-time = lead-out start
inline constexpr uint8_t kNextProgramArea = 0xB0;  // ADR 5: A-time = next program area, P-time = last possible lead-out
inline constexpr uint8_t kStartOfLeadIn = 0xC0;
}  // namespace point

struct FullToc {
  uint16_t length = 0;
  uint8_t first_session = 0;
  uint8_t last_session = 0;
  std::vector<FullTocEntry> entries;
  bool complete = true;

  const FullTocEntry* find(uint8_t session, uint8_t point) const;
};

FullToc parse_full_toc(std::span<const uint8_t> bytes);  // format 2

// The target side. Formats 0 and 1 share the layout (`length` is computed).
std::vector<uint8_t> encode_toc(const Toc& t);
std::vector<uint8_t> encode_full_toc(const FullToc& t);

// Format 3 (PMA, CD-R/RW only): the program memory area, where a recorder
// notes the tracks of a session it has not closed yet (the TOC in the lead-in
// takes them over when the session is closed). 4-byte header (data length,
// two reserved bytes), then 11-byte descriptors laid out like the full TOC's
// with byte 0 reserved. ADR 1 descriptors are track entries: POINT = track
// number, PMIN/PSEC/PFRAME = its start, MIN/SEC/FRAME = its last block.
// Times are binary, as in the full TOC.
struct PmaEntry {
  uint8_t adr = 0;
  uint8_t control = 0;
  uint8_t tno = 0;
  uint8_t point = 0;
  Msf atime;  // MIN/SEC/FRAME (ADR 1: last block of the track)
  uint8_t zero = 0;
  Msf ptime;  // PMIN/PSEC/PFRAME (ADR 1: start of the track)
};
struct Pma {
  uint16_t length = 0;
  std::vector<PmaEntry> entries;
  bool complete = true;  // false when the reply was cut short of its announced length
};
Pma parse_pma(std::span<const uint8_t> bytes);
std::vector<uint8_t> encode_pma(const Pma& p);

// Format 4 (ATIP, CD-R/RW only): the fields recorders use (MMC-6 table "ATIP descriptor").
struct Atip {
  uint16_t length = 0;
  uint8_t indicative_write_power = 0;  // byte 4 bits 6-4
  bool unrestricted_use = false;       // byte 5 bit 6 (URU)
  bool rewritable = false;             // byte 6 bit 6 (disc type: 0 CD-R, 1 CD-RW)
  uint8_t disc_sub_type = 0;           // byte 6 bits 5-3
  Msf lead_in_start;                   // bytes 8-10
  Msf last_lead_out_start;             // bytes 12-14: last possible start of the lead-out
};
Atip parse_atip(std::span<const uint8_t> bytes);
std::vector<uint8_t> encode_atip(const Atip& a);

}  // namespace imapi::mmc
