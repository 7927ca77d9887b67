import Primitives

/// One header field as decoded by HPACK, pseudo-headers (`:method`...) included.
package struct HTTP2HeaderField: Sendable, Equatable {
    package var name: String
    package var value: String
    package init(name: String, value: String) { self.name = name; self.value = value }
}

/// One HTTP/2 request (a client-initiated stream) with its response status.
package struct HTTP2StreamRecord: Sendable {
    package var streamID: UInt32
    /// The packet in which the stream's first HEADERS frame began.
    package var firstPacket: PacketRef
    package var method: String?
    package var scheme: String?
    package var authority: String?
    package var path: String?
    package var headers: [HTTP2HeaderField]
    package var contentType: String?
    package var contentEncoding: String?
    /// Request DATA bytes, padding removed.
    package var bodyLength = 0
    /// After content decoding (equal to `bodyLength` without Content-Encoding).
    package var bodyDecodedLength = 0
    /// The first `retainedBodyBytes` decoded request-body bytes.
    package var body: [UInt8] = []
    package var bodyTruncated = false
    /// The final (non-1xx) response status, if one was seen.
    package var status: Int?
    package var gaps = false
    package var anomalies: [String] = []
}

/// Limits of one HTTP/2 connection, with their defaults.
package struct HTTP2Limits: Sendable {
    /// Largest non-DATA frame buffered (bigger ones are skipped; HPACK sync may be lost).
    package var maxBufferedFrame = 1 << 20
    /// Largest header block (HEADERS + CONTINUATION) assembled.
    package var maxHeaderBlock = 256 << 10
    /// Largest decoded header list (RFC 7541 §4.1 sizes).
    package var maxHeaderListSize = 256 << 10
    /// Largest HPACK dynamic table a peer may announce with SETTINGS_HEADER_TABLE_SIZE (bytes).
    package var maxDynamicTableSize = 1 << 20
    /// Streams tracked at once; past it the oldest is emitted early (`http2_stream_cap`).
    package var maxOpenStreams = 1024
    /// Decoded request-body bytes kept per request (0: count only).
    package var retainedBodyBytes = 0
    /// Decompression cap per request body.
    package var maxDecodedBodyBytes = 16 << 20

    package init() {}
}

/// What an HTTP/2 connection reports.
package enum HTTP2Event: Sendable {
    case request(HTTP2StreamRecord)
    case anomaly(String)
}
