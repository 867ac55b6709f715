// What the burn shims share: the progress struct's translation, the blocking
// and job forms of a write, and the recorder handles they take and hand out.
#pragma once

#include <thread>

#include "capi/handles.hpp"
#include "capi/struct_size.hpp"

namespace imapi::capi {

inline imapi_burn_progress to_c(const burn::BurnProgress& p) {
  imapi_burn_progress c{};
  c.struct_size = sizeof c;
  c.current_action = p.action;
  c.elapsed_time_ms = p.elapsed_ms;
  c.remaining_time_ms = p.remaining_ms;
  c.total_time_ms = p.total_ms;
  c.start_lba = p.start_lba;
  c.sector_count = p.sector_count;
  c.last_read_lba = p.last_read_lba;
  c.last_written_lba = p.last_written_lba;
  c.total_system_buffer = p.total_system_buffer;
  c.used_system_buffer = p.used_system_buffer;
  c.free_system_buffer = p.free_system_buffer;
  c.drive_buffer_size = p.drive_buffer_size;
  c.drive_buffer_free = p.drive_buffer_free;
  c.drive_buffer_fill_percent = p.drive_buffer_fill_percent;
  c.current_speed_kbps = p.current_speed_kbps;
  c.underrun_count = p.underrun_count;
  return c;
}

inline void copy_progress(const burn::BurnProgress& p, imapi_burn_progress* out) {
  fill_struct(out, "out", [&](imapi_burn_progress& o) {
    const uint32_t size = o.struct_size;
    o = to_c(p);
    o.struct_size = size;
  });
}

// The blocking form's update: the caller's callback on this thread; non-zero cancels.
inline burn::UpdateCallback callback_update(imapi_burn_progress_fn fn, void* user) {
  if (!fn) return {};
  return [fn, user](const burn::BurnProgress& p) {
    imapi_burn_progress c = to_c(p);
    return fn(user, &c) == 0;
  };
}

// The job form's update: the job's progress in sectors; the job's cancel stops the write.
inline burn::UpdateCallback job_update(ProgressSink& sink, int32_t operation = IMAPI_OPERATION_BURN) {
  return [&sink, operation](const burn::BurnProgress& p) {
    ProgressSnapshot s;
    s.operation = operation;
    s.done = std::max<int64_t>(0, p.last_written_lba - p.start_lba + 1);
    s.total = p.sector_count;
    s.elapsed_ms = p.elapsed_ms;
    try {
      sink.report(s);
    } catch (const Error& e) {
      if (e.code() == IMAPI_E_REQUEST_CANCELLED) return false;
      throw;
    }
    return true;
  };
}

inline std::shared_ptr<Stream> stream_of(imapi_stream* s, const char* name) { return check(s, name)->stream; }

// A new recorder handle on the same recorder object.
inline void recorder_handle(std::shared_ptr<device::Recorder> r, imapi_recorder** out) {
  make_handle(out, imapi_recorder{std::move(r), {}});
}

// Freeing a writer whose job still runs: cancel it and wait for the write to end.
inline void cancel_and_wait(burn::WriterBase& w) {
  w.cancel();
  while (w.in_progress()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace imapi::capi
