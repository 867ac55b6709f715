// The media the emulated drive knows: MMC profile, real capacity, how the
// medium is recorded and the write speeds a drive offers for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "mmc/profiles.hpp"

namespace imapi::device::emu {

enum class MediaKind : uint8_t {
  kCdRom, kCdR, kCdRw,
  kDvdRom, kDvdR, kDvdRwSequential, kDvdRwRestricted, kDvdPlusR, kDvdPlusRDual, kDvdPlusRw, kDvdRam,
  kBdRom, kBdR, kBdRe,
  // Multi-layer BD: recorded as their single-layer kin (MediaSpec::like), larger.
  kBdRDual, kBdReDual, kBdRTriple, kBdRQuad,
};

enum class Family : uint8_t { kCd, kDvd, kBd };

// How writes are placed.
enum class Recording : uint8_t {
  kReadOnly,    // pressed disc
  kSequential,  // tracks and sessions, writes at the next writable address (CD-R/RW, DVD±R, DVD-RW seq, BD-R)
  kRandom,      // overwritable anywhere once formatted (DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite)
};

struct MediaSpec {
  MediaKind kind;
  std::string_view uri_name;  // as in emu:NAME?...
  mmc::Profile profile;
  Family family;
  Recording recording;
  bool erasable;              // BLANK / reformat possible
  bool needs_format;          // blank medium must be formatted before random writes
  uint32_t capacity_blocks;   // user blocks of 2048 bytes (unformatted capacity for formattable media)
  uint32_t formatted_blocks;  // capacity after the default format (== capacity_blocks when not formattable)
  uint32_t packet_blocks;     // natural write unit: 16 DVD ECC block, 32 BD cluster, 1 CD
  uint32_t one_x_kbps;        // 1x in kB/s (1000 bytes)
  std::vector<uint16_t> speeds_x10;  // write speeds offered, tenths of 1x (24 = 2.4x), slowest first
  // Faster speeds drives sell for the medium, offered only when the URI's
  // speed= asks for them (up to that speed); the last is the fastest there is.
  std::vector<uint16_t> faster_x10 = {};
  uint8_t layers = 1;
  // A multi-layer medium recorded by the rules of a single-layer one (same
  // profile, commands and state transitions; only sizes differ).
  std::optional<MediaKind> like = std::nullopt;

  // The medium whose recording rules apply.
  MediaKind rules() const { return like.value_or(kind); }
  uint32_t layer_blocks() const { return capacity_blocks / layers; }
};

const MediaSpec& spec_of(MediaKind kind);
std::optional<MediaKind> media_from_name(std::string_view uri_name);
const std::vector<MediaSpec>& all_media();

}  // namespace imapi::device::emu
