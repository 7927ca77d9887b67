import Foundation
import Primitives
import Testing
@testable import TLS

/// Rough throughput: TLS 1.3 AES-128-GCM records through TLSConnection vs. a bare libcrypto AEAD loop
/// over the same records (the ceiling). Opt-in (CONSENTTAP_TLS_BENCH=1): figures from a debug build
/// are only indicative; the project benchmark (scripts/bench) is the reference.
@Suite("Throughput", .enabled(if: ProcessInfo.processInfo.environment["CONSENTTAP_TLS_BENCH"] == "1"))
struct ThroughputTests {
    @Test("decrypted Gbit/s, connection vs bare AEAD loop")
    func throughput() {
        let request = String(repeating: "x", count: 16_000)
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: Array(repeating: request, count: 2000))
        let keyLog = KeyLog()
        keyLog.add(text: text)
        let clock = ContinuousClock()
        var plaintextBytes = 0
        var connectionTime = Duration.seconds(1000)
        for _ in 0..<3 { plaintextBytes = 0; connectionTime = min(connectionTime, clock.measure {
            var connection = TLSConnection(keyLog: keyLog)
            for chunk in chunks {
                chunk.bytes.withUnsafeBytes { p in
                    connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet,
                                                   time: chunk.packet.time)) { plaintextBytes += $0.bytes.count }
                }
            }
        }) }
        // Ceiling: the same client application records, opened by libcrypto directly.
        let parameters = CipherSuite(rawValue: 0x1301).parameters!
        let secret = Synth.bytes(32, seed: 17)
        let key = KeyDerivation.hkdfExpandLabel(.sha256, secret: secret, label: "key", context: [], length: 16)
        let context = CipherContext(bulk: parameters.bulk, key: key)!
        let records = chunks.filter { $0.direction == .clientToServer && $0.bytes.count > 10_000 }.map(\.bytes)
        var out = [UInt8](repeating: 0, count: 20_000)
        let iv = KeyDerivation.hkdfExpandLabel(.sha256, secret: secret, label: "iv", context: [], length: 12)
        let nonces: [[UInt8]] = records.indices.map { seq in
            var nonce = iv
            for i in 0..<8 { nonce[4 + i] ^= UInt8(truncatingIfNeeded: UInt64(seq) >> (56 - 8 * UInt64(i))) }
            return nonce
        }
        var ceilingBytes = 0
        var opened = 0
        var ceilingTime = Duration.seconds(1000)
        for _ in 0..<3 { ceilingBytes = 0; opened = 0; ceilingTime = min(ceilingTime, clock.measure {
            for (seq, record) in records.enumerated() {
                record.withUnsafeBytes { r in
                    nonces[seq].withUnsafeBytes { n in
                        let length = r.count - 21
                        if context.openAEAD(nonce: n, aad: UnsafeRawBufferPointer(rebasing: r[0..<5]),
                                             ciphertext: UnsafeRawBufferPointer(rebasing: r[5..<(5 + length)]),
                                             tag: UnsafeRawBufferPointer(rebasing: r[(5 + length)...]), into: &out) { opened += 1 }
                        ceilingBytes += length
                    }
                }
            }
        }) }
        // Middle layer: RecordCipher alone over the same records.
        var recordBytes = 0
        var recordTime = Duration.seconds(1000)
        for _ in 0..<3 { recordBytes = 0; var cipher = TLSConnection.tls13Cipher(parameters, secret: secret)!; recordTime = min(recordTime, clock.measure {
            for record in records {
                record.withUnsafeBytes { r in
                    if case .opened(_, let length) = cipher.open(type: 23, version: 0x0303, fragment: UnsafeRawBufferPointer(rebasing: r[5...]), into: &out) {
                        recordBytes += length
                    }
                }
            }
        }) }
        func gbps(_ bytes: Int, _ d: Duration) -> Double {
            Double(bytes) * 8 / (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) / 1e9
        }
        let c = gbps(plaintextBytes, connectionTime), b = gbps(ceilingBytes, ceilingTime)
        print("TLS throughput: RecordCipher \(String(format: "%.2f", gbps(recordBytes, recordTime))) Gbit/s")
        print("TLS throughput: connection \(String(format: "%.2f", c)) Gbit/s, bare AEAD loop \(String(format: "%.2f", b)) Gbit/s, ratio \(String(format: "%.2f", c / b))")
        #expect(plaintextBytes >= 2000 * 16_000)
        #expect(opened == records.count)
    }
}
