#include "core/error.hpp"

#include <cstring>
#include <new>

namespace imapi {

std::string quoted(std::string_view input) {
  if (input.size() <= kQuotedMax) return "'" + std::string(input) + "'";
  size_t cut = kQuotedMax;
  while (cut > 0 && (static_cast<unsigned char>(input[cut]) & 0xC0) == 0x80) --cut;
  return "'" + std::string(input.substr(0, cut)) + "...' (" + std::to_string(input.size()) + " bytes)";
}

void fail_os(imapi_status code, std::string message, int err, std::string path) {
  message += ": ";
  message += std::strerror(err);
  ErrorDetail detail;
  detail.os_error = err;
  detail.path = std::move(path);
  throw Error(code, std::move(message), std::move(detail));
}

Error error_from_current_exception() {
  try {
    throw;
  } catch (const Error& e) {
    return e;
  } catch (const std::bad_alloc&) {
    return Error(IMAPI_E_OUTOFMEMORY, "out of memory");
  } catch (const std::exception& e) {
    return Error(IMAPI_E_FSI_INTERNAL_ERROR, std::string("internal error: ") + e.what());
  } catch (...) {
    return Error(IMAPI_E_FSI_INTERNAL_ERROR, "internal error: unknown exception");
  }
}

}  // namespace imapi
