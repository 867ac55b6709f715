/*
 * imapi_c.h -- the C ABI of libimapi, a cross-platform Image Mastering API.
 *
 * libimapi does what Microsoft's IMAPI2 (disc recording) and IMAPI2FS
 * (file-system images) do. This header is its only public interface; every
 * language binding is generated from it.
 *
 * Conventions (they hold for every function below unless its comment says otherwise)
 * -----------------------------------------------------------------------------
 * Status.  Functions return imapi_status: 0 (IMAPI_S_OK) is success, negative
 *   values are errors, positive values are success with information. Error
 *   numbers are IMAPI2/IMAPI2FS's own HRESULTs (IMAPI_E_DUP_NAME is 0xC0AAB112,
 *   as on Windows), so code ported from IMAPI sees the same numbers. Test with
 *   IMAPI_FAILED(), never with "!= 0".
 * Errors.  Every failing call records, for the calling thread, a code, a
 *   message that says what was wrong and what to do, and detail (errno, SCSI
 *   sense, LBA, path): see imapi_error_last(). A successful call does not
 *   clear it.
 * Handles.  Opaque pointers created by imapi_X_create (or returned through
 *   an out parameter) and released by imapi_X_free, which accepts NULL.
 *   Handles may be freed in any order: a child (an item, a result, a stream)
 *   keeps what it needs of its parent alive. A handle of the wrong type, or
 *   one already freed, is reported as IMAPI_E_INVALID_HANDLE (the library keeps
 *   a registry of live handles; see imapi_live_handles()), unless its address
 *   has since been reused by a new handle of the same type, which no registry
 *   can tell apart: do not use a handle after freeing it.
 * Threads.  A handle may be used by one thread at a time, and may move
 *   between threads. Different handles may be used concurrently, even when
 *   they share a parent. imapi_job_cancel() and imapi_job_progress() may be
 *   called from any thread at any time, as may imapi_job_monitor_add() and
 *   imapi_job_monitor_wake(). No callback is ever invoked on a
 *   thread other than the one that made the call.
 * Strings.  UTF-8 in both directions; input strings are copied. A string
 *   returned through `char **out` is owned by the caller and released with
 *   imapi_free(). A `const char *` inside a returned struct is borrowed, with
 *   the lifetime stated beside it.
 * Numbers.  No C enum or bool crosses the ABI: int32_t with IMAPI_* constants;
 *   booleans are 0 or 1. Byte counts, offsets and sector addresses are int64_t.
 * Times.  int64_t nanoseconds since 1970-01-01T00:00:00Z (imapi_time).
 * Structs.  Every struct that crosses the ABI starts with `uint32_t struct_size`,
 *   which the caller sets to sizeof(the struct) as its header declares it
 *   (`imapi_progress p = {sizeof p};`). Structs grow only at their end, and
 *   each has an IMAPI_<NAME>_V1_SIZE, its size in the release that introduced
 *   it. The library accepts any struct_size at least that v1 size (less:
 *   IMAPI_E_INVALIDARG naming the struct and the size it needs; a NULL struct:
 *   IMAPI_E_POINTER), reads or fills min(struct_size, the library's sizeof)
 *   bytes, never touches a byte past struct_size and never changes
 *   struct_size itself. So a program built against an older header works with
 *   a newer library, and one built against a newer header works with an older
 *   library: fields the library does not know stay as the caller set them
 *   (zero-initialise the struct to read them as 0), and fields of an input
 *   struct (imapi_stream_vtable) beyond the caller's struct_size are taken as
 *   0/NULL. A struct the library hands out (the imapi_error of
 *   imapi_error_last(), the imapi_progress of a callback) carries the
 *   library's sizeof in struct_size: read only the fields it covers.
 * Long operations.  Two forms: a blocking call taking an imapi_progress_fn,
 *   invoked on the calling thread (returning non-zero cancels and the call
 *   returns IMAPI_E_REQUEST_CANCELLED), and a job form (..._start) that runs
 *   on the library's worker threads and is observed with imapi_job_*.
 */
#ifndef IMAPI_C_H
#define IMAPI_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* Version                                                                   */
/* ------------------------------------------------------------------------ */

#define IMAPI_VERSION_MAJOR 0
#define IMAPI_VERSION_MINOR 1
#define IMAPI_VERSION_PATCH 0
/** ABI generation: the shared library's SONAME is libimapi.so.IMAPI_ABI_MAJOR. */
#define IMAPI_ABI_MAJOR 0
#define IMAPI_VERSION_STRING "0.1.0"
/** MAJOR*1000000 + MINOR*1000 + PATCH; compare with imapi_version_number(). */
#define IMAPI_VERSION_NUMBER \
  (IMAPI_VERSION_MAJOR * 1000000 + IMAPI_VERSION_MINOR * 1000 + IMAPI_VERSION_PATCH)

#if defined(IMAPI_BUILDING_LIBRARY)
#define IMAPI_API __attribute__((visibility("default")))
#else
#define IMAPI_API
#endif

/** The library's version string at run time ("0.1.0"); static storage, never freed. */
IMAPI_API const char *imapi_version(void);
/** The library's IMAPI_VERSION_NUMBER at run time, to check against the header compiled with. */
IMAPI_API int32_t imapi_version_number(void);

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

typedef int32_t imapi_status;

#define IMAPI_SUCCEEDED(s) ((imapi_status)(s) >= 0)
#define IMAPI_FAILED(s) ((imapi_status)(s) < 0)
#define IMAPI_STATUS_(v) ((imapi_status)(uint32_t)(v))

#define IMAPI_S_OK 0

/* Generic COM HRESULTs IMAPI returns. */
#define IMAPI_E_NOTIMPL IMAPI_STATUS_(0x80004001u)
#define IMAPI_E_POINTER IMAPI_STATUS_(0x80004003u)
#define IMAPI_E_ABORT IMAPI_STATUS_(0x80004004u)
#define IMAPI_E_FAIL IMAPI_STATUS_(0x80004005u)
#define IMAPI_E_ACCESSDENIED IMAPI_STATUS_(0x80070005u)
/** HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE): a NULL, freed or wrong-type handle. */
#define IMAPI_E_INVALID_HANDLE IMAPI_STATUS_(0x80070006u)
#define IMAPI_E_OUTOFMEMORY IMAPI_STATUS_(0x8007000Eu)
#define IMAPI_E_INVALIDARG IMAPI_STATUS_(0x80070057u)

/* imapi2error.h: general. */
#define IMAPI_E_REQUEST_CANCELLED IMAPI_STATUS_(0xC0AA0002u)

/* imapi2error.h: recorders (IDiscRecorder2, IDiscRecorder2Ex) and device errors. */
/** The command completed but the device returned sense data (raw pass-through). */
#define IMAPI_S_COMMAND_HAS_SENSE_DATA IMAPI_STATUS_(0x00AA0200u)
#define IMAPI_E_RECORDER_REQUIRED IMAPI_STATUS_(0xC0AA0003u)
#define IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE IMAPI_STATUS_(0xC0AA0201u)
#define IMAPI_E_RECORDER_MEDIA_NO_MEDIA IMAPI_STATUS_(0xC0AA0202u)
#define IMAPI_E_RECORDER_MEDIA_INCOMPATIBLE IMAPI_STATUS_(0xC0AA0203u)
#define IMAPI_E_RECORDER_MEDIA_UPSIDE_DOWN IMAPI_STATUS_(0xC0AA0204u)
#define IMAPI_E_RECORDER_MEDIA_BECOMING_READY IMAPI_STATUS_(0xC0AA0205u)
#define IMAPI_E_RECORDER_MEDIA_FORMAT_IN_PROGRESS IMAPI_STATUS_(0xC0AA0206u)
#define IMAPI_E_RECORDER_MEDIA_BUSY IMAPI_STATUS_(0xC0AA0207u)
#define IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS IMAPI_STATUS_(0xC0AA0208u)
#define IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED IMAPI_STATUS_(0xC0AA0209u)
#define IMAPI_E_RECORDER_NO_SUCH_FEATURE IMAPI_STATUS_(0xC0AA020Au)
#define IMAPI_E_RECORDER_FEATURE_IS_NOT_CURRENT IMAPI_STATUS_(0xC0AA020Bu)
#define IMAPI_E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA020Cu)
#define IMAPI_E_RECORDER_COMMAND_TIMEOUT IMAPI_STATUS_(0xC0AA020Du)
#define IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT IMAPI_STATUS_(0xC0AA020Eu)
#define IMAPI_E_RECORDER_MEDIA_SPEED_MISMATCH IMAPI_STATUS_(0xC0AA020Fu)
#define IMAPI_E_RECORDER_LOCKED IMAPI_STATUS_(0xC0AA0210u)
#define IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID IMAPI_STATUS_(0xC0AA0211u)
#define IMAPI_E_RECORDER_MEDIA_NOT_FORMATTED IMAPI_STATUS_(0xC0AA0212u)
#define IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE IMAPI_STATUS_(0xC0AA02FFu)
#define IMAPI_E_LOSS_OF_STREAMING IMAPI_STATUS_(0xC0AA0300u)
#define IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE IMAPI_STATUS_(0xC0AA0301u)

/* imapi2fserror.h: file-system images. */
#define IMAPI_E_FSI_INTERNAL_ERROR IMAPI_STATUS_(0xC0AAB100u)
#define IMAPI_E_INVALID_PARAM IMAPI_STATUS_(0xC0AAB101u)
#define IMAPI_E_READONLY IMAPI_STATUS_(0xC0AAB102u)
#define IMAPI_E_NO_OUTPUT IMAPI_STATUS_(0xC0AAB103u)
#define IMAPI_E_INVALID_VOLUME_NAME IMAPI_STATUS_(0xC0AAB104u)
#define IMAPI_E_INVALID_DATE IMAPI_STATUS_(0xC0AAB105u)
#define IMAPI_E_FILE_SYSTEM_NOT_EMPTY IMAPI_STATUS_(0xC0AAB106u)
#define IMAPI_E_NOT_FILE IMAPI_STATUS_(0xC0AAB108u)
#define IMAPI_E_NOT_DIR IMAPI_STATUS_(0xC0AAB109u)
#define IMAPI_E_DIR_NOT_EMPTY IMAPI_STATUS_(0xC0AAB10Au)
#define IMAPI_E_NOT_IN_FILE_SYSTEM IMAPI_STATUS_(0xC0AAB10Bu)
#define IMAPI_E_INVALID_PATH IMAPI_STATUS_(0xC0AAB110u)
#define IMAPI_E_RESTRICTED_NAME_VIOLATION IMAPI_STATUS_(0xC0AAB111u)
#define IMAPI_E_DUP_NAME IMAPI_STATUS_(0xC0AAB112u)
#define IMAPI_E_NO_UNIQUE_NAME IMAPI_STATUS_(0xC0AAB113u)
#define IMAPI_E_ITEM_NOT_FOUND IMAPI_STATUS_(0xC0AAB118u)
#define IMAPI_E_FILE_NOT_FOUND IMAPI_STATUS_(0xC0AAB119u)
#define IMAPI_E_DIR_NOT_FOUND IMAPI_STATUS_(0xC0AAB11Au)
#define IMAPI_E_IMAGE_SIZE_LIMIT IMAPI_STATUS_(0xC0AAB120u)
#define IMAPI_E_IMAGE_TOO_BIG IMAPI_STATUS_(0xC0AAB121u)
#define IMAPI_E_DATA_STREAM_INCONSISTENCY IMAPI_STATUS_(0xC0AAB128u)
#define IMAPI_E_DATA_STREAM_READ_FAILURE IMAPI_STATUS_(0xC0AAB129u)
#define IMAPI_E_DATA_STREAM_CREATE_FAILURE IMAPI_STATUS_(0xC0AAB12Au)
#define IMAPI_E_DIRECTORY_READ_FAILURE IMAPI_STATUS_(0xC0AAB12Bu)
#define IMAPI_E_TOO_MANY_DIRS IMAPI_STATUS_(0xC0AAB130u)
#define IMAPI_E_ISO9660_LEVELS IMAPI_STATUS_(0xC0AAB131u)
#define IMAPI_E_DATA_TOO_BIG IMAPI_STATUS_(0xC0AAB132u)
#define IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION IMAPI_STATUS_(0xC0AAB133u)
#define IMAPI_E_STASHFILE_OPEN_FAILURE IMAPI_STATUS_(0xC0AAB138u)
#define IMAPI_E_STASHFILE_SEEK_FAILURE IMAPI_STATUS_(0xC0AAB139u)
#define IMAPI_E_STASHFILE_WRITE_FAILURE IMAPI_STATUS_(0xC0AAB13Au)
#define IMAPI_E_STASHFILE_READ_FAILURE IMAPI_STATUS_(0xC0AAB13Bu)
#define IMAPI_E_INVALID_WORKING_DIRECTORY IMAPI_STATUS_(0xC0AAB140u)
#define IMAPI_E_WORKING_DIRECTORY_SPACE IMAPI_STATUS_(0xC0AAB141u)
#define IMAPI_E_STASHFILE_MOVE IMAPI_STATUS_(0xC0AAB142u)
#define IMAPI_E_BOOT_IMAGE_DATA IMAPI_STATUS_(0xC0AAB148u)
#define IMAPI_E_BOOT_OBJECT_CONFLICT IMAPI_STATUS_(0xC0AAB149u)
#define IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH IMAPI_STATUS_(0xC0AAB14Au)
#define IMAPI_E_EMPTY_DISC IMAPI_STATUS_(0xC0AAB150u)
#define IMAPI_E_NO_SUPPORTED_FILE_SYSTEM IMAPI_STATUS_(0xC0AAB151u)
#define IMAPI_E_FILE_SYSTEM_NOT_FOUND IMAPI_STATUS_(0xC0AAB152u)
#define IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR IMAPI_STATUS_(0xC0AAB153u)
#define IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED IMAPI_STATUS_(0xC0AAB154u)
#define IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY IMAPI_STATUS_(0xC0AAB155u)
#define IMAPI_E_IMPORT_SEEK_FAILURE IMAPI_STATUS_(0xC0AAB156u)
#define IMAPI_E_IMPORT_READ_FAILURE IMAPI_STATUS_(0xC0AAB157u)
#define IMAPI_E_DISC_MISMATCH IMAPI_STATUS_(0xC0AAB158u)
#define IMAPI_E_IMPORT_MEDIA_NOT_ALLOWED IMAPI_STATUS_(0xC0AAB159u)
#define IMAPI_E_UDF_NOT_WRITE_COMPATIBLE IMAPI_STATUS_(0xC0AAB15Au)
#define IMAPI_E_INCOMPATIBLE_MULTISESSION_TYPE IMAPI_STATUS_(0xC0AAB15Bu)
#define IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE IMAPI_STATUS_(0xC0AAB15Cu)
#define IMAPI_E_MULTISESSION_NOT_SET IMAPI_STATUS_(0xC0AAB15Du)
#define IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE IMAPI_STATUS_(0xC0AAB15Eu)
#define IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED IMAPI_STATUS_(0x00AAB15Fu)
#define IMAPI_E_PROPERTY_NOT_ACCESSIBLE IMAPI_STATUS_(0xC0AAB160u)
#define IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED IMAPI_STATUS_(0xC0AAB161u)
#define IMAPI_E_BAD_MULTISESSION_PARAMETER IMAPI_STATUS_(0xC0AAB162u)
#define IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED IMAPI_STATUS_(0xC0AAB163u)
#define IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED IMAPI_STATUS_(0xC0AAB200u)
#define IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND IMAPI_STATUS_(0xC0AAB201u)
#define IMAPI_E_IMAGEMANAGER_NO_IMAGE IMAPI_STATUS_(0xC0AAB202u)
#define IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG IMAPI_STATUS_(0xC0AAB203u)

/* libimapi extensions (facility 0xAA, codes 0xF000-0xF0FF; never used by IMAPI). */
/** imapi_job_wait(): the job is still running when the timeout expired. */
#define IMAPI_S_JOB_RUNNING IMAPI_STATUS_(0x00AAF001u)
/** A job's result was asked for before it finished. */
#define IMAPI_E_JOB_NOT_FINISHED IMAPI_STATUS_(0xC0AAF002u)
/** An output file could not be created or written. */
#define IMAPI_E_OUTPUT_WRITE_FAILURE IMAPI_STATUS_(0xC0AAF003u)

/** Symbolic name of a status ("IMAPI_E_DUP_NAME"), or "IMAPI_UNKNOWN_STATUS"; static storage. */
IMAPI_API const char *imapi_status_name(imapi_status status);

/* ------------------------------------------------------------------------ */
/* Errors and memory                                                         */
/* ------------------------------------------------------------------------ */

/** Detail of the last failure on the calling thread. */
typedef struct imapi_error {
  uint32_t struct_size;
  imapi_status code;       /**< the status the failing call returned */
  const char *message;     /**< UTF-8: what was wrong and what to do */
  int32_t os_error;        /**< errno of the failing system call, or 0 */
  int32_t sense_key;       /**< SCSI sense key/ASC/ASCQ, or -1 when no device was involved */
  int32_t asc;
  int32_t ascq;
  int64_t lba;             /**< sector address involved, or -1 */
  const char *path;        /**< UTF-8 file or image path involved, or "" */
} imapi_error;
/** imapi_error as published in 0.1 (through path), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_ERROR_V1_SIZE 48

/**
 * The last error recorded on the calling thread, or NULL if no call on this
 * thread has failed since the thread started or imapi_error_clear(). The
 * pointer and its strings stay valid until the next failing call or
 * imapi_error_clear() on the same thread. Never fails.
 */
IMAPI_API const imapi_error *imapi_error_last(void);
/** Forget the calling thread's last error. */
IMAPI_API void imapi_error_clear(void);
/** Release memory the library returned to the caller (strings, arrays). NULL is a no-op. */
IMAPI_API void imapi_free(void *p);
/** Number of live handles of every type, process-wide: a leak check for tests and bindings. */
IMAPI_API int64_t imapi_live_handles(void);

