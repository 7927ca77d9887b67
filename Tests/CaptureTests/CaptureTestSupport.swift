import Foundation
import Primitives
import Testing
@testable import Capture

/// `../shared/captures` next to the package root, derived from this file's path.
let sharedCaptures: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/captures")

/// A packet as the tests compare it: owned copies of everything.
struct OwnedPacket: Equatable, CustomStringConvertible {
    var nanoseconds: Int64
    var linkType: UInt32
    var bytes: [UInt8]
    var originalLength: Int
    var interfaceIndex: Int
    var inputIndex: Int

    init(_ p: CapturedPacket) {
        nanoseconds = p.timestamp.nanoseconds
        linkType = p.linkType.rawValue
        bytes = Array(p.bytes)
        originalLength = p.originalLength
        interfaceIndex = p.interfaceIndex
        inputIndex = p.inputIndex
    }

    var description: String { "t=\(nanoseconds) lt=\(linkType) len=\(bytes.count)/\(originalLength) if=\(interfaceIndex) in=\(inputIndex)" }
}

/// Reads everything, copying each packet before the next call (bytes are borrowed).
func readAll(_ reader: CaptureReader) -> [OwnedPacket] {
    var out: [OwnedPacket] = []
    while let p = reader.next() { out.append(OwnedPacket(p)) }
    return out
}

/// Writes bytes to a fresh file in the temporary directory and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "capture") throws -> String {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("consenttap-capture-tests-\(getpid())-\(UUID().uuidString)-\(name)")
    try Data(bytes).write(to: url)
    return url.path
}

func removeFile(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

/// Reads a capture file given as bytes, by path, with the chosen classic-pcap reader.
func readBytes(_ bytes: [UInt8], classic: ClassicPcapReader = .libpcap) throws -> (packets: [OwnedPacket], reader: CaptureReader) {
    let path = try temporaryFile(bytes)
    defer { removeFile(path) }
    let reader = try CaptureReader(inputs: [.path(path)], classicPcapReader: classic)
    return (readAll(reader), reader)
}

// MARK: Byte builders for hand-made captures

/// Appends integers in a chosen byte order.
struct ByteWriter {
    var bytes: [UInt8] = []
    var bigEndian = false

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { append(bigEndian ? v.bigEndian : v.littleEndian) }
    mutating func u32(_ v: UInt32) { append(bigEndian ? v.bigEndian : v.littleEndian) }
    mutating func u64(_ v: UInt64) { append(bigEndian ? v.bigEndian : v.littleEndian) }
    mutating func raw(_ v: [UInt8]) { bytes += v }
    mutating func pad4() { while bytes.count % 4 != 0 { bytes.append(0) } }
    private mutating func append<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v) { bytes += $0 } }
}

/// Builds classic pcap files.
struct PcapBuilder {
    var w: ByteWriter

    /// Global header: magic for µs or ns in the chosen byte order, version 2.4, snaplen, linktype.
    init(nanosecond: Bool = false, bigEndian: Bool = false, snapLength: UInt32 = 65535, linkType: UInt32 = 1) {
        w = ByteWriter(bigEndian: bigEndian)
        w.u32(nanosecond ? 0xA1B2_3C4D : 0xA1B2_C3D4)
        w.u16(2); w.u16(4)
        w.u32(0); w.u32(0)
        w.u32(snapLength)
        w.u32(linkType)
    }

    /// One record: ts_sec, ts_frac, caplen, origlen, data.
    mutating func packet(seconds: UInt32, fraction: UInt32, data: [UInt8], originalLength: UInt32? = nil) {
        w.u32(seconds); w.u32(fraction)
        w.u32(UInt32(data.count)); w.u32(originalLength ?? UInt32(data.count))
        w.raw(data)
    }

    var bytes: [UInt8] { w.bytes }
}

/// Builds pcapng files block by block.
struct PcapngBuilder {
    var w: ByteWriter

    init(bigEndian: Bool = false) { w = ByteWriter(bigEndian: bigEndian) }

    /// A block: type, total length, body (padded to 4), total length again.
    mutating func block(_ type: UInt32, _ body: [UInt8]) {
        var padded = body
        while padded.count % 4 != 0 { padded.append(0) }
        let total = UInt32(12 + padded.count)
        w.u32(type); w.u32(total); w.raw(padded); w.u32(total)
    }

    mutating func sectionHeader() {
        var b = ByteWriter(bigEndian: w.bigEndian)
        b.u32(0x1A2B_3C4D); b.u16(1); b.u16(0); b.u64(UInt64.max)   // section length: unknown
        block(0x0A0D_0D0A, b.bytes)
    }

    /// IDB with optional if_tsresol (9) and if_tsoffset (14).
    mutating func interface(linkType: UInt16, snapLength: UInt32 = 0, tsresol: UInt8? = nil, tsoffset: Int64? = nil) {
        var b = ByteWriter(bigEndian: w.bigEndian)
        b.u16(linkType); b.u16(0); b.u32(snapLength)
        if let tsresol { b.u16(9); b.u16(1); b.u8(tsresol); b.pad4() }
        if let tsoffset { b.u16(14); b.u16(8); b.u64(UInt64(bitPattern: tsoffset)) }
        b.u16(0); b.u16(0)
        block(1, b.bytes)
    }

    mutating func enhancedPacket(interface: UInt32, units: UInt64, data: [UInt8], originalLength: UInt32? = nil) {
        var b = ByteWriter(bigEndian: w.bigEndian)
        b.u32(interface); b.u32(UInt32(units >> 32)); b.u32(UInt32(truncatingIfNeeded: units))
        b.u32(UInt32(data.count)); b.u32(originalLength ?? UInt32(data.count))
        b.raw(data)
        block(6, b.bytes)
    }

    mutating func obsoletePacket(interface: UInt16, units: UInt64, data: [UInt8]) {
        var b = ByteWriter(bigEndian: w.bigEndian)
        b.u16(interface); b.u16(0); b.u32(UInt32(units >> 32)); b.u32(UInt32(truncatingIfNeeded: units))
        b.u32(UInt32(data.count)); b.u32(UInt32(data.count))
        b.raw(data)
        block(2, b.bytes)
    }

    mutating func simplePacket(data: [UInt8], originalLength: UInt32? = nil) {
        var b = ByteWriter(bigEndian: w.bigEndian)
        b.u32(originalLength ?? UInt32(data.count))
        b.raw(data)
        block(3, b.bytes)
    }

    mutating func decryptionSecrets(type: UInt32 = 0x544C_534B, text: String) {
        var b = ByteWriter(bigEndian: w.bigEndian)
        let data = Array(text.utf8)
        b.u32(type); b.u32(UInt32(data.count)); b.raw(data)
        block(10, b.bytes)
    }

    var bytes: [UInt8] { w.bytes }
}
