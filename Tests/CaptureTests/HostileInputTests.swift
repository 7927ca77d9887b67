import Testing
@testable import Capture

/// Random damage to small captures never crashes or hangs, and ends in at most one error.
@Suite("Hostile input")
struct HostileInputTests {
    static func samples() -> [[UInt8]] {
        var pcap = PcapBuilder(nanosecond: true)
        pcap.packet(seconds: 1, fraction: 2, data: Array(repeating: 7, count: 40))
        pcap.packet(seconds: 3, fraction: 4, data: Array(repeating: 8, count: 3))
        var be = PcapBuilder(bigEndian: true)
        be.packet(seconds: 1, fraction: 2, data: Array(repeating: 9, count: 33))
        return [pcap.bytes, be.bytes, PcapngSourceTests.smallFile().bytes]
    }

    @Test("random byte flips and length overwrites", arguments: [ClassicPcapReader.libpcap, .builtIn])
    func randomDamage(reader: ClassicPcapReader) throws {
        var rng = SplitMix64(state: 42)
        for sample in Self.samples() {
            for _ in 0..<150 {
                var bytes = sample
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    let at = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[at] = Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : 0xFF
                }
                if Bool.random(using: &rng) { bytes = Array(bytes[0..<Int.random(in: 0...bytes.count, using: &rng)]) }
                let path = try temporaryFile(bytes)
                defer { removeFile(path) }
                let opened: CaptureReader
                do {
                    opened = try CaptureReader(inputs: [.path(path)], classicPcapReader: reader)
                } catch {
                    #expect(error.kind == .notACapture || error.kind == .cannotOpen)
                    continue
                }
                let packets = readAll(opened)
                #expect(packets.count <= 3)
                #expect(opened.errors.count <= 1)
                #expect(opened.bytesRead <= Int64(bytes.count))
                #expect(packets.allSatisfy { $0.bytes.count <= Int(PcapRecordDiagnosis.maximumRecordLength) })
            }
        }
    }

    @Test("libpcap cutting a record to the file's snaplen keeps offsets right")
    func snaplenCut() throws {
        // snaplen 64 but records of 100 captured bytes: libpcap hands out 64 and skips the rest.
        var b = PcapBuilder(snapLength: 64)
        b.packet(seconds: 1, fraction: 0, data: Array(repeating: 1, count: 100), originalLength: 1500)
        b.packet(seconds: 2, fraction: 0, data: Array(repeating: 2, count: 100), originalLength: 1500)
        b.packet(seconds: 3, fraction: 0, data: Array(repeating: 3, count: 100), originalLength: 1500)
        let cut = Array(b.bytes.dropLast(10))
        let (packets, r) = try readBytes(cut, classic: .libpcap)
        #expect(packets.count == 2)
        #expect(packets.map(\.bytes.count) == [64, 64])   // libpcap: cut to the snaplen
        #expect(packets.allSatisfy { $0.originalLength == 1500 })
        #expect(r.errors.first?.offset == Int64(24 + 2 * 116))
        #expect(r.errors.first?.message == "truncated packet record at offset 256: header says 100 bytes, 90 remain")
        let (builtIn, r2) = try readBytes(cut, classic: .builtIn)
        #expect(builtIn.map(\.bytes.count) == [100, 100])   // the built-in reader keeps every captured byte
        #expect(r2.errors.map(\.message) == r.errors.map(\.message))
    }
}
