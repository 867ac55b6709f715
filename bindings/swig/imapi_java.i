/* imapi_java.i -- how imapi_c.h's types cross into Java (included by imapi.i).
 *
 * The generated classes (ImapiNative, ImapiNativeJNI, the struct proxies) are
 * package-private in org.libimapi; the hand-written classes there are the API.
 *   handles (imapi_X *)        long
 *   handle out (imapi_X **)    long[1]
 *   int32_t * / int64_t *      int[] / long[] (out values, or the levels array)
 *   const char * in            byte[]: NUL-terminated UTF-8 made in Java, never
 *                              JNI's modified UTF-8 (which mangles emoji)
 *   const char * out, char **  byte[] decoded as UTF-8 in Java; char ** is imapi_free'd
 *   (void *buf, int64_t cap)   a direct java.nio.ByteBuffer: the library reads
 *                              straight into it, no copy
 *   (const void *, int64_t)    byte[]
 *   (imapi_progress_fn, void *) a NativeProgressCallback, called on the calling thread
 *   (const imapi_stream_vtable *, void *) an ImapiStreamSource, called from whatever
 *                              thread the library reads on (attached to the JVM)
 */

%pragma(java) moduleclassmodifiers="final class"
%pragma(java) jniclassclassmodifiers="final class"
/* The native library is loaded (from java.library.path or the jar) before any native call. */
%pragma(java) jniclasscode=%{
  static {
    Imapi.ensureLoaded();
  }
%}
/* Struct proxies: package-private, freed explicitly (delete()), no finalizers. */
%typemap(javaclassmodifiers) SWIGTYPE "final class"
%typemap(javafinalize) SWIGTYPE ""

/* ---- opaque handles ---------------------------------------------------- */
%define IMAPI_JAVA_HANDLE(T)
%typemap(jni) T *, const T * "jlong"
%typemap(jtype) T *, const T * "long"
%typemap(jstype) T *, const T * "long"
%typemap(in) T *, const T * %{ $1 = (T *)(intptr_t)$input; %}
%typemap(out) T *, const T * %{ $result = (jlong)(intptr_t)$1; %}
%typemap(javain) T *, const T * "$javainput"
%typemap(javaout) T *, const T * { return $jnicall; }

%typemap(jni) T ** "jlongArray"
%typemap(jtype) T ** "long[]"
%typemap(jstype) T ** "long[]"
%typemap(in) T ** (T *temp = NULL) %{
  if (!$input || (*jenv)->GetArrayLength(jenv, $input) < 1) {
    $1 = NULL;
  } else {
    $1 = &temp;
  }
%}
%typemap(argout) T ** %{
  if ($1) {
    jlong v = (jlong)(intptr_t)temp$argnum;
    (*jenv)->SetLongArrayRegion(jenv, $input, 0, 1, &v);
  }
%}
%typemap(javain) T ** "$javainput"
%enddef

IMAPI_JAVA_HANDLE(imapi_job)
IMAPI_JAVA_HANDLE(imapi_stream)
IMAPI_JAVA_HANDLE(imapi_fsimage)
IMAPI_JAVA_HANDLE(imapi_fsitem)
IMAPI_JAVA_HANDLE(imapi_fsimage_result)
IMAPI_JAVA_HANDLE(imapi_iso_image_manager)
IMAPI_JAVA_HANDLE(imapi_image_reader)
IMAPI_JAVA_HANDLE(imapi_recorder)
IMAPI_JAVA_HANDLE(imapi_job_monitor)
IMAPI_JAVA_HANDLE(imapi_disc_format_data)
IMAPI_JAVA_HANDLE(imapi_write_engine)
IMAPI_JAVA_HANDLE(imapi_disc_format_erase)

/* ---- scalar out parameters (and the levels array) ---------------------- */
%define IMAPI_JAVA_ARRAY(CTYPE, JNITYPE, JARRAY, JAVA, GET, RELEASE)
%typemap(jni) CTYPE * "JARRAY"
%typemap(jtype) CTYPE * "JAVA[]"
%typemap(jstype) CTYPE * "JAVA[]"
%typemap(in) CTYPE * %{
  $1 = $input ? (CTYPE *)(*jenv)->GET(jenv, $input, NULL) : NULL;
%}
%typemap(argout) CTYPE * %{
  if ($1) (*jenv)->RELEASE(jenv, $input, (JNITYPE *)$1, 0);
%}
%typemap(javain) CTYPE * "$javainput"
%enddef

