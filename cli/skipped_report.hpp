// The note `imapi mkiso` and `imapi burn --tree` print about what the trees
// they added left out (FIFOs, sockets, devices; links under --symlinks skip).
#pragma once

#include "imapi_c.h"

namespace imapi_cli {

// On stderr, never stdout (mkiso -o - writes the image there): one line for
// the entries no image can hold, one for skipped links, each with the count
// per kind and its first few paths. Prints nothing when nothing was skipped.
void report_skipped(imapi_fsimage* image);

}  // namespace imapi_cli
