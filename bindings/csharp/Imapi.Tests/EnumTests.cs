using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace Imapi.Tests;

/// <summary>The enums carry IMAPI's numbers: every #define of imapi_c.h's enum families has its member.</summary>
public class EnumTests
{
    private static string Header([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../include/imapi_c.h"));

    private static Dictionary<string, long> Defines(string prefix)
    {
        var found = new Dictionary<string, long>();
        foreach (Match m in Regex.Matches(File.ReadAllText(Header()),
                     @"^#define " + prefix + @"([A-Z0-9_]+) (?:IMAPI_STATUS_\()?(0x[0-9A-Fa-f]+|\d+)u?\)?\s*$", RegexOptions.Multiline))
            found[m.Groups[1].Value] = Convert.ToInt64(m.Groups[2].Value, m.Groups[2].Value.StartsWith("0x") ? 16 : 10);
        return found;
    }

    // IMAPI's suffix (DVDPLUSR_DUALLAYER) names the member whose name matches without case and underscores.
    private static void AssertMatches<TEnum>(string prefix, params string[] notInCSharp) where TEnum : struct, Enum
    {
        var defines = Defines(prefix);
        Assert.NotEmpty(defines);
        var members = Enum.GetValues<TEnum>().ToDictionary(v => v.ToString().ToUpperInvariant(), v => Convert.ToInt64(v));
        foreach (var (suffix, value) in defines)
        {
            if (notInCSharp.Contains(suffix)) continue;
            string key = suffix.Replace("_", "");
            Assert.True(members.TryGetValue(key, out long member), $"{typeof(TEnum).Name} has no member for {prefix}{suffix}");
            Assert.True(value == member, $"{typeof(TEnum).Name}.{key} is {member}, {prefix}{suffix} is {value}");
        }
    }

    [Fact]
    public void EveryEnumFamilyOfTheHeaderHasItsMembersWithTheSameNumbers()
    {
        AssertMatches<ImapiFormat2DataMediaState>("IMAPI_FORMAT2_DATA_MEDIA_STATE_");
        AssertMatches<ImapiMediaWriteProtectState>("IMAPI_WRITEPROTECTED_");
        AssertMatches<ImapiMediaPhysicalType>("IMAPI_MEDIA_TYPE_", "MAX");
        AssertMatches<FsiFileSystems>("IMAPI_FS_");
        AssertMatches<FsiItemType>("IMAPI_ITEM_");
        AssertMatches<ImageEntryType>("IMAPI_ENTRY_");
        AssertMatches<ImapiOperation>("IMAPI_OPERATION_");
        AssertMatches<WriteAction>("IMAPI_FORMAT2_DATA_WRITE_ACTION_");
        AssertMatches<BurnVerificationLevel>("IMAPI_BURN_VERIFICATION_");
        AssertMatches<MultisessionType>("IMAPI_MULTISESSION_", "V1_SIZE");
        AssertMatches<ModePageRequestType>("IMAPI_MODE_PAGE_REQUEST_TYPE_");
        AssertMatches<ReadTrackAddressType>("IMAPI_READ_TRACK_ADDRESS_TYPE_");
        AssertMatches<JobEvents>("IMAPI_JOB_EVENT_");
        AssertMatches<SkipReason>("IMAPI_SKIPPED_", "PATHS_PER_KIND", "ENTRY_V1_SIZE");
        Assert.Equal(FileSystemImage.SkippedPathsPerKind, Defines("IMAPI_SKIPPED_")["PATHS_PER_KIND"]);
    }

    [Fact]
    public void UdfRevisionIsAnEnumBothWays()
    {
        using var image = new FileSystemImage();
        Assert.Equal(new[] { UdfRevision.Udf102, UdfRevision.Udf150, UdfRevision.Udf200, UdfRevision.Udf201,
                             UdfRevision.Udf250, UdfRevision.Udf260 }, image.UDFRevisionsSupported.Order());
        image.FileSystemsToCreate = FsiFileSystems.ISO9660 | FsiFileSystems.UDF;
        image.UDFRevision = UdfRevision.Udf250;
        Assert.Equal(UdfRevision.Udf250, image.UDFRevision);
        Assert.Equal(0x250, (int)image.UDFRevision);
        var e = Assert.Throws<ImapiException>(() => image.UDFRevision = (UdfRevision)0x105);
        Assert.Equal(ImapiStatus.InvalidParam, e.Status);
    }

    [Fact]
    public void MediaStateIsAFlagsEnumThatPrintsItsBits()
    {
        var state = ImapiFormat2DataMediaState.Appendable | ImapiFormat2DataMediaState.NonEmptySession;
        Assert.Equal("Appendable, NonEmptySession", state.ToString());
        Assert.True(typeof(ImapiFormat2DataMediaState).IsDefined(typeof(FlagsAttribute), false));
        Assert.True(typeof(ImapiMediaWriteProtectState).IsDefined(typeof(FlagsAttribute), false));
        Assert.True(typeof(FsiFileSystems).IsDefined(typeof(FlagsAttribute), false));
    }
}
