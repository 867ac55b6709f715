// IMAPI's ProgressItems (IFileSystemImageResult::ProgressItems): item 0 is the
// metadata at the head of the image (described as "metadata"), item i > 0 is
// files[i - 1] (files with data; empty files occupy no block), each with the block range its data occupies. The burn engine
// names what it is writing with these.
#pragma once

#include <cstdint>
#include <string_view>

#include "fs/layout/image_layout.hpp"

namespace imapi::fs {

inline constexpr char kMetadataItem[] = "metadata";

struct ProgressItem {
  const char* description = "";  // an image path, or "metadata"; lives as long as the layout
  int64_t first_block = 0;
  int64_t last_block = 0;  // first_block + max(block_count, 1) - 1, as IMAPI reports it
  int64_t block_count = 0;
};

inline int64_t progress_item_count(const ImageLayout& l) { return l.progress_count(); }

// IMAPI_E_INVALIDARG when `index` is not 0 .. progress_item_count - 1.
ProgressItem progress_item(const ImageLayout& l, int64_t index);
// ProgressItemFromBlock: the item whose blocks hold `block`; IMAPI_E_ITEM_NOT_FOUND for
// a block of no item (padding, directories past the head, the tail).
int64_t progress_item_by_block(const ImageLayout& l, int64_t block);
// ProgressItemFromDescription: IMAPI_E_ITEM_NOT_FOUND when no item has it.
int64_t progress_item_by_description(const ImageLayout& l, std::string_view description);

}  // namespace imapi::fs
