// extern "C" shims for IDiscFormat2 / IDiscFormat2Data (imapi_disc_format_data_*):
// translation only; the policy is in src/burn.
#include <cstring>

#include "burn/drive_ops.hpp"
#include "burn/media_queries.hpp"
#include "burn/media_stream.hpp"
#include "burn/medium_plan.hpp"
#include "capi/capi_burn_common.hpp"
#include "device/drive_queries.hpp"
#include "mmc/profiles.hpp"

using namespace imapi;
using namespace imapi::capi;
using burn::DataWriteOptions;
using burn::DiscFormatData;

namespace {

template <typename F>
imapi_status on_format(imapi_disc_format_data* h, F&& f) {
  return with_handle(h, "disc format data", [&](imapi_disc_format_data& d) { f(*d.format); });
}

// A 0/1 option.
imapi_status set_flag(imapi_disc_format_data* h, int32_t value, bool DataWriteOptions::*member) {
  return on_format(h, [&](DiscFormatData& f) {
    if (value != 0 && value != 1) throw Error(IMAPI_E_INVALIDARG, "the value must be 0 or 1");
    f.change([&](DataWriteOptions& o) { o.*member = value != 0; });
  });
}
imapi_status get_flag(imapi_disc_format_data* h, int32_t* value, bool DataWriteOptions::*member) {
  return on_format(h, [&](DiscFormatData& f) { *check_out(value, "value") = f.options().*member ? 1 : 0; });
}

// The medium now, through the format's recorder.
template <typename F>
imapi_status on_media(imapi_disc_format_data* h, F&& f) {
  return on_format(h, [&](DiscFormatData& d) {
    auto r = d.recorder();
    f(*r, device::media_status(r->transport()));
  });
}

std::vector<burn::OfferedSpeed> speeds_of(DiscFormatData& d) {
  return burn::offered_write_speeds(d.recorder()->transport());
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_disc_format_data_create(imapi_disc_format_data** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_disc_format_data{std::make_shared<DiscFormatData>()});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_disc_format_data_free(imapi_disc_format_data* format) {
  if (format && is_handle(format, imapi_disc_format_data::kType)) cancel_and_wait(*format->format);
  free_handle(format);
}

IMAPI_API imapi_status imapi_disc_format_data_set_recorder(imapi_disc_format_data* format, imapi_recorder* recorder) {
  return on_format(format, [&](DiscFormatData& f) {
    f.set_recorder(recorder ? check(recorder, "recorder")->recorder : nullptr);
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_recorder(imapi_disc_format_data* format, imapi_recorder** out) {
  return on_format(format, [&](DiscFormatData& f) {
    check_out(out, "out");
    *out = nullptr;
    recorder_handle(f.recorder(), out);
  });
}

IMAPI_API imapi_status imapi_disc_format_data_set_client_name(imapi_disc_format_data* format, const char* name) {
  return on_format(format, [&](DiscFormatData& f) {
    std::string n = check_str(name, "name");
    try {
      device::check_client_name(n);
    } catch (const Error& e) {
      throw Error(IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID, e.message());
    }
    f.change([&](DataWriteOptions& o) { o.client_name = n; });
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_client_name(imapi_disc_format_data* format, char** out) {
  return on_format(format, [&](DiscFormatData& f) {
    check_out(out, "out");
    *out = nullptr;
    *out = dup_string(f.options().client_name);
  });
}

IMAPI_API imapi_status imapi_disc_format_data_is_recorder_supported(imapi_disc_format_data* format,
                                                                    imapi_recorder* recorder, int32_t* supported) {
  return on_format(format, [&](DiscFormatData&) {
    auto& r = *check(recorder, "recorder")->recorder;
    *check_out(supported, "supported") = burn::recorder_supports(r.transport(), burn::data_writable_profile) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_is_current_media_supported(imapi_disc_format_data* format,
                                                                         imapi_recorder* recorder,
                                                                         int32_t* supported) {
  return on_format(format, [&](DiscFormatData&) {
    auto& r = *check(recorder, "recorder")->recorder;
    *check_out(supported, "supported") = burn::current_media_supported(r.transport(), burn::data_writable_profile) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_media_physically_blank(imapi_disc_format_data* format,
                                                                         int32_t* blank) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(blank, "blank") = (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_media_heuristically_blank(imapi_disc_format_data* format,
                                                                            int32_t* blank) {
  return on_media(format, [&](device::Recorder& r, const device::MediaStatus& m) {
    *check_out(blank, "blank") = m.present && burn::heuristically_blank(r.transport(), m) ? 1 : 0;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_supported_media_types(imapi_disc_format_data* format,
                                                                        int32_t* types, int32_t cap, int32_t* count) {
  return on_format(format, [&](DiscFormatData& f) {
    auto& r = *f.recorder();
    std::vector<int32_t> out;
    for (int32_t p : device::profiles(r.transport(), false))
      if (burn::plan_for_profile(static_cast<uint16_t>(p))) {
        const auto type = static_cast<int32_t>(mmc::media_type_of(static_cast<uint16_t>(p)));
        if (std::find(out.begin(), out.end(), type) == out.end()) out.push_back(type);
      }
    copy_list(out, types, cap, count, "types");
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_current_media_status(imapi_disc_format_data* format,
                                                                       int32_t* state) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) { *check_out(state, "state") = m.state; });
}

IMAPI_API imapi_status imapi_disc_format_data_get_write_protect_status(imapi_disc_format_data* format,
                                                                       int32_t* write_protect) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(write_protect, "write_protect") = m.write_protect;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_current_physical_media_type(imapi_disc_format_data* format,
                                                                              int32_t* media_type) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(media_type, "media_type") = m.physical_type;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_total_sectors_on_media(imapi_disc_format_data* format,
                                                                         int64_t* sectors) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(sectors, "sectors") = m.total_sectors;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_free_sectors_on_media(imapi_disc_format_data* format,
                                                                        int64_t* sectors) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(sectors, "sectors") = m.free_sectors;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_next_writable_address(imapi_disc_format_data* format, int64_t* lba) {
  return on_media(format, [&](device::Recorder&, const device::MediaStatus& m) {
    *check_out(lba, "lba") = m.next_writable;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_start_address_of_previous_session(imapi_disc_format_data* format,
                                                                                    int64_t* lba) {
  return on_media(format, [&](device::Recorder& r, const device::MediaStatus& m) {
    *check_out(lba, "lba") = burn::previous_session(r.transport(), m).start;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_last_written_address_of_previous_session(
    imapi_disc_format_data* format, int64_t* lba) {
  return on_media(format, [&](device::Recorder& r, const device::MediaStatus& m) {
    *check_out(lba, "lba") = burn::previous_session(r.transport(), m).last_written;
  });
}

IMAPI_API imapi_status imapi_disc_format_data_set_force_media_to_be_closed(imapi_disc_format_data* format,
                                                                           int32_t value) {
  return set_flag(format, value, &DataWriteOptions::force_media_to_be_closed);
}
IMAPI_API imapi_status imapi_disc_format_data_get_force_media_to_be_closed(imapi_disc_format_data* format,
                                                                           int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::force_media_to_be_closed);
}
IMAPI_API imapi_status imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(
    imapi_disc_format_data* format, int32_t value) {
  return set_flag(format, value, &DataWriteOptions::disable_consumer_dvd_compatibility_mode);
}
IMAPI_API imapi_status imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode(
    imapi_disc_format_data* format, int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::disable_consumer_dvd_compatibility_mode);
}
IMAPI_API imapi_status imapi_disc_format_data_set_force_overwrite(imapi_disc_format_data* format, int32_t value) {
  return set_flag(format, value, &DataWriteOptions::force_overwrite);
}
IMAPI_API imapi_status imapi_disc_format_data_get_force_overwrite(imapi_disc_format_data* format, int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::force_overwrite);
}
IMAPI_API imapi_status imapi_disc_format_data_set_buffer_underrun_free_disabled(imapi_disc_format_data* format,
                                                                                int32_t value) {
  return set_flag(format, value, &DataWriteOptions::buffer_underrun_free_disabled);
}
IMAPI_API imapi_status imapi_disc_format_data_get_buffer_underrun_free_disabled(imapi_disc_format_data* format,
                                                                                int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::buffer_underrun_free_disabled);
}
IMAPI_API imapi_status imapi_disc_format_data_set_postgap_already_in_image(imapi_disc_format_data* format,
                                                                           int32_t value) {
  return set_flag(format, value, &DataWriteOptions::postgap_already_in_image);
}
IMAPI_API imapi_status imapi_disc_format_data_get_postgap_already_in_image(imapi_disc_format_data* format,
                                                                           int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::postgap_already_in_image);
}
IMAPI_API imapi_status imapi_disc_format_data_set_use_streaming_write12(imapi_disc_format_data* format,
                                                                        int32_t value) {
  return set_flag(format, value, &DataWriteOptions::use_streaming_write12);
}
IMAPI_API imapi_status imapi_disc_format_data_get_use_streaming_write12(imapi_disc_format_data* format,
                                                                        int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::use_streaming_write12);
}
IMAPI_API imapi_status imapi_disc_format_data_set_test_write(imapi_disc_format_data* format, int32_t value) {
  return set_flag(format, value, &DataWriteOptions::test_write);
}
IMAPI_API imapi_status imapi_disc_format_data_get_test_write(imapi_disc_format_data* format, int32_t* value) {
  return get_flag(format, value, &DataWriteOptions::test_write);
}

IMAPI_API imapi_status imapi_disc_format_data_set_burn_verification_level(imapi_disc_format_data* format,
                                                                          int32_t level) {
  return on_format(format, [&](DiscFormatData& f) {
    if (level < IMAPI_BURN_VERIFICATION_NONE || level > IMAPI_BURN_VERIFICATION_FULL)
      throw Error(IMAPI_E_INVALIDARG, "the verification level must be IMAPI_BURN_VERIFICATION_NONE, _QUICK or _FULL");
    f.change([&](DataWriteOptions& o) { o.verification_level = level; });
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_burn_verification_level(imapi_disc_format_data* format,
                                                                          int32_t* level) {
  return on_format(format, [&](DiscFormatData& f) { *check_out(level, "level") = f.options().verification_level; });
}

IMAPI_API imapi_status imapi_disc_format_data_set_buffer_size(imapi_disc_format_data* format, int64_t bytes) {
  return on_format(format, [&](DiscFormatData& f) {
    f.change([&](DataWriteOptions& o) { o.buffer_bytes = burn::checked_buffer_size(bytes); });
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_buffer_size(imapi_disc_format_data* format, int64_t* bytes) {
  return on_format(format, [&](DiscFormatData& f) { *check_out(bytes, "bytes") = f.options().buffer_bytes; });
}

IMAPI_API imapi_status imapi_disc_format_data_set_write_speed(imapi_disc_format_data* format,
                                                              int32_t sectors_per_second, int32_t pure_cav) {
  return guard([&] {
    check(format, "disc format data");
    DiscFormatData& f = *format->format;
    if (sectors_per_second == 0 || sectors_per_second < -1)
      throw Error(IMAPI_E_INVALIDARG, "the speed must be sectors per second (> 0), or -1 for the fastest");
    auto r = f.recorder();
    const imapi_status answer = burn::check_write_speed(*r, sectors_per_second, pure_cav != 0);
    f.change([&](DataWriteOptions& o) {
      o.requested_sectors_per_second = sectors_per_second;
      o.requested_pure_cav = pure_cav != 0;
    });
    return answer;
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_requested_write_speed(imapi_disc_format_data* format,
                                                                        int32_t* sectors_per_second) {
  return on_format(format, [&](DiscFormatData& f) {
    *check_out(sectors_per_second, "sectors_per_second") = f.options().requested_sectors_per_second;
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_requested_rotation_type_is_pure_cav(
    imapi_disc_format_data* format, int32_t* pure_cav) {
  return on_format(format, [&](DiscFormatData& f) { *check_out(pure_cav, "pure_cav") = f.options().requested_pure_cav; });
}
IMAPI_API imapi_status imapi_disc_format_data_get_current_write_speed(imapi_disc_format_data* format,
                                                                      int32_t* sectors_per_second) {
  return on_format(format, [&](DiscFormatData& f) {
    *check_out(sectors_per_second, "sectors_per_second") = burn::current_write_speed(f.recorder()->transport()).sectors_per_second;
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_current_rotation_type_is_pure_cav(
    imapi_disc_format_data* format, int32_t* pure_cav) {
  return on_format(format, [&](DiscFormatData& f) {
    *check_out(pure_cav, "pure_cav") = burn::current_write_speed(f.recorder()->transport()).pure_cav ? 1 : 0;
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_supported_write_speeds(imapi_disc_format_data* format,
                                                                         int32_t* speeds, int32_t cap,
                                                                         int32_t* count) {
  return on_format(format, [&](DiscFormatData& f) {
    std::vector<int32_t> out;
    for (const auto& s : speeds_of(f)) out.push_back(s.sectors_per_second);
    copy_list(out, speeds, cap, count, "speeds");
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_write_speed_descriptor_count(imapi_disc_format_data* format,
                                                                               int32_t* count) {
  return on_format(format, [&](DiscFormatData& f) {
    *check_out(count, "count") = static_cast<int32_t>(speeds_of(f).size());
  });
}
IMAPI_API imapi_status imapi_disc_format_data_get_write_speed_descriptor(imapi_disc_format_data* format,
                                                                         int32_t index,
                                                                         imapi_write_speed_descriptor* out) {
  return on_format(format, [&](DiscFormatData& f) {
    auto speeds = speeds_of(f);
    if (index < 0 || static_cast<size_t>(index) >= speeds.size())
      throw Error(IMAPI_E_INVALIDARG, "speed descriptor " + std::to_string(index) + " is out of range: there are " +
                                          std::to_string(speeds.size()));
    auto m = device::media_status(f.recorder()->transport());
    fill_struct(out, "out", [&](imapi_write_speed_descriptor& o) {
      o.media_type = m.physical_type;
      o.rotation_type_is_pure_cav = speeds[static_cast<size_t>(index)].pure_cav ? 1 : 0;
      o.write_speed = speeds[static_cast<size_t>(index)].sectors_per_second;
    });
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_multisession_count(imapi_disc_format_data* format, int32_t* count) {
  return on_format(format, [&](DiscFormatData& f) {
    *check_out(count, "count") = static_cast<int32_t>(burn::multisession_interfaces(f.recorder()->transport()).size());
  });
}

IMAPI_API imapi_status imapi_disc_format_data_get_multisession(imapi_disc_format_data* format, int32_t index,
                                                               imapi_multisession* out) {
  return on_format(format, [&](DiscFormatData& f) {
    auto all = burn::multisession_interfaces(f.recorder()->transport());
    if (index < 0 || static_cast<size_t>(index) >= all.size())
      throw Error(IMAPI_E_INVALIDARG, "multisession interface " + std::to_string(index) + " is out of range: there are " +
                                          std::to_string(all.size()));
    const auto& s = all[static_cast<size_t>(index)];
    const auto options = f.options();
    fill_struct(out, "out", [&](imapi_multisession& o) {
      o.type = s.type;
      o.is_supported_on_current_media_state = s.supported_now ? 1 : 0;
      o.in_use = (s.type == IMAPI_MULTISESSION_RANDOM_WRITE ? options.random_write_session
                                                             : options.sequential_session_in_use) ? 1 : 0;
      o.is_first_data_session = s.first_data_session ? 1 : 0;
      o.write_unit_size = s.write_unit_size;
      o.start_address_of_previous_session = s.start_previous;
      o.last_written_address_of_previous_session = s.last_written_previous;
      o.next_writable_address = s.next_writable;
      o.free_sectors_on_media = s.free_sectors;
      o.last_written_address = s.last_written;
      o.total_sectors_on_media = s.total_sectors;
    });
  });
}

IMAPI_API imapi_status imapi_disc_format_data_set_multisession_in_use(imapi_disc_format_data* format, int32_t index,
                                                                      int32_t in_use) {
  return on_format(format, [&](DiscFormatData& f) {
    auto all = burn::multisession_interfaces(f.recorder()->transport());
    if (index < 0 || static_cast<size_t>(index) >= all.size())
      throw Error(IMAPI_E_INVALIDARG, "multisession interface " + std::to_string(index) + " is out of range");
    const bool random = all[static_cast<size_t>(index)].type == IMAPI_MULTISESSION_RANDOM_WRITE;
    f.change([&](DataWriteOptions& o) {
      o.random_write_session = random && in_use != 0;
      o.sequential_session_in_use = !random && in_use != 0;
    });
  });
}

IMAPI_API imapi_status imapi_disc_format_data_create_media_stream(imapi_disc_format_data* format,
                                                                  imapi_stream** out) {
  return on_format(format, [&](DiscFormatData& f) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{burn::open_media_stream(f.recorder())});
  });
}

IMAPI_API imapi_status imapi_disc_format_data_write(imapi_disc_format_data* format, imapi_stream* data,
                                                    imapi_burn_progress_fn progress, void* user) {
  return on_format(format, [&](DiscFormatData& f) { f.write(stream_of(data, "stream"), callback_update(progress, user)); });
}

IMAPI_API imapi_status imapi_disc_format_data_write_start(imapi_disc_format_data* format, imapi_stream* data,
                                                          imapi_job** job) {
  return on_format(format, [&](DiscFormatData&) {
    check_out(job, "job");
    *job = nullptr;
    auto stream = stream_of(data, "stream");
    auto f = format->format;
    f->recorder();  // IMAPI_E_RECORDER_REQUIRED now rather than from the job
    make_handle(job, imapi_job{Job::start([f, stream](ProgressSink& sink) { f->write(stream, job_update(sink)); })});
  });
}

IMAPI_API imapi_status imapi_disc_format_data_cancel_write(imapi_disc_format_data* format) {
  return guard([&] { return check(format, "disc format data")->format->cancel(); });
}

IMAPI_API imapi_status imapi_disc_format_data_get_progress(imapi_disc_format_data* format, imapi_burn_progress* out) {
  return on_format(format, [&](DiscFormatData& f) { copy_progress(f.progress(), out); });
}

IMAPI_API imapi_status imapi_disc_format_data_verify(imapi_disc_format_data* format, imapi_stream* image,
                                                     imapi_burn_progress_fn progress, void* user) {
  return on_format(format, [&](DiscFormatData& f) { f.verify(stream_of(image, "image"), callback_update(progress, user)); });
}

}  // extern "C"
