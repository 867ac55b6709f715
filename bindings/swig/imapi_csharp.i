/* imapi_csharp.i -- how imapi_c.h's types cross into C# (included by imapi.i).
 *
 * The generated layer is a thin, copy-free P/Invoke surface: every pointer
 * (handles, out parameters, buffers, structs, callbacks) crosses as a raw
 * IntPtr. The hand-written layer (bindings/csharp/Imapi) owns lifetimes with
 * SafeHandles, pins buffers and spans, and declares the structs with their C
 * layout, so nothing is marshalled or copied behind the caller's back.
 * Input strings are marshalled explicitly as UTF-8 (never the ANSI code page);
 * returned `const char *` are static or borrowed, so they cross as IntPtr and
 * the caller decodes them as UTF-8 without freeing them.
 */

/* The structs are declared by hand in C# (blittable, sequential layout). */
%ignore imapi_error;
%ignore imapi_progress;
%ignore imapi_progress_item;
%ignore imapi_image_entry;
%ignore imapi_media_info;
%ignore imapi_stream_vtable;
%ignore imapi_burn_progress;
%ignore imapi_write_speed_descriptor;
%ignore imapi_multisession;
%ignore imapi_skipped_entry;

%define IMAPI_CS_RAW_POINTER(TYPES...)
%typemap(ctype) TYPES "void *"
%typemap(imtype, out="global::System.IntPtr") TYPES "global::System.IntPtr"
%typemap(cstype, out="global::System.IntPtr") TYPES "global::System.IntPtr"
%typemap(in) TYPES %{ $1 = ($1_ltype)$input; %}
%typemap(out) TYPES %{ $result = (void *)$1; %}
%typemap(csin) TYPES "$csinput"
%typemap(csout, excode=SWIGEXCODE) TYPES { return $imcall; }
%enddef

IMAPI_CS_RAW_POINTER(SWIGTYPE *, SWIGTYPE **, void *, const void *, char **, imapi_progress_fn, imapi_burn_progress_fn)

/* const char *: UTF-8 in, IntPtr out (static or borrowed storage). */
%typemap(ctype) const char * "char *"
%typemap(imtype,
         inattributes="[global::System.Runtime.InteropServices.MarshalAs(global::System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)]",
         out="global::System.IntPtr") const char * "string"
%typemap(cstype, out="global::System.IntPtr") const char * "string"
%typemap(in) const char * %{ $1 = (char *)$input; %}
%typemap(out) const char * %{ $result = (char *)$1; %}
%typemap(csin) const char * "$csinput"
%typemap(csout, excode=SWIGEXCODE) const char * { return $imcall; }

/* Users see the idiomatic layer (namespace Imapi); the generated one stays internal. */
%pragma(csharp) moduleclassmodifiers="internal class"
%pragma(csharp) imclassclassmodifiers="internal class"

/* Helper streams: the array of stream handles and of interleave sizes cross as IntPtr. */
IMAPI_CS_RAW_POINTER(imapi_stream *const *, const int64_t *, uint32_t *)
