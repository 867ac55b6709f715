#include "core/error.hpp"

#include <cstring>

namespace imapi {

void fail_os(imapi_status code, std::string message, int err, std::string path) {
  message += ": ";
  message += std::strerror(err);
  ErrorDetail detail;
  detail.os_error = err;
  detail.path = std::move(path);
  throw Error(code, std::move(message), std::move(detail));
}

}  // namespace imapi
