// The objects behind the C ABI's imapi_disc_format_data and imapi_write_engine:
// their properties, the write in progress (one at a time), its progress board
// and its cancel flag, which other threads may use while it runs.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "burn/data_writer.hpp"
#include "burn/medium_eraser.hpp"
#include "device/recorder.hpp"

namespace imapi::burn {

using UpdateCallback = std::function<bool(const BurnProgress&)>;

// What both writers share: the recorder, the one write at a time, cancel and progress.
class WriterBase {
 public:
  // `busy` is the object's "already running" error (IMAPI's differs per writer).
  explicit WriterBase(imapi_status busy = IMAPI_E_DF2DATA_WRITE_IN_PROGRESS) : busy_(busy) {}
  void set_recorder(std::shared_ptr<device::Recorder> recorder);
  // E_IMAPI_RECORDER_REQUIRED when none is set.
  std::shared_ptr<device::Recorder> recorder() const;
  bool in_progress() const { return in_progress_.load(); }
  // CancelWrite: IMAPI_S_WRITE_NOT_IN_PROGRESS when nothing runs.
  imapi_status cancel();
  BurnProgress progress() { return board_.snapshot(); }

 protected:
  // Runs `body` as the one write of this object (the busy error otherwise).
  void run_exclusive(const std::function<void(device::Recorder&, BurnControl&)>& body, const UpdateCallback& update);
  // Throws the busy error while a write runs.
  void require_idle() const;
  mutable std::mutex mutex_;

 private:
  imapi_status busy_;
  std::shared_ptr<device::Recorder> recorder_;
  std::atomic<bool> in_progress_{false};
  std::atomic<bool> cancel_{false};
  ProgressBoard board_;
};

class DiscFormatData : public WriterBase {
 public:
  DataWriteOptions options() const;
  // Changes the options (E_IMAPI_DF2DATA_WRITE_IN_PROGRESS while writing).
  void change(const std::function<void(DataWriteOptions&)>& f);
  void write(const std::shared_ptr<Stream>& data, const UpdateCallback& update);
  void verify(const std::shared_ptr<Stream>& image, const UpdateCallback& update);

 private:
  DataWriteOptions options_;
};

// IDiscFormat2Erase, and the format extension on the same object.
class DiscFormatErase : public WriterBase {
 public:
  DiscFormatErase() : WriterBase(IMAPI_E_ERASE_RECORDER_IN_USE) {}
  EraseOptions options() const;
  // Changes the options (E_IMAPI_ERASE_RECORDER_IN_USE while erasing).
  void change(const std::function<void(EraseOptions&)>& f);
  void erase(const UpdateCallback& update);
  void format(const UpdateCallback& update);

 private:
  EraseOptions options_;
};

class WriteEngine : public WriterBase {
 public:
  SectionOptions options() const;
  void change(const std::function<void(SectionOptions&)>& f);
  void write_section(const std::shared_ptr<Stream>& data, int64_t start_lba, int64_t blocks,
                     const UpdateCallback& update);

 private:
  SectionOptions options_;
};

}  // namespace imapi::burn
