import Primitives
import Codecs
import NIOCore
import NIOHPACK

/// One HTTP/2 connection as seen by an observer: both directions, every stream, HPACK state per direction.
///
/// Feed reassembled chunks of both directions in capture order. Client-initiated streams become
/// `HTTP2StreamRecord`s, emitted when the request has ended and its final response head was seen (or
/// when the stream is reset, or the connection ends). Every header block is decoded, trailers and
/// PUSH_PROMISE included, so the HPACK dynamic tables stay in step with the endpoints'.
///
/// Entry: `.expectPreface` for prior knowledge / ALPN h2 (the client sends the RFC 9113 §3.4 preface);
/// `upgradedFromHTTP1` for `Upgrade: h2c` (stream 1 is the HTTP/1.1 request, already reported, so its
/// HTTP/2 response is not reported again).
/// A gap breaks framing and HPACK: the connection stops, open streams are emitted with `gaps`.
package struct HTTP2Connection {
    private var readers = [HTTP2FrameReader(), HTTP2FrameReader()]
    private var hpack: [HPACKDecoder]
    private var prefaceLeft: Int
    private var streams: [UInt32: StreamState] = [:]
    /// Header block being assembled per direction (HEADERS/PUSH_PROMISE then CONTINUATION).
    private var pendingBlock: [PendingBlock?] = [nil, nil]
    private var stopped: String?
    private let limits: HTTP2Limits
    private let upgraded: Bool
    private let allocator = ByteBufferAllocator()

    package init(limits: HTTP2Limits = HTTP2Limits(), upgradedFromHTTP1: Bool = false) {
        self.limits = limits
        self.upgraded = upgradedFromHTTP1
        prefaceLeft = HTTP2Preface.bytes.count
        readers = [HTTP2FrameReader(maxBufferedFrame: limits.maxBufferedFrame),
                   HTTP2FrameReader(maxBufferedFrame: limits.maxBufferedFrame)]
        let decoder = HPACKDecoder(allocator: ByteBufferAllocator(), maxDynamicTableSize: HPACKDecoder.maxDynamicTableSize,
                                   maxHeaderListSize: limits.maxHeaderListSize)
        hpack = [decoder, decoder]
    }

    /// The first packet of the oldest request not yet emitted.
    package var earliestPendingRequest: PacketRef? {
        streams.values.lazy.filter { $0.record.method != nil }.map(\.record.firstPacket).min()
    }

    /// Why the connection stopped being parsed, if it did.
    package var stopReason: String? { stopped }

    package mutating func receive(_ chunk: StreamChunk, events: inout [HTTP2Event]) {
        guard stopped == nil else { return }
        if chunk.gapBefore > 0 {
            stop("http2_gap", events: &events)
            return
        }
        var bytes = chunk.bytes
        let side = chunk.direction == .clientToServer ? 0 : 1
        if side == 0, prefaceLeft > 0 {
            let offset = HTTP2Preface.bytes.count - prefaceLeft
            let n = min(prefaceLeft, bytes.count)
            for i in 0..<n where bytes[i] != HTTP2Preface.bytes[offset + i] {
                stop("http2_bad_preface", events: &events)
                return
            }
            prefaceLeft -= n
            bytes = UnsafeRawBufferPointer(rebasing: bytes[n...])
        }
        guard !bytes.isEmpty else { return }
        var reader = readers[side]
        readers[side] = HTTP2FrameReader(maxBufferedFrame: 0)  // moved out: the reader's buffer stays uniquely owned
        reader.feed(bytes, packet: chunk.firstPacket) { event in
            self.handle(event, side: side, events: &events)
        }
        readers[side] = reader
        if readers[side].failed != nil, stopped == nil {
            stop("http2_frame_error", events: &events)
        }
    }

    /// The connection ended: every stream still open is emitted as it stands.
    package mutating func finish(events: inout [HTTP2Event]) {
        emitAll(gaps: false, events: &events)
    }

    // MARK: - Frames

    private mutating func handle(_ event: HTTP2FrameEvent, side: Int, events: inout [HTTP2Event]) {
        guard stopped == nil else { return }
        switch event {
        case .data(let id, let bytes, _):
            guard side == 0, let state = streams[id] else { return }
            state.body.feed(bytes, limits: limits)
        case .dataEnd(let header):
            if side == 0, header.has(HTTP2Flags.endStream) { endRequest(header.streamID, events: &events) }
            if side == 1, header.has(HTTP2Flags.endStream) { streams[header.streamID]?.responseEnded = true }
        case .oversized(let header):
            events.append(.anomaly("http2_oversized_frame"))
            if header.type == .headers || header.type == .continuation || header.type == .pushPromise {
                stop("http2_header_block_lost", events: &events)
            }
        case .frame(let header, let payload, let startedIn):
            frame(header, payload: payload, startedIn: startedIn, side: side, events: &events)
        }
    }

    private mutating func frame(_ header: HTTP2FrameHeader, payload: UnsafeRawBufferPointer, startedIn: PacketRef,
                                side: Int, events: inout [HTTP2Event]) {
        if pendingBlock[side] != nil, header.type != .continuation {
            events.append(.anomaly("http2_continuation_expected"))
            stop("http2_header_block_lost", events: &events)
            return
        }
        switch header.type {
        case .headers:
            guard let fragment = HTTP2Connection.headerBlockFragment(header, payload) else {
                events.append(.anomaly("http2_bad_headers_frame"))
                return stop("http2_header_block_lost", events: &events)
            }
            startBlock(PendingBlock(kind: .headers, header: header, startedIn: startedIn, bytes: Array(fragment)),
                       side: side, events: &events)
        case .pushPromise:
            guard let fragment = HTTP2Connection.pushPromiseFragment(header, payload) else {
                events.append(.anomaly("http2_bad_push_promise"))
                return stop("http2_header_block_lost", events: &events)
            }
            startBlock(PendingBlock(kind: .pushPromise, header: header, startedIn: startedIn, bytes: Array(fragment)),
                       side: side, events: &events)
        case .continuation:
            guard var pending = pendingBlock[side], pending.header.streamID == header.streamID else {
                events.append(.anomaly("http2_unexpected_continuation"))
                return stop("http2_header_block_lost", events: &events)
            }
            guard pending.bytes.count + payload.count <= limits.maxHeaderBlock else {
                events.append(.anomaly("http2_header_block_cap"))
                return stop("http2_header_block_lost", events: &events)
            }
            pending.bytes.append(contentsOf: payload)
            pending.endHeaders = header.has(HTTP2Flags.endHeaders)
            pendingBlock[side] = pending
            if pending.endHeaders {
                pendingBlock[side] = nil
                completeBlock(pending, side: side, events: &events)
            }
        case .rstStream:
            // A client's reset may cross the server's response on the wire (the response still counts);
            // a server's reset ends the stream.
            if let state = streams[header.streamID] {
                state.record.anomalies.append(side == 0 ? "stream_reset_by_client" : "stream_reset_by_server")
                state.requestEnded = true
                if side == 1 || state.record.status != nil { emit(header.streamID, events: &events) }
            }
        case .settings:
            applySettings(header, payload, from: side)
        case .goAway, .ping, .windowUpdate, .priority:
            return
        default:
            return  // unknown frame types are ignored (RFC 9113 §4.1)
        }
    }

    /// SETTINGS_HEADER_TABLE_SIZE (RFC 9113 §6.5.2) from one side bounds the dynamic table the *other*
    /// side's encoder may use (RFC 7541 §4.2), so it raises or lowers that direction's decoder limit.
    private mutating func applySettings(_ header: HTTP2FrameHeader, _ payload: UnsafeRawBufferPointer, from side: Int) {
        guard !header.has(HTTP2Flags.ack), payload.count % 6 == 0 else { return }
        var offset = 0
        while offset + 6 <= payload.count {
            let id = payload.loadBigEndianUInt16(at: offset)
            let value = Int(payload.loadBigEndianUInt32(at: offset + 2))
            if id == 0x1 { hpack[1 - side].maxDynamicTableLength = min(value, limits.maxDynamicTableSize) }
            offset += 6
        }
    }

    private mutating func startBlock(_ block: PendingBlock, side: Int, events: inout [HTTP2Event]) {
        var block = block
        block.endHeaders = block.header.has(HTTP2Flags.endHeaders)
        if block.endHeaders { completeBlock(block, side: side, events: &events) } else { pendingBlock[side] = block }
    }

    private mutating func completeBlock(_ block: PendingBlock, side: Int, events: inout [HTTP2Event]) {
        var buffer = allocator.buffer(capacity: block.bytes.count)
        buffer.writeBytes(block.bytes)
        let fields: [HTTP2HeaderField]
        do {
            let decoded = try hpack[side].decodeHeaders(from: &buffer)
            fields = decoded.map { HTTP2HeaderField(name: $0.name, value: $0.value) }
        } catch {
            events.append(.anomaly("http2_hpack_error"))
            return stop("http2_header_block_lost", events: &events)
        }
        guard block.kind == .headers else { return }  // PUSH_PROMISE: decoded for HPACK sync only
        let id = block.header.streamID
        if side == 0 {
            requestHeaders(id, fields: fields, block: block, events: &events)
        } else {
            responseHeaders(id, fields: fields, block: block, events: &events)
        }
    }

    // MARK: - Streams

    private mutating func requestHeaders(_ id: UInt32, fields: [HTTP2HeaderField], block: PendingBlock,
                                         events: inout [HTTP2Event]) {
        if let state = streams[id] {
            // Trailers (RFC 9113 §8.1): kept with the request's headers.
            state.record.headers.append(contentsOf: fields)
        } else {
            if upgraded, id == 1 { return }
            if streams.count >= limits.maxOpenStreams, let oldest = streams.min(by: { $0.value.record.firstPacket < $1.value.record.firstPacket })?.key {
                events.append(.anomaly("http2_stream_cap"))
                emit(oldest, events: &events)
            }
            let state = StreamState(id: id, firstPacket: block.startedIn, fields: fields, limits: limits)
            streams[id] = state
        }
        if block.header.has(HTTP2Flags.endStream) { endRequest(id, events: &events) }
    }

    private mutating func responseHeaders(_ id: UInt32, fields: [HTTP2HeaderField], block: PendingBlock,
                                          events: inout [HTTP2Event]) {
        guard let state = streams[id] else { return }
        if let text = fields.first(where: { $0.name == ":status" })?.value, let status = Int(text) {
            if status >= 200 || status < 100 { state.record.status = status }
        }
        if state.record.status != nil, state.requestEnded { emit(id, events: &events) }
    }

    private mutating func endRequest(_ id: UInt32, events: inout [HTTP2Event]) {
        guard let state = streams[id] else { return }
        state.requestEnded = true
        if state.record.status != nil { emit(id, events: &events) }
    }

    private mutating func emit(_ id: UInt32, events: inout [HTTP2Event]) {
        guard let state = streams.removeValue(forKey: id) else { return }
        events.append(.request(state.finishedRecord()))
    }

    private mutating func emitAll(gaps: Bool, events: inout [HTTP2Event]) {
        let ordered = streams.keys.sorted()
        for id in ordered {
            if gaps { streams[id]?.record.gaps = true }
            emit(id, events: &events)
        }
    }

    private mutating func stop(_ reason: String, events: inout [HTTP2Event]) {
        stopped = reason
        events.append(.anomaly(reason))
        emitAll(gaps: true, events: &events)
    }

    // MARK: - Frame payloads (RFC 9113 §6.2, §6.6)

    /// The header block fragment of a HEADERS frame: padding and priority fields removed.
    static func headerBlockFragment(_ header: HTTP2FrameHeader, _ payload: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence? {
        var start = 0, end = payload.count
        if header.has(HTTP2Flags.padded) {
            guard payload.count >= 1 else { return nil }
            start = 1
            end -= Int(payload[0])
        }
        if header.has(HTTP2Flags.priority) { start += 5 }
        guard start <= end else { return nil }
        return payload[start..<end]
    }

    /// The header block fragment of a PUSH_PROMISE frame: padding and promised stream id removed.
    static func pushPromiseFragment(_ header: HTTP2FrameHeader, _ payload: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer.SubSequence? {
        var start = 0, end = payload.count
        if header.has(HTTP2Flags.padded) {
            guard payload.count >= 1 else { return nil }
            start = 1
            end -= Int(payload[0])
        }
        start += 4
        guard start <= end else { return nil }
        return payload[start..<end]
    }
}

/// A header block being assembled.
private struct PendingBlock {
    enum Kind { case headers, pushPromise }
    var kind: Kind
    var header: HTTP2FrameHeader
    var startedIn: PacketRef
    var bytes: [UInt8]
    var endHeaders = false
}
