#include "mmc/event_status.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

EventStatus parse_event_status(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "GET EVENT STATUS NOTIFICATION");
  r.require(0, 4, "event status header");
  EventStatus e;
  e.length = r.be16(0);
  e.no_event_available = r.bit(2, 7);
  e.notification_class = r.bits(2, 0, 3);
  e.supported_classes = r.u8(3);
  if (e.no_event_available || e.notification_class != 4) return e;
  // The event descriptor only counts if the length field covers it.
  if (e.length < 6) r.fail(0, "event data length " + std::to_string(e.length) + " too short for a media event");
  r.require(4, 4, "media event descriptor");
  MediaStatus m;
  m.event = r.bits(4, 0, 4);
  m.media_present = r.bit(5, 1);
  m.tray_open = r.bit(5, 0);
  m.start_slot = r.u8(6);
  m.end_slot = r.u8(7);
  e.media = m;
  return e;
}

std::vector<uint8_t> encode_event_status(const EventStatus& e) {
  std::vector<uint8_t> b(e.media ? 8 : 4, 0);
  put_be16(b.data(), static_cast<uint32_t>(b.size() - 2));
  b[2] = static_cast<uint8_t>((e.no_event_available ? 0x80 : 0) | (e.notification_class & 7));
  b[3] = e.supported_classes;
  if (e.media) {
    b[4] = static_cast<uint8_t>(e.media->event & 0x0F);
    b[5] = static_cast<uint8_t>((e.media->media_present ? 2 : 0) | (e.media->tray_open ? 1 : 0));
    b[6] = e.media->start_slot;
    b[7] = e.media->end_slot;
  }
  return b;
}

}  // namespace imapi::mmc
