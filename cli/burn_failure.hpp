// What the drive commands (burn, verify, erase, format) share: owning wrappers
// of C handles, the one-line failure report naming the drive, the action and
// the reason, and the names of the Update event's actions.
#pragma once

#include <cstdint>
#include <string>

#include "imapi_c.h"

namespace imapi_cli {

template <typename T, void (*Free)(T*)>
struct Handle {
  T* p = nullptr;
  Handle() = default;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { Free(p); }
};

// What a failure line names: the drive, what was being done, why (and where).
struct Failure {
  std::string drive;
  std::string action = "preparing";
};

// Prints "imapi: error: DRIVE: ACTION: MESSAGE (NAME, 0xCODE; sense ..; LBA ..)"; returns exit code 1.
int fail(const Failure& f, imapi_status status);

// "writing" for IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA.
const char* action_name(int32_t action);

}  // namespace imapi_cli
