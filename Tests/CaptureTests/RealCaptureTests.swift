import Foundation
import Primitives
import Testing
@testable import Capture

/// Every capture under ../shared/captures opens and yields what tshark counted.
@Suite("Real captures from ../shared/captures")
struct RealCaptureTests {
    /// (path, expect.json or nil) for external/*.pcap, *.pcapng and sdk/*.pcap.
    private func captures() throws -> [(path: String, expect: [String: Any]?)] {
        let fm = FileManager.default
        var out: [(String, [String: Any]?)] = []
        for folder in ["external", "sdk"] {
            let dir = sharedCaptures.appendingPathComponent(folder)
            let names = try #require(try? fm.contentsOfDirectory(atPath: dir.path),
                                     "shared captures missing at \(dir.path): these tests need ../shared/captures")
            for name in names.sorted() where name.hasSuffix(".pcap") || name.hasSuffix(".pcapng") {
                let path = dir.appendingPathComponent(name).path
                var expect: [String: Any]?
                if let data = fm.contents(atPath: path + ".expect.json") {
                    expect = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                }
                out.append((path, expect))
            }
        }
        return out
    }

    @Test("every capture yields tshark's packet_count with the right link types")
    func packetCounts() throws {
        let all = try captures()
        #expect(all.filter { $0.path.contains("/external/") }.count >= 50)
        #expect(all.filter { $0.path.contains("/sdk/") }.count >= 6)
        for (path, expect) in all {
            let reader = try CaptureReader(paths: [path])
            let packets = readAll(reader)
            #expect(reader.errors.isEmpty, "\(path): \(reader.errors)")
            if path.contains("/external/") {
                let expected = try #require(expect, "\(path) has no .expect.json")
                let count = try #require(expected["packet_count"] as? Int)
                #expect(packets.count == count, "\(path)")
                let dlts = Set(((expected["link_types"] as? [[String: Any]]) ?? []).compactMap { $0["dlt"] as? Int })
                #expect(Set(packets.map { Int($0.linkType) }) == dlts, "\(path)")
            } else {
                #expect(packets.count > 0, "\(path)")
                #expect(Set(packets.map(\.linkType)).count == 1, "\(path)")
            }
            #expect(reader.bytesRead == reader.totalBytes, "\(path)")
            #expect(packets.allSatisfy { $0.bytes.count <= $0.originalLength }, "\(path)")
        }
    }

    @Test("libpcap and the built-in reader agree packet for packet on every classic pcap")
    func readersAgree() throws {
        for (path, _) in try captures() where path.hasSuffix(".pcap") {
            let viaLibpcap = readAll(try CaptureReader(inputs: [.path(path)], classicPcapReader: .libpcap))
            let builtIn = readAll(try CaptureReader(inputs: [.path(path)], classicPcapReader: .builtIn))
            #expect(viaLibpcap == builtIn, "\(path)")
        }
    }

    @Test("every real capture reads the same through a pipe as by path")
    func pipedEqualsPath() throws {
        for (path, _) in try captures() {
            let byPath = readAll(try CaptureReader(paths: [path]))
            let bytes = try #require(FileManager.default.contents(atPath: path).map { Array($0) })
            let (fd, _) = try CaptureReaderTests.pipe(bytes, chunk: 1500)
            defer { close(fd) }
            let reader = try CaptureReader(fileDescriptors: [fd])
            #expect(readAll(reader) == byPath, "\(path)")
            #expect(reader.errors.isEmpty, "\(path)")
        }
    }

    @Test("pcapng with if_tsresol 9 gives the EPB's nanosecond timestamp")
    func pcapngTimestamps() throws {
        // The IDB of this file carries if_tsresol = 9; the first EPB has ts high 0x1802b5b6 and
        // ts low 0xa3cb66b1: 0x1802b5b6a3cb66b1 ns = 2024-10-28T19:50:02.900383409Z.
        let path = sharedCaptures.appendingPathComponent("external/pcapng-dvwa-http.pcapng").path
        let reader = try CaptureReader(paths: [path])
        let packets = readAll(reader)
        let first = try #require(packets.first)
        #expect(first.nanoseconds == 1_730_145_002_900_383_409)
        #expect(Timestamp(nanoseconds: first.nanoseconds).rfc3339 == "2024-10-28T19:50:02.900383Z")
        #expect(first.bytes.count == 0x42 && first.originalLength == 0x42)
        #expect(zip(packets, packets.dropFirst()).allSatisfy { $0.nanoseconds <= $1.nanoseconds })
        #expect(reader.decryptionSecrets.isEmpty)
    }

    @Test("a DSB injected into a real TLS 1.3 pcapng gives back its .keys lines, packets unchanged")
    func injectedSecrets() throws {
        // The shared pcapng files carry no DSB; build one like `editcap --inject-secrets tls,KEYS`
        // does: SHB, IDB, then the DSB, then the original packet blocks.
        let path = sharedCaptures.appendingPathComponent("external/tls13-aes256-http1.pcapng").path
        let original = try #require(FileManager.default.contents(atPath: path).map { Array($0) })
        let keys = try String(contentsOfFile: path + ".keys", encoding: .utf8)
        let keyLines = keys.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
        #expect(keyLines.count >= 5)
        // Offsets of the first two blocks (SHB, IDB) in this little-endian file.
        let shbLength = Int(original[4]) | Int(original[5]) << 8 | Int(original[6]) << 16 | Int(original[7]) << 24
        let idbLength = Int(original[shbLength + 4]) | Int(original[shbLength + 5]) << 8
        let head = Array(original[0..<(shbLength + idbLength)])
        var dsb = PcapngBuilder()
        dsb.decryptionSecrets(text: keys)
        let injected = head + dsb.bytes + Array(original[(shbLength + idbLength)...])

        let plain = readAll(try CaptureReader(paths: [path]))
        let (packets, reader) = try readBytes(injected)
        #expect(packets == plain)
        #expect(reader.errors.isEmpty)
        #expect(reader.decryptionSecrets == keyLines)
    }
}
