package org.libimapi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * IMAPI2FS's IFileSystemImage (MsftFileSystemImage): a tree of items and the options of
 * the image made from it. Build the tree from {@link #getRoot}, then lay it out with
 * {@link #createResultImage} and write or burn the result.
 * <p>
 * Ownership: an AutoCloseable over a native handle; {@link #close} frees it (a Cleaner
 * does if you forget). Items, results and streams made from the image stay usable after
 * it is closed. Threads: calls are serialized per object (one at a time; {@link #close}
 * waits for a call in progress). Every method throws {@link ImapiException}, with
 * {@link ImapiStatus#E_INVALID_HANDLE} once the image is closed.
 */
public final class FileSystemImage extends NativeHandle {
    /**
     * A new, empty image: ISO 9660 + Joliet + Rock Ridge, interchange level 2, FreeMediaBlocks
     * 332800 (a 74-minute CD), no volume name (one is made from the date when the result is created).
     */
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

    /**
     * Root: the root directory.
     *
     * @return a new item object on the root each call (close it when done)
     */
    public FsiDirectoryItem getRoot() {
        return (FsiDirectoryItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_get_root(h, o))));
    }

    /**
     * VolumeName: at most 32 characters, no control characters or / \ * ? : ; " &lt; &gt; |.
     * Each file system derives its own label from it.
     *
     * @param name the label; "" means not set
     * @throws ImapiException {@link ImapiStatus#E_INVALID_VOLUME_NAME} for a name the file systems refuse
     */
    public void setVolumeName(String name) { check(h -> ImapiNative.imapi_fsimage_set_volume_name(h, name)); }
    /**
     * VolumeName.
     *
     * @return the label as set, or ""
     */
    public String getVolumeName() { return string(ImapiNative::imapi_fsimage_get_volume_name); }
    /**
     * The label as ISO 9660 records it.
     *
     * @return d-characters, at most 32
     */
    public String getVolumeNameISO9660() { return string(ImapiNative::imapi_fsimage_get_volume_name_iso9660); }
    /**
     * The label as Joliet records it.
     *
     * @return at most 16 characters
     */
    public String getVolumeNameJoliet() { return string(ImapiNative::imapi_fsimage_get_volume_name_joliet); }
    /**
     * The label as UDF records it.
     *
     * @return at most 30 characters
     */
    public String getVolumeNameUDF() { return string(ImapiNative::imapi_fsimage_get_volume_name_udf); }

    /**
     * FileSystemsToCreate. Joliet and Rock Ridge are written alongside ISO 9660, so they need it.
     *
     * @param fileSystems the file systems to write
     * @throws ImapiException {@link ImapiStatus#E_NO_OUTPUT} for an empty set, {@link ImapiStatus#E_INVALID_PARAM}
     *         for one not supported or an impossible combination, {@link ImapiStatus#E_POINTER} for null
     */
    public void setFileSystemsToCreate(Set<FsiFileSystems> fileSystems) {
        int mask = NativeEnum.mask(fileSystems, "fileSystems");
        check(h -> ImapiNative.imapi_fsimage_set_file_systems_to_create(h, mask));
    }
    /**
     * FileSystemsToCreate.
     *
     * @return the file systems the image writes (a new set the caller may change)
     */
    public EnumSet<FsiFileSystems> getFileSystemsToCreate() {
        return FsiFileSystems.setOf(int32(ImapiNative::imapi_fsimage_get_file_systems_to_create));
    }
    /**
     * FileSystemsSupported.
     *
     * @return the file systems this build can write
     */
    public EnumSet<FsiFileSystems> getFileSystemsSupported() {
        return FsiFileSystems.setOf(int32(ImapiNative::imapi_fsimage_get_file_systems_supported));
    }

    /**
     * ISO9660InterchangeLevel.
     *
     * @param level 1 (8.3 names), 2 (31-character names) or 3 (also files of 4 GiB and more, in several extents)
     * @throws ImapiException {@link ImapiStatus#E_INVALID_PARAM} for another level
     */
    public void setISO9660InterchangeLevel(int level) { check(h -> ImapiNative.imapi_fsimage_set_iso9660_level(h, level)); }
    /**
     * ISO9660InterchangeLevel.
     *
     * @return 1, 2 or 3
     */
    public int getISO9660InterchangeLevel() { return int32(ImapiNative::imapi_fsimage_get_iso9660_level); }
    /**
     * ISO9660InterchangeLevelsSupported.
     *
     * @return the levels this build writes, ascending
     */
    public int[] getISO9660InterchangeLevelsSupported() { return list(ImapiNative::imapi_fsimage_get_iso9660_levels_supported); }

    /**
     * GetDefaultFileSystemForImport: which of {@code fileSystems} an import reads (Rock Ridge,
     * then UDF, then Joliet, then ISO 9660).
     *
     * @param fileSystems the file systems a session holds (for example {@link ImageReader#getFileSystems})
     * @return the one {@link #importFileSystem(ImapiStream, long)} would import
     * @throws ImapiException {@link ImapiStatus#E_NO_SUPPORTED_FILE_SYSTEM} when the set has none of them
     */
    public FsiFileSystems getDefaultFileSystemForImport(Set<FsiFileSystems> fileSystems) {
        int mask = NativeEnum.mask(fileSystems, "fileSystems");
        return FsiFileSystems.ofOrNull(call(h -> {
            int[] out = new int[1];
            ImapiException.check(ImapiNative.imapi_fsimage_get_default_file_system_for_import(h, mask, out));
            return out[0];
        }));
    }

    /**
     * ChooseImageDefaultsForMediaType: sets FileSystemsToCreate, UDFRevision, the ISO 9660 level and
     * FreeMediaBlocks for a blank medium of that type (CDs: the bridge with UDF 1.02 at level 2; DVDs:
     * the same at level 3; BDs: UDF 2.50 only; {@code DISK}: UDF 2.01 only, no size limit).
     *
     * @param mediaType the medium the image is for
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for UNKNOWN,
     *         {@link ImapiStatus#E_FILE_SYSTEM_CHANGE_NOT_ALLOWED} after an import
     */
    public void chooseImageDefaultsForMediaType(ImapiMediaPhysicalType mediaType) {
        int type = NativeEnum.valueOf(mediaType, "mediaType");
        check(h -> ImapiNative.imapi_fsimage_choose_image_defaults_for_media_type(h, type));
    }

    /**
     * UDFRevision: used when the file systems include UDF (default 1.02).
     *
     * @param revision the revision to write
     * @throws ImapiException {@link ImapiStatus#E_UDF_REVISION_CHANGE_NOT_ALLOWED} once a session was imported
     */
    public void setUDFRevision(UdfRevision revision) {
        int r = NativeEnum.valueOf(revision, "revision");
        check(h -> ImapiNative.imapi_fsimage_set_udf_revision(h, r));
    }
    /**
     * UDFRevision.
     *
     * @return the revision the image writes
     */
    public UdfRevision getUDFRevision() { return UdfRevision.of(int32(ImapiNative::imapi_fsimage_get_udf_revision)); }
    /**
     * UDFRevisionsSupported.
     *
     * @return the revisions this build writes, oldest first
     */
    public List<UdfRevision> getUDFRevisionsSupported() {
        List<UdfRevision> revisions = new ArrayList<>();
        for (int r : list(ImapiNative::imapi_fsimage_get_udf_revisions_supported)) revisions.add(UdfRevision.of(r));
        return revisions;
    }
    /**
     * CreateRedundantUdfMetadataFiles (default true): for UDF 2.50 and 2.60, whether the metadata
     * mirror file holds its own copy of the file tree (true) or shares the metadata file's blocks.
     *
     * @param on true for a copy of its own
     */
    public void setCreateRedundantUdfMetadataFiles(boolean on) {
        check(h -> ImapiNative.imapi_fsimage_set_create_redundant_udf_metadata_files(h, on ? 1 : 0));
    }
    /**
     * CreateRedundantUdfMetadataFiles.
     *
     * @return whether the metadata mirror is a copy of its own
     */
    public boolean getCreateRedundantUdfMetadataFiles() {
        return int32(ImapiNative::imapi_fsimage_get_create_redundant_udf_metadata_files) != 0;
    }

    /**
     * StrictFileSystemCompliance: what the standards forbid becomes an error instead of being
     * tolerated (ISO 9660 depth &gt; 8 without Rock Ridge, paths longer than 255); with Rock Ridge,
     * deep directories are relocated.
     *
     * @param strict true for strict compliance
     * @throws ImapiException {@link ImapiStatus#E_FILE_SYSTEM_NOT_EMPTY} unless the image is empty
     */
    public void setStrictFileSystemCompliance(boolean strict) { check(h -> ImapiNative.imapi_fsimage_set_strict_compliance(h, strict ? 1 : 0)); }
    /**
     * StrictFileSystemCompliance.
     *
     * @return whether strict compliance is on
     */
    public boolean getStrictFileSystemCompliance() { return int32(ImapiNative::imapi_fsimage_get_strict_compliance) != 0; }
    /**
     * UseRestrictedCharacterSet: items added afterwards must have names of printable ASCII only.
     *
     * @param r true to restrict names ({@link ImapiStatus#E_RESTRICTED_NAME_VIOLATION} for others)
     */
    public void setUseRestrictedCharacterSet(boolean r) { check(h -> ImapiNative.imapi_fsimage_set_restricted_charset(h, r ? 1 : 0)); }
    /**
     * UseRestrictedCharacterSet.
     *
     * @return whether names are restricted to printable ASCII
     */
    public boolean getUseRestrictedCharacterSet() { return int32(ImapiNative::imapi_fsimage_get_restricted_charset) != 0; }

    /**
     * FreeMediaBlocks: the capacity; adding beyond it fails with {@link ImapiStatus#E_IMAGE_SIZE_LIMIT}.
     *
     * @param blocks 2048-byte blocks; 0 = unlimited
     * @throws ImapiException {@link ImapiStatus#E_IMAGE_TOO_BIG} below {@link #getUsedBlocks}
     */
    public void setFreeMediaBlocks(long blocks) { check(h -> ImapiNative.imapi_fsimage_set_free_media_blocks(h, blocks)); }
    /**
     * FreeMediaBlocks.
     *
     * @return the capacity in 2048-byte blocks, 0 = unlimited
     */
    public long getFreeMediaBlocks() { return int64(ImapiNative::imapi_fsimage_get_free_media_blocks); }
    /**
     * UsedBlocks.
     *
     * @return the blocks the image would take now (an exact layout of the current tree)
     */
    public long getUsedBlocks() { return int64(ImapiNative::imapi_fsimage_get_used_blocks); }
    /**
     * FileCount.
     *
     * @return the files in the tree
     */
    public long getFileCount() { return int64(ImapiNative::imapi_fsimage_get_file_count); }
    /**
     * DirectoryCount.
     *
     * @return the directories in the tree, the root not counted
     */
    public long getDirectoryCount() { return int64(ImapiNative::imapi_fsimage_get_directory_count); }
    /**
     * SessionStartBlock: where the image will be written (a later session of a multisession disc).
     *
     * @param lba the first block of the session; 0 for a standalone image
     */
    public void setSessionStartBlock(long lba) { check(h -> ImapiNative.imapi_fsimage_set_session_start_block(h, lba)); }
    /**
     * SessionStartBlock.
     *
     * @return the LBA the image will be written at
     */
    public long getSessionStartBlock() { return int64(ImapiNative::imapi_fsimage_get_session_start_block); }

    /**
     * ChangePoint: names the current state of the tree, for {@link #rollbackToChangePoint}.
     *
     * @return the id of the current state
     */
    public long getChangePoint() { return int64(ImapiNative::imapi_fsimage_get_change_point); }
    /**
     * RollbackToChangePoint: undoes every change made since {@code id} was taken.
     *
     * @param id a {@link #getChangePoint} id
     * @throws ImapiException {@link ImapiStatus#E_INVALID_PARAM} for an id made invalid by {@link #lockInChangePoint}
     */
    public void rollbackToChangePoint(long id) { check(h -> ImapiNative.imapi_fsimage_rollback_to_change_point(h, id)); }
    /** LockInChangePoint: makes the current state permanent; earlier change points become invalid. */
    public void lockInChangePoint() { check(ImapiNative::imapi_fsimage_lock_in_change_point); }

    /**
     * WorkingDirectory: where staged files go (default: $TMPDIR or /tmp).
     *
     * @param dir an existing, writable directory
     * @throws ImapiException {@link ImapiStatus#E_INVALID_WORKING_DIRECTORY} when it is not one
     */
    public void setWorkingDirectory(String dir) { check(h -> ImapiNative.imapi_fsimage_set_working_directory(h, dir)); }
    /**
     * WorkingDirectory.
     *
     * @return the directory staged files go to
     */
    public String getWorkingDirectory() { return string(ImapiNative::imapi_fsimage_get_working_directory); }
    /**
     * StageFiles: the data of files added afterwards is copied at once into unnamed files in the
     * working directory, so later changes to the sources do not matter.
     *
     * @param stage true to stage
     */
    public void setStageFiles(boolean stage) { check(h -> ImapiNative.imapi_fsimage_set_stage_files(h, stage ? 1 : 0)); }
    /**
     * StageFiles.
     *
     * @return whether files are staged
     */
    public boolean getStageFiles() { return int32(ImapiNative::imapi_fsimage_get_stage_files) != 0; }

    /**
     * Exists: what is at an image path.
     *
     * @param fullPath "/a/b" (a relative path means the same from the root)
     * @return the item's type, {@link FsiItemType#NOT_FOUND} if none
     */
    public FsiItemType exists(String fullPath) {
        return FsiItemType.of(int32((h, v) -> ImapiNative.imapi_fsimage_exists(h, fullPath, v)));
    }

    /**
     * The item at an image path.
     *
     * @param fullPath "/a/b"
     * @return a new item object of the item's class (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND} if there is none
     */
    public FsiItem getItem(String fullPath) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_get_item(h, fullPath, o))));
    }

    /**
     * CreateDirectoryItem: a detached directory, placed later with {@link FsiDirectoryItem#add}.
     *
     * @param name its name
     * @return the new item (close it when done)
     */
    public FsiDirectoryItem createDirectoryItem(String name) {
        return (FsiDirectoryItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_create_directory_item(h, name, o))));
    }

    /**
     * CreateFileItem: a detached file, placed later with {@link FsiDirectoryItem#add}.
     *
     * @param name its name
     * @return the new item (close it when done)
     */
    public FsiFileItem createFileItem(String name) {
        return (FsiFileItem) FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsimage_create_file_item(h, name, o))));
    }

    /**
     * CreateResultImage: lays out the current tree (fast: metadata only) into a frozen snapshot
     * that later changes to the tree do not affect; file data is read when the image is written.
     *
     * @return the result (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_NO_OUTPUT}, {@link ImapiStatus#E_IMAGE_SIZE_LIMIT},
     *         {@link ImapiStatus#E_ISO9660_LEVELS} (strict), {@link ImapiStatus#E_DATA_TOO_BIG},
     *         {@link ImapiStatus#E_TOO_MANY_DIRS}, {@link ImapiStatus#E_NO_UNIQUE_NAME}
     */
    public FileSystemImageResult createResultImage() {
        return new FileSystemImageResult(call(h -> create(o -> ImapiNative.imapi_fsimage_create_result_image(h, o))));
    }

    /**
     * ImportSpecificFileSystem: imports one file system of the session at {@code sessionBlock} of
     * {@code previous}. Items already in the tree win; imported files are not copied again (the new
     * session points at them), so set {@link #setSessionStartBlock} to where the new session goes.
     * On failure the image is as it was.
     *
     * @param previous the earlier image or disc ({@link DiscFormat2Data#createMediaStream})
     * @param sessionBlock the first block of the session to import (0 for a single-session image)
     * @param fileSystem the file system to read
     * @return the file system imported
     * @throws ImapiException {@link ImapiStatus#E_FILE_SYSTEM_NOT_FOUND},
     *         {@link ImapiStatus#E_IMAGEMANAGER_NO_VALID_VD_FOUND},
     *         {@link ImapiStatus#E_FILE_SYSTEM_READ_CONSISTENCY_ERROR}, {@link ImapiStatus#E_IMPORT_READ_FAILURE},
     *         {@link ImapiStatus#E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY} and its converse
     */
    public FsiFileSystems importFileSystem(ImapiStream previous, long sessionBlock, FsiFileSystems fileSystem) {
        return importStream(previous, sessionBlock, NativeEnum.valueOf(fileSystem, "fileSystem"));
    }

    /**
     * ImportFileSystem: as {@link #importFileSystem(ImapiStream, long, FsiFileSystems)}, the library
     * choosing the file system (Rock Ridge, then UDF, then Joliet, then ISO 9660).
     *
     * @param previous the earlier image or disc
     * @param sessionBlock the first block of the session to import
     * @return the file system imported
     */
    public FsiFileSystems importFileSystem(ImapiStream previous, long sessionBlock) {
        return importStream(previous, sessionBlock, 0);
    }

    private FsiFileSystems importStream(ImapiStream previous, long sessionBlock, int fileSystem) {
        long s = NativeHandle.raw(previous == null ? null : previous.handle);
        int[] used = new int[1];
        check(h -> ImapiNative.imapi_fsimage_import_stream(h, s, sessionBlock, fileSystem, used));
        return FsiFileSystems.ofOrNull(used[0]);
    }

    /**
     * ImportFileSystem of a single-session image file, the library choosing the file system.
     *
     * @param previousImage the image file
     * @return the file system imported
     */
    public FsiFileSystems importFileSystem(Path previousImage) {
        try (ImapiStream s = ImapiStream.fromFile(previousImage)) {
            return importFileSystem(s, 0);
        }
    }

    /**
     * Extension: Rock Ridge relocation of directories deeper than ISO 9660's 8 levels.
     * {@code false} (the default) records deep directories where they are, so every reader
     * shows the source tree in every namespace; {@code true} (also implied by strict
     * compliance) moves them into a top-level {@code .rr_moved} that Rock Ridge readers hide
     * (RRIP RE). Needs Rock Ridge among the file systems to create.
     *
     * @param relocate true to relocate deep directories
     * @throws ImapiException if the image was closed
     */
    public void setRockRidgeRelocation(boolean relocate) { check(h -> ImapiNative.imapi_fsimage_set_rr_relocation(h, relocate ? 1 : 0)); }

    /** @return whether deep directories are relocated; see {@link #setRockRidgeRelocation(boolean)} */
    public boolean getRockRidgeRelocation() { return int32(ImapiNative::imapi_fsimage_get_rr_relocation) != 0; }

    /**
     * Extension: what {@link FsiDirectoryItem#addTree(java.nio.file.Path, boolean) addTree} calls
     * made afterwards do with host symbolic links ({@link SymlinkPolicy#RECORD} by default).
     *
     * @param policy record, follow or skip links
     * @throws ImapiException E_POINTER if {@code policy} is null, or if the image was closed
     */
    public void setSymlinkPolicy(SymlinkPolicy policy) {
        if (policy == null) throw new ImapiException(ImapiStatus.E_POINTER, "policy is null");
        check(h -> ImapiNative.imapi_fsimage_set_symlink_policy(h, policy.value()));
    }

    /**
     * What addTree does with host symbolic links; see {@link #setSymlinkPolicy(SymlinkPolicy)}.
     *
     * @return the image's symlink policy
     * @throws ImapiException if the image was closed
     */
    public SymlinkPolicy getSymlinkPolicy() { return SymlinkPolicy.of(int32(ImapiNative::imapi_fsimage_get_symlink_policy)); }

    /** How many host paths of each {@link SkipReason} the image keeps (IMAPI_SKIPPED_PATHS_PER_KIND). */
    public static final int SKIPPED_PATHS_PER_KIND = 100;

    /**
     * Extension: the host entries addTree calls on this image left out (FIFOs, sockets, devices,
     * links under {@link SymlinkPolicy#SKIP}), in the order the walks met them: the first
     * {@link #SKIPPED_PATHS_PER_KIND} of each reason; the rest are only counted
     * ({@link #getSkippedCount(SkipReason)}). A failed addTree adds none, and
     * {@link #rollbackToChangePoint(long)} removes what later calls added.
     *
     * @return the kept entries, copied
     * @throws ImapiException if the image was closed
     */
    public java.util.List<SkippedEntry> getSkippedEntries() {
        return call(h -> {
            long[] n = new long[1];
            ImapiException.check(ImapiNative.imapi_fsimage_get_skipped_entry_count(h, n));
            java.util.List<SkippedEntry> entries = new java.util.ArrayList<>();
            imapi_skipped_entry e = new imapi_skipped_entry();
            try {
                for (long i = 0; i < n[0]; i++) {
                    ImapiException.check(ImapiNative.imapi_fsimage_get_skipped_entry(h, i, e));
                    entries.add(new SkippedEntry(e.getHost_path(), SkipReason.of(e.getReason())));
                }
            } finally {
                e.delete();
            }
            return entries;
        });
    }

    /**
     * How many host entries addTree left out for {@code reason}: the true total, past what
     * {@link #getSkippedEntries()} keeps.
     *
     * @param reason one reason, or null for every reason
     * @return the count
     * @throws ImapiException if the image was closed
     */
    public long getSkippedCount(SkipReason reason) {
        int raw = reason == null ? 0 : reason.value();
        return int64((h, v) -> ImapiNative.imapi_fsimage_get_skipped_total(h, raw, v));
    }
}
