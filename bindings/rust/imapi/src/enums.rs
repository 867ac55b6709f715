//! Value sets of the C API as Rust enums: [`MediaType`], [`Profile`], [`UdfRevision`]
//! here; the others ([`ItemType`](crate::ItemType), [`EntryType`](crate::EntryType),
//! [`WriteAction`](crate::WriteAction), ...) beside the calls that use them. Every one
//! made by [`int_enum!`] has `Other(i32)` for a value this crate does not know (a newer
//! library), so nothing the library says is lost or misreported.
use imapi_sys as sys;

/// Defines an enum over `i32` values with `from_raw`, `raw` and an `Other(i32)` variant.
macro_rules! int_enum {
    ($(#[$meta:meta])* $name:ident { $( $(#[doc = $doc:literal])* $variant:ident = $value:expr, )* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )*
            /// A value this crate does not know (from a newer library), as it is.
            Other(i32),
        }

        impl $name {
            /// The variant of a C value (`Other` when this crate does not know it).
            pub fn from_raw(value: i32) -> $name {
                $( if value == $value { return $name::$variant; } )*
                $name::Other(value)
            }
            /// The C value.
            pub fn raw(self) -> i32 {
                match self {
                    $( $name::$variant => $value, )*
                    $name::Other(value) => value,
                }
            }
        }
    };
}

int_enum! {
    /// IMAPI_MEDIA_PHYSICAL_TYPE (`IMAPI_MEDIA_TYPE_*`): the kind of a medium
    /// ([`MediaInfo::physical_type`](crate::MediaInfo::physical_type),
    /// [`FileSystemImage::choose_image_defaults_for_media_type`](crate::FileSystemImage::choose_image_defaults_for_media_type)).
    MediaType {
        /// Unknown, or no medium.
        Unknown = sys::IMAPI_MEDIA_TYPE_UNKNOWN,
        /// CD-ROM (pressed or closed).
        CdRom = sys::IMAPI_MEDIA_TYPE_CDROM,
        /// CD-R.
        CdR = sys::IMAPI_MEDIA_TYPE_CDR,
        /// CD-RW.
        CdRw = sys::IMAPI_MEDIA_TYPE_CDRW,
        /// DVD-ROM.
        DvdRom = sys::IMAPI_MEDIA_TYPE_DVDROM,
        /// DVD-RAM.
        DvdRam = sys::IMAPI_MEDIA_TYPE_DVDRAM,
        /// DVD+R.
        DvdPlusR = sys::IMAPI_MEDIA_TYPE_DVDPLUSR,
        /// DVD+RW.
        DvdPlusRw = sys::IMAPI_MEDIA_TYPE_DVDPLUSRW,
        /// DVD+R dual layer.
        DvdPlusRDualLayer = sys::IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER,
        /// DVD-R.
        DvdDashR = sys::IMAPI_MEDIA_TYPE_DVDDASHR,
        /// DVD-RW.
        DvdDashRw = sys::IMAPI_MEDIA_TYPE_DVDDASHRW,
        /// DVD-R dual layer.
        DvdDashRDualLayer = sys::IMAPI_MEDIA_TYPE_DVDDASHR_DUALLAYER,
        /// Random-writable, defect-managed media reporting the generic "disk" profile.
        Disk = sys::IMAPI_MEDIA_TYPE_DISK,
        /// DVD+RW dual layer.
        DvdPlusRwDualLayer = sys::IMAPI_MEDIA_TYPE_DVDPLUSRW_DUALLAYER,
        /// HD DVD-ROM.
        HdDvdRom = sys::IMAPI_MEDIA_TYPE_HDDVDROM,
        /// HD DVD-R.
        HdDvdR = sys::IMAPI_MEDIA_TYPE_HDDVDR,
        /// HD DVD-RAM.
        HdDvdRam = sys::IMAPI_MEDIA_TYPE_HDDVDRAM,
        /// BD-ROM.
        BdRom = sys::IMAPI_MEDIA_TYPE_BDROM,
        /// BD-R.
        BdR = sys::IMAPI_MEDIA_TYPE_BDR,
        /// BD-RE.
        BdRe = sys::IMAPI_MEDIA_TYPE_BDRE,
    }
}

