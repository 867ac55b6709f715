//! Bit sets of the C API as Rust types: [`FileSystems`], [`MediaState`], [`WriteProtect`].
//! Written out by [`bit_flags!`] (no crate): constants, `|` `&` `^` `-` `!`, `contains`,
//! iteration over the named bits, and a `Debug` of the names (`FileSystems(ISO9660 | JOLIET)`).
use imapi_sys as sys;

/// Defines a bit-set type over `i32` with named flags.
macro_rules! bit_flags {
    ($(#[$meta:meta])* $name:ident { $( $(#[doc = $doc:literal])* $flag:ident = $value:expr, )* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
        pub struct $name(i32);

        impl $name {
            $( $(#[doc = $doc])* pub const $flag: $name = $name($value); )*
            /// Every named flag, with its name, in declaration order.
            pub const NAMED: &'static [(&'static str, $name)] = &[$((stringify!($flag), $name::$flag)),*];

            /// No bit set.
            pub const fn empty() -> $name {
                $name(0)
            }
            /// The set of exactly these bits, unknown ones included (as the library gave them).
            pub const fn from_bits_retain(bits: i32) -> $name {
                $name(bits)
            }
            /// The raw bits.
            pub const fn bits(self) -> i32 {
                self.0
            }
            /// True when no bit is set.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
            /// True when every bit of `other` is set here.
            pub const fn contains(self, other: $name) -> bool {
                self.0 & other.0 == other.0
            }
            /// True when any bit of `other` is set here.
            pub const fn intersects(self, other: $name) -> bool {
                self.0 & other.0 != 0
            }
            /// The named flags set here, one by one (bits without a name are skipped).
            pub fn iter(self) -> impl Iterator<Item = $name> {
                Self::NAMED.iter().map(|&(_, f)| f).filter(move |f| f.0 != 0 && self.contains(*f))
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, o: $name) -> $name {
                $name(self.0 | o.0)
            }
        }
        impl std::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, o: $name) {
                self.0 |= o.0;
            }
        }
        impl std::ops::BitAnd for $name {
            type Output = $name;
            fn bitand(self, o: $name) -> $name {
                $name(self.0 & o.0)
            }
        }
        impl std::ops::BitAndAssign for $name {
            fn bitand_assign(&mut self, o: $name) {
                self.0 &= o.0;
            }
        }
        impl std::ops::BitXor for $name {
            type Output = $name;
            fn bitxor(self, o: $name) -> $name {
                $name(self.0 ^ o.0)
            }
        }
        impl std::ops::Sub for $name {
            type Output = $name;
            /// The bits of `self` not in `o`.
            fn sub(self, o: $name) -> $name {
                $name(self.0 & !o.0)
            }
        }
        impl std::ops::Not for $name {
            type Output = $name;
            /// The named bits not set here.
            fn not(self) -> $name {
                let all = Self::NAMED.iter().fold(0, |a, &(_, f)| a | f.0);
                $name(all & !self.0)
            }
        }
        impl FromIterator<$name> for $name {
            fn from_iter<I: IntoIterator<Item = $name>>(iter: I) -> $name {
                iter.into_iter().fold($name::empty(), |a, f| a | f)
            }
        }
        impl std::fmt::Debug for $name {
            /// `Name(A | B)`, unknown bits in hex (`Name(A | 0x100)`), `Name(empty)`.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "("))?;
                let mut rest = self.0;
                let mut first = true;
                for &(n, flag) in Self::NAMED {
                    if flag.0 != 0 && rest & flag.0 == flag.0 {
                        write!(f, "{}{n}", if first { "" } else { " | " })?;
                        rest &= !flag.0;
                        first = false;
                    }
                }
                if rest != 0 {
                    write!(f, "{}{rest:#x}", if first { "" } else { " | " })?;
                } else if first {
                    f.write_str("empty")?;
                }
                f.write_str(")")
            }
        }
    };
}

