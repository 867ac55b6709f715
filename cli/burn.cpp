// imapi burn / imapi verify: IDiscFormat2Data through the C ABI only.
//
//   imapi burn [OPTIONS] DRIVE IMAGE          an image file, or '-' for standard input
//   imapi burn [OPTIONS] DRIVE --tree SOURCE...  mastered on the fly, no temporary image
//   imapi verify DRIVE IMAGE                  the last session against IMAGE
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "burn_failure.hpp"
#include "burn_progress.hpp"
#include "commands.hpp"
#include "fs_options.hpp"
#include "imapi_c.h"

namespace imapi_cli {

namespace {

using Recorder = Handle<imapi_recorder, imapi_recorder_free>;
using Format = Handle<imapi_disc_format_data, imapi_disc_format_data_free>;
using Stream = Handle<imapi_stream, imapi_stream_free>;
using Image = Handle<imapi_fsimage, imapi_fsimage_free>;
using Result = Handle<imapi_fsimage_result, imapi_fsimage_result_free>;

constexpr const char* kClientName = "imapi";

struct Options {
  bool multi = false, close = false, dummy = false, eject = false, stream = false, tree = false;
  bool progress = false;
  double speed_x = -1;  // -1: the fastest
  int32_t verify = IMAPI_BURN_VERIFICATION_QUICK;
  int64_t buffer = 0;  // 0: the library's default
  FsOptions fs;
  std::vector<std::string> positional;  // DRIVE, then IMAGE or the SOURCEs
};

const char* const kBurnUsage =
    "usage: imapi burn [--multi|--close] [--speed X|max] [--verify none|quick|full] [--dummy] [--buffer SIZE]\n"
    "                  [--eject] [--stream] [--progress] DRIVE IMAGE|-\n"
    "       imapi burn [OPTIONS] [--fs LIST] [--iso-level N] [--udf-revision R] [--volume NAME]\n"
    "                  [--symlinks record|follow|skip] DRIVE --tree SOURCE...\n";

int usage(const std::string& why) {
  std::fprintf(stderr, "imapi: error: %s\n%s", why.c_str(), kBurnUsage);
  return 2;
}

// "64M", "1G", "4194304": bytes, or -1.
int64_t parse_size(const std::string& text) {
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || errno != 0 || v <= 0) return -1;
  double scale = 1;
  const std::string suffix = end;
  if (suffix == "K" || suffix == "k" || suffix == "KiB") scale = 1024.0;
  else if (suffix == "M" || suffix == "m" || suffix == "MiB") scale = 1024.0 * 1024;
  else if (suffix == "G" || suffix == "g" || suffix == "GiB") scale = 1024.0 * 1024 * 1024;
  else if (!suffix.empty()) return -1;
  const double bytes = v * scale;
  return bytes > 9e18 ? -1 : static_cast<int64_t>(bytes);
}

int parse(const std::vector<std::string>& args, Options& o) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string fs_error;
    if (size_t at = i; parse_fs_option(args, at, o.fs, fs_error)) {
      if (!fs_error.empty()) return usage(fs_error);
      i = at - 1;
      continue;
    }
    const std::string& a = args[i];
    const std::string* value = i + 1 < args.size() ? &args[i + 1] : nullptr;
    if (a == "--multi") o.multi = true;
    else if (a == "--close") o.close = true;
    else if (a == "--dummy") o.dummy = true;
    else if (a == "--eject") o.eject = true;
    else if (a == "--stream") o.stream = true;
    else if (a == "--tree") o.tree = true;
    else if (a == "--progress") o.progress = true;
    else if (a == "--speed") {
      if (!value) return usage("--speed takes a multiple of the medium's 1x (e.g. 12, 2.4) or max");
      ++i;
      if (*value == "max") {
        o.speed_x = -1;
      } else {
        char* end = nullptr;
        o.speed_x = std::strtod(value->c_str(), &end);
        if (end == value->c_str() || *end != '\0' || !(o.speed_x > 0) || o.speed_x > 1000)
          return usage("--speed takes a multiple of the medium's 1x (e.g. 12, 2.4) or max, not '" + *value + "'");
      }
    } else if (a == "--verify") {
      if (!value) return usage("--verify takes none, quick or full");
      ++i;
      if (*value == "none") o.verify = IMAPI_BURN_VERIFICATION_NONE;
      else if (*value == "quick") o.verify = IMAPI_BURN_VERIFICATION_QUICK;
      else if (*value == "full") o.verify = IMAPI_BURN_VERIFICATION_FULL;
      else return usage("--verify takes none, quick or full, not '" + *value + "'");
    } else if (a == "--buffer") {
      if (!value || (o.buffer = parse_size(*value)) < 0)
        return usage("--buffer takes a size in bytes with an optional K, M or G suffix (e.g. 256M)");
      ++i;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option '" + a + "'");
    } else {
      o.positional.push_back(a);
    }
  }
  if (o.multi && o.close) return usage("--multi and --close contradict each other: give one");
  if (o.positional.empty()) return usage("no DRIVE");
  if (o.tree) {
    if (o.positional.size() < 2) return usage("--tree needs at least one SOURCE after DRIVE");
  } else {
    if (o.positional.size() != 2) return usage("give one DRIVE and one IMAGE (or '-', or --tree SOURCE...)");
    if (o.fs.chooses_file_systems() || !o.fs.volume.empty() || o.fs.strict || o.fs.udf_mirror_given ||
        o.fs.symlink_policy)
      return usage("file-system options (--fs, --iso-level, --udf-revision, --volume, ...) need --tree");
  }
  return 0;
}



