// Crafted hostile images (issue 10, point 9): each case failed before its fix.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/reader/iso_reader.hpp"

using namespace imapi;
using namespace imapi::fs;

namespace {

constexpr size_t kB = 2048;

void put32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put_both32(uint8_t* p, uint32_t v) {  // ECMA-119 both-byte order
  put32(p, v);
  for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<uint8_t>(v >> (8 * (3 - i)));
}

// A directory record of `len` bytes: extent, size, flags, identifier; returns its system use area.
uint8_t* record(uint8_t* p, size_t len, uint32_t extent, uint32_t size, uint8_t flags, std::string_view id) {
  p[0] = static_cast<uint8_t>(len);
  put_both32(p + 2, extent);
  put_both32(p + 10, size);
  p[25] = flags;
  p[32] = static_cast<uint8_t>(id.size());
  std::memcpy(p + 33, id.data(), id.size());
  return p + 33 + id.size() + (id.size() % 2 == 0 ? 1 : 0);
}

uint8_t* susp(uint8_t* p, const char sig[2], size_t len) {
  p[0] = static_cast<uint8_t>(sig[0]);
  p[1] = static_cast<uint8_t>(sig[1]);
  p[2] = static_cast<uint8_t>(len);
  p[3] = 1;
  return p + 4;
}

uint8_t* ce(uint8_t* p, uint32_t block, uint32_t offset, uint32_t length) {
  uint8_t* d = susp(p, "CE", 28);
  put_both32(d, block);
  put_both32(d + 8, offset);
  put_both32(d + 16, length);
  return p + 28;
}

// An ISO 9660 image with Rock Ridge whose root holds one file "A;1": its NM
// name continues through `areas` chained CE areas (blocks 19...), each with
// `per_area` NM pieces of 250 bytes. `ce_offset`/`ce_length` shape the first CE.
std::vector<uint8_t> nm_chain_image(int areas, int per_area, uint32_t ce_offset = 0, uint32_t ce_length = kB) {
  const uint32_t blocks = 19 + static_cast<uint32_t>(areas) + 1;
  std::vector<uint8_t> img(blocks * kB, 0);
  uint8_t* pvd = img.data() + 16 * kB;
  pvd[0] = 1;
  std::memcpy(pvd + 1, "CD001", 5);
  pvd[6] = 1;
  put_both32(pvd + 80, blocks);
  record(pvd + 156, 34, 18, kB, 0x02, std::string_view("\0", 1));
  uint8_t* term = img.data() + 17 * kB;
  term[0] = 255;
  std::memcpy(term + 1, "CD001", 5);
  term[6] = 1;
  uint8_t* dir = img.data() + 18 * kB;
  uint8_t* su = record(dir, 42, 18, kB, 0x02, std::string_view("\0", 1));
  uint8_t* sp = susp(su, "SP", 7);
  sp[0] = 0xBE;
  sp[1] = 0xEF;
  record(dir + 42, 34, 18, kB, 0x02, std::string_view("\1", 1));
  uint8_t* f = dir + 76;
  su = record(f, 70, 0, 0, 0, "A;1");
  uint8_t* nm = susp(su, "NM", 6);
  nm[0] = 0x01;  // CONTINUE
  nm[1] = 'x';
  ce(su + 6, 19, ce_offset, ce_length);
  for (int a = 0; a < areas; ++a) {
    uint8_t* p = img.data() + (19 + static_cast<size_t>(a)) * kB;
    for (int k = 0; k < per_area; ++k) {
      uint8_t* d = susp(p, "NM", 255);
      const bool last = a == areas - 1 && k == per_area - 1;
      d[0] = last ? 0 : 0x01;
      std::memset(d + 1, 'a' + (k % 26), 250);
      p += 255;
    }
    if (a + 1 < areas) ce(p, 19 + static_cast<uint32_t>(a) + 1, 0, kB);
  }
  return img;
}

IsoReader reader_of(std::vector<uint8_t> bytes, ReaderLimits limits = {}) {
  auto shared = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  return IsoReader(stream_source(std::make_shared<MemoryStream>(shared)), limits);
}

std::string failure_of(const std::function<void()>& f, int32_t* code = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code) *code = e.code();
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("hostile: Rock Ridge NM pieces chained through CE areas are bounded at 255 bytes", "[reader][hostile]") {
  // A short chain is an ordinary long name, and reads.
  {
    auto r = reader_of(nm_chain_image(1, 1));
    auto l = r.list(IsoNamespace::rockridge);
    REQUIRE(l.size() == 1);
    CHECK(l[0].path == "/x" + std::string(250, 'a'));
  }
  // 32 chained areas of 7 pieces: a 56,000-byte name, which no POSIX reader takes.
  int32_t code = 0;
  auto msg = failure_of([] { reader_of(nm_chain_image(32, 7)).list(IsoNamespace::rockridge); }, &code);
  CHECK(code == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
  CHECK(msg.find("longer than 255 bytes") != std::string::npos);
  CHECK(msg.find("block 18") != std::string::npos);
  // A CE area that runs past the end of its block (SUSP 5.1 keeps it in one).
  msg = failure_of([] { reader_of(nm_chain_image(2, 1, 1000, 2048)).list(IsoNamespace::rockridge); });
  CHECK(msg.find("crosses the end of its block") != std::string::npos);
}

TEST_CASE("hostile: a listing's memory is bounded relative to the image's size", "[reader][hostile]") {
  ReaderLimits tight;
  tight.min_listing_bytes = 0;
  tight.listing_bytes_per_image_byte = 0;  // nothing at all may be kept
  auto msg = failure_of([&] { reader_of(nm_chain_image(1, 1), tight).list(IsoNamespace::rockridge); });
  CHECK(msg.find("MiB of memory") != std::string::npos);
  // The default leaves room for what an honest image of the same size lists.
  CHECK(reader_of(nm_chain_image(1, 1)).list(IsoNamespace::iso9660).size() == 1);
}

// ---- UDF and extraction ---------------------------------------------------------

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <functional>
#include <iterator>
#include <filesystem>
#include <fstream>

#include "fs/image/file_system_image.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/layout/image_writer.hpp"
#include "fs/reader/extract.hpp"
#include "fs/reader/image_reader.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/reader/udf_reader.hpp"
#include "fs/udf/ecma167.hpp"
#include "image_bytes.hpp"

namespace {

namespace fsys = std::filesystem;

using test::bytes_of;
using test::memory_source;
using test::text_stream;

// A UDF 2.01 image: a directory chain a/b/c, a 12,345-byte file and a link.
std::vector<uint8_t> udf_sample() {
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->set_file_systems(IMAPI_FS_UDF);
  img->set_udf_revision(0x201);
  auto root = img->root();
  img->add_directory(root, "a");
  img->add_directory(root, "a/b");
  img->add_directory(root, "a/b/c");
  img->add_file(root, "a/big.bin", make_stream_source(text_stream(std::string(12345, 'z'))));
  img->add_symlink(root, "link", "a/big.bin");
  return bytes_of(*img);
}

void reseal(uint8_t* d, size_t length) {  // a descriptor's CRC and tag checksum, after a change
  iso9660::put_u16_le(d + 10, static_cast<uint16_t>(length - 16));
  iso9660::put_u16_le(d + 8, udf::crc_itu_t(std::span<const uint8_t>(d + 16, length - 16)));
  d[4] = udf::tag_checksum(std::span<const uint8_t, 16>(d, 16));
}

// The file entry of the 12,345-byte file: its holes claim `hole_bytes` in
// not-recorded extents of at most 1 GiB - 2 KiB each.
std::vector<uint8_t> with_holes(std::vector<uint8_t> img, int64_t hole_bytes) {
  for (size_t b = 0; b * kB < img.size(); ++b) {
    uint8_t* d = img.data() + b * kB;
    if (iso9660::get_u16_le(d) != 261 || iso9660::get_u64_le(d + 56) != 12345) continue;
    const uint32_t ea = iso9660::get_u32_le(d + 168);
    const size_t step = 8;  // short allocation descriptors, so 200 fit in the entry's block
    iso9660::put_u16_le(d + 34, static_cast<uint16_t>(iso9660::get_u16_le(d + 34) & ~7u));
    constexpr uint32_t kMaxExtent = 0x3FFFF800;
    size_t n = 0;
    uint8_t* ads = d + 176 + ea;
    for (int64_t left = hole_bytes; left > 0; left -= kMaxExtent, ++n) {
      const uint32_t len = static_cast<uint32_t>(std::min<int64_t>(left, kMaxExtent));
      std::memset(ads + n * step, 0, step);
      put32(ads + n * step, (2u << 30) | len);
    }
    REQUIRE(176 + ea + n * step <= kB);
    iso9660::put_u64_le(d + 56, static_cast<uint64_t>(hole_bytes));
    put32(d + 172, static_cast<uint32_t>(n * step));
    reseal(d, 176 + ea + n * step);
    return img;
  }
  FAIL("no file entry of 12,345 bytes");
  return img;
}

fsys::path scratch(const std::string& name) {
  auto p = fsys::temp_directory_path() / ("imapi-hostile-" + std::to_string(::getpid()) + "-" + name);
  fsys::remove_all(p);
  return p;
}

struct NoProgress : ProgressSink {
  void report(const ProgressSnapshot&) override {}
};

void extract(const ImageReader& r, int32_t fs, const fsys::path& dest, int64_t limit = 0) {
  NoProgress none;
  extract_tree(r, r.list(fs), dest.string(), none, {limit});
}

}  // namespace

TEST_CASE("hostile: a truncated UDF image is refused, naming the file whose data is missing", "[udf][reader][hostile]") {
  auto good = udf_sample();
  ImageReader whole(memory_source(good));
  const ImageEntry* big = nullptr;
  auto listing = whole.list(IMAPI_FS_UDF);
  for (auto& e : listing)
    if (e.path == "/a/big.bin") big = &e;
  REQUIRE(big);
  REQUIRE(big->extents.size() == 1);
  auto cut = good;
  cut.resize(static_cast<size_t>(big->extents[0].block + 2) * kB);  // the anchor at 256 stays, the data does not
  int32_t code = 0;
  auto msg = failure_of([&] { UdfReader(memory_source(cut)).list(); }, &code);
  CHECK(code == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
  CHECK(msg.find("'/a/big.bin' has data at blocks") != std::string::npos);
  CHECK(msg.find("truncated") != std::string::npos);
}

TEST_CASE("hostile: UDF holes claiming 200 GiB: listed, extraction refused unless allowed, holes stay holes",
          "[udf][reader][hostile]") {
  auto bomb = with_holes(udf_sample(), int64_t{200} << 30);
  ImageReader r(memory_source(bomb));
  auto dest = scratch("bomb");
  int32_t code = 0;
  auto msg = failure_of([&] { extract(r, IMAPI_FS_UDF, dest); }, &code);
  CHECK(code == IMAPI_E_DATA_TOO_BIG);
  CHECK(msg.find("far more than an image of") != std::string::npos);
  CHECK_FALSE(fsys::exists(dest));  // refused before anything is written

  // Allowed: 3 GiB of holes are extracted as a sparse file, no data written.
  ImageReader sparse(memory_source(with_holes(udf_sample(), int64_t{3} << 30)));
  extract(sparse, IMAPI_FS_UDF, dest, -1);
  const auto file = dest / "a/big.bin";
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK(st.st_size == int64_t{3} << 30);
  CHECK(int64_t{st.st_blocks} * 512 < (int64_t{1} << 20));
  int fd = ::open(file.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  CHECK(::lseek(fd, 0, SEEK_DATA) < 0);  // no data anywhere: SEEK_HOLE-friendly
  ::close(fd);
  fsys::remove_all(dest);
}

namespace {

// Serves an image, failing every read past `good_bytes` as a medium would.
class FailingSource final : public BlockSource {
 public:
  FailingSource(std::vector<uint8_t> b, int64_t good_bytes) : bytes_(std::move(b)), good_(good_bytes) {}
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  void read(int64_t offset, void* buf, int64_t n) const override {
    if (offset + n > good_) fail(IMAPI_E_DATA_STREAM_READ_FAILURE, "simulated medium error");
    std::memcpy(buf, bytes_.data() + offset, static_cast<size_t>(n));
  }

 private:
  std::vector<uint8_t> bytes_;
  int64_t good_;
};

}  // namespace

TEST_CASE("hostile: a read error during extraction names the entry and keeps the reader's code", "[reader][hostile]") {
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->add_file(img->root(), "data.bin", make_stream_source(text_stream(std::string(5000, 'd'))));
  auto layout = img->create_result();
  auto bytes = bytes_of(*img);
  ImageReader r(std::make_shared<FailingSource>(bytes, layout->metadata_blocks * static_cast<int64_t>(kB)));
  auto dest = scratch("read-error");
  int32_t code = 0;
  auto msg = failure_of([&] { extract(r, IMAPI_FS_ROCKRIDGE, dest); }, &code);
  CHECK(code == IMAPI_E_DATA_STREAM_READ_FAILURE);
  CHECK(msg.find("cannot read '/data.bin'") != std::string::npos);
  CHECK(msg.find("simulated medium error") != std::string::npos);
  fsys::remove_all(dest);
}

TEST_CASE("hostile: extracting twice into one destination replaces files and links", "[reader][hostile]") {
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->add_directory(img->root(), "d");
  img->add_file(img->root(), "d/f.txt", make_stream_source(text_stream("from the image")));
  img->add_symlink(img->root(), "link", "d/f.txt");
  ImageReader r(memory_source(bytes_of(*img)));
  auto dest = scratch("twice");
  extract(r, IMAPI_FS_ROCKRIDGE, dest);
  std::ofstream(dest / "d/f.txt") << "changed by the user, longer than the image's";
  fsys::remove(dest / "link");
  fsys::create_symlink("elsewhere", dest / "link");
  extract(r, IMAPI_FS_ROCKRIDGE, dest);  // failed with "File exists" on the link
  std::ifstream in(dest / "d/f.txt");
  std::string got((std::istreambuf_iterator<char>(in)), {});
  CHECK(got == "from the image");
  CHECK(fsys::read_symlink(dest / "link") == "d/f.txt");
  // A directory where the image has a file is not removed: an error names it.
  fsys::remove(dest / "link");
  fsys::create_directory(dest / "link");
  auto msg = failure_of([&] { extract(r, IMAPI_FS_ROCKRIDGE, dest); });
  CHECK(msg.find("it is a directory") != std::string::npos);
  fsys::remove_all(dest);
}

TEST_CASE("hostile: a UDF loop names the entry that points back", "[udf][reader][hostile]") {
  auto img = udf_sample();
  // Find the file identifiers of "a" (in the root) and "c" (in a/b); point c at a.
  auto fid_named = [&](const std::string& name) -> uint8_t* {
    for (size_t at = 0; at + 40 < img.size(); at += 4) {
      uint8_t* f = img.data() + at;
      if (iso9660::get_u16_le(f) != 257 || udf::tag_checksum(std::span<const uint8_t, 16>(f, 16)) != f[4]) continue;
      const size_t l_fi = f[19], l_iu = iso9660::get_u16_le(f + 36);
      if (l_fi == name.size() + 1 && f[38 + l_iu] == 8 && std::memcmp(f + 39 + l_iu, name.data(), name.size()) == 0)
        return f;
    }
    return nullptr;
  };
  uint8_t* a = fid_named("a");
  uint8_t* c = fid_named("c");
  REQUIRE(a);
  REQUIRE(c);
  std::memcpy(c + 20, a + 20, 16);  // c's ICB := a's
  // Reseal c, and the file entry embedding it (if any).
  const size_t c_len = (38 + iso9660::get_u16_le(c + 36) + c[19] + 3) / 4 * 4;
  reseal(c, c_len);
  uint8_t* block = img.data() + (static_cast<size_t>(c - img.data()) / kB) * kB;
  if (iso9660::get_u16_le(block) == 261 && (iso9660::get_u16_le(block + 34) & 7) == 3)
    reseal(block, 176 + iso9660::get_u32_le(block + 168) + iso9660::get_u32_le(block + 172));
  auto msg = failure_of([&] { UdfReader(memory_source(img)).list(); });
  CHECK(msg.find("'/a/b/c' points back to the directory '/a'") != std::string::npos);
}

TEST_CASE("hostile: a UDF volume of 512-byte blocks says so", "[udf][reader][hostile]") {
  if (std::system("command -v mkudffs >/dev/null") != 0) {
    WARN("mkudffs missing: skipped");
    return;
  }
  auto path = scratch("udf512.img");
  auto cmd = "mkudffs -b 512 -m hd " + path.string() + " 20480 >/dev/null 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  auto msg = failure_of([&] { UdfReader(open_file_source(path.string())); });
  CHECK(msg.find("512-byte blocks are not supported") != std::string::npos);
  fsys::remove(path);
}

// ---- sources that change without changing size ---------------------------------

namespace {

std::string write_image_error(FileSystemImage& img) {
  return failure_of([&] {
    ImageStream stream(img.create_result());
    std::vector<uint8_t> buf(static_cast<size_t>(stream.size()));
    stream.read(buf.data(), stream.size());
  });
}

}  // namespace

TEST_CASE("hostile: a source rewritten or replaced with the same size fails, naming the file", "[hostile]") {
  auto dir = scratch("same-size");
  fsys::create_directories(dir);
  const auto file = dir / "f.txt";
  std::ofstream(file) << "0123456789";
  // Rewritten in place (a torn write): same size, same inode, another mtime.
  {
    auto img = FileSystemImage::create();
    img->set_free_media_blocks(0);
    img->add_tree(img->root(), dir.string(), false);
    std::ofstream(file, std::ios::in | std::ios::out) << "abcdefghij";
    struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), t, 0) == 0);
    auto msg = write_image_error(*img);
    CHECK(msg.find("'" + file.string() + "' was modified") != std::string::npos);
  }
  // Another file of the same size moved over it (mv): another inode.
  {
    auto img = FileSystemImage::create();
    img->set_free_media_blocks(0);
    img->add_tree(img->root(), dir.string(), false);
    const auto other = dir / "other.tmp";
    std::ofstream(other) << "ABCDEFGHIJ";
    fsys::rename(other, file);
    auto msg = write_image_error(*img);
    CHECK(msg.find("'" + file.string() + "' was replaced by another file") != std::string::npos);
  }
  // Unchanged: the image is written.
  {
    auto img = FileSystemImage::create();
    img->set_free_media_blocks(0);
    img->add_tree(img->root(), dir.string(), false);
    CHECK(write_image_error(*img).empty());
  }
  fsys::remove_all(dir);
}

// A directory of several files is read through one descriptor of the
// directory (openat): every change is still caught, and named by its path.
TEST_CASE("hostile: a changed file among its directory's others fails, naming the file", "[hostile]") {
  auto dir = scratch("listing");
  struct Change {
    const char* what;
    std::function<void(const fsys::path&)> make;
  };
  const std::vector<Change> changes = {
      {"grew", [](const fsys::path& f) { std::ofstream(f, std::ios::app) << "more"; }},
      {"shrank", [](const fsys::path& f) { fsys::resize_file(f, 3); }},
      {"was modified",
       [](const fsys::path& f) {
         std::ofstream(f, std::ios::in | std::ios::out) << "ABCDEFGHIJ";
         struct timespec t[2] = {{0, UTIME_OMIT}, {1000000000, 0}};
         REQUIRE(::utimensat(AT_FDCWD, f.c_str(), t, 0) == 0);
       }},
      {"was replaced by another file",
       [](const fsys::path& f) {
         const auto other = f.parent_path() / "other.tmp";
         std::ofstream(other) << "ABCDEFGHIJ";
         fsys::rename(other, f);
       }},
      {"vanished", [](const fsys::path& f) { fsys::remove(f); }},
  };
  for (const auto& change : changes) {
    fsys::remove_all(dir);
    fsys::create_directories(dir);
    for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt"}) std::ofstream(dir / name) << "0123456789";
    auto img = FileSystemImage::create();
    img->set_free_media_blocks(0);
    img->add_tree(img->root(), dir.string(), false);
    change.make(dir / "c.txt");
    INFO(change.what);
    const std::string expected = "'" + (dir / "c.txt").string() + "' " + change.what;
    CHECK(write_image_error(*img).find(expected) != std::string::npos);  // the stream, file by file
    NoProgress progress;
    const auto out = scratch("listing.iso");
    const auto msg = failure_of([&] { write_image_file(*img->create_result(), out.string(), progress); });
    CHECK(msg.find(expected) != std::string::npos);  // the file: small files in batches
    CHECK_FALSE(fsys::exists(out));
  }
  // Unchanged: the image is written, and holds every file's bytes.
  fsys::remove_all(dir);
  fsys::create_directories(dir);
  for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt"}) std::ofstream(dir / name) << name << "-data";
  auto img = FileSystemImage::create();
  img->set_free_media_blocks(0);
  img->add_tree(img->root(), dir.string(), false);
  ImageStream stream(img->create_result());
  std::vector<uint8_t> buf(static_cast<size_t>(stream.size()));
  stream.read(buf.data(), stream.size());
  NoProgress progress;
  const auto out = scratch("listing.iso");
  write_image_file(*img->create_result(), out.string(), progress);
  std::ifstream written(out, std::ios::binary);
  const std::string file((std::istreambuf_iterator<char>(written)), std::istreambuf_iterator<char>());
  CHECK(file == std::string(buf.begin(), buf.end()));
  for (const char* name : {"a.txt", "b.txt", "c.txt", "d.txt"})
    CHECK(file.find(std::string(name) + "-data") != std::string::npos);
  fsys::remove(out);
  fsys::remove_all(dir);
}
