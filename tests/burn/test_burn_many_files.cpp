// A window of tiny host files: the producer (shared by the burn and the file
// sink, fs::ImageRangeReader) keeps at most a bounded number of them open at
// once, so a 4 MiB window of 2,000 one-block files burns and writes under a
// low RLIMIT_NOFILE (1024 is a common default; here the limit leaves room for
// far fewer files than the window holds).
#include <sys/resource.h>

#include <filesystem>

#include "burn_fixture.hpp"

using namespace burn_test;

namespace {

int open_descriptors() {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) {
    (void)e;
    ++n;
  }
  return n;
}

// Lowers the soft RLIMIT_NOFILE to `extra` above what is open now, for a scope.
struct FewDescriptors {
  rlimit saved{};
  explicit FewDescriptors(int extra) {
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = static_cast<rlim_t>(open_descriptors() + extra);
    REQUIRE(low.rlim_cur < saved.rlim_cur);
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
  }
  ~FewDescriptors() { ::setrlimit(RLIMIT_NOFILE, &saved); }
};

}  // namespace

TEST_CASE("many files: a window of 2,000 tiny files burns and writes with few descriptors", "[burn][producer]") {
  test::TempDir src;
  constexpr int kFiles = 2000;
  for (int i = 0; i < kFiles; ++i) src.write("t/f" + std::to_string(i), std::string(1, static_cast<char>('a' + i % 26)));
  test::Image image;
  REQUIRE(imapi_fsimage_create(image.out()) == IMAPI_S_OK);
  test::Item root;
  REQUIRE(imapi_fsimage_get_root(image.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), (src.path / "t").c_str(), 0) == IMAPI_S_OK);
  test::Result result;
  REQUIRE(imapi_fsimage_create_result_image(image.get(), result.out()) == IMAPI_S_OK);
  EmuDisc disc("bd-r");
  auto rec = disc.open();
  auto f = make_format(rec.get(), IMAPI_BURN_VERIFICATION_FULL);
  StreamH stream;
  REQUIRE(imapi_fsimage_result_get_image_stream(result.get(), stream.out()) == IMAPI_S_OK);
  test::TempDir out;
  const std::string iso = (out.path / "many.iso").string();
  {
    FewDescriptors few(300);
    imapi_status st = imapi_disc_format_data_write(f.get(), stream.get(), nullptr, nullptr);
    INFO("burn: " << test::last_message());
    REQUIRE(st == IMAPI_S_OK);
    st = imapi_fsimage_result_write_file(result.get(), iso.c_str(), nullptr, nullptr);
    INFO("write_file: " << test::last_message());
    REQUIRE(st == IMAPI_S_OK);
  }
  // The file and the disc hold the same image, and it has every file.
  const std::string bytes = test::file_bytes(iso);
  const std::string img = test::file_bytes(disc.disc_img());
  REQUIRE(img.size() >= bytes.size());
  CHECK(img.compare(0, bytes.size(), bytes) == 0);
  auto back = read_back_ours(f.get(), {"/f0", "/f1999"});
  CHECK(back.at("/f0") == "a");
  CHECK(back.at("/f1999") == std::string(1, static_cast<char>('a' + 1999 % 26)));
}
