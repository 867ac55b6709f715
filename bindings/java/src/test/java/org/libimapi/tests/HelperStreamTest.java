package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

/** Concatenation, interleave and pseudo-random streams from Java. */
class HelperStreamTest {
    static byte[] all(ImapiStream s) throws IOException {
        s.seek(0, ImapiStream.SEEK_SET);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.transferTo(out);
        return out.toByteArray();
    }

    static ImapiStream text(String s) { return ImapiStream.fromBytes(s.getBytes(StandardCharsets.US_ASCII)); }

    @Test
    void concatenateAndAppend() throws IOException {
        try (ImapiStream a = text("alpha"); ImapiStream c = ImapiStreams.concatenate(a, text("BRAVO"), a)) {
            assertEquals(15, c.size());
            assertEquals("alphaBRAVOalpha", new String(all(c), StandardCharsets.US_ASCII));
            ImapiStreams.append(c, text("!"));
            assertEquals("alphaBRAVOalpha!", new String(all(c), StandardCharsets.US_ASCII));
            ErrorTest.expect(ImapiStatus.E_INVALIDARG, () -> ImapiStreams.concatenate());
            ErrorTest.expect(ImapiStatus.E_INVALIDARG, () -> ImapiStreams.append(a, text("x")));
        }
    }

    @Test
    void interleaveRoundRobin() throws IOException {
        try (ImapiStream s = ImapiStreams.interleave(new ImapiStream[] {text("AAAAAA"), text("bb")}, new long[] {2, 1})) {
            assertEquals("AAbAAbAA", new String(all(s), StandardCharsets.US_ASCII));
        }
        ErrorTest.expect(ImapiStatus.E_INVALIDARG,
                () -> ImapiStreams.interleave(new ImapiStream[] {text("a"), text("b")}, new long[] {1, 0}));
    }

    @Test
    void pseudoRandomIsTheDocumentedLcg() throws IOException {
        try (ImapiStream s = ImapiStreams.pseudoRandom(12345, 10)) {
            byte[] want = new byte[12];
            int x = 12345;
            for (int i = 0; i < 12; i += 4) {
                x = x * 0x19660D + 0x3C6EF35F;
                for (int b = 0; b < 4; b++) want[i + b] = (byte) (x >>> (8 * b));
            }
            assertArrayEquals(java.util.Arrays.copyOf(want, 10), all(s));
            assertEquals(12345L, ImapiStreams.getSeed(s));
            ImapiStreams.setSeed(s, 0xFFFFFFF0L);
            assertEquals(0xFFFFFFF0L, ImapiStreams.getSeed(s));
            assertEquals(0, s.seek(0, ImapiStream.SEEK_CUR));
        }
        try (ImapiStream m = text("x")) {
            ErrorTest.expect(ImapiStatus.E_INVALIDARG, () -> ImapiStreams.getSeed(m));
        }
    }
}
