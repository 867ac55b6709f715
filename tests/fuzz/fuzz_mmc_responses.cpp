// libFuzzer target: every MMC response parser and sense decoding on the same
// input. A parser may reject the input with imapi::Error; anything else (a
// crash, a sanitizer report, another exception type) is a bug.
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/error.hpp"
#include "mmc/capacity.hpp"
#include "mmc/configuration.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/event_status.hpp"
#include "mmc/inquiry.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/performance.hpp"
#include "mmc/sense.hpp"
#include "mmc/toc.hpp"
#include "mmc/track_information.hpp"

namespace {

template <typename F>
void guarded(F&& f) {
  try {
    f();
  } catch (const imapi::Error&) {
    // Rejected as malformed: the expected outcome for most inputs.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace imapi::mmc;
  std::span<const uint8_t> in(data, size);

  guarded([&] { parse_inquiry(in); });
  guarded([&] {
    Configuration c = parse_configuration(in);
    for (const auto& f : c.features)
      if (f.code == 0) parse_profile_list(f);
  });
  guarded([&] {
    ModeParameters m = parse_mode_sense10(in);
    for (const auto& p : m.pages) {
      guarded([&] { parse_write_parameters_page(p.bytes); });
      guarded([&] { parse_capabilities_page(p.bytes); });
    }
  });
  // The page parsers also see the raw input, as IDiscRecorder2Ex callers may hand pages over directly.
  guarded([&] { parse_write_parameters_page(in); });
  guarded([&] { parse_capabilities_page(in); });
  guarded([&] { parse_disc_information(in); });
  guarded([&] { parse_track_information(in); });
  guarded([&] { parse_toc(in); });
  guarded([&] { parse_session_info(in); });
  guarded([&] {
    FullToc t = parse_full_toc(in);
    t.find(1, point::kLeadOut);
  });
  guarded([&] { parse_pma(in); });
  guarded([&] { parse_atip(in); });
  // The target-side parsers of what an initiator sends (the emulated drive's inputs).
  guarded([&] { parse_format_unit_parameters(in); });
  guarded([&] { parse_mode_select_parameter_list(in); });
  guarded([&] { parse_cue_sheet(in); });
  guarded([&] { parse_read_capacity(in); });
  guarded([&] { parse_format_capacities(in); });
  guarded([&] { parse_buffer_capacity(in); });
  guarded([&] { parse_write_speeds(in); });
  guarded([&] { parse_performance(in); });
  guarded([&] { parse_event_status(in); });
  interpret_sense(in);  // the one decoder: never throws
  guarded([&] {
    Sense s = decode_sense(in);
    interpret_sense(s);
    sense_error("FUZZ", s);
    s.progress_percent();
  });
  return 0;
}
