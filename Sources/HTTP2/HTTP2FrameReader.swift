import Primitives

/// What the frame reader hands on, in order, for one direction.
package enum HTTP2FrameEvent {
    /// A complete non-DATA frame; `payload` is borrowed for the call (padding not yet removed).
    case frame(HTTP2FrameHeader, payload: UnsafeRawBufferPointer, startedIn: PacketRef)
    /// Part of a DATA frame's content (padding already removed), streamed as it arrives.
    case data(streamID: UInt32, bytes: UnsafeRawBufferPointer, packet: PacketRef)
    /// The DATA frame that was being streamed is complete.
    case dataEnd(HTTP2FrameHeader)
    /// A frame was larger than the buffering cap: its payload was skipped.
    case oversized(HTTP2FrameHeader)
}

/// Splits one direction of an HTTP/2 connection into frames, accepting input in pieces of any size.
///
/// Non-DATA frames are buffered whole up to `maxBufferedFrame` bytes (larger ones are skipped and
/// reported as `.oversized`); DATA frames are streamed without buffering, with the pad length byte and
/// trailing padding removed (RFC 9113 §6.1). Feeding the same bytes in any split gives the same events.
package struct HTTP2FrameReader {
    private enum State {
        /// Collecting a 9-byte frame header.
        case header
        /// Buffering a non-DATA payload.
        case payload(HTTP2FrameHeader)
        /// Skipping the rest of an oversized frame.
        case skip(HTTP2FrameHeader, remaining: Int)
        /// DATA: waiting for the pad length byte of a padded frame.
        case dataPadLength(HTTP2FrameHeader)
        /// DATA: content bytes left, then padding bytes left.
        case data(HTTP2FrameHeader, content: Int, padding: Int)
    }

    private var state = State.header
    private var buffer: [UInt8] = []
    /// The packet in which the frame being read began.
    private var frameStart = PacketRef(time: .zero, index: 0)
    package let maxBufferedFrame: Int
    /// Set when a padded frame's pad length exceeds its payload (a protocol error): reading stops.
    package private(set) var failed: String?

    package init(maxBufferedFrame: Int = 1 << 20) {
        self.maxBufferedFrame = maxBufferedFrame
    }

    /// Consumes `bytes`, calling `emit` for every event they complete.
    package mutating func feed(_ input: UnsafeRawBufferPointer, packet: PacketRef, _ emit: (HTTP2FrameEvent) -> Void) {
        var bytes = input[...]
        while !bytes.isEmpty, failed == nil {
            switch state {
            case .header:
                if buffer.isEmpty { frameStart = packet }
                let need = HTTP2FrameHeader.size - buffer.count
                let take = min(need, bytes.count)
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes.prefix(take)))
                bytes = bytes.dropFirst(take)
                guard buffer.count == HTTP2FrameHeader.size else { continue }
                let header = buffer.withUnsafeBytes { HTTP2FrameHeader($0) }
                buffer.removeAll(keepingCapacity: true)
                begin(header, emit)
            case .payload(let header):
                let take = min(header.length - buffer.count, bytes.count)
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes.prefix(take)))
                bytes = bytes.dropFirst(take)
                if buffer.count == header.length { completeBuffered(header, emit) }
            case .skip(let header, let remaining):
                let take = min(remaining, bytes.count)
                bytes = bytes.dropFirst(take)
                state = remaining - take == 0 ? .header : .skip(header, remaining: remaining - take)
            case .dataPadLength(let header):
                let pad = Int(bytes.first!)
                bytes = bytes.dropFirst()
                guard pad <= header.length - 1 else {
                    failed = "DATA frame on stream \(header.streamID): pad length \(pad) exceeds payload \(header.length - 1)"
                    return
                }
                state = .data(header, content: header.length - 1 - pad, padding: pad)
                finishDataIfDone(emit)
            case .data(let header, let content, let padding):
                if content > 0 {
                    let take = min(content, bytes.count)
                    emit(.data(streamID: header.streamID, bytes: UnsafeRawBufferPointer(rebasing: bytes.prefix(take)), packet: packet))
                    bytes = bytes.dropFirst(take)
                    state = .data(header, content: content - take, padding: padding)
                } else {
                    let take = min(padding, bytes.count)
                    bytes = bytes.dropFirst(take)
                    state = .data(header, content: 0, padding: padding - take)
                }
                finishDataIfDone(emit)
            }
        }
    }

    private mutating func begin(_ header: HTTP2FrameHeader, _ emit: (HTTP2FrameEvent) -> Void) {
        if header.type == .data {
            if header.has(HTTP2Flags.padded) {
                guard header.length >= 1 else {
                    failed = "padded DATA frame on stream \(header.streamID) without a pad length byte"
                    return
                }
                state = .dataPadLength(header)
            } else {
                state = .data(header, content: header.length, padding: 0)
                finishDataIfDone(emit)
            }
        } else if header.length > maxBufferedFrame {
            emit(.oversized(header))
            state = .skip(header, remaining: header.length)
        } else if header.length == 0 {
            state = .header
            emit(.frame(header, payload: UnsafeRawBufferPointer(start: nil, count: 0), startedIn: frameStart))
        } else {
            buffer.reserveCapacity(header.length)
            state = .payload(header)
        }
    }

    private mutating func completeBuffered(_ header: HTTP2FrameHeader, _ emit: (HTTP2FrameEvent) -> Void) {
        state = .header
        buffer.withUnsafeBytes { emit(.frame(header, payload: $0, startedIn: frameStart)) }
        buffer.removeAll(keepingCapacity: true)
        if buffer.capacity > 1 << 16 { buffer = [] }
    }

    private mutating func finishDataIfDone(_ emit: (HTTP2FrameEvent) -> Void) {
        if case .data(let header, 0, 0) = state {
            state = .header
            emit(.dataEnd(header))
        }
    }
}
