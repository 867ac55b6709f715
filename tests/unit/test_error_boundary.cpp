// The one translation of an exception into an Error where exceptions stop
// (the C ABI's guard and a job's worker), and the options defined once.
#include <stdexcept>

#include "capi/handles.hpp"
#include "capi_fixture.hpp"
#include "core/error.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/udf/revision.hpp"

using imapi::Error;

namespace {

template <typename E>
Error caught(E&& e) {
  try {
    throw std::forward<E>(e);
  } catch (...) {
    return imapi::error_from_current_exception();
  }
}

}  // namespace

TEST_CASE("error_from_current_exception: Error as is, bad_alloc, std::exception, anything else", "[engine][errors]") {
  imapi::ErrorDetail d;
  d.lba = 42;
  auto e = caught(Error(IMAPI_E_DUP_NAME, "'a' exists", d));
  CHECK(e.code() == IMAPI_E_DUP_NAME);
  CHECK(e.message() == "'a' exists");
  CHECK(e.detail().lba == 42);
  e = caught(std::bad_alloc());
  CHECK(e.code() == IMAPI_E_OUTOFMEMORY);
  CHECK(e.message() == "out of memory");
  e = caught(std::runtime_error("boom"));
  CHECK(e.code() == IMAPI_E_FSI_INTERNAL_ERROR);
  CHECK(e.message() == "internal error: boom");
  e = caught(7);
  CHECK(e.code() == IMAPI_E_FSI_INTERNAL_ERROR);
  CHECK(e.message() == "internal error: unknown exception");
}

TEST_CASE("the C ABI's guard reports what the one translation says", "[engine][errors]") {
  CHECK(imapi::capi::guard([]() -> imapi_status { throw std::runtime_error("boom"); }) == IMAPI_E_FSI_INTERNAL_ERROR);
  CHECK(test::last_message() == "internal error: boom");
  CHECK(imapi::capi::guard([]() -> imapi_status { throw std::bad_alloc(); }) == IMAPI_E_OUTOFMEMORY);
  CHECK(test::last_message() == "out of memory");
}

TEST_CASE("image options: one set of defaults for the image and its layout", "[engine][fs]") {
  const imapi::fs::ImageOptions image;
  const imapi::fs::LayoutOptions layout;
  CHECK(image.file_systems == (IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE));
  CHECK(layout.file_systems == image.file_systems);
  CHECK(layout.iso_level == image.iso_level);
  CHECK(image.udf_revision == imapi::fs::udf::kDefaultRevision);
  CHECK(layout.udf_revision == image.udf_revision);
  CHECK(imapi::fs::udf::revision_list() == "0x102, 0x150, 0x200, 0x201, 0x250 or 0x260");
  auto img = imapi::fs::FileSystemImage::create();
  try {
    img->set_udf_revision(0x300);
    FAIL("0x300 accepted");
  } catch (const Error& e) {
    CHECK(e.code() == IMAPI_E_INVALID_PARAM);
    CHECK_THAT(e.message(), Catch::Contains("0x300") && Catch::Contains("0x102, 0x150, 0x200, 0x201, 0x250 or 0x260"));
  }
}
