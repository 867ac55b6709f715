using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Xunit;

namespace Imapi.Tests;

/// <summary>Objects dropped without Dispose, finalizers in any order, Dispose racing use.</summary>
public class LifetimeTests
{
    private static void CollectEverything()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>
    /// 10,000 iterations that create related objects (image, items, streams,
    /// results, image streams, jobs) and drop them without Dispose in a random
    /// order, disposing a random few; finalizers then run in whatever order the
    /// GC picks. No crash, and no native handle may outlive its object.
    /// </summary>
    [Fact]
    public void FinalizerStressLeavesNoLiveHandles()
    {
        CollectEverything();
        var rng = new Random(1234);
        var kept = new List<object>();
        for (int i = 0; i < 10_000; i++)
        {
            OneIteration(i, rng, kept);
            if (i % 2000 == 0) GC.Collect();
        }
        // Handles are still alive here: what follows is the finalizers' work, not Dispose's.
        Assert.True(ImapiLibrary.LiveHandles > 0);
        kept.Clear();
        CollectEverything();
        Assert.Equal(0, ImapiLibrary.LiveHandles);
    }


    // Its own method, so no local of an iteration stays reachable from the test's frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OneIteration(int i, Random rng, List<object> kept)
    {
        var image = new FileSystemImage();
        var root = image.Root;
        var data = ImapiStream.FromMemory(new byte[] { 1, 2, 3, (byte)i });
        root.AddFile("f" + (i % 7), data);
        var file = root["f" + (i % 7)];
        object[] objs = (i % 50 == 0)
            ? new object[] { image, root, data, file, image.CreateResultImage() }
            : new object[] { image, root, data, file };
        if (i % 500 == 0)
        {
            var result = image.CreateResultImage();
            objs = new object[] { image, root, data, file, result, result.ImageStream };
        }
        // Keep a random subset a little longer, dispose a random few, drop the rest.
        rng.Shuffle(objs);
        foreach (var o in objs)
        {
            int pick = rng.Next(10);
            if (pick == 0) ((IDisposable)o).Dispose();
            else if (pick == 1) kept.Add(o);
        }
        if (kept.Count > 200)
        {
            rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept));
            kept.RemoveRange(0, 100);
        }
    }

    /// <summary>Dispose on one thread while another keeps using the object: only ImapiException(InvalidHandle).</summary>
    [Fact]
    public void ConcurrentDisposeAndUse()
    {
        for (int round = 0; round < 200; round++)
        {
            var image = new FileSystemImage();
            var root = image.Root;
            Exception? unexpected = null;
            var user = new Thread(() =>
            {
                try
                {
                    for (int k = 0; k < 1000; k++)
                    {
                        _ = image.VolumeName;
                        root.AddDirectory("d" + k);
                    }
                }
                catch (ImapiException e) when (e.Status == ImapiStatus.InvalidHandle) { }
                catch (Exception e) { unexpected = e; }
            });
            user.Start();
            Thread.SpinWait(round * 50);
            image.Dispose();
            root.Dispose();
            user.Join();
            Assert.Null(unexpected);
        }
        CollectEverything();
        Assert.Equal(0, ImapiLibrary.LiveHandles);
    }

    [Fact]
    public void JobDroppedWhileRunningIsCancelledByItsFinalizer()
    {
        using var tree = new TestTree();
        StartAndDrop(tree.Out("dropped.iso"));
        CollectEverything();
        Assert.Equal(0, ImapiLibrary.LiveHandles);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StartAndDrop(string output)
    {
        var image = new FileSystemImage();
        image.FreeMediaBlocks = 0;
        var root = image.Root;
        root.AddFile("slow.bin", ImapiStream.FromStream(new CancelTests.SlowStream(1L << 30)));
        var job = image.CreateResultImage().StartWriteFile(output);
        Assert.False(job.Wait(10));
    }
}
