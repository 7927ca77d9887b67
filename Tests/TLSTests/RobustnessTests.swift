import Primitives
import Testing
@testable import TLS

/// Mutated and random input never traps, hangs or emits unauthenticated plaintext.
@Suite("Robustness")
struct RobustnessTests {
    @Test("mutated ClientHellos parse or throw; JA4 of whatever parses is well-formed")
    func mutatedClientHello() {
        var rng = SplitMix(seed: 42)
        let original = TLSConnectionTests.rfcClientHello
        for _ in 0..<3000 {
            var message = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                message[4 + Int(rng.next() % UInt64(message.count - 4))] = UInt8(truncatingIfNeeded: rng.next())
            }
            if let hello = try? HelloTests.clientHello(message) {
                let ja4 = JA4.fingerprint(hello)
                #expect(ja4.split(separator: "_").count == 3)
            }
        }
    }

    @Test("mutated connections in random splits: no trap, and plaintext only from authentic records")
    func mutatedFlows() {
        var rng = SplitMix(seed: 9)
        let (chunks, text) = Synth.tls13(suite: 0x1301, requests: TLSConnectionTests.requests)
        let (chunks12, text12) = Synth.tls12(suite: 0xC013, requests: TLSConnectionTests.requests, encryptThenMAC: false)
        let keys = KeyLog()
        keys.add(text: text + "\n" + text12)
        let allowed = Array(TLSConnectionTests.requests.joined().utf8)
        for flow in [chunks, chunks12] {
            for round in 0..<150 {
                var mutated = flow
                let n = Int(rng.next() % UInt64(mutated.count))
                if !mutated[n].bytes.isEmpty {
                    mutated[n].bytes[Int(rng.next() % UInt64(mutated[n].bytes.count))] ^= UInt8(1 + rng.next() % 255)
                }
                let run = runTLS(mutated, keyLog: keys, split: .random(seed: UInt64(round)))
                // Whatever comes out is a prefix-preserving subsequence of the true requests: never forged bytes.
                let c2s = run.plaintext[.clientToServer]!
                #expect(c2s.count <= allowed.count)
                #expect(allowed.starts(with: c2s))
            }
        }
    }

    @Test("random bytes as a TLS stream, both directions")
    func randomBytes() {
        var rng = SplitMix(seed: 5)
        for _ in 0..<200 {
            var connection = TLSConnection(keyLog: KeyLog())
            for k in 0..<6 {
                var bytes = (0..<Int(rng.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                if k == 0, !bytes.isEmpty { bytes[0] = 0x16 }
                if k == 0, bytes.count > 2 { bytes[1] = 3; bytes[2] = 1 }
                bytes.withUnsafeBytes { p in
                    connection.receive(StreamChunk(direction: k % 2 == 0 ? .clientToServer : .serverToClient, bytes: p,
                                                   firstPacket: PacketRef(time: .zero, index: UInt64(k)), time: .zero)) { _ in
                        Issue.record("no plaintext from random bytes")
                    }
                }
            }
            _ = connection.metadata
        }
    }
}
