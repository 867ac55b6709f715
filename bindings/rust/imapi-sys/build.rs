// Only link flags: the bindings themselves are committed (src/bindings.rs).
// IMAPI_LIB_DIR names the folder holding libimapi.so; without it, pkg-config
// finds an installed libimapi (PKG_CONFIG_PATH=PREFIX/lib/pkgconfig for a
// prefix of your own); without either, the linker's default paths are searched.
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=IMAPI_LIB_DIR");
    println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
    if let Ok(dir) = std::env::var("IMAPI_LIB_DIR") {
        println!("cargo:rustc-link-search=native={dir}");
        println!("cargo:libdir={dir}");
    } else if let Some(dir) = pkg_config_libdir() {
        println!("cargo:rustc-link-search=native={dir}");
        // For dependents' build scripts (DEP_IMAPI_LIBDIR), e.g. to set a run-time path.
        println!("cargo:libdir={dir}");
    }
    println!("cargo:rustc-link-lib=dylib=imapi");
}

/// `pkg-config --variable=libdir imapi`, if pkg-config and imapi.pc are there.
fn pkg_config_libdir() -> Option<String> {
    let out = Command::new("pkg-config").args(["--variable=libdir", "imapi"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!dir.is_empty()).then_some(dir)
}
