#include "fs/layout/metadata_store.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/file_io.hpp"

namespace imapi::fs {

MetadataStore::MetadataStore(const std::string& directory, int64_t size) : size_(size) {
  fd_ = ::open(directory.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) fd_ = ::memfd_create("imapi-metadata", MFD_CLOEXEC);
  if (fd_ < 0)
    fail_os(IMAPI_E_STASHFILE_OPEN_FAILURE, "cannot create the metadata file in working directory '" + directory + "'",
            errno, directory);
  if (::ftruncate(fd_, size) != 0) {
    int err = errno;
    ::close(fd_);
    fd_ = -1;
    fail_os(IMAPI_E_WORKING_DIRECTORY_SPACE, "cannot size the metadata file in '" + directory + "'", err, directory);
  }
}

MetadataStore::~MetadataStore() {
  if (fd_ >= 0) ::close(fd_);
}

void MetadataStore::write(int64_t offset, const void* data, int64_t n) {
  if (int err = pwrite_full(fd_, data, n, offset))
    fail_os(err == ENOSPC ? IMAPI_E_WORKING_DIRECTORY_SPACE : IMAPI_E_STASHFILE_WRITE_FAILURE,
            "cannot write the image's metadata file", err, "");
}

void MetadataStore::read(int64_t offset, void* buf, int64_t n) const {
  int64_t got = pread_full(fd_, buf, n, offset);
  if (got != n)
    fail_os(IMAPI_E_STASHFILE_READ_FAILURE, "cannot read the image's metadata file", got < 0 ? static_cast<int>(-got) : EIO, "");
}

}  // namespace imapi::fs
