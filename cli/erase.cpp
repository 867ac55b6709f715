// imapi erase / imapi format: IDiscFormat2Erase and its format extension,
// through the C ABI only.
//
//   imapi erase [--full] [--progress] DRIVE
//   imapi format [--full] [--spares default|none] [--progress] DRIVE
#include <cstdio>
#include <string>
#include <vector>

#include "burn_failure.hpp"
#include "burn_progress.hpp"
#include "commands.hpp"
#include "imapi_c.h"

namespace imapi_cli {

namespace {

using Recorder = Handle<imapi_recorder, imapi_recorder_free>;
using Eraser = Handle<imapi_disc_format_erase, imapi_disc_format_erase_free>;

struct Options {
  bool full = false, progress = false;
  int32_t spares = IMAPI_FORMAT_SPARES_DEFAULT;
  std::string drive;
};

int usage(const char* usage_line, const std::string& why) {
  std::fprintf(stderr, "imapi: error: %s\n%s", why.c_str(), usage_line);
  return 2;
}

int parse(const std::vector<std::string>& args, bool format, Options& o) {
  const char* line = format ? "usage: imapi format [--full] [--spares default|none] [--progress] DRIVE\n"
                            : "usage: imapi erase [--full] [--progress] DRIVE\n";
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--full") o.full = true;
    else if (a == "--progress") o.progress = true;
    else if (format && a == "--spares") {
      const std::string v = i + 1 < args.size() ? args[++i] : "";
      if (v == "default") o.spares = IMAPI_FORMAT_SPARES_DEFAULT;
      else if (v == "none") o.spares = IMAPI_FORMAT_SPARES_NONE;
      else return usage(line, "--spares takes default or none" + (v.empty() ? std::string() : ", not '" + v + "'"));
    } else if (a.size() > 1 && a[0] == '-') {
      return usage(line, "unknown option '" + a + "'");
    } else if (o.drive.empty()) {
      o.drive = a;
    } else {
      return usage(line, "give one DRIVE");
    }
  }
  if (o.drive.empty()) return usage(line, "no DRIVE");
  return 0;
}

// The Update event: IMAPI's (elapsed, estimated total) as the progress line's time left.
struct Watch {
  BurnProgress bar;
  Failure* failure;
  const char* verb;
  int64_t elapsed_ms = 0;
  Watch(bool force, Failure* f, const char* v) : bar(force), failure(f), verb(v) {}
};

int32_t on_update(void* user, const imapi_burn_progress* p) {
  auto* w = static_cast<Watch*>(user);
  const bool working = p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA;
  w->failure->action = working ? w->verb : action_name(p->current_action);
  w->elapsed_ms = p->elapsed_time_ms;
  BurnSnapshot s;
  s.action = w->failure->action;
  s.done_sectors = std::max<int64_t>(0, p->last_written_lba + 1);
  s.total_sectors = p->sector_count > 0 ? p->sector_count : -1;
  s.remaining_seconds = p->total_time_ms >= 0 ? (p->total_time_ms - p->elapsed_time_ms + 999) / 1000 : -1;
  w->bar.update(s);
  return 0;
}

int run(const std::vector<std::string>& args, bool format) {
  Options o;
  if (int rc = parse(args, format, o)) return rc;
  Failure f{o.drive};
  Recorder recorder;
  if (int rc = open_recorder(o.drive, &recorder.p)) return rc;
  Eraser eraser;
  imapi_status s = imapi_disc_format_erase_create(&eraser.p);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_erase_set_recorder(eraser.p, recorder.p);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_erase_set_client_name(eraser.p, "imapi");
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_erase_set_full_erase(eraser.p, o.full ? 1 : 0);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_erase_set_format_spares(eraser.p, o.spares);
  if (IMAPI_FAILED(s)) return fail(f, s);
  int32_t type = IMAPI_MEDIA_TYPE_UNKNOWN;
  f.action = "reading the medium";
  if (s = imapi_disc_format_erase_get_current_physical_media_type(eraser.p, &type); IMAPI_FAILED(s)) return fail(f, s);
  const char* verb = format ? (o.full ? "formatting (full)" : "formatting (quick)") : (o.full ? "erasing (full)" : "erasing (quick)");
  Watch watch(o.progress, &f, verb);
  f.action = verb;
  s = format ? imapi_disc_format_erase_format_media(eraser.p, on_update, &watch)
             : imapi_disc_format_erase_erase_media(eraser.p, on_update, &watch);
  watch.bar.finish();
  if (IMAPI_FAILED(s)) return fail(f, s);
  std::fprintf(stderr, "imapi: %s: %s: %s %s in %.2f s\n", format ? "format" : "erase", f.drive.c_str(),
               media_type_name(type), format ? "formatted" : "erased", static_cast<double>(watch.elapsed_ms) / 1000.0);
  return 0;
}

}  // namespace

int erase(const std::vector<std::string>& args) { return run(args, false); }
int format(const std::vector<std::string>& args) { return run(args, true); }

}  // namespace imapi_cli
