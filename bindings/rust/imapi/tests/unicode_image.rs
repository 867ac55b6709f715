//! An image of a Unicode tree, made through every way the binding adds data,
//! checked by independent readers; the rest of the API round-trips.
mod common;

use std::io::{Cursor, Read, Seek, SeekFrom};

use common::{bytes, check_with_independent_readers, TempTree};
use imapi::{EntryType, FileSystemImage, FileSystems, ImageReader, IsoImageManager, ItemType, Operation, Stream};

#[test]
fn unicode_tree_is_read_back_by_independent_readers() {
    let tree = TempTree::new("unicode");
    tree.write("Кириллица/документ.txt", 5000, 1);
    let cjk = tree.write("中文目录/文件.dat", 70000, 2);
    let emoji = tree.write("emoji 😀🎉.bin", 4096 * 3 + 7, 3);
    tree.write("mémoire/ünïcödé.txt", 1234, 4);
    tree.write("reader/🚀 rocket.bin", 200_000, 5);

    let image = FileSystemImage::builder().volume_name("Тест 中文").free_media_blocks(0).build().unwrap();
    assert_eq!(
        image.file_systems_to_create().unwrap(),
        FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::ROCK_RIDGE
    );
    let mut root = image.root().unwrap();
    root.add_tree(tree.source.join("Кириллица"), true).unwrap();
    root.add_directory("中文目录").unwrap();
    root.add_file_from_path("中文目录/文件.dat", &cjk).unwrap();
    root.add_file("emoji 😀🎉.bin", &Stream::from_file(&emoji).unwrap()).unwrap();
    root.add_directory("mémoire").unwrap();
    root.add_file("mémoire/ünïcödé.txt", &Stream::from_memory(&bytes(1234, 4)).unwrap()).unwrap();
    root.add_directory("reader").unwrap();
    root.add_file("reader/🚀 rocket.bin", &Stream::from_reader(Cursor::new(bytes(200_000, 5))).unwrap()).unwrap();

    assert_eq!(image.file_count().unwrap(), 5);
    assert_eq!(image.exists("/中文目录/文件.dat").unwrap(), ItemType::File);
    assert_eq!(image.exists("/nothing").unwrap(), ItemType::NotFound);
    let doc = image.item("/Кириллица/документ.txt").unwrap();
    assert_eq!(doc.name().unwrap(), "документ.txt");
    assert_eq!(doc.full_path().unwrap(), "/Кириллица/документ.txt");
    let children = root.children().unwrap();
    assert_eq!(children.len(), 5);
    let names: Vec<String> = children.map(|c| c.unwrap().name().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(names.len(), 5);

    let result = image.create_result_image().unwrap();
    let iso = tree.out("unicode.iso");
    let mut updates = Vec::new();
    result.write_file_with_progress(&iso, |p| {
        updates.push(p.clone());
        true
    })
    .unwrap();
    assert!(!updates.is_empty());
    assert!(updates.iter().all(|p| p.operation == Operation::ImageWrite));
    assert_eq!(updates.last().unwrap().done, result.total_blocks().unwrap());
    assert_eq!(result.block_size().unwrap(), 2048);
    check_with_independent_readers(&iso, &tree.source);

    let mut from_stream = Vec::new();
    result.image_stream().unwrap().read_to_end(&mut from_stream).unwrap();
    assert_eq!(from_stream, std::fs::read(&iso).unwrap());

    let reader = ImageReader::open(&iso).unwrap();
    assert!(reader.file_systems().unwrap().contains(FileSystems::ROCK_RIDGE));
    let entries = reader.list(FileSystems::ROCK_RIDGE).unwrap().collect::<imapi::Result<Vec<_>>>().unwrap();
    let rocket = entries.iter().find(|e| e.path == "/reader/🚀 rocket.bin").unwrap();
    assert_eq!(rocket.entry_type, EntryType::File);
    let mut data = Vec::new();
    reader.open_file(rocket).unwrap().read_to_end(&mut data).unwrap();
    assert_eq!(data, bytes(200_000, 5));
}

#[test]
fn properties_round_trip() {
    let mut image = FileSystemImage::new().unwrap();
    assert!(image.file_systems_supported().unwrap().contains(FileSystems::ISO9660));
    image.set_iso9660_level(3).unwrap();
    assert_eq!(image.iso9660_level().unwrap(), 3);
    assert!(image.iso9660_levels_supported().unwrap().contains(&3));
    image.set_strict_compliance(true).unwrap();
    assert!(image.strict_compliance().unwrap());
    image.set_restricted_charset(true).unwrap();
    assert!(image.restricted_charset().unwrap());
    use imapi::UdfRevision as U;
    assert_eq!(image.udf_revisions_supported().unwrap(), vec![U::V1_02, U::V1_50, U::V2_00, U::V2_01, U::V2_50, U::V2_60]);
    assert!(image.udf_revisions_supported().unwrap().iter().all(|r| !matches!(r, U::Other(_))));
    image.set_udf_revision(U::V2_50).unwrap();
    assert_eq!(image.udf_revision().unwrap(), U::V2_50);
    assert!(image.create_redundant_udf_metadata_files().unwrap());
    image.set_create_redundant_udf_metadata_files(false).unwrap();
    assert!(!image.create_redundant_udf_metadata_files().unwrap());
    assert_eq!(
        image.default_file_system_for_import(FileSystems::ISO9660 | FileSystems::UDF).unwrap(),
        FileSystems::UDF
    );
    image.choose_image_defaults_for_media_type(imapi::MediaType::BdR).unwrap();
    assert_eq!(image.udf_revision().unwrap(), U::V2_50);
    assert_eq!(image.set_udf_revision(U::Other(0x251)).unwrap_err().code(), imapi::Status::InvalidParam);
    image.set_restricted_charset(false).unwrap();
    image.set_session_start_block(0).unwrap();
    assert_eq!(image.session_start_block().unwrap(), 0);
    image.set_volume_name("Photos 2026").unwrap();
    assert_eq!(image.volume_name().unwrap(), "Photos 2026");
    assert!(!image.volume_name_iso9660().unwrap().is_empty());
    assert!(!image.volume_name_joliet().unwrap().is_empty());
    assert!(!image.volume_name_udf().unwrap().is_empty());
    image.set_stage_files(false).unwrap();
    assert!(!image.stage_files().unwrap());
    image.set_working_directory(std::env::temp_dir()).unwrap();
    assert!(!image.working_directory().unwrap().is_empty());
    image.set_free_media_blocks(1000).unwrap();
    assert_eq!(image.free_media_blocks().unwrap(), 1000);

    let cp = image.change_point().unwrap();
    let mut root = image.root().unwrap();
    root.add_directory("a").unwrap();
    assert_eq!(image.directory_count().unwrap(), 1);
    image.rollback_to_change_point(cp).unwrap();
    assert_eq!(image.directory_count().unwrap(), 0);
    root.add_directory("b").unwrap();
    image.lock_in_change_point().unwrap();

    let dir = image.create_directory_item("detached").unwrap();
    root.add(&dir).unwrap();
    let mut file = image.create_file_item("f.txt").unwrap();
    file.set_data(&Stream::from_memory(b"hello").unwrap()).unwrap();
    root.add(&file).unwrap();
    assert_eq!(file.data_size().unwrap(), 5);
    assert_eq!(file.data().unwrap().size().unwrap(), 5);
    file.set_hidden(true).unwrap();
    assert!(file.is_hidden().unwrap());
    file.set_posix_mode(0o644).unwrap();
    assert_eq!(file.posix_mode().unwrap(), 0o644);
    file.set_posix_owner(1000, 100).unwrap();
    assert_eq!(file.posix_owner().unwrap(), (1000, 100));
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_577_934_245);
    file.set_creation_time(t).unwrap();
    file.set_last_modified_time(t).unwrap();
    file.set_last_accessed_time(t).unwrap();
    assert_eq!(file.creation_time().unwrap(), t);
    assert_eq!(file.last_modified_time().unwrap(), t);
    assert_eq!(file.last_accessed_time().unwrap(), t);
    assert_eq!(file.file_system_name(FileSystems::ISO9660).unwrap().to_uppercase(), "F.TXT;1");
    assert!(file.file_system_path(FileSystems::JOLIET).unwrap().ends_with("f.txt"));
    root.add_symlink("link", "f.txt").unwrap();
    assert_eq!(root.item("link").unwrap().symlink_target().unwrap(), "f.txt");
    assert_eq!(root.item("link").unwrap().item_type().unwrap(), ItemType::Symlink);
    assert!(image.used_blocks().unwrap() > 0);
    root.remove("link").unwrap();
    root.add_directory("deep2").unwrap();
    root.add_directory("deep2/er").unwrap();
    root.remove_tree("deep2").unwrap();
    assert_eq!(image.exists("/deep2").unwrap(), ItemType::NotFound);
    assert!(root.count().unwrap() >= 3);

    let result = image.create_result_image().unwrap();
    assert!(!result.disc_id().unwrap().is_empty());
    let items = result.progress_items().unwrap();
    let count = items.len();
    let items: Vec<_> = items.collect::<imapi::Result<_>>().unwrap();
    assert_eq!(items.len(), count);
    assert!(items.windows(2).all(|w| w[0].first_block <= w[1].first_block));
    let last = items.last().unwrap();
    assert_eq!(&result.progress_item_by_description(&last.description).unwrap(), last);
    assert_eq!(&result.progress_item_by_block(last.first_block).unwrap(), last);
    assert!(imapi::version().starts_with("0."));
    assert!(imapi::version_number() >= 1000);
    assert_eq!(imapi::Status::DupName.name(), "IMAPI_E_DUP_NAME");
    imapi::clear_last_error();
}

