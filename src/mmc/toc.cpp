#include "mmc/toc.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

namespace {

// Every READ TOC format opens with the same 4-byte header.
struct TocHeader {
  uint16_t length = 0;
  uint8_t first = 0;
  uint8_t last = 0;
  size_t end = 0;  // where the descriptors that arrived end
  bool complete = false;
};

TocHeader read_toc_header(ResponseReader& r, const char* what) {
  r.require(0, 4, what);
  TocHeader h;
  h.length = r.be16(0);
  if (h.length < 2) r.fail(0, "TOC data length " + std::to_string(h.length) + " is shorter than the header");
  h.first = r.u8(2);
  h.last = r.u8(3);
  h.end = r.announced_end(0, 2, h.length);
  h.complete = h.end == size_t{2} + h.length;
  return h;
}

// Formats 0 and 1 share the layout: 4-byte header, 8-byte track descriptors.
Toc parse_track_descriptors(std::span<const uint8_t> bytes, const char* command) {
  ResponseReader r(bytes, command);
  const TocHeader h = read_toc_header(r, "TOC header");
  Toc t;
  t.length = h.length;
  t.first = h.first;
  t.last = h.last;
  t.complete = h.complete;
  const size_t end = h.end;
  size_t at = 4;
  for (; at + 8 <= end; at += 8) {
    TocTrack d;
    d.adr = r.bits(at + 1, 4, 4);
    d.control = r.bits(at + 1, 0, 4);
    d.track = r.u8(at + 2);
    d.address = r.be32(at + 4);
    t.tracks.push_back(d);
  }
  if (at != end) t.complete = false;
  return t;
}

}  // namespace

Toc parse_toc(std::span<const uint8_t> bytes) { return parse_track_descriptors(bytes, "READ TOC format 0"); }

Toc parse_session_info(std::span<const uint8_t> bytes) {
  return parse_track_descriptors(bytes, "READ TOC format 1");
}

const FullTocEntry* FullToc::find(uint8_t session, uint8_t pt) const {
  for (const auto& e : entries)
    if (e.session == session && e.point == pt) return &e;
  return nullptr;
}

FullToc parse_full_toc(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ TOC format 2");
  const TocHeader h = read_toc_header(r, "full TOC header");
  FullToc t;
  t.length = h.length;
  t.first_session = h.first;
  t.last_session = h.last;
  t.complete = h.complete;
  const size_t end = h.end;
  size_t at = 4;
  for (; at + 11 <= end; at += 11) {
    FullTocEntry e;
    e.session = r.u8(at);
    e.adr = r.bits(at + 1, 4, 4);
    e.control = r.bits(at + 1, 0, 4);
    e.tno = r.u8(at + 2);
    e.point = r.u8(at + 3);
    e.atime = {r.u8(at + 4), r.u8(at + 5), r.u8(at + 6)};
    e.zero = r.u8(at + 7);
    e.ptime = {r.u8(at + 8), r.u8(at + 9), r.u8(at + 10)};
    t.entries.push_back(e);
  }
  if (at != end) t.complete = false;
  return t;
}

namespace {
void put_toc_header(std::vector<uint8_t>& b, uint8_t first, uint8_t last) {
  put_be16(b.data(), static_cast<uint32_t>(b.size() - 2));
  b[2] = first;
  b[3] = last;
}
}  // namespace

std::vector<uint8_t> encode_toc(const Toc& t) {
  std::vector<uint8_t> b(4 + 8 * t.tracks.size(), 0);
  for (size_t i = 0; i < t.tracks.size(); ++i) {
    uint8_t* d = b.data() + 4 + 8 * i;
    d[1] = static_cast<uint8_t>(t.tracks[i].adr << 4 | (t.tracks[i].control & 0x0F));
    d[2] = t.tracks[i].track;
    put_be32(d + 4, t.tracks[i].address);
  }
  put_toc_header(b, t.first, t.last);
  return b;
}