/* ------------------------------------------------------------------------ */
/* Progress and jobs                                                         */
/* ------------------------------------------------------------------------ */

#define IMAPI_OPERATION_NONE 0
/** Writing a file-system image: done/total are sectors (IMAPI's DFileSystemImageEvents.Update). */
#define IMAPI_OPERATION_IMAGE_WRITE 1

/** A progress snapshot. */
typedef struct imapi_progress {
  uint32_t struct_size;
  int32_t operation;         /**< IMAPI_OPERATION_* */
  const char *current_item;  /**< UTF-8 path being processed, or "". Borrowed: valid during the
                                  callback, or until the calling thread's next imapi_job_progress() */
  int64_t done;              /**< units done (sectors for image writes) */
  int64_t total;             /**< units in all */
  int64_t elapsed_ms;
} imapi_progress;
/** imapi_progress as published in 0.1 (through elapsed_ms), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_PROGRESS_V1_SIZE 40

/**
 * Progress callback of blocking calls, invoked on the calling thread.
 * Return 0 to continue, non-zero to cancel; the call then returns
 * IMAPI_E_REQUEST_CANCELLED. It must not call back into the same handle.
 */
typedef int32_t (*imapi_progress_fn)(void *user, const imapi_progress *progress);

typedef struct imapi_job imapi_job;

/** Snapshot of a job's progress; any thread. `out->struct_size` must be set (see Structs). */
IMAPI_API imapi_status imapi_job_progress(imapi_job *job, imapi_progress *out);
/**
 * Wait up to timeout_ms (negative = forever) for the job to finish.
 * Returns IMAPI_S_OK when it has finished (whatever its result), IMAPI_S_JOB_RUNNING
 * when the time ran out.
 */
IMAPI_API imapi_status imapi_job_wait(imapi_job *job, int32_t timeout_ms);
/** Ask the job to stop; returns at once, any thread. The job ends with IMAPI_E_REQUEST_CANCELLED. */
IMAPI_API imapi_status imapi_job_cancel(imapi_job *job);
/**
 * The finished job's status (IMAPI_E_JOB_NOT_FINISHED while it runs). A failed job's
 * error detail becomes the calling thread's imapi_error_last().
 */
IMAPI_API imapi_status imapi_job_result(imapi_job *job);
/**
 * Release a job handle. A running job is cancelled and waited for first. NULL is a
 * no-op. Like every free function, it must not overlap another call on the same handle.
 */
IMAPI_API void imapi_job_free(imapi_job *job);

/*
 * Job monitors: being woken when jobs progress or finish, without a thread per job.
 * One thread waits on a monitor for many jobs (a binding completes every job's
 * Task or future from it; a C program can run it as its event loop). Events are
 * coalesced per job: a waiter that falls behind sees one PROGRESS event for many
 * reports, and FINISHED exactly once, after which the job is no longer watched.
 */
typedef struct imapi_job_monitor imapi_job_monitor;

/** imapi_job_monitor_wait(): the job reported progress since its last event (read it with imapi_job_progress). */
#define IMAPI_JOB_EVENT_PROGRESS 0x1
/** imapi_job_monitor_wait(): the job has finished (read its outcome with imapi_job_result). */
#define IMAPI_JOB_EVENT_FINISHED 0x2

/** A new, empty monitor, released with imapi_job_monitor_free. Errors: IMAPI_E_POINTER, IMAPI_E_OUTOFMEMORY. */
IMAPI_API imapi_status imapi_job_monitor_create(imapi_job_monitor **out);
/**
 * Release a monitor. Jobs it watches are not affected. Must not overlap another
 * call on the monitor (wake a waiting thread and let it return first). NULL is a no-op.
 */
IMAPI_API void imapi_job_monitor_free(imapi_job_monitor *monitor);
/**
 * Watch `job`: its events are reported under `cookie` (any value the caller
 * chooses, e.g. an index into its own table) until its FINISHED event. A job
 * that has already finished yields FINISHED at the next wait. Any thread, also
 * while another thread is in imapi_job_monitor_wait; a job may be watched by
 * several monitors. The monitor does not keep the job handle: freeing the job
 * (which cancels and waits for it) still delivers its FINISHED event.
 * Errors: IMAPI_E_INVALID_HANDLE.
 */
IMAPI_API imapi_status imapi_job_monitor_add(imapi_job_monitor *monitor, imapi_job *job, int64_t cookie);
/**
 * Wait up to timeout_ms (negative = forever) for an event of a watched job.
 * IMAPI_S_OK: *cookie names the job and *events holds IMAPI_JOB_EVENT_* bits.
 * IMAPI_S_JOB_RUNNING: nothing happened within the timeout, or
 * imapi_job_monitor_wake() was called; *cookie and *events are 0. One thread
 * at a time per monitor. Errors: IMAPI_E_INVALID_HANDLE, IMAPI_E_POINTER.
 */
IMAPI_API imapi_status imapi_job_monitor_wait(imapi_job_monitor *monitor, int32_t timeout_ms, int64_t *cookie,
                                              int32_t *events);
/** Make the current (or, if none, the next) imapi_job_monitor_wait return IMAPI_S_JOB_RUNNING at once. Any thread. */
IMAPI_API imapi_status imapi_job_monitor_wake(imapi_job_monitor *monitor);

/* ------------------------------------------------------------------------ */
/* Streams (IMAPI's IStream)                                                 */
/* ------------------------------------------------------------------------ */

typedef struct imapi_stream imapi_stream;

#define IMAPI_SEEK_SET 0
#define IMAPI_SEEK_CUR 1
#define IMAPI_SEEK_END 2

/**
 * What a caller's size callback reports for a stream whose end is found only
 * by reading it (a pipe). Only imapi_disc_format_data_write (and its job
 * form) takes such a stream; everything else fails with IMAPI_E_NOTIMPL.
 */
#define IMAPI_STREAM_SIZE_UNKNOWN (-1)

/**
 * A stream implemented by the caller. read fills up to `cap` bytes and sets *n
 * (0 = end of stream); seek moves to offset relative to whence and sets *position;
 * size sets the total size (or IMAPI_STREAM_SIZE_UNKNOWN). Each returns
 * IMAPI_S_OK or a negative imapi_status. release (may be NULL) is called once
 * when the last reference goes away, on whatever thread drops it. The library calls read/seek/size one at a time, on
 * the thread of the call that needs the data (for the job form, _start, that is
 * a worker thread), and moves the stream's position as it reads a file's data.
 */
typedef struct imapi_stream_vtable {
  uint32_t struct_size;
  imapi_status (*read)(void *user, void *buf, int64_t cap, int64_t *n);
  imapi_status (*seek)(void *user, int64_t offset, int32_t whence, int64_t *position);
  imapi_status (*size)(void *user, int64_t *size);
  void (*release)(void *user);
} imapi_stream_vtable;
/** imapi_stream_vtable as published in 0.1 (through release), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_STREAM_VTABLE_V1_SIZE 40

/** A stream over a file, opened now. Errors: IMAPI_E_DATA_STREAM_CREATE_FAILURE (with errno). */
IMAPI_API imapi_status imapi_stream_create_from_file(const char *path, imapi_stream **out);
/** A stream over a copy of `size` bytes at `data` (data may be NULL when size is 0). */
IMAPI_API imapi_status imapi_stream_create_from_memory(const void *data, int64_t size, imapi_stream **out);
/** A stream of `size` zero bytes (IMAPI's zero stream); takes no memory. */
IMAPI_API imapi_status imapi_stream_create_zero(int64_t size, imapi_stream **out);
/** A stream calling the caller's vtable; the vtable is copied, `user` is passed through. */
IMAPI_API imapi_status imapi_stream_create_user(const imapi_stream_vtable *vtable, void *user,
                                                imapi_stream **out);
/** Read up to cap bytes at the current position; *n = bytes read, 0 at the end. */
IMAPI_API imapi_status imapi_stream_read(imapi_stream *s, void *buf, int64_t cap, int64_t *n);
/** Move the position; *position (may be NULL) receives the new absolute position. */
IMAPI_API imapi_status imapi_stream_seek(imapi_stream *s, int64_t offset, int32_t whence,
                                         int64_t *position);
/** Total size in bytes. */
IMAPI_API imapi_status imapi_stream_get_size(imapi_stream *s, int64_t *size);
/** Release a stream handle (data used by an image stays alive). NULL is a no-op. */
IMAPI_API void imapi_stream_free(imapi_stream *s);

/*
 * Helper streams (IMAPI's MsftStreamConcatenate, MsftStreamInterleave and
 * MsftStreamPrng001), to compose what is written. The composed streams keep
 * their parts alive (the caller may free its handles on them at once), read
 * each part at an offset of their own (seeking it first, under the part's
 * lock), and take each part's size when it is added: a part that later ends
 * before that size fails the read with IMAPI_E_DATA_STREAM_INCONSISTENCY.
 * A part may appear more than once and may itself be composed. Like every
 * stream, they are seekable and report their size; reads past the end return 0.
 */

/**
 * IStreamConcatenate::Initialize / Initialize2: the `count` streams (at least
 * one) one after another; the size is the sum of theirs. `streams` is an array
 * of `count` stream handles, none NULL. Errors: IMAPI_E_POINTER (streams NULL,
 * or a NULL handle in it, named by index), IMAPI_E_INVALIDARG (count < 1; the
 * sizes add up to more than 2^63-1 bytes), IMAPI_E_INVALID_HANDLE.
 */
IMAPI_API imapi_status imapi_stream_create_concatenation(imapi_stream *const *streams, int32_t count,
                                                         imapi_stream **out);
/**
 * IStreamConcatenate::Append / Append2: adds `count` streams (at least one) at
 * the end of a concatenation; its position is kept. Nothing is appended when
 * any of them fails the checks of imapi_stream_create_concatenation, or is
 * (or reads) the concatenation itself (IMAPI_E_INVALIDARG). A stream that is
 * not a concatenation: IMAPI_E_INVALIDARG. Not while another thread reads it.
 */
IMAPI_API imapi_status imapi_stream_concatenation_append(imapi_stream *concatenation, imapi_stream *const *streams,
                                                         int32_t count);
/**
 * IStreamInterleave::Initialize: round-robin chunks of `count` streams (at
 * least one): interleave_sizes[0] bytes of streams[0], then interleave_sizes[1]
 * bytes of streams[1], ..., then the next interleave_sizes[0] bytes of
 * streams[0], and so on. A stream that has ended is skipped, so the result holds
 * every byte of every stream once and its size is the sum of theirs. Each
 * interleave size is at least 1 byte (IMAPI takes ULONGs; here int64_t).
 * Errors: as imapi_stream_create_concatenation, and IMAPI_E_INVALIDARG for an
 * interleave size below 1 (named by index) or interleave_sizes NULL (IMAPI_E_POINTER).
 */
IMAPI_API imapi_status imapi_stream_create_interleave(imapi_stream *const *streams, const int64_t *interleave_sizes,
                                                      int32_t count, imapi_stream **out);
/**
 * MsftStreamPrng001 (IStreamPseudoRandomBased, with IStream::SetSize's size):
 * `size` pseudo-random bytes, not for cryptography. The generator is the LCG
 * of IMAPI's IDL, x(n+1) = x(n) * 0x19660D + 0x3C6EF35F mod 2^32 with
 * x(0) = seed, and bytes 4k..4k+3 of the stream are x(k+1) little-endian:
 * the content depends on (seed, size) only, and any position is reached
 * without generating the bytes before it. Errors: IMAPI_E_INVALIDARG (size < 0).
 * IMAPI's put_ExtendedSeed/get_ExtendedSeed are E_NOTIMPL on Windows and are
 * not offered.
 */
IMAPI_API imapi_status imapi_stream_create_pseudo_random(uint32_t seed, int64_t size, imapi_stream **out);
/**
 * put_Seed / get_Seed: a new seed (the stream goes back to position 0), and the
 * current one. A stream that is not pseudo-random: IMAPI_E_INVALIDARG.
 */
IMAPI_API imapi_status imapi_stream_pseudo_random_set_seed(imapi_stream *stream, uint32_t seed);
IMAPI_API imapi_status imapi_stream_pseudo_random_get_seed(imapi_stream *stream, uint32_t *seed);

/* ------------------------------------------------------------------------ */
/* File-system images (IMAPI2FS IFileSystemImage)                            */
/* ------------------------------------------------------------------------ */

typedef struct imapi_fsimage imapi_fsimage;
typedef struct imapi_fsitem imapi_fsitem;
typedef struct imapi_fsimage_result imapi_fsimage_result;

/* FsiFileSystems (IMAPI's values), plus Rock Ridge as a libimapi extension bit. */
#define IMAPI_FS_NONE 0x0
#define IMAPI_FS_ISO9660 0x1
#define IMAPI_FS_JOLIET 0x2
#define IMAPI_FS_UDF 0x4
/** Extension: Rock Ridge (SUSP 1.12 / RRIP 1.12) on the ISO 9660 tree; needs IMAPI_FS_ISO9660. */
#define IMAPI_FS_ROCKRIDGE 0x8
#define IMAPI_FS_UNKNOWN 0x40000000

/* IMAPI_MEDIA_PHYSICAL_TYPE (IMAPI's values). */
#define IMAPI_MEDIA_TYPE_UNKNOWN 0
#define IMAPI_MEDIA_TYPE_CDROM 1
#define IMAPI_MEDIA_TYPE_CDR 2
#define IMAPI_MEDIA_TYPE_CDRW 3
#define IMAPI_MEDIA_TYPE_DVDROM 4
#define IMAPI_MEDIA_TYPE_DVDRAM 5
#define IMAPI_MEDIA_TYPE_DVDPLUSR 6
#define IMAPI_MEDIA_TYPE_DVDPLUSRW 7
#define IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER 8
#define IMAPI_MEDIA_TYPE_DVDDASHR 9
#define IMAPI_MEDIA_TYPE_DVDDASHRW 10
#define IMAPI_MEDIA_TYPE_DVDDASHR_DUALLAYER 11
#define IMAPI_MEDIA_TYPE_DISK 12
#define IMAPI_MEDIA_TYPE_DVDPLUSRW_DUALLAYER 13
#define IMAPI_MEDIA_TYPE_HDDVDROM 14
#define IMAPI_MEDIA_TYPE_HDDVDR 15
#define IMAPI_MEDIA_TYPE_HDDVDRAM 16
#define IMAPI_MEDIA_TYPE_BDROM 17
#define IMAPI_MEDIA_TYPE_BDR 18
#define IMAPI_MEDIA_TYPE_BDRE 19
#define IMAPI_MEDIA_TYPE_MAX 19

/* FsiItemType (IMAPI's values), plus symbolic links as an extension. */
#define IMAPI_ITEM_NOT_FOUND 0
#define IMAPI_ITEM_DIRECTORY 1
#define IMAPI_ITEM_FILE 2
/** Extension: a symbolic link (recorded in Rock Ridge only). */
#define IMAPI_ITEM_SYMLINK 3

#define IMAPI_SECTOR_SIZE 2048
/** IMAPI's default FreeMediaBlocks: a 74-minute CD. */
#define IMAPI_DEFAULT_FREE_MEDIA_BLOCKS 332800

/**
 * A new, empty image: FileSystemsToCreate = ISO9660|JOLIET|ROCKRIDGE,
 * ISO9660InterchangeLevel 2, FreeMediaBlocks 332800, no volume name (one is
 * made from the volume date when the result is created).
 */
IMAPI_API imapi_status imapi_fsimage_create(imapi_fsimage **out);
/** Release the image handle. Items, results and streams made from it stay usable. */
IMAPI_API void imapi_fsimage_free(imapi_fsimage *image);

/** The root directory item (IFileSystemImage.Root); a new handle each call. */
IMAPI_API imapi_status imapi_fsimage_get_root(imapi_fsimage *image, imapi_fsitem **out);

/**
 * VolumeName: at most 32 characters, no control characters or / \ * ? : ; " < > |.
 * Each file system derives its own label (see the get_volume_name_* calls).
 * Errors: IMAPI_E_INVALID_VOLUME_NAME. An empty string means "not set".
 */
IMAPI_API imapi_status imapi_fsimage_set_volume_name(imapi_fsimage *image, const char *name);
IMAPI_API imapi_status imapi_fsimage_get_volume_name(imapi_fsimage *image, char **out);
/** The label as ISO 9660 records it (d-characters, at most 32). */
IMAPI_API imapi_status imapi_fsimage_get_volume_name_iso9660(imapi_fsimage *image, char **out);
/** The label as Joliet records it (at most 16 UCS-2 characters). */
IMAPI_API imapi_status imapi_fsimage_get_volume_name_joliet(imapi_fsimage *image, char **out);
/** The label as UDF records it (at most 30 characters in CS0). */
IMAPI_API imapi_status imapi_fsimage_get_volume_name_udf(imapi_fsimage *image, char **out);

/**
 * FileSystemsToCreate: a mask of IMAPI_FS_*. Joliet and Rock Ridge need ISO 9660.
 * Errors: IMAPI_E_INVALID_PARAM for bits not in FileSystemsSupported or an
 * impossible combination; IMAPI_E_NO_OUTPUT for 0.
 */
IMAPI_API imapi_status imapi_fsimage_set_file_systems_to_create(imapi_fsimage *image, int32_t mask);
IMAPI_API imapi_status imapi_fsimage_get_file_systems_to_create(imapi_fsimage *image, int32_t *mask);
/** The file systems this build can write. */
IMAPI_API imapi_status imapi_fsimage_get_file_systems_supported(imapi_fsimage *image, int32_t *mask);