// The medium's 1x in kB/s (1000 bytes) and sectors per second.
struct OneX {
  double kilobytes_per_second;
  int32_t sectors_per_second;
};
OneX one_x_of(int32_t media_type) {
  switch (media_type) {
    case IMAPI_MEDIA_TYPE_CDROM:
    case IMAPI_MEDIA_TYPE_CDR:
    case IMAPI_MEDIA_TYPE_CDRW: return {176.4, IMAPI_SECTORS_PER_SECOND_AT_1X_CD};
    case IMAPI_MEDIA_TYPE_BDROM:
    case IMAPI_MEDIA_TYPE_BDR:
    case IMAPI_MEDIA_TYPE_BDRE: return {4495.0, IMAPI_SECTORS_PER_SECOND_AT_1X_BD};
    case IMAPI_MEDIA_TYPE_HDDVDROM:
    case IMAPI_MEDIA_TYPE_HDDVDR:
    case IMAPI_MEDIA_TYPE_HDDVDRAM: return {4568.0 * 2.048, IMAPI_SECTORS_PER_SECOND_AT_1X_HD_DVD};
    default: return {1385.0, IMAPI_SECTORS_PER_SECOND_AT_1X_DVD};
  }
}

std::atomic<bool> g_interrupted{false};
void on_signal(int) { g_interrupted = true; }

// The Update event: draws the line, remembers what the summary and a failure
// line need, and cancels on Ctrl-C.
struct Watch {
  BurnProgress bar;
  Failure* failure;
  OneX one_x;
  int32_t last_action = -1;
  int64_t writing_started_ms = -1, writing_ended_ms = -1;
  int64_t sectors = 0;
  int64_t underruns = 0;
  Watch(bool force, Failure* f, OneX x) : bar(force), failure(f), one_x(x) {}
};

int32_t on_update(void* user, const imapi_burn_progress* p) {
  auto* w = static_cast<Watch*>(user);
  if (p->current_action != w->last_action) {
    if (w->last_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) w->writing_ended_ms = p->elapsed_time_ms;
    if (p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) w->writing_started_ms = p->elapsed_time_ms;
    w->last_action = p->current_action;
    w->failure->action = action_name(p->current_action);
  }
  if (p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) w->writing_ended_ms = p->elapsed_time_ms;
  w->sectors = std::max(w->sectors, p->sector_count);
  w->underruns = p->underrun_count;
  BurnSnapshot s;
  s.action = action_name(p->current_action);
  const bool verifying = p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING;
  const int64_t last = verifying ? p->last_read_lba : p->last_written_lba;
  s.done_sectors = std::max<int64_t>(0, last - p->start_lba + 1);
  s.total_sectors = p->sector_count > 0 ? p->sector_count : -1;
  if (p->current_action == IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA) {
    s.kilobytes_per_second = p->current_speed_kbps;
    s.one_x_kilobytes_per_second = w->one_x.kilobytes_per_second;
    s.ring_used = p->used_system_buffer;
    s.ring_total = p->total_system_buffer;
    s.drive_buffer_percent = p->drive_buffer_fill_percent;
  }
  s.remaining_seconds = p->remaining_time_ms >= 0 ? (p->remaining_time_ms + 999) / 1000 : -1;
  w->bar.update(s);
  return g_interrupted ? 1 : 0;
}

