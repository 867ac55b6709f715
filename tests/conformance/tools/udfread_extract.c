/* Extracts a UDF image with libudfread (VideoLAN's UDF reader, which nobody
 * here wrote), so check_udf.py can compare what it reads with the source tree.
 *
 *     udfread_extract IMAGE DEST
 *
 * Directories and regular files are recreated under DEST; entries libudfread
 * reports as neither (symbolic links) are listed on stdout as "skipped PATH".
 * libudfread returns names in modified UTF-8 (characters above U+FFFF as two
 * encoded surrogates); they are turned into standard UTF-8 here.
 * Exit status 0 on success, 1 when libudfread fails to open or read anything. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <udfread/udfread.h>

static int failures = 0;

/* MUTF-8 -> UTF-8: a 3-byte high surrogate followed by a 3-byte low one becomes 4 bytes. */
static void to_utf8(const char *in, char *out, size_t cap) {
  const unsigned char *p = (const unsigned char *)in;
  size_t o = 0;
  while (*p && o + 5 < cap) {
    if (p[0] == 0xED && (p[1] & 0xF0) == 0xA0 && p[3] == 0xED && (p[4] & 0xF0) == 0xB0) {
      unsigned hi = ((p[1] & 0x0F) << 6) | (p[2] & 0x3F);
      unsigned lo = ((p[4] & 0x0F) << 6) | (p[5] & 0x3F);
      unsigned cp = 0x10000 + (hi << 10) + lo;
      out[o++] = (char)(0xF0 | (cp >> 18));
      out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      out[o++] = (char)(0x80 | (cp & 0x3F));
      p += 6;
    } else {
      out[o++] = (char)*p++;
    }
  }
  out[o] = 0;
}

static int all_zero(const char *p, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i]) return 0;
  return 1;
}

/* Copies one file as libudfread reads it. Chunks of zeros are left as holes
 * (the copy reads back the same bytes), so a 4 GiB sparse file costs no 4 GiB
 * of writes and check_udf.py compares only where either side holds data. */
static int copy_file(udfread *udf, const char *path, const char *dest) {
  UDFFILE *f = udfread_file_open(udf, path);
  if (!f) {
    fprintf(stderr, "udfread_extract: cannot open %s\n", path);
    return -1;
  }
  int out = open(dest, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) {
    fprintf(stderr, "udfread_extract: cannot create %s: %s\n", dest, strerror(errno));
    udfread_file_close(f);
    return -1;
  }
  static char buf[1 << 16];
  int64_t size = udfread_file_size(f), done = 0;
  int rc = 0;
  for (;;) {
    ssize_t n = udfread_file_read(f, buf, sizeof buf);
    if (n < 0) {
      fprintf(stderr, "udfread_extract: read error in %s\n", path);
      rc = -1;
      break;
    }
    if (n == 0) break;
    if (!all_zero(buf, (size_t)n) && pwrite(out, buf, (size_t)n, done) != n) {
      fprintf(stderr, "udfread_extract: write error in %s: %s\n", dest, strerror(errno));
      rc = -1;
      break;
    }
    done += n;
  }
  if (ftruncate(out, done) != 0) rc = -1;
  close(out);
  udfread_file_close(f);
  if (rc == 0 && done != size) {
    fprintf(stderr, "udfread_extract: %s: read %lld of %lld bytes\n", path, (long long)done, (long long)size);
    rc = -1;
  }
  return rc;
}

static void walk(udfread *udf, const char *path, const char *dest) {
  UDFDIR *d = udfread_opendir(udf, path);
  if (!d) {
    fprintf(stderr, "udfread_extract: cannot open directory %s\n", path);
    ++failures;
    return;
  }
  struct udfread_dirent ent;
  while (udfread_readdir(d, &ent)) {
    if (!strcmp(ent.d_name, ".") || !strcmp(ent.d_name, "..")) continue;
    char child[8192], name[1024], out[8192];
    snprintf(child, sizeof child, "%s/%s", strcmp(path, "/") ? path : "", ent.d_name);
    to_utf8(ent.d_name, name, sizeof name);
    snprintf(out, sizeof out, "%s/%s", dest, name);
    if (ent.d_type == UDF_DT_DIR) {
      if (mkdir(out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "udfread_extract: mkdir %s: %s\n", out, strerror(errno));
        ++failures;
        continue;
      }
      walk(udf, child, out);
    } else if (ent.d_type == UDF_DT_REG) {
      if (copy_file(udf, child, out) != 0) ++failures;
    } else {
      printf("skipped %s\n", child);
    }
  }
  udfread_closedir(d);
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: udfread_extract IMAGE DEST\n");
    return 2;
  }
  udfread *udf = udfread_init();
  if (!udf || udfread_open(udf, argv[1]) < 0) {
    fprintf(stderr, "udfread_extract: libudfread cannot open %s as UDF\n", argv[1]);
    return 1;
  }
  printf("volume %s\n", udfread_get_volume_id(udf));
  mkdir(argv[2], 0755);
  walk(udf, "/", argv[2]);
  udfread_close(udf);
  return failures ? 1 : 0;
}
