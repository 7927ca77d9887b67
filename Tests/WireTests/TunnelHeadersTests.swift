import Primitives
import Testing
@testable import Wire

@Suite("TunnelHeaders")
struct TunnelHeadersTests {
    @Test("VXLAN needs the I flag and 8 bytes")
    func vxlan() throws {
        #expect(try [UInt8]([0x08, 0, 0, 0, 0, 0, 0x64, 0]).withUnsafeBytes { try TunnelHeaders.vxlanInnerOffset($0) } == 8)
        #expect(throws: WireError(.vxlanBadFlags, offset: 0, expected: 8, found: 0)) {
            try [UInt8]([0x00, 0, 0, 0, 0, 0, 0x64, 0]).withUnsafeBytes { _ = try TunnelHeaders.vxlanInnerOffset($0) }
        }
    }

    @Test("GENEVE option length and version")
    func geneve() throws {
        // Option length 3 words -> 8 + 12 bytes; protocol 0x86DD.
        let header: [UInt8] = [0x03, 0x00, 0x86, 0xDD, 0, 0, 1, 0] + [UInt8](repeating: 0, count: 12)
        try header.withUnsafeBytes { raw in
            let inner = try TunnelHeaders.geneveInner(raw)
            #expect(inner.offset == 20)
            #expect(inner.protocolType == 0x86DD)
        }
        #expect(throws: WireError(.geneveTruncated, offset: 0, expected: 20, found: 19)) {
            try Array(header.prefix(19)).withUnsafeBytes { _ = try TunnelHeaders.geneveInner($0) }
        }
        #expect(throws: WireError(.geneveBadVersion, offset: 0, expected: 0, found: 1)) {
            try [UInt8]([0x40, 0, 0x65, 0x58, 0, 0, 0, 0]).withUnsafeBytes { _ = try TunnelHeaders.geneveInner($0) }
        }
    }

    @Test("ERSPAN III with and without the platform subheader")
    func erspanIII() throws {
        var header: [UInt8] = [0x20, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8)
        #expect(try header.withUnsafeBytes { try TunnelHeaders.erspanIIIInnerOffset($0) } == 12)
        header[11] = 0x01
        #expect(try header.withUnsafeBytes { try TunnelHeaders.erspanIIIInnerOffset($0) } == 20)
        #expect(throws: WireError(.erspanTruncated, offset: 11, expected: 20, found: 16)) {
            try Array(header.prefix(16)).withUnsafeBytes { _ = try TunnelHeaders.erspanIIIInnerOffset($0) }
        }
    }
}
