// UDF images (every revision, alone and bridged with ISO 9660 + Joliet + Rock
// Ridge) judged by udfinfo, 7-Zip, libudfread and the kernel's udf driver under
// QEMU (check_udf.py, udf_matrix.py); the ISO 9660 side of bridges by
// check_image.py.
#include <sstream>

#include "conformance.hpp"

using namespace conformance;

namespace {

struct Revision {
  int32_t value;
  const char* text;  // as udfinfo prints it
};
constexpr Revision kRevisions[] = {{0x102, "1.02"}, {0x150, "1.50"}, {0x200, "2.00"},
                                   {0x201, "2.01"}, {0x250, "2.50"}, {0x260, "2.60"}};
constexpr const char* kIsoReadersButPycdlib = "xorriso,isoinfo,libcdio,7z,bsdtar";
constexpr int32_t kBridge = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE | IMAPI_FS_UDF;

void require_udf_readers_agree(const fsys::path& image, const fsys::path& source, const Revision& r,
                               bool kernel = true) {
  std::string cmd = "/usr/bin/python3 " + quote(kTools / "check_udf.py") + " --image " + quote(image) +
                    " --source " + quote(source) + " --revision " + r.text + " --label CONFORMANCE --udfread " +
                    quote(IMAPI_UDFREAD_EXTRACT) + " --imapi " + quote(IMAPI_CLI) + (kernel ? " --kernel" : "");
  Run result = run(cmd);
  INFO(result.output);
  REQUIRE(result.status == 0);
  REQUIRE(result.output.find("RESULT: PASS") != std::string::npos);
}

// The matrix (tools/udf_matrix.py): every tree x revision x form, mastered by
// the imapi CLI and judged by udfinfo, 7-Zip, libudfread, libimapi's reader,
// the kernel's udf (all cells of the small trees, a subset of the costly ones:
// see KERNEL_CELLS there) and, for bridges, by check_image.py and the kernel's
// isofs. Each entry runs in its own directory (trees and images are private,
// so entries may run in parallel) and reports every failed check as its own
// failure naming the tree, revision, form and reader.
void udf_matrix(const std::string& entry, const std::string& trees, const std::string& forms) {
  const fsys::path work = kWork / ("udf-matrix-" + entry);
  fsys::remove_all(work);
  fsys::create_directories(work);
  Run r = run("/usr/bin/python3 " + quote(kTools / "udf_matrix.py") + " --imapi " + quote(IMAPI_CLI) +
              " --udfread " + quote(IMAPI_UDFREAD_EXTRACT) + " --work " + quote(work) + " --trees " + trees +
              " --forms " + forms + " --json " + quote(work / "report.json"));
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("FAILED: ", 0) == 0) FAIL_CHECK(line);
  INFO(r.output);
  REQUIRE(r.status == 0);
  REQUIRE(r.output.find("RESULT: PASS") != std::string::npos);
}

}  // namespace

TEST_CASE("UDF matrix: deep, Unicode, long-name and mixed trees (symlinks, modes, empty files), every revision, "
          "alone and bridged, the kernel mounting every image",
          "[conformance]") {
  udf_matrix("small", "deep,unicode,longnames,mixed", "udf,bridge");
}

TEST_CASE("UDF matrix: 10,240 files in one directory, every revision, UDF alone", "[conformance]") {
  udf_matrix("wide10k-udf", "wide10k", "udf");
}

TEST_CASE("UDF matrix: 10,240 files in one directory, every revision, bridged", "[conformance]") {
  udf_matrix("wide10k-bridge", "wide10k", "bridge");
}

TEST_CASE("UDF matrix: a sparse file of 4 GiB and more, every revision, UDF alone", "[conformance]") {
  udf_matrix("bigfile-udf", "bigfile", "udf");
}

TEST_CASE("UDF matrix: a sparse file of 4 GiB and more, every revision, bridged", "[conformance]") {
  udf_matrix("bigfile-bridge", "bigfile", "bridge");
}

// pycdlib 1.11 reads a logical volume descriptor's partition maps from its first
// 512 bytes and checks each map's end against the bytes left after it, counting
// the offset twice, so the two maps a metadata partition needs (6 + 64 bytes)
// never pass. The test pins that diagnosis: it opens a 2.01 bridge (one map)
// fully, and for the 2.60 bridge expects exactly that error and nothing else.
TEST_CASE("UDF: pycdlib on bridges, 2.01 opens and 2.60 meets the pycdlib partition-map limit", "[conformance]") {
  fsys::create_directories(kWork);
  auto source = make_tree("unicode");
  for (int32_t rev : {0x201, 0x260}) {
    auto bridge = kWork / ("pycdlib-" + std::to_string(rev) + ".iso");
    master(source, bridge, {kBridge, 3, rev});
    Run r = run("/usr/bin/python3 -c \"import pycdlib,sys; i=pycdlib.PyCdlib(); i.open(sys.argv[1]); "
                "print('has_udf', i.has_udf()); print(sorted(n for _, _, f in i.walk(udf_path='/') for n in f))\" " +
                quote(bridge));
    INFO(r.output);
    if (rev == 0x201) {
      CHECK(r.status == 0);
      CHECK(r.output.find("has_udf True") != std::string::npos);
    } else {
      CHECK(r.status != 0);
      CHECK(r.output.find("Partition map goes beyond end of data") != std::string::npos);
    }
    fsys::remove(bridge);
  }
}

