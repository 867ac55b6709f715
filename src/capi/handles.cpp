#include "capi/handles.hpp"

#include <mutex>
#include <unordered_map>

namespace imapi::capi {

namespace {

struct Registry {
  std::mutex mutex;
  std::unordered_map<const void*, HandleType> live;
};

Registry& registry() {
  // Never destroyed: handles may be freed from finalizers during process exit.
  static auto* r = new Registry();
  return *r;
}

struct LastError {
  bool set = false;
  imapi_error error{};
  std::string message;
  std::string path;
};

thread_local LastError t_last;

}  // namespace

void register_handle(const void* h, HandleType type) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  r.live[h] = type;
}

void unregister_handle(const void* h, HandleType type) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.live.find(h);
  if (it != r.live.end() && it->second == type) r.live.erase(it);
}

bool is_handle(const void* h, HandleType type) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  auto it = r.live.find(h);
  return it != r.live.end() && it->second == type;
}

int64_t live_handles() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  return static_cast<int64_t>(r.live.size());
}

void set_last_error(const Error& e) {
  t_last.set = true;
  t_last.message = e.message();
  t_last.path = e.detail().path;
  imapi_error& out = t_last.error;
  out.struct_size = sizeof(imapi_error);
  out.code = e.code();
  out.message = t_last.message.c_str();
  out.os_error = e.detail().os_error;
  out.sense_key = e.detail().sense_key;
  out.asc = e.detail().asc;
  out.ascq = e.detail().ascq;
  out.lba = e.detail().lba;
  out.path = t_last.path.c_str();
}

char* dup_string(const std::string& s) {
  auto* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.c_str(), s.size() + 1);
  return p;
}

}  // namespace imapi::capi

using namespace imapi::capi;

extern "C" {

IMAPI_API const imapi_error* imapi_error_last(void) { return t_last.set ? &t_last.error : nullptr; }

IMAPI_API void imapi_error_clear(void) { t_last = LastError{}; }

IMAPI_API void imapi_free(void* p) { std::free(p); }

IMAPI_API int64_t imapi_live_handles(void) { return live_handles(); }

IMAPI_API const char* imapi_version(void) { return IMAPI_VERSION_STRING; }

IMAPI_API int32_t imapi_version_number(void) { return IMAPI_VERSION_NUMBER; }

}  // extern "C"
