// The C ABI's handle machinery: every handle is registered with its type on
// creation and unregistered on free, so a NULL, freed or wrong-type handle is
// reported as IMAPI_E_INVALID_HANDLE instead of being dereferenced. The registry
// is the library's one piece of process-wide mutable state besides the worker
// pool; it also counts live handles (imapi_live_handles) for leak checks.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <span>
#include <string>
#include <vector>

#include "capi/struct_size.hpp"
#include "core/error.hpp"
#include "core/job.hpp"
#include "core/job_monitor.hpp"
#include "core/stream.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/reader/entry_index.hpp"
#include "fs/reader/image_reader.hpp"
#include "fs/reader/iso_image_manager.hpp"
#include "burn/disc_format.hpp"
#include "device/recorder.hpp"
#include "imapi_c.h"

namespace imapi::capi {

enum class HandleType : uint32_t {
  stream = 1, job, fsimage, fsitem, fsimage_result, iso_image_manager, image_reader, recorder,
  job_monitor, disc_format_data, write_engine, disc_format_erase
};

void register_handle(const void* h, HandleType type);
void unregister_handle(const void* h, HandleType type);  // no-op when not registered
bool is_handle(const void* h, HandleType type);
int64_t live_handles();

void set_last_error(const Error& e);

template <typename H>
H* check(H* h, const char* what) {
  if (!h) throw Error(IMAPI_E_INVALID_HANDLE, std::string(what) + " handle is NULL");
  if (!is_handle(h, H::kType))
    throw Error(IMAPI_E_INVALID_HANDLE,
                std::string(what) + " handle is not a live " + what + " (already freed, or a handle of another type)");
  return h;
}

template <typename T>
T* check_out(T* p, const char* name) {
  if (!p) throw Error(IMAPI_E_POINTER, std::string("the output parameter '") + name + "' is NULL");
  return p;
}

inline const char* check_str(const char* s, const char* name) {
  if (!s) throw Error(IMAPI_E_POINTER, std::string("the string parameter '") + name + "' is NULL");
  return s;
}

// IMAPI's "...Supported" arrays as (buffer, capacity, count): up to `cap` values
// are copied, *count says how many there are.
inline void copy_list(std::span<const int32_t> values, int32_t* out, int32_t cap, int32_t* count, const char* name) {
  if (cap < 0) throw Error(IMAPI_E_INVALIDARG, "cap cannot be negative");
  if (cap > 0 && !out) throw Error(IMAPI_E_POINTER, std::string(name) + " is NULL but cap is not 0");
  const auto n = static_cast<int32_t>(values.size());
  *check_out(count, "count") = n;
  std::copy_n(values.begin(), std::min(cap, n), out);
}

// A malloc'ed copy for `char **out` results, released by imapi_free.
char* dup_string(const std::string& s);

// Runs `body`, turning exceptions into a status and the thread's last error.
template <typename F>
imapi_status guard(F&& body) noexcept {
  try {
    return body();
  } catch (...) {
    const Error e = error_from_current_exception();
    set_last_error(e);
    return e.code();
  }
}

// The shape of most shims: check the handle, run `body` on it, translate errors.
template <typename H, typename F>
imapi_status with_handle(H* h, const char* what, F&& body) noexcept {
  return guard([&] {
    check(h, what);
    body(*h);
    return IMAPI_S_OK;
  });
}

// Creates a handle of type H, registers it and stores it in *out.
template <typename H, typename... Args>
void make_handle(H** out, Args&&... args) {
  auto h = std::make_unique<H>(std::forward<Args>(args)...);
  register_handle(h.get(), H::kType);
  *out = h.release();
}

template <typename H>
void free_handle(H* h) noexcept {
  if (!h || !is_handle(h, H::kType)) return;  // freeing twice is harmless
  unregister_handle(h, H::kType);
  delete h;
}

}  // namespace imapi::capi

// The opaque handle types of imapi_c.h.
struct imapi_stream {
  static constexpr auto kType = imapi::capi::HandleType::stream;
  std::shared_ptr<imapi::Stream> stream;
};
struct imapi_job {
  static constexpr auto kType = imapi::capi::HandleType::job;
  std::shared_ptr<imapi::Job> job;
};
struct imapi_job_monitor {
  static constexpr auto kType = imapi::capi::HandleType::job_monitor;
  std::shared_ptr<imapi::JobMonitor> monitor;
};
struct imapi_fsimage {
  static constexpr auto kType = imapi::capi::HandleType::fsimage;
  std::shared_ptr<imapi::fs::FileSystemImage> image;
};
struct imapi_fsitem {
  static constexpr auto kType = imapi::capi::HandleType::fsitem;
  std::shared_ptr<imapi::fs::FileSystemImage> image;
  std::shared_ptr<imapi::fs::Node> node;
};
struct imapi_fsimage_result {
  static constexpr auto kType = imapi::capi::HandleType::fsimage_result;
  std::shared_ptr<const imapi::fs::ImageLayout> layout;
};
struct imapi_iso_image_manager {
  static constexpr auto kType = imapi::capi::HandleType::iso_image_manager;
  imapi::fs::IsoImageManager manager;
};
struct imapi_image_reader {
  static constexpr auto kType = imapi::capi::HandleType::image_reader;
  std::shared_ptr<imapi::fs::ImageReader> reader;
  std::shared_ptr<const imapi::fs::EntryIndex> listing;  // the last imapi_image_reader_list
  // The last listing of each file system, for opening entries by path.
  std::map<int32_t, std::shared_ptr<const imapi::fs::EntryIndex>> listings;
  int64_t extract_limit = 0;  // imapi_image_reader_set_extract_limit
};
struct imapi_recorder {
  static constexpr auto kType = imapi::capi::HandleType::recorder;
  // Shared with the burn objects it was given to (and handles they hand out).
  std::shared_ptr<imapi::device::Recorder> recorder;
  std::vector<uint8_t> last_sense;  // of the last imapi_recorder_send_command with CHECK CONDITION
};
struct imapi_disc_format_data {
  static constexpr auto kType = imapi::capi::HandleType::disc_format_data;
  std::shared_ptr<imapi::burn::DiscFormatData> format;
};
struct imapi_write_engine {
  static constexpr auto kType = imapi::capi::HandleType::write_engine;
  std::shared_ptr<imapi::burn::WriteEngine> engine;
};
struct imapi_disc_format_erase {
  static constexpr auto kType = imapi::capi::HandleType::disc_format_erase;
  std::shared_ptr<imapi::burn::DiscFormatErase> format;
};
