// What the composed streams (concatenation, interleave) share: their parts,
// each a shared stream read at an offset of its own, and the size arithmetic
// that must not overflow.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/stream.hpp"

namespace imapi {

struct StreamPart {
  std::shared_ptr<Stream> stream;
  int64_t size = 0;  // taken when the part was added; a part that later ends early is an error
};

// Parts of `what` ("concatenation"): no NULL stream, each size taken now, and
// `total` + their sizes within 2^63-1 bytes (IMAPI_E_INVALIDARG otherwise).
std::vector<StreamPart> take_parts(const std::vector<std::shared_ptr<Stream>>& streams, int64_t& total,
                                   const char* what);

// Reads exactly n bytes at `offset` of the part (under the part's own lock, so
// that a stream shared with other handles or used twice stays consistent).
// IMAPI_E_DATA_STREAM_INCONSISTENCY when the part ends before its recorded size.
void read_part(const StreamPart& part, size_t index, int64_t offset, void* buf, int64_t n, const char* what);

// Whether reading `from` reads `target` (itself, or a part at any depth): a
// composition may not contain itself.
bool stream_reaches(const Stream& from, const Stream* target);

// Streams made of other streams say which, for stream_reaches.
class ComposedStream : public Stream {
 public:
  virtual bool has_part_reaching(const Stream* target) const = 0;
};

}  // namespace imapi
