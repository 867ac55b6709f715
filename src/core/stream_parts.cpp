#include "core/stream_parts.hpp"

#include "core/error.hpp"

namespace imapi {

std::vector<StreamPart> take_parts(const std::vector<std::shared_ptr<Stream>>& streams, int64_t& total,
                                   const char* what) {
  std::vector<StreamPart> parts;
  parts.reserve(streams.size());
  int64_t sum = total;
  for (size_t i = 0; i < streams.size(); ++i) {
    if (!streams[i]) fail(IMAPI_E_POINTER, std::string("stream ") + std::to_string(i) + " of the " + what + " is NULL");
    int64_t size = 0;
    {
      std::lock_guard lock(streams[i]->mutex());
      size = streams[i]->size();
    }
    if (size < 0) fail(IMAPI_E_DATA_STREAM_INCONSISTENCY, std::string("stream ") + std::to_string(i) + " of the " +
                                                               what + " reports a negative size");
    if (size > INT64_MAX - sum)
      fail(IMAPI_E_INVALIDARG, std::string("the ") + what + "'s streams add up to more than 2^63-1 bytes (at stream " +
                                   std::to_string(i) + ", " + std::to_string(size) + " bytes): use fewer or smaller streams");
    sum += size;
    parts.push_back({streams[i], size});
  }
  total = sum;
  return parts;
}

void read_part(const StreamPart& part, size_t index, int64_t offset, void* buf, int64_t n, const char* what) {
  std::lock_guard lock(part.stream->mutex());
  part.stream->seek(offset, IMAPI_SEEK_SET);
  auto* out = static_cast<uint8_t*>(buf);
  for (int64_t done = 0; done < n;) {
    const int64_t got = part.stream->read(out + done, n - done);
    if (got <= 0)
      fail(IMAPI_E_DATA_STREAM_INCONSISTENCY,
           std::string("stream ") + std::to_string(index) + " of the " + what + " ended at byte " +
               std::to_string(offset + done) + " of the " + std::to_string(part.size) +
               " it had when it was added: a stream must not shrink while it is read");
    done += got;
  }
}

bool stream_reaches(const Stream& from, const Stream* target) {
  if (&from == target) return true;
  const auto* composed = dynamic_cast<const ComposedStream*>(&from);
  return composed && composed->has_part_reaching(target);
}

}  // namespace imapi
