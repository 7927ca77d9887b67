import Primitives

/// HTTP/2 frame types (RFC 9113 §6). Open: unknown types are kept and skipped, never an error.
package struct HTTP2FrameType: RawRepresentable, Hashable, Sendable {
    package var rawValue: UInt8
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    package static let data = HTTP2FrameType(rawValue: 0x0)
    package static let headers = HTTP2FrameType(rawValue: 0x1)
    package static let priority = HTTP2FrameType(rawValue: 0x2)
    package static let rstStream = HTTP2FrameType(rawValue: 0x3)
    package static let settings = HTTP2FrameType(rawValue: 0x4)
    package static let pushPromise = HTTP2FrameType(rawValue: 0x5)
    package static let ping = HTTP2FrameType(rawValue: 0x6)
    package static let goAway = HTTP2FrameType(rawValue: 0x7)
    package static let windowUpdate = HTTP2FrameType(rawValue: 0x8)
    package static let continuation = HTTP2FrameType(rawValue: 0x9)
}

/// Frame flags (RFC 9113 §6): the same bit means different things per type.
package enum HTTP2Flags {
    package static let endStream: UInt8 = 0x1
    package static let ack: UInt8 = 0x1
    package static let endHeaders: UInt8 = 0x4
    package static let padded: UInt8 = 0x8
    package static let priority: UInt8 = 0x20
}

/// The 9-byte frame header (RFC 9113 §4.1):
///
///     +-----------------------------------------------+
///     |                 Length (24)                   |
///     +---------------+---------------+---------------+
///     |   Type (8)    |   Flags (8)   |
///     +-+-------------+---------------+-------------------------------+
///     |R|                 Stream Identifier (31)                      |
///     +=+=============================================================+
package struct HTTP2FrameHeader: Sendable, Equatable {
    package static let size = 9
    package var length: Int
    package var type: HTTP2FrameType
    package var flags: UInt8
    package var streamID: UInt32

    /// Reads a header from exactly 9 bytes (the caller checks the count).
    package init(_ bytes: UnsafeRawBufferPointer) {
        length = Int(bytes[0]) << 16 | Int(bytes[1]) << 8 | Int(bytes[2])
        type = HTTP2FrameType(rawValue: bytes[3])
        flags = bytes[4]
        streamID = bytes.loadBigEndianUInt32(at: 5) & 0x7FFF_FFFF
    }

    package init(length: Int, type: HTTP2FrameType, flags: UInt8, streamID: UInt32) {
        self.length = length
        self.type = type
        self.flags = flags
        self.streamID = streamID
    }

    package func has(_ flag: UInt8) -> Bool { flags & flag != 0 }
}

/// The client connection preface (RFC 9113 §3.4).
package enum HTTP2Preface {
    package static let bytes: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    /// True when `prefix` starts with the preface (or is a prefix of it, `nil` then: need more bytes).
    package static func matches(_ prefix: UnsafeRawBufferPointer) -> Bool? {
        let n = min(prefix.count, bytes.count)
        for i in 0..<n where prefix[i] != bytes[i] { return false }
        return n == bytes.count ? true : nil
    }
}
