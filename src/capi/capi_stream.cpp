// extern "C" shims for imapi_stream and imapi_job.
#include <chrono>

#include "capi/handles.hpp"
#include "core/composed_streams.hpp"
#include "core/pseudo_random_stream.hpp"

using namespace imapi;
using namespace imapi::capi;

namespace {

// A C array of `count` stream handles (checked, none NULL) as the engine's list.
std::vector<std::shared_ptr<Stream>> stream_list(imapi_stream* const* streams, int32_t count) {
  if (count < 1) throw Error(IMAPI_E_INVALIDARG, "the list of streams is empty (count " + std::to_string(count) +
                                                     "): give at least one stream");
  if (!streams) throw Error(IMAPI_E_POINTER, "streams is NULL but count is " + std::to_string(count));
  std::vector<std::shared_ptr<Stream>> list;
  list.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) {
    if (!streams[i]) throw Error(IMAPI_E_POINTER, "streams[" + std::to_string(i) + "] is NULL");
    list.push_back(check(streams[i], "stream")->stream);
  }
  return list;
}

// The handle's stream as the helper stream type T, or IMAPI_E_INVALIDARG.
template <typename T>
T& stream_as(imapi_stream& h, const char* what) {
  auto* s = dynamic_cast<T*>(h.stream.get());
  if (!s) throw Error(IMAPI_E_INVALIDARG, std::string("the stream is not ") + what);
  return *s;
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_stream_create_from_file(const char* path, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{std::make_shared<FileStream>(check_str(path, "path"))});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_create_from_memory(const void* data, int64_t size, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    if (size < 0) throw Error(IMAPI_E_INVALIDARG, "the memory size cannot be negative");
    if (size > 0 && !data) throw Error(IMAPI_E_POINTER, "data is NULL but size is not 0");
    const auto* p = static_cast<const uint8_t*>(data);
    auto bytes = std::make_shared<const std::vector<uint8_t>>(p, p + size);
    make_handle(out, imapi_stream{std::make_shared<MemoryStream>(std::move(bytes))});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_create_zero(int64_t size, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    if (size < 0) throw Error(IMAPI_E_INVALIDARG, "the zero stream's size cannot be negative");
    make_handle(out, imapi_stream{std::make_shared<ZeroStream>(size)});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_create_user(const imapi_stream_vtable* vtable, void* user, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    const imapi_stream_vtable vt = read_struct(vtable, "vtable");
    if (!vt.read || !vt.seek || !vt.size)
      throw Error(IMAPI_E_INVALIDARG, "the vtable needs read, seek and size functions");
    make_handle(out, imapi_stream{std::make_shared<UserStream>(vt, user)});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_read(imapi_stream* s, void* buf, int64_t cap, int64_t* n) {
  return guard([&] {
    check(s, "stream");
    check_out(n, "n");
    *n = 0;
    if (cap < 0) throw Error(IMAPI_E_INVALIDARG, "the buffer capacity cannot be negative");
    if (cap > 0 && !buf) throw Error(IMAPI_E_POINTER, "the buffer is NULL");
    std::lock_guard lock(s->stream->mutex());
    *n = s->stream->read(buf, cap);
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_seek(imapi_stream* s, int64_t offset, int32_t whence, int64_t* position) {
  return guard([&] {
    check(s, "stream");
    std::lock_guard lock(s->stream->mutex());
    int64_t p = s->stream->seek(offset, whence);
    if (position) *position = p;
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_get_size(imapi_stream* s, int64_t* size) {
  return guard([&] {
    check(s, "stream");
    check_out(size, "size");
    std::lock_guard lock(s->stream->mutex());
    *size = s->stream->size();
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_stream_free(imapi_stream* s) { free_handle(s); }

// ---- helper streams ------------------------------------------------------------

IMAPI_API imapi_status imapi_stream_create_concatenation(imapi_stream* const* streams, int32_t count,
                                                         imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{std::make_shared<ConcatenatedStream>(stream_list(streams, count))});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_concatenation_append(imapi_stream* concatenation, imapi_stream* const* streams,
                                                         int32_t count) {
  return with_handle(concatenation, "stream", [&](imapi_stream& h) {
    auto list = stream_list(streams, count);
    std::lock_guard lock(h.stream->mutex());
    stream_as<ConcatenatedStream>(h, "a concatenation (imapi_stream_create_concatenation)").append(list);
  });
}

IMAPI_API imapi_status imapi_stream_create_interleave(imapi_stream* const* streams, const int64_t* interleave_sizes,
                                                      int32_t count, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    auto list = stream_list(streams, count);
    if (!interleave_sizes) throw Error(IMAPI_E_POINTER, "interleave_sizes is NULL");
    std::vector<int64_t> sizes(interleave_sizes, interleave_sizes + count);
    make_handle(out, imapi_stream{std::make_shared<InterleavedStream>(list, sizes)});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_create_pseudo_random(uint32_t seed, int64_t size, imapi_stream** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{std::make_shared<PseudoRandomStream>(seed, size)});
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_stream_pseudo_random_set_seed(imapi_stream* stream, uint32_t seed) {
  return with_handle(stream, "stream", [&](imapi_stream& h) {
    std::lock_guard lock(h.stream->mutex());
    stream_as<PseudoRandomStream>(h, "pseudo-random (imapi_stream_create_pseudo_random)").set_seed(seed);
  });
}

IMAPI_API imapi_status imapi_stream_pseudo_random_get_seed(imapi_stream* stream, uint32_t* seed) {
  return with_handle(stream, "stream", [&](imapi_stream& h) {
    check_out(seed, "seed");
    std::lock_guard lock(h.stream->mutex());
    *seed = stream_as<PseudoRandomStream>(h, "pseudo-random (imapi_stream_create_pseudo_random)").seed();
  });
}

// ---- jobs ----------------------------------------------------------------------

IMAPI_API imapi_status imapi_job_progress(imapi_job* job, imapi_progress* out) {
  return guard([&] {
    check(job, "job");
    checked_struct_size(out, "out");
    ProgressSnapshot s = job->job->progress();
    // Per calling thread, so that threads polling one job do not race on it.
    thread_local std::string current_item;
    current_item = std::move(s.current_item);
    fill_struct(out, "out", [&](imapi_progress& p) {
      p.operation = s.operation;
      p.current_item = current_item.c_str();
      p.done = s.done;
      p.total = s.total;
      p.elapsed_ms = s.elapsed_ms;
    });
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_job_wait(imapi_job* job, int32_t timeout_ms) {
  return guard([&] {
    check(job, "job");
    return job->job->wait(std::chrono::milliseconds(timeout_ms)) ? IMAPI_S_OK : IMAPI_S_JOB_RUNNING;
  });
}

IMAPI_API imapi_status imapi_job_cancel(imapi_job* job) {
  return guard([&] {
    check(job, "job");
    job->job->cancel();
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_job_result(imapi_job* job) {
  return guard([&] {
    check(job, "job");
    if (!job->job->finished())
      throw Error(IMAPI_E_JOB_NOT_FINISHED, "the job is still running; wait for it with imapi_job_wait first");
    if (auto e = job->job->error()) throw *e;
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_job_free(imapi_job* job) {
  if (!job || !is_handle(job, imapi_job::kType)) return;
  job->job->cancel();
  job->job->wait(std::chrono::milliseconds(-1));
  free_handle(job);
}

}  // extern "C"
