// AddTree's symlink policy judged by readers nobody here wrote: with follow, a
// UDF image of a tree with links is read by 7-Zip (which refuses a whole UDF
// volume that holds a link), libudfread, udfinfo and libimapi's reader as the
// tree with its links dereferenced (cp -L).
#include "conformance.hpp"

using namespace conformance;

namespace {

// src/: a file, a directory, a link to each (one relative, one absolute), a
// link inside the directory to a file outside it.
fsys::path tree_with_links(const fsys::path& top) {
  fsys::remove_all(top);
  fsys::create_directories(top / "src/dir/sub");
  std::ofstream(top / "src/data.txt") << "the target's bytes\n";
  std::ofstream(top / "src/dir/inner.txt") << "inside the linked directory\n";
  std::ofstream(top / "src/dir/sub/deep.bin") << std::string(5000, 'x');
  fsys::create_symlink("data.txt", top / "src/file_link.txt");
  fsys::create_directory_symlink(top / "src/dir", top / "src/dir_link");
  fsys::create_symlink("../data.txt", top / "src/dir/up_link.txt");
  return top / "src";
}

}  // namespace

TEST_CASE("symlinks follow: 7z lists every file of a UDF image of a tree with links, readers agree") {
  const fsys::path top = kWork / "symlinks-follow";
  const fsys::path src = tree_with_links(top);
  const fsys::path expected = top / "expected";
  Run copy = run("cp -rL " + quote(src) + " " + quote(expected));
  INFO(copy.output);
  REQUIRE(copy.status == 0);
  const fsys::path image = top / "follow.udf";
  Run mk = run(std::string(IMAPI_CLI) + " mkiso -o " + quote(image) +
               " --fs udf --udf-revision 2.50 --volume CONFORMANCE --symlinks follow " + quote(src));
  INFO(mk.output);
  REQUIRE(mk.status == 0);

  Run list = run("7z l -slt -tudf " + quote(image));
  INFO(list.output);
  REQUIRE(list.status == 0);
  for (const char* path : {"data.txt", "file_link.txt", "dir/inner.txt", "dir/up_link.txt", "dir/sub/deep.bin",
                           "dir_link/inner.txt", "dir_link/up_link.txt", "dir_link/sub/deep.bin"})
    CHECK(list.output.find(std::string("Path = ") + path + "\n") != std::string::npos);
  CHECK(list.output.find("Size = 5000\n") != std::string::npos);

  Run udf = run("/usr/bin/python3 " + quote(kTools / "check_udf.py") + " --image " + quote(image) + " --source " +
                quote(expected) + " --revision 2.50 --label CONFORMANCE --udfread " + quote(IMAPI_UDFREAD_EXTRACT) +
                " --imapi " + quote(IMAPI_CLI));
  INFO(udf.output);
  REQUIRE(udf.status == 0);
  REQUIRE(udf.output.find("RESULT: PASS") != std::string::npos);
  REQUIRE(udf.output.find("7z") != std::string::npos);
}