/**
 * ISO9660InterchangeLevel 1 (8.3 names), 2 (31-character names) or 3 (also
 * multi-extent files of 4 GiB and more). Errors: IMAPI_E_INVALID_PARAM.
 */
IMAPI_API imapi_status imapi_fsimage_set_iso9660_level(imapi_fsimage *image, int32_t level);
IMAPI_API imapi_status imapi_fsimage_get_iso9660_level(imapi_fsimage *image, int32_t *level);
/** ISO9660InterchangeLevelsSupported: writes up to `cap` levels into `levels`, *count = how many exist. */
IMAPI_API imapi_status imapi_fsimage_get_iso9660_levels_supported(imapi_fsimage *image, int32_t *levels,
                                                                  int32_t cap, int32_t *count);

/**
 * UDFRevision, in IMAPI's BCD form: 0x102, 0x150, 0x200, 0x201, 0x250 or 0x260
 * (default 0x102). 1.02 and 1.50 use ECMA-167 2nd edition file entries; 2.00
 * on use extended file entries (creation times); 2.50 and 2.60 put the file
 * tree in a metadata partition. Used when FileSystemsToCreate has IMAPI_FS_UDF.
 * Errors: IMAPI_E_INVALID_PARAM for another value;
 * IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED once a session was imported.
 */
IMAPI_API imapi_status imapi_fsimage_set_udf_revision(imapi_fsimage *image, int32_t revision);
IMAPI_API imapi_status imapi_fsimage_get_udf_revision(imapi_fsimage *image, int32_t *revision);
/** UDFRevisionsSupported: writes up to `cap` revisions into `revisions`, *count = how many exist. */
IMAPI_API imapi_status imapi_fsimage_get_udf_revisions_supported(imapi_fsimage *image, int32_t *revisions,
                                                                 int32_t cap, int32_t *count);
/**
 * CreateRedundantUdfMetadataFiles (0/1, default 1): for UDF 2.50 and 2.60,
 * whether the metadata mirror file holds a copy of the file tree of its own
 * (1) or shares the metadata file's blocks (0, smaller image).
 */
IMAPI_API imapi_status imapi_fsimage_set_create_redundant_udf_metadata_files(imapi_fsimage *image, int32_t on);
IMAPI_API imapi_status imapi_fsimage_get_create_redundant_udf_metadata_files(imapi_fsimage *image, int32_t *on);

/**
 * ChooseImageDefaultsForMediaType: sets FileSystemsToCreate, UDFRevision,
 * ISO9660InterchangeLevel and FreeMediaBlocks for a blank medium of
 * `media_type` (IMAPI_MEDIA_TYPE_*). CDs: ISO 9660 + Joliet + Rock Ridge + UDF
 * 1.02, level 2; DVDs and HD DVDs: the same with UDF 1.02 (DVD) or 2.50 (HD
 * DVD) at level 3; BDs: UDF 2.50 only; "disk": UDF 2.01 only, no size limit.
 * FreeMediaBlocks is the medium's nominal capacity. docs/decisions.md says why.
 * Errors: IMAPI_E_INVALIDARG for IMAPI_MEDIA_TYPE_UNKNOWN or a value out of
 * range; IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED after an import.
 */
IMAPI_API imapi_status imapi_fsimage_choose_image_defaults_for_media_type(imapi_fsimage *image, int32_t media_type);

/**
 * StrictFileSystemCompliance (0/1): when 1, what the standards forbid is an
 * error instead of being tolerated (ISO 9660 depth > 8 without Rock Ridge,
 * ISO 9660 paths longer than 255 bytes, Joliet paths longer than 240
 * characters: IMAPI_E_INVALID_PATH naming the path and the limit, when the
 * image is made); with Rock Ridge, deep directories are relocated
 * (imapi_fsimage_set_rr_relocation). Settable only on an empty image
 * (IMAPI_E_FILE_SYSTEM_NOT_EMPTY).
 */
IMAPI_API imapi_status imapi_fsimage_set_strict_compliance(imapi_fsimage *image, int32_t strict);
IMAPI_API imapi_status imapi_fsimage_get_strict_compliance(imapi_fsimage *image, int32_t *strict);
/**
 * UseRestrictedCharacterSet (0/1): items added afterwards must have names of
 * printable ASCII only (IMAPI_E_RESTRICTED_NAME_VIOLATION otherwise).
 */
IMAPI_API imapi_status imapi_fsimage_set_restricted_charset(imapi_fsimage *image, int32_t restricted);
IMAPI_API imapi_status imapi_fsimage_get_restricted_charset(imapi_fsimage *image, int32_t *restricted);
/**
 * Extension: Rock Ridge relocation of deep directories (0/1, default 0).
 * ISO 9660 allows 8 directory levels. With 0, deeper directories are recorded
 * where they are (as xorriso -as mkisofs does by default): every reader shows
 * the source tree in every namespace; the ISO 9660 hierarchy is then deeper
 * than ECMA-119 allows. With 1, or under strict compliance, directories below
 * level 8 move into a top-level ".rr_moved" ("rr_moved" in ISO 9660) with
 * RRIP CL/PL/RE entries; the relocation directory itself is marked RE, so Rock
 * Ridge readers show exactly the source tree, and readers of plain ISO 9660 or
 * Joliet see the relocated directories there. Needs Rock Ridge to take effect.
 * Thread-safe like every image setter; no errors beyond a bad handle
 * (IMAPI_E_POINTER for a NULL `relocate`).
 */
IMAPI_API imapi_status imapi_fsimage_set_rr_relocation(imapi_fsimage *image, int32_t relocate);
IMAPI_API imapi_status imapi_fsimage_get_rr_relocation(imapi_fsimage *image, int32_t *relocate);

/**
 * FreeMediaBlocks: capacity in 2048-byte blocks, 0 = unlimited. Setting it below
 * UsedBlocks fails with IMAPI_E_IMAGE_TOO_BIG; adding beyond it fails with
 * IMAPI_E_IMAGE_SIZE_LIMIT.
 */
IMAPI_API imapi_status imapi_fsimage_set_free_media_blocks(imapi_fsimage *image, int64_t blocks);
IMAPI_API imapi_status imapi_fsimage_get_free_media_blocks(imapi_fsimage *image, int64_t *blocks);
/** UsedBlocks: blocks the image would take now (an exact layout of the current tree). */
IMAPI_API imapi_status imapi_fsimage_get_used_blocks(imapi_fsimage *image, int64_t *blocks);
/** FileCount / DirectoryCount (the root is not counted). */
IMAPI_API imapi_status imapi_fsimage_get_file_count(imapi_fsimage *image, int64_t *count);
IMAPI_API imapi_status imapi_fsimage_get_directory_count(imapi_fsimage *image, int64_t *count);
/** SessionStartBlock: the LBA the image will be written at (0 for a standalone image). */
IMAPI_API imapi_status imapi_fsimage_set_session_start_block(imapi_fsimage *image, int64_t lba);
IMAPI_API imapi_status imapi_fsimage_get_session_start_block(imapi_fsimage *image, int64_t *lba);

/**
 * Change points: ChangePoint is the id of the current state of the tree;
 * RollbackToChangePoint(id) undoes every change made since; LockInChangePoint
 * makes the current state permanent (earlier ids become invalid:
 * IMAPI_E_INVALID_PARAM).
 */
IMAPI_API imapi_status imapi_fsimage_get_change_point(imapi_fsimage *image, int64_t *id);
IMAPI_API imapi_status imapi_fsimage_rollback_to_change_point(imapi_fsimage *image, int64_t id);
IMAPI_API imapi_status imapi_fsimage_lock_in_change_point(imapi_fsimage *image);

/**
 * WorkingDirectory and StageFiles: with StageFiles = 1, the data of files added
 * afterwards is copied at once into unnamed stash files in WorkingDirectory
 * (default: $TMPDIR or /tmp), so later changes to the sources do not matter.
 * Errors: IMAPI_E_INVALID_WORKING_DIRECTORY, IMAPI_E_STASHFILE_*,
 * IMAPI_E_WORKING_DIRECTORY_SPACE.
 */
IMAPI_API imapi_status imapi_fsimage_set_working_directory(imapi_fsimage *image, const char *path);
IMAPI_API imapi_status imapi_fsimage_get_working_directory(imapi_fsimage *image, char **out);
IMAPI_API imapi_status imapi_fsimage_set_stage_files(imapi_fsimage *image, int32_t stage);
IMAPI_API imapi_status imapi_fsimage_get_stage_files(imapi_fsimage *image, int32_t *stage);

/**
 * Exists: the IMAPI_ITEM_* type at an image path, IMAPI_ITEM_NOT_FOUND if none.
 * Image paths start at the root, with or without the leading '/' ("/a/b" and
 * "a/b" are the same item); a trailing '/' is ignored. A malformed path (an
 * empty, "." or ".." component) is IMAPI_E_INVALID_PATH, not "not found".
 */
IMAPI_API imapi_status imapi_fsimage_exists(imapi_fsimage *image, const char *path, int32_t *type);
/** The item at an image path (as for Exists). Errors: IMAPI_E_ITEM_NOT_FOUND, IMAPI_E_INVALID_PATH (malformed). */
IMAPI_API imapi_status imapi_fsimage_get_item(imapi_fsimage *image, const char *path, imapi_fsitem **out);
/** CreateDirectoryItem / CreateFileItem: a detached item, placed later with imapi_fsitem_add. */
IMAPI_API imapi_status imapi_fsimage_create_directory_item(imapi_fsimage *image, const char *name,
                                                           imapi_fsitem **out);
IMAPI_API imapi_status imapi_fsimage_create_file_item(imapi_fsimage *image, const char *name,
                                                      imapi_fsitem **out);

/**
 * CreateResultImage: lays out the current tree (fast: metadata only) and returns
 * the result, a frozen snapshot; later changes to the tree do not affect it.
 * File data is read only when the image stream reaches it.
 * Errors: IMAPI_E_NO_OUTPUT, IMAPI_E_IMAGE_SIZE_LIMIT, IMAPI_E_ISO9660_LEVELS
 * (strict), IMAPI_E_DATA_TOO_BIG, IMAPI_E_TOO_MANY_DIRS, IMAPI_E_NO_UNIQUE_NAME.
 */
IMAPI_API imapi_status imapi_fsimage_create_result_image(imapi_fsimage *image, imapi_fsimage_result **out);

/**
 * ImportFileSystem / ImportSpecificFileSystem from an image or disc read as a
 * stream: the session to import starts at block `session_block` of `previous`
 * (0 for a single-session image; the last session's start otherwise, its
 * descriptors being 16 blocks in). `file_system` 0 lets the library choose
 * (Rock Ridge, then UDF, then Joliet, then ISO 9660), or names one of
 * IMAPI_FS_ROCKRIDGE, _UDF, _JOLIET, _ISO9660; *imported (may be NULL) receives
 * the one used.
 * Items already in the tree win over imported ones. Imported files are not
 * copied again: the new session records them where the previous one has them,
 * so set SessionStartBlock to where the new session will be written.
 * On failure the image is as it was.
 * Errors: IMAPI_E_FILE_SYSTEM_NOT_FOUND, IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND,
 * IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR, IMAPI_E_IMPORT_READ_FAILURE,
 * IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY, _DIRECTORY_EXISTS_AS_FILE.
 */
IMAPI_API imapi_status imapi_fsimage_import_stream(imapi_fsimage *image, imapi_stream *previous, int64_t session_block,
                                                   int32_t file_system, int32_t *imported);
/**
 * GetDefaultFileSystemForImport: of the file systems in `file_systems` (a mask,
 * e.g. from imapi_image_reader_get_file_systems, which answers
 * IdentifyFileSystemsOnDisc for an image), the one ImportFileSystem reads:
 * Rock Ridge, then UDF, then Joliet, then ISO 9660.
 * Errors: IMAPI_E_NO_SUPPORTED_FILE_SYSTEM when the mask has none of them.
 */
IMAPI_API imapi_status imapi_fsimage_get_default_file_system_for_import(imapi_fsimage *image, int32_t file_systems,
                                                                       int32_t *default_file_system);

/* ------------------------------------------------------------------------ */
/* Items (IFsiItem, IFsiDirectoryItem, IFsiFileItem)                         */
/* ------------------------------------------------------------------------ */

/** Release an item handle (the item stays in its image). NULL is a no-op. */
IMAPI_API void imapi_fsitem_free(imapi_fsitem *item);
/** IMAPI_ITEM_DIRECTORY, IMAPI_ITEM_FILE or IMAPI_ITEM_SYMLINK. */
IMAPI_API imapi_status imapi_fsitem_get_type(imapi_fsitem *item, int32_t *type);
/** Name: the last path component ("" for the root). */
IMAPI_API imapi_status imapi_fsitem_get_name(imapi_fsitem *item, char **out);
/** FullPath: "/a/b" from the image root ("/" for the root); IMAPI_E_NOT_IN_FILE_SYSTEM when detached. */
IMAPI_API imapi_status imapi_fsitem_get_full_path(imapi_fsitem *item, char **out);
/**
 * FileSystemName / FileSystemPath: the name and path as one file system
 * (IMAPI_FS_ISO9660, _JOLIET, _UDF, _ROCKRIDGE) will record them, after mangling.
 * Errors: IMAPI_E_INVALID_PARAM for another value.
 */
IMAPI_API imapi_status imapi_fsitem_get_file_system_name(imapi_fsitem *item, int32_t file_system, char **out);
IMAPI_API imapi_status imapi_fsitem_get_file_system_path(imapi_fsitem *item, int32_t file_system, char **out);

/** Times (imapi_time). Setting one that precedes the creation time fails with IMAPI_E_INVALID_DATE. */
IMAPI_API imapi_status imapi_fsitem_get_creation_time(imapi_fsitem *item, int64_t *t);
IMAPI_API imapi_status imapi_fsitem_set_creation_time(imapi_fsitem *item, int64_t t);
IMAPI_API imapi_status imapi_fsitem_get_last_accessed_time(imapi_fsitem *item, int64_t *t);
IMAPI_API imapi_status imapi_fsitem_set_last_accessed_time(imapi_fsitem *item, int64_t t);
IMAPI_API imapi_status imapi_fsitem_get_last_modified_time(imapi_fsitem *item, int64_t *t);
IMAPI_API imapi_status imapi_fsitem_set_last_modified_time(imapi_fsitem *item, int64_t t);
/** IsHidden (0/1): the ISO 9660/Joliet "existence" (hidden) flag. */
IMAPI_API imapi_status imapi_fsitem_get_hidden(imapi_fsitem *item, int32_t *hidden);
IMAPI_API imapi_status imapi_fsitem_set_hidden(imapi_fsitem *item, int32_t hidden);
/** Extension: POSIX mode bits (permission bits only, 07777), uid and gid recorded by Rock Ridge. */
IMAPI_API imapi_status imapi_fsitem_get_posix_mode(imapi_fsitem *item, int32_t *mode);
IMAPI_API imapi_status imapi_fsitem_set_posix_mode(imapi_fsitem *item, int32_t mode);
IMAPI_API imapi_status imapi_fsitem_get_posix_owner(imapi_fsitem *item, int32_t *uid, int32_t *gid);
IMAPI_API imapi_status imapi_fsitem_set_posix_owner(imapi_fsitem *item, int32_t uid, int32_t gid);

/* Directory items: calling these on a file fails with IMAPI_E_NOT_DIR. */

/** Count: the number of direct children. */
IMAPI_API imapi_status imapi_fsitem_get_count(imapi_fsitem *dir, int64_t *count);
/** The index-th child in name order (byte order of the UTF-8 names). Errors: IMAPI_E_INVALIDARG. */
IMAPI_API imapi_status imapi_fsitem_get_child(imapi_fsitem *dir, int64_t index, imapi_fsitem **out);
/*
 * Paths given to an item (get_item, add_directory, add_file,
 * add_file_from_path, add_symlink, remove, remove_tree) are relative to that
 * item, the root included: "a/b", never "/a/b" (IMAPI_E_INVALID_PATH with a
 * message; the image's Exists and GetItem take paths from the root). A
 * trailing '/' is ignored; an empty, "." or ".." component is
 * IMAPI_E_INVALID_PATH.
 */
/** Item: a descendant by relative path ("a/b"). Errors: IMAPI_E_ITEM_NOT_FOUND, IMAPI_E_INVALID_PATH. */
IMAPI_API imapi_status imapi_fsitem_get_item(imapi_fsitem *dir, const char *path, imapi_fsitem **out);
/** AddDirectory: creates `path` (relative; its parent must exist). Errors: IMAPI_E_DUP_NAME, IMAPI_E_INVALID_PATH, ... */
IMAPI_API imapi_status imapi_fsitem_add_directory(imapi_fsitem *dir, const char *path);
/** AddFile: a file whose data is `data` (the stream is shared, read when the image is). */
IMAPI_API imapi_status imapi_fsitem_add_file(imapi_fsitem *dir, const char *path, imapi_stream *data);
/**
 * Extension: a file whose data is read from `source_path` when the image is
 * written (no stream handle needed; the file must keep its size).
 */
IMAPI_API imapi_status imapi_fsitem_add_file_from_path(imapi_fsitem *dir, const char *path,
                                                       const char *source_path);
/** Extension: a symbolic link to `target` (recorded by Rock Ridge; absent from Joliet). */
IMAPI_API imapi_status imapi_fsitem_add_symlink(imapi_fsitem *dir, const char *path, const char *target);
/**
 * AddTree: adds the host directory `source_dir` recursively (files, directories,
 * symbolic links; sockets, FIFOs and devices are skipped, and the image records
 * what was: imapi_fsimage_get_skipped_entry). With
 * include_base_dir = 1 the source directory itself becomes a child. Items that
 * already exist are replaced by the source (IMAPI's rule). On failure the image
 * is rolled back to its state before the call.
 * Errors: IMAPI_E_DIRECTORY_READ_FAILURE, IMAPI_E_DATA_STREAM_CREATE_FAILURE,
 * IMAPI_E_INVALID_PATH (a host name that is not valid UTF-8), IMAPI_E_IMAGE_SIZE_LIMIT.
 */
