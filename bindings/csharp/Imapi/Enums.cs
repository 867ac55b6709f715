using System;

namespace Imapi;

/// <summary>
/// IMAPI2FS's FsiFileSystems, plus Rock Ridge (a libimapi extension bit): a set of file
/// systems (<see cref="FileSystemImage.FileSystemsToCreate"/>, <see cref="ImageReader.FileSystems"/>),
/// or one of them where a call names a single file system (<see cref="ImageReader.List"/>).
/// </summary>
[Flags]
public enum FsiFileSystems : int
{
    /// <summary>No file system (as an import argument: let the library choose).</summary>
    None = 0x0,
    /// <summary>ISO 9660 (ECMA-119), the interchange level of <see cref="FileSystemImage.ISO9660InterchangeLevel"/>.</summary>
    ISO9660 = 0x1,
    /// <summary>Joliet: Unicode names (64 UCS-2 characters) beside ISO 9660.</summary>
    Joliet = 0x2,
    /// <summary>UDF (ECMA-167, OSTA UDF) at <see cref="FileSystemImage.UDFRevision"/>.</summary>
    UDF = 0x4,
    /// <summary>Rock Ridge (RRIP/SUSP): POSIX names, modes, owners and links on ISO 9660 (libimapi extension).</summary>
    RockRidge = 0x8,
    /// <summary>A file system IMAPI does not name (an import found one it cannot read).</summary>
    Unknown = 0x40000000,
}

/// <summary>IMAPI2's IMAPI_MEDIA_PHYSICAL_TYPE (same values): the kind of medium in a drive.</summary>
public enum ImapiMediaPhysicalType : int
{
    /// <summary>No medium, or one the drive does not identify.</summary>
    Unknown = 0,
    /// <summary>CD-ROM (pressed, or a closed CD-R).</summary>
    CDROM = 1,
    /// <summary>CD-R.</summary>
    CDR = 2,
    /// <summary>CD-RW.</summary>
    CDRW = 3,
    /// <summary>DVD-ROM.</summary>
    DVDROM = 4,
    /// <summary>DVD-RAM.</summary>
    DVDRAM = 5,
    /// <summary>DVD+R.</summary>
    DVDPlusR = 6,
    /// <summary>DVD+RW.</summary>
    DVDPlusRW = 7,
    /// <summary>DVD+R dual layer.</summary>
    DVDPlusRDualLayer = 8,
    /// <summary>DVD-R.</summary>
    DVDDashR = 9,
    /// <summary>DVD-RW.</summary>
    DVDDashRW = 10,
    /// <summary>DVD-R dual layer.</summary>
    DVDDashRDualLayer = 11,
    /// <summary>A randomly writable disk (no optical medium).</summary>
    Disk = 12,
    /// <summary>DVD+RW dual layer.</summary>
    DVDPlusRWDualLayer = 13,
    /// <summary>HD DVD-ROM.</summary>
    HDDVDROM = 14,
    /// <summary>HD DVD-R.</summary>
    HDDVDR = 15,
    /// <summary>HD DVD-RAM.</summary>
    HDDVDRAM = 16,
    /// <summary>BD-ROM.</summary>
    BDROM = 17,
    /// <summary>BD-R.</summary>
    BDR = 18,
    /// <summary>BD-RE.</summary>
    BDRE = 19,
}

/// <summary>IMAPI2FS's FsiItemType, plus symbolic links (an extension): what <see cref="FileSystemImage.Exists"/> found.</summary>
public enum FsiItemType : int
{
    /// <summary>Nothing at that path.</summary>
    NotFound = 0,
    /// <summary>A directory (<see cref="FsiDirectoryItem"/>).</summary>
    Directory = 1,
    /// <summary>A file (<see cref="FsiFileItem"/>).</summary>
    File = 2,
    /// <summary>A symbolic link (<see cref="FsiSymbolicLinkItem"/>, recorded by Rock Ridge and UDF).</summary>
    Symlink = 3,
}

/// <summary>What a progress snapshot (<see cref="ImapiProgress"/>) counts.</summary>
public enum ImapiOperation : int
{
    /// <summary>No operation has reported yet.</summary>
    None = 0,
    /// <summary>Writing an image: Done/Total are sectors.</summary>
    ImageWrite = 1,
    /// <summary>Extracting an image: Done/Total are bytes.</summary>
    Extract = 2,
    /// <summary>Burning (<see cref="ImapiJob.Progress"/> of a DiscFormat2Data or WriteEngine2 job): Done/Total are sectors.</summary>
    Burn = 3,
    /// <summary>Erasing or formatting (a DiscFormat2Erase job): Done/Total are the medium's sectors, from the drive's progress.</summary>
    Erase = 4,
}

