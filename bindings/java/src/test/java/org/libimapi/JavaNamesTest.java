package org.libimapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The translation table covers every C name the library's messages use: each string literal
 * of src/ that names a C function or macro reads without one once translated. (In this package
 * because the table is not public API.)
 */
class JavaNamesTest {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** Abbreviated macros in lists ("IMAPI_FS_ROCKRIDGE, _UDF, _JOLIET"). */
    private static final Pattern ABBREVIATED = Pattern.compile("(?<![A-Za-z0-9])_[A-Z][A-Z0-9_]+");

    @Test
    void everyCNameInTheLibrarysMessagesIsTranslated() throws IOException {
        String dir = System.getProperty("imapi.source.dir");
        assertTrue(dir != null && Files.isDirectory(Path.of(dir, "src")), "run with -Dimapi.source.dir=the project root");
        List<String> untranslated = new ArrayList<>();
        int withCNames = 0;
        try (Stream<Path> files = Files.walk(Path.of(dir, "src"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().matches(".*\\.(cpp|hpp)$"))::iterator) {
                for (String line : Files.readAllLines(p)) {
                    if (line.trim().startsWith("#include") || line.contains("getenv(")) continue;
                    Matcher m = LITERAL.matcher(line);
                    while (m.find()) {
                        String literal = m.group(1);
                        if (!JavaNames.C_NAME.matcher(literal).find() || literal.equals("IMAPI_UNKNOWN_STATUS")) continue;
                        withCNames++;
                        String java = JavaNames.toJava(literal);
                        if (JavaNames.C_NAME.matcher(java).find() || ABBREVIATED.matcher(java).find())
                            untranslated.add(p.getFileName() + ": \"" + literal + "\" -> \"" + java + "\"");
                    }
                }
            }
        }
        assertTrue(withCNames >= 15, "only " + withCNames + " messages with C names found: is the scan right?");
        assertEquals(List.of(), untranslated);
    }

    @Test
    void statusNamesAndEnvironmentVariablesStay() {
        String m = "no recorder 'x': take IDs from imapi_disc_master_get_unique_id (emulated drives must be in IMAPI_EMU_DRIVES "
                + "or added with imapi_disc_master_add_emulated_drive first); IMAPI_E_DUP_NAME";
        assertEquals("no recorder 'x': take IDs from DiscMaster.getUniqueIds() (emulated drives must be in IMAPI_EMU_DRIVES "
                + "or added with DiscMaster.addEmulatedDrive first); IMAPI_E_DUP_NAME", JavaNames.toJava(m));
        assertEquals("the string parameter 'path' is null", JavaNames.toJava("the string parameter 'path' is NULL"));
        assertFalse(JavaNames.toJava("add it with imapi_fsitem_add").contains("imapi_"));
        assertEquals(null, JavaNames.toJava(null));
    }
}