bit_flags! {
    /// IMAPI's FsiFileSystems mask, plus Rock Ridge (a libimapi extension bit).
    ///
    /// ```
    /// use imapi::FileSystems;
    /// let fs = FileSystems::ISO9660 | FileSystems::JOLIET;
    /// assert!(fs.contains(FileSystems::JOLIET) && !fs.contains(FileSystems::UDF));
    /// assert_eq!(format!("{fs:?}"), "FileSystems(ISO9660 | JOLIET)");
    /// assert_eq!(fs.iter().collect::<Vec<_>>(), [FileSystems::ISO9660, FileSystems::JOLIET]);
    /// ```
    FileSystems {
        /// ISO 9660 (ECMA-119), the base every other tree but UDF needs.
        ISO9660 = sys::IMAPI_FS_ISO9660,
        /// Joliet: Unicode names (UCS-2, up to 64 characters) beside ISO 9660.
        JOLIET = sys::IMAPI_FS_JOLIET,
        /// UDF (ECMA-167 / OSTA UDF), revision set by [`FileSystemImage::set_udf_revision`](crate::FileSystemImage::set_udf_revision).
        UDF = sys::IMAPI_FS_UDF,
        /// Extension: Rock Ridge (SUSP 1.12 / RRIP 1.12) on the ISO 9660 tree: POSIX names,
        /// permissions, owners, links; needs ISO 9660.
        ROCK_RIDGE = sys::IMAPI_FS_ROCKRIDGE,
        /// A file system the library could not identify (IMAPI's FsiFileSystemUnknown).
        UNKNOWN = sys::IMAPI_FS_UNKNOWN,
    }
}

impl FileSystems {
    /// No file system (`FsiFileSystemNone`): what [`FileSystemImage::import`](crate::FileSystemImage::import)
    /// takes to let the library choose.
    pub const NONE: FileSystems = FileSystems(sys::IMAPI_FS_NONE);
}

bit_flags! {
    /// IMAPI_FORMAT2_DATA_MEDIA_STATE: the state of a medium (CurrentMediaStatus,
    /// [`MediaInfo::state`](crate::MediaInfo::state)); empty without a medium or when unknown.
    MediaState {
        /// Overwritable media that can only be overwritten (no sessions).
        OVERWRITE_ONLY = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY,
        /// Blank: nothing recorded.
        BLANK = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK,
        /// Another session can be appended.
        APPENDABLE = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE,
        /// The next session is the last one the medium takes.
        FINAL_SESSION = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_FINAL_SESSION,
        /// The medium is damaged.
        DAMAGED = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_DAMAGED,
        /// The medium must be erased before it can be written.
        ERASE_REQUIRED = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_ERASE_REQUIRED,
        /// The last session is open (not closed).
        NON_EMPTY_SESSION = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_NON_EMPTY_SESSION,
        /// Write-protected (see [`WriteProtect`] for why).
        WRITE_PROTECTED = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED,
        /// Closed: no session can follow.
        FINALIZED = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED,
        /// A medium the data writer does not write.
        UNSUPPORTED_MEDIA = sys::IMAPI_FORMAT2_DATA_MEDIA_STATE_UNSUPPORTED_MEDIA,
    }
}

bit_flags! {
    /// IMAPI_MEDIA_WRITE_PROTECT_STATE: why a medium is write-protected (WriteProtectStatus,
    /// [`MediaInfo::write_protect`](crate::MediaInfo::write_protect)); empty when it is not.
    WriteProtect {
        /// Until the drive is powered down.
        UNTIL_POWERDOWN = sys::IMAPI_WRITEPROTECTED_UNTIL_POWERDOWN,
        /// By the cartridge's switch.
        BY_CARTRIDGE = sys::IMAPI_WRITEPROTECTED_BY_CARTRIDGE,
        /// For a reason specific to the medium.
        BY_MEDIA_SPECIFIC_REASON = sys::IMAPI_WRITEPROTECTED_BY_MEDIA_SPECIFIC_REASON,
        /// By the drive's software write protection.
        BY_SOFTWARE_WRITE_PROTECT = sys::IMAPI_WRITEPROTECTED_BY_SOFTWARE_WRITE_PROTECT,
        /// By the disc control block (BD, DVD+RW).
        BY_DISC_CONTROL_BLOCK = sys::IMAPI_WRITEPROTECTED_BY_DISC_CONTROL_BLOCK,
        /// Read-only media (pressed discs).
        READ_ONLY_MEDIA = sys::IMAPI_WRITEPROTECTED_READ_ONLY_MEDIA,
    }
}