IMAPI_API imapi_status imapi_fsitem_add_tree(imapi_fsitem *dir, const char *source_dir, int32_t include_base_dir);

/**
 * What AddTree does with a host symbolic link (the image's SymlinkPolicy; it
 * applies to AddTree calls made after it is set, never to items already added):
 * - IMAPI_SYMLINKS_RECORD (the default): the link itself is recorded (Rock
 *   Ridge SL, a UDF symbolic-link file entry; plain ISO 9660, which has no
 *   links, shows an empty file of that name, Joliet leaves it out). Some
 *   readers refuse such images: 7-Zip refuses a whole UDF volume that holds a
 *   link ("Unsupported feature"); see docs/decisions.md for each reader.
 * - IMAPI_SYMLINKS_FOLLOW: a link to a file is added as a file with the
 *   target's content and attributes; a link to a directory as a directory
 *   with the target's contents. A link whose target does not exist or cannot
 *   be stat()ed fails the call with IMAPI_E_FILE_NOT_FOUND; a link to a
 *   directory above it in the walk (a loop) with IMAPI_E_DIRECTORY_READ_FAILURE;
 *   both messages name the link, and the image is rolled back as for any
 *   AddTree failure. Two links to one directory add its contents twice.
 * - IMAPI_SYMLINKS_SKIP: links are left out (as sockets, FIFOs and devices
 *   are), and recorded as IMAPI_SKIPPED_SYMLINK (imapi_fsimage_get_skipped_entry).
 * The source_dir argument itself is always followed.
 * Ownership: none (a value). Threads: like every image property, safe from any
 * thread; an AddTree running meanwhile uses the policy it started with.
 * Errors: IMAPI_E_INVALIDARG for any other value (the policy is unchanged),
 * IMAPI_E_INVALID_HANDLE for a NULL or freed image, IMAPI_E_POINTER for a NULL
 * out pointer.
 */
#define IMAPI_SYMLINKS_RECORD 0
#define IMAPI_SYMLINKS_FOLLOW 1
#define IMAPI_SYMLINKS_SKIP 2
IMAPI_API imapi_status imapi_fsimage_set_symlink_policy(imapi_fsimage *image, int32_t policy);
IMAPI_API imapi_status imapi_fsimage_get_symlink_policy(imapi_fsimage *image, int32_t *policy);

/**
 * Extension: what AddTree left out. An image holds directories, regular files
 * and symbolic links; AddTree skips every other host entry (a FIFO, a socket,
 * a character or block device) and, under IMAPI_SYMLINKS_SKIP, links. The
 * image records each such entry with its reason (IMAPI_SKIPPED_*), over every
 * AddTree call on it, in the order the walks met them. A failed AddTree
 * records nothing (its entries are rolled back with the rest of it), and
 * RollbackToChangePoint removes what later calls recorded.
 * Memory is bounded: the image keeps the host paths of the first
 * IMAPI_SKIPPED_PATHS_PER_KIND entries of each reason and only counts the
 * rest, so at most 6 x 100 paths (a path is at most 4096 bytes) however
 * large the tree.
 * - get_skipped_total: how many entries were skipped for `reason`, or for
 *   every reason when `reason` is 0 (counted past the bound: the true total).
 * - get_skipped_entry_count: how many entries are kept (at most
 *   IMAPI_SKIPPED_PATHS_PER_KIND per reason); get_skipped_entry: entry
 *   `index` of them, 0 first.
 * Ownership: host_path is borrowed from the image: it stays valid, even while
 * later AddTree calls record more, until RollbackToChangePoint removes its
 * entry or the image (with its items) is freed. Threads: safe from any
 * thread, like every image property; an entry's index does not change while
 * another thread's AddTree adds entries after it.
 * Errors: IMAPI_E_INVALIDARG for a reason outside 0..IMAPI_SKIPPED_OTHER, an
 * index outside [0, count) or out->struct_size below IMAPI_SKIPPED_ENTRY_V1_SIZE
 * (out is then unchanged); IMAPI_E_POINTER for a NULL out or count;
 * IMAPI_E_INVALID_HANDLE for a NULL or freed image.
 */
/* Reasons: a FIFO (named pipe), a Unix domain socket, a device, a link under
 * IMAPI_SYMLINKS_SKIP, or a file type this library does not know (none on Linux). */
#define IMAPI_SKIPPED_FIFO 1
#define IMAPI_SKIPPED_SOCKET 2
#define IMAPI_SKIPPED_CHARACTER_DEVICE 3
#define IMAPI_SKIPPED_BLOCK_DEVICE 4
#define IMAPI_SKIPPED_SYMLINK 5
#define IMAPI_SKIPPED_OTHER 6
/** How many host paths of each reason an image keeps. */
#define IMAPI_SKIPPED_PATHS_PER_KIND 100

/** One entry AddTree left out, as imapi_fsimage_get_skipped_entry fills it. */
typedef struct imapi_skipped_entry {
  uint32_t struct_size;
  int32_t reason;         /**< IMAPI_SKIPPED_* */
  const char *host_path;  /**< AddTree's source_dir, '/', the path below it; UTF-8 (a byte that is not becomes U+FFFD); borrowed (see above) */
} imapi_skipped_entry;
/** imapi_skipped_entry as first published (through host_path), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_SKIPPED_ENTRY_V1_SIZE 16

IMAPI_API imapi_status imapi_fsimage_get_skipped_total(imapi_fsimage *image, int32_t reason, int64_t *count);
IMAPI_API imapi_status imapi_fsimage_get_skipped_entry_count(imapi_fsimage *image, int64_t *count);
IMAPI_API imapi_status imapi_fsimage_get_skipped_entry(imapi_fsimage *image, int64_t index,
                                                       imapi_skipped_entry *out);
/** Add: places a detached item from CreateFileItem/CreateDirectoryItem in this directory. */
IMAPI_API imapi_status imapi_fsitem_add(imapi_fsitem *dir, imapi_fsitem *item);
/** Remove: a file or an empty directory. Errors: IMAPI_E_DIR_NOT_EMPTY, IMAPI_E_ITEM_NOT_FOUND. */
IMAPI_API imapi_status imapi_fsitem_remove(imapi_fsitem *dir, const char *path);
/** RemoveTree: a directory and everything below it. */
IMAPI_API imapi_status imapi_fsitem_remove_tree(imapi_fsitem *dir, const char *path);

/* File items: calling these on a directory fails with IMAPI_E_NOT_FILE. */

/** DataSize in bytes. */
IMAPI_API imapi_status imapi_fsitem_get_data_size(imapi_fsitem *file, int64_t *size);
/** Data: a new stream over the file's data (its own position). */
IMAPI_API imapi_status imapi_fsitem_get_data(imapi_fsitem *file, imapi_stream **out);
IMAPI_API imapi_status imapi_fsitem_set_data(imapi_fsitem *file, imapi_stream *data);
/** Extension: the target of a symbolic link. */
IMAPI_API imapi_status imapi_fsitem_get_symlink_target(imapi_fsitem *link, char **out);

/* ------------------------------------------------------------------------ */
/* Results (IFileSystemImageResult, IProgressItems)                          */
/* ------------------------------------------------------------------------ */

/** One file's (or metadata area's) block range in the image. */
typedef struct imapi_progress_item {
  uint32_t struct_size;
  const char *description;  /**< image path, or a metadata label; borrowed, valid while the result lives */
  int64_t first_block;
  int64_t last_block;
  int64_t block_count;
} imapi_progress_item;
/** imapi_progress_item as published in 0.1 (through block_count), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_PROGRESS_ITEM_V1_SIZE 40

IMAPI_API void imapi_fsimage_result_free(imapi_fsimage_result *result);
/** ImageStream: a new read-only stream over the whole image, positioned at 0. */
IMAPI_API imapi_status imapi_fsimage_result_get_image_stream(imapi_fsimage_result *result, imapi_stream **out);
IMAPI_API imapi_status imapi_fsimage_result_get_total_blocks(imapi_fsimage_result *result, int64_t *blocks);
IMAPI_API imapi_status imapi_fsimage_result_get_block_size(imapi_fsimage_result *result, int32_t *size);
/** DiscId: a string identifying this image's content (hex digest of its metadata). */
IMAPI_API imapi_status imapi_fsimage_result_get_disc_id(imapi_fsimage_result *result, char **out);
/** ProgressItems: count, by index, by block (ProgressItemFromBlock), by description. */
IMAPI_API imapi_status imapi_fsimage_result_get_progress_item_count(imapi_fsimage_result *result, int64_t *count);
IMAPI_API imapi_status imapi_fsimage_result_get_progress_item(imapi_fsimage_result *result, int64_t index,
                                                              imapi_progress_item *out);
IMAPI_API imapi_status imapi_fsimage_result_find_progress_item_by_block(imapi_fsimage_result *result,
                                                                        int64_t block, int64_t *index);
IMAPI_API imapi_status imapi_fsimage_result_find_progress_item_by_description(imapi_fsimage_result *result,
                                                                              const char *description,
                                                                              int64_t *index);
/**
 * Write the image to a file (created or truncated; "-" is not special here).
 * File data is copied in the kernel where possible. Progress reports sectors
 * (IMAPI_OPERATION_IMAGE_WRITE) with the file being copied, on the calling thread.
 * Errors: IMAPI_E_OUTPUT_WRITE_FAILURE, IMAPI_E_DATA_STREAM_* naming the source,
 * IMAPI_E_REQUEST_CANCELLED. On error the partial output file is removed.
 */
IMAPI_API imapi_status imapi_fsimage_result_write_file(imapi_fsimage_result *result, const char *path,
                                                       imapi_progress_fn progress, void *user);
/** The job form of imapi_fsimage_result_write_file. */
IMAPI_API imapi_status imapi_fsimage_result_write_file_start(imapi_fsimage_result *result, const char *path,
                                                             imapi_job **job);


/* ------------------------------------------------------------------------ */
/* Reading images (IIsoImageManager, and listing/extraction beyond IMAPI)    */
/* ------------------------------------------------------------------------ */

typedef struct imapi_iso_image_manager imapi_iso_image_manager;
typedef struct imapi_image_reader imapi_image_reader;

/** IIsoImageManager: checks an ISO image given by path or stream. */
IMAPI_API imapi_status imapi_iso_image_manager_create(imapi_iso_image_manager **out);
IMAPI_API void imapi_iso_image_manager_free(imapi_iso_image_manager *manager);
/** SetPath: opens the file now (IMAPI_E_IMPORT_READ_FAILURE if it cannot); replaces any stream. */
IMAPI_API imapi_status imapi_iso_image_manager_set_path(imapi_iso_image_manager *manager, const char *path);
/** SetStream: uses the stream (shared); Path becomes "". */
IMAPI_API imapi_status imapi_iso_image_manager_set_stream(imapi_iso_image_manager *manager, imapi_stream *stream);
/** Path ("" when a stream was set) and Stream (a new handle on the image). IMAPI_E_IMAGEMANAGER_NO_IMAGE if neither. */
IMAPI_API imapi_status imapi_iso_image_manager_get_path(imapi_iso_image_manager *manager, char **out);
IMAPI_API imapi_status imapi_iso_image_manager_get_stream(imapi_iso_image_manager *manager, imapi_stream **out);
/**
 * Validate: the size is a whole number of 2048-byte blocks
 * (IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED) and at most 2^31-1 blocks
 * (IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG), there is a valid primary volume descriptor
 * (IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND), and, beyond IMAPI, every directory
 * hierarchy on it reads without error (IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR,
 * naming the block in the message and in imapi_error.lba).
 * IMAPI_E_IMAGEMANAGER_NO_IMAGE when neither path nor stream was set.
 */
IMAPI_API imapi_status imapi_iso_image_manager_validate(imapi_iso_image_manager *manager);

#define IMAPI_ENTRY_DIRECTORY 1
#define IMAPI_ENTRY_FILE 2
#define IMAPI_ENTRY_SYMLINK 3

/** One entry of an image's tree, as imapi_image_reader_get_entry fills it. */
typedef struct imapi_image_entry {
  uint32_t struct_size;
  const char *path;    /**< "/a/b", UTF-8; borrowed, valid until this file system is listed again or the reader is freed */
  int32_t type;        /**< IMAPI_ENTRY_* */
  int64_t size;        /**< bytes (files) */
  int32_t mode;        /**< permission bits from Rock Ridge, or -1 */
  int64_t modified;    /**< imapi_time */
  const char *target;  /**< symbolic links: the target; "" otherwise; borrowed like path */
} imapi_image_entry;
/** imapi_image_entry as published in 0.1 (through target), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_IMAGE_ENTRY_V1_SIZE 56

/**
 * Extension: opens an ISO 9660 and/or UDF image (file or stream) for listing
 * and extraction. The input is treated as hostile: a malformed image is an error,
 * never a crash. Errors as imapi_iso_image_manager_validate.
 */
IMAPI_API imapi_status imapi_image_reader_open_path(const char *path, imapi_image_reader **out);
IMAPI_API imapi_status imapi_image_reader_open_stream(imapi_stream *stream, imapi_image_reader **out);
IMAPI_API void imapi_image_reader_free(imapi_image_reader *reader);
/** The file systems on the image (IMAPI_FS_ISO9660 | _JOLIET | _ROCKRIDGE | _UDF). */
IMAPI_API imapi_status imapi_image_reader_get_file_systems(imapi_image_reader *reader, int32_t *mask);
/**
 * The volume label as the primary descriptor records it (d-characters, so
 * "_N_C_D__TREE" for "Ünïcödé Tree"), or UDF's on a UDF-only image. For the
 * label in Unicode, see imapi_image_reader_get_file_system_volume_name.
 */
IMAPI_API imapi_status imapi_image_reader_get_volume_name(imapi_image_reader *reader, char **out);
/**
 * The volume label one file system records, UTF-8: IMAPI_FS_ISO9660 and
 * _ROCKRIDGE the primary descriptor's, _JOLIET the supplementary descriptor's
 * (UCS-2: up to 16 characters of any script), _UDF the logical volume
 * identifier (up to 126 bytes). Errors: IMAPI_E_FILE_SYSTEM_NOT_FOUND,
 * IMAPI_E_INVALIDARG (not one file system), IMAPI_E_POINTER.
 */
IMAPI_API imapi_status imapi_image_reader_get_file_system_volume_name(imapi_image_reader *reader,
                                                                      int32_t file_system, char **out);
/**
 * Reads the tree of one file system (IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF)
 * and returns how many entries it has, parents before children. Entries stay
 * valid until the next call of this function on the reader or its free.
 * (get_entry, open_file by index and extract use this last listing.)
 * Errors: IMAPI_E_FILE_SYSTEM_NOT_FOUND, IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR.
 */
IMAPI_API imapi_status imapi_image_reader_list(imapi_image_reader *reader, int32_t file_system, int64_t *count);
IMAPI_API imapi_status imapi_image_reader_get_entry(imapi_image_reader *reader, int64_t index, imapi_image_entry *out);
/**
 * A stream over the data of entry `index` of the last listing (a file), whichever
 * file system that was: after listing another file system, the same index names
 * another file. Prefer imapi_image_reader_open_file_by_path, which does not depend
 * on what was listed last. Errors: IMAPI_E_INVALIDARG (index), IMAPI_E_NOT_FILE.
 */
IMAPI_API imapi_status imapi_image_reader_open_file(imapi_image_reader *reader, int64_t index, imapi_stream **out);
/**
 * A stream over the data of the file at `path` ("/a/b", as the listing of
 * `file_system` names it; a missing leading '/' is added) in one file system
 * (IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF), whatever was listed since.
 * The file system is read on first use and kept until its next listing. The
 * stream is independent of the reader's handle (it keeps the image open).
 * Errors: IMAPI_E_ITEM_NOT_FOUND (no such path in that file system),
 * IMAPI_E_NOT_FILE (a directory or link), IMAPI_E_FILE_SYSTEM_NOT_FOUND,
 * IMAPI_E_INVALIDARG (not one file system), IMAPI_E_POINTER.
 */
IMAPI_API imapi_status imapi_image_reader_open_file_by_path(imapi_image_reader *reader, int32_t file_system,
                                                            const char *path, imapi_stream **out);
/**
 * Extracts the last listing into directory `dest` (created if missing), or,
 * when nothing was listed yet, the richest file system (Rock Ridge, then UDF,
 * then Joliet, then ISO 9660; get_entry still needs a listing):
 * directories, files with their contents and modification times, symbolic
 * links, Rock Ridge permission bits. Names that would leave `dest` are refused.
 * What `dest` holds is replaced: an existing file or symbolic link of an
 * entry's name gives way to the entry; existing directories are kept and
 * filled; a directory where the image has a file or link is
 * IMAPI_E_OUTPUT_WRITE_FAILURE. A read error names the entry and keeps the
 * reader's code; IMAPI_E_DATA_TOO_BIG beyond imapi_image_reader_set_extract_limit.
 * Progress reports bytes written, on the calling thread.
 */
IMAPI_API imapi_status imapi_image_reader_extract(imapi_image_reader *reader, const char *dest,
                                                  imapi_progress_fn progress, void *user);
#define IMAPI_OPERATION_EXTRACT 2
/**
 * Extension: the most bytes the files of an extraction may add up to
 * (imapi_image_reader_extract refuses more with IMAPI_E_DATA_TOO_BIG before it
 * writes anything). 0 (the default) means 16 times the image's size plus
 * 1 GiB, which no honest image exceeds short of sparse files or extents shared
 * by many files; a negative value lifts the limit. Holes (UDF's unrecorded
 * extents) are extracted as holes either way. The getter reports the limit in
 * force for this image in bytes, or -1 when lifted. One thread at a time, like
 * the other reader functions.
 */
