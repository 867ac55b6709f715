using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IMAPI2FS's IFsiItem: what files, directories and links of an image share. Each object is a
/// handle on one item of a <see cref="FileSystemImage"/>'s tree (the tree keeps the item; disposing
/// the object releases only the handle). Calls are serialized per object.
/// </summary>
public abstract class FsiItem : ImapiObject
{
    internal FsiItem(ImapiHandle handle, string what) : base(handle, what) { }

    /// <summary>Wraps a new item handle in the class of its type.</summary>
    internal static unsafe FsiItem Wrap(ImapiHandle handle)
    {
        int type = 0;
        int status;
        bool added = false;
        handle.DangerousAddRef(ref added);
        try { status = ImapiNative.imapi_fsitem_get_type(handle.DangerousGetHandle(), (IntPtr)(&type)); }
        finally { handle.DangerousRelease(); }
        if (status < 0)
        {
            var e = ImapiException.FromLastError(status);
            handle.Dispose();
            throw e;
        }
        return (FsiItemType)type switch
        {
            FsiItemType.Directory => new FsiDirectoryItem(handle),
            FsiItemType.File => new FsiFileItem(handle),
            _ => new FsiSymbolicLinkItem(handle),
        };
    }

    /// <summary>Directory, File or Symlink.</summary>
    public FsiItemType ItemType => (FsiItemType)Owner.Get<int>(ImapiNative.imapi_fsitem_get_type);
    /// <summary>The last path component ("" for the root).</summary>
    public string Name => Owner.GetString(ImapiNative.imapi_fsitem_get_name);
    /// <summary>"/a/b" from the image root.</summary>
    public string FullPath => Owner.GetString(ImapiNative.imapi_fsitem_get_full_path);

    /// <summary>The name one file system records, after mangling (IMAPI's FileSystemName).</summary>
    public unsafe string FileSystemName(FsiFileSystems fileSystem) => Owner.Call(h =>
    {
        IntPtr s = IntPtr.Zero;
        ImapiException.Check(ImapiNative.imapi_fsitem_get_file_system_name(h, (int)fileSystem, (IntPtr)(&s)));
        return Utf8.TakeOwned(s);
    });

    /// <summary>The path one file system records, after mangling (IMAPI's FileSystemPath).</summary>
    public unsafe string FileSystemPath(FsiFileSystems fileSystem) => Owner.Call(h =>
    {
        IntPtr s = IntPtr.Zero;
        ImapiException.Check(ImapiNative.imapi_fsitem_get_file_system_path(h, (int)fileSystem, (IntPtr)(&s)));
        return Utf8.TakeOwned(s);
    });

    private static DateTime FromImapiTime(long ns) => DateTime.UnixEpoch.AddTicks(ns / 100);
    private static long ToImapiTime(DateTime t) => (t.ToUniversalTime() - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>CreationTime (UTC), recorded by UDF 2.00 on and Rock Ridge.</summary>
    /// <exception cref="ImapiException">InvalidDate outside what the file systems can record.</exception>
    public DateTime CreationTime
    {
        get => FromImapiTime(Owner.Get<long>(ImapiNative.imapi_fsitem_get_creation_time));
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_creation_time(h, ToImapiTime(value)));
    }
    /// <summary>LastAccessedTime (UTC), recorded by UDF and Rock Ridge.</summary>
    /// <exception cref="ImapiException">InvalidDate outside what the file systems can record.</exception>
    public DateTime LastAccessedTime
    {
        get => FromImapiTime(Owner.Get<long>(ImapiNative.imapi_fsitem_get_last_accessed_time));
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_last_accessed_time(h, ToImapiTime(value)));
    }
    /// <summary>LastModifiedTime (UTC): the recording date of ISO 9660 and Joliet, the modification time of UDF and Rock Ridge.</summary>
    /// <exception cref="ImapiException">InvalidDate outside what the file systems can record.</exception>
    public DateTime LastModifiedTime
    {
        get => FromImapiTime(Owner.Get<long>(ImapiNative.imapi_fsitem_get_last_modified_time));
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_last_modified_time(h, ToImapiTime(value)));
    }
    /// <summary>IsHidden: the hidden (existence) flag of ISO 9660, Joliet and UDF.</summary>
    public bool IsHidden
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsitem_get_hidden) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_hidden(h, value ? 1 : 0));
    }
    /// <summary>POSIX permission bits (07777) recorded by Rock Ridge and UDF.</summary>
    public UnixFileMode PosixMode
    {
        get => (UnixFileMode)Owner.Get<int>(ImapiNative.imapi_fsitem_get_posix_mode);
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_posix_mode(h, (int)value));
    }
    /// <summary>POSIX owner recorded by Rock Ridge.</summary>
    public unsafe (int Uid, int Gid) PosixOwner
    {
        get => Owner.Call(h =>
        {
            int uid = 0, gid = 0;
            ImapiException.Check(ImapiNative.imapi_fsitem_get_posix_owner(h, (IntPtr)(&uid), (IntPtr)(&gid)));
            return (uid, gid);
        });
        set => Owner.Check(h => ImapiNative.imapi_fsitem_set_posix_owner(h, value.Uid, value.Gid));
    }
}

