package org.libimapi;

import java.nio.file.Path;

/** IMAPI2FS's IFileSystemImage: a tree of items and the options of the image made from it. */
public final class FileSystemImage extends NativeHandle {
    /** ISO 9660 + Joliet + Rock Ridge, level 2, FreeMediaBlocks 332800 (a 74-minute CD). */
    public FileSystemImage() {
        super(create(ImapiNative::imapi_fsimage_create), ImapiNative::imapi_fsimage_free, "FileSystemImage");
    }

    private String string(java.util.function.BiFunction<Long, String[], Integer> f) {
        String[] s = new String[1];
        check(h -> f.apply(h, s));
        return s[0];
    }

    private int int32(java.util.function.BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    private long int64(java.util.function.BiFunction<Long, long[], Integer> f) {
        long[] v = new long[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    /** The root directory (a new object each call). */
    public FsiDirectoryItem getRoot() {
        return (FsiDirectoryItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_get_root(h, o))));
    }

    public void setVolumeName(String name) { check(h -> ImapiNative.imapi_fsimage_set_volume_name(h, name)); }
    public String getVolumeName() { return string(ImapiNative::imapi_fsimage_get_volume_name); }
    public String getVolumeNameISO9660() { return string(ImapiNative::imapi_fsimage_get_volume_name_iso9660); }
    public String getVolumeNameJoliet() { return string(ImapiNative::imapi_fsimage_get_volume_name_joliet); }
    public String getVolumeNameUDF() { return string(ImapiNative::imapi_fsimage_get_volume_name_udf); }

    /** A mask of {@link FsiFileSystems}. */
    public void setFileSystemsToCreate(int mask) { check(h -> ImapiNative.imapi_fsimage_set_file_systems_to_create(h, mask)); }
    public int getFileSystemsToCreate() { return int32(ImapiNative::imapi_fsimage_get_file_systems_to_create); }
    public int getFileSystemsSupported() { return int32(ImapiNative::imapi_fsimage_get_file_systems_supported); }

    public void setISO9660InterchangeLevel(int level) { check(h -> ImapiNative.imapi_fsimage_set_iso9660_level(h, level)); }
    public int getISO9660InterchangeLevel() { return int32(ImapiNative::imapi_fsimage_get_iso9660_level); }
    public int[] getISO9660InterchangeLevelsSupported() {
        return call(h -> {
            int[] count = new int[1];
            ImapiException.check(ImapiNative.imapi_fsimage_get_iso9660_levels_supported(h, null, 0, count));
            int[] levels = new int[count[0]];
            ImapiException.check(ImapiNative.imapi_fsimage_get_iso9660_levels_supported(h, levels, levels.length, count));
            return levels;
        });
    }

    /** GetDefaultFileSystemForImport: the file system of the mask {@code fileSystems} an import reads. */
    public int getDefaultFileSystemForImport(int fileSystems) {
        return call(h -> {
            int[] out = new int[1];
            ImapiException.check(ImapiNative.imapi_fsimage_get_default_file_system_for_import(h, fileSystems, out));
            return out[0];
        });
    }

    /** ChooseImageDefaultsForMediaType: file systems, UDF revision, ISO level and FreeMediaBlocks for a blank medium. */
    public void chooseImageDefaultsForMediaType(int mediaType) {
        check(h -> ImapiNative.imapi_fsimage_choose_image_defaults_for_media_type(h, mediaType));
    }

    /** UDFRevision in IMAPI's BCD form (0x102 ... 0x260). */
    public void setUDFRevision(int revision) { check(h -> ImapiNative.imapi_fsimage_set_udf_revision(h, revision)); }
    public int getUDFRevision() { return int32(ImapiNative::imapi_fsimage_get_udf_revision); }
    public int[] getUDFRevisionsSupported() {
        return call(h -> {
            int[] count = new int[1];
            ImapiException.check(ImapiNative.imapi_fsimage_get_udf_revisions_supported(h, null, 0, count));
            int[] revisions = new int[count[0]];
            ImapiException.check(ImapiNative.imapi_fsimage_get_udf_revisions_supported(h, revisions, revisions.length, count));
            return revisions;
        });
    }
    public void setCreateRedundantUdfMetadataFiles(boolean on) {
        check(h -> ImapiNative.imapi_fsimage_set_create_redundant_udf_metadata_files(h, on ? 1 : 0));
    }
    public boolean getCreateRedundantUdfMetadataFiles() {
        return int32(ImapiNative::imapi_fsimage_get_create_redundant_udf_metadata_files) != 0;
    }

    public void setStrictFileSystemCompliance(boolean strict) { check(h -> ImapiNative.imapi_fsimage_set_strict_compliance(h, strict ? 1 : 0)); }
    public boolean getStrictFileSystemCompliance() { return int32(ImapiNative::imapi_fsimage_get_strict_compliance) != 0; }
    public void setUseRestrictedCharacterSet(boolean r) { check(h -> ImapiNative.imapi_fsimage_set_restricted_charset(h, r ? 1 : 0)); }
    public boolean getUseRestrictedCharacterSet() { return int32(ImapiNative::imapi_fsimage_get_restricted_charset) != 0; }

    /** Capacity in 2048-byte blocks; 0 = unlimited. */
    public void setFreeMediaBlocks(long blocks) { check(h -> ImapiNative.imapi_fsimage_set_free_media_blocks(h, blocks)); }
    public long getFreeMediaBlocks() { return int64(ImapiNative::imapi_fsimage_get_free_media_blocks); }
    public long getUsedBlocks() { return int64(ImapiNative::imapi_fsimage_get_used_blocks); }
    public long getFileCount() { return int64(ImapiNative::imapi_fsimage_get_file_count); }
    public long getDirectoryCount() { return int64(ImapiNative::imapi_fsimage_get_directory_count); }
    public void setSessionStartBlock(long lba) { check(h -> ImapiNative.imapi_fsimage_set_session_start_block(h, lba)); }
    public long getSessionStartBlock() { return int64(ImapiNative::imapi_fsimage_get_session_start_block); }

    public long getChangePoint() { return int64(ImapiNative::imapi_fsimage_get_change_point); }
    public void rollbackToChangePoint(long id) { check(h -> ImapiNative.imapi_fsimage_rollback_to_change_point(h, id)); }
    public void lockInChangePoint() { check(ImapiNative::imapi_fsimage_lock_in_change_point); }

    public void setWorkingDirectory(String dir) { check(h -> ImapiNative.imapi_fsimage_set_working_directory(h, dir)); }
    public String getWorkingDirectory() { return string(ImapiNative::imapi_fsimage_get_working_directory); }
    public void setStageFiles(boolean stage) { check(h -> ImapiNative.imapi_fsimage_set_stage_files(h, stage ? 1 : 0)); }
    public boolean getStageFiles() { return int32(ImapiNative::imapi_fsimage_get_stage_files) != 0; }

    /** The type of the item at an absolute image path, NOT_FOUND if none. */
    public FsiItemType exists(String fullPath) {
        return FsiItemType.of(int32((h, v) -> ImapiNative.imapi_fsimage_exists(h, fullPath, v)));
    }

    /** The item at an absolute image path; ImapiException(E_ITEM_NOT_FOUND) if none. */
    public FsiItem getItem(String fullPath) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_get_item(h, fullPath, o))));
    }

    public FsiDirectoryItem createDirectoryItem(String name) {
        return (FsiDirectoryItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_create_directory_item(h, name, o))));
    }

    public FsiFileItem createFileItem(String name) {
        return (FsiFileItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_create_file_item(h, name, o))));
    }

    /** Lays out the tree (metadata only) into a frozen result. */
    public FileSystemImageResult createResultImage() {
        return new FileSystemImageResult(call(h -> create(o -> ImapiNative.imapi_fsimage_create_result_image(h, o))));
    }

    /**
     * ImportFileSystem: imports the session at {@code sessionBlock} of {@code previous};
     * fileSystem {@link FsiFileSystems#NONE} lets the library choose. Returns the one used.
     */
    public int importFileSystem(ImapiStream previous, long sessionBlock, int fileSystem) {
        long s = NativeHandle.raw(previous == null ? null : previous.handle);
        int[] used = new int[1];
        check(h -> ImapiNative.imapi_fsimage_import_stream(h, s, sessionBlock, fileSystem, used));
        return used[0];
    }

    public int importFileSystem(Path previousImage) {
        try (ImapiStream s = ImapiStream.fromFile(previousImage)) {
            return importFileSystem(s, 0, FsiFileSystems.NONE);
        }
    }

    /**
     * Extension: Rock Ridge relocation of directories deeper than ISO 9660's 8 levels.
     * {@code false} (the default) records deep directories where they are, so every reader
     * shows the source tree in every namespace; {@code true} (also implied by strict
     * compliance) moves them into a top-level {@code .rr_moved} that Rock Ridge readers hide
     * (RRIP RE). Needs Rock Ridge among the file systems to create.
     *
     * @throws ImapiException if the image was closed
     */
    public void setRockRidgeRelocation(boolean relocate) { check(h -> ImapiNative.imapi_fsimage_set_rr_relocation(h, relocate ? 1 : 0)); }

    /** Whether deep directories are relocated; see {@link #setRockRidgeRelocation(boolean)}. */
    public boolean getRockRidgeRelocation() { return int32(ImapiNative::imapi_fsimage_get_rr_relocation) != 0; }
}
