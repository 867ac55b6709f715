// make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
// with a progress line, through the Imapi NuGet package.
//   usage: MakeIso SOURCE_DIR OUTPUT.iso
using System;
using Imapi;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MakeIso SOURCE_DIR OUTPUT.iso");
    return 2;
}
try
{
    using var image = new FileSystemImage { FreeMediaBlocks = 0 }; // 0 = no capacity limit
    using (var root = image.Root)
        root.AddTree(args[0], includeBaseDirectory: false);
    using var result = image.CreateResultImage();
    result.Update += (_, p) => Console.Error.Write($"\r{p.Done}/{p.Total} sectors");
    result.WriteFile(args[1]);
    Console.Error.WriteLine($"\nwrote {args[1]}");
    return 0;
}
catch (ImapiException e)
{
    Console.Error.WriteLine($"failed: {e.Message} ({e.StatusName})");
    return 1;
}
