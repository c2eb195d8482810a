package dev.ktstr.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** serde_json's float text: the samples serde_pretty.py pins and the cases schema.md §12 singles out. */
class SerdeFloatsTest {

    @ParameterizedTest
    @CsvSource({
        "0.0, 0.0", "-0.0, -0.0", "1.0, 1.0", "0.30000000000000004, 0.30000000000000004",
        "1e15, 1000000000000000.0", "1e16, 1e+16", "1.5e16, 1.5e+16", "1e-5, 0.00001", "1e-6, 1e-6",
        "1.5e-7, 1.5e-7", "5e-324, 5e-324", "1e-323, 1e-323", "1.7976931348623157e308, 1.7976931348623157e+308",
        "9007199254740992.0, 9007199254740992.0", "4812345.6, 4812345.6", "1e100, 1e+100", "1.5e-5, 0.000015",
        "1.2345678901234568e17, 1.2345678901234568e+17", "-2.5, -2.5", "100.0, 100.0", "5.0, 5.0", "0.25, 0.25", "51234.5, 51234.5",
        // Java 17's Double.toString gives 1.48629396884634112E17 here; serde gives the shortest digits
        "1.486293968846341e17, 1.486293968846341e+17",
        "NaN, null", "Infinity, null", "-Infinity, null"
    })
    void formatsLikeSerde(double value, String expected) {
        assertEquals(expected, SerdeFloats.format(value));
    }
}
