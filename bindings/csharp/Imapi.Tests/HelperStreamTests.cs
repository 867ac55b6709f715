using System;
using System.IO;
using System.Text;
using Xunit;

namespace Imapi.Tests;

/// <summary>Concatenation, interleave and pseudo-random streams from C#.</summary>
public class HelperStreamTests
{
    private static byte[] All(Stream s)
    {
        s.Position = 0;
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private static ImapiStream Text(string s) => ImapiStream.FromMemory(Encoding.ASCII.GetBytes(s));

    [Fact]
    public void ConcatenateAndAppend()
    {
        using var a = Text("alpha");
        using var c = ImapiStream.Concatenate(a, Text("BRAVO"), a);
        Assert.Equal(15, c.Length);
        Assert.Equal("alphaBRAVOalpha", Encoding.ASCII.GetString(All(c)));
        c.Append(Text("!"));
        Assert.Equal("alphaBRAVOalpha!", Encoding.ASCII.GetString(All(c)));
        var e = Assert.ThrowsAny<ImapiException>(() => ImapiStream.Concatenate());
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
        e = Assert.ThrowsAny<ImapiException>(() => a.Append(Text("x")));
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
    }

    [Fact]
    public void InterleaveRoundRobin()
    {
        using var s = ImapiStream.Interleave(new[] { Text("AAAAAA"), Text("bb") }, new long[] { 2, 1 });
        Assert.Equal("AAbAAbAA", Encoding.ASCII.GetString(All(s)));
        var e = Assert.ThrowsAny<ImapiException>(() =>
            ImapiStream.Interleave(new[] { Text("a"), Text("b") }, new long[] { 1, 0 }));
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
    }

    [Fact]
    public void PseudoRandomIsTheDocumentedLcg()
    {
        using var s = ImapiStream.PseudoRandom(12345, 10);
        var want = new byte[12];
        uint x = 12345;
        for (int i = 0; i < 12; i += 4)
        {
            x = unchecked(x * 0x19660Du + 0x3C6EF35Fu);
            BitConverter.GetBytes(x).CopyTo(want, i);
        }
        Assert.Equal(want.AsSpan(0, 10).ToArray(), All(s));
        Assert.Equal(12345u, s.Seed);
        s.Position = 5;
        s.Seed = 7;
        Assert.Equal(0, s.Position);
        Assert.Equal(7u, s.Seed);
        using var m = Text("x");
        Assert.Equal(ImapiStatus.InvalidArg, Assert.ThrowsAny<ImapiException>(() => _ = m.Seed).Status);
    }
}