/// <summary>IMAPI2FS's IFsiDirectoryItem; enumerates its direct children in name order.</summary>
public sealed class FsiDirectoryItem : FsiItem, IEnumerable<FsiItem>
{
    internal FsiDirectoryItem(ImapiHandle handle) : base(handle, "FsiDirectoryItem") { }

    /// <summary>Count: the number of direct children.</summary>
    public long Count => Owner.Get<long>(ImapiNative.imapi_fsitem_get_count);

    /// <summary>The index-th child in name order, a new object the caller disposes.</summary>
    /// <exception cref="ImapiException">InvalidArg for an index out of range.</exception>
    public FsiItem this[long index] =>
        Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsitem_get_child(h, index, o))));

    /// <summary>A descendant by relative path ("a/b"), a new object the caller disposes.</summary>
    /// <exception cref="ImapiException">ItemNotFound.</exception>
    public FsiItem this[string relativePath] =>
        Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsitem_get_item(h, relativePath, o))));

    /// <summary>AddDirectory: creates a directory at <paramref name="relativePath"/> (its parent must exist).</summary>
    /// <exception cref="ImapiException">DupName; DirNotFound for a missing parent; InvalidPath; RestrictedNameViolation; ImageSizeLimit.</exception>
    public void AddDirectory(string relativePath) => Owner.Check(h => ImapiNative.imapi_fsitem_add_directory(h, relativePath));

    /// <summary>AddFile: a file at <paramref name="relativePath"/> whose data is <paramref name="data"/> (shared, read when the image is; the stream object may be disposed at once).</summary>
    /// <exception cref="ImapiException">DupName; DirNotFound for a missing parent; InvalidPath; Pointer for a null stream; ImageSizeLimit.</exception>
    public void AddFile(string relativePath, ImapiStream data)
    {
        using var s = HandleOwner.AcquireOptional(data?.Owner);
        IntPtr sp = s.Ptr;
        Owner.Check(h => ImapiNative.imapi_fsitem_add_file(h, relativePath, sp));
    }

    /// <summary>Extension: a file read from <paramref name="sourcePath"/> when the image is written (it must keep its size; no stream object needed).</summary>
    /// <exception cref="ImapiException">DataStreamCreateFailure when the source cannot be opened; DupName; DirNotFound; ImageSizeLimit.</exception>
    public void AddFileFromPath(string relativePath, string sourcePath) =>
        Owner.Check(h => ImapiNative.imapi_fsitem_add_file_from_path(h, relativePath, sourcePath));

    /// <summary>Extension: a symbolic link at <paramref name="relativePath"/> to <paramref name="target"/> (recorded by Rock Ridge and UDF).</summary>
    /// <exception cref="ImapiException">DupName; DirNotFound; InvalidPath.</exception>
    public void AddSymbolicLink(string relativePath, string target) =>
        Owner.Check(h => ImapiNative.imapi_fsitem_add_symlink(h, relativePath, target));

    /// <summary>
    /// AddTree: adds the host directory <paramref name="sourceDirectory"/> recursively (files, directories,
    /// symbolic links; sockets, FIFOs and devices are skipped); with <paramref name="includeBaseDirectory"/>
    /// the directory itself becomes a child. Existing items of the same names are replaced (IMAPI's rule).
    /// On failure the image is rolled back to its state before the call.
    /// </summary>
    /// <exception cref="ImapiException">
    /// DirectoryReadFailure, DataStreamCreateFailure, InvalidPath (a host name that is not valid UTF-8), ImageSizeLimit.
    /// </exception>
    public void AddTree(string sourceDirectory, bool includeBaseDirectory) =>
        Owner.Check(h => ImapiNative.imapi_fsitem_add_tree(h, sourceDirectory, includeBaseDirectory ? 1 : 0));

    /// <summary>Add: places a detached item (<see cref="FileSystemImage.CreateFileItem"/>, <see cref="FileSystemImage.CreateDirectoryItem"/>) here.</summary>
    /// <exception cref="ImapiException">DupName; Pointer for null; InvalidParam for an item of another image or a directory added inside itself; ImageSizeLimit.</exception>
    public void Add(FsiItem item)
    {
        using var i = HandleOwner.AcquireOptional(item?.Owner);
        IntPtr ip = i.Ptr;
        Owner.Check(h => ImapiNative.imapi_fsitem_add(h, ip));
    }

    /// <summary>Remove: removes the file, link or empty directory at <paramref name="relativePath"/>.</summary>
    /// <exception cref="ImapiException">ItemNotFound; DirNotEmpty (use <see cref="RemoveTree"/>).</exception>
    public void Remove(string relativePath) => Owner.Check(h => ImapiNative.imapi_fsitem_remove(h, relativePath));
    /// <summary>RemoveTree: removes the item at <paramref name="relativePath"/> with everything below it.</summary>
    /// <exception cref="ImapiException">ItemNotFound.</exception>
    public void RemoveTree(string relativePath) => Owner.Check(h => ImapiNative.imapi_fsitem_remove_tree(h, relativePath));

    // Children handed out by enumeration: released with this directory if the caller did not.
    private readonly List<WeakReference<FsiItem>> _enumerated = new();

    /// <summary>
    /// The direct children in name order. Each is released when the caller disposes it,
    /// or at the latest with this directory, so a <c>foreach</c> leaves no handle behind
    /// once the directory is disposed.
    /// </summary>
    public IEnumerator<FsiItem> GetEnumerator()
    {
        long n = Count;
        for (long i = 0; i < n; i++)
        {
            var child = this[i];
            lock (_enumerated)
            {
                if (_enumerated.Count >= 64 && _enumerated.Count % 64 == 0)
                    _enumerated.RemoveAll(w => !w.TryGetTarget(out var c) || c.IsDisposed);
                _enumerated.Add(new WeakReference<FsiItem>(child));
            }
            yield return child;
        }
    }

    internal override void DisposeOwned()
    {
        lock (_enumerated)
        {
            foreach (var w in _enumerated)
                if (w.TryGetTarget(out var c)) c.Dispose();
            _enumerated.Clear();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>IMAPI2FS's IFsiFileItem.</summary>
public sealed class FsiFileItem : FsiItem
{
    internal FsiFileItem(ImapiHandle handle) : base(handle, "FsiFileItem") { }

    /// <summary>DataSize: the file's size in bytes.</summary>
    public long DataSize => Owner.Get<long>(ImapiNative.imapi_fsitem_get_data_size);

    /// <summary>The file's data: a new stream each get; set replaces it.</summary>
    public ImapiStream Data
    {
        get => new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_fsitem_get_data(h, o))));
        set
        {
            using var s = HandleOwner.AcquireOptional(value?.Owner);
            IntPtr sp = s.Ptr;
            Owner.Check(h => ImapiNative.imapi_fsitem_set_data(h, sp));
        }
    }
}

/// <summary>A symbolic link (libimapi extension, recorded by Rock Ridge).</summary>
public sealed class FsiSymbolicLinkItem : FsiItem
{
    internal FsiSymbolicLinkItem(ImapiHandle handle) : base(handle, "FsiSymbolicLinkItem") { }

    /// <summary>The link's target, as recorded.</summary>
    public string Target => Owner.GetString(ImapiNative.imapi_fsitem_get_symlink_target);
}
