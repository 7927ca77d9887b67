import Primitives
import Testing
@testable import TLS

@Suite("Gap resynchronisation")
struct GapResyncTests {
    static let requests = (1...6).map { "GET /r\($0) HTTP/1.1\r\nHost: x\r\n\r\n" }

    /// Feeds chunks; `drop` maps a chunk index to how many of its leading bytes are lost (Int.max = all),
    /// reported as the gap of the next bytes of that direction.
    static func run(_ chunks: [CapturedFlow.Chunk], keyLog: KeyLog, drop: [Int: Int], unknownGapSize: Bool = false)
        -> (c2s: [UInt8], gaps: [Int], connection: TLSConnection) {
        var connection = TLSConnection(keyLog: keyLog)
        var c2s: [UInt8] = []
        var gaps: [Int] = []
        var pendingGap = [0, 0]
        for (n, chunk) in chunks.enumerated() {
            let d = chunk.direction == .clientToServer ? 0 : 1
            var bytes = chunk.bytes
            if let lost = drop[n] {
                let cut = min(lost, bytes.count)
                pendingGap[d] += cut
                bytes.removeFirst(cut)
                if bytes.isEmpty { continue }
            }
            let gap = pendingGap[d] == 0 ? 0 : (unknownGapSize ? Int.max : pendingGap[d])
            pendingGap[d] = 0
            bytes.withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, gapBefore: gap, firstPacket: chunk.packet,
                                               time: chunk.packet.time)) { out in
                    if out.direction == .clientToServer {
                        c2s += Array(out.bytes)
                        gaps.append(out.gapBefore)
                    }
                }
            }
        }
        return (c2s, gaps, connection)
    }

    static func keyLog(_ text: String) -> KeyLog {
        let log = KeyLog()
        log.add(text: text)
        return log
    }

    @Test("TLS 1.3: a whole lost record; decryption resumes at the next one, which reports the gap",
          arguments: [false, true])
    func lostRecord(_ unknownSize: Bool) {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        // Client application records are chunks 5, 7, 9...: lose the second one (GET /r2).
        let (c2s, gaps, connection) = Self.run(chunks, keyLog: Self.keyLog(text), drop: [7: Int.max], unknownGapSize: unknownSize)
        let expected = Self.requests.enumerated().filter { $0.offset != 1 }.map(\.element).joined()
        #expect(c2s == Array(expected.utf8))
        #expect(gaps == [0, Int.max, 0, 0, 0])
        #expect(connection.counters["tls_gap_resynchronised"] == 1)
        #expect(connection.metadata.notDecryptedReason == "gap")
    }

    @Test("TLS 1.3: the gap ends inside a record; the scan finds the next header and skips two sequence numbers")
    func gapInsideRecord() {
        let (chunks, text) = Synth.tls13(suite: 0x1303, requests: Self.requests)
        var merged = chunks
        // Lose record r2 entirely and the first 9 bytes of r3: the bytes after the gap start mid-record.
        merged[9].bytes = merged[9].bytes + merged[11].bytes
        merged.remove(at: 11)
        let (c2s, gaps, connection) = Self.run(merged, keyLog: Self.keyLog(text), drop: [7: Int.max, 9: 9])
        let expected = [0, 3, 4, 5].map { Self.requests[$0] }.joined()
        #expect(c2s == Array(expected.utf8))
        #expect(gaps.first == 0)
        #expect(gaps.dropFirst().first == Int.max)
        #expect(connection.counters["tls_gap_resynchronised"] == 1)
    }

    @Test("TLS 1.2 AES-GCM and CBC: resynchronises after a lost record", arguments: [(UInt16(0xC02F), false), (0xC013, true), (0xC014, false)])
    func tls12(_ item: (UInt16, Bool)) {
        let (chunks, text) = Synth.tls12(suite: item.0, requests: Self.requests, encryptThenMAC: item.1)
        // TLS 1.2 synth: 0 CH, 1 SH..., 2 client CKE/CCS/Finished, 3 server CCS/Finished, then request/response pairs.
        let (c2s, _, connection) = Self.run(chunks, keyLog: Self.keyLog(text), drop: [6: Int.max])
        let expected = Self.requests.enumerated().filter { $0.offset != 1 }.map(\.element).joined()
        #expect(c2s == Array(expected.utf8))
        #expect(connection.counters["tls_gap_resynchronised"] == 1)
    }

    @Test("a gap during the handshake stops the direction; nothing false is emitted")
    func handshakeGap() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        let (c2s, _, connection) = Self.run(chunks, keyLog: Self.keyLog(text), drop: [3: 20])
        #expect(c2s.isEmpty)
        #expect(connection.metadata.notDecryptedReason == "gap")
        #expect(connection.counters["tls_gap_resynchronised"] == 0)
    }

    @Test("garbage after a gap never matches: the window is bounded and the failure counted")
    func garbage() {
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Self.requests)
        var withGarbage = Array(chunks.prefix(6))
        // Fake headers (17 03 03 len) followed by noise that cannot authenticate.
        var noise: [UInt8] = []
        for n in 0..<5000 { noise += [0x17, 0x03, 0x03, 0x00, 0x20] + Synth.bytes(32, seed: UInt8(n % 200)) }
        withGarbage.append(.init(direction: .clientToServer, bytes: noise, packet: chunks[5].packet))
        let (c2s, _, connection) = Self.run(withGarbage, keyLog: Self.keyLog(text), drop: [6: 3])
        #expect(c2s == Array(Self.requests[0].utf8))
        #expect(connection.counters["tls_gap_resync_failed"] == 1)
    }
}
