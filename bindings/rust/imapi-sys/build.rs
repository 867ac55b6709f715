// Only link flags: the bindings themselves are committed (src/bindings.rs).
fn main() {
    println!("cargo:rerun-if-env-changed=IMAPI_LIB_DIR");
    if let Ok(dir) = std::env::var("IMAPI_LIB_DIR") {
        println!("cargo:rustc-link-search=native={dir}");
    }
    println!("cargo:rustc-link-lib=dylib=imapi");
}