/// <summary>The kind of an entry an <see cref="ImageReader"/> lists.</summary>
public enum ImageEntryType : int
{
    /// <summary>A directory.</summary>
    Directory = 1,
    /// <summary>A regular file (<see cref="ImageReader.OpenFile(ImageEntry)"/> reads it).</summary>
    File = 2,
    /// <summary>A symbolic link (<see cref="ImageEntry.Target"/> holds its target).</summary>
    Symlink = 3,
}

/// <summary>
/// IMAPI_FORMAT2_DATA_MEDIA_STATE: the state of the medium in a recorder, a set of bits
/// (<see cref="DiscFormat2Data.CurrentMediaStatus"/>, <see cref="MediaInfo.State"/>); IMAPI's values.
/// </summary>
[Flags]
public enum ImapiFormat2DataMediaState : int
{
    /// <summary>No medium, or a state the drive does not report.</summary>
    Unknown = 0x0,
    /// <summary>Overwritable media (DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite): written in place.</summary>
    OverwriteOnly = 0x1,
    /// <summary>Blank: nothing recorded yet.</summary>
    Blank = 0x2,
    /// <summary>Holds sessions and takes another.</summary>
    Appendable = 0x4,
    /// <summary>The next session must be the last (the medium is nearly full).</summary>
    FinalSession = 0x8,
    /// <summary>Damaged: the drive reports the medium unreadable or its last session incomplete.</summary>
    Damaged = 0x400,
    /// <summary>Must be erased (blanked) before it can be written.</summary>
    EraseRequired = 0x800,
    /// <summary>The last session holds data (not an empty reserved session).</summary>
    NonEmptySession = 0x1000,
    /// <summary>Write protected (see <see cref="DiscFormat2Data.WriteProtectStatus"/> for why).</summary>
    WriteProtected = 0x2000,
    /// <summary>Closed: no further session can be added.</summary>
    Finalized = 0x4000,
    /// <summary>A medium this writer cannot write.</summary>
    UnsupportedMedia = 0x8000,
}

/// <summary>
/// IMAPI_MEDIA_WRITE_PROTECT_STATE: why a medium cannot be written, a set of bits
/// (<see cref="DiscFormat2Data.WriteProtectStatus"/>, <see cref="MediaInfo.WriteProtect"/>); IMAPI's values.
/// </summary>
[Flags]
public enum ImapiMediaWriteProtectState : int
{
    /// <summary>Not write protected.</summary>
    None = 0x0,
    /// <summary>Protected until the drive is powered down.</summary>
    UntilPowerdown = 0x1,
    /// <summary>The cartridge's write-protect switch is set.</summary>
    ByCartridge = 0x2,
    /// <summary>Protected for a reason of the medium's own format.</summary>
    ByMediaSpecificReason = 0x4,
    /// <summary>Software write protection (MMC's SWPP) is set.</summary>
    BySoftwareWriteProtect = 0x8,
    /// <summary>A disc control block forbids writing (DVD+RW).</summary>
    ByDiscControlBlock = 0x10,
    /// <summary>Read-only media (a pressed or closed disc).</summary>
    ReadOnlyMedia = 0x4000,
}

