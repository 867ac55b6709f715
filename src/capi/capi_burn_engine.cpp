// extern "C" shims for IWriteEngine2 (imapi_write_engine_*): translation only.
#include "capi/capi_burn_common.hpp"

using namespace imapi;
using namespace imapi::capi;
using burn::SectionOptions;
using burn::WriteEngine;

namespace {

template <typename F>
imapi_status on_engine(imapi_write_engine* h, F&& f) {
  return with_handle(h, "write engine", [&](imapi_write_engine& e) { f(*e.engine); });
}

imapi_status set_speed_hint(imapi_write_engine* h, int32_t value, int32_t SectionOptions::*member) {
  return on_engine(h, [&](WriteEngine& e) {
    if (value < 0) throw Error(IMAPI_E_INVALIDARG, "sectors per second cannot be negative");
    e.change([&](SectionOptions& o) { o.*member = value; });
  });
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_write_engine_create(imapi_write_engine** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_write_engine{std::make_shared<WriteEngine>()});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_write_engine_free(imapi_write_engine* engine) {
  if (engine && is_handle(engine, imapi_write_engine::kType)) cancel_and_wait(*engine->engine);
  free_handle(engine);
}

IMAPI_API imapi_status imapi_write_engine_set_recorder(imapi_write_engine* engine, imapi_recorder* recorder) {
  return on_engine(engine, [&](WriteEngine& e) { e.set_recorder(recorder ? check(recorder, "recorder")->recorder : nullptr); });
}

IMAPI_API imapi_status imapi_write_engine_get_recorder(imapi_write_engine* engine, imapi_recorder** out) {
  return on_engine(engine, [&](WriteEngine& e) {
    check_out(out, "out");
    *out = nullptr;
    recorder_handle(e.recorder(), out);
  });
}

IMAPI_API imapi_status imapi_write_engine_set_use_streaming_write12(imapi_write_engine* engine, int32_t value) {
  return on_engine(engine, [&](WriteEngine& e) {
    if (value != 0 && value != 1) throw Error(IMAPI_E_INVALIDARG, "the value must be 0 or 1");
    e.change([&](SectionOptions& o) { o.use_streaming_write12 = value != 0; });
  });
}
IMAPI_API imapi_status imapi_write_engine_get_use_streaming_write12(imapi_write_engine* engine, int32_t* value) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(value, "value") = e.options().use_streaming_write12 ? 1 : 0; });
}
IMAPI_API imapi_status imapi_write_engine_set_starting_sectors_per_second(imapi_write_engine* engine, int32_t value) {
  return set_speed_hint(engine, value, &SectionOptions::starting_sectors_per_second);
}
IMAPI_API imapi_status imapi_write_engine_get_starting_sectors_per_second(imapi_write_engine* engine, int32_t* value) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(value, "value") = e.options().starting_sectors_per_second; });
}
IMAPI_API imapi_status imapi_write_engine_set_ending_sectors_per_second(imapi_write_engine* engine, int32_t value) {
  return set_speed_hint(engine, value, &SectionOptions::ending_sectors_per_second);
}
IMAPI_API imapi_status imapi_write_engine_get_ending_sectors_per_second(imapi_write_engine* engine, int32_t* value) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(value, "value") = e.options().ending_sectors_per_second; });
}
IMAPI_API imapi_status imapi_write_engine_set_bytes_per_sector(imapi_write_engine* engine, int32_t bytes) {
  return on_engine(engine, [&](WriteEngine& e) {
    if (bytes < 2048 || bytes > 2448 || bytes % 4 != 0)
      throw Error(IMAPI_E_INVALIDARG, "bytes per sector must be 2048 to 2448 and a multiple of 4, not " + std::to_string(bytes));
    e.change([&](SectionOptions& o) { o.bytes_per_sector = bytes; });
  });
}
IMAPI_API imapi_status imapi_write_engine_get_bytes_per_sector(imapi_write_engine* engine, int32_t* bytes) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(bytes, "bytes") = e.options().bytes_per_sector; });
}
IMAPI_API imapi_status imapi_write_engine_set_buffer_size(imapi_write_engine* engine, int64_t bytes) {
  return on_engine(engine, [&](WriteEngine& e) {
    e.change([&](SectionOptions& o) { o.buffer_bytes = burn::checked_buffer_size(bytes); });
  });
}
IMAPI_API imapi_status imapi_write_engine_get_buffer_size(imapi_write_engine* engine, int64_t* bytes) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(bytes, "bytes") = e.options().buffer_bytes; });
}
IMAPI_API imapi_status imapi_write_engine_get_write_in_progress(imapi_write_engine* engine, int32_t* value) {
  return on_engine(engine, [&](WriteEngine& e) { *check_out(value, "value") = e.in_progress() ? 1 : 0; });
}

IMAPI_API imapi_status imapi_write_engine_write_section(imapi_write_engine* engine, imapi_stream* data,
                                                        int64_t start_lba, int64_t block_count,
                                                        imapi_burn_progress_fn progress, void* user) {
  return on_engine(engine, [&](WriteEngine& e) {
    e.write_section(stream_of(data, "stream"), start_lba, block_count, callback_update(progress, user));
  });
}

IMAPI_API imapi_status imapi_write_engine_write_section_start(imapi_write_engine* engine, imapi_stream* data,
                                                              int64_t start_lba, int64_t block_count,
                                                              imapi_job** job) {
  return on_engine(engine, [&](WriteEngine&) {
    check_out(job, "job");
    *job = nullptr;
    auto stream = stream_of(data, "stream");
    auto e = engine->engine;
    e->recorder();
    make_handle(job, imapi_job{Job::start([e, stream, start_lba, block_count](ProgressSink& sink) {
                  e->write_section(stream, start_lba, block_count, job_update(sink));
                })});
  });
}

IMAPI_API imapi_status imapi_write_engine_cancel_write(imapi_write_engine* engine) {
  return guard([&] { return check(engine, "write engine")->engine->cancel(); });
}

IMAPI_API imapi_status imapi_write_engine_get_progress(imapi_write_engine* engine, imapi_burn_progress* out) {
  return on_engine(engine, [&](WriteEngine& e) { copy_progress(e.progress(), out); });
}

}  // extern "C"
