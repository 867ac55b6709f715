//! Raw FFI declarations of libimapi's C ABI (`include/imapi_c.h`), generated
//! by bindgen and committed; see `regenerate.sh`. Use the `imapi` crate for a
//! safe API. Linking: `build.rs` adds `-limapi`, searching `IMAPI_LIB_DIR`
//! when it is set, else the `libdir` pkg-config gives for `imapi`.
#![allow(non_camel_case_types, non_upper_case_globals, non_snake_case, clippy::all)]

include!("bindings.rs");
include!("status.rs");
