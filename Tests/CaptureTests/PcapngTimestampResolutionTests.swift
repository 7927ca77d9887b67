import Testing
@testable import Capture

@Suite("pcapng if_tsresol")
struct PcapngTimestampResolutionTests {
    @Test("decimal resolutions")
    func decimal() {
        #expect(PcapngTimestampResolution(optionByte: 0).nanoseconds(3) == 3_000_000_000)
        #expect(PcapngTimestampResolution(optionByte: 6).nanoseconds(1_500_000) == 1_500_000_000)
        #expect(PcapngTimestampResolution(optionByte: 9).nanoseconds(42) == 42)
        #expect(PcapngTimestampResolution(optionByte: 12).nanoseconds(1_234_567) == 1234)
        #expect(PcapngTimestampResolution(optionByte: 28).nanoseconds(UInt64.max) == 1)   // 1.8e19 units of 1e-28 s
        #expect(PcapngTimestampResolution(optionByte: 29).nanoseconds(UInt64.max) == 0)
        #expect(PcapngTimestampResolution(optionByte: 127).nanoseconds(UInt64.max) == 0)
    }

    @Test("binary resolutions use a 128-bit product")
    func binary() {
        #expect(PcapngTimestampResolution(optionByte: 0x80).nanoseconds(2) == 2_000_000_000)
        #expect(PcapngTimestampResolution(optionByte: 0x80 | 1).nanoseconds(3) == 1_500_000_000)
        // 2^-32 s units: 2^32 units is one second, even though units * 1e9 overflows 64 bits.
        #expect(PcapngTimestampResolution(optionByte: 0x80 | 32).nanoseconds(1_700_000_000 << 32) == 1_700_000_000_000_000_000)
        #expect(PcapngTimestampResolution(optionByte: 0x80 | 64).nanoseconds(1 << 63) == 500_000_000)
        #expect(PcapngTimestampResolution(optionByte: 0x80 | 127).nanoseconds(UInt64.max) == 0)
    }
}
