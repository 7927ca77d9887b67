import Testing
import Primitives
@testable import Live

/// Builds real packet bytes for the hash tests.
enum Packets {
    /// Ethernet + IPv4 + TCP (20-byte headers, no payload), optionally behind one VLAN tag.
    static func ipv4TCP(src: [UInt8], dst: [UInt8], sport: UInt16, dport: UInt16, vlan: UInt16? = nil,
                        fragmentField: UInt16 = 0x4000) -> [UInt8] {
        var b: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]          // MACs
        if let vlan { b += [0x81, 0x00, UInt8(vlan >> 8), UInt8(vlan & 0xFF)] }
        b += [0x08, 0x00]
        b += [0x45, 0, 0, 40, 0x12, 0x34, UInt8(fragmentField >> 8), UInt8(fragmentField & 0xFF), 64, 6, 0, 0] + src + dst
        b += [UInt8(sport >> 8), UInt8(sport & 0xFF), UInt8(dport >> 8), UInt8(dport & 0xFF)]
        b += [0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xFF, 0xFF, 0, 0, 0, 0]
        return b
    }

    /// Raw IPv6 + TCP or UDP header.
    static func ipv6(src: [UInt8], dst: [UInt8], next: UInt8, sport: UInt16, dport: UInt16) -> [UInt8] {
        var b: [UInt8] = [0x60, 0, 0, 0, 0, 20, next, 64] + src + dst
        b += [UInt8(sport >> 8), UInt8(sport & 0xFF), UInt8(dport >> 8), UInt8(dport & 0xFF)]
        b += [UInt8](repeating: 0, count: 16)
        return b
    }

    static func key(_ bytes: [UInt8], _ link: LinkType) -> FlowHash.Key {
        bytes.withUnsafeBytes { FlowHash.key($0, linkType: link) }
    }
}

@Suite("FlowHash")
struct FlowHashTests {
    let a: [UInt8] = [10, 0, 0, 1], z: [UInt8] = [93, 184, 216, 34]

    @Test("both directions of a TCP connection hash alike")
    func symmetric() {
        let forward = Packets.key(Packets.ipv4TCP(src: a, dst: z, sport: 51514, dport: 443), .ethernet)
        let reverse = Packets.key(Packets.ipv4TCP(src: z, dst: a, sport: 443, dport: 51514), .ethernet)
        #expect(forward.hash != 0)
        #expect(forward == reverse)
    }

    @Test("different ports give different hashes (connections spread over workers)")
    func portsMatter() {
        var seen: Set<Int> = []
        for port in UInt16(40000)..<40064 {
            let k = Packets.key(Packets.ipv4TCP(src: a, dst: z, sport: port, dport: 443), .ethernet)
            seen.insert(FlowHash.worker(for: k.hash, count: 4))
        }
        #expect(seen == [0, 1, 2, 3])
    }

    @Test("a VLAN tag does not change the hash")
    func vlan() {
        let plain = Packets.key(Packets.ipv4TCP(src: a, dst: z, sport: 1000, dport: 80), .ethernet)
        let tagged = Packets.key(Packets.ipv4TCP(src: z, dst: a, sport: 80, dport: 1000, vlan: 42), .ethernet)
        #expect(plain == tagged)
    }

    @Test("IPv4 fragments hash on addresses only, alike in both directions")
    func fragments() {
        let first = Packets.key(Packets.ipv4TCP(src: a, dst: z, sport: 1000, dport: 80, fragmentField: 0x2000), .ethernet)
        let later = Packets.key(Packets.ipv4TCP(src: a, dst: z, sport: 7, dport: 9, fragmentField: 0x00B9), .ethernet)
        let back = Packets.key(Packets.ipv4TCP(src: z, dst: a, sport: 3, dport: 4, fragmentField: 0x0010), .ethernet)
        #expect(first == later)
        #expect(first == back)
    }

    @Test("IPv6 TCP is symmetric; UDP port 53 is marked for broadcast")
    func ipv6() {
        let s: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [1]
        let d: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [2]
        let f = Packets.key(Packets.ipv6(src: s, dst: d, next: 6, sport: 5555, dport: 443), .raw)
        let r = Packets.key(Packets.ipv6(src: d, dst: s, next: 6, sport: 443, dport: 5555), .raw)
        #expect(f == r)
        #expect(!f.isDNS)
        let dns = Packets.key(Packets.ipv6(src: d, dst: s, next: 17, sport: 53, dport: 40000), .raw)
        #expect(dns.isDNS)
    }

    @Test("Linux SLL (interface any) gives the same hash as Ethernet for the same packet")
    func sll() {
        let eth = Packets.ipv4TCP(src: a, dst: z, sport: 1234, dport: 443)
        let sll: [UInt8] = [0, 4, 0, 1, 0, 6, 1, 2, 3, 4, 5, 6, 0, 0, 0x08, 0x00] + eth[14...]
        #expect(Packets.key(eth, .ethernet) == Packets.key(sll, .linuxSLL))
    }

    @Test("truncated and unknown packets hash to 0 without reading out of bounds")
    func garbage() {
        let full = Packets.ipv4TCP(src: a, dst: z, sport: 1, dport: 2)
        for n in 0..<14 { #expect(Packets.key(Array(full[..<n]), .ethernet).hash == 0) }
        for n in 14..<full.count { _ = Packets.key(Array(full[..<n]), .ethernet) }   // must not crash
        #expect(Packets.key([0x99, 1, 2], .raw).hash == 0)
        #expect(Packets.key(full, LinkType(rawValue: 147)).hash == 0)
    }
}
