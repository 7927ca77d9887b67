import Primitives
import Testing
@testable import Wire

@Suite("GREHeaderView")
struct GREHeaderViewTests {
    @Test("header length follows the C, K and S bits")
    func lengths() throws {
        let cases: [([UInt8], Int)] = [
            ([0x00, 0x00, 0x08, 0x00], 4),                               // no options
            ([0x80, 0x00, 0x08, 0x00, 0, 0, 0, 0], 8),                   // checksum + reserved1
            ([0x20, 0x00, 0x65, 0x58, 0, 0, 0, 1], 8),                   // key
            ([0x10, 0x00, 0x88, 0xBE, 0, 0, 0, 1], 8),                   // sequence
            ([0xB0, 0x00, 0x22, 0xEB, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2], 16),   // all three
        ]
        for (bytes, length) in cases {
            try bytes.withUnsafeBytes { raw in
                let gre = try GREHeaderView(validating: raw)
                #expect(gre.headerLength == length)
                #expect(gre.payload.isEmpty)
                #expect(gre.protocolType == UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
            }
        }
    }

    @Test("a missing optional word is truncated, with the length it needed")
    func truncated() {
        #expect(throws: WireError(.greTruncated, offset: 0, expected: 12, found: 8)) {
            try [UInt8]([0x30, 0x00, 0x08, 0x00, 0, 0, 0, 1]).withUnsafeBytes { _ = try GREHeaderView(validating: $0) }
        }
    }
}
