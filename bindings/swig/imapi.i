/* imapi.i -- the one SWIG module behind the C# and Java bindings.
 *
 * SWIG reads include/imapi_c.h itself, so every function the header declares
 * gets a generated entry point; nothing here lists functions by hand. The
 * per-language files only say how each C type crosses into that language.
 * The numeric IMAPI_* constants are not generated: the idiomatic layers carry
 * them as typed enums with IMAPI's names and values.
 */
%module ImapiNative

%{
#include <stdlib.h>
#include <string.h>
#include "imapi_c.h"
%}

%include <stdint.i>

/* IMAPI_API only matters when building the library itself. */
#define IMAPI_API

/* Constants become enums in the idiomatic layers (see above). */
%rename("$ignore", %$isconstant) "";

#if defined(SWIGCSHARP)
%include "imapi_csharp.i"
#elif defined(SWIGJAVA)
%include "imapi_java.i"
#else
#error "libimapi's SWIG module supports C# and Java"
#endif

%include "imapi_c.h"
