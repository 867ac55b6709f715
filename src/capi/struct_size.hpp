// Versioned structs of the C ABI (the header's "Structs." convention): a struct
// is accepted when its struct_size is at least its first published (v1) size;
// the library reads or fills min(struct_size, sizeof) bytes and never touches a
// byte past struct_size, so programs built against an older header keep working
// when a struct grows, and newer programs work with an older library.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/error.hpp"
#include "imapi_c.h"

namespace imapi::capi {

// Each versioned struct's name (for messages) and v1 size (from the header).
template <typename T>
struct StructTraits;

#define IMAPI_CAPI_STRUCT_(type, v1)                          \
  template <>                                                 \
  struct StructTraits<type> {                                 \
    static constexpr const char* kName = #type;               \
    static constexpr uint32_t kV1Size = v1;                   \
    static_assert(v1 <= sizeof(type), #type " shrank below its v1 size"); \
  };
IMAPI_CAPI_STRUCT_(imapi_progress, IMAPI_PROGRESS_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_progress_item, IMAPI_PROGRESS_ITEM_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_image_entry, IMAPI_IMAGE_ENTRY_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_media_info, IMAPI_MEDIA_INFO_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_stream_vtable, IMAPI_STREAM_VTABLE_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_burn_progress, IMAPI_BURN_PROGRESS_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_write_speed_descriptor, IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_multisession, IMAPI_MULTISESSION_V1_SIZE)
IMAPI_CAPI_STRUCT_(imapi_skipped_entry, IMAPI_SKIPPED_ENTRY_V1_SIZE)
#undef IMAPI_CAPI_STRUCT_

// The header's v1 sizes are LP64 literals: each must be where its v1 fields end.
static_assert(IMAPI_PROGRESS_V1_SIZE == offsetof(imapi_progress, elapsed_ms) + sizeof(int64_t));
static_assert(IMAPI_PROGRESS_ITEM_V1_SIZE == offsetof(imapi_progress_item, block_count) + sizeof(int64_t));
static_assert(IMAPI_IMAGE_ENTRY_V1_SIZE == offsetof(imapi_image_entry, target) + sizeof(const char*));
static_assert(IMAPI_MEDIA_INFO_V1_SIZE == offsetof(imapi_media_info, next_writable_address) + sizeof(int64_t));
static_assert(IMAPI_STREAM_VTABLE_V1_SIZE == offsetof(imapi_stream_vtable, release) + sizeof(void (*)(void*)));
static_assert(IMAPI_BURN_PROGRESS_V1_SIZE == offsetof(imapi_burn_progress, underrun_count) + sizeof(int64_t));
static_assert(IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE == offsetof(imapi_write_speed_descriptor, write_speed) + sizeof(int32_t));
static_assert(IMAPI_MULTISESSION_V1_SIZE == offsetof(imapi_multisession, total_sectors_on_media) + sizeof(int64_t));
static_assert(IMAPI_SKIPPED_ENTRY_V1_SIZE == offsetof(imapi_skipped_entry, host_path) + sizeof(const char*));
static_assert(IMAPI_ERROR_V1_SIZE == offsetof(imapi_error, path) + sizeof(const char*));

// The checks of a caller's struct: not NULL, struct_size at least the v1 size.
template <typename T>
uint32_t checked_struct_size(const T* p, const char* name) {
  using Traits = StructTraits<T>;
  if (!p)
    throw Error(IMAPI_E_POINTER, std::string("'") + name + "' (" + Traits::kName + " *) is NULL");
  if (p->struct_size < Traits::kV1Size)
    throw Error(IMAPI_E_INVALIDARG, std::string(name) + "->struct_size is " + std::to_string(p->struct_size) +
                                        ", but " + Traits::kName + " needs at least " +
                                        std::to_string(Traits::kV1Size) + " bytes: set it to sizeof(" +
                                        Traits::kName + ")");
  return p->struct_size;
}

// Checks the caller's output struct, fills a whole struct of this library's
// version with `fill` and copies the part the caller has room for. The caller's
// struct_size is left as it was; bytes the library does not know stay untouched.
template <typename T, typename F>
void fill_struct(T* out, const char* name, F&& fill) {
  const uint32_t room = checked_struct_size(out, name);
  T value;
  std::memset(static_cast<void*>(&value), 0, sizeof value);  // padding too: no stack bytes reach the caller
  value.struct_size = room;
  fill(value);
  std::memcpy(static_cast<void*>(out), &value, std::min<size_t>(room, sizeof(T)));
}

// The caller's input struct, as this library's version: what the caller's
// struct_size does not cover reads as zero (NULL for function pointers).
template <typename T>
T read_struct(const T* in, const char* name) {
  const uint32_t given = checked_struct_size(in, name);
  T value;
  std::memset(static_cast<void*>(&value), 0, sizeof value);
  std::memcpy(static_cast<void*>(&value), in, std::min<size_t>(given, sizeof(T)));
  return value;
}

}  // namespace imapi::capi