int_enum! {
    /// IMAPI_PROFILE_TYPE: an MMC profile number, what a drive is or can be for a medium
    /// ([`DiscRecorder::supported_profiles`](crate::DiscRecorder::supported_profiles),
    /// [`MediaInfo::profile`](crate::MediaInfo::profile)).
    Profile {
        /// No current profile (no medium).
        Invalid = 0x0000,
        /// A non-removable disk.
        NonRemovableDisk = 0x0001,
        /// A removable disk.
        RemovableDisk = 0x0002,
        /// Magneto-optical, erasable.
        MoErasable = 0x0003,
        /// Magneto-optical, write once.
        MoWriteOnce = 0x0004,
        /// Advance storage magneto-optical.
        AsMo = 0x0005,
        /// CD-ROM.
        CdRom = 0x0008,
        /// CD-R.
        CdRecordable = 0x0009,
        /// CD-RW.
        CdRewritable = 0x000A,
        /// DVD-ROM.
        DvdRom = 0x0010,
        /// DVD-R sequential recording.
        DvdDashRecordable = 0x0011,
        /// DVD-RAM.
        DvdRam = 0x0012,
        /// DVD-RW restricted overwrite.
        DvdDashRewritable = 0x0013,
        /// DVD-RW sequential recording.
        DvdDashRwSequential = 0x0014,
        /// DVD-R dual layer, sequential recording.
        DvdDashRDualSequential = 0x0015,
        /// DVD-R dual layer, layer jump recording.
        DvdDashRDualLayerJump = 0x0016,
        /// DVD+RW.
        DvdPlusRw = 0x001A,
        /// DVD+R.
        DvdPlusR = 0x001B,
        /// DDCD-ROM.
        DdCdRom = 0x0020,
        /// DDCD-R.
        DdCdRecordable = 0x0021,
        /// DDCD-RW.
        DdCdRewritable = 0x0022,
        /// DVD+RW dual layer.
        DvdPlusRwDual = 0x002A,
        /// DVD+R dual layer.
        DvdPlusRDual = 0x002B,
        /// BD-ROM.
        BdRom = 0x0040,
        /// BD-R sequential recording (SRM).
        BdRSequential = 0x0041,
        /// BD-R random recording (RRM).
        BdRRandomRecording = 0x0042,
        /// BD-RE.
        BdRewritable = 0x0043,
        /// HD DVD-ROM.
        HdDvdRom = 0x0050,
        /// HD DVD-R.
        HdDvdRecordable = 0x0051,
        /// HD DVD-RAM.
        HdDvdRam = 0x0052,
        /// A profile outside the MMC list.
        NonStandard = 0xFFFF,
    }
}

int_enum! {
    /// UDFRevision in IMAPI's BCD form (0x102 is UDF 1.02): what an image records
    /// when its file systems include [`FileSystems::UDF`](crate::FileSystems::UDF).
    /// 1.02 and 1.50 use ECMA-167 2nd edition file entries; 2.00 on use extended file
    /// entries (creation times); 2.50 and 2.60 put the file tree in a metadata partition.
    ///
    /// ```
    /// use imapi::UdfRevision;
    /// assert_eq!(UdfRevision::V2_50.raw(), 0x250);
    /// assert_eq!(UdfRevision::from_raw(0x102), UdfRevision::V1_02);
    /// ```
    UdfRevision {
        /// UDF 1.02 (the default; what DVD-Video uses).
        V1_02 = 0x102,
        /// UDF 1.50 (virtual and sparable partitions).
        V1_50 = 0x150,
        /// UDF 2.00.
        V2_00 = 0x200,
        /// UDF 2.01.
        V2_01 = 0x201,
        /// UDF 2.50 (metadata partition; BD).
        V2_50 = 0x250,
        /// UDF 2.60 (2.50 for pseudo-overwrite media).
        V2_60 = 0x260,
    }
}