// Standard input as a stream. A pipe is measured where it can be: an ISO 9660
// image carries its size in the primary volume descriptor (sector 16, as
// growisofs reads it), and a stream of anything else is read ahead up to
// kReadAhead bytes to find its end (a known size lets the writer apply the 2%
// rule and the DVD+R DL layer break before it starts). A longer stream is
// burned to its end as a stream of unknown size. The bytes peeked are served first.
struct StdinSource {
  int64_t size = -1;
  int64_t position = 0;
  std::vector<char> head;  // bytes read ahead, served before the pipe
  bool eof = false;
};

constexpr int64_t kReadAhead = 32LL << 20;  // memory held for the peek

// Reads up to `n` more bytes of standard input into `in.head`; false on a read error.
bool read_ahead(StdinSource& in, int64_t n) {
  const size_t at = in.head.size();
  in.head.resize(at + static_cast<size_t>(n));
  size_t got = 0;
  while (got < static_cast<size_t>(n)) {
    ssize_t r = ::read(STDIN_FILENO, in.head.data() + at + got, static_cast<size_t>(n) - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) {
      in.eof = true;
      break;
    }
    got += static_cast<size_t>(r);
  }
  in.head.resize(at + got);
  return true;
}

uint32_t le16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8;
}

uint32_t le32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return uint32_t{u[0]} | uint32_t{u[1]} << 8 | uint32_t{u[2]} << 16 | uint32_t{u[3]} << 24;
}

imapi_status stdin_read(void* user, void* buf, int64_t cap, int64_t* n) {
  auto* s = static_cast<StdinSource*>(user);
  *n = 0;
  auto* out = static_cast<char*>(buf);
  if (s->size >= 0) cap = std::min(cap, s->size - s->position);  // never past the volume
  if (s->position < static_cast<int64_t>(s->head.size())) {
    const int64_t k = std::min<int64_t>(cap, static_cast<int64_t>(s->head.size()) - s->position);
    std::memcpy(out, s->head.data() + s->position, static_cast<size_t>(k));
    *n = k;
  }
  // Fill the request as far as the pipe allows: the writer reads whole blocks.
  while (*n < cap && !s->eof) {
    ssize_t got = ::read(STDIN_FILENO, out + *n, static_cast<size_t>(cap - *n));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return IMAPI_E_DATA_STREAM_READ_FAILURE;
    if (got == 0) s->eof = true;
    *n += got;
  }
  s->position += *n;
  return IMAPI_S_OK;
}

imapi_status stdin_seek(void* user, int64_t offset, int32_t whence, int64_t* position) {
  auto* s = static_cast<StdinSource*>(user);
  // A pipe only goes forward: the writer asks for where it already is.
  const int64_t target = whence == IMAPI_SEEK_SET ? offset : whence == IMAPI_SEEK_CUR ? s->position + offset : -1;
  if (target != s->position) return IMAPI_E_NOTIMPL;
  if (position) *position = s->position;
  return IMAPI_S_OK;
}

imapi_status stdin_size(void* user, int64_t* size) {
  *size = static_cast<StdinSource*>(user)->size;
  return IMAPI_S_OK;
}

