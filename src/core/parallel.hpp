// Data parallelism on the library's worker pool.
#pragma once

#include <cstddef>
#include <functional>

namespace imapi {

// Calls fn(i) for every i in [0, n), on the worker pool and the calling thread
// together, and returns when all calls have returned. The calling thread takes
// items too, so this completes even when every pool thread is busy (for
// example when called from a job). The first exception thrown is rethrown here
// after the others have finished.
void parallel_for(size_t n, const std::function<void(size_t)>& fn);

}  // namespace imapi
