import CCompression

/// Zstandard (RFC 8878, `zstd`) over `ZSTD_decompressStream`.
///
/// The window is limited to 8 MiB (`windowLog` 23), the limit RFC 8878 §3.1.1.1.2 sets for the
/// HTTP content coding; a frame that needs more is a decode error, so memory stays bounded.
/// Concatenated frames are decoded in turn; skippable frames are skipped by the library.
final class ZstdStage: DecodeStage {
    private let stream: OpaquePointer
    private let scratch: UnsafeMutableRawBufferPointer
    private var sawInput = false
    private var consumed = 0
    /// The last return of `ZSTD_decompressStream`: 0 when a frame just ended.
    private var lastHint = 0

    init?() {
        guard let s = ZSTD_createDStream() else { return nil }
        stream = s
        ZSTD_initDStream(s)
        _ = ZSTD_DCtx_setParameter(s, ZSTD_d_windowLogMax, 23)
        scratch = .allocate(byteCount: decodeStageScratchBytes, alignment: 1)
    }

    deinit {
        ZSTD_freeDStream(stream)
        scratch.deallocate()
    }

    func decode(_ input: UnsafeRawBufferPointer,
                sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) -> Bool {
        if input.isEmpty { return true }
        sawInput = true
        var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            var outBuf = ZSTD_outBuffer(dst: scratch.baseAddress, size: scratch.count, pos: 0)
            let before = inBuf.pos
            let rc = ZSTD_decompressStream(stream, &outBuf, &inBuf)
            consumed += inBuf.pos - before
            if ZSTD_isError(rc) != 0 {
                let text = String(cString: ZSTD_getErrorName(rc))
                throw CodecError(coding: "zstd", offset: consumed, reason: "corrupt data (\(text))")
            }
            lastHint = rc
            if outBuf.pos > 0, !sink(UnsafeRawBufferPointer(rebasing: scratch[0..<outBuf.pos])) { return false }
            if inBuf.pos == inBuf.size && outBuf.pos < outBuf.size { return true }
        }
    }

    func finish(sink: (UnsafeRawBufferPointer) -> Bool) throws(CodecError) {
        if !sawInput || lastHint == 0 { return }
        throw CodecError(coding: "zstd", offset: consumed, reason: "truncated stream")
    }
}