IMAPI_JAVA_ARRAY(int32_t, jint, jintArray, int, GetIntArrayElements, ReleaseIntArrayElements)
IMAPI_JAVA_ARRAY(int64_t, jlong, jlongArray, long, GetLongArrayElements, ReleaseLongArrayElements)

/* ---- strings ------------------------------------------------------------ */
%typemap(jni) const char * "jbyteArray"
%typemap(jtype) const char * "byte[]"
%typemap(jstype) const char * "String"
%typemap(in) const char * %{
  $1 = $input ? (char *)(*jenv)->GetByteArrayElements(jenv, $input, NULL) : NULL;
%}
%typemap(freearg) const char * %{
  if ($1) (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
%}
%typemap(javain) const char * "Utf8.encode($javainput)"
%typemap(out) const char * %{ $result = imapi_java_bytes(jenv, $1); %}
%typemap(javaout) const char * { return Utf8.decode($jnicall); }

%typemap(jni) char ** "jobjectArray"
%typemap(jtype) char ** "byte[][]"
%typemap(jstype) char ** "String[]"
%typemap(in) char ** (char *temp = NULL) %{
  $1 = ($input && (*jenv)->GetArrayLength(jenv, $input) >= 1) ? &temp : NULL;
%}
%typemap(argout) char ** %{
  if ($1 && temp$argnum) {
    jbyteArray b = imapi_java_bytes(jenv, temp$argnum);
    (*jenv)->SetObjectArrayElement(jenv, $input, 0, b);
  }
  imapi_free(temp$argnum);
%}
%typemap(javain, pre="    byte[][] temp$javainput = ($javainput == null) ? null : new byte[1][];",
         post="      if ($javainput != null) $javainput[0] = Utf8.decode(temp$javainput[0]);") char ** "temp$javainput"

/* ---- buffers ------------------------------------------------------------ */
%typemap(jni) (void *buf, int64_t cap) "jobject"
%typemap(jtype) (void *buf, int64_t cap) "java.nio.ByteBuffer"
%typemap(jstype) (void *buf, int64_t cap) "java.nio.ByteBuffer"
%typemap(in) (void *buf, int64_t cap) %{
  if ($input) {
    $1 = (*jenv)->GetDirectBufferAddress(jenv, $input);
    $2 = $1 ? (int64_t)(*jenv)->GetDirectBufferCapacity(jenv, $input) : 0;
  } else {
    $1 = NULL;
    $2 = 0;
  }
%}
%typemap(javain) (void *buf, int64_t cap) "$javainput"

%typemap(jni) (const void *data, int64_t size) "jbyteArray"
%typemap(jtype) (const void *data, int64_t size) "byte[]"
%typemap(jstype) (const void *data, int64_t size) "byte[]"
%typemap(in) (const void *data, int64_t size) %{
  $1 = $input ? (void *)(*jenv)->GetByteArrayElements(jenv, $input, NULL) : NULL;
  $2 = $input ? (int64_t)(*jenv)->GetArrayLength(jenv, $input) : 0;
%}
%typemap(freearg) (const void *data, int64_t size) %{
  if ($1) (*jenv)->ReleaseByteArrayElements(jenv, $input, (jbyte *)$1, JNI_ABORT);
%}
%typemap(javain) (const void *data, int64_t size) "$javainput"

/* void *p of imapi_free: an address as long (Java never holds library memory). */
%typemap(jni) void *p "jlong"
%typemap(jtype) void *p "long"
%typemap(jstype) void *p "long"
%typemap(in) void *p %{ $1 = (void *)(intptr_t)$input; %}
%typemap(javain) void *p "$javainput"

/* ---- progress callbacks (calling thread only) --------------------------- */
%typemap(jni) (imapi_progress_fn progress, void *user) "jobject"
%typemap(jtype) (imapi_progress_fn progress, void *user) "NativeProgressCallback"
%typemap(jstype) (imapi_progress_fn progress, void *user) "NativeProgressCallback"
%typemap(in) (imapi_progress_fn progress, void *user) (imapi_java_progress_ctx ctx) %{
  if ($input) {
    ctx.env = jenv;
    ctx.callback = $input;
    ctx.method = (*jenv)->GetMethodID(jenv, (*jenv)->GetObjectClass(jenv, $input), "onProgress", "(I[BJJJ)I");
    if (!ctx.method) return $null;
    $1 = imapi_java_on_progress;
    $2 = &ctx;
  } else {
    $1 = NULL;
    $2 = NULL;
  }
%}
%typemap(javain) (imapi_progress_fn progress, void *user) "$javainput"

/* ---- burn Update events (calling thread only) --------------------------- */
/* The struct crosses as its address: the Java side reads it through the
 * imapi_burn_progress proxy during the call (it is valid only then). */
%typemap(jni) (imapi_burn_progress_fn progress, void *user) "jobject"
%typemap(jtype) (imapi_burn_progress_fn progress, void *user) "NativeBurnProgressCallback"
%typemap(jstype) (imapi_burn_progress_fn progress, void *user) "NativeBurnProgressCallback"
%typemap(in) (imapi_burn_progress_fn progress, void *user) (imapi_java_progress_ctx ctx) %{
  if ($input) {
    ctx.env = jenv;
    ctx.callback = $input;
    ctx.method = (*jenv)->GetMethodID(jenv, (*jenv)->GetObjectClass(jenv, $input), "onUpdate", "(J)I");
    if (!ctx.method) return $null;
    $1 = imapi_java_on_burn_progress;
    $2 = &ctx;
  } else {
    $1 = NULL;
    $2 = NULL;
  }
%}
%typemap(javain) (imapi_burn_progress_fn progress, void *user) "$javainput"

/* ---- user streams ------------------------------------------------------- */
%typemap(jni) (const imapi_stream_vtable *vtable, void *user) "jobject"
%typemap(jtype) (const imapi_stream_vtable *vtable, void *user) "ImapiStreamSource"
%typemap(jstype) (const imapi_stream_vtable *vtable, void *user) "ImapiStreamSource"
%typemap(in) (const imapi_stream_vtable *vtable, void *user) (imapi_stream_vtable vt, imapi_java_stream_ctx *ctx = NULL) %{
  vt.struct_size = sizeof vt;
  vt.read = imapi_java_stream_read;
  vt.seek = imapi_java_stream_seek;
  vt.size = imapi_java_stream_size;
  vt.release = imapi_java_stream_release;
  $1 = $input ? &vt : NULL;
  $2 = NULL;
  if ($input) {
    ctx = imapi_java_stream_ctx_new(jenv, $input);
    if (!ctx) return $null;
    $2 = ctx;
  }
%}
%typemap(argout) (const imapi_stream_vtable *vtable, void *user) %{
  /* The library did not take the source: release it here. */
  if (ctx$argnum && result < 0) imapi_java_stream_release(ctx$argnum);
%}
%typemap(javain) (const imapi_stream_vtable *vtable, void *user) "$javainput"
%ignore imapi_stream_vtable;

/* ---- structs: read-only proxies, constructed with struct_size set ------- */
%immutable;
%extend imapi_progress {
  imapi_progress() {
    imapi_progress *p = (imapi_progress *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_progress() { free($self); }
}
%extend imapi_progress_item {
  imapi_progress_item() {
    imapi_progress_item *p = (imapi_progress_item *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_progress_item() { free($self); }
}
%extend imapi_image_entry {
  imapi_image_entry() {
    imapi_image_entry *p = (imapi_image_entry *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_image_entry() { free($self); }
}
%extend imapi_media_info {
  imapi_media_info() {
    imapi_media_info *p = (imapi_media_info *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_media_info() { free($self); }
}
%extend imapi_burn_progress {
  imapi_burn_progress() {
    imapi_burn_progress *p = (imapi_burn_progress *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_burn_progress() { free($self); }
}
%extend imapi_write_speed_descriptor {
  imapi_write_speed_descriptor() {
    imapi_write_speed_descriptor *p = (imapi_write_speed_descriptor *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_write_speed_descriptor() { free($self); }
}
%extend imapi_multisession {
  imapi_multisession() {
    imapi_multisession *p = (imapi_multisession *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_multisession() { free($self); }
}
%extend imapi_skipped_entry {
  imapi_skipped_entry() {
    imapi_skipped_entry *p = (imapi_skipped_entry *)calloc(1, sizeof *p);
    if (p) p->struct_size = sizeof *p;
    return p;
  }
  ~imapi_skipped_entry() { free($self); }
}
/* imapi_error is only ever borrowed from imapi_error_last(). */
%nodefaultctor imapi_error;
%nodefaultdtor imapi_error;

/* ---- the C helpers the typemaps use -------------------------------------- */
%{
/* A NUL-terminated C string as a byte[] (UTF-8 stays UTF-8); NULL as null. */
static jbyteArray imapi_java_bytes(JNIEnv *jenv, const char *s) {
  jsize n;
  jbyteArray b;
  if (!s) return NULL;
  n = (jsize)strlen(s);
  b = (*jenv)->NewByteArray(jenv, n);
  if (b) (*jenv)->SetByteArrayRegion(jenv, b, 0, n, (const jbyte *)s);
  return b;
}

typedef struct imapi_java_progress_ctx {
  JNIEnv *env;
  jobject callback;
  jmethodID method;
} imapi_java_progress_ctx;

/* Runs on the thread that made the call, so ctx->env is valid. A pending Java
 * exception cancels the operation and is rethrown when the call returns. */
static int32_t imapi_java_on_progress(void *user, const imapi_progress *p) {
  imapi_java_progress_ctx *ctx = (imapi_java_progress_ctx *)user;
  JNIEnv *jenv = ctx->env;
  jbyteArray item;
  jint r;
  if ((*jenv)->ExceptionCheck(jenv)) return 1;
  item = imapi_java_bytes(jenv, p->current_item ? p->current_item : "");
  r = (*jenv)->CallIntMethod(jenv, ctx->callback, ctx->method, (jint)p->operation, item, (jlong)p->done,
                             (jlong)p->total, (jlong)p->elapsed_ms);
  if (item) (*jenv)->DeleteLocalRef(jenv, item);
  if ((*jenv)->ExceptionCheck(jenv)) return 1;
  return r;
}

/* A burn's Update event, on the thread that made the call (ctx->env is valid).
 * A pending Java exception cancels the write and is rethrown when it returns. */
static int32_t imapi_java_on_burn_progress(void *user, const imapi_burn_progress *p) {
  imapi_java_progress_ctx *ctx = (imapi_java_progress_ctx *)user;
  JNIEnv *jenv = ctx->env;
  jint r;
  if ((*jenv)->ExceptionCheck(jenv)) return 1;
  r = (*jenv)->CallIntMethod(jenv, ctx->callback, ctx->method, (jlong)(intptr_t)p);
  if ((*jenv)->ExceptionCheck(jenv)) return 1;
  return r;
}

typedef struct imapi_java_stream_ctx {
  JavaVM *vm;
  jobject source; /* global reference */
  jmethodID read, seek, size, close;
} imapi_java_stream_ctx;

static imapi_java_stream_ctx *imapi_java_stream_ctx_new(JNIEnv *jenv, jobject source) {
  jclass cls = (*jenv)->GetObjectClass(jenv, source);
  imapi_java_stream_ctx *ctx = (imapi_java_stream_ctx *)calloc(1, sizeof *ctx);
  if (!ctx) return NULL;
  if ((*jenv)->GetJavaVM(jenv, &ctx->vm) != 0 ||
      !(ctx->read = (*jenv)->GetMethodID(jenv, cls, "read", "(Ljava/nio/ByteBuffer;)I")) ||
      !(ctx->seek = (*jenv)->GetMethodID(jenv, cls, "seek", "(JI)J")) ||
      !(ctx->size = (*jenv)->GetMethodID(jenv, cls, "size", "()J")) ||
      !(ctx->close = (*jenv)->GetMethodID(jenv, cls, "close", "()V")) ||
      !(ctx->source = (*jenv)->NewGlobalRef(jenv, source))) {
    free(ctx);
    return NULL;
  }
  return ctx;
}

/* The library may call from its worker threads: attach them (as daemons, so they
 * never keep the JVM alive). A Java exception becomes a read failure. */
static JNIEnv *imapi_java_env(imapi_java_stream_ctx *ctx) {
  JNIEnv *env = NULL;
  if ((*ctx->vm)->GetEnv(ctx->vm, (void **)&env, JNI_VERSION_1_6) == JNI_OK) return env;
  if ((*ctx->vm)->AttachCurrentThreadAsDaemon(ctx->vm, (void **)&env, NULL) == JNI_OK) return env;
  return NULL;
}

static int imapi_java_failed(JNIEnv *env) {
  if ((*env)->ExceptionCheck(env)) {
    (*env)->ExceptionClear(env);
    return 1;
  }
  return 0;
}

static imapi_status imapi_java_stream_read(void *user, void *buf, int64_t cap, int64_t *n) {
  imapi_java_stream_ctx *ctx = (imapi_java_stream_ctx *)user;
  JNIEnv *env = imapi_java_env(ctx);
  jobject bb;
  jint got;
  *n = 0;
  if (!env) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  if (cap > 0x7fffffff) cap = 0x7fffffff;
  bb = (*env)->NewDirectByteBuffer(env, buf, (jlong)cap);
  if (!bb) {
    imapi_java_failed(env);
    return IMAPI_E_DATA_STREAM_READ_FAILURE;
  }
  got = (*env)->CallIntMethod(env, ctx->source, ctx->read, bb);
  (*env)->DeleteLocalRef(env, bb);
  if (imapi_java_failed(env) || got > cap) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  *n = got < 0 ? 0 : got;
  return IMAPI_S_OK;
}

static imapi_status imapi_java_stream_seek(void *user, int64_t offset, int32_t whence, int64_t *position) {
  imapi_java_stream_ctx *ctx = (imapi_java_stream_ctx *)user;
  JNIEnv *env = imapi_java_env(ctx);
  jlong p;
  if (!env) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  p = (*env)->CallLongMethod(env, ctx->source, ctx->seek, (jlong)offset, (jint)whence);
  if (imapi_java_failed(env) || p < 0) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  if (position) *position = p;
  return IMAPI_S_OK;
}

static imapi_status imapi_java_stream_size(void *user, int64_t *size) {
  imapi_java_stream_ctx *ctx = (imapi_java_stream_ctx *)user;
  JNIEnv *env = imapi_java_env(ctx);
  jlong s;
  if (!env) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  s = (*env)->CallLongMethod(env, ctx->source, ctx->size);
  if (imapi_java_failed(env) || s < 0) return IMAPI_E_DATA_STREAM_READ_FAILURE;
  *size = s;
  return IMAPI_S_OK;
}

static void imapi_java_stream_release(void *user) {
  imapi_java_stream_ctx *ctx = (imapi_java_stream_ctx *)user;
  JNIEnv *env = imapi_java_env(ctx);
  if (env) {
    (*env)->CallVoidMethod(env, ctx->source, ctx->close);
    imapi_java_failed(env);
    (*env)->DeleteGlobalRef(env, ctx->source);
  }
  free(ctx);
}
%}

/* ---- helper streams: arrays of stream handles, interleave sizes, the seed --- */
%typemap(jni) imapi_stream *const *streams "jlongArray"
%typemap(jtype) imapi_stream *const *streams "long[]"
%typemap(jstype) imapi_stream *const *streams "long[]"
%typemap(in) imapi_stream *const *streams %{
  $1 = NULL;
  if ($input) {
    jsize n = (*jenv)->GetArrayLength(jenv, $input);
    imapi_stream **handles = (imapi_stream **)calloc(n > 0 ? (size_t)n : 1, sizeof(imapi_stream *));
    if (!handles) {
      SWIG_JavaThrowException(jenv, SWIG_JavaOutOfMemoryError, "out of memory");
      return $null;
    }
    jlong *v = (*jenv)->GetLongArrayElements(jenv, $input, NULL);
    for (jsize i = 0; i < n; ++i) handles[i] = (imapi_stream *)(intptr_t)v[i];
    (*jenv)->ReleaseLongArrayElements(jenv, $input, v, JNI_ABORT);
    $1 = handles;
  }
%}
%typemap(freearg) imapi_stream *const *streams %{ free((void *)$1); %}
%typemap(argout) imapi_stream *const *streams ""
%typemap(javain) imapi_stream *const *streams "$javainput"

%typemap(jni) const int64_t *interleave_sizes "jlongArray"
%typemap(jtype) const int64_t *interleave_sizes "long[]"
%typemap(jstype) const int64_t *interleave_sizes "long[]"
%typemap(in) const int64_t *interleave_sizes %{
  $1 = $input ? (int64_t *)(*jenv)->GetLongArrayElements(jenv, $input, NULL) : NULL;
%}
%typemap(freearg) const int64_t *interleave_sizes %{
  if ($1) (*jenv)->ReleaseLongArrayElements(jenv, $input, (jlong *)$1, JNI_ABORT);
%}
%typemap(argout) const int64_t *interleave_sizes ""
%typemap(javain) const int64_t *interleave_sizes "$javainput"

IMAPI_JAVA_ARRAY(uint32_t, jint, jintArray, int, GetIntArrayElements, ReleaseIntArrayElements)
