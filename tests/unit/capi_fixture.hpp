// RAII over the C ABI for tests, and a scratch directory.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <utility>

#include "imapi_c.h"

namespace test {

template <typename T, void (*Free)(T*)>
struct Handle {
  T* p = nullptr;
  Handle() = default;
  explicit Handle(T* x) : p(x) {}
  ~Handle() { Free(p); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : p(std::exchange(o.p, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    std::swap(p, o.p);
    return *this;
  }
  T** out() { return &p; }
  T* get() const { return p; }
  T* release() { return std::exchange(p, nullptr); }
};
using Image = Handle<imapi_fsimage, imapi_fsimage_free>;
using Item = Handle<imapi_fsitem, imapi_fsitem_free>;
using Result = Handle<imapi_fsimage_result, imapi_fsimage_result_free>;
using Stream = Handle<imapi_stream, imapi_stream_free>;
using Job = Handle<imapi_job, imapi_job_free>;

inline std::string owned(char* s) {
  std::string r = s ? s : "";
  imapi_free(s);
  return r;
}

inline std::string last_message() {
  const imapi_error* e = imapi_error_last();
  return e && e->message ? e->message : "";
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("imapi-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::filesystem::path write(const std::string& rel, const std::string& content) const {
    auto p = path / rel;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
};

inline std::string read_all(imapi_stream* s) {
  std::string out;
  char buf[65536];
  for (;;) {
    int64_t n = 0;
    REQUIRE(imapi_stream_read(s, buf, sizeof buf, &n) == IMAPI_S_OK);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
  }
}

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace test
