using System;
using System.Runtime.InteropServices;

namespace Imapi;

// The C structs of imapi_c.h, declared with their C layout (blittable, so they
// cross without marshalling). Each starts with struct_size, which the library
// checks: set it with Size() before a call.

[StructLayout(LayoutKind.Sequential)]
internal struct NativeError
{
    public uint StructSize;
    public int Code;
    public IntPtr Message;
    public int OsError;
    public int SenseKey;
    public int Asc;
    public int Ascq;
    public long Lba;
    public IntPtr Path;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeProgress
{
    public uint StructSize;
    public int Operation;
    public IntPtr CurrentItem;
    public long Done;
    public long Total;
    public long ElapsedMs;

    public static NativeProgress New() => new() { StructSize = (uint)Marshal.SizeOf<NativeProgress>() };
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeProgressItem
{
    public uint StructSize;
    public IntPtr Description;
    public long FirstBlock;
    public long LastBlock;
    public long BlockCount;

    public static NativeProgressItem New() => new() { StructSize = (uint)Marshal.SizeOf<NativeProgressItem>() };
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeImageEntry
{
    public uint StructSize;
    public IntPtr Path;
    public int Type;
    public long Size;
    public int Mode;
    public long Modified;
    public IntPtr Target;

    public static NativeImageEntry New() => new() { StructSize = (uint)Marshal.SizeOf<NativeImageEntry>() };
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeSkippedEntry
{
    public uint StructSize;
    public int Reason;
    public IntPtr HostPath;

    public static NativeSkippedEntry New() => new() { StructSize = (uint)Marshal.SizeOf<NativeSkippedEntry>() };
}

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeStreamVtable
{
    public uint StructSize;
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, long, long*, int> Read;
    public delegate* unmanaged[Cdecl]<IntPtr, long, int, long*, int> Seek;
    public delegate* unmanaged[Cdecl]<IntPtr, long*, int> Size;
    public delegate* unmanaged[Cdecl]<IntPtr, void> Release;
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeMediaInfo
{
    public uint StructSize;
    public int Present;
    public int Profile;
    public int PhysicalType;
    public int State;
    public int WriteProtect;
    public int Sessions;
    public long TotalSectors;
    public long FreeSectors;
    public long NextWritableAddress;

    public static NativeMediaInfo New() => new() { StructSize = (uint)Marshal.SizeOf<NativeMediaInfo>() };
}
