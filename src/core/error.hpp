// The library's one error type: an IMAPI status code, a message saying what was
// wrong and what to do, and machine-readable detail. Thrown inside the engine,
// turned into imapi_status + imapi_error_last() at the C ABI boundary.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "imapi_c.h"

namespace imapi {

struct ErrorDetail {
  int32_t os_error = 0;
  int32_t sense_key = -1;
  int32_t asc = -1;
  int32_t ascq = -1;
  int64_t lba = -1;
  std::string path;
};

class Error : public std::exception {
 public:
  Error(imapi_status code, std::string message, ErrorDetail detail = {})
      : code_(code), message_(std::move(message)), detail_(std::move(detail)) {}

  imapi_status code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }
  const ErrorDetail& detail() const noexcept { return detail_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  imapi_status code_;
  std::string message_;
  ErrorDetail detail_;
};

[[noreturn]] inline void fail(imapi_status code, std::string message) {
  throw Error(code, std::move(message));
}

// A failure about a named file or image path (recorded in imapi_error.path).
[[noreturn]] inline void fail_at(imapi_status code, std::string message, std::string path) {
  ErrorDetail detail;
  detail.path = std::move(path);
  throw Error(code, std::move(message), std::move(detail));
}

// Caller input as a message quotes it: 'text', cut after kQuotedMax bytes (at a
// UTF-8 character boundary) as 'first bytes...' (N bytes), so that a 70,000-
// character volume name or a megabyte of path does not become the message.
// Every message that echoes a name, path or label the caller gave goes
// through this; the whole input stays in ErrorDetail::path where one is kept.
inline constexpr size_t kQuotedMax = 200;
std::string quoted(std::string_view input);

// For failures of system calls on a named file: appends strerror(err) to the message.
[[noreturn]] void fail_os(imapi_status code, std::string message, int err, std::string path);

// The Error of the exception being handled, for the boundaries where
// exceptions stop (the C ABI's guard, a job's worker): call it inside a catch
// block. An imapi::Error as it is; std::bad_alloc as IMAPI_E_OUTOFMEMORY;
// anything else as IMAPI_E_FSI_INTERNAL_ERROR with what() in the message.
Error error_from_current_exception();

}  // namespace imapi
