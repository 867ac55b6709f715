#include "device/recorder_set.hpp"

#include <algorithm>
#include <mutex>

#include "core/error.hpp"
#include "device/emu/drive_list.hpp"
#include "device/emu/emulated_recorder.hpp"
#include "device/linux/drive_enumeration.hpp"
#include "device/linux/linux_recorder.hpp"
#include "mmc/status.hpp"

namespace imapi::device {

namespace {

// Emulated drives added with add_emulated_drive: process-wide, like the set
// of drives the OS shows, and only ever appended to.
std::mutex g_added_mutex;
std::vector<std::string> g_added;

std::vector<std::string> emulated_uris() {
  std::vector<std::string> uris = emu::drive_list_from_environment();
  std::lock_guard lock(g_added_mutex);
  for (const auto& u : g_added)
    if (std::find(uris.begin(), uris.end(), u) == uris.end()) uris.push_back(u);
  return uris;
}

}  // namespace

std::vector<std::string> recorder_ids() {
  std::vector<std::string> ids;
  for (const auto& d : linux_sg::enumerate_drives(linux_sg::real_linux_system())) ids.push_back(d.unique_id);
  for (auto& u : emulated_uris()) ids.push_back(std::move(u));
  return ids;
}

void add_emulated_drive(const std::string& uri) {
  emu::EmulatedDrive::open_uri(uri);  // checks the URI and inserts a blank disc into an empty directory
  std::lock_guard lock(g_added_mutex);
  if (std::find(g_added.begin(), g_added.end(), uri) == g_added.end()) g_added.push_back(uri);
}

std::unique_ptr<Recorder> open_recorder(const std::string& unique_id) {
  auto emulated = emulated_uris();
  auto e = std::find(emulated.begin(), emulated.end(), unique_id);
  if (e != emulated.end())
    return std::make_unique<emu::EmulatedRecorder>(unique_id, static_cast<int32_t>(e - emulated.begin()));
  auto& system = linux_sg::real_linux_system();
  for (auto& d : linux_sg::enumerate_drives(system))
    if (d.unique_id == unique_id) return std::make_unique<linux_sg::LinuxRecorder>(system, std::move(d));
  throw Error(IMAPI_E_INVALIDARG,
              "no recorder has the unique ID '" + unique_id +
                  "': take IDs from imapi_disc_master_get_unique_id (emulated drives must be in IMAPI_EMU_DRIVES "
                  "or added with imapi_disc_master_add_emulated_drive first)");
}

}  // namespace imapi::device
