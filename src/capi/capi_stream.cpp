// extern "C" shims for imapi_stream and imapi_job.
#include <chrono>

#include "capi/handles.hpp"

using namespace imapi;
using namespace imapi::capi;

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