// The size of the image on a pipe: an ISO 9660 volume's, a short stream's
// (read to its end), or IMAPI_STREAM_SIZE_UNKNOWN for a longer one, which the
// writer burns to its end. False (and `why`) when standard input cannot be read.
bool measure_pipe(StdinSource& in, std::string& why) {
  constexpr int64_t kPvd = 16 * 2048;
  auto read_error = [&] {
    why = std::string("cannot read standard input: ") + std::strerror(errno);
    return false;
  };
  if (!read_ahead(in, kPvd + 2048)) return read_error();
  const char* pvd = in.head.data() + kPvd;
  if (static_cast<int64_t>(in.head.size()) >= kPvd + 2048 && pvd[0] == 1 && std::memcmp(pvd + 1, "CD001", 5) == 0 &&
      le16(pvd + 128) == 2048) {  // type 1, CD001, logical block size 2048 (ECMA-119 8.4, both-byte orders)
    in.size = int64_t{le32(pvd + 80)} * 2048;  // Volume Space Size, little-endian half
    return true;
  }
  while (!in.eof && static_cast<int64_t>(in.head.size()) < kReadAhead)
    if (!read_ahead(in, std::min<int64_t>(4 << 20, kReadAhead - static_cast<int64_t>(in.head.size()))))
      return read_error();
  in.size = in.eof ? static_cast<int64_t>(in.head.size()) : IMAPI_STREAM_SIZE_UNKNOWN;
  return true;
}

int open_source(const Options& o, Failure& f, StdinSource& in, Stream& stream) {
  const std::string& path = o.positional[1];
  if (path != "-") {
    f.action = "opening " + path;
    imapi_status s = imapi_stream_create_from_file(path.c_str(), &stream.p);
    return IMAPI_FAILED(s) ? fail(f, s) : 0;
  }
  f.action = "reading standard input";
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode)) {
    in.size = st.st_size - ::lseek(STDIN_FILENO, 0, SEEK_CUR);
  } else {
    std::string why;
    if (!measure_pipe(in, why)) {
      std::fprintf(stderr, "imapi: error: %s: %s: %s\n", f.drive.c_str(), f.action.c_str(), why.c_str());
      return 1;
    }
  }
  imapi_stream_vtable vt{};
  vt.struct_size = sizeof vt;
  vt.read = stdin_read;
  vt.seek = stdin_seek;
  vt.size = stdin_size;
  imapi_status s = imapi_stream_create_user(&vt, &in, &stream.p);
  return IMAPI_FAILED(s) ? fail(f, s) : 0;
}

// --tree: the image is mastered as it is burned. On a disc that holds a
// session already (appendable sequential media, or overwritable media with a
// file system), that session is imported first and the new one goes after it.
int master_tree(const Options& o, imapi_disc_format_data* format, int32_t media_type, Failure& f, Stream& stream) {
  f.action = "mastering";
  Image image;
  imapi_status s = imapi_fsimage_create(&image.p);
  if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_choose_image_defaults_for_media_type(image.p, media_type);
  if (IMAPI_SUCCEEDED(s)) s = apply_fs_options(image.p, o.fs);
  if (IMAPI_FAILED(s)) return fail(f, s);

  int32_t count = 0;
  if (s = imapi_disc_format_data_get_multisession_count(format, &count); IMAPI_FAILED(s)) return fail(f, s);
  for (int32_t i = 0; i < count; ++i) {
    imapi_multisession m{};
    m.struct_size = sizeof m;
    if (s = imapi_disc_format_data_get_multisession(format, i, &m); IMAPI_FAILED(s)) return fail(f, s);
    if (!m.is_supported_on_current_media_state) continue;
    const bool holds_session = m.type == IMAPI_MULTISESSION_SEQUENTIAL ? !m.is_first_data_session
                                                                       : m.last_written_address >= 0;
    if (!holds_session) continue;
    f.action = "importing the previous session";
    Stream media;
    int32_t imported = 0;
    const int64_t session_block = m.type == IMAPI_MULTISESSION_SEQUENTIAL ? m.start_address_of_previous_session : 0;
    s = imapi_disc_format_data_set_multisession_in_use(format, i, 1);
    if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_data_create_media_stream(format, &media.p);
    if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_import_stream(image.p, media.p, session_block, 0, &imported);
    if (IMAPI_SUCCEEDED(s)) s = imapi_fsimage_set_session_start_block(image.p, m.next_writable_address);
    if (IMAPI_FAILED(s)) return fail(f, s);
    break;
  }
  f.action = "mastering";
  int64_t free_sectors = 0;
  if (s = imapi_disc_format_data_get_free_sectors_on_media(format, &free_sectors); IMAPI_FAILED(s)) return fail(f, s);
  if (s = imapi_fsimage_set_free_media_blocks(image.p, free_sectors); IMAPI_FAILED(s)) return fail(f, s);
  if (int rc = add_sources(image.p, std::vector<std::string>(o.positional.begin() + 1, o.positional.end()))) return rc;
  Result result;
  if (s = imapi_fsimage_create_result_image(image.p, &result.p); IMAPI_FAILED(s)) return fail(f, s);
  if (s = imapi_fsimage_result_get_image_stream(result.p, &stream.p); IMAPI_FAILED(s)) return fail(f, s);
  return 0;
}

