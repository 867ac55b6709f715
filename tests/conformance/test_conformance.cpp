// Each acceptance tree is mastered through the C ABI, then check_image.py asks
// every independent reader, and the kernel under QEMU, whether the image holds
// exactly the source tree in each ISO 9660 namespace (names, sizes, contents' hashes).
#include "conformance.hpp"

using namespace conformance;

// Deep directories stay where they are by default: no relocation directory in
// any namespace, for any reader, the kernel's three namespaces included.
TEST_CASE("deep tree (12 levels, written in place)", "[conformance]") {
  full_check("deep", {}, "--relocation none");
}
TEST_CASE("deep tree (40 levels, written in place)", "[conformance]") {
  full_check("deep40", {}, "--relocation none");
}
TEST_CASE("a path of 1,000 bytes (10 levels of 90-byte names)", "[conformance]") {
  full_check("longpath", {}, "--relocation none");
}
// Relocation asked for: the relocation directory is marked RE, so Rock Ridge
// readers that honour RE (xorriso, pycdlib, bsdtar, the kernel) show exactly the source tree.
TEST_CASE("deep trees with Rock Ridge relocation asked for (12 and 40 levels)", "[conformance]") {
  Options o;
  o.rr_relocation = 1;
  full_check("deep", o, "--relocation hidden");
  // 40 levels relocate a relocated directory again (at levels 8, 14, 20, ...):
  // the Rock Ridge views of xorriso, pycdlib and the kernel, and Joliet (never
  // relocated); isoinfo, libcdio and bsdtar cannot follow nested relocation.
  auto source = make_tree("deep40");
  auto image = kWork / "deep40-relocated.iso";
  master(source, image, o);
  require_readers_agree(image, source, "iso9660,joliet,rockridge",
                        "--relocation hidden --readers xorriso,pycdlib --skip-ns iso9660 "
                        "--kernel --kernel-opts '' --kernel-opts norock");
  fsys::remove(image);
}
TEST_CASE("wide tree (5,000 files in one directory)", "[conformance]") { full_check("wide"); }
TEST_CASE("Unicode names (Cyrillic, CJK, emoji)", "[conformance]") { full_check("unicode"); }
TEST_CASE("long names (200+ bytes)", "[conformance]") { full_check("longnames"); }
TEST_CASE("mixed tree (empty files, symlinks, modes, empty dirs)", "[conformance]") { full_check("mixed"); }
TEST_CASE("a sparse file of 4 GiB and more at level 3 (multi-extent)", "[conformance]") { full_check("bigfile"); }

TEST_CASE("interchange levels 1 and 2 and namespace subsets", "[conformance]") {
  fsys::create_directories(kWork);
  auto source = make_tree("mixed");
  for (int level : {1, 2}) {
    auto image = kWork / ("level" + std::to_string(level) + ".iso");
    master(source, image, {IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE, level});
    require_readers_agree(image, source, "iso9660,joliet,rockridge", "--iso-level " + std::to_string(level));
  }
  auto iso_only = kWork / "iso-only.iso";
  master(source, iso_only, {IMAPI_FS_ISO9660, 2});
  require_readers_agree(iso_only, source, "iso9660", "--iso-level 2");
  auto iso_rr = kWork / "iso-rr.iso";
  master(source, iso_rr, {IMAPI_FS_ISO9660 | IMAPI_FS_ROCKRIDGE, 3});
  require_readers_agree(iso_rr, source, "iso9660,rockridge");
}


TEST_CASE("multisession: import session 1, change it, append session 2", "[conformance]") {
  auto ms = build_two_sessions("ms", Options{}, 0);
  CHECK(ms.imported == IMAPI_FS_ROCKRIDGE);
  const auto& expected = ms.expected;
  const auto s1_blocks = ms.s1_blocks;
  const std::string s1_bytes = slurp(ms.s1), s2_bytes = slurp(ms.s2);
  // Unchanged files were not written again: their bytes are only in session 1.
  CHECK(s2_bytes.find(ms.kept_content) == std::string::npos);

  // Plain concatenation: the kernel mounts the second session (sbsector=, as a
  // file has no TOC for session=).
  auto joined = kWork / "ms.iso";
  std::ofstream(joined, std::ios::binary) << s1_bytes << s2_bytes;
  require_readers_agree(joined, expected, "iso9660,joliet,rockridge",
                        "--readers '' --kernel --kernel-opts sbsector=" + std::to_string(s1_blocks) +
                            " --kernel-opts sbsector=" + std::to_string(s1_blocks) + ",norock");

  // Overwritable media, as IMAPI writes them: the newest session's descriptors
  // also at block 16, so that every reader sees the latest tree.
  auto latest = kWork / "ms-latest.iso";
  std::string all = s1_bytes + s2_bytes;
  const size_t vd_bytes = 3 * 2048;  // primary, Joliet, terminator
  all.replace(16 * 2048, vd_bytes, s2_bytes.substr(16 * 2048, vd_bytes));
  std::ofstream(latest, std::ios::binary) << all;
  require_readers_agree(latest, expected, "iso9660,joliet,rockridge", "--kernel");
}

TEST_CASE("determinism: two runs give the same SHA-256", "[conformance]") {
  fsys::create_directories(kWork);
  auto source = make_tree("unicode");
  auto a = kWork / "det-a.iso";
  auto b = kWork / "det-b.iso";
  master(source, a);
  master(source, b);
  Run ha = run("sha256sum < " + quote(a));
  Run hb = run("sha256sum < " + quote(b));
  REQUIRE(ha.status == 0);
  CHECK(ha.output.size() >= 64);
  CHECK(ha.output == hb.output);
}
