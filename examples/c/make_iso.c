/* make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
 * with a progress line, using only libimapi's C ABI.
 *   usage: make_iso SOURCE_DIR OUTPUT.iso */
#include <imapi_c.h>
#include <stdio.h>

static int fail(const char *what, imapi_status s) {
  const imapi_error *e = imapi_error_last();
  fprintf(stderr, "%s failed: %s (%s)\n", what, e ? e->message : "?", imapi_status_name(s));
  return 1;
}

static int32_t on_progress(void *user, const imapi_progress *p) {
  (void)user;
  fprintf(stderr, "\r%lld/%lld sectors", (long long)p->done, (long long)p->total);
  return 0; /* non-zero would cancel */
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s SOURCE_DIR OUTPUT.iso\n", argv[0]);
    return 2;
  }
  imapi_fsimage *image = NULL;
  imapi_fsitem *root = NULL;
  imapi_fsimage_result *result = NULL;
  imapi_status s;
  int rc = 1;
  if (IMAPI_FAILED(s = imapi_fsimage_create(&image))) return fail("create", s);
  if (IMAPI_FAILED(s = imapi_fsimage_set_free_media_blocks(image, 0))) { rc = fail("set limit", s); goto done; }
  if (IMAPI_FAILED(s = imapi_fsimage_get_root(image, &root))) { rc = fail("root", s); goto done; }
  if (IMAPI_FAILED(s = imapi_fsitem_add_tree(root, argv[1], 0))) { rc = fail("add tree", s); goto done; }
  if (IMAPI_FAILED(s = imapi_fsimage_create_result_image(image, &result))) { rc = fail("layout", s); goto done; }
  if (IMAPI_FAILED(s = imapi_fsimage_result_write_file(result, argv[2], on_progress, NULL))) {
    rc = fail("write", s);
    goto done;
  }
  fprintf(stderr, "\nwrote %s\n", argv[2]);
  rc = 0;
done: /* handles may be freed in any order */
  imapi_fsimage_free(image);
  imapi_fsitem_free(root);
  imapi_fsimage_result_free(result);
  return rc;
}
