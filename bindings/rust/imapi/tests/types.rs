//! The typed values of the API: every status code of the header, bit sets, enums.
use imapi::{FileSystems, MediaState, MediaType, Profile, Status, UdfRevision, WriteProtect};

/// (name, value) of every `#define IMAPI_E_*` / `IMAPI_S_*` in include/imapi_c.h.
fn header_statuses() -> Vec<(String, i32)> {
    let header = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../include/imapi_c.h");
    let text = std::fs::read_to_string(&header).unwrap();
    let mut codes = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("#define ") else { continue };
        let mut words = rest.split_whitespace();
        let (Some(name), Some(value)) = (words.next(), words.next()) else { continue };
        if !(name.starts_with("IMAPI_E_") || name.starts_with("IMAPI_S_")) {
            continue;
        }
        let hex = value.trim_start_matches("IMAPI_STATUS_(").trim_end_matches("u)");
        let value = match hex.strip_prefix("0x") {
            Some(h) => u32::from_str_radix(h, 16).unwrap() as i32,
            None => hex.parse().unwrap(),
        };
        codes.push((name.to_string(), value));
    }
    codes
}

/// A code added to the header without a `Status` variant fails here.
#[test]
fn status_covers_every_code_of_the_header() {
    let codes = header_statuses();
    assert!(codes.len() > 100, "{} codes parsed", codes.len());
    for (name, value) in &codes {
        let status = Status::from_raw(*value);
        assert!(!matches!(status, Status::Unknown(_)), "{name} ({:#010X}) has no imapi::Status variant", *value as u32);
        assert_eq!(status.name(), name);
        assert_eq!(status.raw(), *value);
        assert_eq!(status.to_string(), *name);
        assert_eq!(status.is_error(), name.starts_with("IMAPI_E_"));
    }
    assert_eq!(Status::ALL.len(), codes.len(), "Status::ALL has codes the header lacks");
    assert!(Status::ALL.iter().all(|s| codes.iter().any(|(n, _)| n == s.name())));
    // A code nobody knows keeps its number and the library's answer for its name.
    assert_eq!(Status::from_raw(0x8BAD_F00Du32 as i32), Status::Unknown(0x8BAD_F00Du32 as i32));
    assert_eq!(Status::Unknown(0x8BAD_F00Du32 as i32).name(), "IMAPI_UNKNOWN_STATUS");
}

#[test]
fn bit_sets() {
    let fs = FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::UDF;
    assert!(fs.contains(FileSystems::ISO9660 | FileSystems::UDF));
    assert!(!fs.contains(FileSystems::ROCK_RIDGE) && fs.intersects(FileSystems::ROCK_RIDGE | FileSystems::UDF));
    assert_eq!(fs.bits(), 0x7);
    assert_eq!(fs - FileSystems::JOLIET, FileSystems::ISO9660 | FileSystems::UDF);
    assert_eq!(fs & FileSystems::JOLIET, FileSystems::JOLIET);
    assert_eq!(fs ^ FileSystems::UDF, FileSystems::ISO9660 | FileSystems::JOLIET);
    assert_eq!(!fs, FileSystems::ROCK_RIDGE | FileSystems::UNKNOWN);
    assert_eq!(fs.iter().collect::<Vec<_>>(), [FileSystems::ISO9660, FileSystems::JOLIET, FileSystems::UDF]);
    assert_eq!(fs.iter().collect::<FileSystems>(), fs);
    assert_eq!(format!("{fs:?}"), "FileSystems(ISO9660 | JOLIET | UDF)");
    assert_eq!(format!("{:?}", FileSystems::NONE), "FileSystems(empty)");
    assert!(FileSystems::NONE.is_empty() && FileSystems::default().is_empty());
    assert_eq!(format!("{:?}", FileSystems::from_bits_retain(0x101)), "FileSystems(ISO9660 | 0x100)");
    let mut m = MediaState::BLANK;
    m |= MediaState::APPENDABLE;
    assert_eq!(m.bits(), imapi_sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK | imapi_sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE);
    assert_eq!(format!("{m:?}"), "MediaState(BLANK | APPENDABLE)");
    assert_eq!(WriteProtect::READ_ONLY_MEDIA.bits(), 0x4000);
}

#[test]
fn enums_round_trip_and_keep_unknown_values() {
    for raw in 0..=imapi_sys::IMAPI_MEDIA_TYPE_MAX {
        let t = MediaType::from_raw(raw);
        assert!(!matches!(t, MediaType::Other(_)), "IMAPI_MEDIA_TYPE {raw} has no variant");
        assert_eq!(t.raw(), raw);
    }
    assert_eq!(MediaType::from_raw(99), MediaType::Other(99));
    assert_eq!(MediaType::BdRe.raw(), imapi_sys::IMAPI_MEDIA_TYPE_BDRE);
    assert_eq!(Profile::from_raw(0x43), Profile::BdRewritable);
    assert_eq!(Profile::DvdPlusRDual.raw(), 0x2B);
    assert_eq!(Profile::from_raw(0x58), Profile::Other(0x58));
    for (rev, raw) in [(UdfRevision::V1_02, 0x102), (UdfRevision::V1_50, 0x150), (UdfRevision::V2_00, 0x200),
                       (UdfRevision::V2_01, 0x201), (UdfRevision::V2_50, 0x250), (UdfRevision::V2_60, 0x260)] {
        assert_eq!((rev.raw(), UdfRevision::from_raw(raw)), (raw, rev));
    }
    assert_eq!(imapi::VerificationLevel::from_raw(2), imapi::VerificationLevel::Full);
    assert_eq!(imapi::WriteAction::from_raw(7), imapi::WriteAction::Verifying);
    assert_eq!(imapi::MultisessionKind::RandomWrite.raw(), imapi_sys::IMAPI_MULTISESSION_RANDOM_WRITE);
    assert_eq!(imapi::EntryType::from_raw(imapi_sys::IMAPI_ENTRY_SYMLINK), imapi::EntryType::Symlink);
    assert_eq!(imapi::Operation::from_raw(imapi_sys::IMAPI_OPERATION_BURN), imapi::Operation::Burn);
}

/// The builder passes the UDF revision on, and the image records it.
#[test]
fn builder_takes_the_udf_revision() {
    for rev in [UdfRevision::V1_50, UdfRevision::V2_60] {
        let image = imapi::FileSystemImage::builder()
            .file_systems(FileSystems::UDF)
            .udf_revision(rev)
            .free_media_blocks(0)
            .build()
            .unwrap();
        assert_eq!(image.udf_revision().unwrap(), rev);
        assert_eq!(image.file_systems_to_create().unwrap(), FileSystems::UDF);
    }
}
