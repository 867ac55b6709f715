#include <imapi_c.h>
#include <stdio.h>
int main(void) {
  if (imapi_version_number() != IMAPI_VERSION_NUMBER) return 1;
  imapi_fsimage *img = NULL;
  if (IMAPI_FAILED(imapi_fsimage_create(&img))) return 1;
  imapi_fsimage_free(img);
  puts(imapi_version());
  return imapi_live_handles() == 0 ? 0 : 1;
}
