package org.modelcensus.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** hardware_key: the names the hardware join treats as one chip, and the ones it keeps apart. */
class HardwareKeyTest {

    @Test
    void caseMemorySpacingAndPunctuationDoNotMatter() {
        assertEquals("nvidia a100 sxm4 80gb", CensusFunctions.hardwareKey("NVIDIA A100 SXM4 80 GB"));
        assertEquals("nvidia a100 sxm4 80gb", CensusFunctions.hardwareKey(" nvidia  A100-SXM4 80GB "));
        assertEquals("nvidia h100 sxm5 80gb", CensusFunctions.hardwareKey("NVIDIA H100 SXM5 80GB"));
        assertEquals("huawei ascend 910 320 tflops", CensusFunctions.hardwareKey("Huawei Ascend 910 (320 TFLOPS)"));
        assertEquals("cambricon mlu370 s4 s8", CensusFunctions.hardwareKey("Cambricon MLU370-S4/S8"));
    }

    @Test
    void differentChipsStayApart() {
        // a board without its memory size is another name: the alias table decides, not a fuzzy match
        assertNotEquals(CensusFunctions.hardwareKey("NVIDIA H100 SXM5"), CensusFunctions.hardwareKey("NVIDIA H100 SXM5 80GB"));
        assertNotEquals(CensusFunctions.hardwareKey("Google TPU v4"), CensusFunctions.hardwareKey("Google TPU v4i"));
        assertNotEquals(CensusFunctions.hardwareKey("NVIDIA A100 SXM4 40 GB"), CensusFunctions.hardwareKey("NVIDIA A100 SXM4 80 GB"));
    }

    @Test
    void noNameNoKey() {
        assertNull(CensusFunctions.hardwareKey(null));
        assertNull(CensusFunctions.hardwareKey(" - "));
    }
}
