using System;

namespace Imapi;

/// <summary>IMAPI2FS's FsiFileSystems, plus Rock Ridge (a libimapi extension bit).</summary>
[Flags]
public enum FsiFileSystems : int
{
    None = 0x0,
    ISO9660 = 0x1,
    Joliet = 0x2,
    UDF = 0x4,
    RockRidge = 0x8,
    Unknown = 0x40000000,
}

/// <summary>IMAPI2's IMAPI_MEDIA_PHYSICAL_TYPE (same values).</summary>
public enum ImapiMediaPhysicalType : int
{
    Unknown = 0,
    CDROM = 1,
    CDR = 2,
    CDRW = 3,
    DVDROM = 4,
    DVDRAM = 5,
    DVDPlusR = 6,
    DVDPlusRW = 7,
    DVDPlusRDualLayer = 8,
    DVDDashR = 9,
    DVDDashRW = 10,
    DVDDashRDualLayer = 11,
    Disk = 12,
    DVDPlusRWDualLayer = 13,
    HDDVDROM = 14,
    HDDVDR = 15,
    HDDVDRAM = 16,
    BDROM = 17,
    BDR = 18,
    BDRE = 19,
}

/// <summary>IMAPI2FS's FsiItemType, plus symbolic links (an extension).</summary>
public enum FsiItemType : int
{
    NotFound = 0,
    Directory = 1,
    File = 2,
    Symlink = 3,
}

/// <summary>What a progress snapshot counts.</summary>
public enum ImapiOperation : int
{
    None = 0,
    /// <summary>Writing an image: Done/Total are sectors.</summary>
    ImageWrite = 1,
    /// <summary>Extracting an image: Done/Total are bytes.</summary>
    Extract = 2,
}

/// <summary>The kind of an entry an <see cref="ImageReader"/> lists.</summary>
public enum ImageEntryType : int
{
    Directory = 1,
    File = 2,
    Symlink = 3,
}
