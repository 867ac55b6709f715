using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using Xunit;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Imapi.Tests;

/// <summary>A temporary folder with Unicode names (Cyrillic, CJK, emoji) and random contents.</summary>
internal sealed class TestTree : IDisposable
{
    public readonly string Root;
    public readonly string Source;

    public TestTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "imapi-cs-" + Guid.NewGuid().ToString("N"));
        Source = Path.Combine(Root, "src");
        Directory.CreateDirectory(Source);
    }

    public string Write(string relative, int size, int seed)
    {
        var path = Path.Combine(Source, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        File.WriteAllBytes(path, data);
        return path;
    }

    public string Out(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Checks the image against the source folder with independent readers
    /// (xorriso, pycdlib, 7z: names, sizes, SHA-256 of contents, per namespace).
    /// </summary>
    public static void CheckWithIndependentReaders(string image, string source)
    {
        var checker = Environment.GetEnvironmentVariable("IMAPI_CHECK_IMAGE")
                      ?? throw new InvalidOperationException("IMAPI_CHECK_IMAGE is not set (CTest sets it)");
        var psi = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { checker, "--image", image, "--source", source,
                                  "--expect", "iso9660,joliet,rockridge", "--readers", "xorriso,pycdlib,7z" })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "independent readers disagree with the source:\n" + output);
    }
}
