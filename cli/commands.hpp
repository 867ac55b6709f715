// The `imapi` command's subcommands.
#pragma once

#include <string>
#include <vector>

namespace imapi_cli {

int mkiso(const std::vector<std::string>& args);
int ls(const std::vector<std::string>& args);
int extract(const std::vector<std::string>& args);
int check(const std::vector<std::string>& args);
int drives(const std::vector<std::string>& args);
int info(const std::vector<std::string>& args);
int eject(const std::vector<std::string>& args);
int emu(const std::vector<std::string>& args);
// Prints "imapi: error: <message>" with the library's last error; returns the exit code.
int report_failure(const char* context, int status);

}  // namespace imapi_cli
