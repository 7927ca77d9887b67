/// Streaming decoder for a message body's stacked content codings (RFC 9110 §8.4).
///
/// `codings` are given in the order they were applied, as listed in `Content-Encoding`
/// (`gzip, br` means gzip first): they are undone in reverse. `identity` is skipped. Bodies arrive
/// in pieces through `feed`; `finish` marks the end of the body.
///
/// Limits and bad input: decoded output (and each intermediate layer's output) stops at
/// `maxDecodedBytes`; reaching it sets `hitCap` (a decompression bomb is truncated, never followed)
/// and later input is ignored. Corrupt or truncated input, or a coding we cannot decode
/// (`.unknown`), sets `error` and stops decoding; `decodedByteCount` keeps what was decoded before.
/// Class-backed: copies share the C stream state, so keep one owner.
package struct ContentDecoder {
    private let storage: Storage

    package init(codings: [ContentCoding], maxDecodedBytes: Int) {
        storage = Storage(codings: codings, maxDecodedBytes: max(0, maxDecodedBytes))
    }

    /// Feeds encoded bytes (borrowed for the call). Decoded bytes are counted, and appended to
    /// `output` while `output.count < retain`.
    package mutating func feed(_ bytes: UnsafeRawBufferPointer, output: inout [UInt8], retain: Int) {
        guard storage.active, !bytes.isEmpty else { return }
        storage.encodedByteCount += bytes.count
        _ = storage.push(level: 0, bytes, &output, retain)
    }

    /// End of the encoded body: flushes every layer; an incomplete stream sets `error`.
    package mutating func finish(output: inout [UInt8], retain: Int) {
        guard storage.active else { return }
        storage.finish(&output, retain)
    }

    /// Decoded bytes produced so far (at most `maxDecodedBytes`).
    package var decodedByteCount: Int { storage.decoded }
    /// True when the decoded output reached `maxDecodedBytes` and the rest was not decoded.
    package var hitCap: Bool { storage.hitCap }
    /// Why decoding stopped early (`gzip: corrupt data (...) at encoded byte 12`), or nil.
    package var error: String? { storage.error?.description }
    /// The error with its evidence, or nil.
    package var codecError: CodecError? { storage.error }
    /// Encoded bytes fed so far.
    package var encodedByteCount: Int { storage.encodedByteCount }
}

// MARK: - Storage

extension ContentDecoder {
    private final class Storage {
        /// Decoding layers, outermost coding first (reverse of the header order).
        private var stages: [DecodeStage] = []
        private var layerOutput: [Int]
        let maxDecodedBytes: Int
        var decoded = 0
        var encodedByteCount = 0
        var hitCap = false
        var error: CodecError?
        private var finished = false

        var active: Bool { !hitCap && error == nil && !finished }

        init(codings: [ContentCoding], maxDecodedBytes: Int) {
            self.maxDecodedBytes = maxDecodedBytes
            for coding in codings.reversed() {
                switch coding {
                case .identity: continue
                case .gzip: stages.append(ZlibStage(format: .gzip))
                case .deflate: stages.append(ZlibStage(format: .deflate))
                case .brotli:
                    guard let s = BrotliStage() else { error = CodecError(coding: "br", offset: 0, reason: "decoder init failed"); break }
                    stages.append(s)
                case .zstd:
                    guard let s = ZstdStage() else { error = CodecError(coding: "zstd", offset: 0, reason: "decoder init failed"); break }
                    stages.append(s)
                case .unknown(let name):
                    error = CodecError(coding: name, offset: 0, reason: "unsupported coding")
                }
                if error != nil { break }
            }
            layerOutput = Array(repeating: 0, count: stages.count)
        }

        /// Sends `bytes` into layer `level` (or the final output when past the last layer);
        /// returns false when decoding must stop (cap or error).
        func push(level: Int, _ bytes: UnsafeRawBufferPointer, _ output: inout [UInt8], _ retain: Int) -> Bool {
            if level == stages.count { return deliver(bytes, &output, retain) }
            if level > 0 {
                layerOutput[level - 1] += bytes.count
                if layerOutput[level - 1] > maxDecodedBytes { hitCap = true; return false }
            }
            do {
                return try stages[level].decode(bytes) { piece in push(level: level + 1, piece, &output, retain) }
            } catch {
                self.error = error
                return false
            }
        }

        private func deliver(_ bytes: UnsafeRawBufferPointer, _ output: inout [UInt8], _ retain: Int) -> Bool {
            let room = maxDecodedBytes - decoded
            let take = min(room, bytes.count)
            if output.count < retain {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<min(take, retain - output.count)]))
            }
            decoded += take
            if take < bytes.count || (decoded == maxDecodedBytes && take > 0 && bytes.count > take) {
                hitCap = true
                return false
            }
            return true
        }

        func finish(_ output: inout [UInt8], _ retain: Int) {
            finished = true
            for level in stages.indices {
                do {
                    try stages[level].finish { piece in push(level: level + 1, piece, &output, retain) }
                } catch {
                    self.error = error
                    return
                }
                if hitCap || self.error != nil { return }
            }
        }
    }
}
