import Primitives
@testable import TLS

/// Bytes from hex text; whitespace ignored.
func hex(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }
    precondition(digits.count % 2 == 0, "odd hex")
    var out: [UInt8] = []
    var i = 0
    while i < digits.count {
        out.append(UInt8(String(digits[i...i + 1]), radix: 16)!)
        i += 2
    }
    return out
}

/// What a TLSConnection produced for a flow.
struct TLSRun {
    var metadata: TLSMetadata
    var counters: CounterSet
    var plaintext: [Direction: [UInt8]] = [.clientToServer: [], .serverToClient: []]
    var plaintextChunks = 0
    var gapsReported = 0
}

/// How to cut each captured chunk before feeding it.
enum Split {
    case whole
    case bytewise
    case random(seed: UInt64)
}

/// Feeds chunks (in order) to a new connection, split as asked, and collects plaintext.
func runTLS(_ chunks: [CapturedFlow.Chunk], keyLog: KeyLog, split: Split = .whole,
            beforeEach: ((Int, inout TLSConnection) -> Void)? = nil) -> TLSRun {
    var connection = TLSConnection(keyLog: keyLog)
    var plaintext: [Direction: [UInt8]] = [.clientToServer: [], .serverToClient: []]
    var count = 0, gaps = 0
    var rng = SplitMix(seed: 1)
    if case .random(let seed) = split { rng = SplitMix(seed: seed) }
    let collect: (StreamChunk) -> Void = { chunk in
        plaintext[chunk.direction, default: []] += Array(chunk.bytes)
        count += 1
        if chunk.gapBefore != 0 { gaps += 1 }
    }
    for (n, chunk) in chunks.enumerated() {
        beforeEach?(n, &connection)
        var pieces: [ArraySlice<UInt8>] = []
        switch split {
        case .whole: pieces = [chunk.bytes[...]]
        case .bytewise: pieces = chunk.bytes.indices.map { chunk.bytes[$0...$0] }
        case .random:
            var start = 0
            while start < chunk.bytes.count {
                let n = 1 + Int(rng.next() % UInt64(max(1, min(chunk.bytes.count - start, 700))))
                pieces.append(chunk.bytes[start..<min(chunk.bytes.count, start + n)])
                start += n
            }
        }
        for piece in pieces {
            Array(piece).withUnsafeBytes { p in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: p, firstPacket: chunk.packet,
                                               time: chunk.packet.time), plaintext: collect)
            }
        }
    }
    return TLSRun(metadata: connection.metadata, counters: connection.counters, plaintext: plaintext,
                  plaintextChunks: count, gapsReported: gaps)
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    func contains(ascii needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard n.count <= count, !n.isEmpty else { return n.isEmpty }
        for i in 0...(count - n.count) where self[i] == n[0] && Array(self[i..<(i + n.count)]) == n { return true }
        return false
    }

    func hasPrefix(ascii prefix: String) -> Bool { starts(with: Array(prefix.utf8)) }
}