std::vector<uint8_t> encode_full_toc(const FullToc& t) {
  std::vector<uint8_t> b(4 + 11 * t.entries.size(), 0);
  for (size_t i = 0; i < t.entries.size(); ++i) {
    const FullTocEntry& e = t.entries[i];
    uint8_t* d = b.data() + 4 + 11 * i;
    d[0] = e.session;
    d[1] = static_cast<uint8_t>(e.adr << 4 | (e.control & 0x0F));
    d[2] = e.tno;
    d[3] = e.point;
    d[4] = e.atime.minute;
    d[5] = e.atime.second;
    d[6] = e.atime.frame;
    d[7] = e.zero;
    d[8] = e.ptime.minute;
    d[9] = e.ptime.second;
    d[10] = e.ptime.frame;
  }
  put_toc_header(b, t.first_session, t.last_session);
  return b;
}

Pma parse_pma(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ TOC format 3");
  const TocHeader h = read_toc_header(r, "PMA header");
  Pma p;
  p.length = h.length;
  p.complete = h.complete;
  size_t at = 4;
  for (; at + 11 <= h.end; at += 11) {
    PmaEntry e;
    e.adr = r.bits(at + 1, 4, 4);
    e.control = r.bits(at + 1, 0, 4);
    e.tno = r.u8(at + 2);
    e.point = r.u8(at + 3);
    e.atime = {r.u8(at + 4), r.u8(at + 5), r.u8(at + 6)};
    e.zero = r.u8(at + 7);
    e.ptime = {r.u8(at + 8), r.u8(at + 9), r.u8(at + 10)};
    p.entries.push_back(e);
  }
  if (at != h.end) p.complete = false;
  return p;
}

std::vector<uint8_t> encode_pma(const Pma& p) {
  std::vector<uint8_t> b(4 + 11 * p.entries.size(), 0);
  for (size_t i = 0; i < p.entries.size(); ++i) {
    const PmaEntry& e = p.entries[i];
    uint8_t* d = b.data() + 4 + 11 * i;
    d[1] = static_cast<uint8_t>(e.adr << 4 | (e.control & 0x0F));
    d[2] = e.tno;
    d[3] = e.point;
    d[4] = e.atime.minute;
    d[5] = e.atime.second;
    d[6] = e.atime.frame;
    d[7] = e.zero;
    d[8] = e.ptime.minute;
    d[9] = e.ptime.second;
    d[10] = e.ptime.frame;
  }
  put_toc_header(b, 0, 0);
  return b;
}

Atip parse_atip(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ TOC format 4");
  r.require(0, 15, "ATIP through the last possible lead-out start");
  Atip a;
  a.length = r.be16(0);
  if (a.length < 13) r.fail(0, "ATIP data length " + std::to_string(a.length) + " is too short");
  a.indicative_write_power = r.bits(4, 4, 3);
  a.unrestricted_use = r.bit(5, 6);
  a.rewritable = r.bit(6, 6);
  a.disc_sub_type = r.bits(6, 3, 3);
  a.lead_in_start = {r.u8(8), r.u8(9), r.u8(10)};
  a.last_lead_out_start = {r.u8(12), r.u8(13), r.u8(14)};
  return a;
}

std::vector<uint8_t> encode_atip(const Atip& a) {
  std::vector<uint8_t> b(28, 0);
  put_be16(b.data(), 26);
  b[4] = static_cast<uint8_t>(0x80 | (a.indicative_write_power & 7) << 4);  // bit 7 is always 1
  b[5] = a.unrestricted_use ? 0x40 : 0;
  b[6] = static_cast<uint8_t>(0x80 | (a.rewritable ? 0x40 : 0) | (a.disc_sub_type & 7) << 3);
  b[8] = a.lead_in_start.minute;
  b[9] = a.lead_in_start.second;
  b[10] = a.lead_in_start.frame;
  b[12] = a.last_lead_out_start.minute;
  b[13] = a.last_lead_out_start.second;
  b[14] = a.last_lead_out_start.frame;
  return b;
}

}  // namespace imapi::mmc
