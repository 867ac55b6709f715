using System;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IMAPI2's IIsoImageManager (MsftIsoImageManager): checks an ISO image given by path or
/// stream before it is burned. Dispose releases it; calls are serialized per object.
/// </summary>
public sealed class IsoImageManager : ImapiObject
{
    /// <summary>A manager with no image set (set <see cref="Path"/> or <see cref="Stream"/>).</summary>
    public IsoImageManager()
        : base(HandleOwner.Create(HandleKind.IsoImageManager, ImapiNative.imapi_iso_image_manager_create), "IsoImageManager") { }

    /// <summary>The image file ("" when a stream was set); setting opens it now.</summary>
    public string Path
    {
        get => Owner.GetString(ImapiNative.imapi_iso_image_manager_get_path);
        set => Owner.Check(h => ImapiNative.imapi_iso_image_manager_set_path(h, value));
    }

    /// <summary>The image as a stream (a new handle on each get).</summary>
    public ImapiStream Stream
    {
        get => new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_iso_image_manager_get_stream(h, o))));
        set
        {
            using var s = HandleOwner.AcquireOptional(value?.Owner);
            IntPtr sp = s.Ptr;
            Owner.Check(h => ImapiNative.imapi_iso_image_manager_set_stream(h, sp));
        }
    }

    /// <summary>Validate: alignment, size, a valid volume descriptor, readable directory trees.</summary>
    /// <exception cref="ImapiException">
    /// ImageManagerNoImage, ImageManagerImageNotAligned, ImageManagerNoValidVdFound, ImageManagerImageTooBig,
    /// FileSystemReadConsistencyError.
    /// </exception>
    public void Validate() => Owner.Check(ImapiNative.imapi_iso_image_manager_validate);
}
