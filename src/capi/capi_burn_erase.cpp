// extern "C" shims for IDiscFormat2Erase and the format extension
// (imapi_disc_format_erase_*): translation only; the policy is in src/burn.
#include "capi/capi_burn_common.hpp"
#include "burn/media_queries.hpp"
#include "device/drive_queries.hpp"

using namespace imapi;
using namespace imapi::capi;
using burn::DiscFormatErase;
using burn::EraseOptions;

namespace {

template <typename F>
imapi_status on_erase(imapi_disc_format_erase* h, F&& f) {
  return with_handle(h, "disc format erase", [&](imapi_disc_format_erase& d) { f(*d.format); });
}

// Starts `operation` (erase or format) of the handle's object as a job.
template <typename Op>
imapi_status start_job(imapi_disc_format_erase* h, imapi_job** job, Op operation) {
  return on_erase(h, [&](DiscFormatErase&) {
    check_out(job, "job");
    *job = nullptr;
    auto f = h->format;
    f->recorder();  // IMAPI_E_RECORDER_REQUIRED now rather than from the job
    make_handle(job, imapi_job{Job::start([f, operation](ProgressSink& sink) {
      ((*f).*operation)(job_update(sink, IMAPI_OPERATION_ERASE));
    })});
  });
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_disc_format_erase_create(imapi_disc_format_erase** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_disc_format_erase{std::make_shared<DiscFormatErase>()});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_disc_format_erase_free(imapi_disc_format_erase* format) {
  if (format && is_handle(format, imapi_disc_format_erase::kType)) cancel_and_wait(*format->format);
  free_handle(format);
}

IMAPI_API imapi_status imapi_disc_format_erase_set_recorder(imapi_disc_format_erase* format, imapi_recorder* recorder) {
  return on_erase(format, [&](DiscFormatErase& f) {
    f.set_recorder(recorder ? check(recorder, "recorder")->recorder : nullptr);
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_recorder(imapi_disc_format_erase* format, imapi_recorder** out) {
  return on_erase(format, [&](DiscFormatErase& f) {
    check_out(out, "out");
    *out = nullptr;
    recorder_handle(f.recorder(), out);
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_set_client_name(imapi_disc_format_erase* format, const char* name) {
  return on_erase(format, [&](DiscFormatErase& f) {
    std::string n = check_str(name, "name");
    burn::check_erase_client_name(n);
    f.change([&](EraseOptions& o) { o.client_name = n; });
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_client_name(imapi_disc_format_erase* format, char** out) {
  return on_erase(format, [&](DiscFormatErase& f) {
    check_out(out, "out");
    *out = nullptr;
    *out = dup_string(f.options().client_name);
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_set_full_erase(imapi_disc_format_erase* format, int32_t value) {
  return on_erase(format, [&](DiscFormatErase& f) {
    if (value != 0 && value != 1) throw Error(IMAPI_E_INVALIDARG, "FullErase must be 0 or 1");
    f.change([&](EraseOptions& o) { o.full = value != 0; });
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_full_erase(imapi_disc_format_erase* format, int32_t* value) {
  return on_erase(format, [&](DiscFormatErase& f) { *check_out(value, "value") = f.options().full ? 1 : 0; });
}

IMAPI_API imapi_status imapi_disc_format_erase_is_recorder_supported(imapi_disc_format_erase* format,
                                                                     imapi_recorder* recorder, int32_t* supported) {
  return on_erase(format, [&](DiscFormatErase&) {
    auto& r = *check(recorder, "recorder")->recorder;
    *check_out(supported, "supported") = burn::recorder_supports(r.transport(), burn::erasable_profile) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_is_current_media_supported(imapi_disc_format_erase* format,
                                                                          imapi_recorder* recorder,
                                                                          int32_t* supported) {
  return on_erase(format, [&](DiscFormatErase&) {
    auto& r = *check(recorder, "recorder")->recorder;
    *check_out(supported, "supported") = burn::current_media_supported(r.transport(), burn::erasable_profile) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_current_physical_media_type(imapi_disc_format_erase* format,
                                                                               int32_t* media_type) {
  return on_erase(format, [&](DiscFormatErase& f) {
    check_out(media_type, "media_type");
    *media_type = device::media_status(f.recorder()->transport()).physical_type;
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_set_format_spares(imapi_disc_format_erase* format, int32_t spares) {
  return on_erase(format, [&](DiscFormatErase& f) {
    if (spares != IMAPI_FORMAT_SPARES_DEFAULT && spares != IMAPI_FORMAT_SPARES_NONE)
      throw Error(IMAPI_E_INVALIDARG, "the spare areas must be the default (0) or none (1)");
    f.change([&](EraseOptions& o) { o.spares = static_cast<burn::Spares>(spares); });
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_format_spares(imapi_disc_format_erase* format, int32_t* spares) {
  return on_erase(format, [&](DiscFormatErase& f) {
    *check_out(spares, "spares") = static_cast<int32_t>(f.options().spares);
  });
}

IMAPI_API imapi_status imapi_disc_format_erase_erase_media(imapi_disc_format_erase* format,
                                                           imapi_burn_progress_fn progress, void* user) {
  return on_erase(format, [&](DiscFormatErase& f) { f.erase(callback_update(progress, user)); });
}

IMAPI_API imapi_status imapi_disc_format_erase_erase_media_start(imapi_disc_format_erase* format, imapi_job** job) {
  return start_job(format, job, &DiscFormatErase::erase);
}

IMAPI_API imapi_status imapi_disc_format_erase_format_media(imapi_disc_format_erase* format,
                                                            imapi_burn_progress_fn progress, void* user) {
  return on_erase(format, [&](DiscFormatErase& f) { f.format(callback_update(progress, user)); });
}

IMAPI_API imapi_status imapi_disc_format_erase_format_media_start(imapi_disc_format_erase* format, imapi_job** job) {
  return start_job(format, job, &DiscFormatErase::format);
}

IMAPI_API imapi_status imapi_disc_format_erase_cancel(imapi_disc_format_erase* format) {
  return guard([&] { return check(format, "disc format erase")->format->cancel(); });
}

IMAPI_API imapi_status imapi_disc_format_erase_get_progress(imapi_disc_format_erase* format, imapi_burn_progress* out) {
  return on_erase(format, [&](DiscFormatErase& f) { copy_progress(f.progress(), out); });
}

}  // extern "C"
