// extern "C" shims for IDiscMaster2 (imapi_disc_master_*) and
// IDiscRecorder2 / IDiscRecorder2Ex (imapi_recorder_*).
#include <algorithm>
#include <cstring>

#include "capi/handles.hpp"
#include "device/command_error.hpp"
#include "device/command_policy.hpp"
#include "device/drive_queries.hpp"
#include "device/pass_through.hpp"
#include "device/recorder_set.hpp"
#include "device/storage_descriptors.hpp"
#include "mmc/status.hpp"

using namespace imapi;
using namespace imapi::capi;
using imapi::device::Recorder;

namespace {

// IDiscRecorder2Ex's blobs as (buf, cap, *size): up to cap bytes copied, *size = the whole length.
void copy_bytes(const std::vector<uint8_t>& bytes, void* buf, int64_t cap, int64_t* size) {
  if (cap < 0) throw Error(IMAPI_E_INVALIDARG, "cap cannot be negative");
  if (cap > 0 && !buf) throw Error(IMAPI_E_POINTER, "buf is NULL but cap is not 0");
  *check_out(size, "size") = static_cast<int64_t>(bytes.size());
  const size_t n = std::min<size_t>(bytes.size(), static_cast<size_t>(cap));
  if (n > 0) std::memcpy(buf, bytes.data(), n);  // a size query passes buf = NULL, cap = 0
}

template <typename F>
imapi_status on_recorder(imapi_recorder* h, F&& f) {
  return with_handle(h, "recorder", [&](imapi_recorder& r) { f(*r.recorder); });
}

template <typename F>
imapi_status string_from_recorder(imapi_recorder* h, char** out, F&& f) {
  return on_recorder(h, [&](Recorder& r) {
    check_out(out, "out");
    *out = nullptr;
    *out = dup_string(f(r));
  });
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_disc_master_add_emulated_drive(const char* uri) {
  return guard([&] {
    device::add_emulated_drive(check_str(uri, "uri"));
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_disc_master_get_count(int32_t* count) {
  return guard([&] {
    check_out(count, "count");
    *count = static_cast<int32_t>(device::recorder_ids().size());
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_disc_master_get_unique_id(int32_t index, char** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    auto ids = device::recorder_ids();
    if (index < 0 || static_cast<size_t>(index) >= ids.size())
      throw Error(IMAPI_E_INVALIDARG, "recorder index " + std::to_string(index) + " is out of range: there are " +
                                          std::to_string(ids.size()) + " recorders (imapi_disc_master_get_count)");
    *out = dup_string(ids[static_cast<size_t>(index)]);
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_disc_master_is_supported_environment(int32_t* supported) {
  return guard([&] {
    check_out(supported, "supported");
    *supported = 0;
    for (const auto& id : device::recorder_ids()) {
      try {
        device::open_recorder(id);
        *supported = 1;
        break;
      } catch (const Error&) {
        // not accessible to this process: look at the next one
      }
    }
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_recorder_open(const char* unique_id, imapi_recorder** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_recorder{device::open_recorder(check_str(unique_id, "unique_id")), {}});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_recorder_free(imapi_recorder* recorder) { free_handle(recorder); }

IMAPI_API imapi_status imapi_recorder_get_active_disc_recorder(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return r.unique_id(); });
}

IMAPI_API imapi_status imapi_recorder_get_vendor_id(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return device::inquiry(r.transport()).vendor; });
}

IMAPI_API imapi_status imapi_recorder_get_product_id(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return device::inquiry(r.transport()).product; });
}

IMAPI_API imapi_status imapi_recorder_get_product_revision(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return device::inquiry(r.transport()).revision; });
}

IMAPI_API imapi_status imapi_recorder_get_volume_name(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return r.volume_name(); });
}

IMAPI_API imapi_status imapi_recorder_get_volume_path_name(imapi_recorder* recorder, int32_t index, char** out,
                                                           int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    check_out(out, "out");
    *out = nullptr;
    auto paths = r.volume_paths();
    *check_out(count, "count") = static_cast<int32_t>(paths.size());
    if (index >= 0 && static_cast<size_t>(index) < paths.size()) *out = dup_string(paths[static_cast<size_t>(index)]);
  });
}

IMAPI_API imapi_status imapi_recorder_get_device_can_load_media(imapi_recorder* recorder, int32_t* can_load) {
  return on_recorder(recorder, [&](Recorder& r) {
    *check_out(can_load, "can_load") = device::can_load_media(r.transport()) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_recorder_get_legacy_device_number(imapi_recorder* recorder, int32_t* number) {
  return on_recorder(recorder, [&](Recorder& r) { *check_out(number, "number") = r.legacy_device_number(); });
}

IMAPI_API imapi_status imapi_recorder_get_supported_feature_pages(imapi_recorder* recorder, int32_t* pages,
                                                                  int32_t cap, int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    copy_list(device::feature_codes(r.transport(), false), pages, cap, count, "pages");
  });
}

IMAPI_API imapi_status imapi_recorder_get_current_feature_pages(imapi_recorder* recorder, int32_t* pages, int32_t cap,
                                                                int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    copy_list(device::feature_codes(r.transport(), true), pages, cap, count, "pages");
  });
}

