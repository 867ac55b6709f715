using Imapi.Native;

namespace Imapi;

public sealed partial class ImageReader
{
    /// <summary>
    /// The most bytes the files of <see cref="Extract"/> may add up to; more is refused
    /// (<see cref="ImapiStatus"/> DataTooBig) before anything is written. Setting 0 restores
    /// the default (16 times the image plus 1 GiB), a negative value lifts the limit (for
    /// images of sparse files). Reading gives the limit in force in bytes, or -1 when lifted.
    /// </summary>
    /// <exception cref="ImapiException">The reader was disposed.</exception>
    public long ExtractLimit
    {
        get => Owner.Get<long>(ImapiNative.imapi_image_reader_get_extract_limit);
        set => Owner.Check(h => ImapiNative.imapi_image_reader_set_extract_limit(h, value));
    }
}
