import Primitives
import Testing
@testable import Wire

@Suite("IPv4HeaderView")
struct IPv4HeaderViewTests {
    @Test("fields of the known vector")
    func fields() throws {
        try Vectors.ipv4TCP.withUnsafeBytes { raw in
            let ip = try IPv4HeaderView(validating: raw)
            #expect(ip.headerLength == 20)
            #expect(ip.totalLength == 45)
            #expect(ip.identification == 0x1234)
            #expect(ip.dontFragment)
            #expect(!ip.moreFragments)
            #expect(ip.fragmentOffset == 0)
            #expect(!ip.isFragment)
            #expect(ip.ttl == 64)
            #expect(ip.protocolNumber == 6)
            #expect(ip.source == IPAddress("192.168.1.10"))
            #expect(ip.destination == IPAddress("93.184.216.34"))
        }
    }

    @Test("fragment fields: MF and an offset in 8-byte units")
    func fragment() throws {
        // flags/offset 0x2003: MF set, offset 3 units = 24 bytes (from the real ipv4-fragmented-tcp).
        try Vectors.ipv4(protocolNumber: 6, fragmentOffset: 24, moreFragments: true, payload: [0]).withUnsafeBytes { raw in
            let ip = try IPv4HeaderView(validating: raw)
            #expect(ip.moreFragments)
            #expect(ip.fragmentOffset == 24)
            #expect(ip.isFragment)
        }
    }

    @Test("refusals carry the reason, offset and numbers")
    func refusals() {
        #expect(throws: WireError(.ipv4Truncated, offset: 0, expected: 20, found: 19)) {
            try Array(Vectors.ipv4TCP.prefix(19)).withUnsafeBytes { _ = try IPv4HeaderView(validating: $0) }
        }
        var v6 = Vectors.ipv4TCP
        v6[0] = 0x65
        #expect(throws: WireError(.ipBadVersion, offset: 0, expected: 4, found: 6)) {
            try v6.withUnsafeBytes { _ = try IPv4HeaderView(validating: $0) }
        }
        var longHeader = Vectors.ipv4TCP
        longHeader[0] = 0x4F   // IHL 15 = 60 bytes, 45 present
        #expect(throws: WireError(.ipv4Truncated, offset: 0, expected: 60, found: 45)) {
            try longHeader.withUnsafeBytes { _ = try IPv4HeaderView(validating: $0) }
        }
    }
}