IMAPI_API imapi_status imapi_recorder_get_supported_profiles(imapi_recorder* recorder, int32_t* profiles, int32_t cap,
                                                             int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    copy_list(device::profiles(r.transport(), false), profiles, cap, count, "profiles");
  });
}

IMAPI_API imapi_status imapi_recorder_get_current_profiles(imapi_recorder* recorder, int32_t* profiles, int32_t cap,
                                                           int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    copy_list(device::profiles(r.transport(), true), profiles, cap, count, "profiles");
  });
}

IMAPI_API imapi_status imapi_recorder_get_supported_mode_pages(imapi_recorder* recorder, int32_t request_type,
                                                               int32_t* pages, int32_t cap, int32_t* count) {
  return on_recorder(recorder, [&](Recorder& r) {
    copy_list(device::mode_page_codes(r.transport(), request_type), pages, cap, count, "pages");
  });
}

IMAPI_API imapi_status imapi_recorder_get_exclusive_access_owner(imapi_recorder* recorder, char** out) {
  return string_from_recorder(recorder, out, [](Recorder& r) { return r.exclusive_owner(); });
}

IMAPI_API imapi_status imapi_recorder_acquire_exclusive_access(imapi_recorder* recorder, int32_t force,
                                                               const char* client_name) {
  return on_recorder(recorder, [&](Recorder& r) {
    r.acquire_exclusive(force != 0, check_str(client_name, "client_name"));
  });
}

IMAPI_API imapi_status imapi_recorder_release_exclusive_access(imapi_recorder* recorder) {
  return on_recorder(recorder, [&](Recorder& r) { r.release_exclusive(); });
}

IMAPI_API imapi_status imapi_recorder_eject_media(imapi_recorder* recorder) {
  return on_recorder(recorder, [&](Recorder& r) {
    r.require_access("EjectMedia");
    device::check_command(device::eject(r.transport()), "EjectMedia");
  });
}

IMAPI_API imapi_status imapi_recorder_close_tray(imapi_recorder* recorder) {
  return on_recorder(recorder, [&](Recorder& r) {
    r.require_access("CloseTray");
    device::check_command(device::close_tray(r.transport()), "CloseTray");
  });
}

IMAPI_API imapi_status imapi_recorder_disable_mcn(imapi_recorder* recorder) {
  return on_recorder(recorder, [](Recorder&) {});
}

IMAPI_API imapi_status imapi_recorder_enable_mcn(imapi_recorder* recorder) {
  return on_recorder(recorder, [](Recorder&) {});
}

IMAPI_API imapi_status imapi_recorder_get_media_info(imapi_recorder* recorder, imapi_media_info* out) {
  return on_recorder(recorder, [&](Recorder& r) {
    checked_struct_size(out, "out");
    auto m = device::media_status(r.transport());
    fill_struct(out, "out", [&](imapi_media_info& o) {
      o.present = m.present ? 1 : 0;
      o.profile = m.profile;
      o.physical_type = m.physical_type;
      o.state = m.state;
      o.write_protect = m.write_protect;
      o.sessions = m.sessions;
      o.total_sectors = m.total_sectors;
      o.free_sectors = m.free_sectors;
      o.next_writable_address = m.next_writable;
    });
  });
}

IMAPI_API imapi_status imapi_recorder_get_disc_information(imapi_recorder* recorder, void* buf, int64_t cap,
                                                           int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) { copy_bytes(device::disc_information(r.transport()), buf, cap, size); });
}

IMAPI_API imapi_status imapi_recorder_get_track_information(imapi_recorder* recorder, int64_t address,
                                                            int32_t address_type, void* buf, int64_t cap,
                                                            int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (address < 0 || address > UINT32_MAX) throw Error(IMAPI_E_INVALIDARG, "address must be 0 to 2^32-1");
    copy_bytes(device::track_information(r.transport(), static_cast<uint32_t>(address), address_type), buf, cap,
               size);
  });
}

IMAPI_API imapi_status imapi_recorder_get_feature_page(imapi_recorder* recorder, int32_t feature,
                                                       int32_t current_only, void* buf, int64_t cap, int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (feature < 0 || feature > 0xFFFF) throw Error(IMAPI_E_INVALIDARG, "feature codes are 0 to FFFFh");
    copy_bytes(device::feature_page(r.transport(), static_cast<uint16_t>(feature), current_only != 0), buf, cap,
               size);
  });
}

IMAPI_API imapi_status imapi_recorder_get_mode_page(imapi_recorder* recorder, int32_t page, int32_t request_type,
                                                    void* buf, int64_t cap, int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (page < 1 || page > 0x3E) throw Error(IMAPI_E_INVALIDARG, "mode page codes are 01h to 3Eh");
    copy_bytes(device::mode_page(r.transport(), static_cast<uint8_t>(page), request_type), buf, cap, size);
  });
}

