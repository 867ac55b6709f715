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

}  // namespace imapi::mmc