/// <summary>
/// IMAPI_PROFILE_TYPE: an MMC profile (what a drive can be, or is, for the medium in it):
/// <see cref="DiscRecorder.SupportedProfiles"/>, <see cref="DiscRecorder.CurrentProfiles"/>,
/// <see cref="MediaInfo.Profile"/>. The value is the MMC profile number; a drive may report
/// numbers this enum does not name.
/// </summary>
public enum ImapiProfileType : int
{
    /// <summary>No profile (no medium, or none current).</summary>
    Invalid = 0x0,
    /// <summary>Non-removable disk.</summary>
    NonRemovableDisk = 0x1,
    /// <summary>Removable disk.</summary>
    RemovableDisk = 0x2,
    /// <summary>Magneto-optical, erasable.</summary>
    MOErasable = 0x3,
    /// <summary>Magneto-optical, write once.</summary>
    MOWriteOnce = 0x4,
    /// <summary>Advance storage magneto-optical.</summary>
    AsMO = 0x5,
    /// <summary>CD-ROM.</summary>
    CDRom = 0x8,
    /// <summary>CD-R.</summary>
    CDRecordable = 0x9,
    /// <summary>CD-RW.</summary>
    CDRewritable = 0xA,
    /// <summary>DVD-ROM.</summary>
    DvdRom = 0x10,
    /// <summary>DVD-R, sequential recording.</summary>
    DvdDashRecordable = 0x11,
    /// <summary>DVD-RAM.</summary>
    DvdRam = 0x12,
    /// <summary>DVD-RW, restricted overwrite.</summary>
    DvdDashRewritable = 0x13,
    /// <summary>DVD-RW, sequential recording.</summary>
    DvdDashRWSequential = 0x14,
    /// <summary>DVD-R dual layer, sequential recording.</summary>
    DvdDashRDualSequential = 0x15,
    /// <summary>DVD-R dual layer, layer jump recording.</summary>
    DvdDashRDualLayerJump = 0x16,
    /// <summary>DVD+RW.</summary>
    DvdPlusRW = 0x1A,
    /// <summary>DVD+R.</summary>
    DvdPlusR = 0x1B,
    /// <summary>DDCD-ROM.</summary>
    DDCDRom = 0x20,
    /// <summary>DDCD-R.</summary>
    DDCDRecordable = 0x21,
    /// <summary>DDCD-RW.</summary>
    DDCDRewritable = 0x22,
    /// <summary>DVD+RW dual layer.</summary>
    DvdPlusRWDual = 0x2A,
    /// <summary>DVD+R dual layer.</summary>
    DvdPlusRDual = 0x2B,
    /// <summary>BD-ROM.</summary>
    BDRom = 0x40,
    /// <summary>BD-R, sequential recording (SRM).</summary>
    BDRSequential = 0x41,
    /// <summary>BD-R, random recording (RRM).</summary>
    BDRRandomRecording = 0x42,
    /// <summary>BD-RE.</summary>
    BDRewritable = 0x43,
    /// <summary>HD DVD-ROM.</summary>
    HDDvdRom = 0x50,
    /// <summary>HD DVD-R.</summary>
    HDDvdRecordable = 0x51,
    /// <summary>HD DVD-RAM.</summary>
    HDDvdRam = 0x52,
    /// <summary>A profile outside MMC's list.</summary>
    NonStandard = 0xFFFF,
}

/// <summary>
/// IMAPI_FEATURE_PAGE_TYPE: an MMC GET CONFIGURATION feature code
/// (<see cref="DiscRecorder.SupportedFeaturePages"/>, <see cref="DiscRecorder.GetFeaturePage"/>).
/// A drive may report codes this enum does not name (vendor features): cast them.
/// </summary>
public enum ImapiFeaturePageType : int
{
    /// <summary>Profile List (0000h).</summary>
    ProfileList = 0x0,
    /// <summary>Core (0001h).</summary>
    Core = 0x1,
    /// <summary>Morphing (0002h).</summary>
    Morphing = 0x2,
    /// <summary>Removable Medium (0003h).</summary>
    RemovableMedium = 0x3,
    /// <summary>Write Protect (0004h).</summary>
    WriteProtect = 0x4,
    /// <summary>Random Readable (0010h).</summary>
    RandomlyReadable = 0x10,
    /// <summary>CD Multi-Read (001Dh).</summary>
    CDMultiread = 0x1D,
    /// <summary>CD Read (001Eh).</summary>
    CDRead = 0x1E,
    /// <summary>DVD Read (001Fh).</summary>
    DvdRead = 0x1F,
    /// <summary>Random Writable (0020h).</summary>
    RandomlyWritable = 0x20,
    /// <summary>Incremental Streaming Writable (0021h).</summary>
    IncrementalStreamingWritable = 0x21,
    /// <summary>Sector Erasable (0022h).</summary>
    SectorErasable = 0x22,
    /// <summary>Formattable (0023h).</summary>
    Formattable = 0x23,
    /// <summary>Hardware Defect Management (0024h).</summary>
    HardwareDefectManagement = 0x24,
    /// <summary>Write Once (0025h).</summary>
    WriteOnce = 0x25,
    /// <summary>Restricted Overwrite (0026h).</summary>
    RestrictedOverwrite = 0x26,
    /// <summary>CD-RW CAV Write (0027h).</summary>
    CDRWCavWrite = 0x27,
    /// <summary>MRW, Mount Rainier (0028h).</summary>
    Mrw = 0x28,
    /// <summary>Enhanced Defect Reporting (0029h).</summary>
    EnhancedDefectReporting = 0x29,
    /// <summary>DVD+RW (002Ah).</summary>
    DvdPlusRW = 0x2A,
    /// <summary>DVD+R (002Bh).</summary>
    DvdPlusR = 0x2B,
    /// <summary>Rigid Restricted Overwrite (002Ch).</summary>
    RigidRestrictedOverwrite = 0x2C,
    /// <summary>CD Track at Once (002Dh).</summary>
    CDTrackAtOnce = 0x2D,
    /// <summary>CD Mastering, session at once and raw (002Eh).</summary>
    CDMastering = 0x2E,
    /// <summary>DVD-R/-RW Write (002Fh).</summary>
    DvdDashWrite = 0x2F,
    /// <summary>DDCD Read (0030h).</summary>
    DoubleDensityCDRead = 0x30,
    /// <summary>DDCD-R Write (0031h).</summary>
    DoubleDensityCDRWrite = 0x31,
    /// <summary>DDCD-RW Write (0032h).</summary>
    DoubleDensityCDRWWrite = 0x32,
    /// <summary>Layer Jump Recording (0033h).</summary>
    LayerJumpRecording = 0x33,
    /// <summary>CD-RW Media Write Support (0037h).</summary>
    CDRWMediaWriteSupport = 0x37,
    /// <summary>BD-R Pseudo-Overwrite (0038h).</summary>
    BDPseudoOverwrite = 0x38,
    /// <summary>DVD+R Dual Layer (003Bh).</summary>
    DvdPlusRDualLayer = 0x3B,
    /// <summary>BD Read (0040h).</summary>
    BDRead = 0x40,
    /// <summary>BD Write (0041h).</summary>
    BDWrite = 0x41,
    /// <summary>HD DVD Read (0050h).</summary>
    HDDvdRead = 0x50,
    /// <summary>HD DVD Write (0051h).</summary>
    HDDvdWrite = 0x51,
    /// <summary>Power Management (0100h).</summary>
    PowerManagement = 0x100,
    /// <summary>S.M.A.R.T. (0101h).</summary>
    Smart = 0x101,
    /// <summary>Embedded Changer (0102h).</summary>
    EmbeddedChanger = 0x102,
    /// <summary>CD Audio External Play (0103h).</summary>
    CDAnalogPlay = 0x103,
    /// <summary>Microcode Upgrade (0104h).</summary>
    MicrocodeUpdate = 0x104,
    /// <summary>Time-Out (0105h).</summary>
    Timeout = 0x105,
    /// <summary>DVD CSS (0106h).</summary>
    DvdCss = 0x106,
    /// <summary>Real Time Streaming (0107h).</summary>
    RealTimeStreaming = 0x107,
    /// <summary>Logical Unit Serial Number (0108h).</summary>
    LogicalUnitSerialNumber = 0x108,
    /// <summary>Media Serial Number (0109h).</summary>
    MediaSerialNumber = 0x109,
    /// <summary>Disc Control Blocks (010Ah).</summary>
    DiscControlBlocks = 0x10A,
    /// <summary>DVD CPRM (010Bh).</summary>
    DvdCprm = 0x10B,
    /// <summary>Firmware Information (010Ch).</summary>
    FirmwareInformation = 0x10C,
    /// <summary>AACS (010Dh).</summary>
    Aacs = 0x10D,
    /// <summary>VCPS (0110h).</summary>
    Vcps = 0x110,
}

