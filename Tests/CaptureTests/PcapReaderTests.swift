import Primitives
import Testing
@testable import Capture

/// Classic pcap through both readers (libpcap and built-in), from hand-built bytes.
@Suite("Classic pcap readers")
struct PcapReaderTests {
    static let readers: [ClassicPcapReader] = [.libpcap, .builtIn]

    /// A small Ethernet-ish payload; content is irrelevant to the capture layer.
    static func frame(_ n: Int, _ fill: UInt8) -> [UInt8] { Array(repeating: fill, count: n) }

    @Test("nanosecond little-endian pcap keeps nanoseconds", arguments: readers)
    func nanosecondLittleEndian(reader: ClassicPcapReader) throws {
        var b = PcapBuilder(nanosecond: true)
        // d4 c3 b2 a1 would be µs; 4d 3c b2 a1 is the ns magic in little-endian order.
        #expect(Array(b.bytes[0..<4]) == [0x4D, 0x3C, 0xB2, 0xA1])
        b.packet(seconds: 1_700_000_000, fraction: 123_456_789, data: Self.frame(60, 1))
        b.packet(seconds: 1_700_000_001, fraction: 999_999_999, data: Self.frame(42, 2), originalLength: 1514)
        let (packets, r) = try readBytes(b.bytes, classic: reader)
        #expect(r.errors.isEmpty)
        try #require(packets.count == 2)
        #expect(packets[0].nanoseconds == 1_700_000_000_123_456_789)
        #expect(packets[1].nanoseconds == 1_700_000_001_999_999_999)
        #expect(packets[0].bytes == Self.frame(60, 1))
        #expect(packets[1].bytes.count == 42 && packets[1].originalLength == 1514)
        #expect(packets.allSatisfy { $0.linkType == 1 && $0.interfaceIndex == 0 })
    }

    @Test("big-endian microsecond pcap", arguments: readers)
    func bigEndianMicroseconds(reader: ClassicPcapReader) throws {
        var b = PcapBuilder(bigEndian: true, linkType: 228)
        #expect(Array(b.bytes[0..<4]) == [0xA1, 0xB2, 0xC3, 0xD4])
        b.packet(seconds: 0x6543_2100, fraction: 654_321, data: Self.frame(20, 0x45))
        let (packets, r) = try readBytes(b.bytes, classic: reader)
        #expect(r.errors.isEmpty)
        let p = try #require(packets.first)
        #expect(p.nanoseconds == Int64(0x6543_2100) * 1_000_000_000 + 654_321_000)
        #expect(p.linkType == 228)
        #expect(p.bytes == Self.frame(20, 0x45))
    }

    @Test("big-endian nanosecond pcap", arguments: readers)
    func bigEndianNanoseconds(reader: ClassicPcapReader) throws {
        var b = PcapBuilder(nanosecond: true, bigEndian: true, linkType: 101)
        b.packet(seconds: 10, fraction: 7, data: Self.frame(40, 0x60))
        let (packets, _) = try readBytes(b.bytes, classic: reader)
        #expect(packets.map(\.nanoseconds) == [10_000_000_007])
        // LINKTYPE_RAW 101 reaches libpcap as DLT_RAW 12 and is mapped back.
        #expect(packets.map(\.linkType) == [101])
    }

    @Test("truncation at every byte offset: earlier packets returned, one error at the damaged record", arguments: readers)
    func truncationEverywhere(reader: ClassicPcapReader) throws {
        var b = PcapBuilder()
        b.packet(seconds: 1, fraction: 1, data: Self.frame(30, 1))
        b.packet(seconds: 2, fraction: 2, data: Self.frame(1, 2))
        b.packet(seconds: 3, fraction: 3, data: Self.frame(50, 3))
        let full = b.bytes
        let recordStarts = [24, 24 + 16 + 30, 24 + 16 + 30 + 16 + 1]
        let ends = [24 + 16 + 30, 24 + 16 + 30 + 16 + 1, full.count]
        for cut in 0..<full.count {
            let (packets, r) = try readBytes(Array(full[0..<cut]), classic: reader)
            let complete = ends.filter { $0 <= cut }.count
            #expect(packets.count == complete, "cut \(cut)")
            let clean = cut == 24 || ends.contains(cut)
            if clean {
                #expect(r.errors.isEmpty, "cut \(cut)")
                continue
            }
            try #require(r.errors.count == 1, "cut \(cut)")
            let e = r.errors[0]
            #expect(e.kind == .truncated, "cut \(cut): \(e)")
            let expectedOffset = cut < 24 ? 0 : recordStarts[complete]
            #expect(e.offset == Int64(expectedOffset), "cut \(cut): \(e)")
            #expect(e.message.contains("at offset \(expectedOffset)"), "\(e)")
            #expect(r.bytesRead <= Int64(cut))
        }
    }