// Recorder, client name and the options every command shares.
int open_format(const std::string& drive, Recorder& recorder, Format& format, Failure& f) {
  if (int rc = open_recorder(drive, &recorder.p)) return rc;
  imapi_status s = imapi_disc_format_data_create(&format.p);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_data_set_recorder(format.p, recorder.p);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_data_set_client_name(format.p, kClientName);
  return IMAPI_FAILED(s) ? fail(f, s) : 0;
}

int32_t media_type_of(imapi_disc_format_data* format, Failure& f, imapi_status& s) {
  f.action = "reading the medium";
  int32_t state = 0, type = 0;
  s = imapi_disc_format_data_get_current_media_status(format, &state);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_data_get_current_physical_media_type(format, &type);
  return type;
}

void print_summary(const char* what, const Failure& f, const Watch& w, int32_t verify_level) {
  const double seconds = w.writing_started_ms >= 0 && w.writing_ended_ms > w.writing_started_ms
                             ? static_cast<double>(w.writing_ended_ms - w.writing_started_ms) / 1000.0
                             : 0;
  static const char* const kVerify[] = {"not verified", "verified (quick)", "verified (full)"};
  if (seconds > 0) {
    const double kbps = static_cast<double>(w.sectors) * 2.048 / seconds;
    std::fprintf(stderr, "imapi: %s: %s: %lld sectors written in %.2f s (%.2fx, %.1f MB/s while writing), %lld underruns, %s\n",
                 what, f.drive.c_str(), static_cast<long long>(w.sectors), seconds, kbps / w.one_x.kilobytes_per_second,
                 kbps / 1000, static_cast<long long>(w.underruns), kVerify[verify_level]);
  } else {
    std::fprintf(stderr, "imapi: %s: %s: %lld sectors written, %s\n", what, f.drive.c_str(),
                 static_cast<long long>(w.sectors), kVerify[verify_level]);
  }
}

}  // namespace

