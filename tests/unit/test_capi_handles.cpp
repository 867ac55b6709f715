#include <cstring>
#include <thread>

#include "capi_fixture.hpp"

using namespace test;

TEST_CASE("version functions agree with the header") {
  CHECK(std::string(imapi_version()) == IMAPI_VERSION_STRING);
  CHECK(imapi_version_number() == IMAPI_VERSION_NUMBER);
}

TEST_CASE("status values are IMAPI's own HRESULTs") {
  CHECK(static_cast<uint32_t>(IMAPI_E_DUP_NAME) == 0xC0AAB112u);
  CHECK(static_cast<uint32_t>(IMAPI_E_REQUEST_CANCELLED) == 0xC0AA0002u);
  CHECK(static_cast<uint32_t>(IMAPI_E_IMAGE_SIZE_LIMIT) == 0xC0AAB120u);
  CHECK(IMAPI_FAILED(IMAPI_E_INVALIDARG));
  CHECK(IMAPI_SUCCEEDED(IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED));
  CHECK(std::string(imapi_status_name(IMAPI_E_DUP_NAME)) == "IMAPI_E_DUP_NAME");
  CHECK(std::string(imapi_status_name(12345)) == "IMAPI_UNKNOWN_STATUS");
}

TEST_CASE("NULL, freed and wrong-type handles are errors, not crashes") {
  imapi_error_clear();
  int32_t mask = 0;
  CHECK(imapi_fsimage_get_file_systems_to_create(nullptr, &mask) == IMAPI_E_INVALID_HANDLE);
  REQUIRE(imapi_error_last() != nullptr);
  CHECK(imapi_error_last()->code == IMAPI_E_INVALID_HANDLE);
  CHECK(last_message().find("NULL") != std::string::npos);

  imapi_fsimage* img = nullptr;
  REQUIRE(imapi_fsimage_create(&img) == IMAPI_S_OK);
  imapi_fsimage_free(img);
  CHECK(imapi_fsimage_get_file_systems_to_create(img, &mask) == IMAPI_E_INVALID_HANDLE);
  CHECK(last_message().find("freed") != std::string::npos);
  imapi_fsimage_free(img);  // a second free is harmless

  Stream s;
  REQUIRE(imapi_stream_create_zero(10, s.out()) == IMAPI_S_OK);
  CHECK(imapi_fsimage_get_file_systems_to_create(reinterpret_cast<imapi_fsimage*>(s.get()), &mask) ==
        IMAPI_E_INVALID_HANDLE);
  CHECK(imapi_fsimage_create(nullptr) == IMAPI_E_POINTER);
}

TEST_CASE("handles can be freed in any order") {
  int64_t before = imapi_live_handles();
  {
    TempDir t;
    Image img;
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    Item root;
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
    Stream data;
    REQUIRE(imapi_stream_create_from_memory("hello", 5, data.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsitem_add_file(root.get(), "a.txt", data.get()) == IMAPI_S_OK);
    Result res;
    REQUIRE(imapi_fsimage_create_result_image(img.get(), res.out()) == IMAPI_S_OK);
    Stream image;
    REQUIRE(imapi_fsimage_result_get_image_stream(res.get(), image.out()) == IMAPI_S_OK);
    // Parents go first; children keep working.
    imapi_fsimage_free(img.release());
    imapi_stream_free(data.release());
    imapi_fsimage_result_free(res.release());
    std::string bytes = read_all(image.get());
    CHECK(bytes.size() % 2048 == 0);
    CHECK(bytes.find("hello") != std::string::npos);
    int64_t count = 0;
    CHECK(imapi_fsitem_get_count(root.get(), &count) == IMAPI_S_OK);
    CHECK(count == 1);
  }
  CHECK(imapi_live_handles() == before);
}

TEST_CASE("the last error is per thread") {
  imapi_error_clear();
  CHECK(imapi_fsimage_set_iso9660_level(nullptr, 1) == IMAPI_E_INVALID_HANDLE);
  std::thread([] { CHECK(imapi_error_last() == nullptr); }).join();
  CHECK(imapi_error_last() != nullptr);
}

TEST_CASE("user streams are called through their vtable and released once") {
  struct State {
    std::string data = "user stream data";
    int64_t pos = 0;
    int released = 0;
  } st;
  imapi_stream_vtable vt{};
  vt.struct_size = sizeof vt;
  vt.read = [](void* u, void* buf, int64_t cap, int64_t* n) -> imapi_status {
    auto* s = static_cast<State*>(u);
    *n = std::min<int64_t>(cap, static_cast<int64_t>(s->data.size()) - s->pos);
    std::memcpy(buf, s->data.data() + s->pos, static_cast<size_t>(*n));
    s->pos += *n;
    return IMAPI_S_OK;
  };
  vt.seek = [](void* u, int64_t off, int32_t whence, int64_t* p) -> imapi_status {
    auto* s = static_cast<State*>(u);
    if (whence != IMAPI_SEEK_SET) return IMAPI_E_NOTIMPL;
    *p = s->pos = off;
    return IMAPI_S_OK;
  };
  vt.size = [](void* u, int64_t* n) -> imapi_status {
    *n = static_cast<int64_t>(static_cast<State*>(u)->data.size());
    return IMAPI_S_OK;
  };
  vt.release = [](void* u) { ++static_cast<State*>(u)->released; };
  {
    Stream s;
    REQUIRE(imapi_stream_create_user(&vt, &st, s.out()) == IMAPI_S_OK);
    CHECK(read_all(s.get()) == st.data);
    int64_t size = 0;
    CHECK(imapi_stream_get_size(s.get(), &size) == IMAPI_S_OK);
    CHECK(size == 16);
  }
  CHECK(st.released == 1);
  imapi_stream_vtable bad{};
  bad.struct_size = sizeof bad;
  imapi_stream* s = nullptr;
  CHECK(imapi_stream_create_user(&bad, nullptr, &s) == IMAPI_E_INVALIDARG);
}

TEST_CASE("file streams report missing files with errno") {
  imapi_stream* s = nullptr;
  CHECK(imapi_stream_create_from_file("/nonexistent/file", &s) == IMAPI_E_DATA_STREAM_CREATE_FAILURE);
  CHECK(imapi_error_last()->os_error == ENOENT);
  CHECK(std::string(imapi_error_last()->path) == "/nonexistent/file");
}
