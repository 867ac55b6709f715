using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Imapi;

/// <summary>
/// The library's messages are written for C callers ("take IDs from
/// imapi_disc_master_get_unique_id", "add IMAPI_FS_ISO9660"); this puts the .NET names
/// in their place ("DiscMaster[index]", "FsiFileSystems.ISO9660"), once, where an
/// <see cref="ImapiException"/> is made from the native error. Names it does not know stay
/// as they are (still the right C name); Imapi.Tests' MessageTests fail when a message
/// of src/ names one this table misses.
/// </summary>
internal static class NativeNames
{
    // C functions the messages name, and the member a .NET caller uses instead.
    private static readonly Dictionary<string, string> Functions = new()
    {
        ["imapi_disc_master_get_unique_id"] = "DiscMaster[index]",
        ["imapi_disc_master_get_count"] = "DiscMaster.Count",
        ["imapi_disc_master_add_emulated_drive"] = "DiscMaster.AddEmulatedDrive",
        ["imapi_recorder_open"] = "DiscRecorder.Open",
        ["imapi_stream_create_concatenation"] = "ImapiStream.Concatenate",
        ["imapi_stream_create_pseudo_random"] = "ImapiStream.PseudoRandom",
        ["imapi_stream_create_user"] = "ImapiStream.FromStream",
        ["imapi_job_wait"] = "ImapiJob.Wait (or await ImapiJob.WaitAsync)",
        ["imapi_job_result"] = "ImapiJob.ThrowIfFailed",
        ["imapi_image_reader_list"] = "ImageReader.List",
        ["imapi_fsitem_add"] = "FsiDirectoryItem.Add",
        ["imapi_fsitem_get_count"] = "FsiDirectoryItem.Count",
        ["imapi_fsimage_create_result_image"] = "FileSystemImage.CreateResultImage",
        ["imapi_disc_format_data_set_recorder"] = "DiscFormat2Data.Recorder",
    };

    /// <summary>A family of C macros (one prefix) and the .NET type whose members they are.</summary>
    private sealed record Family(string Prefix, string TypeName, Func<string, string?> Member);

    // A member of TEnum whose name equals the macro's suffix without case and underscores
    // (IMAPI_MEDIA_TYPE_DVDPLUSR_DUALLAYER: ImapiMediaPhysicalType.DVDPlusRDualLayer).
    private static Family EnumFamily<TEnum>(string prefix) where TEnum : struct, Enum
    {
        var byKey = Enum.GetNames<TEnum>().ToDictionary(n => n.ToUpperInvariant());
        return new(prefix, typeof(TEnum).Name, suffix => byKey.GetValueOrDefault(suffix.Replace("_", "")));
    }

    private static Family Explicit(string prefix, string typeName, Dictionary<string, string> members) =>
        new(prefix, typeName, suffix => members.GetValueOrDefault(suffix));

    // Longest prefix first, so IMAPI_MODE_PAGE_REQUEST_TYPE_ wins over shorter ones.
    private static readonly Family[] Families = new[]
    {
        EnumFamily<FsiFileSystems>("IMAPI_FS_"),
        EnumFamily<ImapiMediaPhysicalType>("IMAPI_MEDIA_TYPE_"),
        EnumFamily<FsiItemType>("IMAPI_ITEM_"),
        EnumFamily<ImageEntryType>("IMAPI_ENTRY_"),
        EnumFamily<BurnVerificationLevel>("IMAPI_BURN_VERIFICATION_"),
        EnumFamily<WriteAction>("IMAPI_FORMAT2_DATA_WRITE_ACTION_"),
        EnumFamily<ImapiFormat2DataMediaState>("IMAPI_FORMAT2_DATA_MEDIA_STATE_"),
        EnumFamily<ModePageRequestType>("IMAPI_MODE_PAGE_REQUEST_TYPE_"),
        EnumFamily<ReadTrackAddressType>("IMAPI_READ_TRACK_ADDRESS_TYPE_"),
        EnumFamily<MultisessionType>("IMAPI_MULTISESSION_"),
        EnumFamily<SymlinkPolicy>("IMAPI_SYMLINKS_"),
        Explicit("IMAPI_SEEK_", "System.IO.SeekOrigin", new() { ["SET"] = "Begin", ["CUR"] = "Current", ["END"] = "End" }),
        // The direction of a pass-through command is which SendCommand method is called.
        new("IMAPI_COMMAND_", "DiscRecorder.SendCommand*", suffix => suffix switch
        {
            "NO_DATA" => "DiscRecorder.SendCommandNoData",
            "TO_DEVICE" => "DiscRecorder.SendCommandSendDataToDevice",
            "FROM_DEVICE" => "DiscRecorder.SendCommandGetDataFromDevice",
            _ => null,
        }),
        new("IMAPI_E_", "ImapiStatus", suffix => StatusMember("IMAPI_E_" + suffix)),
        new("IMAPI_S_", "ImapiStatus", suffix => StatusMember("IMAPI_S_" + suffix)),
    }.OrderByDescending(f => f.Prefix.Length).ToArray();

