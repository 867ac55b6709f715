// Each acceptance tree is mastered through the C ABI, then check_image.py asks
// every independent reader, and the kernel under QEMU, whether the image holds
// exactly the source tree in each ISO 9660 namespace (names, sizes, contents' hashes).
#include "conformance.hpp"

using namespace conformance;

TEST_CASE("deep tree (12 levels, Rock Ridge relocation)", "[conformance]") { full_check("deep"); }
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

namespace {

// Copies a tree (links as links), for building the expected view of a later session.
void copy_tree(const fsys::path& from, const fsys::path& to) {
  fsys::remove_all(to);
  fsys::copy(from, to, fsys::copy_options::recursive | fsys::copy_options::copy_symlinks);
}

std::string slurp(const fsys::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("multisession: import session 1, change it, append session 2", "[conformance]") {
  fsys::create_directories(kWork);
  auto source = make_tree("mixed");
  auto s1 = kWork / "ms-s1.iso";
  master(source, s1);
  const int64_t s1_blocks = static_cast<int64_t>(fsys::file_size(s1) / 2048);

  // Pick a file to replace and one to remove (regular files of the tree).
  std::vector<fsys::path> files;
  for (auto& e : fsys::recursive_directory_iterator(source))
    if (e.is_regular_file() && !e.is_symlink() && fsys::file_size(e.path()) > 0) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 3);
  const std::string replaced = "/" + fsys::relative(files[0], source).string();
  const std::string removed = "/" + fsys::relative(files[1], source).string();
  const std::string kept_content = slurp(files[2]);
  REQUIRE(kept_content.size() >= 8);

  // The expected tree of session 2.
  auto expected = kWork / "ms-expected";
  copy_tree(source, expected);
  std::ofstream(expected / replaced.substr(1), std::ios::trunc) << "replaced in session 2\n";
  fsys::remove(expected / removed.substr(1));
  fsys::create_directories(expected / "session2");
  std::ofstream(expected / "session2/new.txt") << "new in session 2\n";

  // Session 2, through the C ABI.
  imapi_fsimage* img = nullptr;
  imapi_fsitem* root = nullptr;
  imapi_stream* prev = nullptr;
  check(imapi_fsimage_create(&img));
  check(imapi_fsimage_set_free_media_blocks(img, 0));
  check(imapi_fsimage_set_iso9660_level(img, 3));
  check(imapi_stream_create_from_file(s1.c_str(), &prev));
  int32_t used = 0;
  check(imapi_fsimage_import_stream(img, prev, 0, 0, &used));
  CHECK(used == IMAPI_FS_ROCKRIDGE);
  check(imapi_fsimage_get_root(img, &root));
  auto add_text = [&](const std::string& path, const std::string& text) {
    imapi_stream* s = nullptr;
    check(imapi_stream_create_from_memory(text.data(), static_cast<int64_t>(text.size()), &s));
    check(imapi_fsitem_add_file(root, path.c_str(), s));
    imapi_stream_free(s);
  };
  check(imapi_fsitem_remove(root, replaced.c_str()));
  add_text(replaced, "replaced in session 2\n");
  check(imapi_fsitem_remove(root, removed.c_str()));
  check(imapi_fsitem_add_directory(root, "session2"));
  add_text("session2/new.txt", "new in session 2\n");
  check(imapi_fsimage_set_session_start_block(img, s1_blocks));
  imapi_fsimage_result* res = nullptr;
  check(imapi_fsimage_create_result_image(img, &res));
  auto s2 = kWork / "ms-s2.iso";
  check(imapi_fsimage_result_write_file(res, s2.c_str(), nullptr, nullptr));
  imapi_fsimage_result_free(res);
  imapi_fsitem_free(root);
  imapi_stream_free(prev);
  imapi_fsimage_free(img);

  // Unchanged files were not written again: their bytes are only in session 1.
  const std::string s2_bytes = slurp(s2);
  CHECK(s2_bytes.find(kept_content) == std::string::npos);
  const std::string s1_bytes = slurp(s1);

  // Plain concatenation: the kernel mounts the second session (sbsector=, as a
  // file has no TOC for session=).
  auto ms = kWork / "ms.iso";
  std::ofstream(ms, std::ios::binary) << s1_bytes << s2_bytes;
  require_readers_agree(ms, expected, "iso9660,joliet,rockridge",
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
