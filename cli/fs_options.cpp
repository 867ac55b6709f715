#include "fs_options.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "commands.hpp"
#include "skipped_report.hpp"

namespace imapi_cli {

namespace {

bool parse_fs(const std::string& list, int32_t& mask) {
  mask = 0;
  size_t i = 0;
  while (i <= list.size()) {
    size_t j = list.find(',', i);
    if (j == std::string::npos) j = list.size();
    std::string name = list.substr(i, j - i);
    if (name == "iso9660") mask |= IMAPI_FS_ISO9660;
    else if (name == "joliet") mask |= IMAPI_FS_JOLIET;
    else if (name == "rockridge") mask |= IMAPI_FS_ROCKRIDGE;
    else if (name == "udf") mask |= IMAPI_FS_UDF;
    else return false;
    i = j + 1;
  }
  return mask != 0;
}

// The UDF revisions the library writes, as IMAPI's BCD numbers (0x250).
std::vector<int32_t> udf_revisions_supported() {
  imapi_fsimage* raw = nullptr;
  if (IMAPI_FAILED(imapi_fsimage_create(&raw))) return {};
  std::unique_ptr<imapi_fsimage, void (*)(imapi_fsimage*)> image(raw, imapi_fsimage_free);
  int32_t count = 0;
  if (IMAPI_FAILED(imapi_fsimage_get_udf_revisions_supported(image.get(), nullptr, 0, &count))) return {};
  std::vector<int32_t> revisions(static_cast<size_t>(count));
  if (IMAPI_FAILED(imapi_fsimage_get_udf_revisions_supported(image.get(), revisions.data(), count, &count))) return {};
  return revisions;
}

// 0x250 -> "2.50", as the revision is written on the command line.
std::string udf_revision_text(int32_t revision) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%X.%02X", static_cast<unsigned>(revision >> 8), static_cast<unsigned>(revision & 0xFF));
  return buf;
}

// "2.50" -> 0x250, when the library writes that revision.
bool parse_udf_revision(const std::string& text, int32_t& revision) {
  for (int32_t r : udf_revisions_supported())
    if (text == udf_revision_text(r)) {
      revision = r;
      return true;
    }
  return false;
}

// "1.02, 1.50, ... or 2.60"
std::string udf_revision_choices() {
  const auto all = udf_revisions_supported();
  std::string s;
  for (size_t i = 0; i < all.size(); ++i)
    s += (i == 0 ? "" : i + 1 == all.size() ? " or " : ", ") + udf_revision_text(all[i]);
  return s;
}

}  // namespace

bool parse_fs_option(const std::vector<std::string>& args, size_t& i, FsOptions& o, std::string& error) {
  const std::string& a = args[i];
  const std::string* value = i + 1 < args.size() ? &args[i + 1] : nullptr;
  auto take = [&](const char* why) {
    if (!value) {
      error = why;
      return false;
    }
    ++i;
    return true;
  };
  if (a == "--fs") {
    int32_t mask = 0;
    if (take("--fs takes a comma list of iso9660, joliet, rockridge, udf") && !parse_fs(*value, mask))
      error = "--fs takes a comma list of iso9660, joliet, rockridge, udf";
    o.file_systems = mask;
  } else if (a == "--iso-level") {
    if (take("--iso-level takes 1, 2 or 3") && *value != "1" && *value != "2" && *value != "3")
      error = "--iso-level takes 1, 2 or 3";
    else if (error.empty()) o.level = std::stoi(*value);
  } else if (a == "--udf-revision") {
    int32_t revision = 0;
    if (take("--udf-revision needs a revision") && !parse_udf_revision(*value, revision))
      error = "--udf-revision takes " + udf_revision_choices();
    o.udf_revision = revision;
  } else if (a == "--udf-no-mirror") {
    o.udf_mirror = false;
    o.udf_mirror_given = true;
  } else if (a == "--volume") {
    if (take("--volume needs a name")) o.volume = *value;
  } else if (a == "--strict") {
    o.strict = true;
  } else if (a == "--rr-relocate") {
    o.rr_relocate = true;
  } else if (a == "--symlinks") {
    const char* why = "--symlinks takes record, follow or skip";
    if (take(why)) {
      if (*value == "record") o.symlink_policy = IMAPI_SYMLINKS_RECORD;
      else if (*value == "follow") o.symlink_policy = IMAPI_SYMLINKS_FOLLOW;
      else if (*value == "skip") o.symlink_policy = IMAPI_SYMLINKS_SKIP;
      else error = std::string(why) + ", not '" + *value + "'";
    }
  } else {
    return false;
  }
  ++i;
  return true;
}

imapi_status apply_fs_options(imapi_fsimage* image, const FsOptions& o) {
  imapi_status s = IMAPI_S_OK;
  if (IMAPI_SUCCEEDED(s) && o.file_systems) s = imapi_fsimage_set_file_systems_to_create(image, *o.file_systems);
  if (IMAPI_SUCCEEDED(s) && o.level) s = imapi_fsimage_set_iso9660_level(image, *o.level);
  if (IMAPI_SUCCEEDED(s) && o.udf_revision) s = imapi_fsimage_set_udf_revision(image, *o.udf_revision);
  if (IMAPI_SUCCEEDED(s) && o.udf_mirror_given)
    s = imapi_fsimage_set_create_redundant_udf_metadata_files(image, o.udf_mirror ? 1 : 0);
  if (IMAPI_SUCCEEDED(s) && o.strict) s = imapi_fsimage_set_strict_compliance(image, 1);
  if (IMAPI_SUCCEEDED(s) && o.rr_relocate) s = imapi_fsimage_set_rr_relocation(image, 1);
  if (IMAPI_SUCCEEDED(s) && o.symlink_policy) s = imapi_fsimage_set_symlink_policy(image, *o.symlink_policy);
  if (IMAPI_SUCCEEDED(s) && !o.volume.empty()) s = imapi_fsimage_set_volume_name(image, o.volume.c_str());
  return s;
}

int add_sources(imapi_fsimage* image, const std::vector<std::string>& sources) {
  imapi_fsitem* raw_root = nullptr;
  if (imapi_status s = imapi_fsimage_get_root(image, &raw_root); IMAPI_FAILED(s)) return report_failure(nullptr, s);
  std::unique_ptr<imapi_fsitem, void (*)(imapi_fsitem*)> root(raw_root, imapi_fsitem_free);
  for (const auto& src : sources) {
    struct stat st {};
    if (::stat(src.c_str(), &st) != 0) {
      std::fprintf(stderr, "imapi: error: %s: %s\n", src.c_str(), std::strerror(errno));
      return 1;
    }
    imapi_status s;
    if (S_ISDIR(st.st_mode)) {
      s = imapi_fsitem_add_tree(root.get(), src.c_str(), 0);
    } else if (!S_ISREG(st.st_mode)) {
      std::fprintf(stderr, "imapi: error: %s: %s; a SOURCE is a file or a directory\n", src.c_str(),
                   S_ISFIFO(st.st_mode) ? "a FIFO (named pipe) has no size to master"
                   : S_ISSOCK(st.st_mode) ? "a socket holds no data to master"
                                          : "a device is not mastered (image its contents into a file first)");
      return 1;
    } else {
      std::string name = src.substr(src.rfind('/') + 1);
      s = imapi_fsitem_add_file_from_path(root.get(), name.c_str(), src.c_str());
    }
    if (IMAPI_FAILED(s)) return report_failure(src.c_str(), s);
  }
  report_skipped(image);
  return 0;
}

}  // namespace imapi_cli
