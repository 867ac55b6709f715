// The recorded medium as a read-only stream (READ(10)), so the previous
// session's file system is imported with the image import that reads files.
#pragma once

#include <memory>
#include <vector>

#include "core/stream.hpp"
#include "device/recorder.hpp"

namespace imapi::burn {

// Covers LBA 0 to the end of the last session (sequential media) or of the
// recorded file system (overwritable media). E_IMAPI_EMPTY_DISC when nothing is recorded.
std::unique_ptr<Stream> open_media_stream(std::shared_ptr<device::Recorder> recorder);

}  // namespace imapi::burn