// Images libimapi did not write: genisoimage's UDF 1.02 bridge of trees (its
// UDF records symbolic links as empty files and cuts long and emoji names, so
// the trees here have neither), and
// mkudffs's empty volumes for each kind of medium and revision it makes
// (physical, sparable, VAT and metadata partitions).
TEST_CASE("UDF: the reader reads genisoimage and mkudffs images", "[conformance]") {
  fsys::create_directories(kWork);
  for (const char* kind : {"deep", "wide"}) {
    auto source = make_tree(kind);
    auto image = kWork / (std::string("genisoimage-") + kind + ".iso");
    Run g = run("genisoimage -quiet -udf -R -o " + quote(image) + " " + quote(source));
    INFO(g.output);
    REQUIRE(g.status == 0);
    auto dest = kWork / (std::string("genisoimage-") + kind);
    fsys::remove_all(dest);
    Run x = run(quote(IMAPI_CLI) + " extract " + quote(image) + " " + quote(dest) + " --fs udf");
    INFO(x.output);
    REQUIRE(x.status == 0);
    Run d = run("diff -r " + quote(source) + " " + quote(dest));
    INFO(d.output);
    CHECK(d.status == 0);
    fsys::remove_all(dest);
    fsys::remove(image);
  }
  struct Made {
    const char* media;
    const char* revision;
  };
  for (const auto& m : {Made{"hd", "0x0102"}, Made{"hd", "0x0150"}, Made{"hd", "0x0201"}, Made{"cdrw", "0x0201"},
                        Made{"dvdr", "0x0201"}, Made{"cdr", "0x0150"}, Made{"dvdr", "0x0250"}, Made{"bdr", "0x0260"}}) {
    CAPTURE(m.media, m.revision);
    auto image = kWork / "mkudffs.img";
    fsys::remove(image);
    Run mk = run(std::string("mkudffs -b 2048 -m ") + m.media + " --udfrev=" + m.revision + " -l MKUDFFS " +
                 quote(image) + " 30000");
    INFO(mk.output);
    REQUIRE(mk.status == 0);
    Run check = run(quote(IMAPI_CLI) + " check " + quote(image));
    INFO(check.output);
    CHECK(check.status == 0);
    Run ls = run(quote(IMAPI_CLI) + " ls " + quote(image) + " --fs udf");
    INFO(ls.output);
    CHECK(ls.status == 0);
    CHECK(ls.output.empty());  // an empty volume
    fsys::remove(image);
  }
}

// Multisession at the file-system level with UDF: session 2 imports session 1's
// UDF tree; its partition starts at the disc's first block, so unchanged files
// stay where session 1 recorded them. The kernel mounts the concatenation at
// session 2 (udf session=, iso9660 sbsector=); on the overwritable form (the
// newest descriptors also at 16-21 and the first anchor at 256, as IMAPI
// rewrites them on overwritable media) every reader sees session 2.
TEST_CASE("UDF: multisession, import session 1's UDF tree, change it, append session 2", "[conformance]") {
  const Revision& r = kRevisions[4];  // 2.50: the metadata partition too
  auto ms = build_two_sessions("udf-ms", {kBridge, 3, r.value}, IMAPI_FS_UDF);
  CHECK(ms.imported == IMAPI_FS_UDF);
  const std::string s1_bytes = slurp(ms.s1), s2_bytes = slurp(ms.s2);
  CHECK(s2_bytes.find(ms.kept_content) == std::string::npos);  // not written again
  const std::string at = std::to_string(ms.s1_blocks);

  auto joined = kWork / "udf-ms.iso";
  std::ofstream(joined, std::ios::binary) << s1_bytes << s2_bytes;
  Run k = run("/usr/bin/python3 " + quote(kTools / "check_udf.py") + " --image " + quote(joined) + " --source " +
              quote(ms.expected) + " --revision 2.50 --label CONFORMANCE --readers '' --kernel --kernel-opts session=" +
              at);
  INFO(k.output);
  REQUIRE(k.status == 0);
  require_readers_agree(joined, ms.expected, "iso9660,joliet,rockridge",
                        "--readers '' --kernel --kernel-opts sbsector=" + at);

  std::string all = s1_bytes + s2_bytes;
  constexpr size_t kSector = 2048;
  all.replace(16 * kSector, 6 * kSector, s2_bytes.substr(16 * kSector, 6 * kSector));
  std::string anchor = s2_bytes.substr(256 * kSector, kSector);
  anchor[12] = 0, anchor[13] = 1, anchor[14] = 0, anchor[15] = 0;  // its location is now 256
  unsigned sum = 0;
  for (int i = 0; i < 16; ++i)
    if (i != 4) sum += static_cast<uint8_t>(anchor[static_cast<size_t>(i)]);
  anchor[4] = static_cast<char>(sum & 0xFF);
  all.replace(256 * kSector, kSector, anchor);
  auto latest = kWork / "udf-ms-latest.iso";
  std::ofstream(latest, std::ios::binary) << all;
  require_udf_readers_agree(latest, ms.expected, r);
  require_readers_agree(latest, ms.expected, "iso9660,joliet,rockridge",
                        std::string("--readers ") + kIsoReadersButPycdlib);
}
