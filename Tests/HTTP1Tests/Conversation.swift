import Foundation
import Primitives
@testable import HTTP1

/// A scripted connection: `>>>` opens a client chunk, `<<<` a server chunk (libhtp test style).
///
/// Inside a chunk every fixture newline is sent as CRLF; `\n` and `\r` (written literally, use raw
/// strings) send a bare LF / CR; a line ending in `\` is joined to the next without a line end.
/// `>>> gap=N` / `<<< gap=N` marks N bytes missing before the chunk (`gap=unknown`: Int.max).
struct Conversation {
    struct Chunk {
        var direction: Direction
        var bytes: [UInt8]
        var gap: Int
    }

    var chunks: [Chunk] = []

    init(_ script: String) {
        var current: Chunk?
        var pendingNewline = false
        for rawLine in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix(">>>") || line.hasPrefix("<<<") {
                if pendingNewline { current?.bytes += [13, 10] }
                if let c = current { chunks.append(c) }
                var gap = 0
                if let r = line.range(of: "gap=") {
                    let v = line[r.upperBound...]
                    gap = v == "unknown" ? Int.max : Int(v) ?? 0
                }
                current = Chunk(direction: line.hasPrefix(">>>") ? .clientToServer : .serverToClient, bytes: [], gap: gap)
                pendingNewline = false
                continue
            }
            guard current != nil else { continue }
            if pendingNewline { current!.bytes += [13, 10] }
            var text = line
            let join = text.hasSuffix("\\") && !text.hasSuffix("\\\\")
            if join { text.removeLast() }
            current!.bytes += text.escapedBytes()
            pendingNewline = !join
        }
        if pendingNewline { current?.bytes += [13, 10] }
        if let c = current { chunks.append(c) }
    }

    init(chunks: [Chunk]) { self.chunks = chunks }
}

extension String {
    /// UTF-8 bytes with `\n`, `\r`, `\\` and `\xHH` escapes resolved.
    fileprivate func escapedBytes() -> [UInt8] {
        let b = Array(utf8)
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == 0x5C, i + 1 < b.count {
                switch b[i + 1] {
                case UInt8(ascii: "n"): out.append(10); i += 2; continue
                case UInt8(ascii: "r"): out.append(13); i += 2; continue
                case 0x5C: out.append(0x5C); i += 2; continue
                case UInt8(ascii: "x") where i + 3 < b.count:
                    if let v = UInt8(String(decoding: b[i + 2...i + 3], as: UTF8.self), radix: 16) {
                        out.append(v); i += 4; continue
                    }
                default: break
                }
            }
            out.append(b[i])
            i += 1
        }
        return out
    }
}

/// How a conversation is cut before feeding: the drip-feed shapes.
enum Split: CustomStringConvertible, CaseIterable {
    case whole, oneByte, random1, random2

    var description: String {
        switch self {
        case .whole: "whole"
        case .oneByte: "one byte at a time"
        case .random1: "random pieces of 1-7"
        case .random2: "random pieces of 1-40"
        }
    }

    /// Piece sizes for a chunk of `count` bytes.
    func pieces(_ count: Int, seed: inout UInt64) -> [Int] {
        switch self {
        case .whole: return [count]
        case .oneByte: return Array(repeating: 1, count: count)
        case .random1, .random2:
            var out: [Int] = []
            var left = count
            while left > 0 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let n = min(left, Int((seed >> 33) % (self == .random1 ? 7 : 40)) + 1)
                out.append(n)
                left -= n
            }
            return out
        }
    }
}

extension HTTP1Limits {
    /// Default limits with response bodies tracked.
    static var withResponseBodies: HTTP1Limits {
        var l = HTTP1Limits()
        l.trackResponseBodies = true
        return l
    }
}

/// Feeds a conversation into a fresh connection cut as `split`, then finishes it.
func run(_ conversation: Conversation, split: Split = .whole, limits: HTTP1Limits = HTTP1Limits())
    -> (events: [HTTP1Event], connection: HTTP1Connection) {
    var connection = HTTP1Connection(limits: limits)
    var events: [HTTP1Event] = []
    var seed: UInt64 = split == .random1 ? 42 : 7
    for (i, chunk) in conversation.chunks.enumerated() {
        let packet = PacketRef(time: Timestamp(nanoseconds: Int64(i) * 1_000), index: UInt64(i))
        if chunk.bytes.isEmpty {
            chunk.bytes.withUnsafeBytes { b in
                connection.receive(StreamChunk(direction: chunk.direction, bytes: b, gapBefore: chunk.gap,
                                               firstPacket: packet, time: packet.time), events: &events)
            }
            continue
        }
        var offset = 0
        for (p, n) in split.pieces(chunk.bytes.count, seed: &seed).enumerated() {
            chunk.bytes.withUnsafeBytes { all in
                let piece = UnsafeRawBufferPointer(rebasing: all[offset..<offset + n])
                connection.receive(StreamChunk(direction: chunk.direction, bytes: piece, gapBefore: p == 0 ? chunk.gap : 0,
                                               firstPacket: packet, time: packet.time), events: &events)
            }
            offset += n
        }
    }
    connection.finish(events: &events)
    return (events, connection)
}

/// The requests among the events.
func requests(_ events: [HTTP1Event]) -> [HTTPRequestRecord] {
    events.compactMap { if case .request(let r) = $0 { r } else { nil } }
}

/// A canonical text of every event, to compare runs with different splits.
func describe(_ events: [HTTP1Event]) -> [String] {
    events.map { event in
        switch event {
        case .anomaly(let a): return "anomaly \(a)"
        case .protocolSwitch(let to, let i): return "switch \(to) \(i)"
        case .request(let r):
            func body(_ b: HTTPBodyInfo?) -> String {
                guard let b else { return "nil" }
                return "\(b.transferLength)/\(b.decodedLength)/\(b.decodedBytes.count)/\(b.contentEncoding ?? "-")/\(b.decompressionBomb)/\(b.decodeError ?? "-")/\(b.truncated)"
            }
            let headers = r.headers.map { "\($0.name)=\($0.value)" }.joined(separator: ";")
            return "request \(r.firstPacket.index) \(r.method) \(r.target) \(r.version) host=\(r.host ?? "nil") "
                + "ct=\(r.contentType ?? "nil") status=\(r.status.map(String.init) ?? "nil") body=\(body(r.body)) "
                + "resp=\(body(r.responseBody)) gaps=\(r.gaps) anomalies=\(r.anomalies) connect=\(r.connectTarget ?? "nil") "
                + "headers=\(headers)"
        }
    }
}

/// Runs every split and checks they all give the events of the whole run; returns those events.
func runAllSplits(_ conversation: Conversation, limits: HTTP1Limits = HTTP1Limits(),
                  sourceLocation: SourceLocation = #_sourceLocation) -> [HTTP1Event] {
    let reference = run(conversation, split: .whole, limits: limits).events
    let expected = describe(reference)
    for split in Split.allCases where split != .whole {
        let got = describe(run(conversation, split: split, limits: limits).events)
        #expect(got == expected, "split \(split) differs", sourceLocation: sourceLocation)
    }
    return reference
}

import Testing
