namespace Imapi;

/// <summary>
/// IMAPI's HRESULTs, with the numbers imapi2error.h / imapi2fserror.h give them
/// (and libimapi's extensions in facility 0xAA, codes 0xF000-0xF0FF): the
/// <see cref="ImapiException.Status"/> of every failure, and the HResult of the exception.
/// Negative values are errors; the few positive ones are success codes a call returns
/// (e.g. <see cref="DiscFormat2Data.SetWriteSpeed"/>). <see cref="ImapiLibrary.StatusName"/>
/// gives the C name ("IMAPI_E_DUP_NAME").
/// </summary>
public enum ImapiStatus : int
{
    /// <summary>Success (IMAPI_S_OK).</summary>
    Ok = 0,
    /// <summary>E_NOTIMPL: the operation is not implemented (e.g. an IMAPI feature libimapi does not offer).</summary>
    NotImplemented = unchecked((int)0x80004001),
    /// <summary>E_POINTER: a required argument was null.</summary>
    Pointer = unchecked((int)0x80004003),
    /// <summary>E_ABORT: the operation was aborted.</summary>
    Abort = unchecked((int)0x80004004),
    /// <summary>E_FAIL: an unspecified failure; the message says what happened.</summary>
    Fail = unchecked((int)0x80004005),
    /// <summary>E_ACCESSDENIED: the system refused access (a device node or file without permission).</summary>
    AccessDenied = unchecked((int)0x80070005),
    /// <summary>HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE): the object was disposed, or a null or wrong-type handle was passed.</summary>
    InvalidHandle = unchecked((int)0x80070006),
    /// <summary>E_OUTOFMEMORY: memory ran out.</summary>
    OutOfMemory = unchecked((int)0x8007000E),
    /// <summary>E_INVALIDARG: an argument is out of range or malformed; the message names it.</summary>
    InvalidArg = unchecked((int)0x80070057),
    /// <summary>The operation was cancelled (CancelWrite, a cancelled token, a progress handler returning false or throwing).</summary>
    RequestCancelled = unchecked((int)0xC0AA0002),
    /// <summary>Success code of a pass-through command that completed with sense data (read it from the sense output).</summary>
    CommandHasSenseData = 0x00AA0200,
    /// <summary>No recorder was set (DiscFormat2Data.Recorder, WriteEngine2.Recorder).</summary>
    RecorderRequired = unchecked((int)0xC0AA0003),
    /// <summary>The drive does not have the requested mode page.</summary>
    RecorderNoSuchModePage = unchecked((int)0xC0AA0201),
    /// <summary>There is no medium in the drive.</summary>
    RecorderMediaNoMedia = unchecked((int)0xC0AA0202),
    /// <summary>The medium in the drive is not one the operation can use.</summary>
    RecorderMediaIncompatible = unchecked((int)0xC0AA0203),
    /// <summary>The medium is inserted upside down.</summary>
    RecorderMediaUpsideDown = unchecked((int)0xC0AA0204),
    /// <summary>The drive is getting the medium ready; try again shortly.</summary>
    RecorderMediaBecomingReady = unchecked((int)0xC0AA0205),
    /// <summary>The medium is being formatted; try again when it has finished.</summary>
    RecorderMediaFormatInProgress = unchecked((int)0xC0AA0206),
    /// <summary>The drive is busy with a long operation; try again shortly.</summary>
    RecorderMediaBusy = unchecked((int)0xC0AA0207),
    /// <summary>The drive refused the mode page parameters sent to it.</summary>
    RecorderInvalidModeParameters = unchecked((int)0xC0AA0208),
    /// <summary>The medium is write protected.</summary>
    RecorderMediaWriteProtected = unchecked((int)0xC0AA0209),
    /// <summary>The drive does not report the requested feature.</summary>
    RecorderNoSuchFeature = unchecked((int)0xC0AA020A),
    /// <summary>The feature exists but is not current for the medium in the drive.</summary>
    RecorderFeatureIsNotCurrent = unchecked((int)0xC0AA020B),
    /// <summary>The drive does not support GET CONFIGURATION (not an MMC drive).</summary>
    RecorderGetConfigurationNotSupported = unchecked((int)0xC0AA020C),
    /// <summary>The drive did not answer a command in time.</summary>
    RecorderCommandTimeout = unchecked((int)0xC0AA020D),
    /// <summary>The requested DVD/BD structure is not present on the medium.</summary>
    RecorderDvdStructureNotPresent = unchecked((int)0xC0AA020E),
    /// <summary>The medium does not support the requested write speed.</summary>
    RecorderMediaSpeedMismatch = unchecked((int)0xC0AA020F),
    /// <summary>Another client holds exclusive access to the drive; the message names it.</summary>
    RecorderLocked = unchecked((int)0xC0AA0210),
    /// <summary>The client name for exclusive access is empty or not valid.</summary>
    RecorderClientNameIsNotValid = unchecked((int)0xC0AA0211),
    /// <summary>The medium must be formatted before this operation.</summary>
    RecorderMediaNotFormatted = unchecked((int)0xC0AA0212),
    /// <summary>The drive's reply could not be understood.</summary>
    RecorderInvalidResponseFromDevice = unchecked((int)0xC0AA02FF),
    /// <summary>A buffer underrun the drive could not recover from ended the write.</summary>
    LossOfStreaming = unchecked((int)0xC0AA0300),
    /// <summary>The drive reported an error during a write (sense data in ImapiException.SenseKey/Asc/Ascq).</summary>
    UnexpectedResponseFromDevice = unchecked((int)0xC0AA0301),
    /// <summary>An internal error of the file-system image code.</summary>
    FsiInternalError = unchecked((int)0xC0AAB100),
    /// <summary>A property or argument value is not valid for the image (e.g. an unsupported UDF revision).</summary>
    InvalidParam = unchecked((int)0xC0AAB101),
    /// <summary>The property cannot be changed now (the image or item is read-only).</summary>
    ReadOnly = unchecked((int)0xC0AAB102),
    /// <summary>Nothing to write: no file system was selected for the image.</summary>
    NoOutput = unchecked((int)0xC0AAB103),
    /// <summary>The volume name is not valid for the selected file systems.</summary>
    InvalidVolumeName = unchecked((int)0xC0AAB104),
    /// <summary>A date is outside what the file systems can record.</summary>
    InvalidDate = unchecked((int)0xC0AAB105),
    /// <summary>The file system must be empty for this operation.</summary>
    FileSystemNotEmpty = unchecked((int)0xC0AAB106),
    /// <summary>The item is not a file.</summary>
    NotFile = unchecked((int)0xC0AAB108),
    /// <summary>The item is not a directory.</summary>
    NotDir = unchecked((int)0xC0AAB109),
    /// <summary>The directory is not empty.</summary>
    DirNotEmpty = unchecked((int)0xC0AAB10A),
    /// <summary>The item is not part of the image (a detached item).</summary>
    NotInFileSystem = unchecked((int)0xC0AAB10B),
    /// <summary>The path is malformed.</summary>
    InvalidPath = unchecked((int)0xC0AAB110),
    /// <summary>The name breaks the restricted character set in force.</summary>
    RestrictedNameViolation = unchecked((int)0xC0AAB111),
    /// <summary>An item of that name already exists.</summary>
    DupName = unchecked((int)0xC0AAB112),
    /// <summary>No unique name could be made for the item.</summary>
    NoUniqueName = unchecked((int)0xC0AAB113),
    /// <summary>No item exists at the given path.</summary>
    ItemNotFound = unchecked((int)0xC0AAB118),
    /// <summary>The file was not found.</summary>
    FileNotFound = unchecked((int)0xC0AAB119),
    /// <summary>The directory was not found.</summary>
    DirNotFound = unchecked((int)0xC0AAB11A),
    /// <summary>The image would exceed FreeMediaBlocks.</summary>
    ImageSizeLimit = unchecked((int)0xC0AAB120),
    /// <summary>The image is larger than the file systems can describe.</summary>
    ImageTooBig = unchecked((int)0xC0AAB121),
    /// <summary>A file's data stream changed size or content while the image was read.</summary>
    DataStreamInconsistency = unchecked((int)0xC0AAB128),
    /// <summary>A file's data stream (or a source stream) could not be read; the message names it.</summary>
    DataStreamReadFailure = unchecked((int)0xC0AAB129),
    /// <summary>A data stream could not be created for a file (e.g. a file that cannot be opened).</summary>
    DataStreamCreateFailure = unchecked((int)0xC0AAB12A),
    /// <summary>A source directory could not be read.</summary>
    DirectoryReadFailure = unchecked((int)0xC0AAB12B),
    /// <summary>More directories than the file systems can record.</summary>
    TooManyDirs = unchecked((int)0xC0AAB130),
    /// <summary>The tree needs a higher ISO 9660 interchange level than the one set.</summary>
    Iso9660Levels = unchecked((int)0xC0AAB131),
    /// <summary>A file or an extraction is larger than allowed.</summary>
    DataTooBig = unchecked((int)0xC0AAB132),
    /// <summary>The previous session cannot be continued with these settings.</summary>
    IncompatiblePreviousSession = unchecked((int)0xC0AAB133),
    /// <summary>A staging (stash) file could not be opened.</summary>
    StashFileOpenFailure = unchecked((int)0xC0AAB138),
    /// <summary>A staging (stash) file could not be seeked.</summary>
    StashFileSeekFailure = unchecked((int)0xC0AAB139),
    /// <summary>A staging (stash) file could not be written.</summary>
    StashFileWriteFailure = unchecked((int)0xC0AAB13A),
    /// <summary>A staging (stash) file could not be read.</summary>
    StashFileReadFailure = unchecked((int)0xC0AAB13B),
    /// <summary>The working directory does not exist or is not usable.</summary>
    InvalidWorkingDirectory = unchecked((int)0xC0AAB140),
    /// <summary>The working directory has too little free space.</summary>
    WorkingDirectorySpace = unchecked((int)0xC0AAB141),
    /// <summary>A staging (stash) file could not be moved.</summary>
    StashFileMove = unchecked((int)0xC0AAB142),
    /// <summary>The boot image's data is not valid.</summary>
    BootImageData = unchecked((int)0xC0AAB148),
    /// <summary>A boot image is already set that conflicts with this one.</summary>
    BootObjectConflict = unchecked((int)0xC0AAB149),
    /// <summary>The boot image's size does not match its emulation type.</summary>
    BootEmulationImageSizeMismatch = unchecked((int)0xC0AAB14A),
    /// <summary>The disc or image holds no session to import.</summary>
    EmptyDisc = unchecked((int)0xC0AAB150),
    /// <summary>The disc or image holds no file system libimapi can import.</summary>
    NoSupportedFileSystem = unchecked((int)0xC0AAB151),
    /// <summary>The requested file system is not on the disc or image.</summary>
    FileSystemNotFound = unchecked((int)0xC0AAB152),
    /// <summary>The file system on the disc or image is inconsistent (a malformed or hostile image).</summary>
    FileSystemReadConsistencyError = unchecked((int)0xC0AAB153),
    /// <summary>The file system uses a feature libimapi cannot read.</summary>
    FileSystemFeatureNotSupported = unchecked((int)0xC0AAB154),
    /// <summary>Importing found a file where the image holds a directory of that name.</summary>
    ImportTypeCollisionFileExistsAsDirectory = unchecked((int)0xC0AAB155),
    /// <summary>Seeking in the imported medium failed.</summary>
    ImportSeekFailure = unchecked((int)0xC0AAB156),
    /// <summary>Reading the imported medium failed.</summary>
    ImportReadFailure = unchecked((int)0xC0AAB157),
    /// <summary>The medium changed since its session was imported.</summary>
    DiscMismatch = unchecked((int)0xC0AAB158),
    /// <summary>This medium cannot be imported.</summary>
    ImportMediaNotAllowed = unchecked((int)0xC0AAB159),
    /// <summary>No UDF revision compatible with the imported session can be written.</summary>
    UdfNotWriteCompatible = unchecked((int)0xC0AAB15A),
    /// <summary>The multisession interface does not fit the medium.</summary>
    IncompatibleMultisessionType = unchecked((int)0xC0AAB15B),
    /// <summary>None of the multisession interfaces fits the medium.</summary>
    NoCompatibleMultisessionType = unchecked((int)0xC0AAB15C),
    /// <summary>A multisession interface must be chosen (InUse) before importing.</summary>
    MultisessionNotSet = unchecked((int)0xC0AAB15D),
    /// <summary>Importing found a directory where the image holds a file of that name.</summary>
    ImportTypeCollisionDirectoryExistsAsFile = unchecked((int)0xC0AAB15E),
    /// <summary>Success code: a feature the chosen file-system revision lacks was left out.</summary>
    ImageFeatureNotSupported = 0x00AAB15F,
    /// <summary>The property cannot be read or written in this state.</summary>
    PropertyNotAccessible = unchecked((int)0xC0AAB160),
    /// <summary>The UDF revision is fixed by the imported session.</summary>
    UdfRevisionChangeNotAllowed = unchecked((int)0xC0AAB161),
    /// <summary>A multisession parameter (session start, next writable address) is not valid.</summary>
    BadMultisessionParameter = unchecked((int)0xC0AAB162),
    /// <summary>FileSystemsToCreate is fixed by the imported session.</summary>
    FileSystemChangeNotAllowed = unchecked((int)0xC0AAB163),
    /// <summary>IsoImageManager: the image's size is not a multiple of 2048 bytes.</summary>
    ImageManagerImageNotAligned = unchecked((int)0xC0AAB200),
    /// <summary>IsoImageManager: no valid volume descriptor was found.</summary>
    ImageManagerNoValidVdFound = unchecked((int)0xC0AAB201),
    /// <summary>IsoImageManager: no image was set (Path or Stream).</summary>
    ImageManagerNoImage = unchecked((int)0xC0AAB202),
    /// <summary>IsoImageManager: the image is too large.</summary>
    ImageManagerImageTooBig = unchecked((int)0xC0AAB203),
    /// <summary>Success code of ImapiJob.Wait when the time ran out while the job still runs (libimapi extension).</summary>
    JobRunning = 0x00AAF001,
    /// <summary>A job's result was asked for before it finished (libimapi extension).</summary>
    JobNotFinished = unchecked((int)0xC0AAF002),
    /// <summary>An output file could not be created or written (libimapi extension).</summary>
    OutputWriteFailure = unchecked((int)0xC0AAF003),
    /// <summary>Success code of SetWriteSpeed: the nearest offered speed is used instead.</summary>
    SpeedAdjusted = 0x00AA0004,
    /// <summary>Success code of SetWriteSpeed: the other rotation type is used.</summary>
    RotationAdjusted = 0x00AA0005,
    /// <summary>Success code of SetWriteSpeed: both speed and rotation were adjusted.</summary>
    BothAdjusted = 0x00AA0006,
    /// <summary>Verification found a difference; ImapiException.Lba names the first bad block.</summary>
    BurnVerificationFailed = unchecked((int)0xC0AA0007),
    /// <summary>Success code of CancelWrite when no write was running.</summary>
    WriteNotInProgress = 0x00AA0302,
    /// <summary>A write is already running on this writer.</summary>
    Df2DataWriteInProgress = unchecked((int)0xC0AA0400),
    /// <summary>No write is running.</summary>
    Df2DataWriteNotInProgress = unchecked((int)0xC0AA0401),
    /// <summary>The medium's state does not allow the write (closed, or one the writer cannot continue).</summary>
    Df2DataInvalidMediaState = unchecked((int)0xC0AA0402),
    /// <summary>The data stream's size is 0 or not a multiple of 2048 bytes.</summary>
    Df2DataStreamNotSupported = unchecked((int)0xC0AA0403),
    /// <summary>The data does not fit in the free space of the medium.</summary>
    Df2DataStreamTooLargeForCurrentMedia = unchecked((int)0xC0AA0404),
    /// <summary>The medium is not blank and ForceOverwrite is off.</summary>
    Df2DataMediaNotBlank = unchecked((int)0xC0AA0405),
    /// <summary>The medium in the drive is not one this writer writes.</summary>
    Df2DataMediaIsNotSupported = unchecked((int)0xC0AA0406),
    /// <summary>The drive cannot write any medium this writer supports.</summary>
    Df2DataRecorderNotSupported = unchecked((int)0xC0AA0407),
    /// <summary>ClientName is empty or not valid.</summary>
    Df2DataClientNameIsNotValid = unchecked((int)0xC0AA0408),
    /// <summary>An erase or format is running on this object: wait for it to end.</summary>
    EraseRecorderInUse = unchecked((int)0x80AA0900),
    /// <summary>Erase: clear the current recorder before setting another.</summary>
    EraseOnlyOneRecorderSupported = unchecked((int)0x80AA0901),
    /// <summary>Erase: the drive's disc information reply was too short.</summary>
    EraseDiscInformationTooSmall = unchecked((int)0x80AA0902),
    /// <summary>Erase: the drive's mode page 2Ah reply was too short.</summary>
    EraseModePage2aTooSmall = unchecked((int)0x80AA0903),
    /// <summary>The drive reports the disc as not erasable.</summary>
    EraseMediaIsNotErasable = unchecked((int)0x80AA0904),
    /// <summary>The drive refused BLANK or FORMAT UNIT; nothing was changed.</summary>
    EraseDriveFailedEraseCommand = unchecked((int)0x80AA0905),
    /// <summary>The drive was still erasing or formatting after an hour.</summary>
    EraseTookLongerThanOneHour = unchecked((int)0x80AA0906),
    /// <summary>The drive reported an error while erasing or formatting; the disc's state is unknown.</summary>
    EraseUnexpectedDriveResponseDuringErase = unchecked((int)0x80AA0907),
    /// <summary>Erase: the drive did not spin up.</summary>
    EraseDriveFailedSpinupCommand = unchecked((int)0x80AA0908),
    /// <summary>The disc has no such operation (erase: CD-RW and DVD-RW only; format: DVD+RW, DVD-RW, DVD-RAM, BD-RE, blank BD-R).</summary>
    EraseMediaIsNotSupported = unchecked((int)0xC0AA0909),
    /// <summary>The drive can erase none of the media it takes.</summary>
    EraseRecorderNotSupported = unchecked((int)0xC0AA090A),
    /// <summary>The client name is missing or not valid: set one before erasing.</summary>
    EraseClientNameIsNotValid = unchecked((int)0xC0AA090B),
}