/// <summary>
/// IMAPI_MODE_PAGE_TYPE: an MMC mode page code (<see cref="DiscRecorder.SupportedModePages"/>,
/// <see cref="DiscRecorder.GetModePage"/>). A drive may report pages this enum does not name: cast them.
/// </summary>
public enum ImapiModePageType : int
{
    /// <summary>Read/Write Error Recovery (01h).</summary>
    ReadWriteErrorRecovery = 0x01,
    /// <summary>MRW, Mount Rainier (03h).</summary>
    Mrw = 0x03,
    /// <summary>Write Parameters (05h): write type, track and data block modes.</summary>
    WriteParameters = 0x05,
    /// <summary>Caching (08h).</summary>
    Caching = 0x08,
    /// <summary>Power Condition (1Ah).</summary>
    PowerCondition = 0x1A,
    /// <summary>Informational Exceptions, failure prediction (1Ch).</summary>
    InformationalExceptions = 0x1C,
    /// <summary>Time-out and Protect (1Dh).</summary>
    TimeoutAndProtect = 0x1D,
    /// <summary>Legacy CD/DVD Capabilities and Mechanical Status (2Ah).</summary>
    LegacyCapabilities = 0x2A,
}

/// <summary>
/// A UDF revision in IMAPI's BCD form (<see cref="FileSystemImage.UDFRevision"/>,
/// <see cref="FileSystemImage.UDFRevisionsSupported"/>): 0x102 is UDF 1.02.
/// </summary>
public enum UdfRevision : int
{
    /// <summary>UDF 1.02: the widest read support (CD and DVD readers of every age).</summary>
    Udf102 = 0x102,
    /// <summary>UDF 1.50: virtual allocation and sparing tables.</summary>
    Udf150 = 0x150,
    /// <summary>UDF 2.00: named streams.</summary>
    Udf200 = 0x200,
    /// <summary>UDF 2.01: real-time files.</summary>
    Udf201 = 0x201,
    /// <summary>UDF 2.50: the metadata partition (and its mirror; BD's usual revision).</summary>
    Udf250 = 0x250,
    /// <summary>UDF 2.60: pseudo-overwrite on sequential media.</summary>
    Udf260 = 0x260,
}