IMAPI_API imapi_status imapi_image_reader_set_extract_limit(imapi_image_reader *reader, int64_t max_bytes);
IMAPI_API imapi_status imapi_image_reader_get_extract_limit(imapi_image_reader *reader, int64_t *max_bytes);

/* ------------------------------------------------------------------------ */
/* Recorders (IDiscMaster2, IDiscRecorder2, IDiscRecorder2Ex)                */
/* ------------------------------------------------------------------------ */

/*
 * The recorders a process sees are the Linux optical drives (/dev/srN, unique
 * IDs "linux-scsi:" + the drive's sysfs path, stable across reboots; see
 * docs/recorders-linux.md), then the emulated drives named in the environment
 * variable IMAPI_EMU_DRIVES (';'-separated emu: URIs, as for the LD_PRELOAD
 * shim; docs/emulated-drive.md), then those added with
 * imapi_disc_master_add_emulated_drive(). An emulated drive's unique ID is
 * its URI, exactly as given.
 * Device errors carry the SCSI sense key/ASC/ASCQ in imapi_error_last().
 */

typedef struct imapi_recorder imapi_recorder;

/**
 * Extension: adds the emulated drive `uri` ("emu:bd-r?dir=/tmp/disc") to this
 * process's recorders, after those of IMAPI_EMU_DRIVES (adding it twice is a
 * no-op). The drive is opened now, so an empty directory receives a blank disc.
 * Errors: IMAPI_E_INVALIDARG naming the bad part of the URI or the missing directory.
 */
IMAPI_API imapi_status imapi_disc_master_add_emulated_drive(const char *uri);
/** IDiscMaster2::Count: the number of recorders, enumerated afresh on each call. */
IMAPI_API imapi_status imapi_disc_master_get_count(int32_t *count);
/** IDiscMaster2::Item: the unique ID of recorder `index` (0-based). Errors: IMAPI_E_INVALIDARG. */
IMAPI_API imapi_status imapi_disc_master_get_unique_id(int32_t index, char **out);
/** IDiscMaster2::IsSupportedEnvironment: 1 when at least one recorder can be opened by this process. */
IMAPI_API imapi_status imapi_disc_master_is_supported_environment(int32_t *supported);

/**
 * MsftDiscRecorder2 + InitializeDiscRecorder: opens the recorder whose unique
 * ID is `unique_id`. Opening does not lock the drive; several handles (and
 * processes) may share it. Errors: IMAPI_E_INVALIDARG when no recorder has
 * the ID; IMAPI_E_ACCESSDENIED when the device cannot be opened.
 */
IMAPI_API imapi_status imapi_recorder_open(const char *unique_id, imapi_recorder **out);
/** Release a recorder handle, dropping any exclusive access it still holds. NULL is a no-op. */
IMAPI_API void imapi_recorder_free(imapi_recorder *recorder);

/** ActiveDiscRecorder: the unique ID the recorder was opened with. */
IMAPI_API imapi_status imapi_recorder_get_active_disc_recorder(imapi_recorder *recorder, char **out);
/** VendorId, ProductId, ProductRevision: the INQUIRY strings, trailing blanks removed. */
IMAPI_API imapi_status imapi_recorder_get_vendor_id(imapi_recorder *recorder, char **out);
IMAPI_API imapi_status imapi_recorder_get_product_id(imapi_recorder *recorder, char **out);
IMAPI_API imapi_status imapi_recorder_get_product_revision(imapi_recorder *recorder, char **out);
/** VolumeName: the drive's device node ("/dev/sr0"); for an emulated drive, its data image's path. */
IMAPI_API imapi_status imapi_recorder_get_volume_name(imapi_recorder *recorder, char **out);
/**
 * VolumePathNames: the mount points of the medium, one per call: *count
 * receives how many there are, and *out (when index < *count) the index-th
 * path; otherwise *out is set to NULL. Emulated drives are never mounted.
 */
IMAPI_API imapi_status imapi_recorder_get_volume_path_name(imapi_recorder *recorder, int32_t index, char **out,
                                                           int32_t *count);
/** DeviceCanLoadMedia (0/1): the drive has a tray or changer it can close itself (mode page 2Ah). */
IMAPI_API imapi_status imapi_recorder_get_device_can_load_media(imapi_recorder *recorder, int32_t *can_load);
/** LegacyDeviceNumber: N of /dev/srN; for an emulated drive, its position among the emulated drives. */
IMAPI_API imapi_status imapi_recorder_get_legacy_device_number(imapi_recorder *recorder, int32_t *number);

/**
 * SupportedFeaturePages / CurrentFeaturePages (GetSupportedFeaturePages):
 * IMAPI_FEATURE_PAGE_TYPE values (the MMC feature codes), in the drive's
 * order; up to `cap` are written to `pages`, *count = how many there are.
 * Errors: IMAPI_E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED.
 */
IMAPI_API imapi_status imapi_recorder_get_supported_feature_pages(imapi_recorder *recorder, int32_t *pages,
                                                                  int32_t cap, int32_t *count);
IMAPI_API imapi_status imapi_recorder_get_current_feature_pages(imapi_recorder *recorder, int32_t *pages,
                                                                int32_t cap, int32_t *count);
/**
 * SupportedProfiles / CurrentProfiles (GetSupportedProfiles): IMAPI_PROFILE_TYPE
 * values (MMC profile numbers). CurrentProfiles is empty without a medium.
 */
IMAPI_API imapi_status imapi_recorder_get_supported_profiles(imapi_recorder *recorder, int32_t *profiles,
                                                             int32_t cap, int32_t *count);
IMAPI_API imapi_status imapi_recorder_get_current_profiles(imapi_recorder *recorder, int32_t *profiles,
                                                           int32_t cap, int32_t *count);

#define IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES 0
#define IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES 1
#define IMAPI_MODE_PAGE_REQUEST_TYPE_DEFAULT_VALUES 2
#define IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES 3

/**
 * SupportedModePages (request type IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES)
 * and IDiscRecorder2Ex::GetSupportedModePages: the IMAPI_MODE_PAGE_TYPE codes
 * MODE SENSE page 3Fh returns for `request_type`. A drive that keeps no saved
 * values answers request type SAVED with 05/39/00 (saving parameters not
 * supported): IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE, the sense in imapi_error_last().
 */
IMAPI_API imapi_status imapi_recorder_get_supported_mode_pages(imapi_recorder *recorder, int32_t request_type,
                                                               int32_t *pages, int32_t cap, int32_t *count);

/** ExclusiveAccessOwner: the client name of whoever holds the drive exclusively, "" when nobody does. */
IMAPI_API imapi_status imapi_recorder_get_exclusive_access_owner(imapi_recorder *recorder, char **out);
/**
 * AcquireExclusiveAccess: adds one level of exclusive access held by this
 * handle (ReleaseExclusiveAccess drops one; the drive is free at zero, or
 * when the handle is freed or the process ends). `client_name`: 1-64
 * letters, digits, spaces, '.', '_' or '-' (IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID).
 * Another handle or process holding the drive: IMAPI_E_RECORDER_LOCKED, naming
 * it (`force` does not take a drive from another holder).
 * A mounted medium (the mount points of imapi_recorder_get_volume_path_name):
 * with force = 0, IMAPI_E_RECORDER_LOCKED naming the mount point; with
 * force = 1 the library unmounts every mount of it first (umount2, newest
 * first), which needs root (CAP_SYS_ADMIN): without it IMAPI_E_ACCESSDENIED,
 * and with files still open there IMAPI_E_RECORDER_LOCKED, each naming the
 * mount point and its errno (imapi_error_last) and saying what to do
 * (udisksctl unmount, fuser). Mounts already undone stay undone. Emulated
 * drives are never mounted: force changes nothing for them.
 *
 * While a handle holds the drive, every other handle (of this process or
 * another) is refused what would change the drive or its medium, with
 * IMAPI_E_RECORDER_LOCKED naming the holder (imapi_error_last()->message):
 * imapi_recorder_eject_media, _close_tray, _set_mode_page,
 * _send_dvd_structure, and imapi_recorder_send_command of any command that is
 * not a pure query (writes, FORMAT UNIT, BLANK, CLOSE TRACK/SESSION, MODE
 * SELECT, START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL, SET CD SPEED,
 * SET STREAMING, SEND ..., vendor commands). Queries still work for everyone:
 * media info, disc/track information, features, profiles, mode pages, and
 * pass-through TEST UNIT READY, REQUEST SENSE, INQUIRY, MODE SENSE, READ
 * (6/10/12/CD/CD MSF), READ CAPACITY, READ FORMAT CAPACITIES, READ TOC/PMA/ATIP,
 * READ SUB-CHANNEL, READ DISC/TRACK INFORMATION, READ DISC STRUCTURE, READ
 * BUFFER CAPACITY, READ BUFFER, GET CONFIGURATION, GET EVENT STATUS
 * NOTIFICATION, GET PERFORMANCE, LOG SENSE, MECHANISM STATUS, REPORT KEY,
 * REPORT LUNS. On Linux drives the holder is known from the owner registry
 * (docs/recorders-linux.md), so only programs using libimapi are held off;
 * others that do not open the drive O_EXCL are not.
 */
IMAPI_API imapi_status imapi_recorder_acquire_exclusive_access(imapi_recorder *recorder, int32_t force,
                                                               const char *client_name);
/** ReleaseExclusiveAccess. Releasing what this handle does not hold: IMAPI_E_FAIL. */
IMAPI_API imapi_status imapi_recorder_release_exclusive_access(imapi_recorder *recorder);
/** EjectMedia: unlocks the tray and ejects the medium (START STOP UNIT). */
IMAPI_API imapi_status imapi_recorder_eject_media(imapi_recorder *recorder);
/** CloseTray: loads the medium. */
IMAPI_API imapi_status imapi_recorder_close_tray(imapi_recorder *recorder);
/**
 * DisableMcn / EnableMcn: no-ops that return IMAPI_S_OK. Linux has no
 * per-drive media-change notification switch a library could flip (udisks
 * and desktop automounters decide themselves); hold exclusive access to keep
 * them from mounting a disc being written.
 */
IMAPI_API imapi_status imapi_recorder_disable_mcn(imapi_recorder *recorder);
IMAPI_API imapi_status imapi_recorder_enable_mcn(imapi_recorder *recorder);

/* IMAPI_FORMAT2_DATA_MEDIA_STATE bits (imapi_media_info.state). */
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_UNKNOWN 0x0
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY 0x1
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK 0x2
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE 0x4
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_FINAL_SESSION 0x8
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_DAMAGED 0x400
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_ERASE_REQUIRED 0x800
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_NON_EMPTY_SESSION 0x1000
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED 0x2000
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED 0x4000
#define IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MEDIA 0x8000
/* IMAPI_MEDIA_WRITE_PROTECT_STATE bits (imapi_media_info.write_protect). */
#define IMAPI_WRITEPROTECTED_UNTIL_POWERDOWN 0x1
#define IMAPI_WRITEPROTECTED_BY_CARTRIDGE 0x2
#define IMAPI_WRITEPROTECTED_BY_MEDIA_SPECIFIC_REASON 0x4
#define IMAPI_WRITEPROTECTED_BY_SOFTWARE_WRITE_PROTECT 0x8
#define IMAPI_WRITEPROTECTED_BY_DISC_CONTROL_BLOCK 0x10
#define IMAPI_WRITEPROTECTED_READ_ONLY_MEDIA 0x4000

/** The medium in a recorder (what IDiscFormat2Data reports of it). */
typedef struct imapi_media_info {
  uint32_t struct_size;
  int32_t present;          /**< 0: no medium (every other field 0) */
  int32_t profile;          /**< current IMAPI_PROFILE_TYPE */
  int32_t physical_type;    /**< IMAPI_MEDIA_TYPE_* (CurrentPhysicalMediaType) */
  int32_t state;            /**< IMAPI_FORMAT2_DATA_MEDIA_STATE_* bits (CurrentMediaStatus) */
  int32_t write_protect;    /**< IMAPI_WRITEPROTECTED_* bits (WriteProtectStatus) */
  int32_t sessions;         /**< sessions holding data (1 for random-access media) */
  int64_t total_sectors;    /**< TotalSectorsOnMedia: used + free, 2048-byte sectors */
  int64_t free_sectors;     /**< FreeSectorsOnMedia (the whole medium on overwritable media) */
  int64_t next_writable_address; /**< NextWritableAddress (0 on overwritable media) */
} imapi_media_info;
/** imapi_media_info as published in 0.1 (through next_writable_address), in bytes on LP64 (x86-64, arm64). */
#define IMAPI_MEDIA_INFO_V1_SIZE 56

/**
 * Extension: the medium in the recorder. No medium is not an error
 * (present = 0). `out->struct_size` must be set (see Structs).
 */
IMAPI_API imapi_status imapi_recorder_get_media_info(imapi_recorder *recorder, imapi_media_info *out);

/*
 * IDiscRecorder2Ex. Replies are copied into a caller buffer: up to `cap`
 * bytes are written to `buf` and *size receives the reply's full length, so a
 * caller may ask with cap 0 first (buf may then be NULL).
 */

/** GetDiscInformation: the READ DISC INFORMATION reply (at most 65,538 bytes). */
IMAPI_API imapi_status imapi_recorder_get_disc_information(imapi_recorder *recorder, void *buf, int64_t cap,
                                                           int64_t *size);
#define IMAPI_READ_TRACK_ADDRESS_TYPE_LBA 0
#define IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK 1
#define IMAPI_READ_TRACK_ADDRESS_TYPE_SESSION 2
/**
 * GetTrackInformation: the READ TRACK INFORMATION reply for `address` of
 * `address_type` (IMAPI_READ_TRACK_ADDRESS_TYPE_*; track 255 is the invisible track).
 */
IMAPI_API imapi_status imapi_recorder_get_track_information(imapi_recorder *recorder, int64_t address,
                                                            int32_t address_type, void *buf, int64_t cap,
                                                            int64_t *size);
/**
 * GetFeaturePage: one GET CONFIGURATION feature descriptor, its 4-byte header
 * included (at most 256 bytes). With current_only = 1 a feature that is not
 * current fails. Errors: IMAPI_E_RECORDER_NO_SUCH_FEATURE, _FEATURE_IS_NOT_CURRENT.
 */
IMAPI_API imapi_status imapi_recorder_get_feature_page(imapi_recorder *recorder, int32_t feature,
                                                       int32_t current_only, void *buf, int64_t cap, int64_t *size);
/**
 * GetModePage: one MODE SENSE(10) page, its page code and length bytes
 * included, of IMAPI_MODE_PAGE_REQUEST_TYPE `request_type` (current,
 * changeable: a mask of the settable bits, default: the power-on values, saved).
 * Errors: IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE when the drive has no such page
 * (05/24/00) or keeps no saved values (05/39/00).
 */
IMAPI_API imapi_status imapi_recorder_get_mode_page(imapi_recorder *recorder, int32_t page, int32_t request_type,
                                                    void *buf, int64_t cap, int64_t *size);
/**
 * SetModePage: MODE SELECT(10) of one whole page (`data`, `size` bytes: code,
 * length, then exactly `length` bytes), as current values (request type 0) or
 * also saved (3). Errors: IMAPI_E_INVALIDARG, IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS.
 */
IMAPI_API imapi_status imapi_recorder_set_mode_page(imapi_recorder *recorder, int32_t request_type,
                                                    const void *data, int64_t size);

/**
 * ReadDvdStructure: the READ DISC STRUCTURE reply (DVD media type) for
 * `format` (0-255) at `address` on `layer` (0-255) with AGID `agid` (0-3),
 * header included (at most 65,535 bytes).
 * Errors: IMAPI_E_INVALIDARG, IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT.
 */
IMAPI_API imapi_status imapi_recorder_read_dvd_structure(imapi_recorder *recorder, int32_t format, int64_t address,
                                                         int32_t layer, int32_t agid, void *buf, int64_t cap,
                                                         int64_t *size);
/**
 * SendDvdStructure: SEND DISC STRUCTURE of `format` with the parameter list
 * `data` (`size`: 1 to 65,535 bytes), e.g. format 20h (layer boundary
 * information: 00h 0Ah, 6 reserved bytes, the L0 data zone capacity in blocks)
 * on a blank DVD+R DL. Errors: as imapi_recorder_read_dvd_structure; the
 * drive's refusals (e.g. 05/2C/00 once recording has begun) carry its sense.
 */
IMAPI_API imapi_status imapi_recorder_send_dvd_structure(imapi_recorder *recorder, int32_t format, const void *data,
                                                         int64_t size);

#define IMAPI_COMMAND_NO_DATA 0
#define IMAPI_COMMAND_TO_DEVICE 1
#define IMAPI_COMMAND_FROM_DEVICE 2
/**
 * SendCommandNoData / SendCommandSendDataToDevice / SendCommandGetDataFromDevice:
 * sends the CDB `data` (`size`: 6 to 16 bytes) with a data phase in
 * `direction` (IMAPI_COMMAND_*) over the caller's buffer `buf` of `cap` bytes
 * (read for TO_DEVICE, filled for FROM_DEVICE, ignored for NO_DATA), waiting
 * up to `timeout_s` seconds (0: IMAPI's default, 10 s). The command is sent
 * once, as given: unlike the library's own commands (which wait longer for
 * FORMAT UNIT, BLANK, CLOSE and SYNCHRONIZE CACHE and re-issue a command the
 * drive answers "becoming ready" or "operation in progress"), a NOT READY
 * comes back to the caller. *transferred (may be NULL) receives the bytes moved. When the device answers CHECK CONDITION the
 * call returns IMAPI_S_COMMAND_HAS_SENSE_DATA (a success: the command was
 * delivered) and the sense bytes are kept for imapi_recorder_get_last_sense().
 * Errors: IMAPI_E_INVALIDARG (CDB length, direction), IMAPI_E_RECORDER_COMMAND_TIMEOUT.
 */
