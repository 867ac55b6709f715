//! The library's messages name C functions and macros ("take IDs from
//! imapi_disc_master_get_unique_id", "add IMAPI_FS_ISO9660"); a Rust user calls
//! other names. This is the one place that translates them.

/// C name (a whole token of the message) and what a Rust user calls instead.
/// Tokens the table lacks are left as they are (IMAPI_E_* names are IMAPI's own
/// and stay; environment variables too).
pub(crate) const C_TO_RUST: &[(&str, &str)] = &[
    ("imapi_disc_master_add_emulated_drive", "DiscMaster::add_emulated_drive"),
    ("imapi_disc_master_get_count", "DiscMaster::count"),
    ("imapi_disc_master_get_unique_id", "DiscMaster::item"),
    ("imapi_fsitem_add", "FsiItem::add"),
    ("imapi_fsitem_get_count", "FsiItem::count"),
    ("imapi_image_reader_list", "ImageReader::list"),
    ("imapi_job_wait", "Job::wait"),
    ("imapi_stream_create_concatenation", "Stream::concatenate"),
    ("imapi_stream_create_pseudo_random", "Stream::pseudo_random"),
    ("imapi_stream_create_user", "Stream::from_reader"),
    ("ChooseImageDefaultsForMediaType", "FileSystemImage::choose_image_defaults_for_media_type"),
    ("IMAPI_MEDIA_TYPE_*", "MediaType"),
    ("IMAPI_SYMLINKS_RECORD", "SymlinkPolicy::Record"),
    ("IMAPI_SYMLINKS_FOLLOW", "SymlinkPolicy::Follow"),
    ("IMAPI_SYMLINKS_SKIP", "SymlinkPolicy::Skip"),
    ("IMAPI_FS_ISO9660", "FileSystems::ISO9660"),
    ("IMAPI_FS_JOLIET", "FileSystems::JOLIET"),
    ("IMAPI_FS_UDF", "FileSystems::UDF"),
    ("IMAPI_FS_ROCKRIDGE", "FileSystems::ROCK_RIDGE"),
    ("_ISO9660", "ISO9660"),
    ("_JOLIET", "JOLIET"),
    ("_UDF", "UDF"),
    ("_ROCKRIDGE", "ROCK_RIDGE"),
    ("IMAPI_BURN_VERIFICATION_NONE", "VerificationLevel::None"),
    ("_QUICK", "Quick"),
    ("_FULL", "Full"),
];

/// `message` with every C name of [`C_TO_RUST`] replaced by its Rust name.
pub(crate) fn in_rust_terms(message: &str) -> String {
    let is_token = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '*';
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(start) = rest.find(is_token) {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail.find(|c: char| !is_token(c)).unwrap_or(tail.len());
        let token = &tail[..end];
        match C_TO_RUST.iter().find(|(c, _)| *c == token) {
            Some((_, rust)) => out.push_str(rust),
            None => out.push_str(token),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::in_rust_terms;

    #[test]
    fn whole_tokens_only() {
        assert_eq!(
            in_rust_terms("name one file system: IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF"),
            "name one file system: FileSystems::ROCK_RIDGE, JOLIET, ISO9660 or UDF"
        );
        assert_eq!(in_rust_terms("imapi_fsitem_add_tree, not imapi_fsitem_add."), "imapi_fsitem_add_tree, not FsiItem::add.");
        assert_eq!(in_rust_terms("'Ünïcödé' already exists"), "'Ünïcödé' already exists");
        assert_eq!(in_rust_terms(""), "");
    }

    fn translated(word: &str) -> bool {
        super::C_TO_RUST.iter().any(|(c, _)| *c == word || c.strip_suffix('*') == Some(word))
    }

    /// Every C function or macro a message of the library names (string literals under
    /// src/) is translated, so a new message cannot bring a C name to Rust users unnoticed.
    #[test]
    fn every_c_name_in_the_librarys_messages_has_a_rust_name() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../src");
        let mut untranslated = std::collections::BTreeSet::new();
        let mut stack = vec![src];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for literal in text.split('"').skip(1).step_by(2) {
                    for word in literal.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                        let c_function = word.starts_with("imapi_") && word != "imapi_c";
                        let c_macro = word.starts_with("IMAPI_FS_") || word.starts_with("IMAPI_BURN_VERIFICATION_")
                            || word == "IMAPI_MEDIA_TYPE_";
                        if (c_function || c_macro) && !translated(word)
                        {
                            untranslated.insert(word.to_string());
                        }
                    }
                }
            }
        }
        assert!(untranslated.is_empty(), "add these to bindings/rust/imapi/src/rust_names.rs: {untranslated:?}");
    }
}