    @Test("the truncation message says what the header claimed and what remains", arguments: readers)
    func truncationMessage(reader: ClassicPcapReader) throws {
        var b = PcapBuilder()
        b.packet(seconds: 1, fraction: 0, data: Self.frame(1514, 9))
        let cut = Array(b.bytes[0..<(24 + 16 + 200)])
        let (packets, r) = try readBytes(cut, classic: reader)
        #expect(packets.isEmpty)
        #expect(r.errors.map(\.message) == ["truncated packet record at offset 24: header says 1514 bytes, 200 remain"])
        #expect(r.errors.first?.description.hasSuffix(": truncated packet record at offset 24: header says 1514 bytes, 200 remain") == true)
    }

    @Test("an absurd caplen is corrupt, not an allocation", arguments: readers)
    func absurdCaplen(reader: ClassicPcapReader) throws {
        var b = PcapBuilder()
        b.packet(seconds: 1, fraction: 0, data: Self.frame(10, 1))
        var w = ByteWriter(bytes: b.bytes)
        w.u32(2); w.u32(0); w.u32(0xFFFF_FFF0); w.u32(0xFFFF_FFF0)
        w.raw(Self.frame(100, 0))
        let (packets, r) = try readBytes(w.bytes, classic: reader)
        #expect(packets.count == 1)
        try #require(r.errors.count == 1)
        #expect(r.errors[0].kind == .corrupt)
        #expect(r.errors[0].offset == Int64(24 + 16 + 10))
        #expect(r.errors[0].message.contains("4294967280"))
    }

    @Test("a file that is not a capture throws notACapture; an empty one is truncated", arguments: readers)
    func notACapture(reader: ClassicPcapReader) throws {
        let path = try temporaryFile(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        defer { removeFile(path) }
        #expect(throws: CaptureError.self) { try CaptureReader(inputs: [.path(path)], classicPcapReader: reader) }
        do {
            _ = try CaptureReader(inputs: [.path(path)], classicPcapReader: reader)
        } catch {
            #expect(error.kind == .notACapture)
            #expect(error.message.contains("474554")) // "GET" in hex: what was found
        }
        let (packets, r) = try readBytes([], classic: reader)
        #expect(packets.isEmpty)
        #expect(r.errors.map(\.kind) == [.truncated])
        let (_, r2) = try readBytes([0xD4, 0xC3], classic: reader)
        #expect(r2.errors.map(\.kind) == [.truncated])
    }

    @Test("pcap version 1 is refused with the version found", arguments: readers)
    func badVersion(reader: ClassicPcapReader) throws {
        var bytes = PcapBuilder().bytes
        bytes[4] = 1
        let path = try temporaryFile(bytes)
        defer { removeFile(path) }
        do {
            _ = try CaptureReader(inputs: [.path(path)], classicPcapReader: reader)
            Issue.record("expected notACapture")
        } catch {
            #expect(error.kind == .notACapture)
        }
    }

    @Test("missing file throws cannotOpen with the path")
    func missingFile() {
        do {
            _ = try CaptureReader(paths: ["/nonexistent-consenttap-dir/x.pcap"])
            Issue.record("expected cannotOpen")
        } catch {
            #expect(error.kind == .cannotOpen)
            #expect(error.path == "/nonexistent-consenttap-dir/x.pcap")
        }
    }

    @Test("DLT values map to LINKTYPE values")
    func dltMapping() {
        #expect(LinkType(dlt: 12) == .raw)
        #expect(LinkType(dlt: 14) == .raw)
        #expect(LinkType(dlt: 1) == .ethernet)
        #expect(LinkType(dlt: 113) == .linuxSLL)
        #expect(LinkType(dlt: 276) == .linuxSLL2)
        #expect(LinkType(dlt: 0) == .null)
        #expect(LinkType(dlt: 11).rawValue == 100)
    }
}

@Suite("LINKTYPE round trip through libpcap")
struct LinkTypeRoundTripTests {
    @Test("every LINKTYPE value 0...300 reads the same through libpcap and the built-in reader")
    func everyLinkType() throws {
        // Old writers stored DLT values that differ from LINKTYPE ones; both readers normalise them.
        let legacy: [UInt32: UInt32] = [11: 100, 12: 101, 14: 101, 15: 102, 16: 103, 19: 106]
        var mismatches: [String] = []
        for lt: UInt32 in 0...300 {
            var b = PcapBuilder(linkType: lt)
            b.packet(seconds: 1, fraction: 0, data: [1, 2, 3, 4])
            for reader in [ClassicPcapReader.libpcap, .builtIn] {
                let (packets, r) = try readBytes(b.bytes, classic: reader)
                if packets.map(\.linkType) != [legacy[lt] ?? lt] || !r.errors.isEmpty {
                    mismatches.append("\(reader) \(lt) -> \(packets.map(\.linkType)) \(r.errors)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