int burn(const std::vector<std::string>& args) {
  Options o;
  if (int rc = parse(args, o)) return rc;
  Failure f{o.positional[0]};
  Recorder recorder;
  Format format;
  if (int rc = open_format(o.positional[0], recorder, format, f)) return rc;

  imapi_status s = IMAPI_S_OK;
  const int32_t media_type = media_type_of(format.p, f, s);
  if (IMAPI_FAILED(s)) return fail(f, s);
  const OneX one_x = one_x_of(media_type);

  f.action = "setting up the write";
  s = imapi_disc_format_data_set_force_media_to_be_closed(format.p, o.close ? 1 : 0);
  // IMAPI closes DVD+R compatibly unless the consumer compatibility mode is off:
  // --multi turns it off so that every sequential medium stays appendable.
  if (IMAPI_SUCCEEDED(s) && o.multi) s = imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(format.p, 1);
  if (IMAPI_SUCCEEDED(s)) s = imapi_disc_format_data_set_burn_verification_level(format.p, o.verify);
  if (IMAPI_SUCCEEDED(s) && o.buffer) s = imapi_disc_format_data_set_buffer_size(format.p, o.buffer);
  if (IMAPI_SUCCEEDED(s) && o.stream) s = imapi_disc_format_data_set_use_streaming_write12(format.p, 1);
  if (IMAPI_SUCCEEDED(s) && o.dummy) s = imapi_disc_format_data_set_test_write(format.p, 1);
  // An image replaces what an overwritable disc holds, as growisofs -Z and
  // cdrskin do; --tree adds a session to it instead (below).
  if (IMAPI_SUCCEEDED(s) && !o.tree) s = imapi_disc_format_data_set_force_overwrite(format.p, 1);
  if (IMAPI_FAILED(s)) return fail(f, s);
  if (o.speed_x > 0) {
    const auto wanted = static_cast<int32_t>(std::lround(o.speed_x * one_x.sectors_per_second));
    s = imapi_disc_format_data_set_write_speed(format.p, wanted, 0);
    if (IMAPI_FAILED(s)) return fail(f, s);
    if (s == IMAPI_S_SPEEDADJUSTED || s == IMAPI_S_BOTHADJUSTED) {
      int32_t used = 0;
      imapi_disc_format_data_get_current_write_speed(format.p, &used);
      std::fprintf(stderr, "imapi: note: %s: %gx is not offered for this medium; writing at %.1fx\n", f.drive.c_str(),
                   o.speed_x, static_cast<double>(used) / one_x.sectors_per_second);
    }
  } else if (IMAPI_FAILED(s = imapi_disc_format_data_set_write_speed(format.p, -1, 0))) {
    return fail(f, s);
  }

  StdinSource in;
  Stream stream;
  if (int rc = o.tree ? master_tree(o, format.p, media_type, f, stream) : open_source(o, f, in, stream)) return rc;

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  Watch watch(o.progress, &f, one_x);
  f.action = "writing";
  s = imapi_disc_format_data_write(format.p, stream.p, on_update, &watch);
  watch.bar.finish();
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (IMAPI_FAILED(s)) {
    if (s == IMAPI_E_REQUEST_CANCELLED && g_interrupted) f.action += " (interrupted)";
    return fail(f, s);
  }
  print_summary("burn", f, watch, o.verify);
  if (o.positional[1] == "-" && !o.tree && !in.eof) {
    char extra = 0;
    if (::read(STDIN_FILENO, &extra, 1) == 1)
      std::fprintf(stderr, "imapi: warning: %s: standard input goes on after the %lld bytes of its ISO 9660 volume; "
                   "only the volume was burned\n", f.drive.c_str(), static_cast<long long>(in.size));
  }
  if (o.eject) {
    f.action = "ejecting";
    if (s = imapi_recorder_eject_media(recorder.p); IMAPI_FAILED(s)) return fail(f, s);
  }
  return 0;
}

int verify(const std::vector<std::string>& args) {
  bool progress = false;
  std::vector<std::string> positional;
  for (const auto& a : args) {
    if (a == "--progress") progress = true;
    else if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "imapi: error: unknown option '%s'\nusage: imapi verify [--progress] DRIVE IMAGE\n", a.c_str());
      return 2;
    } else positional.push_back(a);
  }
  if (positional.size() != 2) {
    std::fprintf(stderr, "imapi: error: give one DRIVE and one IMAGE\nusage: imapi verify [--progress] DRIVE IMAGE\n");
    return 2;
  }
  Failure f{positional[0]};
  Recorder recorder;
  Format format;
  if (int rc = open_format(positional[0], recorder, format, f)) return rc;
  imapi_status s = IMAPI_S_OK;
  const OneX one_x = one_x_of(media_type_of(format.p, f, s));
  if (IMAPI_FAILED(s)) return fail(f, s);
  Stream image;
  f.action = "opening " + positional[1];
  if (s = imapi_stream_create_from_file(positional[1].c_str(), &image.p); IMAPI_FAILED(s)) return fail(f, s);
  Watch watch(progress, &f, one_x);
  f.action = "verifying";
  s = imapi_disc_format_data_verify(format.p, image.p, on_update, &watch);
  watch.bar.finish();
  if (IMAPI_FAILED(s)) return fail(f, s);
  int64_t size = 0;
  imapi_stream_get_size(image.p, &size);
  std::printf("%s: the last session matches %s (%lld sectors)\n", f.drive.c_str(), positional[1].c_str(),
              static_cast<long long>(size / 2048));
  return 0;
}

}  // namespace imapi_cli