    private static readonly Lazy<Dictionary<string, string>> Statuses = new(() =>
    {
        var names = new Dictionary<string, string>();
        foreach (var s in Enum.GetValues<ImapiStatus>()) names.TryAdd(ImapiLibrary.StatusName(s), s.ToString());
        return names;
    });

    private static string? StatusMember(string cName) => Statuses.Value.GetValueOrDefault(cName);

    // A C function; a macro (with "*" for "any of the family"); or "_SUFFIX", a member
    // of the family the previous macro named ("IMAPI_FS_ISO9660, _JOLIET or _UDF").
    private static readonly Regex Token = new(
        @"(?<fn>\bimapi_[a-z0-9_]+\b)|(?<macro>\bIMAPI_[A-Z0-9_]*[A-Z0-9]\b\*?|\bIMAPI_[A-Z0-9_]+_\*)|(?<short>(?<![A-Za-z0-9_])_[A-Z0-9][A-Z0-9_]*\b)",
        RegexOptions.CultureInvariant);

    // "an ModePageRequestType" reads "a ModePageRequestType" once a name was replaced.
    private static readonly Regex Article = new(@"\b(?<a>[Aa]n?) (?<w>[A-Za-z])", RegexOptions.CultureInvariant);

    /// <summary>The message with every C name it knows replaced by the .NET member.</summary>
    public static string ToDotNet(string message)
    {
        if (message.IndexOf("imapi_", StringComparison.Ordinal) < 0 && message.IndexOf("IMAPI_", StringComparison.Ordinal) < 0)
            return message;
        Family? context = null;
        var replaced = new List<(int Start, int Length)>();
        var sb = new StringBuilder(message.Length);
        int last = 0;
        foreach (Match m in Token.Matches(message))
        {
            string? with = null;
            if (m.Groups["fn"].Success)
            {
                with = Functions.GetValueOrDefault(m.Value);
                context = null;
            }
            else if (m.Groups["macro"].Success)
            {
                (with, context) = Macro(m.Value);
            }
            else if (context is not null)
            {
                string? member = context.Member(m.Value[1..]);
                if (member is not null) with = Qualified(context, member);
            }
            if (with is null) continue;
            sb.Append(message, last, m.Index - last);
            replaced.Add((sb.Length, with.Length));
            sb.Append(with);
            last = m.Index + m.Length;
        }
        sb.Append(message, last, message.Length - last);
        return FixArticles(sb.ToString(), replaced);
    }

    private static (string? With, Family? Context) Macro(string macro)
    {
        string name = macro.TrimEnd('*');
        foreach (var f in Families)
        {
            // The family itself: "an IMAPI_MODE_PAGE_REQUEST_TYPE", "an IMAPI_MEDIA_TYPE_*".
            if (name == f.Prefix || name == f.Prefix[..^1]) return (f.TypeName, f);
            if (!name.StartsWith(f.Prefix, StringComparison.Ordinal)) continue;
            string? member = f.Member(name[f.Prefix.Length..]);
            return (member is null ? null : Qualified(f, member), f);
        }
        return (null, null);
    }

    private static string Qualified(Family f, string member) =>
        member.Contains('.') ? member : $"{f.TypeName}.{member}";

    private static string FixArticles(string text, List<(int Start, int Length)> replaced)
    {
        if (replaced.Count == 0) return text;
        return Article.Replace(text, m =>
        {
            int word = m.Groups["w"].Index;
            if (!replaced.Any(r => r.Start == word)) return m.Value;
            bool vowel = "AEIOUaeiou".Contains(m.Groups["w"].Value[0]);
            string a = m.Groups["a"].Value;
            return (char.IsUpper(a[0]) ? "A" : "a") + (vowel ? "n " : " ") + m.Groups["w"].Value;
        });
    }
}