IMAPI_API imapi_status imapi_recorder_send_command(imapi_recorder *recorder, const void *data, int64_t size,
                                                   int32_t direction, void *buf, int64_t cap, int32_t timeout_s,
                                                   int64_t *transferred);
/** The sense bytes of the last imapi_recorder_send_command that returned sense data (18 bytes; 0 when none). */
IMAPI_API imapi_status imapi_recorder_get_last_sense(imapi_recorder *recorder, void *buf, int64_t cap,
                                                     int64_t *size);
/**
 * GetByteAlignmentMask, GetMaximumNonPageAlignedTransferSize,
 * GetMaximumPageAlignedTransferSize: what buffers the transport accepts, from
 * the adapter descriptor (imapi_recorder_get_adapter_descriptor):
 * AlignmentMask; min(MaximumTransferLength, (MaximumPhysicalPages - 1) * 4096)
 * for a buffer not starting on a 4 KiB page, MaximumPhysicalPages * 4096 for
 * one that does. imapi_recorder_send_command refuses larger buffers. On Linux
 * a buffer off the mask is accepted but copied by the kernel. An emulated
 * drive: mask 0, 65,536 bytes either way.
 */
IMAPI_API imapi_status imapi_recorder_get_byte_alignment_mask(imapi_recorder *recorder, int32_t *mask);
IMAPI_API imapi_status imapi_recorder_get_maximum_non_page_aligned_transfer_size(imapi_recorder *recorder,
                                                                                 int32_t *bytes);
IMAPI_API imapi_status imapi_recorder_get_maximum_page_aligned_transfer_size(imapi_recorder *recorder,
                                                                             int32_t *bytes);

/* STORAGE_BUS_TYPE values (BusType of both descriptors). */
#define IMAPI_STORAGE_BUS_TYPE_UNKNOWN 0x00
#define IMAPI_STORAGE_BUS_TYPE_SCSI 0x01
#define IMAPI_STORAGE_BUS_TYPE_ATAPI 0x02
#define IMAPI_STORAGE_BUS_TYPE_ATA 0x03
#define IMAPI_STORAGE_BUS_TYPE_1394 0x04
#define IMAPI_STORAGE_BUS_TYPE_FIBRE 0x06
#define IMAPI_STORAGE_BUS_TYPE_USB 0x07
#define IMAPI_STORAGE_BUS_TYPE_ISCSI 0x09
#define IMAPI_STORAGE_BUS_TYPE_SAS 0x0A
#define IMAPI_STORAGE_BUS_TYPE_SATA 0x0B
#define IMAPI_STORAGE_BUS_TYPE_FILE_BACKED_VIRTUAL 0x0F

/**
 * GetAdapterDescriptor: Windows' STORAGE_ADAPTER_DESCRIPTOR, byte for byte
 * (little-endian, 32 bytes), so code ported from Windows parses it unchanged:
 *   0 DWORD Version (32)           4 DWORD Size (32)
 *   8 DWORD MaximumTransferLength 12 DWORD MaximumPhysicalPages
 *  16 DWORD AlignmentMask
 *  20 BOOLEAN AdapterUsesPio (0), 21 AdapterScansDown (0), 22 CommandQueueing,
 *  23 AcceleratedTransfer (0)     24 BYTE BusType (IMAPI_STORAGE_BUS_TYPE_*), 25 pad
 *  26 WORD BusMajorVersion (0)    28 WORD BusMinorVersion (0)
 *  30 BYTE SrbType (0)            31 BYTE AddressType (0)
 * A Linux drive (sysfs /sys/class/block/srN): MaximumTransferLength =
 * queue/max_hw_sectors_kb * 1024 (the kernel refuses longer SG_IO transfers),
 * MaximumPhysicalPages = queue/max_segments, AlignmentMask = queue/dma_alignment
 * (511 where the kernel lacks the attribute), CommandQueueing = device/queue_depth > 1,
 * BusType from the device path: USB, 1394, ATAPI (libata, SATA or PATA),
 * iSCSI, SAS, FIBRE, else SCSI. An emulated drive: 65,536 bytes, 17 pages,
 * mask 0, FILE_BACKED_VIRTUAL. Fields Linux does not know are 0.
 */
IMAPI_API imapi_status imapi_recorder_get_adapter_descriptor(imapi_recorder *recorder, void *buf, int64_t cap,
                                                             int64_t *size);
/**
 * GetDeviceDescriptor: Windows' STORAGE_DEVICE_DESCRIPTOR (little-endian):
 *   0 DWORD Version (40, its sizeof)  4 DWORD Size (the whole blob)
 *   8 BYTE DeviceType (INQUIRY peripheral type, 05h)  9 BYTE DeviceTypeModifier
 *  10 BOOLEAN RemovableMedia (sysfs `removable`; emulated: INQUIRY's RMB)
 *  11 BOOLEAN CommandQueueing (INQUIRY's CMDQUE)
 *  12 DWORD VendorIdOffset  16 DWORD ProductIdOffset  20 DWORD ProductRevisionOffset
 *  24 DWORD SerialNumberOffset (0: the drive reports no serial number)
 *  28 DWORD BusType (IMAPI_STORAGE_BUS_TYPE_*, as in the adapter descriptor)
 *  32 DWORD RawPropertiesLength  36 RawDeviceProperties: the standard INQUIRY data
 * then the NUL-terminated ASCII strings the offsets (from the blob's start)
 * point at: vendor, product and revision exactly as INQUIRY has them (blank
 * padded to 8, 16 and 4 characters), and the serial number of VPD page 80h
 * when the drive lists that page. Size = 36 + RawPropertiesLength + the strings.
 */
IMAPI_API imapi_status imapi_recorder_get_device_descriptor(imapi_recorder *recorder, void *buf, int64_t cap,
                                                            int64_t *size);

/* ------------------------------------------------------------------------ */
/* Burning (IDiscFormat2, IDiscFormat2Data, IWriteEngine2, IMultisession*,   */
/* IBurnVerification, IWriteSpeedDescriptor)                                 */
/* ------------------------------------------------------------------------ */

/*
 * How a burn runs (docs/burn-engine.md has the details and the per-medium
 * decisions). Three parties share a ring buffer of sector-aligned chunks
 * (64 MiB by default, set per write; memory is bounded by it, never by the
 * image size):
 *   - the producer fills the ring from the stream. A stream made by
 *     imapi_fsimage_result_get_image_stream is assembled from its layout:
 *     metadata from memory, file data read asynchronously (io_uring where the
 *     kernel allows it, else parallel reads on the library's worker pool),
 *     many files in flight. Any other stream (file, memory, zero, and
 *     especially a caller's imapi_stream_create_user vtable) is read on the
 *     thread that called the write: the calling thread for the blocking form,
 *     the job's worker thread for the _start form. A user stream is never
 *     read on two threads at once and never after the write returned.
 *   - the writer, the only thread issuing WRITEs to the drive, on a thread of
 *     its own for the duration of the write (a WRITE blocked in SG_IO never
 *     starves the pool that reads the source);
 *   - the calling thread (or the job's worker), which waits, invokes the
 *     progress callback and reacts to cancellation.
 * The progress callback is invoked only on the thread that called the
 * blocking write: once for each of validating, formatting, initializing and
 * power calibration as they happen, at least every 0.5 s while writing,
 * once at finalization, verification, and completion.
 *
 * Exclusive access. Write and WriteSection acquire exclusive access to the
 * drive (imapi_recorder_acquire_exclusive_access, with the format's client
 * name) for their whole duration and release it on every path (success,
 * error, cancel). A drive held by another owner: IMAPI_E_RECORDER_LOCKED
 * naming the holder.
 *
 * Recorder handles. A format or write engine keeps the recorder it was given
 * alive (the caller may free its handle). While a write runs, the recorder
 * object is the writer's: do not use that recorder handle (or one returned by
 * _get_recorder) until the write has returned; open another handle on the same
 * unique ID (imapi_recorder_open) to query the drive meanwhile.
 *
 * Errors common to every write: IMAPI_E_RECORDER_REQUIRED (no recorder set),
 * IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID, IMAPI_E_DF2DATA_WRITE_IN_PROGRESS,
 * IMAPI_E_RECORDER_MEDIA_NO_MEDIA, IMAPI_E_RECORDER_LOCKED,
 * IMAPI_E_REQUEST_CANCELLED, IMAPI_E_DATA_STREAM_READ_FAILURE (the source
 * failed; the message names it), the device errors of the recorder section
 * (sense key/ASC/ASCQ and LBA in imapi_error_last()), IMAPI_E_LOSS_OF_STREAMING,
 * IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE (a write error the drive reported).
 * The message of a failed write says what the disc holds afterwards (e.g.
 * "previous sessions are intact; the disc can take another session").
 */

typedef struct imapi_disc_format_data imapi_disc_format_data;
typedef struct imapi_write_engine imapi_write_engine;

/* imapi2error.h: success codes of SetWriteSpeed and CancelWrite. */
/** SetWriteSpeed: the requested speed is not offered; the nearest lower one (or the slowest) is used. */
#define IMAPI_S_SPEEDADJUSTED IMAPI_STATUS_(0x00AA0004u)
/** SetWriteSpeed: the requested rotation (pure CAV or not) is not offered; the other one is used. */
#define IMAPI_S_ROTATIONADJUSTED IMAPI_STATUS_(0x00AA0005u)
/** SetWriteSpeed: both speed and rotation were adjusted. */
#define IMAPI_S_BOTHADJUSTED IMAPI_STATUS_(0x00AA0006u)
/** Burn verification found a difference; the message and imapi_error.lba name the first bad block. */
#define IMAPI_E_BURN_VERIFICATION_FAILED IMAPI_STATUS_(0xC0AA0007u)
/** CancelWrite with no write running. */
#define IMAPI_S_WRITE_NOT_IN_PROGRESS IMAPI_STATUS_(0x00AA0302u)
/* imapi2error.h: IDiscFormat2Data. */
#define IMAPI_E_DF2DATA_WRITE_IN_PROGRESS IMAPI_STATUS_(0xC0AA0400u)
#define IMAPI_E_DF2DATA_WRITE_NOT_IN_PROGRESS IMAPI_STATUS_(0xC0AA0401u)
#define IMAPI_E_DF2DATA_INVALID_MEDIA_STATE IMAPI_STATUS_(0xC0AA0402u)
#define IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA0403u)
#define IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA IMAPI_STATUS_(0xC0AA0404u)
#define IMAPI_E_DF2DATA_MEDIA_NOT_BLANK IMAPI_STATUS_(0xC0AA0405u)
#define IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA0406u)
#define IMAPI_E_DF2DATA_RECORDER_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA0407u)
#define IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID IMAPI_STATUS_(0xC0AA0408u)

/* imapi2error.h: IDiscFormat2Erase (most are 0x80AA..., the last three 0xC0AA..., as IMAPI numbers them). */
/** SetRecorder, or a property change, while an erase or format runs on the object. */
#define IMAPI_E_ERASE_RECORDER_IN_USE IMAPI_STATUS_(0x80AA0900u)
#define IMAPI_E_ERASE_ONLY_ONE_RECORDER_SUPPORTED IMAPI_STATUS_(0x80AA0901u)
#define IMAPI_E_ERASE_DISC_INFORMATION_TOO_SMALL IMAPI_STATUS_(0x80AA0902u)
#define IMAPI_E_ERASE_MODE_PAGE_2A_TOO_SMALL IMAPI_STATUS_(0x80AA0903u)
/** The drive reports the disc as not erasable (READ DISC INFORMATION's Erasable bit). */
#define IMAPI_E_ERASE_MEDIA_IS_NOT_ERASABLE IMAPI_STATUS_(0x80AA0904u)
/** The drive refused BLANK or FORMAT UNIT; nothing was changed (sense in imapi_error_last()). */
#define IMAPI_E_ERASE_DRIVE_FAILED_ERASE_COMMAND IMAPI_STATUS_(0x80AA0905u)
/** The drive was still busy erasing or formatting after an hour. */
#define IMAPI_E_ERASE_TOOK_LONGER_THAN_ONE_HOUR IMAPI_STATUS_(0x80AA0906u)
/** The drive reported an error while erasing or formatting; the disc's state is unknown. */
#define IMAPI_E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE IMAPI_STATUS_(0x80AA0907u)
#define IMAPI_E_ERASE_DRIVE_FAILED_SPINUP_COMMAND IMAPI_STATUS_(0x80AA0908u)
/** The disc in the drive has no such operation (erase: not CD-RW/DVD-RW; format: see imapi_disc_format_erase_format_media). */
#define IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA0909u)
/** The drive can erase none of the media it takes. */
#define IMAPI_E_ERASE_RECORDER_NOT_SUPPORTED IMAPI_STATUS_(0xC0AA090Au)
#define IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID IMAPI_STATUS_(0xC0AA090Bu)

/** Operation of imapi_progress for burns (imapi_job_progress of a write job): done/total are sectors. */
#define IMAPI_OPERATION_BURN 3

/* IMAPI_FORMAT2_DATA_WRITE_ACTION (IMAPI's values). */
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA 0
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA 1
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_INITIALIZING_HARDWARE 2
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_CALIBRATING_POWER 3
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA 4
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION 5
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED 6
#define IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING 7

/* IMAPI_BURN_VERIFICATION_LEVEL (IMAPI's values). */
#define IMAPI_BURN_VERIFICATION_NONE 0
#define IMAPI_BURN_VERIFICATION_QUICK 1
#define IMAPI_BURN_VERIFICATION_FULL 2

/* IMAPI_SECTORS_PER_SECOND_AT_1X_*: write speeds are sectors per second; x = speed / these. */
#define IMAPI_SECTORS_PER_SECOND_AT_1X_CD 75
#define IMAPI_SECTORS_PER_SECOND_AT_1X_DVD 680
#define IMAPI_SECTORS_PER_SECOND_AT_1X_BD 2195
#define IMAPI_SECTORS_PER_SECOND_AT_1X_HD_DVD 4568

/** Default ring buffer of a write, in bytes (64 MiB). */
#define IMAPI_DEFAULT_BURN_BUFFER_SIZE (64 * 1024 * 1024)

/**
 * The Update event's arguments (IDiscFormat2DataEventArgs and its base
 * IWriteEngine2EventArgs), plus what IMAPI does not report: the drive's
 * buffer, the speed actually reached and the underruns. Filled by the library;
 * set struct_size first (any value >= IMAPI_BURN_PROGRESS_V1_SIZE; fields
 * beyond struct_size are not written).
 */
typedef struct imapi_burn_progress {
  uint32_t struct_size;
  int32_t current_action;      /**< IMAPI_FORMAT2_DATA_WRITE_ACTION_* (CurrentAction) */
  int64_t elapsed_time_ms;     /**< ElapsedTime, since the write was called */
  int64_t remaining_time_ms;   /**< RemainingTime: estimate from the current speed; -1 before one is known */
  int64_t total_time_ms;       /**< TotalTime: elapsed + remaining; -1 before an estimate is known */
  int64_t start_lba;           /**< StartLba: first LBA of this write */
  int64_t sector_count;        /**< SectorCount: sectors this write records (stream + post-gap) */
  int64_t last_read_lba;       /**< LastReadLba: last LBA taken from the source into the ring; start_lba - 1 before any */
  int64_t last_written_lba;    /**< LastWrittenLba: last LBA the drive accepted; start_lba - 1 before any */
  int64_t total_system_buffer; /**< TotalSystemBuffer: the ring's size in bytes */
  int64_t used_system_buffer;  /**< UsedSystemBuffer: bytes read ahead and not yet written */
  int64_t free_system_buffer;  /**< FreeSystemBuffer: total - used */
  int64_t drive_buffer_size;   /**< extension: the drive's buffer (READ BUFFER CAPACITY) in bytes, 0 if unknown */
  int64_t drive_buffer_free;   /**< extension: its free bytes at the last poll */
  int32_t drive_buffer_fill_percent; /**< extension: 0-100, -1 if unknown */
  int32_t current_speed_kbps;  /**< extension: write rate over the last second, kB/s (1000 bytes); 0 when not writing */
  int64_t underrun_count;      /**< extension: buffer underruns during this write (the drive's BUFE recoveries included) */
} imapi_burn_progress;
#define IMAPI_BURN_PROGRESS_V1_SIZE 120

/**
 * The Update event: invoked on the thread that called the blocking write
 * (see above). Return 0 to continue, non-zero to cancel (the write then
 * returns IMAPI_E_REQUEST_CANCELLED). The struct is valid during the call.
 * It must not call into the format or engine handle, except
 * _cancel_write and _get_progress.
 */
typedef int32_t (*imapi_burn_progress_fn)(void *user, const imapi_burn_progress *progress);

/** IWriteSpeedDescriptor. */
typedef struct imapi_write_speed_descriptor {
  uint32_t struct_size;
  int32_t media_type;                  /**< IMAPI_MEDIA_TYPE_* (MediaType) */
  int32_t rotation_type_is_pure_cav;   /**< RotationTypeIsPureCAV, 0/1 */
  int32_t write_speed;                 /**< WriteSpeed, sectors per second */
} imapi_write_speed_descriptor;
#define IMAPI_WRITE_SPEED_DESCRIPTOR_V1_SIZE 16

/* Kinds of IMultisession (IMAPI tells them apart by interface). */
/** IMultisessionSequential2: a new session after the last (CD-R/RW, DVD±R, DVD+R DL, DVD-RW sequential, BD-R). */
#define IMAPI_MULTISESSION_SEQUENTIAL 1
/** IMultisessionRandomWrite: a logical session on overwritable media (DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite). */
#define IMAPI_MULTISESSION_RANDOM_WRITE 2

