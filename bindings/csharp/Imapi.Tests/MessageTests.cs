using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Imapi.Tests;

/// <summary>
/// Messages show IMAPI's name and number first, and name .NET members where the
/// library's text names C functions and macros; relative paths mean the root.
/// </summary>
public class MessageTests
{
    [Fact]
    public void MessageStartsWithTheNameAndNumber()
    {
        using var image = new FileSystemImage();
        using var root = image.Root;
        root.AddDirectory("dup");
        var e = Assert.Throws<ImapiException>(() => root.AddDirectory("dup"));
        Assert.StartsWith("IMAPI_E_DUP_NAME (0xC0AAB112): ", e.Message);
        Assert.Contains("'dup'", e.Message);
        Assert.Equal(e.Message, $"IMAPI_E_DUP_NAME (0xC0AAB112): {e.Detail}");
        Assert.Equal(FsiItemType.Directory, image.Exists("dup"));
        Assert.Equal(FsiItemType.Directory, image.Exists("/dup"));
    }

    private static void AssertNoCNames(ImapiException e)
    {
        Assert.DoesNotMatch(@"\bimapi_[a-z]", e.Detail);
        Assert.DoesNotMatch(@"\bIMAPI_(?!EMU_DRIVES\b)", e.Detail);
    }

    [Fact]
    public void AnUnknownRecorderNamesDiscMasterMembers()
    {
        var e = Assert.Throws<ImapiException>(() => DiscRecorder.Open("no-such-drive"));
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
        Assert.Contains("take IDs from DiscMaster[index]", e.Message);
        Assert.Contains("added with DiscMaster.AddEmulatedDrive first", e.Message);
        Assert.Contains("IMAPI_EMU_DRIVES", e.Message); // an environment variable keeps its name
        AssertNoCNames(e);
    }

    [Fact]
    public void FileSystemMacrosBecomeFsiFileSystemsMembers()
    {
        using var image = new FileSystemImage();
        var e = Assert.Throws<ImapiException>(() => image.FileSystemsToCreate = FsiFileSystems.Joliet);
        Assert.EndsWith("add FsiFileSystems.ISO9660", e.Message);
        AssertNoCNames(e);

        using var item = image.CreateFileItem("a.txt");
        var f = Assert.Throws<ImapiException>(() => item.FileSystemName(FsiFileSystems.ISO9660 | FsiFileSystems.Joliet));
        // The abbreviated "_JOLIET, _UDF" of the C text name their members too.
        Assert.Contains("FsiFileSystems.ISO9660, FsiFileSystems.Joliet, FsiFileSystems.UDF or FsiFileSystems.RockRidge", f.Message);
        AssertNoCNames(f);
    }

    [Fact]
    public void EnumFamiliesAndFunctionsOfOtherMessagesAreTranslated()
    {
        using var image = new FileSystemImage();
        var e = Assert.Throws<ImapiException>(() => image.ChooseImageDefaultsForMediaType(ImapiMediaPhysicalType.Unknown));
        Assert.Contains("takes an ImapiMediaPhysicalType other than", e.Message);
        AssertNoCNames(e);

        using var format = new DiscFormat2Data();
        var v = Assert.Throws<ImapiException>(() => format.BurnVerificationLevel = (BurnVerificationLevel)9);
        Assert.Contains("BurnVerificationLevel.None, BurnVerificationLevel.Quick or BurnVerificationLevel.Full", v.Message);
        AssertNoCNames(v);

        using var stream = ImapiStream.FromMemory(new byte[16]);
        var s = Assert.Throws<ImapiException>(() => stream.Seek(0, (SeekOrigin)7));
        Assert.Contains("System.IO.SeekOrigin.Begin, System.IO.SeekOrigin.Current or System.IO.SeekOrigin.End", s.Message);
        var p = Assert.Throws<ImapiException>(() => stream.Seed);
        Assert.Contains("ImapiStream.PseudoRandom", p.Message);
        AssertNoCNames(p);

        using var detached = image.CreateFileItem("loose.txt");
        var d = Assert.Throws<ImapiException>(() => detached.FullPath);
        Assert.Contains("add it with FsiDirectoryItem.Add", d.Message);
    }

    [Theory]
    [InlineData("address type must be an IMAPI_READ_TRACK_ADDRESS_TYPE (0 LBA, 1 track, 2 session)",
                "address type must be a ReadTrackAddressType (0 LBA, 1 track, 2 session)")]
    [InlineData("9 is not an IMAPI_MODE_PAGE_REQUEST_TYPE (0 current)", "9 is not a ModePageRequestType (0 current)")]
    [InlineData("entry index 4 is out of range; call imapi_image_reader_list first",
                "entry index 4 is out of range; call ImageReader.List first")]
    [InlineData("the job is still running; wait for it with imapi_job_wait first",
                "the job is still running; wait for it with ImapiJob.Wait (or await ImapiJob.WaitAsync) first")]
    [InlineData("import one file system: IMAPI_FS_ROCKRIDGE, _UDF, _JOLIET or _ISO9660 (or 0 to choose)",
                "import one file system: FsiFileSystems.RockRidge, FsiFileSystems.UDF, FsiFileSystems.Joliet or FsiFileSystems.ISO9660 (or 0 to choose)")]
    [InlineData("fails with IMAPI_E_DUP_NAME", "fails with ImapiStatus.DupName")]
    [InlineData("IMAPI_EMU_DRIVES then _NOT_A_MEMBER and imapi_not_a_function stay", "IMAPI_EMU_DRIVES then _NOT_A_MEMBER and imapi_not_a_function stay")]
    [InlineData("no names here", "no names here")]
    public void TheTableTranslatesCNames(string c, string dotnet) => Assert.Equal(dotnet, NativeNames.ToDotNet(c));

    private static string RepoRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../.."));

    /// <summary>
    /// Every message text in src/ that names a C function or macro comes out without one
    /// (environment variables aside): a new message naming something the table lacks fails here.
    /// </summary>
    [Fact]
    public void EveryCNameInTheLibrarysMessagesHasADotNetName()
    {
        var literal = new Regex(@"""((?:[^""\\\n]|\\.)*)""");
        var named = (from file in Directory.EnumerateFiles(Path.Combine(RepoRoot(), "src"), "*.?pp", SearchOption.AllDirectories)
                      where !file.EndsWith("status_names.cpp")
                      from Match m in literal.Matches(File.ReadAllText(file))
                      let text = m.Groups[1].Value
                      where text.Contains(' ') && Regex.IsMatch(text, @"\b(imapi_[a-z]|IMAPI_)")
                      select (File: Path.GetFileName(file), Text: text, Translated: NativeNames.ToDotNet(text))).ToList();
        Assert.True(named.Count >= 15, $"only {named.Count} messages name C names: is the scan reading src/?");
        var missed = named.Where(n => Regex.IsMatch(n.Translated, @"\bimapi_[a-z]|\bIMAPI_(?!EMU_DRIVES\b)"))
                          .Select(n => $"{n.File}: \"{n.Text}\" -> \"{n.Translated}\"").ToList();
        Assert.True(missed.Count == 0, "C names without a .NET name in NativeNames:\n" + string.Join("\n", missed));
    }
}