IMAPI_API imapi_status imapi_recorder_set_mode_page(imapi_recorder* recorder, int32_t request_type, const void* data,
                                                    int64_t size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (!data) throw Error(IMAPI_E_POINTER, "data is NULL");
    if (size < 2 || size > 257) throw Error(IMAPI_E_INVALIDARG, "a mode page is 2 to 257 bytes");
    r.require_access("SetModePage");
    device::set_mode_page(r.transport(), request_type,
                          {static_cast<const uint8_t*>(data), static_cast<size_t>(size)});
  });
}

IMAPI_API imapi_status imapi_recorder_read_dvd_structure(imapi_recorder* recorder, int32_t format, int64_t address,
                                                         int32_t layer, int32_t agid, void* buf, int64_t cap,
                                                         int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (format < 0 || format > 0xFF || layer < 0 || layer > 0xFF || agid < 0 || agid > 3 || address < 0 ||
        address > UINT32_MAX)
      throw Error(IMAPI_E_INVALIDARG, "format and layer are 0 to 255, AGID 0 to 3, address 0 to 2^32-1");
    copy_bytes(device::read_dvd_structure(r.transport(), static_cast<uint8_t>(format), static_cast<uint32_t>(address),
                                          static_cast<uint8_t>(layer), static_cast<uint8_t>(agid)),
               buf, cap, size);
  });
}

IMAPI_API imapi_status imapi_recorder_send_dvd_structure(imapi_recorder* recorder, int32_t format, const void* data,
                                                         int64_t size) {
  return on_recorder(recorder, [&](Recorder& r) {
    if (!data) throw Error(IMAPI_E_POINTER, "data is NULL");
    if (format < 0 || format > 0xFF) throw Error(IMAPI_E_INVALIDARG, "format is 0 to 255");
    if (size < 1 || size > 0xFFFF) throw Error(IMAPI_E_INVALIDARG, "a DVD structure is 1 to 65,535 bytes");
    r.require_access("SendDvdStructure");
    device::send_dvd_structure(r.transport(), static_cast<uint8_t>(format),
                               {static_cast<const uint8_t*>(data), static_cast<size_t>(size)});
  });
}

IMAPI_API imapi_status imapi_recorder_send_command(imapi_recorder* recorder, const void* data, int64_t size,
                                                   int32_t direction, void* buf, int64_t cap, int32_t timeout_s,
                                                   int64_t* transferred) {
  return guard([&] {
    auto& h = *check(recorder, "recorder");
    auto reply = device::send_pass_through(*h.recorder, {data, size, direction, buf, cap, timeout_s});
    if (transferred) *transferred = reply.transferred;
    h.last_sense = std::move(reply.sense);
    return reply.has_sense() ? mmc::status::kCommandHasSenseData : IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_recorder_get_last_sense(imapi_recorder* recorder, void* buf, int64_t cap, int64_t* size) {
  return with_handle(recorder, "recorder", [&](imapi_recorder& r) { copy_bytes(r.last_sense, buf, cap, size); });
}

// The three limits below and GetAdapterDescriptor come from one Recorder::storage_adapter().
IMAPI_API imapi_status imapi_recorder_get_byte_alignment_mask(imapi_recorder* recorder, int32_t* mask) {
  return on_recorder(recorder, [&](Recorder& r) {
    check_out(mask, "mask");
    *mask = static_cast<int32_t>(r.storage_adapter().alignment_mask);
  });
}

IMAPI_API imapi_status imapi_recorder_get_maximum_non_page_aligned_transfer_size(imapi_recorder* recorder,
                                                                                 int32_t* bytes) {
  return on_recorder(recorder, [&](Recorder& r) {
    check_out(bytes, "bytes");
    *bytes = static_cast<int32_t>(device::max_non_page_aligned_transfer(r.storage_adapter()));
  });
}

IMAPI_API imapi_status imapi_recorder_get_maximum_page_aligned_transfer_size(imapi_recorder* recorder, int32_t* bytes) {
  return on_recorder(recorder, [&](Recorder& r) {
    check_out(bytes, "bytes");
    *bytes = static_cast<int32_t>(device::max_page_aligned_transfer(r.storage_adapter()));
  });
}

IMAPI_API imapi_status imapi_recorder_get_adapter_descriptor(imapi_recorder* recorder, void* buf, int64_t cap,
                                                             int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) { copy_bytes(device::adapter_descriptor(r), buf, cap, size); });
}

IMAPI_API imapi_status imapi_recorder_get_device_descriptor(imapi_recorder* recorder, void* buf, int64_t cap,
                                                            int64_t* size) {
  return on_recorder(recorder, [&](Recorder& r) { copy_bytes(device::device_descriptor(r), buf, cap, size); });
}

}  // extern "C"