/**
 * One element of MultisessionInterfaces (IMultisession and the properties of
 * its sequential or random-write interface; those of the other kind are 0).
 * Addresses are LBAs, counts are 2048-byte sectors.
 */
typedef struct imapi_multisession {
  uint32_t struct_size;
  int32_t type;                          /**< IMAPI_MULTISESSION_* */
  int32_t is_supported_on_current_media_state; /**< IsSupportedOnCurrentMediaState, 0/1 */
  int32_t in_use;                        /**< InUse, 0/1 */
  int32_t is_first_data_session;         /**< sequential: IsFirstDataSession (the disc holds no data session yet) */
  int32_t write_unit_size;               /**< WriteUnitSize: sectors a write is a multiple of (16 DVD, 32 BD, 1 CD) */
  int64_t start_address_of_previous_session;        /**< sequential: StartAddressOfPreviousSession, -1 if none */
  int64_t last_written_address_of_previous_session; /**< sequential: LastWrittenAddressOfPreviousSession, -1 if none */
  int64_t next_writable_address;         /**< sequential: NextWritableAddress; random-write: where the next
                                              logical session starts (after the last, on a 32-block boundary) */
  int64_t free_sectors_on_media;         /**< sequential: FreeSectorsOnMedia */
  int64_t last_written_address;          /**< random-write: LastWrittenAddress (end of the file system), -1 if blank */
  int64_t total_sectors_on_media;        /**< random-write: TotalSectorsOnMedia */
} imapi_multisession;
#define IMAPI_MULTISESSION_V1_SIZE 72

/* --- IDiscFormat2Data: creation and setup ------------------------------- */

/**
 * MsftDiscFormat2Data: a new data writer with IMAPI's defaults (no recorder,
 * no client name, every flag 0, verification QUICK, speed: the drive's
 * maximum, buffer IMAPI_DEFAULT_BURN_BUFFER_SIZE).
 */
IMAPI_API imapi_status imapi_disc_format_data_create(imapi_disc_format_data **out);
/**
 * Release the writer. A write still running on another thread (the job form)
 * is cancelled and waited for first. NULL is a no-op.
 */
IMAPI_API void imapi_disc_format_data_free(imapi_disc_format_data *format);

/**
 * Recorder (put): the recorder to write with; the format shares the
 * recorder object (see "Recorder handles" above). NULL clears it.
 * Errors: IMAPI_E_DF2DATA_WRITE_IN_PROGRESS.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_recorder(imapi_disc_format_data *format, imapi_recorder *recorder);
/**
 * Recorder (get): a new recorder handle on the same recorder object (it holds
 * the same exclusive access levels); free it with imapi_recorder_free.
 * Errors: IMAPI_E_RECORDER_REQUIRED when none is set.
 */
IMAPI_API imapi_status imapi_disc_format_data_get_recorder(imapi_disc_format_data *format, imapi_recorder **out);
/**
 * ClientName: the name under which Write holds the drive exclusively
 * (required before Write; rules of imapi_recorder_acquire_exclusive_access).
 * Errors: IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_client_name(imapi_disc_format_data *format, const char *name);
/** ClientName (get): "" when none was set. */
IMAPI_API imapi_status imapi_disc_format_data_get_client_name(imapi_disc_format_data *format, char **out);

/* --- IDiscFormat2 ------------------------------------------------------- */

/** IsRecorderSupported: 1 when the drive can write at least one medium this writer supports. */
IMAPI_API imapi_status imapi_disc_format_data_is_recorder_supported(imapi_disc_format_data *format,
                                                                    imapi_recorder *recorder, int32_t *supported);
/**
 * IsCurrentMediaSupported: 1 when the medium in `recorder` is one this writer
 * writes (CD-R/RW, DVD±R, DVD+R DL, DVD±RW, DVD-RAM, BD-R, BD-RE), whatever
 * its state (a closed disc is supported, but not writable: see the status).
 */
IMAPI_API imapi_status imapi_disc_format_data_is_current_media_supported(imapi_disc_format_data *format,
                                                                         imapi_recorder *recorder,
                                                                         int32_t *supported);
/** MediaPhysicallyBlank: the drive reports the disc blank (READ DISC INFORMATION). Errors: IMAPI_E_RECORDER_REQUIRED. */
IMAPI_API imapi_status imapi_disc_format_data_get_media_physically_blank(imapi_disc_format_data *format,
                                                                         int32_t *blank);
/**
 * MediaHeuristicallyBlank: physically blank, or overwritable media whose
 * first 64 KiB (where a file system's descriptors are) read as zeros.
 */
IMAPI_API imapi_status imapi_disc_format_data_get_media_heuristically_blank(imapi_disc_format_data *format,
                                                                            int32_t *blank);
/**
 * SupportedMediaTypes: the IMAPI_MEDIA_TYPE_* values this writer can write
 * with the recorder set (up to cap written, *count = how many there are).
 */
IMAPI_API imapi_status imapi_disc_format_data_get_supported_media_types(imapi_disc_format_data *format,
                                                                        int32_t *types, int32_t cap,
                                                                        int32_t *count);

/* --- IDiscFormat2Data: the medium ---------------------------------------- */
/* Each asks the drive afresh. Errors: IMAPI_E_RECORDER_REQUIRED, device errors. */

/** CurrentMediaStatus: IMAPI_FORMAT2_DATA_MEDIA_STATE_* bits (0 without a medium). */
IMAPI_API imapi_status imapi_disc_format_data_get_current_media_status(imapi_disc_format_data *format,
                                                                       int32_t *state);
/** WriteProtectStatus: IMAPI_WRITEPROTECTED_* bits. */
IMAPI_API imapi_status imapi_disc_format_data_get_write_protect_status(imapi_disc_format_data *format,
                                                                       int32_t *write_protect);
/** CurrentPhysicalMediaType: IMAPI_MEDIA_TYPE_*. */
IMAPI_API imapi_status imapi_disc_format_data_get_current_physical_media_type(imapi_disc_format_data *format,
                                                                              int32_t *media_type);
/** TotalSectorsOnMedia: used + free 2048-byte sectors. */
IMAPI_API imapi_status imapi_disc_format_data_get_total_sectors_on_media(imapi_disc_format_data *format,
                                                                         int64_t *sectors);
/** FreeSectorsOnMedia: what the next write can record (the whole medium on overwritable media). */
IMAPI_API imapi_status imapi_disc_format_data_get_free_sectors_on_media(imapi_disc_format_data *format,
                                                                        int64_t *sectors);
/** NextWritableAddress: where the next session starts (0 on overwritable media). */
IMAPI_API imapi_status imapi_disc_format_data_get_next_writable_address(imapi_disc_format_data *format,
                                                                        int64_t *lba);
/** StartAddressOfPreviousSession: first LBA of the last recorded session; -1 on a blank disc. */
IMAPI_API imapi_status imapi_disc_format_data_get_start_address_of_previous_session(imapi_disc_format_data *format,
                                                                                    int64_t *lba);
/** LastWrittenAddressOfPreviousSession: last LBA of the last recorded session; -1 on a blank disc. */
IMAPI_API imapi_status imapi_disc_format_data_get_last_written_address_of_previous_session(
    imapi_disc_format_data *format, int64_t *lba);

/* --- IDiscFormat2Data: write options (0/1 flags) ------------------------- */
/* Setters fail with IMAPI_E_DF2DATA_WRITE_IN_PROGRESS while a write runs. */

/**
 * ForceMediaToBeClosed: 1 closes (finalizes) the disc after this write, so no
 * session can follow; 0 leaves sequential media appendable. Whatever it says,
 * a write that leaves 2% of the medium or less free closes the disc.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_force_media_to_be_closed(imapi_disc_format_data *format,
                                                                           int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_force_media_to_be_closed(imapi_disc_format_data *format,
                                                                           int32_t *value);
/**
 * DisableConsumerDvdCompatibilityMode (DVD+R, DVD+R DL), IMAPI's rule: with 0
 * (the default) the disc is closed compatibly after the write whatever
 * ForceMediaToBeClosed says (CLOSE function 110b on DVD+R, 101b on DL: DVD-ROM
 * players read it); with 1 and ForceMediaToBeClosed 1 a normal close (101b);
 * with 1 and ForceMediaToBeClosed 0 only the session is closed, so the disc
 * stays appendable. So a multisession DVD+R needs 1 here. (IMAPI closes a
 * DVD+R DL even then; libimapi leaves it appendable like DVD+R.)
 */
