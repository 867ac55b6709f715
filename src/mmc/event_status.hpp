// MMC-6 GET EVENT STATUS NOTIFICATION reply (polled), media class.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace imapi::mmc {

enum class MediaEvent : uint8_t {
  kNoChange = 0,
  kEjectRequest = 1,
  kNewMedia = 2,
  kMediaRemoval = 3,
  kMediaChanged = 4,
  kBackgroundFormatCompleted = 5,
  kBackgroundFormatRestarted = 6,
};

struct MediaStatus {
  uint8_t event = 0;  // MediaEvent value (other values are reserved)
  bool media_present = false;
  bool tray_open = false;
  uint8_t start_slot = 0;
  uint8_t end_slot = 0;
};

struct EventStatus {
  uint16_t length = 0;
  bool no_event_available = false;  // NEA
  uint8_t notification_class = 0;   // 4 = media
  uint8_t supported_classes = 0;    // bit mask
  std::optional<MediaStatus> media; // when the reply carries a media-class event
};

EventStatus parse_event_status(std::span<const uint8_t> bytes);

// The target side: header plus, when `media` is set, the media event descriptor.
std::vector<uint8_t> encode_event_status(const EventStatus& e);

}  // namespace imapi::mmc
