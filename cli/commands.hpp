// The `imapi` command's subcommands.
#pragma once

#include <string>
#include <vector>

#include "imapi_c.h"

namespace imapi_cli {

int mkiso(const std::vector<std::string>& args);
int ls(const std::vector<std::string>& args);
int extract(const std::vector<std::string>& args);
int check(const std::vector<std::string>& args);
int drives(const std::vector<std::string>& args);
int info(const std::vector<std::string>& args);
int eject(const std::vector<std::string>& args);
int emu(const std::vector<std::string>& args);
int burn(const std::vector<std::string>& args);
int verify(const std::vector<std::string>& args);
int erase(const std::vector<std::string>& args);
int format(const std::vector<std::string>& args);
// Opens DRIVE (an index, a unique ID or an emu: URI); on failure prints the
// one-line error and returns the exit code, else 0 with *out set (the caller frees it).
int open_recorder(const std::string& drive, imapi_recorder** out);
// "BD-R" for IMAPI_MEDIA_TYPE_BDR.
const char* media_type_name(int32_t type);
// Prints "imapi: error: <message>" with the library's last error; returns the exit code.
int report_failure(const char* context, int status);

}  // namespace imapi_cli
