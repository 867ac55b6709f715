using Imapi.Native;

namespace Imapi;

public sealed partial class FileSystemImage
{
    /// <summary>
    /// Extension: Rock Ridge relocation of directories deeper than ISO 9660's 8 levels.
    /// <c>false</c> (the default) records deep directories where they are, so every
    /// reader shows the source tree in every namespace; <c>true</c> (also implied by
    /// <see cref="StrictFileSystemCompliance"/>) moves them into a top-level
    /// <c>.rr_moved</c> that Rock Ridge readers hide (RRIP RE), leaving them visible
    /// there to plain ISO 9660 readers. Needs Rock Ridge in <see cref="FileSystemsToCreate"/>.
    /// </summary>
    /// <exception cref="ImapiException">The image handle was freed.</exception>
    public bool RockRidgeRelocation
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_rr_relocation) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_rr_relocation(h, value ? 1 : 0));
    }
}
