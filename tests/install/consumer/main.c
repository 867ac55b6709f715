/* A downstream C program built against an installed libimapi only (CMake's
 * find_package or pkg-config), run without LD_LIBRARY_PATH:
 *   consumer SOURCE_DIR OUT_ISO EMU_DIR
 * builds SOURCE_DIR (Unicode names) into a bridge image with progress, reads
 * it back, opens an emulated drive and checks one error's message. */
#include <imapi_c.h>
#include <stdio.h>
#include <string.h>

#define CHECK(call)                                                                    \
  do {                                                                                 \
    imapi_status st_ = (call);                                                         \
    if (IMAPI_FAILED(st_)) {                                                           \
      fprintf(stderr, "%s failed: %s (0x%08X): %s\n", #call, imapi_status_name(st_),   \
              (unsigned)st_, imapi_error_last()->message);                             \
      return 1;                                                                        \
    }                                                                                  \
  } while (0)

static int32_t on_progress(void *user, const imapi_progress *p) {
  (void)p;
  ++*(int *)user;
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 4 || imapi_version_number() != IMAPI_VERSION_NUMBER) return 2;
  imapi_fsimage *img = NULL;
  imapi_fsitem *root = NULL;
  imapi_fsimage_result *result = NULL;
  CHECK(imapi_fsimage_create(&img));
  CHECK(imapi_fsimage_set_file_systems_to_create(img, IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_UDF));
  CHECK(imapi_fsimage_set_volume_name(img, "Ünïcödé Tree"));
  CHECK(imapi_fsimage_get_root(img, &root));
  CHECK(imapi_fsitem_add_tree(root, argv[1], 0));
  /* One error, with its message. */
  if (imapi_fsitem_add_directory(root, "Кириллица") != IMAPI_E_DUP_NAME ||
      strcmp(imapi_error_last()->message, "'Кириллица' already exists") != 0) {
    fprintf(stderr, "expected IMAPI_E_DUP_NAME, got '%s'\n", imapi_error_last()->message);
    return 1;
  }
  CHECK(imapi_fsimage_create_result_image(img, &result));
  int reports = 0;
  CHECK(imapi_fsimage_result_write_file(result, argv[2], on_progress, &reports));
  if (reports < 2) return fprintf(stderr, "only %d progress reports\n", reports), 1;

  imapi_image_reader *reader = NULL;
  imapi_stream *data = NULL;
  char *label = NULL;
  char buf[64] = {0};
  int64_t n = 0;
  CHECK(imapi_image_reader_open_path(argv[2], &reader));
  CHECK(imapi_image_reader_get_file_system_volume_name(reader, IMAPI_FS_UDF, &label));
  if (strcmp(label, "Ünïcödé Tree") != 0) return fprintf(stderr, "UDF label '%s'\n", label), 1;
  imapi_free(label);
  CHECK(imapi_image_reader_open_file_by_path(reader, IMAPI_FS_JOLIET, "/Кириллица/中文.txt", &data));
  CHECK(imapi_stream_read(data, buf, sizeof buf - 1, &n));
  if (strcmp(buf, "привет 世界\n") != 0) return fprintf(stderr, "read back '%s'\n", buf), 1;

  char uri[4096];
  imapi_recorder *rec = NULL;
  char *product = NULL;
  snprintf(uri, sizeof uri, "emu:dvd+r?dir=%s", argv[3]);
  CHECK(imapi_disc_master_add_emulated_drive(uri));
  CHECK(imapi_recorder_open(uri, &rec));
  CHECK(imapi_recorder_get_product_id(rec, &product));
  if (!*product) return 1;
  printf("%s: %d progress reports, read back, drive '%s'\n", imapi_version(), reports, product);
  imapi_free(product);
  imapi_recorder_free(rec);
  imapi_stream_free(data);
  imapi_image_reader_free(reader);
  imapi_fsimage_result_free(result);
  imapi_fsitem_free(root);
  imapi_fsimage_free(img);
  return imapi_live_handles() == 0 ? 0 : 1;
}
