// extern "C" shims for imapi_job_monitor.
#include "capi/handles.hpp"

using namespace imapi;
using namespace imapi::capi;

extern "C" {

IMAPI_API imapi_status imapi_job_monitor_create(imapi_job_monitor** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_job_monitor{std::make_shared<JobMonitor>()});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_job_monitor_free(imapi_job_monitor* monitor) { free_handle(monitor); }

IMAPI_API imapi_status imapi_job_monitor_add(imapi_job_monitor* monitor, imapi_job* job, int64_t cookie) {
  return with_handle(monitor, "job monitor", [&](imapi_job_monitor& m) {
    check(job, "job");
    m.monitor->watch(*job->job, cookie);
  });
}

IMAPI_API imapi_status imapi_job_monitor_wait(imapi_job_monitor* monitor, int32_t timeout_ms, int64_t* cookie,
                                              int32_t* events) {
  return guard([&] {
    check(monitor, "job monitor");
    check_out(cookie, "cookie");
    check_out(events, "events");
    *cookie = 0;
    *events = 0;
    auto e = monitor->monitor->wait(std::chrono::milliseconds(timeout_ms));
    if (!e) return IMAPI_S_JOB_RUNNING;
    *cookie = e->cookie;
    *events = (e->progressed ? IMAPI_JOB_EVENT_PROGRESS : 0) | (e->finished ? IMAPI_JOB_EVENT_FINISHED : 0);
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_job_monitor_wake(imapi_job_monitor* monitor) {
  return with_handle(monitor, "job monitor", [](imapi_job_monitor& m) { m.monitor->wake(); });
}

}  // extern "C"