IMAPI_API imapi_status imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(
    imapi_disc_format_data *format, int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode(
    imapi_disc_format_data *format, int32_t *value);
/**
 * ForceOverwrite: 1 lets Write overwrite overwritable media (DVD±RW, DVD-RAM,
 * BD-RE) that already hold data; with 0 such media fail with
 * IMAPI_E_DF2DATA_MEDIA_NOT_BLANK unless heuristically blank or the stream is
 * a new session for them (imapi_multisession, IMAPI_MULTISESSION_RANDOM_WRITE).
 */
IMAPI_API imapi_status imapi_disc_format_data_set_force_overwrite(imapi_disc_format_data *format, int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_force_overwrite(imapi_disc_format_data *format, int32_t *value);
/** BufferUnderrunFreeDisabled: 1 turns BUFE (mode page 05h) off; CD only, ignored elsewhere. */
IMAPI_API imapi_status imapi_disc_format_data_set_buffer_underrun_free_disabled(imapi_disc_format_data *format,
                                                                                int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_buffer_underrun_free_disabled(imapi_disc_format_data *format,
                                                                                int32_t *value);
/** PostgapAlreadyInImage: 1 when the stream already ends with the CD's 150-sector post-gap; CD only. */
IMAPI_API imapi_status imapi_disc_format_data_set_postgap_already_in_image(imapi_disc_format_data *format,
                                                                           int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_postgap_already_in_image(imapi_disc_format_data *format,
                                                                           int32_t *value);
/**
 * IBurnVerification.BurnVerificationLevel: IMAPI_BURN_VERIFICATION_NONE,
 * QUICK (the track the drive reports for the session, plus XXH3 checksums of
 * sample areas: the first, middle and last 64 blocks of the session and 8
 * ranges of 16 blocks spread evenly, compared with the hashes of the same
 * areas taken as the stream was written), or FULL (the track check plus the
 * whole session read back and compared per 16-block range with those hashes;
 * the source is not read again, except the one range that differs, to name
 * its block when the stream can be read there).
 * A difference: IMAPI_E_BURN_VERIFICATION_FAILED with the first differing LBA
 * in the message and imapi_error.lba. Errors: IMAPI_E_INVALIDARG.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_burn_verification_level(imapi_disc_format_data *format,
                                                                          int32_t level);
IMAPI_API imapi_status imapi_disc_format_data_get_burn_verification_level(imapi_disc_format_data *format,
                                                                          int32_t *level);
/**
 * Extension: the ring buffer of the next writes, in bytes: 0 restores
 * IMAPI_DEFAULT_BURN_BUFFER_SIZE; otherwise 1 MiB to 4 GiB, rounded up to the
 * medium's write unit. Errors: IMAPI_E_INVALIDARG.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_buffer_size(imapi_disc_format_data *format, int64_t bytes);
IMAPI_API imapi_status imapi_disc_format_data_get_buffer_size(imapi_disc_format_data *format, int64_t *bytes);
/**
 * Extension (IWriteEngine2.UseStreamingWrite12 for the data writer): 1 writes
 * BD-RE and DVD-RAM with WRITE(12) and the Streaming bit (no defect-management
 * check reads: full speed, defects not replaced), in whole 64 KiB (BD) or
 * 32 KiB (DVD-RAM) units; other media ignore it.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_use_streaming_write12(imapi_disc_format_data *format,
                                                                        int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_use_streaming_write12(imapi_disc_format_data *format,
                                                                        int32_t *value);
/**
 * Extension: 1 makes the next writes test writes (page 05h Test Write bit:
 * the laser stays off, nothing is recorded) where the medium has them (CD-R/RW,
 * DVD-R/RW); elsewhere Write fails with IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_test_write(imapi_disc_format_data *format, int32_t value);
IMAPI_API imapi_status imapi_disc_format_data_get_test_write(imapi_disc_format_data *format, int32_t *value);

/* --- IDiscFormat2Data: speed --------------------------------------------- */

/**
 * SetWriteSpeed: request `sectors_per_second` (-1 or 0x7FFFFFFF: the fastest)
 * with pure CAV rotation or not, used for the next writes (SET STREAMING /
 * SET CD SPEED as the write starts). The request is matched now against the
 * speeds the drive offers for the medium: IMAPI_S_OK when offered exactly,
 * IMAPI_S_SPEEDADJUSTED when the nearest lower one (or the slowest) will be
 * used, IMAPI_S_ROTATIONADJUSTED, IMAPI_S_BOTHADJUSTED. Errors:
 * IMAPI_E_RECORDER_REQUIRED, IMAPI_E_INVALIDARG (0 or below -1),
 * IMAPI_E_DF2DATA_WRITE_IN_PROGRESS.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_write_speed(imapi_disc_format_data *format,
                                                              int32_t sectors_per_second, int32_t pure_cav);
/** RequestedWriteSpeed: what SetWriteSpeed was given (sectors/s; -1 = fastest, the default). */
IMAPI_API imapi_status imapi_disc_format_data_get_requested_write_speed(imapi_disc_format_data *format,
                                                                        int32_t *sectors_per_second);
/** RequestedRotationTypeIsPureCAV (0/1). */
IMAPI_API imapi_status imapi_disc_format_data_get_requested_rotation_type_is_pure_cav(
    imapi_disc_format_data *format, int32_t *pure_cav);
/**
 * CurrentWriteSpeed: the speed the drive uses for the medium (GET PERFORMANCE
 * write speed descriptor of the current setting; during a write, the speed set
 * for it), sectors per second.
 */
IMAPI_API imapi_status imapi_disc_format_data_get_current_write_speed(imapi_disc_format_data *format,
                                                                      int32_t *sectors_per_second);
/** CurrentRotationTypeIsPureCAV (0/1). */
IMAPI_API imapi_status imapi_disc_format_data_get_current_rotation_type_is_pure_cav(
    imapi_disc_format_data *format, int32_t *pure_cav);
/** SupportedWriteSpeeds: sectors per second, fastest first (up to cap written, *count = how many). */
IMAPI_API imapi_status imapi_disc_format_data_get_supported_write_speeds(imapi_disc_format_data *format,
                                                                         int32_t *speeds, int32_t cap,
                                                                         int32_t *count);
/** SupportedWriteSpeedDescriptors: how many there are (same order as the speeds). */
IMAPI_API imapi_status imapi_disc_format_data_get_write_speed_descriptor_count(imapi_disc_format_data *format,
                                                                               int32_t *count);
/** SupportedWriteSpeedDescriptors[index]; out->struct_size must be set. Errors: IMAPI_E_INVALIDARG. */
IMAPI_API imapi_status imapi_disc_format_data_get_write_speed_descriptor(imapi_disc_format_data *format,
                                                                         int32_t index,
                                                                         imapi_write_speed_descriptor *out);

/* --- IDiscFormat2Data: multisession -------------------------------------- */

/**
 * MultisessionInterfaces: how many there are for the medium now (never 0 with
 * a medium: sequential media have the sequential one, overwritable media the
 * random-write one). Errors: IMAPI_E_RECORDER_REQUIRED, IMAPI_E_RECORDER_MEDIA_NO_MEDIA.
 */
IMAPI_API imapi_status imapi_disc_format_data_get_multisession_count(imapi_disc_format_data *format,
                                                                     int32_t *count);
/** MultisessionInterfaces[index], read from the drive now; out->struct_size must be set. */
IMAPI_API imapi_status imapi_disc_format_data_get_multisession(imapi_disc_format_data *format, int32_t index,
                                                               imapi_multisession *out);
/**
 * IMultisession.InUse (put) of MultisessionInterfaces[index]: marks the kind
 * the next write continues (at most one is in use; 1 clears the others).
 * Errors: IMAPI_E_INVALIDARG.
 */
IMAPI_API imapi_status imapi_disc_format_data_set_multisession_in_use(imapi_disc_format_data *format,
                                                                      int32_t index, int32_t in_use);
/**
 * IMultisession.ImportRecorder made usable: a read-only stream over the
 * recorded medium (READ(10) of 2048-byte blocks from LBA 0 to the end of the
 * last session), for imapi_fsimage_import_stream with
 * start_address_of_previous_session (sequential) or 0 (random-write) as
 * session_block. It shares the recorder object: read it only while no write
 * runs. Errors: IMAPI_E_RECORDER_REQUIRED, IMAPI_E_RECORDER_MEDIA_NO_MEDIA,
 * IMAPI_E_EMPTY_DISC (nothing recorded).
 */
IMAPI_API imapi_status imapi_disc_format_data_create_media_stream(imapi_disc_format_data *format,
                                                                  imapi_stream **out);

/* --- IDiscFormat2Data: writing -------------------------------------------- */

/**
 * Write: burns the whole stream as one session, blocking; progress as
 * described at the top of this section (`progress` may be NULL).
 * Sequential media: the session starts at NextWritableAddress; the disc is
 * left appendable unless ForceMediaToBeClosed (or <= 2% left free) closes it.
 * Overwritable media: written from LBA 0 (blank DVD+RW / BD-RE are formatted
 * first), or, when the random-write multisession is in use, a new logical
 * session at its next_writable_address whose volume descriptors are then
 * copied to LBA 16 as growisofs -M does (the stream is then the image of the
 * new session, made with SessionStartBlock = next_writable_address).
 * CD: 150 sectors of post-gap are appended unless PostgapAlreadyInImage.
 * Then verification as BurnVerificationLevel says.
 * Errors (beyond the common ones): IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED (size
 * not a multiple of 2048, or 0), IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA,
 * IMAPI_E_DF2DATA_MEDIA_NOT_BLANK, IMAPI_E_DF2DATA_INVALID_MEDIA_STATE (closed
 * disc, or a state the writer cannot continue), IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED,
 * IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED, IMAPI_E_BURN_VERIFICATION_FAILED.
 * The stream is read from position 0 to its size; its position afterwards is
 * unspecified.
 * Extension: a caller's stream whose size callback reports
 * IMAPI_STREAM_SIZE_UNKNOWN (a pipe) is burned to its end, read in order
 * (never seeked back): a last partial sector is padded with zeros; a stream
 * going on past the free space fails with
 * IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA (what was written is
 * closed as after a write error); an empty one with
 * IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED. The 2% rule is applied to the size
 * found at the end; a DVD+R DL gets the drive's own layer break; progress
 * reports sector_count 0 (unknown) until the end; FULL verification reads the
 * disc back against the hashes taken while writing, as for any stream.
 */
IMAPI_API imapi_status imapi_disc_format_data_write(imapi_disc_format_data *format, imapi_stream *data,
                                                    imapi_burn_progress_fn progress, void *user);
/**
 * The job form of Write: runs on the library's worker pool (a user stream is
 * read there). imapi_job_progress reports IMAPI_OPERATION_BURN in sectors;
 * imapi_disc_format_data_get_progress has the full event arguments;
 * imapi_job_cancel and imapi_disc_format_data_cancel_write both cancel.
 */
IMAPI_API imapi_status imapi_disc_format_data_write_start(imapi_disc_format_data *format, imapi_stream *data,
                                                          imapi_job **job);
/**
 * CancelWrite: asks the running write to stop; returns at once; any thread,
 * also from the progress callback. IMAPI_S_WRITE_NOT_IN_PROGRESS when none runs.
 * The write returns IMAPI_E_REQUEST_CANCELLED after the drive has been left
 * in a usable state (what was written is closed as a track on sequential media
 * where the medium needs it; docs/burn-engine.md says what the disc holds).
 */
IMAPI_API imapi_status imapi_disc_format_data_cancel_write(imapi_disc_format_data *format);
/**
 * Extension: a snapshot of the running (or last) write's event arguments; any
 * thread, any time. Before any write: action VALIDATING_MEDIA and zeros.
 * out->struct_size must be set (>= IMAPI_BURN_PROGRESS_V1_SIZE).
 */
IMAPI_API imapi_status imapi_disc_format_data_get_progress(imapi_disc_format_data *format,
                                                           imapi_burn_progress *out);
/**
 * Extension: compares the last session on the disc with `image` (from its
 * position 0 to its size), block by block, on the calling thread, reporting
 * action VERIFYING. A difference: IMAPI_E_BURN_VERIFICATION_FAILED naming the
 * first differing LBA; a session shorter than the image also fails (its end LBA).
 */
IMAPI_API imapi_status imapi_disc_format_data_verify(imapi_disc_format_data *format, imapi_stream *image,
                                                     imapi_burn_progress_fn progress, void *user);

/* --- IWriteEngine2 ---------------------------------------------------------- */

/**
 * MsftWriteEngine2: the low-level writer (no session handling, no closing):
 * BytesPerSector 2048, WRITE(10), no speed hints, buffer
 * IMAPI_DEFAULT_BURN_BUFFER_SIZE.
 */
IMAPI_API imapi_status imapi_write_engine_create(imapi_write_engine **out);
/** Release the engine; a running write is cancelled and waited for first. NULL is a no-op. */
IMAPI_API void imapi_write_engine_free(imapi_write_engine *engine);
/** Recorder (put/get), as for the data writer (IWriteEngine2 takes an IDiscRecorder2Ex; ours is both). */
IMAPI_API imapi_status imapi_write_engine_set_recorder(imapi_write_engine *engine, imapi_recorder *recorder);
IMAPI_API imapi_status imapi_write_engine_get_recorder(imapi_write_engine *engine, imapi_recorder **out);
/**
 * UseStreamingWrite12: 1 sends WRITE(12) with the Streaming bit (IMAPI
 * answers E_NOTIMPL; libimapi does it): on BD-RE and DVD-RAM no defect
 * management (full speed); each WriteSection must then cover whole 32 KiB
 * (DVD-RAM) / 64 KiB (BD) units, else IMAPI_E_INVALIDARG. 0: WRITE(10).
 */
IMAPI_API imapi_status imapi_write_engine_set_use_streaming_write12(imapi_write_engine *engine, int32_t value);
IMAPI_API imapi_status imapi_write_engine_get_use_streaming_write12(imapi_write_engine *engine, int32_t *value);
/**
 * StartingSectorsPerSecond / EndingSectorsPerSecond: the speed the caller
 * expects at the start and end of the section (0: unknown); the writer paces
 * its drive-buffer polling by them. Errors: IMAPI_E_INVALIDARG (negative).
 */
IMAPI_API imapi_status imapi_write_engine_set_starting_sectors_per_second(imapi_write_engine *engine,
                                                                          int32_t value);
IMAPI_API imapi_status imapi_write_engine_get_starting_sectors_per_second(imapi_write_engine *engine,
                                                                          int32_t *value);
IMAPI_API imapi_status imapi_write_engine_set_ending_sectors_per_second(imapi_write_engine *engine, int32_t value);
IMAPI_API imapi_status imapi_write_engine_get_ending_sectors_per_second(imapi_write_engine *engine, int32_t *value);
/**
 * BytesPerSector: bytes of the stream per block written (2048 for data; 2052
 * to 2448 for raw CD formats the drive's write parameters were set up for by
 * the caller). Errors: IMAPI_E_INVALIDARG outside 2048-2448 or not a multiple of 4.
 */
IMAPI_API imapi_status imapi_write_engine_set_bytes_per_sector(imapi_write_engine *engine, int32_t bytes);
IMAPI_API imapi_status imapi_write_engine_get_bytes_per_sector(imapi_write_engine *engine, int32_t *bytes);
/** Extension: the ring buffer size, as imapi_disc_format_data_set_buffer_size. */
IMAPI_API imapi_status imapi_write_engine_set_buffer_size(imapi_write_engine *engine, int64_t bytes);
IMAPI_API imapi_status imapi_write_engine_get_buffer_size(imapi_write_engine *engine, int64_t *bytes);
/** WriteInProgress (0/1); any thread. */
IMAPI_API imapi_status imapi_write_engine_get_write_in_progress(imapi_write_engine *engine, int32_t *value);
/**
 * WriteSection: writes `block_count` blocks of BytesPerSector bytes from the
 * stream's position 0 to the medium at `start_lba`, through the ring buffer
 * and the writer thread, blocking; no preparation, no post-gap, no closing
 * (the caller has prepared the medium). Progress (may be NULL) as for the
 * data writer (actions WRITING_DATA, then COMPLETED).
 * Errors: IMAPI_E_INVALIDARG (negative address or count, stream shorter than
 * block_count blocks), the common errors.
 */
IMAPI_API imapi_status imapi_write_engine_write_section(imapi_write_engine *engine, imapi_stream *data,
                                                        int64_t start_lba, int64_t block_count,
                                                        imapi_burn_progress_fn progress, void *user);
/** The job form of WriteSection (see imapi_disc_format_data_write_start). */
IMAPI_API imapi_status imapi_write_engine_write_section_start(imapi_write_engine *engine, imapi_stream *data,
                                                              int64_t start_lba, int64_t block_count,
                                                              imapi_job **job);
/** CancelWrite: any thread; IMAPI_S_WRITE_NOT_IN_PROGRESS when none runs. */
IMAPI_API imapi_status imapi_write_engine_cancel_write(imapi_write_engine *engine);
/** Extension: the running (or last) section's event arguments (IWriteEngine2EventArgs and more); any thread. */
IMAPI_API imapi_status imapi_write_engine_get_progress(imapi_write_engine *engine, imapi_burn_progress *out);

/* ------------------------------------------------------------------------ */
/* IDiscFormat2Erase, and formatting (extension)                             */
/* ------------------------------------------------------------------------ */

/*
 * MsftDiscFormat2Erase: blanks a CD-RW or DVD-RW (EraseMedia) and, as
 * libimapi's extension on the same object, formats DVD+RW, DVD-RW (to
 * restricted overwrite), DVD-RAM, BD-RE and blank BD-R (FormatMedia).
 *
 * Threads. As the data writer: one operation at a time per object; the
 * blocking forms run on the calling thread and call `progress` there; the job
 * forms run on the library's worker pool. _cancel and _get_progress may be
 * called from any thread at any time; the other functions not while an
 * operation runs (IMAPI_E_ERASE_RECORDER_IN_USE).
 *
 * Progress. IMAPI's Update(elapsedSeconds, estimatedTotalSeconds) is
 * imapi_burn_progress's elapsed_time_ms and total_time_ms (divide by 1000):
 * the estimate follows from the drive's progress indication (sense bytes
 * 16-17 of its NOT READY answers to TEST UNIT READY, polled every 200 ms),
 * -1 until the drive has reported some progress. current_action is
 * IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA, then _FORMATTING_MEDIA
 * while the drive works, then _COMPLETED; sector_count is the medium's
 * sectors and last_written_lba + 1 the part of them the drive reports done.
 * The buffer, speed and underrun fields are 0.
 *
 * Cancel. Honoured until BLANK / FORMAT UNIT is sent (the operation returns
 * IMAPI_E_REQUEST_CANCELLED with nothing written); after that a drive cannot
 * stop, and the operation runs to its end.
 *
 * Exclusive access, recorder handles: as for the data writer (held with the
 * client name for the whole operation, released on every path).
 *
 * Errors common to both operations: IMAPI_E_RECORDER_REQUIRED,
 * IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID, IMAPI_E_ERASE_RECORDER_IN_USE,
 * IMAPI_E_RECORDER_MEDIA_NO_MEDIA, IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED,
 * IMAPI_E_RECORDER_LOCKED, IMAPI_E_REQUEST_CANCELLED,
 * IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED (the disc has no such operation;
 * nothing is sent to the drive), IMAPI_E_ERASE_DRIVE_FAILED_ERASE_COMMAND
 * (the drive refused the command; its sense in imapi_error_last()),
 * IMAPI_E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE,
 * IMAPI_E_ERASE_TOOK_LONGER_THAN_ONE_HOUR.
 */
typedef struct imapi_disc_format_erase imapi_disc_format_erase;

/** Operation of imapi_progress for erase and format jobs: done/total are the medium's sectors. */
#define IMAPI_OPERATION_ERASE 4

/* Spare areas of a BD format (extension). */
/** The drive's default spare areas (BD-RE format type 30h, BD-R 32h). */
#define IMAPI_FORMAT_SPARES_DEFAULT 0
/** No spare areas, no defect management (BD-RE format type 31h; a blank BD-R is left as it comes, SRM without spares). */
#define IMAPI_FORMAT_SPARES_NONE 1

/** MsftDiscFormat2Erase: no recorder, no client name, FullErase 0, spares default. */
IMAPI_API imapi_status imapi_disc_format_erase_create(imapi_disc_format_erase **out);
/** Release the object; a running job is cancelled (see Cancel above) and waited for first. NULL is a no-op. */
IMAPI_API void imapi_disc_format_erase_free(imapi_disc_format_erase *format);
/**
 * Recorder (put): the recorder to erase with, shared with the caller's handle;
 * NULL clears it. Errors: IMAPI_E_ERASE_RECORDER_IN_USE while an operation runs.
 */
IMAPI_API imapi_status imapi_disc_format_erase_set_recorder(imapi_disc_format_erase *format, imapi_recorder *recorder);
/** Recorder (get): a new handle on the same recorder object; free it. IMAPI_E_RECORDER_REQUIRED when none is set. */
IMAPI_API imapi_status imapi_disc_format_erase_get_recorder(imapi_disc_format_erase *format, imapi_recorder **out);
/**
 * ClientName: the name the drive is held under (required before erasing).
 * Errors: IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID. _get: a copy to imapi_free ("" when unset).
 */
IMAPI_API imapi_status imapi_disc_format_erase_set_client_name(imapi_disc_format_erase *format, const char *name);
IMAPI_API imapi_status imapi_disc_format_erase_get_client_name(imapi_disc_format_erase *format, char **out);
/**
 * FullErase (0/1, default 0): 1 blanks the whole disc (BLANK type 0, minutes
 * to an hour); 0 blanks only the PMA, TOC and first pregap (BLANK "minimal",
 * IMAPI's quick erase: the data stays but is unreachable). For FormatMedia, 1
 * asks for a full format or full certification (medium by medium, see there).
 * Errors: IMAPI_E_INVALIDARG (not 0/1), IMAPI_E_ERASE_RECORDER_IN_USE.
 */
IMAPI_API imapi_status imapi_disc_format_erase_set_full_erase(imapi_disc_format_erase *format, int32_t value);
IMAPI_API imapi_status imapi_disc_format_erase_get_full_erase(imapi_disc_format_erase *format, int32_t *value);
/**
 * IsRecorderSupported (IDiscFormat2): *supported = 1 when `recorder` takes a
 * medium EraseMedia blanks (a CD-RW or DVD-RW profile among its profiles).
 * The format's own recorder is not needed. Errors: IMAPI_E_INVALID_HANDLE.
 */
IMAPI_API imapi_status imapi_disc_format_erase_is_recorder_supported(imapi_disc_format_erase *format,
                                                                     imapi_recorder *recorder, int32_t *supported);
/**
 * IsCurrentMediaSupported (IDiscFormat2): *supported = 1 when the disc in
 * `recorder` is one EraseMedia blanks (CD-RW, DVD-RW), whatever its state.
 */
IMAPI_API imapi_status imapi_disc_format_erase_is_current_media_supported(imapi_disc_format_erase *format,
                                                                          imapi_recorder *recorder, int32_t *supported);
/** CurrentPhysicalMediaType: IMAPI_MEDIA_TYPE_* of the disc in the recorder (UNKNOWN when none). */
IMAPI_API imapi_status imapi_disc_format_erase_get_current_physical_media_type(imapi_disc_format_erase *format,
                                                                               int32_t *media_type);
/**
 * Extension: the spare areas FormatMedia gives a BD (IMAPI_FORMAT_SPARES_*).
 * Errors: IMAPI_E_INVALIDARG (another value), IMAPI_E_ERASE_RECORDER_IN_USE.
 */
IMAPI_API imapi_status imapi_disc_format_erase_set_format_spares(imapi_disc_format_erase *format, int32_t spares);
IMAPI_API imapi_status imapi_disc_format_erase_get_format_spares(imapi_disc_format_erase *format, int32_t *spares);
/**
 * EraseMedia: blanks the CD-RW or DVD-RW in the recorder, blocking, BLANK
 * sent with IMMED and the drive polled until done (progress as above; may be
 * NULL). A restricted-overwrite DVD-RW becomes sequential (blank) again.
 * Any other medium: IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED, nothing sent (an
 * overwritable DVD+RW, DVD-RAM or BD-RE is written over or formatted instead);
 * a disc the drive reports not erasable: IMAPI_E_ERASE_MEDIA_IS_NOT_ERASABLE.
 */
IMAPI_API imapi_status imapi_disc_format_erase_erase_media(imapi_disc_format_erase *format,
                                                           imapi_burn_progress_fn progress, void *user);
/**
 * The job form of EraseMedia: imapi_job_progress reports IMAPI_OPERATION_ERASE
 * (done/total: the medium's sectors, from the drive's progress);
 * imapi_disc_format_erase_get_progress the full arguments; imapi_job_cancel
 * cancels as described above.
 */
IMAPI_API imapi_status imapi_disc_format_erase_erase_media_start(imapi_disc_format_erase *format, imapi_job **job);
/**
 * Extension: formats the disc in the recorder, blocking (FORMAT UNIT with
 * IMMED, polled; progress as above):
 *   DVD+RW: format type 26h, then CLOSE 000b (quick: the drive stops its
 *     background format) or, with FullErase, 010b (the drive completes it);
 *   BD-RE: 30h with the drive's default spares (subtype quick certification,
 *     quick reformat if already formatted, full certification with FullErase)
 *     or, with IMAPI_FORMAT_SPARES_NONE, 31h (no spares, no defect management);
 *   BD-R (blank only): 32h, SRM with spare areas; with IMAPI_FORMAT_SPARES_NONE
 *     nothing is sent (a blank BD-R is SRM without spares already);
 *   DVD-RAM: 00h;
 *   DVD-RW: to restricted overwrite, 15h (quick) or 00h (full, FullErase).
 * The size is the one the drive offers for that type (READ FORMAT CAPACITIES).
 * Errors: IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED (another medium, a BD-R holding
 * data, a type the drive does not offer; nothing sent), IMAPI_E_INVALIDARG
 * (IMAPI_FORMAT_SPARES_NONE on a medium other than BD), the common errors.
 */
IMAPI_API imapi_status imapi_disc_format_erase_format_media(imapi_disc_format_erase *format,
                                                            imapi_burn_progress_fn progress, void *user);
/** The job form of FormatMedia (as imapi_disc_format_erase_erase_media_start). */
IMAPI_API imapi_status imapi_disc_format_erase_format_media_start(imapi_disc_format_erase *format, imapi_job **job);
/**
 * Extension: asks the running erase or format to stop (see Cancel above);
 * returns at once; any thread. IMAPI_S_WRITE_NOT_IN_PROGRESS when none runs.
 */
IMAPI_API imapi_status imapi_disc_format_erase_cancel(imapi_disc_format_erase *format);
/** Extension: the running (or last) operation's progress; any thread; out->struct_size must be set. */
IMAPI_API imapi_status imapi_disc_format_erase_get_progress(imapi_disc_format_erase *format, imapi_burn_progress *out);

#ifdef __cplusplus
}
#endif
#endif /* IMAPI_C_H */
