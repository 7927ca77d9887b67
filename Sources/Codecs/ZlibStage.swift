import CCompression

/// gzip (RFC 1952) and deflate (RFC 9110 §8.4.1.2: zlib-wrapped RFC 1950, or raw RFC 1951 as many
/// servers send it) over zlib's streaming `inflate`.
///
/// gzip also accepts a zlib-wrapped stream (zlib's header auto-detection) and concatenated gzip
/// members. Deflate picks zlib or raw from the first two bytes (a valid zlib header: CM = 8 and the
/// FCHECK multiple of 31). Bytes after the end of the (last) stream are ignored. Memory: one 32 KiB
/// window plus the scratch buffer.
final class ZlibStage: DecodeStage {
    enum Format { case gzip, deflate }

    private let format: Format
    private let stream: UnsafeMutablePointer<z_stream>
    private let scratch: UnsafeMutableRawBufferPointer
    private var initialised = false
    private var ended = false
    /// gzip only: a member just ended; a following 0x1F starts another member (RFC 1952 §2.2).
    private var memberEnded = false
    private var sawInput = false
    private var consumed = 0
    /// Deflate only: the first byte when it arrived alone (format undecided).
    private var pendingFirstByte: UInt8?

    init(format: Format) {
        self.format = format
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        scratch = .allocate(byteCount: decodeStageScratchBytes, alignment: 1)
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        scratch.deallocate()
    }

    private var codingName: String { format == .gzip ? "gzip" : "deflate" }

    private func start(windowBits: Int32) throws(CodecError) {
        let rc = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw CodecError(coding: codingName, offset: 0, reason: "zlib init failed (\(rc))") }
        initialised = true
    }

    /// RFC 1950 §2.2: CMF low nibble 8 (deflate), CINFO <= 7, (CMF*256 + FLG) % 31 == 0.
    private static func looksLikeZlibHeader(_ cmf: UInt8, _ flg: UInt8) -> Bool {
        cmf & 0x0F == 8 && cmf >> 4 <= 7 && (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0
    }

    func decode(_ input: UnsafeRawBufferPointer,
                sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool {
        if input.isEmpty || ended { return true }
        sawInput = true
        if !initialised {
            switch format {
            case .gzip:
                try start(windowBits: 15 + 32)
            case .deflate:
                if let first = pendingFirstByte {
                    pendingFirstByte = nil
                    let zlib = Self.looksLikeZlibHeader(first, input[0])
                    try start(windowBits: zlib ? 15 : -15)
                    let keepGoing = try withUnsafeBytes(of: first) { (b) throws(CodecError) -> Bool in
                        try inflateSome(b, sink: sink)
                    }
                    if !keepGoing { return false }
                } else if input.count < 2 {
                    pendingFirstByte = input[0]
                    return true
                } else {
                    try start(windowBits: Self.looksLikeZlibHeader(input[0], input[1]) ? 15 : -15)
                }
            }
        }
        return try inflateSome(input, sink: sink)
    }

    private func inflateSome(_ input: UnsafeRawBufferPointer,
                             sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool {
        var rest = input
        while !rest.isEmpty && !ended {
            if memberEnded {
                guard rest[0] == 0x1F else { ended = true; break }  // trailing bytes after the last member
                inflateReset(stream)
                memberEnded = false
            }
            let piece = min(rest.count, 1 << 30)
            stream.pointee.next_in = UnsafeMutablePointer(mutating: rest.baseAddress!.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = uInt(piece)
            while true {
                stream.pointee.next_out = scratch.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(scratch.count)
                let before = Int(stream.pointee.avail_in)
                let rc = inflate(stream, Z_NO_FLUSH)
                consumed += before - Int(stream.pointee.avail_in)
                let produced = scratch.count - Int(stream.pointee.avail_out)
                if produced > 0, !sink(UnsafeRawBufferPointer(rebasing: scratch[0..<produced])) { return false }
                switch rc {
                case Z_OK:
                    if stream.pointee.avail_in == 0 && produced < scratch.count { break }
                    continue
                case Z_STREAM_END:
                    if format == .gzip {
                        memberEnded = true
                        if stream.pointee.avail_in > 0, stream.pointee.next_in.pointee == 0x1F {
                            inflateReset(stream)  // RFC 1952 §2.2: a gzip file is a series of members
                            memberEnded = false
                            continue
                        }
                        if stream.pointee.avail_in > 0 { ended = true }
                    } else {
                        ended = true
                    }
                case Z_BUF_ERROR:
                    break  // no progress possible: all input consumed and output flushed
                default:
                    let msg = stream.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
                    throw CodecError(coding: codingName, offset: consumed, reason: "corrupt data (\(msg))")
                }
                break
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
        }
        return true
    }

    func finish(sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) {
        if ended || memberEnded || !sawInput { return }
        if let first = pendingFirstByte {
            pendingFirstByte = nil
            try start(windowBits: -15)
            _ = try withUnsafeBytes(of: first) { (b) throws(CodecError) -> Bool in try inflateSome(b, sink: sink) }
            if ended { return }
        }
        throw CodecError(coding: codingName, offset: consumed, reason: "truncated stream")
    }
}
