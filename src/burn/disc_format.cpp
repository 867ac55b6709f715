#include "burn/disc_format.hpp"

#include "core/error.hpp"

namespace imapi::burn {

void WriterBase::set_recorder(std::shared_ptr<device::Recorder> recorder) {
  std::lock_guard lock(mutex_);
  require_idle();
  recorder_ = std::move(recorder);
}

std::shared_ptr<device::Recorder> WriterBase::recorder() const {
  std::lock_guard lock(mutex_);
  if (!recorder_) throw Error(IMAPI_E_RECORDER_REQUIRED, "no recorder is set: set one (Recorder) first");
  return recorder_;
}

void WriterBase::require_idle() const {
  if (in_progress_.load())
    throw Error(busy_, busy_ == IMAPI_E_DF2DATA_WRITE_IN_PROGRESS
                           ? "a write is in progress: wait for it to end or cancel it"
                           : "an erase or format is in progress: wait for it to end");
}

imapi_status WriterBase::cancel() {
  if (!in_progress_.load()) return IMAPI_S_WRITE_NOT_IN_PROGRESS;
  cancel_.store(true);
  return IMAPI_S_OK;
}

void WriterBase::run_exclusive(const std::function<void(device::Recorder&, BurnControl&)>& body,
                               const UpdateCallback& update) {
  std::shared_ptr<device::Recorder> recorder = this->recorder();
  bool expected = false;
  if (!in_progress_.compare_exchange_strong(expected, true))
    throw Error(busy_, busy_ == IMAPI_E_DF2DATA_WRITE_IN_PROGRESS ? "a write is already in progress on this writer"
                                                                  : "an erase or format is already running on this object");
  cancel_.store(false);
  struct Done {
    std::atomic<bool>& flag;
    ~Done() { flag.store(false); }
  } done{in_progress_};
  BurnControl control{board_, update, cancel_};
  body(*recorder, control);
}

DataWriteOptions DiscFormatData::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

void DiscFormatData::change(const std::function<void(DataWriteOptions&)>& f) {
  std::lock_guard lock(mutex_);
  require_idle();
  f(options_);
}

void DiscFormatData::write(const std::shared_ptr<Stream>& data, const UpdateCallback& update) {
  const DataWriteOptions o = options();
  run_exclusive([&](device::Recorder& r, BurnControl& c) { write_data(r, o, data, c); }, update);
}

void DiscFormatData::verify(const std::shared_ptr<Stream>& image, const UpdateCallback& update) {
  run_exclusive([&](device::Recorder& r, BurnControl& c) { verify_last_session(r, image, c); }, update);
}

EraseOptions DiscFormatErase::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

void DiscFormatErase::change(const std::function<void(EraseOptions&)>& f) {
  std::lock_guard lock(mutex_);
  require_idle();
  f(options_);
}

void DiscFormatErase::erase(const UpdateCallback& update) {
  const EraseOptions o = options();
  run_exclusive([&](device::Recorder& r, BurnControl& c) { erase_medium(r, o, c); }, update);
}

void DiscFormatErase::format(const UpdateCallback& update) {
  const EraseOptions o = options();
  run_exclusive([&](device::Recorder& r, BurnControl& c) { format_medium(r, o, c); }, update);
}

SectionOptions WriteEngine::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

void WriteEngine::change(const std::function<void(SectionOptions&)>& f) {
  std::lock_guard lock(mutex_);
  require_idle();
  f(options_);
}

void WriteEngine::write_section(const std::shared_ptr<Stream>& data, int64_t start_lba, int64_t blocks,
                                const UpdateCallback& update) {
  const SectionOptions o = options();
  run_exclusive([&](device::Recorder& r, BurnControl& c) { write_engine_section(r, o, data, start_lba, blocks, c); },
                update);
}

}  // namespace imapi::burn
