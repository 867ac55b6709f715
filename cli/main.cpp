// imapi: the command-line face of libimapi. Stable syntax; see `imapi help`.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "commands.hpp"
#include "imapi_c.h"

namespace {

void print_help() {
  std::printf(
      "usage: imapi <command> [options]\n"
      "\n"
      "commands:\n"
      "  mkiso -o OUT.iso [options] SOURCE...   master an ISO 9660 and/or UDF image\n"
      "      -o, --output PATH        image file to write; '-' writes it to standard output\n"
      "      --fs LIST                file systems: iso9660,joliet,rockridge,udf (default: the first three)\n"
      "      --udf-revision R         UDF revision: 1.02, 1.50, 2.00, 2.01, 2.50 or 2.60 (default 1.02)\n"
      "      --udf-no-mirror          UDF 2.50/2.60: one copy of the file tree, no separate mirror\n"
      "      --iso-level 1|2|3        ISO 9660 interchange level (default 3 here: files of 4 GiB and more)\n"
      "      --volume NAME            volume label (default: the date and time)\n"
      "      --max-blocks N           fail if the image needs more than N 2048-byte blocks (default: no limit)\n"
      "      --strict                 treat what the standards forbid as errors (relocates deep directories)\n"
      "      --rr-relocate            move directories deeper than 8 levels into a hidden .rr_moved (Rock Ridge\n"
      "                               CL/PL/RE); by default they stay where they are\n"
      "      --progress               report progress even when standard error is not a terminal\n"
      "    A SOURCE directory's contents go to the image root; a SOURCE file is added by its name.\n"
      "  ls IMAGE [--fs rockridge|udf|joliet|iso9660]      list an image (default: the richest file system on it)\n"
      "  extract IMAGE DEST [--fs ...] [--progress] [--no-size-limit]\n"
      "                                                   extract an image into DEST, replacing files and links\n"
      "                                                   already there; refuses files adding up to far more\n"
      "                                                   than the image (16x + 1 GiB) unless --no-size-limit\n"
      "  check IMAGE                                      validate an image's structures\n"
      "  drives                                  list the recorders: index, unique ID, model, media\n"
      "  info DRIVE                              profiles, features, speeds, media and TOC of a recorder\n"
      "  eject DRIVE                             eject the medium\n"
      "  emu create [--media MEDIUM] DIR         put a blank emulated disc in DIR (default dvd+r); prints its URI\n"
      "  burn [OPTIONS] DRIVE IMAGE              burn an image file ('-': standard input) as one session\n"
      "  burn [OPTIONS] DRIVE --tree SOURCE...   master SOURCEs on the fly and burn them (no temporary image);\n"
      "                                          a disc holding a session gets a new one with the old files\n"
      "      --multi                  leave the disc appendable (without --multi or --close, IMAPI's default:\n"
      "                               appendable, but DVD+R and DVD+R DL closed for DVD-ROM compatibility)\n"
      "      --close                  close the disc: no session can follow\n"
      "      --speed X|max            X times the medium's 1x (e.g. 12, 2.4), or the fastest (default)\n"
      "      --verify none|quick|full read the session back: sample areas (default) or all of it\n"
      "      --dummy                  test write (CD-R/RW, DVD-R/RW): the laser stays off\n"
      "      --buffer SIZE            host ring buffer, e.g. 256M (default 64M)\n"
      "      --eject                  eject the disc afterwards\n"
      "      --stream                 WRITE(12) streaming on BD-RE and DVD-RAM (no defect management)\n"
      "      --progress               report progress even when standard error is not a terminal\n"
      "      with --tree, mkiso's --fs, --iso-level, --udf-revision, --udf-no-mirror, --volume, --strict;\n"
      "      without them the medium's defaults (ChooseImageDefaultsForMediaType)\n"
      "  verify [--progress] DRIVE IMAGE         compare the last session on the disc with IMAGE\n"
      "  erase [--full] [--progress] DRIVE       blank a CD-RW or DVD-RW: quick (PMA/TOC, seconds) or --full\n"
      "                                          (every block); a restricted-overwrite DVD-RW becomes sequential\n"
      "  format [--full] [--spares default|none] [--progress] DRIVE\n"
      "                                          format a DVD+RW, DVD-RW (to restricted overwrite), DVD-RAM,\n"
      "                                          BD-RE or blank BD-R; --full: full format / certification;\n"
      "                                          --spares none: BD without spare areas (BD-RE type 31h)\n"
      "    DRIVE is an index from 'imapi drives', a unique ID, or an emu: URI.\n"
      "  help                                    this text\n"
      "  --version                               the library's version\n"
      "\n"
      "SOURCE_DATE_EPOCH, when set, fixes the volume dates (reproducible images).\n"
      "IMAPI_EMU_DRIVES: ';'-separated emu: URIs of emulated recorders to list beside real ones.\n");
}

}  // namespace

namespace imapi_cli {

int report_failure(const char* context, int status) {
  const imapi_error* e = imapi_error_last();
  const char* msg = e && e->message ? e->message : "unknown error";
  std::fprintf(stderr, "imapi: error: %s%s%s (%s, 0x%08X)\n", context ? context : "", context ? ": " : "", msg,
               imapi_status_name(status), static_cast<unsigned>(status));
  return 1;
}

}  // namespace imapi_cli

int main(int argc, char** argv) {
  if (imapi_version_number() / 1000000 != IMAPI_VERSION_MAJOR) {
    std::fprintf(stderr, "imapi: error: libimapi %s does not match this program (built for %s)\n", imapi_version(),
                 IMAPI_VERSION_STRING);
    return 1;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    print_help();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version" || args[0] == "version") {
    std::printf("imapi %s (libimapi %s)\n", IMAPI_VERSION_STRING, imapi_version());
    return 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "mkiso") return imapi_cli::mkiso(rest);
  if (args[0] == "ls") return imapi_cli::ls(rest);
  if (args[0] == "extract") return imapi_cli::extract(rest);
  if (args[0] == "check") return imapi_cli::check(rest);
  if (args[0] == "drives") return imapi_cli::drives(rest);
  if (args[0] == "info") return imapi_cli::info(rest);
  if (args[0] == "eject") return imapi_cli::eject(rest);
  if (args[0] == "emu") return imapi_cli::emu(rest);
  if (args[0] == "burn") return imapi_cli::burn(rest);
  if (args[0] == "verify") return imapi_cli::verify(rest);
  if (args[0] == "erase") return imapi_cli::erase(rest);
  if (args[0] == "format") return imapi_cli::format(rest);
  std::fprintf(stderr, "imapi: error: unknown command '%s'; see 'imapi help'\n", args[0].c_str());
  return 2;
}