#[test]
fn manager_import_reader_and_streams() {
    let tree = TempTree::new("manager");
    let iso = tree.out("small.iso");
    {
        let image = FileSystemImage::new().unwrap();
        let mut root = image.root().unwrap();
        root.add_directory("сессия").unwrap();
        root.add_file("сессия/zero.bin", &Stream::zero(10000).unwrap()).unwrap();
        image.create_result_image().unwrap().write_file(&iso).unwrap();
    }
    let mut manager = IsoImageManager::new().unwrap();
    manager.set_path(&iso).unwrap();
    assert_eq!(manager.path().unwrap(), iso.to_str().unwrap());
    manager.validate().unwrap();
    let s = manager.stream().unwrap();
    manager.set_stream(&s).unwrap();
    assert_eq!(manager.path().unwrap(), "");
    manager.validate().unwrap();

    let mut image = FileSystemImage::new().unwrap();
    let used = image.import(&Stream::from_file(&iso).unwrap(), 0, FileSystems::NONE).unwrap();
    assert_eq!(used, FileSystems::ROCK_RIDGE);
    assert_eq!(image.exists("/сессия/zero.bin").unwrap(), ItemType::File);

    let mut reader = ImageReader::open_stream(&Stream::from_file(&iso).unwrap()).unwrap();
    assert!(!reader.volume_name().unwrap().is_empty());
    reader.list(FileSystems::JOLIET).unwrap();
    let dest = tree.out("extracted");
    let mut seen = 0;
    reader
        .extract_with_progress(&dest, |_| {
            seen += 1;
            true
        })
        .unwrap();
    assert!(seen > 0);
    assert_eq!(std::fs::metadata(dest.join("сессия/zero.bin")).unwrap().len(), 10000);
    reader.extract(tree.out("again")).unwrap();

    let mut s = Stream::from_file(&iso).unwrap();
    s.seek_only(SeekFrom::Start(16 * 2048)).unwrap();
    assert_eq!(s.stream_position().unwrap(), 16 * 2048);
    let mut vd = [0u8; 6];
    s.read_exact(&mut vd).unwrap();
    assert_eq!(&vd, b"\x01CD001");
}
