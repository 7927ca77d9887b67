import Primitives
import Testing
@testable import Capture

/// The built-in pcapng reader, from hand-built blocks.
@Suite("pcapng reader")
struct PcapngSourceTests {
    static func data(_ n: Int, _ fill: UInt8) -> [UInt8] { Array(repeating: fill, count: n) }

    @Test("two interfaces with different link types, if_tsresol and if_tsoffset")
    func twoInterfaces() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.interface(linkType: 1)                                    // Ethernet, default µs
        b.interface(linkType: 101, tsresol: 9, tsoffset: 100)       // raw IP, ns, +100 s
        b.interface(linkType: 113, tsresol: 0x80 | 10)              // SLL, 2^-10 s units
        b.enhancedPacket(interface: 0, units: 1_700_000_000_123_456, data: Self.data(60, 1))
        b.enhancedPacket(interface: 1, units: 1_700_000_000_123_456_789, data: Self.data(21, 2), originalLength: 1500)
        b.enhancedPacket(interface: 2, units: 5 * 1024 + 512, data: Self.data(3, 3))
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        try #require(packets.count == 3)
        #expect(packets.map(\.linkType) == [1, 101, 113])
        #expect(packets.map(\.interfaceIndex) == [0, 1, 2])
        #expect(packets[0].nanoseconds == 1_700_000_000_123_456_000)
        #expect(packets[1].nanoseconds == 1_700_000_100_123_456_789)
        #expect(packets[2].nanoseconds == 5_500_000_000)
        #expect(packets[1].bytes == Self.data(21, 2) && packets[1].originalLength == 1500)
        #expect(r.bytesRead == Int64(b.bytes.count))
    }

    @Test("big-endian section")
    func bigEndian() throws {
        var b = PcapngBuilder(bigEndian: true)
        b.sectionHeader()
        #expect(Array(b.bytes[8..<12]) == [0x1A, 0x2B, 0x3C, 0x4D])
        b.interface(linkType: 1, tsresol: 3)
        b.enhancedPacket(interface: 0, units: 1_234_567, data: Self.data(7, 7))
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        #expect(packets.map(\.nanoseconds) == [1_234_567_000_000])
        #expect(packets.map(\.bytes) == [Self.data(7, 7)])
    }

    @Test("a second section restarts interfaces and may switch byte order")
    func twoSections() throws {
        var first = PcapngBuilder()
        first.sectionHeader()
        first.interface(linkType: 1)
        first.enhancedPacket(interface: 0, units: 1, data: Self.data(4, 1))
        var second = PcapngBuilder(bigEndian: true)
        second.sectionHeader()
        second.interface(linkType: 229)
        second.enhancedPacket(interface: 0, units: 2, data: Self.data(4, 2))
        let (packets, r) = try readBytes(first.bytes + second.bytes)
        #expect(r.errors.isEmpty)
        #expect(packets.map(\.linkType) == [1, 229])
        #expect(packets.map(\.interfaceIndex) == [0, 1])
        #expect(packets.map(\.nanoseconds) == [1000, 2000])
    }

    @Test("Decryption Secrets Blocks of type TLSK become key-log lines; other types are counted")
    func decryptionSecrets() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.decryptionSecrets(text: "CLIENT_RANDOM aa bb\r\nCLIENT_RANDOM cc dd\n\n")
        b.interface(linkType: 1)
        b.enhancedPacket(interface: 0, units: 1, data: Self.data(4, 1))
        b.decryptionSecrets(type: 0x5353_484B, text: "SSH secrets")   // "SSHK": not a TLS key log
        b.decryptionSecrets(text: "SERVER_TRAFFIC_SECRET_0 ee ff")
        b.enhancedPacket(interface: 0, units: 2, data: Self.data(4, 2))
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        #expect(packets.count == 2)
        #expect(r.decryptionSecrets == ["CLIENT_RANDOM aa bb", "CLIENT_RANDOM cc dd", "SERVER_TRAFFIC_SECRET_0 ee ff"])
        #expect(r.counters["pcapng_dsb_not_tls_key_log"] == 1)
    }

    @Test("unknown, statistics, name-resolution and custom blocks are skipped")
    func skippedBlocks() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.block(0x1234_5678, Self.data(13, 0xEE))    // unknown type, padded body
        b.interface(linkType: 1)
        b.block(4, [0, 0, 0, 0])                     // NRB with only opt_endofrecord
        b.enhancedPacket(interface: 0, units: 1, data: Self.data(5, 1))
        b.block(5, Self.data(12, 0))                 // ISB
        b.block(0x0000_0BAD, Self.data(8, 1))        // custom block
        b.block(0x8000_0001, [])                     // unknown, empty body
        b.enhancedPacket(interface: 0, units: 2, data: Self.data(6, 2))
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        #expect(packets.map(\.bytes.count) == [5, 6])
        #expect(r.counters["pcapng_unknown_block_skipped"] == 2)
    }

    @Test("simple and obsolete packet blocks")
    func simpleAndObsoletePackets() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.interface(linkType: 1, snapLength: 8)
        b.interface(linkType: 0)
        b.obsoletePacket(interface: 1, units: 3_000_000, data: Self.data(9, 9))
        b.simplePacket(data: Self.data(12, 5))                     // cut to snaplen 8, interface 0
        b.simplePacket(data: Self.data(4, 6), originalLength: 100) // captured 4 of 100
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        try #require(packets.count == 3)
        #expect(packets[0].linkType == 0 && packets[0].interfaceIndex == 1 && packets[0].nanoseconds == 3_000_000_000)
        #expect(packets[1].bytes == Self.data(8, 5) && packets[1].originalLength == 12 && packets[1].linkType == 1)
        #expect(packets[1].nanoseconds == 3_000_000_000)   // SPB: previous packet's time
        #expect(packets[2].bytes == Self.data(4, 6) && packets[2].originalLength == 100)
    }

    /// A small file: SHB, IDB, two EPBs, a DSB, one EPB. Returns bytes, block starts, packet-block ends.
    static func smallFile() -> (bytes: [UInt8], blockStarts: [Int], packetEnds: [Int]) {
        var b = PcapngBuilder()
        var starts: [Int] = []
        var packetEnds: [Int] = []
        starts.append(b.bytes.count); b.sectionHeader()
        starts.append(b.bytes.count); b.interface(linkType: 1, tsresol: 9)
        starts.append(b.bytes.count); b.enhancedPacket(interface: 0, units: 10, data: data(14, 1)); packetEnds.append(b.bytes.count)
        starts.append(b.bytes.count); b.enhancedPacket(interface: 0, units: 20, data: data(3, 2)); packetEnds.append(b.bytes.count)
        starts.append(b.bytes.count); b.decryptionSecrets(text: "CLIENT_RANDOM 01 02\n")
        starts.append(b.bytes.count); b.enhancedPacket(interface: 0, units: 30, data: data(9, 3)); packetEnds.append(b.bytes.count)
        return (b.bytes, starts, packetEnds)
    }

    @Test("truncation at every byte offset: earlier packets returned, one error at the damaged block")
    func truncationEverywhere() throws {
        let (full, starts, packetEnds) = Self.smallFile()
        for cut in 0..<full.count {
            let (packets, r) = try readBytes(Array(full[0..<cut]))
            #expect(packets.count == packetEnds.filter { $0 <= cut }.count, "cut \(cut)")
            if starts.contains(cut) && cut > 0 {
                #expect(r.errors.isEmpty, "cut \(cut): \(r.errors)")
                continue
            }
            try #require(r.errors.count == 1, "cut \(cut)")
            let damagedBlock = starts.last { $0 <= cut } ?? 0
            #expect(r.errors[0].kind == .truncated, "cut \(cut): \(r.errors[0])")
            #expect(r.errors[0].offset == Int64(damagedBlock), "cut \(cut): \(r.errors[0])")
            #expect(r.errors[0].message.contains("offset \(damagedBlock)"), "cut \(cut): \(r.errors[0])")
        }
    }

    @Test("corrupt block lengths stop the file with the offset and the length found",
          arguments: [UInt32(13), 8, 0xFFFF_FFF0, 0x1000_0004])
    func corruptBlockLength(length: UInt32) throws {
        var (bytes, starts, _) = Self.smallFile()
        let at = starts[3]   // second EPB
        withUnsafeBytes(of: length.littleEndian) { for i in 0..<4 { bytes[at + 4 + i] = $0[i] } }
        let (packets, r) = try readBytes(bytes)
        #expect(packets.count == 1)
        try #require(r.errors.count == 1)
        #expect(r.errors[0].kind == .corrupt)
        #expect(r.errors[0].offset == Int64(at))
        #expect(r.errors[0].message.contains("total length \(length)"))
    }

    @Test("trailing length different from the leading one is corrupt")
    func trailingMismatch() throws {
        var (bytes, starts, _) = Self.smallFile()
        let end = starts[3] - 4     // trailing length of the first EPB
        bytes[end] ^= 0x04
        let (packets, r) = try readBytes(bytes)
        #expect(packets.isEmpty)
        #expect(r.errors.map(\.kind) == [.corrupt])
        #expect(r.errors.first?.offset == Int64(starts[2]))
    }

    @Test("a packet for an undefined interface, or claiming more bytes than its block, is corrupt")
    func badPacketBlocks() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.interface(linkType: 1)
        b.enhancedPacket(interface: 3, units: 1, data: Self.data(4, 1))
        let (p1, r1) = try readBytes(b.bytes)
        #expect(p1.isEmpty)
        #expect(r1.errors.first?.message.contains("refers to interface 3") == true)

        var c = PcapngBuilder()
        c.sectionHeader()
        c.interface(linkType: 1)
        var body = ByteWriter()
        body.u32(0); body.u32(0); body.u32(1); body.u32(4000); body.u32(4000); body.raw(Self.data(8, 0))
        c.block(6, body.bytes)
        let (p2, r2) = try readBytes(c.bytes)
        #expect(p2.isEmpty)
        #expect(r2.errors.first?.message.contains("captured length 4000") == true)
    }

    @Test("a bad byte-order magic is corrupt")
    func badByteOrderMagic() throws {
        var (bytes, _, _) = Self.smallFile()
        bytes[8] = 0x00
        let (packets, r) = try readBytes(bytes)
        #expect(packets.isEmpty)
        #expect(r.errors.map(\.kind) == [.corrupt])
    }

    @Test("an IDB option running past its block is counted and the options before it kept")
    func malformedOption() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        var idb = ByteWriter()
        idb.u16(1); idb.u16(0); idb.u32(0)
        idb.u16(9); idb.u16(1); idb.u8(9); idb.pad4()       // if_tsresol = ns
        idb.u16(2); idb.u16(200); idb.raw([0x65, 0x74])      // if_name claiming 200 bytes
        b.block(1, idb.bytes)
        b.enhancedPacket(interface: 0, units: 77, data: Self.data(4, 1))
        let (packets, r) = try readBytes(b.bytes)
        #expect(r.errors.isEmpty)
        #expect(packets.map(\.nanoseconds) == [77])
        #expect(r.counters["pcapng_option_malformed"] == 1)
    }

    @Test("more than 65536 interfaces stop the file as corrupt")
    func interfaceCap() throws {
        var b = PcapngBuilder()
        b.sectionHeader()
        b.interface(linkType: 1)
        b.enhancedPacket(interface: 0, units: 1, data: Self.data(4, 1))
        for _ in 0..<PcapngSource.maximumInterfaces { b.interface(linkType: 1) }
        let (packets, r) = try readBytes(b.bytes)
        #expect(packets.count == 1)
        #expect(r.errors.map(\.kind) == [.corrupt])
        #expect(r.errors.first?.message.contains("more than 65536 interfaces") == true)
    }
}
